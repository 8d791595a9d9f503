"""explainer.cache: an unchanged rebuild is served from .cache/explainer, anything else runs the pipeline."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from explainer import ContentError, cache, charts
from explainer.home import home_parts
from explainer.model import Term
from explainer.pipeline import build_site
from explainer.publish import publish
from explainer.siteinfo import SiteInfo
from unit_support import SAMPLE

SITE = SiteInfo("Sample", "https://example.org/sample/", "About chips", "en")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder holding a copy of the sample content; no cache kept in memory between tests."""
    shutil.copytree(SAMPLE, tmp_path / "content")
    monkeypatch.setattr(cache, "_last", None)
    monkeypatch.setattr(cache, "_stored", False)
    return tmp_path


class PipelineRuns:
    """Counts how often the pipeline really runs (build_site as the cache module calls it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        monkeypatch.setattr(cache, "build_site", self._build_site)

    def _build_site(self, *args: object, **kwargs: object) -> object:
        self.count += 1
        return build_site(*args, **kwargs)  # type: ignore[arg-type]


def rebuild(project: Path, site: SiteInfo = SITE, *, cache_on: bool = True) -> tuple[object, object]:
    """As a new process would: nothing kept in memory, only what is on disk."""
    cache._last, cache._stored, cache._pages = None, False, None
    built = cache.build_and_publish(project / "content", site, project, cache=cache_on)
    return built.output, built.publication


def as_published(output, publication) -> tuple:
    """What a build publishes: pages, warnings, data files, and each page's structured data."""
    structured = [publication.structured.for_page(p.url, p.title, None) for p in output.pages]
    return (output.pages, output.warnings, publication.files, publication.pages, structured)


def test_an_unchanged_rebuild_is_read_from_the_cache_and_publishes_the_same(project, monkeypatch):
    runs = PipelineRuns(monkeypatch)
    first = rebuild(project)
    assert (project / cache.FOLDER / "site.pickle").is_file()
    second = rebuild(project)
    assert runs.count == 1
    assert as_published(*second) == as_published(*first)
    fresh = build_site(project / "content", dt.date.today(), SITE)
    assert as_published(*second) == as_published(fresh, publish(fresh, SITE, project))
    # the home page's parts (charts included) come stored, drawn by the first build
    assert cache.build_and_publish(project / "content", SITE, project).home == home_parts(fresh.renderer)
    # the hook links glossary terms through the renderer's index: rebuilt from the cached graph
    names = " and ".join(n for t in first[0].graph.all(Term) for n in (t.term, *t.aliases, t.abbreviation or ""))
    found = lambda output: list(output.renderer.glossary.find(names))
    assert found(second[0]) == found(first[0]) != []
    # and resolves hand-written pages' references through the graph, records keeping their file
    records = lambda output: [(key, r.item, r.file, r.refs) for key, r in output.graph.items.items()]
    assert records(second[0]) == records(first[0])
    assert second[0].graph.url("actor", "huawei") == first[0].graph.url("actor", "huawei")
    assert second[0].graph.label("term", "smic") == first[0].graph.label("term", "smic")


def test_a_content_edit_runs_the_pipeline_and_shows(project, monkeypatch):
    runs = PipelineRuns(monkeypatch)
    rebuild(project)
    actors = project / "content" / "actors.yml"
    actors.write_text(actors.read_text().replace("designs the", "develops the"))
    output, _ = rebuild(project)
    assert runs.count == 2
    assert any("develops the" in page.markdown for page in output.pages)


def test_a_new_file_a_comment_or_a_renamed_file_is_a_miss(project, monkeypatch):
    runs = PipelineRuns(monkeypatch)
    rebuild(project)
    (project / "content" / "terms.yml").write_text((project / "content" / "terms.yml").read_text() + "# note\n")
    rebuild(project)
    (project / "content" / "README.txt").write_text("notes")
    rebuild(project)
    (project / "content" / "events.yml").rename(project / "content" / "events-moved.yml")
    with pytest.raises(ContentError):  # not a content file name: reported, not served from the cache
        rebuild(project)
    assert runs.count == 4


def test_settings_and_date_are_part_of_the_key(project):
    today = dt.date(2026, 1, 15)
    key = cache.cache_key(project / "content", SITE, project, today)
    assert key == cache.cache_key(project / "content", SITE, project, today)
    other_site = SiteInfo("Sample", "https://example.org/other/", "About chips", "en")
    assert cache.cache_key(project / "content", other_site, project, today) != key
    assert cache.cache_key(project / "content", SITE, project, today + dt.timedelta(days=1)) != key


