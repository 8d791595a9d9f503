"""Pages a reader would choose: the home page shows what is new, an actor's profile
reads as a dated story with its own words apart from others', topics carry a compact
timeline. Each claim is checked against another page of the built site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

# Everything between a heading and the next heading of its level or higher; or, where the id
# names a part that is not a heading (a topic's folded evidence), everything inside it.
SECTION_JS = """([id, selector]) => {
    const heading = document.getElementById(id);
    if (!heading) return null;
    const isHeading = /^H[1-6]$/.test(heading.tagName);
    const level = Number(heading.tagName[1]);
    const found = isHeading ? [] : [...heading.querySelectorAll(selector)];
    for (let el = isHeading ? heading.nextElementSibling : null; el; el = el.nextElementSibling) {
        if (/^H[1-6]$/.test(el.tagName) && Number(el.tagName[1]) <= level) break;
        if (el.matches(selector)) found.push(el);
        found.push(...el.querySelectorAll(selector));
    }
    return found.map(e => ({
        href: e.getAttribute('href') || '',
        datetime: (e.querySelector('time') || e).getAttribute('datetime'),
        text: e.textContent.trim()}));
}"""


def in_section(page: Page, heading_id: str, selector: str) -> list[dict[str, str]]:
    found = page.evaluate(SECTION_JS, [heading_id, selector])
    assert found is not None, f"no heading #{heading_id} on {page.url}"
    return found


def day(iso: str) -> str:
    """A partial ISO date as its first day, so '2025', '2025-03' and '2025-03-05' compare as text."""
    return (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]


def timeline_events(page: Page) -> list[dict[str, object]]:
    page.goto("timeline/")
    return page.locator("li.timeline-event").evaluate_all("""els => els.map(e => ({
        id: e.querySelector('.event-title').id,
        datetime: e.querySelector('.event-date time').getAttribute('datetime'),
        actors: (e.dataset.actors || '').split(/\\s+/).filter(Boolean)}))""")


def test_home_lists_the_newest_events_newest_first_with_dates(page: Page) -> None:
    events = timeline_events(page)
    newest = sorted(events, key=lambda e: (day(e["datetime"]), e["id"]), reverse=True)
    page.goto("")
    items = page.locator("article ol.compact-timeline > li")
    expect(items.first).to_be_visible()
    shown = items.evaluate_all("""lis => lis.map(li => ({
        datetime: li.querySelector('time').getAttribute('datetime'),
        date: li.querySelector('time').textContent.trim(),
        href: li.querySelector('a').getAttribute('href')}))""")
    assert 3 <= len(shown) <= 10, f"{len(shown)} newest events"
    assert all(item["date"] for item in shown), "an event on the home page shows no date"
    assert [day(i["datetime"]) for i in shown] == sorted((day(i["datetime"]) for i in shown), reverse=True)
    assert [urlsplit(i["href"]).fragment for i in shown] == [e["id"] for e in newest[: len(shown)]]
    assert {urlsplit(i["href"]).path for i in shown} == {"timeline/"}
    first = newest[0]
    items.first.locator("a").click()
    expect(page.locator(f"#{first['id']}")).to_be_in_viewport()


def test_home_says_when_the_site_was_last_updated(page: Page) -> None:
    page.goto("whats-new/")
    dates = page.locator("ol.updates .update-label time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert dates, "What's new lists no updates"
    page.goto("timeline/")
    newest_event = page.locator("ol.timeline time").first.get_attribute("datetime")  # newest first
    page.goto("")
    updated = page.locator("article .home-updated")
    expect(updated).to_contain_text("Last updated")
    expect(updated).to_contain_text("Covers developments to")
    last_change, covers_to = updated.locator("time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    # the last change to the content (git) is no older than its newest What's new entry
    assert day(last_change) >= day(max(dates, key=day))
    assert covers_to == newest_event
    updated.get_by_role("link", name="What's new").click()
    expect(page).to_have_url(re.compile(r"/whats-new/$"))


def test_home_cards_answer_every_topic_question(page: Page, topic_paths: list[str]) -> None:
    page.goto("")
    cards = page.locator("article .topic-card")
    assert cards.count() == len(topic_paths)
    for card in cards.all():
        expect(card.locator("h3 a")).to_have_text(re.compile(r"\?\s*$"))
        answer = card.locator(".topic-card-answer").inner_text()
        assert answer and len(answer) <= 220 and "[[" not in answer, answer


@pytest.mark.parametrize("actor", ["huawei", "nvidia", "bis"])
def test_an_actors_timeline_is_its_events_newest_first(page: Page, actor: str) -> None:
    expected = {e["id"]: e["datetime"] for e in timeline_events(page) if actor in e["actors"]}
    page.goto(f"actors/{actor}/")
    items = in_section(page, "timeline", "ol.compact-timeline > li")
    assert len(items) >= 3, f"{actor}: only {len(items)} events"
    dates = [day(i["datetime"]) for i in items]
    assert dates == sorted(dates, reverse=True), f"{actor}'s timeline is not newest first: {dates}"
    links = in_section(page, "timeline", "ol.compact-timeline a")
    shown = {urlsplit(a["href"]).fragment: i["datetime"] for a, i in zip(links, items, strict=True)}
    # Every event that names the actor in its `actors` is there, with the timeline's own date.
    assert {k: shown.get(k) for k in expected} == expected


def test_what_an_actor_says_is_apart_from_what_others_say_about_it(page: Page) -> None:
    page.goto("actors/huawei/")
    own = [
        urlsplit(a["href"]).fragment for a in in_section(page, "in-its-own-words", ".statement-meta a[href*='facts/']")
    ]
    others = [
        urlsplit(a["href"]).fragment for a in in_section(page, "what-others-say", ".statement-meta a[href*='facts/']")
    ]
    assert own and others and not set(own) & set(others)
    page.goto("facts/")
    for fact_id in own + others:
        said_by = page.locator(f"article#{fact_id} .fact-label a[href*='actors/']")
        by_huawei = said_by.count() > 0 and said_by.first.get_attribute("href").rstrip("/").endswith("/huawei")
        assert by_huawei == (fact_id in own), f"{fact_id} is listed on the wrong side"


def test_an_actors_sources_come_last_collapsed_with_their_count(page: Page) -> None:
    page.goto("actors/huawei/")
    headings = page.locator("article h2").all_inner_texts()
    assert headings[-1].strip("¶ ") == "Sources"
    details = page.locator("article details.profile-sources")
    assert details.get_attribute("open") is None
    summary = details.locator("summary").inner_text()
    count = int(summary.split()[0])
    items = details.locator("ul.source-list > li")
    assert items.count() == count > 10
    expect(items.first).to_be_hidden()
    details.locator("summary").click()
    expect(items.first).to_be_visible()


def test_a_topic_has_a_compact_timeline_in_date_order(page: Page, topic_paths: list[str]) -> None:
    checked = 0
    for path in topic_paths:
        page.goto(path)
        if not page.locator("#timeline").count():
            continue
        items = in_section(page, "timeline", "ol.compact-timeline > li")
        dates = [day(i["datetime"]) for i in items]
        assert dates and dates == sorted(dates), f"/{path}: {dates}"
        assert page.locator("article li.timeline-event").count() == 0, "full event cards on a topic page"
        checked += 1
    assert checked >= len(topic_paths) // 2
