"""Caps that keep every stage linear in its input, each reported at the field that passes it.

Without them a small file costs far more than its size: a glossary name of a
hundred words is tried at every word of every page, thousands of references in
one text each become a link, an error and a backlink, and one listing page can
be asked to hold every event of a month. The caps sit far above anything the
site's real content needs.
"""

from __future__ import annotations

from collections import defaultdict

from explainer.load.loader import Content, Record
from explainer.model.kinds import Term, reference_fields
from explainer.model.problems import Problem
from explainer.resolve.graph import SiteGraph, item_date
from explainer.text.glossary import MAX_NAME_WORDS, name_words
from explainer.text.refs import REF_RE, Loc, markdown_texts

MAX_REFS_PER_FIELD = 500  # [[kind:id]] in one text, or ids in one list
# Items one listing page shows: a part of a split listing (a month of events, a letter of
# the glossary), and the indexes of actors, sources and topics, which are not split.
MAX_LISTING_ITEMS = {"event": 1000, "fact": 1000, "term": 1000, "actor": 5000, "source": 5000, "topic": 1000}
_LISTING_NAMES = {
    "event": "the timeline",
    "fact": "the facts page",
    "term": "the glossary",
    "actor": "the actors index",
    "source": "the sources index",
    "topic": "the topics index",
}


def check_name_lengths(content: Content) -> list[Problem]:
    problems = []
    for record in content.of("term"):
        term = record.item
        if not isinstance(term, Term):
            continue
        names: list[tuple[tuple[str | int, ...], str]] = [(("term",), term.term)]
        names += [(("aliases", i), alias) for i, alias in enumerate(term.aliases)]
        if term.abbreviation:
            names.append((("abbreviation",), term.abbreviation))
        for loc, name in names:
            count = len(name_words(name))
            if count > MAX_NAME_WORDS:
                problems.append(
                    record.problem(
                        loc, f"a glossary name may have at most {MAX_NAME_WORDS} words; this one has {count}"
                    )
                )
    return problems


def check_reference_counts(content: Content) -> list[Problem]:
    problems = []
    for record in content.all():
        for field in reference_fields(record.kind):
            value = getattr(record.item, field)
            if isinstance(value, list) and len(value) > MAX_REFS_PER_FIELD:
                problems.append(_too_many_refs(record, (field,), len(value), "ids"))
        for loc, text in markdown_texts(record.kind, record.item):
            count = sum(1 for _ in REF_RE.finditer(text))
            if count > MAX_REFS_PER_FIELD:
                problems.append(_too_many_refs(record, loc, count, "references"))
    return problems


def _too_many_refs(record: Record, loc: Loc, count: int, what: str) -> Problem:
    return record.problem(loc, f"{count} {what} in one field; at most {MAX_REFS_PER_FIELD} are allowed")


def check_listing_sizes(content: Content) -> list[Problem]:
    """No listing page would hold more than its cap (split listings are counted per part)."""
    graph = SiteGraph(content)  # only to split listings as the site will
    problems = []
    for kind, cap in MAX_LISTING_ITEMS.items():
        split = kind == "term" or (
            # (an undated fact is an error of its own; its listing is counted once it is fixed)
            kind in ("event", "fact") and all(item_date(kind, r.item) for r in content.of(kind))
        )
        periods = graph.periods(kind) if split else {}
        parts: dict[str, list[Record]] = defaultdict(list)
        for record in content.of(kind):
            parts[periods.get(record.item.id, "")].append(record)
        for part, records in sorted(parts.items()):
            if len(records) <= cap:
                continue
            first_over = records[cap]
            where = _LISTING_NAMES[kind] + (f" for {part}" if part else "")
            message = f"{len(records)} items would share one page of {where}; a listing page holds at most {cap}"
            problems.append(first_over.problem(_listed_by(kind, first_over), message))
    return problems


def _listed_by(kind: str, record: Record) -> tuple[str, ...]:
    """The field that puts an item on its listing page."""
    if kind == "term":
        return ("term",)
    if kind in ("event", "fact"):
        return ("date",) if kind == "event" or getattr(record.item, "date", None) else ("as_of",)
    return ("id",)


def check_limits(content: Content) -> list[Problem]:
    return check_name_lengths(content) + check_reference_counts(content) + check_listing_sizes(content)
