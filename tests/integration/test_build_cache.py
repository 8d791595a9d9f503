"""The build's cache (.cache/explainer) end to end: a warm build publishes exactly what a cold one does."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from build_support import assert_same_site, run_mkdocs


def test_a_warm_build_writes_the_same_site_as_a_cold_one(project: Path):
    cold = run_mkdocs(project, "build", "--strict", "-d", "cold")
    assert cold.returncode == 0, cold.stderr
    cached = project / ".cache" / "explainer"
    assert (cached / "site.pickle").is_file() and any((cached / "templates").iterdir())
    assert (cached / "links.pickle").is_file()
    warm = run_mkdocs(project, "build", "--strict", "-d", "warm")
    assert warm.returncode == 0, warm.stderr
    assert_same_site(project / "warm", project / "cold")


def test_an_edit_after_a_cached_build_is_published(project: Path):
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    actors = project / "content" / "actors.yml"
    actors.write_text(actors.read_text().replace("designs the", "develops the"))
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    assert "develops the" in (project / "site" / "actors" / "huawei" / "index.html").read_text()


def test_after_glossary_edits_a_cached_build_is_the_same_as_an_uncached_one(project: Path, tmp_path: Path):
    """Pages whose own HTML did not change still link the glossary as it now is (explainer.link_memo)."""
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    terms = project / "content" / "terms.yml"
    renamed = terms.read_text().replace("term: K visa", "term: K-visa (China)").replace("Entity List", "Entity Roll")
    terms.write_text(renamed)
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    shutil.rmtree(project / ".cache")
    assert run_mkdocs(project, "build", "--strict", "-d", str(tmp_path / "uncached")).returncode == 0
    assert_same_site(project / "site", tmp_path / "uncached")


def test_bad_content_fails_after_a_cached_build_too(project: Path):
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    facts = project / "content" / "facts.yml"
    facts.write_text(facts.read_text().replace("date: 2019-10-07", "date: 2019-13-07"))
    shutil.rmtree(project / "site")
    result = run_mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 1
    assert "content/facts.yml:5:9: facts[0].date: '2019-13-07' is not a date" in result.stdout + result.stderr
    assert not (project / "site").exists()


def test_a_cache_committed_to_the_repository_stops_the_build(project: Path):
    """A pickle under .cache/ runs as code when loaded: only a local build may write one, so a
    pull request that commits one gets a clear refusal, not a build that runs it."""
    git = lambda *args: subprocess.run(["git", *args], cwd=project, capture_output=True, check=True, timeout=30)
    git("init", "-q")
    planted = project / ".cache" / "explainer" / "site.pickle"
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"explainer-site-cache 4\nnot-a-key\n")
    git("add", "-f", ".cache")
    result = run_mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert ".cache/explainer/site.pickle: files under .cache/ are committed to the repository" in output
    assert "git rm -r --cached .cache" in output and "Traceback" not in output
    assert not (project / "site").exists()
    git("rm", "-q", "-r", "--cached", ".cache")
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0


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
