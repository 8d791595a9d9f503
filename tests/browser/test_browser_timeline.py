"""The timeline's filters (docs/javascripts/timeline.js): they narrow the
events by topic and by actor, keep the choice in the address, and without
JavaScript the whole list shows and the filters stay hidden."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

EVENTS = "li.timeline-event"


def event_data(page) -> list[dict]:
    """Every event's id, topics and actors, as the page's markup states them."""
    return page.locator(EVENTS).evaluate_all("""els => els.map(e => ({
        id: e.querySelector('.event-title').id,
        topics: (e.dataset.topics || '').split(/\\s+/).filter(Boolean),
        actors: (e.dataset.actors || '').split(/\\s+/).filter(Boolean)}))""")


def visible_ids(page) -> list[str]:
    return page.locator(f"{EVENTS}:visible .event-title").evaluate_all("els => els.map(e => e.id)")


def choose_narrowing_value(events: list[dict], field: str, preferred: str | None = None) -> str:
    """A value that keeps some events but not all, so the filter visibly narrows."""
    counts: dict[str, int] = {}
    for event in events:
        for value in event[field]:
            counts[value] = counts.get(value, 0) + 1
    if preferred and 0 < counts.get(preferred, 0) < len(events):
        return preferred
    narrowing = [v for v, n in counts.items() if 0 < n < len(events)]
    assert narrowing, f"no {field} value narrows the timeline: {counts}"
    return min(narrowing, key=lambda v: (counts[v], v))


def assert_year_groups_consistent(page):
    """A year heading shows exactly when its list has a visible event."""
    for group in page.locator("article ol.timeline").all():
        heading = group.locator("xpath=preceding-sibling::*[1][self::h2]")
        has_visible = group.locator(f"{EVENTS}:visible").count() > 0
        assert group.is_visible() == has_visible
        assert heading.is_visible() == has_visible, f"year {heading.inner_text()} shown={heading.is_visible()}"
        toc_links = page.locator(f'.md-nav--secondary a[href="#{heading.get_attribute("id")}"]').all()
        assert toc_links, f"no table of contents entry for {heading.inner_text()}"
        for link in toc_links:  # the sidebar's, and the copy in the phone drawer
            assert link.evaluate("a => !a.parentElement.hidden") == has_visible, (
                f"contents entry {heading.inner_text()}"
            )


@pytest.mark.parametrize("field, select_name, preferred", [("topics", "topic", None), ("actors", "actor", "huawei")])
def test_filter_narrows_the_events(page, field, select_name, preferred):
    page.goto("timeline/")
    form = page.locator("form.timeline-filters")
    expect(form).to_be_visible()
    events = event_data(page)
    assert len(visible_ids(page)) == len(events)
    expect(form.locator("output.timeline-count")).to_contain_text(str(len(events)))

    value = choose_narrowing_value(events, field, preferred)
    form.locator(f'select[name="{select_name}"]').select_option(value)

    expected = [e["id"] for e in events if value in e[field]]
    assert visible_ids(page) == expected
    expect(form.locator("output.timeline-count")).to_have_text(f"Showing {len(expected)} of {len(events)} events")
    assert parse_qs(urlsplit(page.url).query) == {select_name: [value]}
    assert_year_groups_consistent(page)

    # Back to all: everything returns, and the address forgets the filter.
    form.locator(f'select[name="{select_name}"]').select_option("")
    assert len(visible_ids(page)) == len(events)
    assert urlsplit(page.url).query == ""


def test_filters_combine_and_the_address_restores_them(page):
    page.goto("timeline/")
    events = event_data(page)
    actor = choose_narrowing_value(events, "actors", "huawei")
    topics_of_actor = sorted({t for e in events if actor in e["actors"] for t in e["topics"]})
    assert topics_of_actor, f"no event of {actor} has a topic"
    topic = topics_of_actor[0]

    page.goto(f"timeline/?topic={topic}&actor={actor}")
    expect(page.locator('select[name="topic"]')).to_have_value(topic)
    expect(page.locator('select[name="actor"]')).to_have_value(actor)
    expected = [e["id"] for e in events if topic in e["topics"] and actor in e["actors"]]
    assert expected and visible_ids(page) == expected
    assert_year_groups_consistent(page)


def test_unknown_filter_in_the_address_shows_everything(page):
    page.goto("timeline/?topic=no-such-topic")
    expect(page.locator('select[name="topic"]')).to_have_value("")
    assert len(visible_ids(page)) == page.locator(EVENTS).count()


def test_without_javascript_the_full_list_shows(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("timeline/")
    total = page.locator(EVENTS).count()
    assert total > 0
    assert len(visible_ids(page)) == total
    expect(page.locator("form.timeline-filters")).to_be_hidden()
    # Not merely invisible: no space is kept for filters that will never come.
    assert page.locator("form.timeline-filters").evaluate("f => getComputedStyle(f).display") == "none"
    expect(page.locator("form.timeline-filters output")).to_have_text(re.compile(r"^\s*$"))


def test_the_timeline_reads_newest_first(page):
    page.goto("timeline/")
    dates = page.locator(f"{EVENTS} time[datetime]").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime').padEnd(10, '-00'))"
    )
    assert len(dates) > 10
    assert dates == sorted(dates, reverse=True), dates[:10]
    years = page.locator(".md-typeset h2[id]").evaluate_all("hs => hs.map(h => +h.id).filter(Boolean)")
    assert years == sorted(years, reverse=True) and len(years) > 2


def test_the_year_bar_stays_in_reach_on_a_phone(new_page):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto("timeline/")
    bar = page.get_by_role("navigation", name="Years")
    page.mouse.wheel(0, 6000)
    page.wait_for_timeout(300)
    box = bar.bounding_box()
    assert box and 0 <= box["y"] < 200, box  # still on screen after scrolling far down
    oldest = bar.get_by_role("link").last
    year = oldest.inner_text()
    oldest.click()
    heading = page.locator(f"h2[id='{year}']")
    expect(heading).to_be_in_viewport()
    heading_box, bar_box = heading.bounding_box(), bar.bounding_box()
    assert heading_box and bar_box and heading_box["y"] >= bar_box["y"] + bar_box["height"] - 1  # not under the bar
