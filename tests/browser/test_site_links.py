"""A crawl of the served site: every internal link, resource and anchor resolves.

MkDocs checks links between Markdown pages (validation set to warn, so
--strict fails); this covers what it cannot see: theme markup, generated
HTML, glossary links added after rendering, data files and feeds.
"""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Attributes that point at something the browser fetches or navigates to.
LINK_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
}
SAFE_SCHEMES = {"http", "https", "mailto"}


class PageParser(HTMLParser):
    """Collects a page's ids (anchor targets) and its outgoing references."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, raw value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRIBUTES:
                self.links.append((tag, value))


def fetch(url: str) -> tuple[int, str, str]:
    """Status, content type and (for HTML) text of a local address."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            kind = response.headers.get_content_type()
            body = response.read().decode("utf-8", "replace") if kind == "text/html" else ""
            return response.status, kind, body
    except urllib.error.HTTPError as error:
        return error.code, "", ""


def crawl(base_url: str, seeds: list[str]) -> tuple[dict[str, set[str]], list[str]]:
    """Visit every HTML page reachable from the seeds; return page ids and broken references."""
    page_ids: dict[str, set[str]] = {}
    references: list[tuple[str, str, str]] = []  # (page, tag, absolute url)
    problems: list[str] = []
    status_of: dict[str, int] = {}
    queue = list(dict.fromkeys(seeds))
    while queue:
        url = queue.pop()
        if url in page_ids or url in status_of:
            continue
        status, kind, body = fetch(url)
        status_of[url] = status
        if status != 200 or kind != "text/html":
            continue
        parser = PageParser()
        parser.feed(body)
        page_ids[url] = parser.ids
        for tag, raw in parser.links:
            target = urljoin(url, raw.strip())
            scheme = urlsplit(target).scheme
            if scheme not in SAFE_SCHEMES:
                problems.append(f"{url}: <{tag}> points at a {scheme}: address: {raw}")
            elif urlsplit(target).netloc == urlsplit(base_url).netloc and not target.startswith(base_url):
                problems.append(f"{url}: <{tag}> {target} is outside the site")
            elif target.startswith(base_url):
                references.append((url, tag, target))
                document = target.split("#")[0]
                if document not in page_ids and document not in status_of:
                    queue.append(document)
    for page, tag, target in references:
        document, _, fragment = target.partition("#")
        if document not in status_of:
            status_of[document] = fetch(document)[0]
        if status_of[document] != 200:
            problems.append(f"{page}: <{tag}> {target} answers {status_of[document]}")
        elif fragment and document in page_ids and unquote(fragment) not in page_ids[document]:
            problems.append(f"{page}: <{tag}> {target}: no element with id {unquote(fragment)!r}")
    return page_ids, problems


def test_every_internal_link_and_anchor_resolves(base_url: str, site_dir: Path):
    # Start from every built page, so pages no link reaches are checked too.
    seeds = [base_url] + [
        urljoin(base_url, p.relative_to(site_dir).as_posix().removesuffix("index.html"))
        for p in sorted(site_dir.rglob("*.html"))
    ]
    pages, problems = crawl(base_url, seeds)
    assert len(pages) >= len(seeds) - 1, "some built pages could not be fetched"
    assert not problems, f"{len(problems)} broken references:\n" + "\n".join(problems[:60])


def test_the_crawler_reports_broken_pages_anchors_and_unsafe_schemes(tmp_path: Path):
    (tmp_path / "index.html").write_text(
        '<p id="here"><a href="#here">ok</a> <a href="#nowhere">bad anchor</a> <a href="gone/">missing</a>'
        ' <a href="other/#there">ok</a> <a href="javascript:alert(1)">script</a></p>'
    )
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "index.html").write_text('<h1 id="there">There</h1>')
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        pages, problems = crawl(base, [base])
        server.shutdown()
    assert set(pages) == {base, base + "other/"}
    assert sorted(p.split(": ", 1)[1] for p in problems) == sorted(
        [
            f"<a> {base}#nowhere: no element with id 'nowhere'",
            f"<a> {base}gone/ answers 404",
            "<a> points at a javascript: address: javascript:alert(1)",
        ]
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass
