"""Publishing tests: the real site built once per session into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from publish_support import PROJECT, mkdocs_config, page_url_of, parse_page


@pytest.fixture(scope="session")
def built_site(site_dir: Path) -> Path:
    """`mkdocs build --strict` of the real content, shared with the browser tests (tests/conftest.py)."""
    return site_dir


@pytest.fixture(scope="session")
def site_config() -> dict:
    return mkdocs_config()


@pytest.fixture(scope="session")
def site_url(site_config) -> str:
    return site_config["site_url"]


@pytest.fixture(scope="session")
def pages(built_site) -> dict[str, Path]:
    """Every built HTML page but the 404, by site-relative address."""
    found = {page_url_of(built_site, p): p for p in sorted(built_site.rglob("index.html"))}
    assert len(found) > 10, "the build produced too few pages"
    return found


@pytest.fixture(scope="session")
def heads(pages):
    return {url: parse_page(path) for url, path in pages.items()}


@pytest.fixture(scope="session")
def content(built_site):
    """The content the site was built from, loaded by the generator (no MkDocs)."""
    from explainer.build.pipeline import build_site

    return build_site(PROJECT / "content").graph
