"""Every engine builds the same site (tools/parity.py, `make parity`), and the check can tell when not.

The builds take about a minute together (MkDocs, ProperDocs, Zensical); they use the local
addresses, as the other suites' session build does.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from unittest import mock

import pytest
from site_config_support import build_env

from tools.engines import ENGINES, build
from tools.parity import REFERENCE, Built, compare, report, site_path

SITE = "/site/"


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> list[Built]:
    missing = [e for e in ENGINES if e != REFERENCE and importlib.util.find_spec(e) is None]
    if missing:
        message = f"{', '.join(missing)} not installed: make .venv/.engines-installed (requirements-engines.txt)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("engines")
    with mock.patch.dict(os.environ, build_env(), clear=True):
        path = site_path()
        for engine in ENGINES:
            build(engine, folder / engine)
    return [Built.read(engine, folder / engine, path) for engine in ENGINES]


def test_every_engine_builds_the_same_site(builds):
    lines, same = report(builds[0], builds[1:])
    assert builds[0].engine == REFERENCE and len(builds[0].pages) > 100, "\n".join(lines)
    assert same, "\n".join(lines)


def test_every_engine_links_glossary_terms_and_writes_structured_data(builds):
    for built in builds:
        assert sum(p.glossary_links for p in built.pages.values()) > 100, built.engine
        assert all(built.pages["topics/index.html"].json_ld), built.engine


# The check itself, on two small hand-made builds: each kind of difference is found.


def _site(root: Path, pages: dict[str, str], data: dict[str, str]) -> Built:
    for name, body in {**pages, **data}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(body)
    return Built.read(root.name, root, SITE)


PAGES = {
    "index.html": '<title>Home</title><nav class="md-nav md-nav--primary"><a href="./">Home</a></nav>'
    '<article><h1 id="top">Home</h1><p>Chips and <a href="a/#sec">export controls</a>.</p></article>'
    '<a href="/site/">home</a>',
    "a/index.html": '<script type="application/ld+json">{"x": 1}</script><article><h2 id="sec">Section</h2>'
    '<a class="glossary-link" href="../#top">Entity List</a></article>',
}
DATA = {"data/events.json": "[]"}


def _pair(tmp_path: Path, pages: dict[str, str], data: dict[str, str]) -> dict[str, list[str]]:
    reference = _site(tmp_path / "mkdocs", PAGES, DATA)
    return compare(reference, _site(tmp_path / "other", pages, data))


def test_the_same_build_has_no_differences(tmp_path):
    assert not any(_pair(tmp_path, PAGES, DATA).values())


@pytest.mark.parametrize(
    ("check", "pages", "data"),
    [
        ("pages", {**PAGES, "b/index.html": "<article>more</article>"}, DATA),
        ("broken links", {**PAGES, "index.html": PAGES["index.html"].replace("a/#sec", "a/#gone")}, DATA),
        ("broken links", {**PAGES, "index.html": PAGES["index.html"].replace("a/#sec", "../a/")}, DATA),
        (
            "title and description",
            {**PAGES, "index.html": PAGES["index.html"].replace("<title>Home", "<title>Home - x")},
            DATA,
        ),
        ("navigation", {**PAGES, "index.html": PAGES["index.html"].replace(">Home</a>", ">Start</a>")}, DATA),
        ("navigation", {**PAGES, "index.html": PAGES["index.html"].replace('href="./">Home', 'href="a/">Home')}, DATA),
        ("main text", {**PAGES, "index.html": PAGES["index.html"].replace("Chips", "Chip")}, DATA),
        ("structured data", {**PAGES, "a/index.html": PAGES["a/index.html"].replace('"x": 1', '"x": 2')}, DATA),
        (
            "glossary links",
            {**PAGES, "a/index.html": PAGES["a/index.html"].replace(' class="glossary-link"', "")},
            DATA,
        ),
        (
            "edit links",
            {**PAGES, "a/index.html": PAGES["a/index.html"] + '<a rel="edit" href="https://x/a.md">e</a>'},
            DATA,
        ),
        ("data files", PAGES, {"data/events.json": "[1]"}),
    ],
)
def test_each_difference_is_found(tmp_path, check, pages, data):
    found = _pair(tmp_path, pages, data)
    assert found[check], found
    assert not any(v for k, v in found.items() if k != check), found


def test_text_outside_the_article_is_not_compared(tmp_path):
    pages = {**PAGES, "index.html": PAGES["index.html"] + "<footer>Made with another engine</footer>"}
    assert not any(_pair(tmp_path, pages, DATA).values())


def test_the_same_address_spelt_another_way_is_the_same_navigation(tmp_path):
    pages = {**PAGES, "index.html": PAGES["index.html"].replace('href="./">Home', 'href="/site/">Home')}
    assert not any(_pair(tmp_path, pages, DATA).values())


def test_a_removed_data_file_is_a_difference(tmp_path):
    found = _pair(tmp_path, PAGES, {})
    shutil.rmtree(tmp_path / "other", ignore_errors=True)
    assert found["data files"] == ["data/events.json"]
