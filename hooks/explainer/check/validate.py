"""Validate stage: rules across fields and items, each problem at its field."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter

from explainer.check.limits import check_limits
from explainer.check.reserved import check_reserved_ids
from explainer.load.loader import Content, Record
from explainer.model.kinds import Actor, Fact, Series, Source, Term, Topic
from explainer.model.problems import Problem
from explainer.model.standins import stand_in_message
from explainer.text.markdown import is_allowed_link, link_targets
from explainer.text.refs import Loc, markdown_texts, text_refs

FUTURE_MARGIN = dt.timedelta(days=31)
# A hint compares the unknown id with every id of its kind: thousands of unknown references
# against thousands of ids would take minutes. The first few mistakes get a hint.
MAX_HINTS = 20


def _problem(
    record: Record,
    loc: Loc,
    message: str,
    *,
    line_offset: int = 0,
    severity: str = "error",
    needle: str = "",
    ordinal: int = 0,
) -> Problem:
    exact = record.located.find_in((record.index, *loc), needle, ordinal) if needle else None
    if exact:  # the very place in the file, when the text is written there as is
        return Problem(record.file, *exact, record.field_path(*loc), message, severity)
    line, col = record.where(*loc)
    return Problem(
        record.file, line + line_offset, col if not line_offset else 1, record.field_path(*loc), message, severity
    )


def check_duplicates(content: Content) -> list[Problem]:
    problems = []
    for kind, records in content.records.items():
        seen: dict[str, Record] = {}
        for record in records:
            first = seen.setdefault(record.item.id, record)
            if first is not record:
                line, _ = first.where()
                problems.append(
                    _problem(record, ("id",), f"duplicate {kind} id '{record.item.id}' (first at {first.file}:{line})")
                )
    return problems


def check_references(content: Content) -> list[Problem]:
    ids = {kind: {r.item.id for r in records} for kind, records in content.records.items()}
    problems = []
    hints_left = MAX_HINTS
    for record in content.all():
        for ref in record.refs:
            if ref.error:
                problems.append(
                    _problem(
                        record, ref.loc, ref.error, line_offset=ref.line_offset, needle=ref.needle, ordinal=ref.ordinal
                    )
                )
            elif ref.id not in ids.get(ref.kind, ()) and ref.id not in content.broken_ids.get(ref.kind, ()):
                near = difflib.get_close_matches(ref.id, ids.get(ref.kind, ()), n=1) if hints_left > 0 else []
                hints_left -= 1
                hint = f"; did you mean '{near[0]}'?" if near else ""
                problems.append(
                    _problem(
                        record,
                        ref.loc,
                        f"unknown {ref.kind} '{ref.id}'{hint}",
                        line_offset=ref.line_offset,
                        needle=ref.needle,
                        ordinal=ref.ordinal,
                    )
                )
    return problems


def check_links_in_text(content: Content) -> list[Problem]:
    """Links in YAML Markdown go only to http(s) addresses or inside the site, and never to a stand-in."""
    problems = []
    for record in content.all():
        for loc, text in markdown_texts(record.kind, record.item):
            block = 1 if "\n" in text else 0  # block scalars start on the line after the key
            # Parsed as the renderer parses, so entity-encoded or reference-style tricks are seen too.
            for line, what, target in link_targets(text):
                offset = line + block if line + block else 0
                if what == "image":
                    problems.append(
                        _problem(
                            record, loc, "images are not allowed in content text", line_offset=offset, needle=target
                        )
                    )
                elif not is_allowed_link(target):
                    problems.append(
                        _problem(
                            record,
                            loc,
                            f"link to '{target[:60]}' is not allowed; use an http(s) address or [[kind:id]]",
                            line_offset=offset,
                            needle=target,
                        )
                    )
                elif message := stand_in_message(target):
                    problems.append(_problem(record, loc, message, line_offset=offset, needle=target))
    return problems


def unsigned_source_ids(content: Content) -> set[str]:
    return {source.id for _, source in content.typed(Source) if source.kind == "seed"}


def said_in_unsigned_source(fact: Fact, unsigned: set[str]) -> bool:
    """An unsigned article is nobody: a claim or analysis of its own is attributed by naming the
    article in the statement, citing only unsigned articles. A forecast always needs a forecaster."""
    if fact.kind == "forecast" or not fact.sources or not set(fact.sources) <= unsigned:
        return False
    return any(ref.kind == "source" and ref.id in unsigned for ref in text_refs(fact.statement))


def check_facts(content: Content, today: dt.date) -> list[Problem]:
    problems = []
    unsigned = unsigned_source_ids(content)
    for record, fact in content.typed(Fact):
        if fact.kind != "fact" and not fact.said_by and not said_in_unsigned_source(fact, unsigned):
            problems.append(
                _problem(
                    record,
                    (),
                    f"{'an' if fact.kind[0] in 'aeiou' else 'a'} {fact.kind} needs `said_by`: the actor who made it",
                )
            )
        if not fact.date and not fact.as_of:
            problems.append(
                _problem(record, (), "needs `date` or `as_of`: when it was said, or when it was last known true")
            )
        if fact.review_after and fact.review_after.earliest() <= today:
            problems.append(
                _problem(
                    record,
                    ("review_after",),
                    f"due for review since {fact.review_after}: is it still true? update it and move `review_after` on",
                    severity="warning",
                )
            )
    return problems


FORECAST_FIELDS = ("due", "outcome", "outcome_note", "outcome_sources")


def check_forecasts(content: Content, today: dt.date) -> list[Problem]:
    """A forecast's scorecard fields: only on forecasts, an outcome shown by sources, and a nudge once due."""
    problems = []
    for record, fact in content.typed(Fact):
        given = [name for name in FORECAST_FIELDS if getattr(fact, name)]
        if fact.kind != "forecast":
            problems += [
                _problem(record, (name,), f"only a forecast has `{name}`; this statement's kind is '{fact.kind}'")
                for name in given
            ]
            continue
        if fact.outcome and fact.outcome != "too-early" and not fact.outcome_sources:
            problems.append(
                _problem(
                    record,
                    ("outcome",),
                    f"an outcome of '{fact.outcome}' needs `outcome_sources`: the sources that show what happened",
                )
            )
        if not fact.outcome:
            problems += [
                _problem(record, (name,), f"`{name}` goes with an `outcome`: add the outcome, or remove `{name}`")
                for name in ("outcome_note", "outcome_sources")
                if getattr(fact, name)
            ]
        made = fact.date or fact.as_of
        if fact.due and made and fact.due.latest() < made.earliest():
            problems.append(_problem(record, ("due",), f"{fact.due} is before the forecast was made ({made})"))
        if fact.due and not fact.outcome and fact.due.earliest() <= today:
            problems.append(
                _problem(
                    record,
                    ("due",),
                    f"due to be judged since {fact.due}: add `outcome` (too-early if it cannot be told yet) "
                    "and the sources that show it",
                    severity="warning",
                )
            )
    return problems


