"""Forecasts keep score: their fields are checked at the exact place, and they are shown with their outcome."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from explainer.build.pipeline import build_site
from explainer.check.validate import validate
from explainer.load.loader import load_content
from unit_support import SAMPLE, TODAY


def problems(folder: Path, today: dt.date = TODAY) -> list[str]:
    content, found = load_content(folder)
    assert found == []
    return [str(p) for p in validate(content, today)]


def edit(folder: Path, old: str, new: str) -> None:
    facts = folder / "facts.yml"
    text = facts.read_text()
    assert old in text, old
    facts.write_text(text.replace(old, new, 1))


def test_scorecard_fields_belong_to_forecasts_only(sample_copy: Path) -> None:
    edit(sample_copy, "  date: 2020-12-18\n", "  date: 2020-12-18\n  due: 2021\n  outcome: mixed\n")
    assert problems(sample_copy) == [
        "content/facts.yml:21:8: facts[2].due: only a forecast has `due`; this statement's kind is 'fact'",
        "content/facts.yml:22:12: facts[2].outcome: only a forecast has `outcome`; this statement's kind is 'fact'",
    ]


def test_a_judged_outcome_needs_the_sources_that_show_it(sample_copy: Path) -> None:
    edit(sample_copy, "  outcome_sources: [newsweek-iflytek-2025]\n", "")
    assert problems(sample_copy) == [
        "content/facts.yml:29:12: facts[3].outcome: an outcome of 'borne-out' needs `outcome_sources`: "
        "the sources that show what happened"
    ]


def test_too_early_needs_no_sources(sample_copy: Path) -> None:
    assert problems(sample_copy) == []  # the sample's second forecast is too-early, with no outcome sources


def test_outcome_sources_are_checked_references(sample_copy: Path) -> None:
    edit(sample_copy, "outcome_sources: [newsweek-iflytek-2025]", "outcome_sources: [newsweek-iflytek-2052]")
    assert problems(sample_copy) == [
        "content/facts.yml:31:21: facts[3].outcome_sources[0]: unknown source 'newsweek-iflytek-2052'; "
        "did you mean 'newsweek-iflytek-2025'?"
    ]


def test_an_outcome_note_without_an_outcome(sample_copy: Path) -> None:
    edit(sample_copy, "  outcome: too-early\n", "  outcome_note: Nothing yet.\n")
    assert problems(sample_copy) == [
        "content/facts.yml:40:17: facts[4].outcome_note: `outcome_note` goes with an `outcome`: "
        "add the outcome, or remove `outcome_note`"
    ]


def test_an_unknown_outcome_names_the_choices(sample_copy: Path) -> None:
    edit(sample_copy, "outcome: too-early", "outcome: maybe")
    _, found = load_content(sample_copy)
    [message] = [str(p) for p in found]
    assert message.startswith("content/facts.yml:40:12: facts[4].outcome: ")
    assert all(word in message for word in ("borne-out", "not-borne-out", "mixed", "too-early"))


def test_due_before_the_forecast_was_made(sample_copy: Path) -> None:
    edit(sample_copy, "  due: 2028-01\n", "  due: 2025-10\n")
    assert problems(sample_copy) == [
        "content/facts.yml:39:8: facts[4].due: 2025-10 is before the forecast was made (2025-11)"
    ]


def test_due_in_the_same_year_as_a_more_precise_date_is_not_before_it(sample_copy: Path) -> None:
    edit(sample_copy, "  due: 2028-01\n", "  due: 2025\n")
    assert problems(sample_copy) == []


def test_past_due_without_an_outcome_is_a_warning(sample_copy: Path) -> None:
    edit(sample_copy, "  outcome: too-early\n", "")
    assert problems(sample_copy) == []  # not due yet
    content, _ = load_content(sample_copy)
    [problem] = [p for p in validate(content, dt.date(2028, 1, 1)) if p.field != "facts[1].review_after"]
    assert problem.severity == "warning"
    assert str(problem).startswith(
        "content/facts.yml:39:8: warning: facts[4].due: due to be judged since 2028-01: add `outcome`"
    )


def test_a_judged_forecast_past_due_is_quiet(sample_copy: Path) -> None:
    found = problems(sample_copy, dt.date(2030, 1, 1))
    assert [p for p in found if "facts[3]" in p or "facts[4]" in p] == []
    assert len(found) == 1  # only the sample's review date, so the check ran


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {p.path: p.markdown for p in build_site(SAMPLE, TODAY).pages}


def card(page: str, fact_id: str) -> str:
    match = re.search(rf'<article class="fact-card[^"]*" id="{fact_id}">.*?</article>', page, re.S)
    assert match, f"no card for {fact_id}"
    return match.group(0)


def test_a_fact_card_shows_the_forecast_outcome(pages: dict[str, str]) -> None:
    judged = card(pages["facts.md"], "huawei-chips-forecast")
    assert '<div class="forecast-outcome outcome-borne-out">' in judged
    assert "Borne out" in judged
    assert 'due <time datetime="2024-10">October 2024</time>' in judged
    assert "domestic chips such as" in judged  # the outcome note
    assert judged.count("newsweek-iflytek-2025") >= 1  # the outcome's source
    open_one = card(pages["facts.md"], "smic-capacity-forecast")
    assert "Too early to tell" in open_one


def test_plain_facts_show_no_outcome(pages: dict[str, str]) -> None:
    assert "forecast-outcome" not in card(pages["facts.md"], "smic-listed-2020")


def test_the_scorecard_lists_every_forecast_by_due_date(pages: dict[str, str]) -> None:
    page = pages["forecasts.md"]
    entries = re.findall(r'<article class="forecast[^"]*" id="([^"]+)"', page)
    assert entries == ["huawei-chips-forecast", "smic-capacity-forecast"]  # due 2024-10, then 2028-01
    first = page[page.index('id="huawei-chips-forecast"') :]
    first = first[: first.index("</article>")]
    assert '<a href="../actors/huawei/">Huawei</a>' in first  # who made it
    assert '<time datetime="2019-10">October 2019</time>' in first  # when
    assert '<time datetime="2024-10">October 2024</time>' in first  # due
    assert "Borne out" in first
    assert "sources/newsweek-iflytek-2025/" in first  # the outcome's source
