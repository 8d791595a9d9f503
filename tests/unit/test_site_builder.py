"""explainer.build.site: a `mkdocs serve` process reuses what an edit left unchanged, in memory only."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from explainer import ContentError
from explainer.build import site as site_module
from explainer.build.pipeline import build_site
from explainer.build.publication import publish
from explainer.build.site import SiteBuilder, content_key
from explainer.pages import charts
from explainer.pages.home import home_parts
from explainer.resolve.siteinfo import SiteInfo
from unit_support import SAMPLE

SITE = SiteInfo("Sample", "https://example.org/sample/", "About chips", "en")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "content")
    return tmp_path


class PipelineRuns:
    """Counts how often the pipeline really runs (build_site as the builder calls it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        monkeypatch.setattr(site_module, "build_site", self._build_site)

    def _build_site(self, *args: object, **kwargs: object) -> object:
        self.count += 1
        return build_site(*args, **kwargs)  # type: ignore[arg-type]


def as_published(built) -> tuple:
    """What a build publishes: pages, warnings, data files, and each page's structured data."""
    output, publication = built.output, built.publication
    structured = [publication.structured.for_page(p.url, p.title, None) for p in output.pages]
    return (output.pages, output.warnings, publication.files, publication.pages, structured)


def fresh(project: Path) -> tuple:
    output = build_site(project / "content", dt.date.today(), SITE)
    return (output, publish(output, SITE, project))


def test_an_unchanged_rebuild_reuses_the_last_output(project, monkeypatch):
    runs = PipelineRuns(monkeypatch)
    builder = SiteBuilder(project / "content", project)
    first = builder.build(SITE)
    assert builder.build(SITE) is first and runs.count == 1


def test_a_content_edit_runs_the_pipeline_and_shows(project, monkeypatch):
    runs = PipelineRuns(monkeypatch)
    builder = SiteBuilder(project / "content", project)
    builder.build(SITE)
    actors = project / "content" / "actors.yml"
    actors.write_text(actors.read_text().replace("designs the", "develops the"))
    built = builder.build(SITE)
    assert runs.count == 2 and any("develops the" in page.markdown for page in built.output.pages)


def test_a_new_file_or_a_comment_is_a_miss(project, monkeypatch):
    runs = PipelineRuns(monkeypatch)
    builder = SiteBuilder(project / "content", project)
    builder.build(SITE)
    (project / "content" / "terms.yml").write_text((project / "content" / "terms.yml").read_text() + "# note\n")
    builder.build(SITE)
    (project / "content" / "README.txt").write_text("notes")
    builder.build(SITE)
    assert runs.count == 3


def test_settings_and_date_are_part_of_the_key(project, monkeypatch):
    runs = PipelineRuns(monkeypatch)
    builder = SiteBuilder(project / "content", project)
    builder.build(SITE)
    builder.build(SiteInfo("Sample", "https://example.org/other/", "About chips", "en"))
    assert runs.count == 2
    key = content_key(project / "content", project, "a")
    assert key == content_key(project / "content", project, "a") != content_key(project / "content", project, "b")


def test_a_new_commit_to_content_is_a_miss(project):
    """Topic pages' dates come from git history, which the content's bytes do not show."""
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "content"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "one"], cwd=project, check=True)
    key = content_key(project / "content", project, "s")
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "outside content"], cwd=project, check=True)
    assert content_key(project / "content", project, "s") == key
    terms = project / "content" / "terms.yml"
    terms.write_text(terms.read_text() + "# note\n")
    subprocess.run([*git, "commit", "-q", "-am", "two"], cwd=project, check=True)
    terms.write_text(terms.read_text()[: -len("# note\n")])
    subprocess.run([*git, "commit", "-q", "-am", "three"], cwd=project, check=True)  # same bytes as at first
    assert content_key(project / "content", project, "s") != key


def test_content_with_errors_is_checked_every_time(project, monkeypatch):
    runs = PipelineRuns(monkeypatch)
    builder = SiteBuilder(project / "content", project)
    facts = project / "content" / "facts.yml"
    facts.write_text(facts.read_text().replace("date: 2019-10-07", "date: 2019-13-07"))
    for _ in range(2):
        with pytest.raises(ContentError, match="month 13 does not exist"):
            builder.build(SITE)
    assert runs.count == 2


def test_a_symlink_in_content_turns_reuse_off(project, tmp_path):
    """Where a link points is not hashed, so an edit there could not be seen."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project / "content" / "topics" / "more").symlink_to(outside)
    assert content_key(project / "content", project, "s") is None


def test_a_build_writes_nothing_to_disk(project):
    """No cache on disk: what a cache holds would be loaded as code (hostile issue, class 5)."""
    before = sorted(project.rglob("*"))
    SiteBuilder(project / "content", project).build(SITE)
    SiteBuilder(project / "content", project).build(SITE, reuse=False)
    assert sorted(project.rglob("*")) == before


def test_one_shot_builds_keep_nothing(project, monkeypatch):
    runs = PipelineRuns(monkeypatch)
    builder = SiteBuilder(project / "content", project)
    builder.build(SITE, reuse=False)
    builder.build(SITE, reuse=False)
    assert runs.count == 2 and builder._pages is None and builder._last is None


def test_an_edit_keeps_the_pages_and_the_home_parts_it_does_not_touch(project, monkeypatch):
    """The pipeline runs, but pages and the home page's charts that read nothing of the edit are
    kept from the last build (explainer.pages.memo): the same output as a fresh build."""
    builder = SiteBuilder(project / "content", project)
    builder.build(SITE)
    drawn = []
    monkeypatch.setattr(charts, "draw_svg", lambda *args: drawn.append(args) or "<svg/>")
    sources = project / "content" / "sources.yml"
    sources.write_text(sources.read_text().replace("recounts the", "retells the"))
    built = builder.build(SITE)
    assert drawn == []  # no chart shows that source: none drawn again
    assert builder._pages is not None and 0 < builder._pages.reused < len(built.output.pages)
    monkeypatch.undo()
    output, publication = fresh(project)
    assert as_published(built)[:4] == (output.pages, output.warnings, publication.files, publication.pages)
    assert built.home == home_parts(output.renderer)