def check_sources(content: Content) -> list[Problem]:
    """A copy is never the publisher: `via` names where a copy was read, and goes with that copy's address.
    A source readers cannot follow (neither original nor copy) is listed, so someone finds its page."""
    problems = []
    for record, source in content.typed(Source):
        if source.via and not source.copy_url:
            problems.append(
                _problem(record, ("via",), "`via` names the site of a copy: give the copy's address in `copy_url`")
            )
        if source.kind != "seed" and not source.url and not source.copy_url:
            problems.append(
                _problem(
                    record,
                    (),
                    "no address readers can follow: give the publisher's page in `url` "
                    "(or a reputable copy in `copy_url`)",
                    severity="warning",
                )
            )
    return problems


def check_actors(content: Content) -> list[Problem]:
    """`now` says as of when; an organisation is not part of itself, nor of one of its own parts."""
    problems = []
    parents = {actor.id: actor.parent for _, actor in content.typed(Actor)}
    for record, actor in content.typed(Actor):
        if actor.now and not actor.now_as_of:
            problems.append(_problem(record, ("now",), "`now` needs `now_as_of`: the date it was last true"))
        seen, parent = {actor.id}, actor.parent
        while parent is not None and parent not in seen:
            seen.add(parent)
            parent = parents.get(parent)
        if parent is not None:
            problems.append(
                _problem(record, ("parent",), f"'{actor.parent}' is {actor.name}'s own part: parents cannot go round")
            )
    return problems


def check_series(content: Content) -> list[Problem]:
    """Points in date order, one per date, each with a source; an estimate names whose it is."""
    problems = []
    for record, series in content.typed(Series):
        if series.estimate and not series.said_by:
            problems.append(
                _problem(record, ("estimate",), "an estimate needs `said_by`: the actor whose estimate it is")
            )
        seen: dict[str, int] = {}
        for i, point in enumerate(series.points):
            date_loc = ("points", i, "date")
            first = seen.setdefault(point.date.iso(), i)
            if first != i:
                line, _ = record.where("points", first, "date")
                problems.append(_problem(record, date_loc, f"{point.date} appears twice (first at line {line})"))
            elif i and point.date.earliest() <= series.points[i - 1].date.earliest():
                before = series.points[i - 1].date
                problems.append(
                    _problem(
                        record,
                        date_loc,
                        f"{point.date} is listed after {before}; list points in date order, earliest first",
                    )
                )
            if not point.sources and not series.sources:
                problems.append(
                    _problem(record, ("points", i), "needs a source: give the point `sources`, or the series `sources`")
                )
    return problems


def check_dates(content: Content, today: dt.date) -> list[Problem]:
    """Dates of things that happened may not lie in the future."""
    latest = today + FUTURE_MARGIN
    problems = []
    fields = {"event": ("date",), "source": ("date",), "fact": ("date", "as_of"), "actor": ("founded",)}
    for kind, names in fields.items():
        for record in content.of(kind):
            for name in names:
                value = getattr(record.item, name)
                if value and value.earliest() > latest:
                    problems.append(
                        _problem(record, (name,), f"{value} is in the future; dates record what has happened")
                    )
    return problems


def check_unique_names(content: Content) -> list[Problem]:
    """A glossary name may belong to one term only, or linking would be ambiguous."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for record, term in content.typed(Term):
        names: list[tuple[Loc, str]] = (
            [(("term",), term.term)]
            + ([(("abbreviation",), term.abbreviation)] if term.abbreviation else [])
            + [(("aliases", i), a) for i, a in enumerate(term.aliases)]
        )
        for loc, name in names:
            previous = owner.setdefault(name, term.id)
            if previous != term.id:
                problems.append(_problem(record, loc, f"'{name}' already names term '{previous}'"))
    orders = Counter(topic.order for _, topic in content.typed(Topic))
    for record, topic in content.typed(Topic):
        if orders[topic.order] > 1:
            problems.append(_problem(record, ("order",), f"order {topic.order} is used by more than one topic"))
    return problems


def validate(content: Content, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    return (
        check_duplicates(content)
        + check_references(content)
        + check_links_in_text(content)
        + check_facts(content, today)
        + check_forecasts(content, today)
        + check_sources(content)
        + check_series(content)
        + check_actors(content)
        + check_dates(content, today)
        + check_unique_names(content)
        + check_limits(content)
        + check_reserved_ids(content)
    )
