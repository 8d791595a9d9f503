"""What to watch on a topic page: its forecasts not yet judged, the soonest due first.

Forecasts gain `due` and `outcome` fields in another change; until then they read
as absent, and every forecast is open with no due date.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.model.dates import PartialDate
from explainer.model.kinds import Fact
from explainer.pages.profiles import fact_date

OPEN_OUTCOMES = (None, "too-early")


@dataclass(frozen=True)
class OpenForecast:
    fact: Fact
    due: PartialDate | None  # when it can be judged, if the forecast says
    too_early: bool  # judged once, too early to tell


def open_forecasts(facts: list[Fact]) -> list[OpenForecast]:
    """Forecasts with no outcome or one of "too early to tell": the soonest due first, undated last."""
    found = [
        OpenForecast(f, getattr(f, "due", None), getattr(f, "outcome", None) == "too-early")
        for f in facts
        if f.kind == "forecast" and getattr(f, "outcome", None) in OPEN_OUTCOMES
    ]
    return sorted(
        found,
        key=lambda w: (w.due is None, w.due.earliest() if w.due else fact_date(w.fact).earliest(), w.fact.id),
    )
