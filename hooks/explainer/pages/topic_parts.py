"""The parts of a topic page that need more than markup: the dated status of what to watch,
and the page's sources numbered once in the order its evidence cites them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from explainer.model.dates import PartialDate
from explainer.model.kinds import Event, Fact
from explainer.pages.forecasts import OpenForecast


@dataclass(frozen=True)
class WatchItem:
    fact: Fact
    due: PartialDate | None
    too_early: bool  # judged once, too early to tell
    past_due: bool  # due before the topic's review date, and still open then


def watch_items(open_forecasts: Iterable[OpenForecast], reviewed: PartialDate) -> list[WatchItem]:
    """Each open forecast with its status on the date the topic was last reviewed: a fixed date,
    so a page says the same thing on every build."""
    return [
        WatchItem(w.fact, w.due, w.too_early, w.due is not None and w.due.latest() < reviewed.earliest())
        for w in open_forecasts
    ]


def cited_sources(facts: Iterable[Fact], events: Iterable[Event]) -> list[str]:
    """The sources of the page's key facts, then of its events, each once, first citation first."""
    ids: dict[str, None] = {}
    for fact in facts:
        ids.update(dict.fromkeys(fact.sources))
    for event in events:
        ids.update(dict.fromkeys(event.sources))
    return list(ids)
