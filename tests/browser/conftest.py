"""Browser tests: the real site, built once per session, served on 127.0.0.1,
seen through headless Chromium.

Every page a test opens goes through `page`, which records console errors and
blocks (and records) any request that would leave the local server; both are
failures when the test ends.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tools.chromium import CHROMIUM_ARGS, CHROMIUM_PATH
from tools.prerequisites import find_java, is_executable_file, java_missing_message

from .roles import ROLES

REPO = Path(__file__).resolve().parents[2]
# The project to build; another folder (same layout) can be given for local experiments.
PROJECT = Path(os.environ.get("SITE_TESTS_PROJECT", REPO))  # tests/conftest.py builds it once
DESKTOP = {"width": 1280, "height": 900}


def missing_tool(message: str):
    """In CI a missing tool is a failure; on a contributor's machine, a skip."""
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so this is a failure)", pytrace=False)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path, served_root: Path) -> str:
    """The built site served by a threaded http.server on a free local port, at site_url's path
    (so the 404 page's site-absolute links resolve as they will on GitHub Pages)."""
    handler = functools.partial(_QuietHandler, directory=str(served_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    prefix = site_dir.relative_to(served_root).as_posix().strip(".")
    yield f"http://127.0.0.1:{server.server_port}/" + (prefix + "/" if prefix else "")
    server.shutdown()
    server.server_close()


# Package scope: Playwright's sync API allows one running instance, so it must
# stop before other suites (tests/hostile) start their own.
@pytest.fixture(scope="package")
def browser():
    path = CHROMIUM_PATH
    if not is_executable_file(path):
        where = f"at {path}" if path else "on PATH, nor is CHROMIUM_PATH set"
        missing_tool(f"no Chromium or Chrome {where} (run `make browser`: it finds or installs one, or says how)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageWatch:
    """What a page did that it must not: console errors, uncaught errors, requests off the local server."""

    base_url: str
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def on_route(self, route):
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort()

    def on_console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def problems(self) -> list[str]:
        return [f"console error: {e}" for e in self.console_errors] + [
            f"request outside the local site (blocked): {u}" for u in self.external_requests
        ]


def watched_context(browser, base_url: str, **options):
    """A browser context whose pages are watched; returns (context, watch)."""
    watch = PageWatch(base_url)
    context = browser.new_context(base_url=base_url, **{"viewport": DESKTOP, **options})
    context.route("**/*", watch.on_route)
    context.on("page", lambda page: _watch_page(page, watch))
    return context, watch


def _watch_page(page, watch: PageWatch):
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.console_errors.append(f"uncaught: {error}"))


def watched_pages(browser, base_url):
    """Yield a factory of watched pages on `base_url`; afterwards, fail on any console error or
    request off the local server that one of them saw."""
    opened: list[tuple[object, PageWatch]] = []

    def make(**options):
        context, watch = watched_context(browser, base_url, **options)
        opened.append((context, watch))
        return context.new_page()

    yield make
    problems = []
    for context, watch in opened:
        context.close()
        problems += watch.problems()
    assert not problems, "\n".join(problems)


@pytest.fixture
def new_page(browser, base_url):
    """Factory for watched pages with context options (viewport, javascript_enabled, color_scheme)."""
    yield from watched_pages(browser, base_url)


@pytest.fixture
def unchecked_context(browser, base_url):
    """A watched context whose problems the test itself inspects: returns (context, watch)."""
    context, watch = watched_context(browser, base_url)
    yield context, watch
    context.close()


@pytest.fixture
def page(new_page):
    """A watched desktop-sized page."""
    return new_page()


@pytest.fixture(scope="session")
def java() -> str:
    """`java` for the Nu HTML Checker; tests ask for it before the site, so a skip costs no build."""
    path = find_java()
    if not path:
        missing_tool(java_missing_message("`make test` could not install it here").replace("\n", " "))
    return path


def _pages_under(site_dir: Path, folder: str) -> list[str]:
    return sorted(p.parent.relative_to(site_dir).as_posix() + "/" for p in (site_dir / folder).glob("*/index.html"))


@pytest.fixture(scope="session")
def topic_paths(site_dir: Path) -> list[str]:
    paths = _pages_under(site_dir, "topics")
    assert paths, "the build produced no topic pages"
    return paths


def _first_page_with(site_dir: Path, paths: list[str], *markers: str) -> str:
    """The first page whose HTML holds every marker, so a role's sections are really there."""
    for path in paths:
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        if all(marker in html for marker in markers):
            return path
    raise AssertionError(f"no page has all of {markers}")


@pytest.fixture(scope="session")
def key_pages(site_dir: Path, topic_paths: list[str]) -> dict[str, str]:
    """One page of each kind, by role; chosen from the build so content can change."""
    sources = _pages_under(site_dir, "sources")
    assert sources, "the build produced no source pages"
    actors = _pages_under(site_dir, "actors")
    pages = {
        "home": "",
        "topic": topic_paths[0],
        "timeline": "timeline/",
        "glossary": "glossary/",
        "figures": "figures/",
        "actor": "actors/huawei/",
        "source": sources[0],
        # Profiles and source pages with every kind of section (issue 10).
        "person": _first_page_with(site_dir, actors, 'class="actor-role"', 'class="statements"'),
        "cited-source": _first_page_with(
            site_dir, sources, 'id="on-the-timeline"', 'id="facts-and-claims"', 'id="glossary"'
        ),
        "topic-to-watch": _first_page_with(site_dir, topic_paths, 'id="what-to-watch"', 'id="timeline"'),
    }
    assert list(pages) == ROLES, "tests/browser/roles.py lists the roles tests run over"
    for role, path in pages.items():
        assert (site_dir / path / "index.html").is_file(), f"no {role} page at /{path}"
    return pages
