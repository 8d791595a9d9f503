"""Link previews: pointing at or keyboard-focusing a link to a term, event, fact or actor shows a
short preview read from the target page; Escape closes it; touch and keyboard still follow links;
and no preview ever turns a `title` attribute into markup."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

PREVIEW = "#site-preview"
# Links to each kind, as the generator writes them (explainer/addresses.py).
LINKS = {
    "term": "article a[href*='glossary/#']",
    "event": "article a[href*='timeline/#']",
    "fact": "article a[href*='facts/#']",
    "actor": "article a[href*='actors/']:not([href$='actors/'])",
}
HOSTILE_TITLE = "<img src=x onerror=\"window.__pwned = 'title'\"><b id=pwn-title>bold</b>"


def _page_with_link(page, topic_paths, selector):
    """Open the first topic page that has such a link, and return the link."""
    for topic in topic_paths:
        page.goto(topic)
        links = page.locator(selector)
        if links.count():
            link = links.first
            link.scroll_into_view_if_needed()
            return link
    pytest.fail(f"no topic page has a link matching {selector}")


def _target_text(page, link) -> str:
    """The text of what the link points at, read from the target page by the test itself."""
    href = urljoin(page.url, link.get_attribute("href"))
    other = page.context.new_page()
    other.goto(href)
    anchor = urlsplit(href).fragment
    target = other.locator(f'[id="{anchor}"]') if anchor else other.locator("article h1")
    text = target.inner_text()
    other.close()
    return " ".join(text.split()).removesuffix("¶").strip()


@pytest.mark.parametrize("kind", list(LINKS))
def test_pointing_at_a_link_shows_a_preview_of_its_target(page, topic_paths, kind):
    link = _page_with_link(page, topic_paths, LINKS[kind])
    link.hover()
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    expect(preview).to_have_attribute("role", "tooltip")
    expect(link).to_have_attribute("aria-describedby", "site-preview")
    shown = " ".join(preview.inner_text().split())
    wanted = _target_text(page, link)
    # Its heading (term, event, actor) or its statement (a fact's heading is its label).
    words = [w for w in re.findall(r"\w{4,}", wanted)][:4]
    assert words and all(w in shown for w in words), f"preview {shown!r} does not show {wanted!r}"


def test_the_pointer_can_move_onto_the_preview_and_leaving_closes_it(page, topic_paths):
    link = _page_with_link(page, topic_paths, LINKS["term"])
    link.hover()
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    preview.hover()  # WCAG 1.4.13: the preview itself can be pointed at
    page.wait_for_timeout(600)
    expect(preview).to_be_visible()
    page.mouse.move(1, 1)
    expect(preview).to_be_hidden()
    assert link.get_attribute("aria-describedby") is None


def test_keyboard_focus_shows_the_preview_and_escape_closes_it(page, topic_paths):
    link = _page_with_link(page, topic_paths, LINKS["actor"])
    page.keyboard.press("Tab")  # keyboard use first, so the focus below counts as keyboard focus
    link.focus()
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()
    assert page.evaluate("() => document.activeElement.href") == link.evaluate("a => a.href")  # focus stays


def test_tabbing_on_moves_the_preview_along(page, topic_paths):
    link = _page_with_link(page, topic_paths, LINKS["term"])
    page.keyboard.press("Tab")
    link.focus()
    expect(page.locator(PREVIEW)).to_be_visible()
    page.keyboard.press("Tab")
    expect(link).not_to_have_attribute("aria-describedby", "site-preview")


def test_a_mouse_click_follows_the_link(page, topic_paths):
    link = _page_with_link(page, topic_paths, LINKS["actor"])
    href = urljoin(page.url, link.get_attribute("href"))
    link.click()
    page.wait_for_url(href)


def test_a_tap_follows_the_link_with_no_preview_in_the_way(new_page, topic_paths):
    page = new_page(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    link = _page_with_link(page, topic_paths, LINKS["actor"])
    href = urljoin(page.url, link.get_attribute("href"))
    link.tap()
    page.wait_for_url(href)
    expect(page.locator(PREVIEW)).to_have_count(0)


def test_a_hostile_title_never_becomes_markup(page, topic_paths):
    link = _page_with_link(page, topic_paths, LINKS["term"])
    link.evaluate("(a, title) => a.setAttribute('title', title)", HOSTILE_TITLE)
    link.hover()
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    page.wait_for_timeout(300)  # an injected image would fail to load and fire onerror by now
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#pwn-title").count() == 0
    assert preview.locator("img, b, script").count() == 0
    assert "bold" not in preview.inner_text()  # the title is not read at all
    tags = preview.evaluate("el => [...el.querySelectorAll('*')].map(n => n.tagName)")
    assert set(tags) <= {"P"}, tags
