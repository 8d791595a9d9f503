"""What search costs a reader and how well it finds: the first-view search payload, query
latency and the query set's top-1 / top-3, on a built site served gzipped, in Chromium.

    python -m tools.search_report [SITE_DIR]      # default: site/ (run `make build` first)

First-view payload: gzip bytes of every search file (index, engine, our script) fetched when a
page is opened and before the reader touches search. Latency: from the input event to the result
list changing, for each query of the set, with the index already loaded (median and worst).
"""

from __future__ import annotations

import http.server
import statistics
import sys
import threading
from pathlib import Path

from tools.chromium import CHROMIUM_ARGS, CHROMIUM_PATH
from tools.search_eval import evaluate, load_queries, open_search, score, table
from tools.serve_gzip import handler_for

# A file is search's when its address says so: Material's index and worker, our script, engine and index.
SEARCH_MARKERS = ("search", "minisearch")

# Time from the input event to the first change of the result list, in the page.
_LATENCY = """async (query) => {
  const input = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const type = (value) => {
    input.value = value;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'End'}));
  };
  type('');
  await new Promise(r => setTimeout(r, 150));
  return await new Promise((resolve) => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - t0); });
    observer.observe(list, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { observer.disconnect(); resolve(null); }, 5000);
    const t0 = performance.now();
    type(query);
  });
}"""


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for(site.resolve(), "/"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def first_view_payload(browser, base_url: str, path: str = "") -> list[tuple[str, int]]:
    """(address, gzip bytes) of each search file a page view fetches before the reader touches search."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list[tuple[str, int]] = []

    def on_response(response) -> None:
        url = response.url
        if any(marker in url.rsplit("/", 1)[-1].lower() or marker in url.lower() for marker in SEARCH_MARKERS):
            fetched.append((url.removeprefix(base_url), int(response.headers.get("content-length", "0"))))

    page.on("response", on_response)
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_timeout(1000)
    context.close()
    return fetched


def latencies(browser, base_url: str, queries: list[str]) -> list[float]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url)
    open_search(page)
    page.wait_for_timeout(1500)
    times = [page.evaluate(_LATENCY, q) for q in queries]
    context.close()
    return [t for t in times if t is not None]


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site")
    if not (site / "index.html").is_file():
        print(f"{site}/index.html: no built site here; run `make build` first", file=sys.stderr)
        return 1
    if not CHROMIUM_PATH:
        print("no Chromium found: set CHROMIUM_PATH or run `make browser`", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    queries = load_queries()
    server, base_url = _serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
            for path in ("", "topics/ascend-chips/"):
                fetched = first_view_payload(browser, base_url, path)
                total = sum(size for _, size in fetched)
                print(f"first view of /{path}: {total / 1024:.1f} KB of search files (gzip)")
                for url, size in fetched:
                    print(f"    {size / 1024:7.1f} KB  {url}")
            times = latencies(browser, base_url, [q.query for q in queries])
            if times:
                print(
                    f"query latency over {len(times)} queries: median {statistics.median(times):.1f} ms, "
                    f"worst {max(times):.1f} ms"
                )
            else:
                print("query latency: the result list never changed")
            context = browser.new_context()
            outcomes = evaluate(context.new_page(), base_url, queries)
            context.close()
            browser.close()
    finally:
        server.shutdown()
    print(table(outcomes))
    print(f"top-1: {score(outcomes, 1):.0%}  top-3: {score(outcomes, 3):.0%}  ({len(outcomes)} queries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
