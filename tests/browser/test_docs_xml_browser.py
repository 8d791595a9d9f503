"""Files in docs/ that a browser opens as XML, opened in Chromium as GitHub Pages would serve them.

Each payload of tests/hostile/xml_payloads.py that Chromium runs (at once, or when the
reader clicks the drawing) must be one the docs/ check refuses; the SVG the check
accepts must run nothing. A payload that runs asks the local server for `/ran/<name>`,
so what ran is what the server saw. Chromium missing fails in CI (tests/browser/conftest.py).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from explainer.handwritten.policy import check_docs_folder

from tests.hostile.xml_payloads import ALLOWED_SVG, PAYLOADS, XmlPayload

# The types GitHub Pages sends for these extensions (mime-db), so Chromium parses each as it would there.
CONTENT_TYPES = {
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".xsl": "application/xslt+xml",
    ".xhtml": "application/xhtml+xml",
    ".mml": "application/mathml+xml",
}
LIVE = [p for p in PAYLOADS if p.runs or p.click]


class _Server(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}
    ran: set[str]

    def do_GET(self) -> None:
        if self.path.startswith("/ran/"):
            self.ran.add(self.path.removeprefix("/ran/"))
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, set[str], Path]]:
    """docs/ with every payload and every accepted SVG, on a local server: (address, names that ran, docs/)."""
    docs = tmp_path_factory.mktemp("xml") / "docs"
    for payload in PAYLOADS:
        (docs / payload.file).parent.mkdir(parents=True, exist_ok=True)
        (docs / payload.file).write_bytes(payload.content())
    for name, text in ALLOWED_SVG.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    ran: set[str] = set()
    handler = functools.partial(type("Handler", (_Server,), {"ran": ran}), directory=str(docs))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", ran, docs
    server.shutdown()
    server.server_close()


def _open(browser, base: str, file: str, click: bool) -> None:
    """Open a file as a reader would (and click the drawing); nothing may leave the local server."""
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    page = context.new_page()
    url = base + file
    try:
        page.goto(url, wait_until="load")
        if click:
            page.mouse.click(50, 50)
        page.wait_for_timeout(400)
    finally:
        context.close()


def _wait_for(ran: set[str], name: str) -> bool:
    for _ in range(20):
        if name in ran:
            return True
        threading.Event().wait(0.1)
    return name in ran


@pytest.mark.parametrize("payload", LIVE, ids=lambda p: p.name)
def test_what_chromium_runs_the_check_refuses(browser, served, payload: XmlPayload):
    base, ran, docs = served
    _open(browser, base, payload.file, payload.click)
    refused = [str(p) for p in check_docs_folder(docs) if p.path == f"docs/{payload.file}"]
    if payload.runs:  # the payload is live: without the check, the site would run it
        assert _wait_for(ran, payload.name), f"{payload.name} did not run in Chromium; the payload proves nothing"
    if payload.name in ran:
        assert refused, f"Chromium ran {payload.file} and the check let it through"
    assert refused, f"{payload.file} passed the check"


@pytest.mark.parametrize("name", list(ALLOWED_SVG), ids=str)
def test_what_the_check_accepts_runs_nothing(browser, served, name: str):
    base, ran, docs = served
    assert not [p for p in check_docs_folder(docs) if p.path == f"docs/{name}"], "the check should accept it"
    before = set(ran)
    _open(browser, base, name, click=True)
    assert ran == before, f"opening {name} ran {ran - before}"


def test_the_sites_own_svg_runs_nothing(browser, served):
    """docs/favicon.svg as the site serves it: accepted, and nothing in it runs."""
    base, ran, docs = served
    favicon = Path(__file__).resolve().parents[2] / "docs" / "favicon.svg"
    (docs / "favicon.svg").write_bytes(favicon.read_bytes())
    assert not [p for p in check_docs_folder(docs) if p.path == "docs/favicon.svg"]
    before = set(ran)
    _open(browser, base, "favicon.svg", click=True)
    assert ran == before