def test_an_edit_to_the_package_is_a_miss(project, tmp_path, monkeypatch):
    package = tmp_path / "package"
    shutil.copytree(Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_PACKAGE", package)
    today = dt.date(2026, 1, 15)
    key = cache.cache_key(project / "content", SITE, project, today)
    template = package / "templates" / "glossary.md.j2"
    template.write_text(template.read_text() + "\n")
    assert cache.cache_key(project / "content", SITE, project, today) != key


def test_a_new_commit_to_content_is_a_miss(project):
    """Topic pages' dates come from git history, which the content's bytes do not show."""
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "content"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "one"], cwd=project, check=True)
    today = dt.date(2026, 1, 15)
    key = cache.cache_key(project / "content", SITE, project, today)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "outside content"], cwd=project, check=True)
    assert cache.cache_key(project / "content", SITE, project, today) == key
    (project / "content" / "terms.yml").write_text((project / "content" / "terms.yml").read_text() + "# note\n")
    subprocess.run([*git, "commit", "-q", "-am", "two"], cwd=project, check=True)
    (project / "content" / "terms.yml").write_text((project / "content" / "terms.yml").read_text()[: -len("# note\n")])
    subprocess.run([*git, "commit", "-q", "-am", "three"], cwd=project, check=True)  # same bytes as at first
    assert cache.cache_key(project / "content", SITE, project, today) != key


def test_content_with_errors_is_never_cached(project, monkeypatch):
    runs = PipelineRuns(monkeypatch)
    facts = project / "content" / "facts.yml"
    facts.write_text(facts.read_text().replace("date: 2019-10-07", "date: 2019-13-07"))
    for _ in range(2):
        with pytest.raises(ContentError, match="month 13 does not exist"):
            rebuild(project)
    assert runs.count == 2
    assert not (project / cache.FOLDER / "site.pickle").exists()


def test_a_damaged_cache_file_is_a_miss_not_a_failure(project, monkeypatch):
    first = rebuild(project)
    stored = project / cache.FOLDER / "site.pickle"
    stored.write_bytes(stored.read_bytes()[:1000])
    runs = PipelineRuns(monkeypatch)
    assert as_published(*rebuild(project)) == as_published(*first)
    assert runs.count == 1
    assert as_published(*rebuild(project)) == as_published(*first)  # and stored whole again
    assert runs.count == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_project_builds_without_a_cache(project):
    project.chmod(0o555)
    try:
        output, _ = rebuild(project)
    finally:
        project.chmod(0o755)
    assert output.pages and not (project / ".cache").exists()


def test_an_unwritable_cache_folder_still_builds(project):
    (project / ".cache").write_text("a file where the cache folder would go")
    output, _ = rebuild(project)
    assert output.pages
    output, _ = rebuild(project)
    assert output.pages


def test_a_symlink_in_content_turns_the_cache_off(project, tmp_path, monkeypatch):
    """Where a link points is not hashed, so an edit there could not be seen."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project / "content" / "topics" / "more").symlink_to(outside)
    assert cache.cache_key(project / "content", SITE, project, dt.date(2026, 1, 15)) is None
    runs = PipelineRuns(monkeypatch)
    for _ in range(2):
        with contextlib.suppress(ContentError):  # whatever the loader says of the link, it says every time
            rebuild(project)
    assert runs.count == 2


def test_cache_off_writes_nothing(project, monkeypatch):
    runs = PipelineRuns(monkeypatch)
    rebuild(project, cache_on=False)
    rebuild(project, cache_on=False)
    assert runs.count == 2 and not (project / ".cache").exists()


def test_in_memory_reuse_within_a_process(project, monkeypatch):
    """`mkdocs serve`: a rebuild with unchanged content (a docs/ edit) reads nothing from disk."""
    runs = PipelineRuns(monkeypatch)
    first = cache.build_and_publish(project / "content", SITE, project)
    (project / cache.FOLDER / "site.pickle").unlink()
    second = cache.build_and_publish(project / "content", SITE, project)
    assert second.output is first.output and runs.count == 1


def test_a_process_writes_the_cache_once(project, monkeypatch):
    """`mkdocs serve` rebuilds after each edit: pickling the site each time would slow every rebuild."""
    runs = PipelineRuns(monkeypatch)
    cache.build_and_publish(project / "content", SITE, project)
    stored = (project / cache.FOLDER / "site.pickle").read_bytes()
    actors = project / "content" / "actors.yml"
    actors.write_text(actors.read_text().replace("designs the", "develops the"))
    output = cache.build_and_publish(project / "content", SITE, project).output
    assert runs.count == 2 and any("develops the" in page.markdown for page in output.pages)
    assert (project / cache.FOLDER / "site.pickle").read_bytes() == stored


def test_an_edit_keeps_the_pages_and_the_home_parts_it_does_not_touch(project, monkeypatch):
    """The pipeline runs, but pages and the home page's charts that read nothing of the edit are
    kept from the last build (explainer.page_memo): the same output as a fresh build."""
    rebuild(project)
    drawn = []
    monkeypatch.setattr(charts, "draw_svg", lambda *args: drawn.append(args) or "<svg/>")
    sources = project / "content" / "sources.yml"
    sources.write_text(sources.read_text().replace("recounts the", "retells the"))
    output, publication = rebuild(project)
    assert drawn == []  # no chart shows that source: none drawn again
    assert cache._pages is not None and 0 < cache._pages.reused < len(output.pages)
    monkeypatch.undo()
    fresh = build_site(project / "content", dt.date.today(), SITE)
    assert as_published(output, publication) == as_published(fresh, publish(fresh, SITE, project))
    assert cache.build_and_publish(project / "content", SITE, project).home == home_parts(fresh.renderer)
