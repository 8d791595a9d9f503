"""The forecast scorecard: every forecast with who made it, when, when it can be judged and how it turned out."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from explainer.model.kinds import Fact


@dataclass(frozen=True)
class Outcome:
    """How an outcome reads: a label that says it in words, and a symbol beside it (never colour alone)."""

    key: str  # the CSS class suffix: "borne-out", ..., "open" for a forecast not judged yet
    title: str
    symbol: str


# In the order the tally lists them.
OUTCOMES: dict[str, Outcome] = {
    o.key: o
    for o in (
        Outcome("borne-out", "Borne out", "✓"),
        Outcome("not-borne-out", "Not borne out", "✗"),
        Outcome("mixed", "Mixed", "◐"),
        Outcome("too-early", "Too early to tell", "◷"),  # a clock; "…" read as text cut short
        Outcome("open", "Not yet judged", "○"),
    )
}
NO_DUE_DATE = "No date to judge by"
TITLE = "Forecasts"


def outcome_of(fact: Fact) -> Outcome:
    return OUTCOMES[fact.outcome or "open"]


def forecasts(facts: list[Fact]) -> list[Fact]:
    """Every forecast, by the date it can be judged (those without one last), then by when it was made."""

    def order(fact: Fact) -> tuple[dt.date, dt.date, str]:
        made = fact.date or fact.as_of
        return (fact.due.earliest() if fact.due else dt.date.max, made.earliest() if made else dt.date.max, fact.id)

    return sorted((f for f in facts if f.kind == "forecast"), key=order)


def groups_by_due_year(facts: list[Fact]) -> list[dict[str, object]]:
    """Forecasts under "Due in 2026"-style headings, in due order."""
    groups: dict[str, list[Fact]] = {}
    for fact in forecasts(facts):
        title = f"Due in {fact.due.year}" if fact.due else NO_DUE_DATE
        groups.setdefault(title, []).append(fact)
    return [{"title": title, "facts": items} for title, items in groups.items()]


def tally(facts: list[Fact]) -> list[tuple[Outcome, int]]:
    """How many forecasts have each outcome, in the order of OUTCOMES, leaving out those with none."""
    counts = Counter(outcome_of(f).key for f in forecasts(facts))
    return [(outcome, counts[key]) for key, outcome in OUTCOMES.items() if counts[key]]
