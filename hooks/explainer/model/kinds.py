"""The typed content model: the one source of truth for YAML, JSON Schema and every kind's facts.

Each field says what it is through its type: `Markdown` fields hold text with
`[[kind:id]]` references, `...Ids` and `...Id` fields refer to items of one kind.
Each kind's class carries its names and description. Validation, the graph,
rendering, schemas and open data all derive from this; where a kind's pages
live is `addresses.py`'s job. Rules across fields and items live in
`validate.py`, where each problem can point at the exact field that breaks it.
"""

from __future__ import annotations

import math
import re
import typing
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)

from explainer.model.dates import DATE_SCHEMA_PATTERN, PartialDate
from explainer.model.standins import stand_in_message

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s/?#<>\"'`]+[^\s<>\"'`]*$"
# The host's first character, then anything but spaces, quotes and angle brackets. (Written as
# "host part, then the rest" with overlapping classes, a long address ending in a space took
# quadratic time to refuse.) Used with fullmatch: `$` also matches before a final line break.
_URL_RE = re.compile(r"https?://[^\s/?#<>\"'`][^\s<>\"'`]*")


def _check_url(value: str) -> str:
    if value != value.strip():
        raise ValueError(f"{value[:80]!r} starts or ends with a space or line break; write the address alone")
    if not _URL_RE.fullmatch(value):
        raise ValueError(f"{value[:80]!r} is not an http(s) address")
    if problem := stand_in_message(value):
        raise ValueError(problem)
    return value


@dataclass(frozen=True)
class RefersTo:
    """Field metadata: the field holds the id (or ids) of items of `kind`."""

    kind: str


@dataclass(frozen=True)
class IsMarkdown:
    """Field metadata: the field holds Markdown that may carry `[[kind:id]]` references."""


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="A stable id: lower-case words joined by hyphens.", examples=["example-id"]),
]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    Field(description="Plain text on one line."),
]
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20000),
    IsMarkdown(),
    Field(description="Markdown (no raw HTML); refer to items with [[kind:id]]."),
]
Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": URL_PATTERN,
            "format": "uri",
            "description": "An http(s) address.",
            "examples": ["https://www.example.org/"],
        }
    ),
]
Date = Annotated[
    PartialDate,
    PlainValidator(PartialDate.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": DATE_SCHEMA_PATTERN,
            "minimum": 1900,
            "maximum": 9999,
            "description": "YYYY, YYYY-MM or YYYY-MM-DD, at the precision the source supports.",
            "examples": ["2019-10-07", "2023-10", "2015"],
        }
    ),
]


