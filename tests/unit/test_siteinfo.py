"""explainer.siteinfo: absolute addresses, appended without urljoin where urljoin would only append."""

from __future__ import annotations

import random
from urllib.parse import urljoin

import pytest
from explainer.build.pipeline import build_site
from explainer.resolve.siteinfo import _APPENDED_PATH_RE, SiteInfo
from unit_support import SAMPLE, TODAY

BASES = [
    "https://example.org/",
    "https://example.org/sample/",
    "http://example.org/a/b",
    "https://example.org/x/?q=1",
    "https://example.org/x/#top",
]
_PIECES = ["glossary", "term-1", "a_b", "x.y", "~u", "é", ".", "..", "/", "//", "#", "#x", "?", "?q=1", ":", "http:", " ", "%20", "-"]  # fmt: skip


def _random_path(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 6)))


@pytest.mark.parametrize("base", BASES)
def test_absolute_is_what_urljoin_gives_on_random_paths(base):
    site, rng = SiteInfo("S", base), random.Random(base)
    paths = [_random_path(rng) for _ in range(3000)]
    assert [site.absolute(p) for p in paths] == [urljoin(site.url, p) for p in paths]
    appended = sum(bool(_APPENDED_PATH_RE.fullmatch(p)) for p in paths)
    assert 100 < appended < 2900  # both ways are exercised


def test_absolute_is_what_urljoin_gives_for_every_page_and_item_of_the_sample_site():
    site = SiteInfo("S", "https://example.org/sample/")
    output = build_site(SAMPLE, TODAY, site)
    graph = output.graph
    paths = [page.url for page in output.pages] + [graph.url(kind, ident) for kind, ident in graph.items]
    assert all(_APPENDED_PATH_RE.fullmatch(p) for p in paths)  # the fast way is the usual one
    assert [site.absolute(p) for p in paths] == [urljoin(site.url, p) for p in paths]


@pytest.mark.parametrize(
    "path, expected",
    [
        ("glossary/#smic", "https://example.org/s/glossary/#smic"),
        ("", "https://example.org/s/"),
        ("../up/", "https://example.org/up/"),
        ("/root/", "https://example.org/root/"),
        ("https://other.example/x", "https://other.example/x"),
    ],
)
def test_absolute_addresses(path, expected):
    assert SiteInfo("S", "https://example.org/s").absolute(path) == expected


def test_without_a_site_address_paths_stay_site_relative():
    assert SiteInfo("S").absolute("glossary/#smic") == "/glossary/#smic"
