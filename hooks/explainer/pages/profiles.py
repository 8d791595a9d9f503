"""What an actor's profile and a source's page list: their backlinks, grouped by kind and dated.

The graph knows what refers to an item; this module sorts that into what a reader
asks of a profile (its timeline, what it says, what others say about it, where it
appears, its sources) or of a source (what it supports). Templates lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.model.dates import PartialDate
from explainer.model.kinds import Actor, Event, Fact, Item, Source
from explainer.resolve import addresses
from explainer.resolve.graph import ItemT, Key, SiteGraph

# A list of statements is shown in full while it is this long or shorter; a longer one (an actor
# or source that thousands of items cite) shows a line per statement, so its page stays small.
FULL_STATEMENTS = 60
FACT_KIND_GROUPS = {"claim": "Claims", "analysis": "Analyses", "forecast": "Forecasts", "fact": "Facts"}
FACT_KIND_NAMES = {"claim": "Claim", "analysis": "Analysis", "forecast": "Forecast", "fact": "Fact"}


@dataclass(frozen=True)
class Entry:
    """One item in a group: a link, dated where the item has a date."""

    kind: str
    id: str
    date: PartialDate | None


@dataclass(frozen=True)
class Group:
    title: str
    entries: list[Entry]


@dataclass(frozen=True)
class FactGroup:
    title: str
    facts: list[Fact]

    @property
    def in_full(self) -> bool:
        return len(self.facts) <= FULL_STATEMENTS


@dataclass(frozen=True)
class ActorProfile:
    events: list[Event]  # oldest first, as on the timeline
    says: list[FactGroup]  # its own claims, analyses, forecasts, facts: by kind, oldest first
    said_about: list[Fact]  # what others say about it, oldest first
    appears_in: list[Group]  # topics, glossary entries, actors, updates and any other kind
    sources: list[str]  # ids of the sources that mention it, newest first

    @property
    def is_empty(self) -> bool:
        return not (self.events or self.says or self.said_about or self.appears_in or self.sources)

    @property
    def said_about_in_full(self) -> bool:
        return len(self.said_about) <= FULL_STATEMENTS


@dataclass(frozen=True)
class SourceSupport:
    events: list[Event]  # oldest first
    facts: list[Fact]  # oldest first
    others: list[Group]  # topics, glossary entries and any other kind that cites it

    @property
    def is_empty(self) -> bool:
        return not (self.events or self.facts or self.others)

    @property
    def facts_in_full(self) -> bool:
        return len(self.facts) <= FULL_STATEMENTS


def fact_date(fact: Fact) -> PartialDate:
    """When a statement was made, else when it was last known to be true (validation requires one)."""
    date = fact.date or fact.as_of
    assert date is not None
    return date


def date_of(item: Item) -> PartialDate | None:
    """The date an item is listed by, if it has one."""
    if isinstance(item, Fact):
        return fact_date(item)
    if "date" not in type(item).model_fields:
        return None  # asked of a model without the field, pydantic raises and catches an error: slow
    date = getattr(item, "date", None)
    return date if isinstance(date, PartialDate) else None


def _by_date(items: list[ItemT]) -> list[ItemT]:
    """Dated items oldest first (ties by id), then undated ones in the order given."""
    dates = [date_of(i) for i in items]
    dated = [(date, i) for date, i in zip(dates, items, strict=True) if date is not None]
    undated = [i for date, i in zip(dates, items, strict=True) if date is None]
    return [i for _, i in sorted(dated, key=lambda pair: (pair[0].earliest(), pair[1].id))] + undated


def _groups(graph: SiteGraph, keys: list[Key], skip: set[str]) -> list[Group]:
    """Backlinks of every kind not in `skip`, a group per kind in the order kinds are declared."""
    by_kind: dict[str, list[Item]] = {}
    for kind, ident in keys:
        if kind not in skip:
            by_kind.setdefault(kind, []).append(graph.item(kind, ident))
    groups = []
    for kind in addresses.HOMES:
        if kind in by_kind:
            items = _by_date(sorted(by_kind[kind], key=lambda i: graph.label(i.KIND, i.id).lower()))
            groups.append(Group(addresses.HOMES[kind].title, [Entry(kind, i.id, date_of(i)) for i in items]))
    return groups


def _events(graph: SiteGraph, keys: list[Key]) -> list[Event]:
    return _by_date([graph.get(Event, i) for k, i in keys if k == "event"])


def _facts(graph: SiteGraph, keys: list[Key]) -> list[Fact]:
    return _by_date([graph.get(Fact, i) for k, i in keys if k == "fact"])


def actor_profile(graph: SiteGraph, actor_id: str) -> ActorProfile:
    keys = graph.linked_from("actor", actor_id)
    facts = _facts(graph, keys)
    own = [f for f in facts if f.said_by == actor_id]
    says = [
        FactGroup(title, [f for f in own if f.kind == kind])
        for kind, title in FACT_KIND_GROUPS.items()
        if any(f.kind == kind for f in own)
    ]
    sources = sorted(
        (graph.get(Source, i) for k, i in keys if k == "source"), key=lambda s: (s.date.earliest(), s.id), reverse=True
    )
    return ActorProfile(
        events=_events(graph, keys),
        says=says,
        said_about=[f for f in facts if f.said_by != actor_id],
        appears_in=_groups(graph, keys, skip={"event", "fact", "source"}),
        sources=[s.id for s in sources],
    )


def actor_parts(graph: SiteGraph, actor_id: str) -> list[Actor]:
    """The organisations that name this one as their `parent`, by name (found among those linking to it)."""
    linking = (graph.get(Actor, i) for k, i in graph.linked_from("actor", actor_id) if k == "actor")
    return sorted((a for a in linking if a.parent == actor_id), key=lambda a: a.name.lower())


def source_support(graph: SiteGraph, source_id: str) -> SourceSupport:
    keys = graph.linked_from("source", source_id)
    return SourceSupport(
        events=_events(graph, keys),
        facts=_facts(graph, keys),
        others=_groups(graph, keys, skip={"event", "fact"}),
    )