def _check_number(value: object) -> float:
    """A number as YAML writes one: digits, not text ("12bn", "306.4" in quotes) and not a boolean."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        shown = f"{value!r}"[:60]
        raise ValueError(
            f"{shown} is not a number; write digits only, e.g. 306.4 (the unit goes in the series' `unit`)"
        )
    if not math.isfinite(value):
        raise ValueError(f"{value!r} is not a number a chart can show")
    if abs(value) > MAX_VALUE:
        shown = f"{value:,}" if isinstance(value, int) else f"{value:g}"
        raise ValueError(
            f"{shown} is out of range: a value may be at most {MAX_VALUE:,.0f} either side of zero; "
            "use a larger unit (e.g. usd-billion rather than usd-million)"
        )
    # + 0.0 turns -0.0 into 0.0, which the table, the CSV and the JSON all write as 0.
    return float(value) + 0.0 if isinstance(value, float) else value


# Charts, sums and axis scales stay exact and finite within 15 digits (a float holds 15 to 17);
# pygal overflows on values near 1e300, and integers past 2**53 lose digits as floats.
MAX_VALUE = 10**15


Number = Annotated[
    float,
    PlainValidator(_check_number),
    WithJsonSchema(
        {
            "type": "number",
            "minimum": -MAX_VALUE,
            "maximum": MAX_VALUE,
            "description": "A number, without units or quotes.",
            "examples": [306.4],
        }
    ),
]

# References: one alias per target kind, so a field's type names what it points at.
ActorId = Annotated[Slug, RefersTo("actor")]
ActorIds = Annotated[list[Slug], RefersTo("actor"), Field(default_factory=list)]
SourceIds = Annotated[list[Slug], RefersTo("source"), Field(default_factory=list)]
CitedSourceIds = Annotated[list[Slug], RefersTo("source"), Field(min_length=1)]
TopicIds = Annotated[list[Slug], RefersTo("topic"), Field(default_factory=list)]
TermIds = Annotated[list[Slug], RefersTo("term"), Field(default_factory=list)]
FactIds = Annotated[list[Slug], RefersTo("fact"), Field(default_factory=list)]


class Item(BaseModel):
    # defer_build: validators are built on first use, so a kind no file holds never pays for them
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    KIND: ClassVar[str]  # the name in `[[kind:id]]`
    PLURAL: ClassVar[str]  # file and folder names, field paths in messages, data file names
    TITLE: ClassVar[str]  # how readers see the kind's name, e.g. "Glossary entry"
    DESCRIPTION: ClassVar[str]  # one sentence for the open-data page and catalog
    LABEL_FIELD: ClassVar[str]  # the field that names an item in links

    id: Slug

    def label_text(self) -> str:
        value = getattr(self, self.LABEL_FIELD)
        return value if isinstance(value, str) else self.id


class Source(Item):
    """One article or document that facts and events cite."""

    KIND = "source"
    PLURAL = "sources"
    TITLE = "Source"
    DESCRIPTION = "Articles and documents the site cites, with our own summaries."
    LABEL_FIELD = "title"

    title: Text = Field(
        description="The page's real headline, checked against the page; where no headline is "
        "known, a short description with `headline_known: false`."
    )
    headline_known: bool = Field(True, description="false when `title` is our description, not the page's headline.")
    publisher: Text = Field(description="The original outlet or issuer.")
    via: Text | None = Field(None, description="The site where a copy was read (with `copy_url`), never the publisher.")
    kind: Literal["primary", "news", "legal-summary", "secondary", "seed"] = Field(
        description="primary: the issuer itself; news: a news outlet; legal-summary: a law firm's notice; "
        "secondary: an aggregator; seed: one of the articles the site starts from."
    )
    date: Date
    url: Url | None = Field(None, description="The original publisher's page; leave out only when no address is known.")
    copy_url: Url | None = Field(None, description="A copy's address, where the original could be read only there.")
    archive_url: Url | None = Field(
        None,
        description="An archived copy's address, e.g. the Wayback Machine's copy nearest `date`, "
        "for when the original moves or disappears.",
    )
    summary: Markdown = Field(description="Our own summary, never the source's sentences.")
    key_points: list[Markdown] = Field(default_factory=list)
    actors: ActorIds


class Fact(Item):
    """One checkable statement, labelled by what kind of statement it is."""

    KIND = "fact"
    PLURAL = "facts"
    TITLE = "Fact"
    DESCRIPTION = "Facts, claims, analyses and forecasts, each with its sources."
    LABEL_FIELD = "statement"

    statement: Markdown
    kind: Literal["fact", "claim", "analysis", "forecast"] = Field(
        description="fact: checkable; claim: someone's assertion; analysis: an interpretation; forecast: a prediction."
    )
    said_by: ActorId | None = Field(None, description="The actor who made a claim, analysis or forecast.")
    date: Date | None = Field(None, description="When it happened or was said.")
    as_of: Date | None = Field(None, description="When it was last known to be true.")
    review_after: Date | None = Field(None, description="After this date `check` lists the fact for review.")
    sources: CitedSourceIds
    topics: TopicIds
    actors: ActorIds
    note: Markdown | None = None
    # A forecast's scorecard: when it can be judged, and once judged, how it turned out.
    due: Date | None = Field(
        None, description="For a forecast: when it can be judged; from then on `check` asks for its outcome."
    )
    outcome: Literal["borne-out", "not-borne-out", "mixed", "too-early"] | None = Field(
        None,
        description="For a forecast, once judged: borne-out, not-borne-out, mixed, or too-early (not yet judgeable).",
    )
    outcome_note: Markdown | None = Field(None, description="For a judged forecast: what happened, in our words.")
    outcome_sources: SourceIds = Field(description="For a judged forecast: the sources that show what happened.")


class Event(Item):
    """One dated happening on the timeline."""

    KIND = "event"
    PLURAL = "events"
    TITLE = "Event"
    DESCRIPTION = "Dated events on the timeline."
    LABEL_FIELD = "title"

    date: Date
    title: Text
    summary: Markdown | None = None
    actors: ActorIds
    topics: TopicIds
    sources: CitedSourceIds
    note: Markdown | None = None


class Term(Item):
    """A glossary entry."""

    KIND = "term"
    PLURAL = "terms"
    TITLE = "Term"
    DESCRIPTION = "Glossary entries, with names in other languages and abbreviations."
    LABEL_FIELD = "term"

    term: Text
    abbreviation: Text | None = Field(None, description="Short form shown with a tooltip, e.g. WTO.")
    aliases: list[Text] = Field(default_factory=list, description="Other names the text may use; they link here too.")
    zh: Text | None = Field(None, description="The name in Hanzi (zh-Hans), where one exists.")
    pinyin: Text | None = Field(None, description="The Hanzi name's romanisation, with tone marks.")
    definition: Markdown
    related: TermIds
    actors: ActorIds
    sources: SourceIds


class Actor(Item):
    """A company, agency, person, place, product or policy."""

    KIND = "actor"
    PLURAL = "actors"
    TITLE = "Actor"
    DESCRIPTION = "Companies, agencies, people, places, products and policies."
    LABEL_FIELD = "name"

    name: Text
    kind: Literal["company", "agency", "person", "place", "product", "policy", "organization", "publisher"]
    description: Markdown
    role: Text | None = Field(None, description="For a person: their position.")
    zh: Text | None = Field(None, description="The name in Hanzi (zh-Hans), where one exists.")
    pinyin: Text | None = Field(None, description="The Hanzi name's romanisation, with tone marks.")
    aliases: list[Text] = Field(default_factory=list)
    url: Url | None = None
    # Profile fields, all optional: what an infobox shows for an organisation.
    founded: Date | None = Field(None, description="When the organisation was founded, at the precision known.")
    headquarters: Text | None = Field(None, description="Where it is based: city, region, country.")
    leaders: list[Text] = Field(
        default_factory=list, description="Its leaders as 'Name (role)', e.g. 'Chen Tianshi (chairman and CEO)'."
    )
    makes: Markdown | None = Field(None, description="What it makes or does, in a sentence or two.")
    headline_facts: FactIds = Field(
        description="One or two facts to show as its headline numbers, each dated and sourced.",
        max_length=3,
    )
    parent: ActorId | None = Field(
        None, description="The organisation it is part of (BIS: the Commerce Department); the parent lists its parts."
    )
    now: Markdown | None = Field(None, description="Where it stands now, in two or three sentences, with references.")
    now_as_of: Date | None = Field(None, description="When `now` was last true to what sources show; required with it.")


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    heading: Text
    body: Markdown


class Deadline(BaseModel):
    """A dated end or decision a topic's reader should watch for, with its status when last checked."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    due: Date = Field(description="When the measure ends or the decision is due, e.g. 2026-11-10.")
    what: Markdown = Field(description="The measure or decision, in a few words.")
    status: Markdown = Field(description="What was known of it on `checked`, in our words, with references.")
    checked: Date = Field(description="When its status was last checked, e.g. 2026-12-07.")


