"""A reader's path through the site: home, search, glossary links and
tooltips, actor backlinks, a phone-sized screen."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from .roles import ROLES

PHONE = {"width": 375, "height": 812}


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_home_renders_and_links_to_every_topic(page, base_url, topic_paths):
    page.goto("")
    expect(page.locator("article h1")).to_be_visible()
    linked = {
        path_of(urljoin(page.url, href))
        for href in page.locator("a[href]:visible").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    }
    root = path_of(base_url)
    missing = [root + p for p in topic_paths if root + p not in linked]
    assert not missing, f"the home page shows no link to: {missing}"


def _search(page, query: str):
    page.goto("")
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)  # fill() sets the value without the key events search listens to
    expect(page.locator(".md-search-result__meta")).not_to_have_text(
        re.compile("Initializing|Type to start"), timeout=10_000
    )


def _result_hrefs(page, wanted) -> list[str]:
    """Result addresses, scrolling the result list (it renders in batches) until `wanted` matches one."""
    scroller = page.locator(".md-search__scrollwrap")
    hrefs: list[str] = []
    for _ in range(20):
        # Without the ?h= highlight query Material adds.
        hrefs = page.locator(".md-search-result__item a[href]").evaluate_all(
            "as => as.map(a => a.origin + a.pathname + a.hash)"
        )
        if any(wanted(h) for h in hrefs):
            break
        scroller.evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(150)
    return hrefs


def test_search_finds_a_glossary_term(page):
    page.goto("glossary/")
    name = page.locator("h3.term-name#smic dfn").inner_text()
    _search(page, name)
    hrefs = _result_hrefs(page, lambda h: path_of(h).endswith("/glossary/"))
    assert any(path_of(h).endswith("/glossary/") for h in hrefs), f"no glossary result for {name!r}: {hrefs}"


def test_search_finds_a_timeline_event(page):
    page.goto("timeline/")
    title = page.locator("li.timeline-event .event-title").last
    event_id, text = title.get_attribute("id"), title.inner_text()
    _search(page, text)
    # Each event title is a heading with the event's anchor, so the result leads straight to it.
    hrefs = _result_hrefs(page, lambda h: h.endswith(f"/timeline/#{event_id}"))
    assert any(h.endswith(f"/timeline/#{event_id}") for h in hrefs), f"no result for event {text!r}: {hrefs}"


def test_first_mention_links_to_its_glossary_entry(page, topic_paths):
    # The first topic with a linked term; every topic mentions one in practice.
    for topic in topic_paths:
        page.goto(topic)
        links = page.locator("article a.glossary-link")
        if links.count():
            break
    else:
        pytest.fail("no topic page links a glossary term")
    first = links.first
    term_id = urlsplit(first.get_attribute("href")).fragment
    mentioned = first.inner_text().strip()
    # Only the first mention links: no second link to the same term on the page.
    assert page.locator(f'article a.glossary-link[href$="#{term_id}"]').count() == 1
    first.click()
    page.wait_for_url(re.compile(rf"/glossary/#{re.escape(term_id)}$"))
    heading = page.locator(f'h3.term-name[id="{term_id}"]')
    expect(heading).to_be_in_viewport()
    definition = heading.locator("xpath=following-sibling::*[1]")  # a term is its heading and the div after it
    expect(definition).to_have_class("term-definition")
    entry_text = heading.inner_text() + "\n" + definition.inner_text()
    assert mentioned.lower() in entry_text.lower(), f"{mentioned!r} is not a name of glossary entry {term_id!r}"


def test_abbreviation_shows_its_tooltip(page, topic_paths):
    for topic in topic_paths:
        page.goto(topic)
        abbrs = page.locator("article abbr[title]")
        if abbrs.count():
            break
    else:
        pytest.fail("no topic page has an abbreviation")
    abbrs.first.evaluate("el => el.setAttribute('data-test-abbr', '')")  # its title moves while it shows
    abbr = page.locator("article abbr[data-test-abbr]")
    expansion = abbr.get_attribute("title")
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tooltip = page.locator(".site-tooltip[role=tooltip]")  # docs/javascripts/tooltips.js
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(expansion)
    expect(abbr).to_have_attribute("aria-describedby", tooltip.get_attribute("id"))
    page.keyboard.press("Escape")  # dismissible (WCAG 1.4.13), and the title is back
    expect(tooltip).to_have_count(0)
    expect(abbr).to_have_attribute("title", expansion)


def test_actor_page_lists_its_backlinks(page, base_url):
    # Every timeline event naming the actor must be among the actor's backlinks.
    page.goto("timeline/")
    event_ids = page.locator('li.timeline-event[data-actors~="huawei"] .event-title').evaluate_all(
        "els => els.map(e => e.id)"
    )
    assert event_ids, "no timeline event names huawei"
    page.goto("actors/huawei/")
    backlinks = page.locator("article ol.compact-timeline a[href]")  # the actor's own timeline
    expect(backlinks.first).to_be_visible()
    targets = {
        urlsplit(h).path + "#" + urlsplit(h).fragment for h in backlinks.evaluate_all("as => as.map(a => a.href)")
    }
    missing = [e for e in event_ids if f"{path_of(base_url)}timeline/#{e}" not in targets]
    assert not missing, f"huawei's page does not link back to events {missing}"
    for href in sorted({h.split("#")[0] for h in targets})[:5]:
        assert page.request.get(urljoin(base_url, href)).ok, f"backlink {href} is broken"


@pytest.mark.parametrize("role", ROLES)
def test_phone_width_has_no_horizontal_scroll(new_page, key_pages, role):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(key_pages[role])
    page.wait_for_load_state("load")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"/{key_pages[role]} is {widths[0]}px wide on a {widths[1]}px screen"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_load_quietly_and_locally(new_page, key_pages, scheme):
    """No console error and no request off 127.0.0.1, in either colour scheme (checked by the fixture)."""
    page = new_page(color_scheme=scheme)
    for path in key_pages.values():
        page.goto(path)
        page.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected


def test_the_watch_reports_console_errors_and_outside_requests(unchecked_context):
    # The check every test relies on must itself be able to fail.
    context, watch = unchecked_context
    page = context.new_page()
    page.goto("")
    page.evaluate("""async () => {
        console.error('deliberate error');
        await fetch('https://example.com/tracker.js').catch(() => {});
    }""")
    problems = watch.problems()
    assert any("deliberate error" in p for p in problems), problems
    assert any("https://example.com/tracker.js" in p for p in problems), problems
