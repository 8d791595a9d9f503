"""The site's search, through the real search box in Chromium: it finds what readers expect
(the query set in tests/search/queries.yml), costs a page view nothing until opened, says
what kind of page each result is, and works from the keyboard, with axe, and on a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tools.search_eval import evaluate, load_queries, open_search, run_query, score, table

QUERIES = load_queries()
PHONE = {"width": 390, "height": 844}


def _existing(site_dir: Path, address: str) -> bool:
    path, _, anchor = address.partition("#")
    page = site_dir / path / "index.html"
    return page.is_file() and (not anchor or f'id="{anchor}"' in page.read_text(encoding="utf-8"))


def test_every_expected_page_exists(site_dir: Path):
    """A query set that names pages the site does not have would fail for the wrong reason."""
    assert len(QUERIES) >= 30
    missing = [(q.query, a) for q in QUERIES for a in q.expect if not _existing(site_dir, a)]
    assert not missing, f"expected pages that are not in the site: {missing}"


def test_the_query_set_finds_the_expected_pages(page, base_url):
    outcomes = evaluate(page, base_url, QUERIES)
    top1, top3 = score(outcomes, 1), score(outcomes, 3)
    report = f"top-1 {top1:.0%}, top-3 {top3:.0%}\n" + table(outcomes)
    assert top3 >= 0.9 and top1 >= 0.7, report


def test_a_first_view_fetches_no_search_data(page, base_url):
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto("topics/ascend-chips/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [u for u in fetched if "search-index" in u or "minisearch" in u or "search_index" in u]
    open_search(page)
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    page.wait_for_function("() => !!window.MiniSearch")
    assert [u for u in fetched if u.endswith("data/search-index.json")], "opening search did not load the index"


@pytest.mark.parametrize(
    "query, written", [("華為", "traditional"), ("Huawai", "misspelt"), ("Huawei's", "possessive")]
)
def test_other_ways_of_writing_a_name_find_it(page, base_url, query, written):
    page.goto("")
    open_search(page)
    assert run_query(page, base_url, query)[0] == "actors/huawei/", f"{written}: {query}"


def test_each_result_says_what_kind_of_page_it_is(page, base_url):
    page.goto("")
    open_search(page)
    run_query(page, base_url, "Ascend")
    kinds = page.locator(".site-search-kind").all_inner_texts()
    assert kinds and set(kinds) <= {"TOPIC", "GLOSSARY", "ACTOR", "FACT", "EVENT", "FIGURE", "SOURCE"}, kinds
    text = page.locator(".md-search-result").inner_text()
    assert not re.search(r"\b(entries|storeFields|undefined|null)\b|\{|\}", text), text


def test_the_keyboard_moves_through_results_and_opens_one(page, base_url):
    page.goto("")
    open_search(page)
    results = run_query(page, base_url, "SMIC")
    box = page.locator(".md-search__input")
    expect(box).to_have_attribute("role", "combobox")
    box.press("ArrowDown")
    box.press("ArrowDown")
    second = page.locator("[role=option]").nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", second.get_attribute("id") or "")
    box.press("Enter")
    page.wait_for_url(re.compile(re.escape(results[1].split("#")[0])))


def test_open_search_with_results_has_no_axe_violations(page, base_url):
    page.goto("")
    open_search(page)
    run_query(page, base_url, "Huawei")
    page.locator(".md-search__input").press("ArrowDown")
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def test_results_fit_a_phone(new_page, base_url):
    page = new_page(viewport=PHONE)
    page.goto("")
    open_search(page)
    assert run_query(page, base_url, "export controls")
    first = page.locator(".site-search-result").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= PHONE["width"], f"the page scrolls sideways: {wide}px"
    size = first.locator(".site-search-title").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 14, f"result titles are {size}px on a phone"