class Topic(Item):
    """An explainer page answering one question."""

    KIND = "topic"
    PLURAL = "topics"
    TITLE = "Topic"
    DESCRIPTION = "The explainer pages: question, short answer and sections."
    LABEL_FIELD = "title"

    title: Text = Field(description="Short title for navigation.")
    question: Text
    order: Annotated[int, Field(ge=1, description="Position among the topics.")]
    reviewed: Date = Field(description="When the topic was last reviewed as a whole, e.g. 2026-11.")
    answer: Markdown = Field(description="The short answer, one or two sentences.")
    key_points: (
        Annotated[
            list[Markdown],
            Field(
                min_length=3,
                max_length=5,
                description="Three to five key points under the answer, one sentence each; leave out to show none.",
            ),
        ]
        | None
    ) = None
    deadlines: list[Deadline] = Field(
        default_factory=list,
        description="Open deadlines shown first under What to watch, the soonest first; leave out when none.",
    )
    sections: Annotated[list[Section], Field(min_length=1)]
    key_facts: FactIds
    actors: ActorIds


class Update(Item):
    """A dated addition or correction, for the "What's new" page and the feed."""

    KIND = "update"
    PLURAL = "updates"
    TITLE = "Update"
    DESCRIPTION = "What changed on the site and when: additions, and corrections that say what was wrong."
    LABEL_FIELD = "summary"

    date: Date
    kind: Literal["addition", "correction"] = Field(
        description="addition: new content; correction: a fix, whose summary says what was wrong."
    )
    type: Literal["story", "correction", "site"] | None = Field(
        None,
        description="Where it shows on What's new: story (developments added to the story), correction "
        "(what was wrong, now right) or site (a change to the site itself, kept out of readers' pages); "
        "left out, an addition counts as story and a correction as correction.",
    )
    summary: Markdown

    @property
    def reader_type(self) -> str:
        """The part of What's new this update belongs in ('site': none)."""
        return self.type or ("story" if self.kind == "addition" else "correction")


