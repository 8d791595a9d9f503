"""The typed content model: the one source of truth for YAML and JSON Schema.

Types only; rules across fields and items live in `validate.py`, where each
problem can point at the exact field that breaks it.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

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

from .dates import DATE_PATTERN, PartialDate

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# The host's first character, then anything but spaces, quotes and angle brackets. (Written as
# "host part, then the rest" with overlapping classes, a long address ending in a space took
# quadratic time to refuse.)
_URL_RE = re.compile(r"^https?://[^\s/?#<>\"'`][^\s<>\"'`]*$")


def _check_url(value: str) -> str:
    if not _URL_RE.match(value):
        raise ValueError(f"{value!r} is not an http(s) address")
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="A stable id: lower-case words joined by hyphens.", examples=["smic"]),
]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    Field(description="Plain text on one line."),
]
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20000),
    Field(description="Markdown (no raw HTML); refer to items with [[kind:id]]."),
]
Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^https?://",
            "format": "uri",
            "description": "An http(s) address.",
            "examples": ["https://www.bis.gov/"],
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
            "pattern": DATE_PATTERN,
            "description": "YYYY, YYYY-MM or YYYY-MM-DD, at the precision the source supports.",
            "examples": ["2019-10-07", "2023-10", "2015"],
        }
    ),
]
Refs = Annotated[list[Slug], Field(default_factory=list)]


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Slug


class Source(Item):
    """One article or document that facts and events cite."""

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
    summary: Markdown = Field(description="Our own summary, never the source's sentences.")
    key_points: list[Markdown] = Field(default_factory=list)
    actors: Refs


class Fact(Item):
    """One checkable statement, labelled by what kind of statement it is."""

    statement: Markdown
    kind: Literal["fact", "claim", "analysis", "forecast"] = Field(
        description="fact: checkable; claim: someone's assertion; analysis: an interpretation; forecast: a prediction."
    )
    said_by: Slug | None = Field(None, description="The actor who made a claim, analysis or forecast.")
    date: Date | None = Field(None, description="When it happened or was said.")
    as_of: Date | None = Field(None, description="When it was last known to be true.")
    review_after: Date | None = Field(None, description="After this date `check` lists the fact for review.")
    sources: Annotated[list[Slug], Field(min_length=1)]
    topics: Refs
    actors: Refs
    note: Markdown | None = None


class Event(Item):
    """One dated happening on the timeline."""

    date: Date
    title: Text
    summary: Markdown | None = None
    actors: Refs
    topics: Refs
    sources: Annotated[list[Slug], Field(min_length=1)]
    note: Markdown | None = None


class Term(Item):
    """A glossary entry."""

    term: Text
    abbreviation: Text | None = Field(None, description="Short form shown with a tooltip, e.g. BIS.")
    aliases: list[Text] = Field(default_factory=list, description="Other names the text may use; they link here too.")
    zh: Text | None = Field(None, description="The Chinese name, e.g. 中芯国际.")
    pinyin: Text | None = None
    definition: Markdown
    related: Refs
    actors: Refs
    sources: Refs


class Actor(Item):
    """A company, agency, person, place, product or policy."""

    name: Text
    kind: Literal["company", "agency", "person", "place", "product", "policy", "organization"]
    description: Markdown
    role: Text | None = Field(None, description="For a person: their position.")
    zh: Text | None = None
    pinyin: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    url: Url | None = None


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    heading: Text
    body: Markdown


class Topic(Item):
    """An explainer page answering one question."""

    title: Text = Field(description="Short title for navigation.")
    question: Text
    order: Annotated[int, Field(ge=1, description="Position among the topics.")]
    answer: Markdown = Field(description="The short answer, two or three sentences.")
    sections: Annotated[list[Section], Field(min_length=1)]
    reviewed: Date = Field(description="When the topic was last reviewed as a whole, e.g. 2026-11.")
    key_facts: Refs
    actors: Refs


# kind name -> (model, plural used for files, folders and field paths)
KINDS: dict[str, tuple[type[Item], str]] = {
    "source": (Source, "sources"),
    "actor": (Actor, "actors"),
    "term": (Term, "terms"),
    "event": (Event, "events"),
    "fact": (Fact, "facts"),
    "topic": (Topic, "topics"),
}
