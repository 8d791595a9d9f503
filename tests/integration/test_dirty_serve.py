"""`make serve`'s dirty rebuilds (hooks/dirty_serve.py): only pages an edit changes are written,
and the site they leave is the one a full build makes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from build_support import BIN, assert_same_site, run_mkdocs
from serve_support import fetch, serving, wait_for

HELPER = Path(__file__).with_name("dirty_builds.py")
PAGES_WITH_WHOLE_CONTENT_DATA = {"glossary/index.html", "data/index.html"}  # their structured data sums it all up


def builds(project: Path, site: Path, *steps: list[tuple[str, str, str]], clean: bool = False) -> list[set[str]]:
    """Build as `mkdocs serve --dirty` does, then once more after each step; the pages each build wrote."""
    return builds_and_log(project, site, *steps, clean=clean)[0]


def builds_and_log(
    project: Path, site: Path, *steps: list[tuple[str, str, str]], clean: bool = False
) -> tuple[list[set[str]], str]:
    steps_file = project.parent / f"{site.name}-steps.json"
    steps_file.write_text(json.dumps(steps))
    done = subprocess.run(
        [sys.executable, str(HELPER), str(project), str(site), str(steps_file), *(["--clean"] if clean else [])],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    return [set(written) for written in json.loads(done.stdout)], done.stderr


ACTOR_EDIT = ("content/actors.yml", "designs the", "develops the")


@pytest.mark.parametrize("edit", [[], [ACTOR_EDIT]], ids=["nothing", "actor"])
def test_a_rebuild_writes_only_the_pages_an_edit_changes(project: Path, edit):
    first, rebuilt = builds(project, project / "site", edit)
    assert "actors/huawei/index.html" in first and len(first) > 10
    if not edit:
        assert rebuilt == set()  # nothing changed: nothing rendered
        return
    assert "actors/huawei/index.html" in rebuilt
    assert "develops the" in (project / "site" / "actors" / "huawei" / "index.html").read_text()
    assert rebuilt - PAGES_WITH_WHOLE_CONTENT_DATA  # the pages that show the text
    assert len(rebuilt) < len(first) / 2
    assert "sources/smic-entity-list-2020/index.html" not in rebuilt  # says nothing of Huawei's chips


def test_after_edits_the_site_is_the_one_a_full_build_makes(project: Path, tmp_path: Path):
    steps = [
        [ACTOR_EDIT],
        [("content/facts.yml", "date: 2019-10-07", "date: 2019-10-08")],
        [("docs/index.md", "[[term:ascend]]", "[[term:ascend]] (more)")],
        [("content/actors.yml", "name: iFLYTEK", "name: iFlytek Co.")],  # a label the hand-written home page shows
        [("content/events.yml", "date: 2018-10-10", "date: 2017-10-10")],  # the data page's temporalCoverage
    ]
    written = builds(project, project / "site", *steps)
    assert all(len(w) < len(written[0]) for w in written[1:]) and written[3] == {"index.html"}
    assert "index.html" in written[4]  # docs/index.md did not change, the label it shows did
    builds(project, tmp_path / "clean", clean=True)  # the final content, built in full
    assert_same_site(project / "site", tmp_path / "clean")


def test_content_with_errors_shows_on_every_page_and_the_fix_renders_them_all_again(project: Path, tmp_path: Path):
    """Under serve, broken content puts its problems on every page (explainer.serve_errors): the
    hand-written ones too, though their files did not change; fixing it brings every page back."""
    broken = ("content/actors.yml", "kind: agency", "kind: agencyy")
    fixed = ("content/actors.yml", "kind: agencyy", "kind: agency")
    first, failing, good = builds(project, project / "site", [broken], [fixed])
    assert "index.html" in failing and "actors/huawei/index.html" in failing
    assert good == first  # every page held the problems: all are rendered again
    builds(project, tmp_path / "clean", clean=True)
    assert_same_site(project / "site", tmp_path / "clean")


def mention_the_k_visa(project: Path) -> None:
    """Huawei's page mentions the K visa in plain text, so the glossary links it there."""
    actors = project / "content" / "actors.yml"
    actors.write_text(actors.read_text().replace("AI chips.", "AI chips and hires on the K visa.", 1))