SeriesUnit = Literal[
    "usd-billion",
    "usd-million",
    "cny-billion",
    "percent",
    "units-million",
    "units-thousand",
    "wafers-thousand-per-month",
    "count",
]
# How readers see each unit: axis titles, table headers and chart descriptions.
UNIT_LABELS: dict[str, str] = {
    "usd-billion": "US$ billion",
    "usd-million": "US$ million",
    "cny-billion": "billion yuan",
    "percent": "per cent",
    "units-million": "million units",
    "units-thousand": "thousand units",
    "wafers-thousand-per-month": "thousand wafers a month",
    "count": "number",
}
# A value with its unit, in sentences ("US$306.4 billion"): `{}` is the formatted number.
UNIT_AMOUNTS: dict[str, str] = {
    "usd-billion": "US${} billion",
    "usd-million": "US${} million",
    "cny-billion": "{} billion yuan",
    "percent": "{}%",
    "units-million": "{} million units",
    "units-thousand": "{} thousand units",
    "wafers-thousand-per-month": "{} thousand wafers a month",
    "count": "{}",
}
assert set(UNIT_LABELS) == set(UNIT_AMOUNTS) == set(get_args(SeriesUnit)), "every unit needs its labels"


def _check_unit(value: object) -> str:
    if not isinstance(value, str) or value not in UNIT_LABELS:  # (a list or mapping is not hashable)
        shown = f"{value!r}"[:60]
        raise ValueError(f"{shown} is not a unit; expected one of: {', '.join(UNIT_LABELS)}")
    return value


Unit = Annotated[
    SeriesUnit,
    PlainValidator(_check_unit),
    WithJsonSchema({"enum": list(UNIT_LABELS), "description": "What the values count."}),
]


