"""Run the search query set through the site's real search box in Chromium, and score it.

Shared by the browser test (tests/browser/test_browser_search_quality.py) and the report
(`python -m tools.search_report`). It drives whatever search the site has through the header's
input and Material's result-list markup (`.md-search-result__item`), so the same code scores
Material's own search and ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

QUERIES = Path(__file__).resolve().parents[1] / "tests" / "search" / "queries.yml"

# Every result's first link, once the list has stopped changing for `settle` ms.
_SETTLED_RESULTS = """async ({settle, timeout}) => {
  const read = () => [...document.querySelectorAll('.md-search-result__item')]
    .filter(li => !li.parentElement.closest('.md-search-result__item'))
    .map(li => { const a = li.querySelector('a[href]'); return a ? a.pathname + a.hash : ''; });
  const start = performance.now();
  let last = JSON.stringify(read()), since = performance.now();
  while (performance.now() - start < timeout) {
    await new Promise(r => setTimeout(r, 25));
    const now = JSON.stringify(read());
    if (now !== last) { last = now; since = performance.now(); }
    else if (performance.now() - since >= settle) break;
  }
  return JSON.parse(last);
}"""


@dataclass(frozen=True)
class Query:
    query: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    query: Query
    results: list[str]

    def rank(self) -> int | None:
        """1-based rank of the first acceptable result, or None."""
        for i, address in enumerate(self.results, 1):
            if address in self.query.expect:
                return i
        return None


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(q["query"]), tuple(q["expect"])) for q in data["queries"]]


def open_search(page) -> None:
    """Open the search box as a reader does: click it (on a phone, the magnifier first)."""
    box = page.locator(".md-search__input")
    magnifier = page.locator("label.md-header__button[for='__search']")
    if magnifier.is_visible():  # a phone: the box opens over the page
        magnifier.click()
        box.wait_for(state="visible")
        page.wait_for_function("() => document.activeElement === document.querySelector('.md-search__input')")
        return
    box.click()


def run_query(page, base_url: str, query: str, settle_ms: int = 400) -> list[str]:
    """Type the query into the search box as a reader would; the site-relative result addresses."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.press("Backspace")
    box.press_sequentially(query, delay=30)  # search listens to key events; fill() sends none
    box.press("End")  # Hanzi arrive without a key release; the key that ends a composition gives one
    root = urlsplit(base_url).path
    hrefs = page.evaluate(_SETTLED_RESULTS, {"settle": settle_ms, "timeout": 8000})
    return [h.removeprefix(root) for h in hrefs if h]


def evaluate(page, base_url: str, queries: list[Query]) -> list[Outcome]:
    page.goto(base_url)
    open_search(page)
    page.wait_for_timeout(1500)  # let an index loaded at open (ours) or at page load (Material's) arrive
    return [Outcome(q, run_query(page, base_url, q.query)) for q in queries]


def score(outcomes: list[Outcome], within: int) -> float:
    found = [o for o in outcomes if (r := o.rank()) is not None and r <= within]
    return len(found) / len(outcomes)


def table(outcomes: list[Outcome]) -> str:
    lines = []
    for o in outcomes:
        rank = o.rank()
        shown = f"#{rank}" if rank else "--"
        first = o.results[0] if o.results else "(nothing)"
        lines.append(f"{shown:>4}  {o.query.query!r:28} first: {first}")
    return "\n".join(lines)
