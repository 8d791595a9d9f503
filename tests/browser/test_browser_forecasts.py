"""A forecast shows its outcome: on the scorecard, in due order, and on its fact card."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from explainer.pages.scorecard import OUTCOMES
from playwright.sync_api import expect

LABELS = {o.title for o in OUTCOMES.values()}


def test_the_scorecard_lists_forecasts_by_due_date_with_their_outcome(page):
    page.goto("")
    page.locator(".md-nav a", has_text="Forecasts").first.click()  # the scorecard is in the navigation
    page.wait_for_url("**/forecasts/")
    entries = page.locator("article .forecast-entry")
    expect(entries.first).to_be_visible()
    assert entries.count() >= 10
    dues = []
    for i in range(entries.count()):
        entry = entries.nth(i)
        meta = entry.locator(".forecast-meta")
        expect(meta.locator("dt", has_text="Made by")).to_be_visible()
        badge = entry.locator(".outcome-badge")
        label = " ".join(badge.inner_text().split()[1:])  # after the symbol
        assert label in LABELS, f"{entry.get_attribute('id')}: outcome {label!r}"
        due = meta.locator("dt", has_text="Can be judged").locator("xpath=following-sibling::dd[1]/time")
        dues.append(due.get_attribute("datetime"))
        if label not in ("Too early to tell", "Not yet judged"):
            # A judged outcome names the sources that show it.
            expect(entry.locator("details.outcome-sources li a").first).to_be_attached()
    assert dues == sorted(dues), f"not in due order: {dues}"


def test_the_tally_adds_up(page):
    page.goto("forecasts/")
    counts = page.locator(".outcome-tally .outcome-count").all_inner_texts()
    assert sum(int(c) for c in counts) == page.locator("article .forecast-entry").count()


def test_a_forecast_card_on_the_facts_page_shows_its_outcome(page):
    page.goto("facts/")
    cards = page.locator("article.fact-card.fact-forecast")
    assert cards.count() >= 1
    card = cards.first
    card.scroll_into_view_if_needed()
    verdict = card.locator(".forecast-verdict")
    expect(verdict).to_be_visible()
    expect(verdict).to_contain_text("Outcome:")
    assert any(label in verdict.inner_text() for label in LABELS)
    assert page.locator("article.fact-card:not(.fact-forecast) .forecast-verdict").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_the_scorecard(new_page, scheme):
    page = new_page(color_scheme=scheme)
    page.goto("forecasts/")
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def test_the_scorecard_fits_a_phone(new_page):
    page = new_page(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page.goto("forecasts/")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the scorecard is {widths[0]}px wide on a {widths[1]}px screen"
