"""The home page's generated parts, placed in the hand-written `docs/index.md` by markers.

A marker is an HTML comment on a line of its own, e.g. `<!-- home:newest -->`. The
prose around it stays the editor's; the part comes from content. Comments, not
`[[...]]`: a reference is a link to an item and nothing else, and where no hook
runs (a Markdown preview, another generator) a marker shows nothing at all. The
same function fills the markers in `mkdocs build` and in `explainer export`, and
`explainer check` reports an unknown or misplaced one with its line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from explainer.model.kinds import Series, Topic, Update
from explainer.model.problems import Problem
from explainer.pages.charts import amount, format_number
from explainer.resolve import addresses
from explainer.text.codespans import code_ranges, in_code

if TYPE_CHECKING:
    from explainer.pages.render import PageRenderer

TEMPLATE = "home_parts.md.j2"
# Each part is a block of the same name in the template; listed in the order they read.
PARTS = ("updated", "numbers", "newest", "topics", "figures")
HOME_FIGURES = 1  # the series listed first in content/ is the home page's one lead chart
NEWEST_EVENTS = 6
KEY_NUMBERS = 4  # the latest value of the first series in the content, each linking to its chart
ANSWER_LIMIT = 220  # a card's one-line answer is cut to this many characters

_MARKER_RE = re.compile(r"<!--\s*home:(?P<name>[^\s>]*)\s*-->")
# A sentence ends at . ! or ? (perhaps inside quotes or brackets) before a word that starts with
# a capital or a digit, or has a capital inside (iFLYTEK).
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?(?:[A-Z0-9]|[a-z]+[A-Z]))")
# Words whose full stop ends no sentence: initials (U.S., U.K.) and common abbreviations.
_ABBREVIATION_RE = re.compile(
    r"(?:^|[\s(])(?:(?:[A-Z]\.)*[A-Z]|Mr|Mrs|Ms|Dr|St|No|Inc|Co|Corp|Ltd|Jr|Sr|vs|e\.g|i\.e)$"
)


def first_sentence(text: str, limit: int = ANSWER_LIMIT) -> str:
    """The first sentence of plain text, cut at a word with '…' if it is longer than `limit`."""
    text = " ".join(text.split())
    for match in _SENTENCE_END_RE.finditer(text):
        if not _ABBREVIATION_RE.search(text[: match.start()]):
            text = text[: match.end()].rstrip()
            break
    if len(text) > limit:
        head = text[: limit - 1]
        if text[limit - 1] != " ":  # the cut falls inside a word: drop that word
            head = head.rsplit(" ", 1)[0]
        text = head.rstrip(" ,;:") + "…"
    return text


def home_parts(
    renderer: PageRenderer, figures: list[Series] | None = None, last_changed: dt.date | None = None
) -> dict[str, str]:
    """Every part, rendered for the home page (links relative to its address). `figures` is the
    featured chart (by default the first series in the content); an empty part renders as nothing.
    `last_changed` is the day content last changed (git); without it, the newest dated item's day."""
    graph = renderer.graph
    if figures is None:
        figures = graph.all(Series)[:HOME_FIGURES]
    updates = [u for u in graph.all(Update) if u.reader_type != "site"]
    events = graph.events_sorted()
    dated = [u.date for u in updates] + [e.date for e in events[-1:]]
    newest_item = max((d.earliest() for d in dated), default=None)
    last_updated = last_changed or newest_item
    topics: list[Topic] = graph.topics_sorted()
    return renderer.render_blocks(
        TEMPLATE,
        addresses.HOME_PAGE,
        PARTS,
        last_updated=last_updated,
        covers_to=events[-1].date if events else None,
        whats_new_url=addresses.listing_url("update"),
        timeline_url=addresses.listing_url("event"),
        topics_url=addresses.listing_url("topic"),
        newest=list(reversed(graph.events_sorted()))[:NEWEST_EVENTS],
        topic_cards=[{"topic": t, "answer": first_sentence(graph.plain(t.answer))} for t in topics],
        figures=figures,
        numbers=[key_number(s) for s in graph.all(Series)[:KEY_NUMBERS]],
        figures_url=addresses.listing_url("series"),
    )


def key_number(series: Series) -> dict[str, object]:
    """A series' latest value, as a reader's key number: the amount, what it measures, and when."""
    latest = series.points[-1]
    return {"series": series, "amount": headline_amount(latest.value, series.unit), "point": latest}


# A headline number reads best in the larger unit: 351,400 million units -> 351.4 billion units.
_LARGER = {"usd-million": ("US${} billion", 1000), "units-million": ("{} billion units", 1000)}


def headline_amount(value: float, unit: str) -> str:
    """A value as a headline: in the larger unit from a thousand up, to three significant digits."""
    template, factor = _LARGER.get(unit, (None, 1))
    if template is not None and abs(value) >= factor:
        value /= factor
    else:
        template = None
    decimals = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    if float(value).is_integer() and abs(value) < 100:
        decimals = 0
    text = format_number(value, decimals)
    return template.format(text) if template else amount(value, unit, decimals)


def fill_markers(
    markdown: str,
    page_src: str,
    parts: Mapping[str, str] | None,
    shown_path: str,
    line_offset: int = 0,
) -> tuple[str, list[Problem]]:
    """`markdown` with each marker replaced by its part (or, with `parts` None, left as it is:
    `check` renders nothing), and a problem for each unknown, misplaced or inline marker."""
    problems: list[Problem] = []
    out = ""
    end = 0
    code = code_ranges(markdown)  # a marker shown in code (as on the contributing page) is text
    for match in _MARKER_RE.finditer(markdown):
        name, start = match.group("name"), match.start()
        if in_code(start, code):
            continue
        line_start = markdown.rfind("\n", 0, start) + 1
        line_end = len(markdown) if markdown.find("\n", start) < 0 else markdown.find("\n", start)
        alone = not markdown[line_start:start].strip() and not markdown[match.end() : line_end].strip()
        message = (
            f"<!-- home:{name} --> goes only on the home page ({addresses.HOME_PAGE})"
            if page_src != addresses.HOME_PAGE
            else f"unknown home part '{name}'; expected one of {', '.join(PARTS)}"
            if name not in PARTS
            else f"<!-- home:{name} --> must stand on a line of its own"
            if not alone
            else None
        )
        if message:
            line = markdown.count("\n", 0, start) + 1 + line_offset
            problems.append(Problem(shown_path, line, start - line_start + 1, "", message))
        elif parts is not None:
            out += markdown[end:line_start]
            end = min(line_end + 1, len(markdown))  # the marker's line goes, with its newline
            part = parts[name].strip("\n")
            if not part:  # nothing to show: drop the marker's line and one blank line around it
                end += 1 if out.endswith("\n\n") and markdown[end : end + 1] == "\n" else 0
                continue
            # A blank line before and after: Markdown reads the part's headings and HTML as blocks.
            out += ("\n" if out and not out.endswith("\n\n") else "") + part + "\n"
            out += "" if markdown[end : end + 1] in ("\n", "") else "\n"
    return out + markdown[end:], problems