def test_a_removed_term_leaves_no_link_to_it(project: Path):
    mention_the_k_visa(project)
    builds(project, project / "before", clean=True)
    assert 'glossary/#k-visa"' in (project / "before" / "actors" / "huawei" / "index.html").read_text()
    terms = project / "content" / "terms.yml"
    entry = re.search(r"- id: k-visa\n(?:  .*\n)+", terms.read_text()).group(0)
    (_, rebuilt) = builds(project, project / "site", [("content/terms.yml", entry, "")])
    assert "actors/huawei/index.html" in rebuilt  # its own text did not change
    linked = [p for p in (project / "site").rglob("*.html") if 'glossary/#k-visa"' in p.read_text()]
    assert linked == []


def test_navigation_titles_survive_pages_not_being_read(project: Path, tmp_path: Path):
    """MkDocs leaves the pages a dirty build skips without a title; the navigation must not show that."""
    (_, rebuilt) = builds(project, project / "site", [ACTOR_EDIT])
    assert "topics/ascend-chips/index.html" not in rebuilt  # in the navigation, not read this time
    builds(project, tmp_path / "clean", clean=True)
    page = "actors/huawei/index.html"

    def navigation(site: Path) -> str:
        html = (site / page).read_text()
        start = html.index('<nav class="md-nav md-nav--primary"')
        return html[start : html.index("</nav>", start)]

    assert "Ascend chips" in navigation(tmp_path / "clean")
    assert navigation(project / "site") == navigation(tmp_path / "clean")


def test_a_title_in_the_navigation_rebuilds_every_page(project: Path):
    retitle = ("content/topics/ascend-chips.yml", "title: Huawei's Ascend chips", "title: Ascend, retitled")
    first, rebuilt = builds(project, project / "site", [retitle])
    assert rebuilt == first
    assert "Ascend, retitled" in (project / "site" / "sources" / "smic-entity-list-2020" / "index.html").read_text()


def test_a_renamed_term_shows_on_its_own_pages_at_once_and_the_log_says_what_waits(project: Path):
    mention_the_k_visa(project)
    rename = ("content/terms.yml", "term: K visa", "term: K-visa (China)")
    (_, rebuilt), log = builds_and_log(project, project / "site", [rename])
    assert "glossary/index.html" in rebuilt
    assert "K-visa (China)" in (project / "site" / "glossary" / "index.html").read_text()
    # Huawei's page mentions the K visa: its link still works and follows when the page next changes
    assert "actors/huawei/index.html" not in rebuilt
    assert 'glossary/#k-visa"' in (project / "site" / "actors" / "huawei" / "index.html").read_text()
    assert re.search(r"glossary names changed: \d+ other page\(s\) that mention them keep their term links", log)


def test_make_serve_shows_an_edit_with_search_intact(project: Path, tmp_path: Path):
    """The real `mkdocs serve --dirty --strict`: no abort on MkDocs' dirty-build warning, the edit shows,
    and the search index still holds every page once."""
    log_path = tmp_path / "serve.log"
    with serving(project, log_path) as base:
        wait_for(base + "actors/huawei/", lambda body: "designs the" in body, log_path)
        index_before = json.loads(wait_for(base + "search/search_index.json", lambda body: '"docs"' in body, log_path))
        actors = project / "content" / "actors.yml"
        actors.write_text(actors.read_text().replace("designs the", "develops the"))
        wait_for(base + "actors/huawei/", lambda body: "develops the" in body, log_path)
        index_after = json.loads(fetch(base + "search/search_index.json")[1])
    log = log_path.read_text()
    assert "Aborted" not in log and "Traceback" not in log
    locations = [entry["location"] for entry in index_after["docs"]]
    assert len(locations) == len(set(locations))
    assert set(locations) == {entry["location"] for entry in index_before["docs"]}
    assert any("develops the" in entry["text"] for entry in index_after["docs"])


def test_a_plain_build_is_untouched_by_any_of_this(project: Path):
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    assert not (project / ".cache" / "explainer" / "serve").exists()


def test_serve_looks_for_edits_every_tenth_of_a_second(tmp_path: Path):
    """MkDocs polls every 0.5 s: on average a quarter of a second added to every rebuild."""
    from build_support import REPO

    sys.path.insert(0, str(REPO / "hooks"))
    try:
        from explainer.mkdocs import dirty_serve
        from mkdocs.livereload import LiveReloadServer
    finally:
        sys.path.remove(str(REPO / "hooks"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))  # as serve watches docs/ before plugins' on_serve
    assert server.observer.timeout == 0.5
    server = dirty_serve.DirtyServe().on_serve(server, config=None, builder=None)
    server.watch(str(tmp_path / "later"))  # and config.watch entries after it
    assert server.observer.timeout == dirty_serve.POLL_SECONDS == 0.1
    assert {emitter.timeout for emitter in server.observer.emitters} == {0.1}
    server.server_close()
