"""Reference pages as a reader meets them (issue 22): no glossary entry points at itself, a
definition is set no smaller than its citations on a phone, What's new is story and corrections
only, and a forecast's badge reads as a whole label."""

from __future__ import annotations

import re

import yaml
from playwright.sync_api import expect

from .conftest import PROJECT

PHONE = {"width": 390, "height": 844}

SELF_LINKS = """page => [...document.querySelectorAll('h3.term-name')].flatMap(h => {
  const own = [h.querySelector('dfn').textContent.trim().toLowerCase()];
  const abbr = h.querySelector('.term-abbr');
  if (abbr) own.push(abbr.textContent.replace(/[()]/g, '').trim().toLowerCase());
  const body = h.nextElementSibling;
  return [...body.querySelectorAll('a')].filter(a => {
    const target = new URL(a.href, location.href);
    const toItself = target.pathname === location.pathname && target.hash === '#' + h.id;
    return toItself || own.includes(a.textContent.trim().toLowerCase());
  }).map(a => `${h.id}: "${a.textContent.trim()}" -> ${a.getAttribute('href')}`);
})"""


def test_no_glossary_entry_points_at_itself(page):
    page.goto("glossary/")
    assert page.locator("h3.term-name").count() > 20
    assert page.evaluate(SELF_LINKS) == []


def test_a_definition_is_not_smaller_than_its_citations_on_a_phone(new_page):
    page = new_page(viewport=PHONE)
    page.goto("glossary/")
    sizes = page.locator(".term-definition").evaluate_all("""ds => ds.filter(d => d.querySelector('.source-list'))
      .map(d => [...d.children].filter(c => c.tagName === 'P' && !c.className)[0])
      .filter(Boolean).map(p => [parseFloat(getComputedStyle(p).fontSize),
        parseFloat(getComputedStyle(p.parentElement.querySelector('.source-list li')).fontSize)])""")
    assert sizes
    assert all(definition > citation for definition, citation in sizes), sizes[:5]


def test_whats_new_has_the_story_and_corrections_and_no_site_machinery(page):
    updates = yaml.safe_load((PROJECT / "content" / "updates.yml").read_text(encoding="utf-8"))
    site_ids = [u["id"] for u in updates if u.get("type") == "site"]
    assert site_ids, "no update of the site's own is left to hide"
    page.goto("whats-new/")
    headings = page.locator("article h2").all_inner_texts()
    assert [h.strip().rstrip("¶").strip() for h in headings[:2]] == ["New in the story", "Corrections"]
    shown = page.locator("li.update").evaluate_all("ls => ls.map(l => l.id)")
    assert shown and not set(shown) & set(site_ids)
    assert len(shown) == len(updates) - len(site_ids)
    expect(page.locator("li.update time").first).to_be_visible()  # each with its date


def test_a_forecast_badge_reads_as_a_whole_label(page):
    page.goto("forecasts/")
    badges = page.locator(".outcome-badge").all_inner_texts()
    assert badges
    assert not [b for b in badges if re.search(r"\.\.\.|…", b)], badges


def test_the_home_page_is_short_and_says_what_it_covers(new_page):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto("")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 5000, f"home page {height} px tall at 1280 px"
    line = page.locator(".home-updated")
    expect(line).to_contain_text("Last updated")
    expect(line).to_contain_text(
        re.compile(r"Covers developments to \d{1,2} \w+ \d{4}|Covers developments to \w+ \d{4}")
    )
    assert page.locator("figure.chart").count() <= 1
