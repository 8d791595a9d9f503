"""The plugin end to end: builds are repeatable, keep no cache on disk, and prerendered pages match."""

from __future__ import annotations

from pathlib import Path

import pytest
from build_support import assert_same_site, run_mkdocs


def test_two_builds_write_the_same_site(project: Path):
    first = run_mkdocs(project, "build", "--strict", "-d", "first")
    assert first.returncode == 0, first.stderr
    second = run_mkdocs(project, "build", "--strict", "-d", "second")
    assert second.returncode == 0, second.stderr
    assert_same_site(project / "second", project / "first")


def test_an_edit_between_builds_is_published(project: Path):
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    actors = project / "content" / "actors.yml"
    actors.write_text(actors.read_text().replace("designs the", "develops the"))
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    assert "develops the" in (project / "site" / "actors" / "huawei" / "index.html").read_text()


def test_bad_content_fails_the_build(project: Path):
    facts = project / "content" / "facts.yml"
    facts.write_text(facts.read_text().replace("date: 2019-10-07", "date: 2019-13-07"))
    result = run_mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 1
    assert "content/facts.yml:5:9: facts[0].date: '2019-13-07' is not a date" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / "site").exists()


PLANTED_PICKLE = b"""cos
system
(S'touch {marker}'
tR."""


@pytest.mark.parametrize("folder", [".cache/explainer", ".Cache/explainer", ".CACHE/Explainer"])
def test_a_planted_cache_is_never_loaded(project: Path, tmp_path: Path, folder: str):
    """Caches that load as code (pickles, compiled templates) could come from a checkout, a ZIP download
    or a case variant of the folder: the build keeps none on disk, so nothing planted there runs."""
    marker = tmp_path / "ran"
    planted = project / folder
    (planted / "templates").mkdir(parents=True)
    payload = PLANTED_PICKLE.replace(b"{marker}", str(marker).encode())
    for name in ("site.pickle", "pages.pickle", "links.pickle", "templates/__jinja2_x.cache"):
        (planted / name).write_bytes(b"explainer-site-cache 5\n" + payload)
        (planted / (name + ".raw")).write_bytes(payload)
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    result = run_mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before  # nothing written here


def test_generated_pages_made_without_python_markdown_publish_the_same_site(project: Path):
    """explainer.prerender makes generated pages' HTML itself; turned off, MkDocs converts them."""
    quick = run_mkdocs(project, "build", "--strict", "-d", "prerendered")
    assert quick.returncode == 0, quick.stderr
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("plugins: [search, explainer]", "plugins: [search, explainer: {prerender: false}]")
    )
    converted = run_mkdocs(project, "build", "--strict", "-d", "converted")
    assert converted.returncode == 0, converted.stderr
    assert_same_site(project / "prerendered", project / "converted")


@pytest.mark.parametrize(
    "settings, message",
    [
        ("{prerendr: false}", "prerendr"),  # a misspelt name
        ("{prerender: 'no'}", "prerender"),  # a wrong type
        ("{keywords: chips}", "keywords"),
    ],
)
def test_a_wrong_setting_stops_the_build_at_startup(project: Path, settings: str, message: str):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("plugins: [search, explainer]", f"plugins: [search, explainer: {settings}]")
    )
    result = run_mkdocs(project, "build", "--strict", "-d", "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and message in output and "Traceback" not in output
    assert not (project / "site").exists()