class Point(BaseModel):
    """One dated value of a series."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    date: Date
    value: Number
    sources: SourceIds = Field(description="Sources of this value, where the series' own do not cover it.")
    note: Text | None = Field(None, description="A caveat about this value, in plain text.")


class Series(Item):
    """Numbers over time (imports, revenues, output, shares), drawn as a chart."""

    KIND = "series"
    PLURAL = "series"
    TITLE = "Figure"
    DESCRIPTION = "Numbers over time, each value dated and sourced, as drawn in the site's charts."
    LABEL_FIELD = "title"

    title: Text
    finding: Text | None = Field(
        None,
        description="What the data shows, in one sentence of our own, shown as the chart's headline above "
        "`title`; only what the values themselves show.",
    )
    unit: Unit
    description: Markdown = Field(description="What is measured, by whom, and any caveats, in our own words.")
    said_by: ActorId | None = Field(None, description="The actor whose estimate this is; required when `estimate`.")
    estimate: bool = Field(
        False, description="true when the figures are someone's estimate, not an official statistic."
    )
    sources: SourceIds = Field(description="Sources for the whole series; a point may add its own.")
    topics: TopicIds
    actors: ActorIds
    points: Annotated[list[Point], Field(min_length=2, description="At least two, in date order, one per date.")]


# Every kind, in the order files are loaded, data is published and kinds are listed.
KINDS: dict[str, type[Item]] = {cls.KIND: cls for cls in (Source, Actor, Term, Event, Fact, Topic, Update, Series)}

FieldPath = tuple[str, ...]  # "*" walks a list: ("sections", "*", "body")


def _metadata(annotation: object) -> tuple[list[object], object]:
    """The metadata of an Annotated type (through `X | None` and `list[X]`), and the innermost type."""
    found: list[object] = []
    while True:
        if typing.get_origin(annotation) is Annotated:
            found.extend(annotation.__metadata__)  # type: ignore[attr-defined]
            annotation = typing.get_args(annotation)[0]
            continue
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1 and typing.get_origin(annotation) in (typing.Union, list, type(int | None)):
            annotation = args[0]
            continue
        return found, annotation


def _fields(model: type[BaseModel], prefix: FieldPath = ()) -> typing.Iterator[tuple[FieldPath, list[object], bool]]:
    """(path, metadata, is a list) for every field, walking into nested models."""
    for name, info in model.model_fields.items():
        is_list = typing.get_origin(_strip_optional(info.annotation)) is list
        metadata, inner = _metadata(info.annotation)
        path = (*prefix, name, *(("*",) if is_list else ()))
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            yield from _fields(inner, path)
        else:
            yield path, [*metadata, *info.metadata], is_list


def _strip_optional(annotation: object) -> object:
    """`X | None` as X, and `Annotated[X, ...]` as X: an optional list of texts is a list."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    inner = args[0] if typing.get_origin(annotation) is not list and len(args) == 1 else annotation
    while typing.get_origin(inner) is typing.Annotated:
        inner = typing.get_args(inner)[0]
    return inner


def markdown_fields(kind: str) -> tuple[FieldPath, ...]:
    return _MARKDOWN_FIELDS[kind]


def reference_fields(kind: str) -> dict[str, str]:
    """Top-level id fields of a kind: field name -> the kind its ids refer to."""
    return _REFERENCE_FIELDS[kind]


def nested_reference_fields(kind: str) -> dict[FieldPath, str]:
    """Id fields inside nested models (a series' `points[*].sources`): path -> the kind its ids refer to."""
    return _NESTED_REFERENCE_FIELDS[kind]


_MARKDOWN_FIELDS: dict[str, tuple[FieldPath, ...]] = {
    kind: tuple(path for path, meta, _ in _fields(cls) if any(isinstance(m, IsMarkdown) for m in meta))
    for kind, cls in KINDS.items()
}
_REFERENCE_PATHS: dict[str, dict[FieldPath, str]] = {
    kind: {path: m.kind for path, meta, _ in _fields(cls) for m in meta if isinstance(m, RefersTo)}
    for kind, cls in KINDS.items()
}
_REFERENCE_FIELDS: dict[str, dict[str, str]] = {
    kind: {path[0]: target for path, target in paths.items() if path[1:] in ((), ("*",))}
    for kind, paths in _REFERENCE_PATHS.items()
}
_NESTED_REFERENCE_FIELDS: dict[str, dict[FieldPath, str]] = {
    kind: {path: target for path, target in paths.items() if path[1:] not in ((), ("*",))}
    for kind, paths in _REFERENCE_PATHS.items()
}
