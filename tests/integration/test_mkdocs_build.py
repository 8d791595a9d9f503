"""The MkDocs hook end to end: a strict build, failed builds, live reload."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from build_support import BIN, run_mkdocs
from serve_support import serving, wait_for


def test_strict_build_generates_every_page_type(project: Path):
    result = run_mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page in [
        "topics/iflytek-blacklist",
        "timeline",
        "glossary",
        "facts",
        "actors/huawei",
        "sources/smic-entity-list-2020",
    ]:
        assert (site / page / "index.html").is_file(), page


def test_hand_written_pages_resolve_references_and_link_glossary_terms(project: Path):
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    html = (project / "site" / "index.html").read_text()
    assert '<a href="actors/iflytek/">iFLYTEK</a>' in html
    assert '<a href="glossary/#entity-list">U.S. blacklist</a>' in html
    # first plain mention of an abbreviation: linked, with its tooltip
    assert (
        '<a class="glossary-link" href="glossary/#smic"><abbr title="Semiconductor Manufacturing International Corporation">SMIC</abbr></a>'
        in html
    )


def test_edit_links_open_the_yaml_a_page_came_from(project: Path):
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    actor = (project / "site" / "actors" / "huawei" / "index.html").read_text()
    assert 'href="https://github.com/example/sample/edit/main/content/actors.yml"' in actor
    home = (project / "site" / "index.html").read_text()
    assert 'href="https://github.com/example/sample/edit/main/docs/index.md"' in home


def test_bad_content_stops_the_build_with_every_problem_and_no_traceback(project: Path):
    facts = project / "content" / "facts.yml"
    facts.write_text(
        facts.read_text()
        .replace("date: 2019-10-07", "date: 2019-13-07")
        .replace("  kind: claim\n", "  kind: claim\n  sumary: x\n")
    )
    result = run_mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "content/facts.yml:5:9: facts[0].date: '2019-13-07' is not a date: month 13 does not exist" in output
    assert re.search(r"content/facts\.yml:\d+:3: facts\[1\]\.sumary: unknown field", output)
    assert "Traceback" not in output
    assert not (project / "site").exists()


def test_unknown_reference_in_a_hand_written_page_names_file_and_line(project: Path):
    index = project / "docs" / "index.md"
    index.write_text(index.read_text().replace("[[term:ascend]]", "[[term:nope]]"))
    result = run_mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 1
    assert "docs/index.md:12:28: unknown term 'nope'" in result.stderr
    assert "Traceback" not in result.stderr


def _wait_for_text(path: Path, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        log = path.read_text()
        if text in log:
            return log
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared in the serve log:\n{path.read_text()[-2000:]}")


def test_serve_rebuilds_on_content_edits_and_reports_bad_content_without_traceback(project: Path, tmp_path: Path):
    """Plain `mkdocs serve` (not strict, not dirty) works too."""
    log_path = tmp_path / "serve.log"
    with serving(project, log_path, ("--livereload",)) as base:
        url = base + "actors/huawei/"
        wait_for(url, lambda body: "designs the" in body, log_path)
        actors = project / "content" / "actors.yml"
        actors.write_text(actors.read_text().replace("designs the", "develops the"))
        wait_for(url, lambda body: "develops the" in body, log_path)
        actors.write_text(actors.read_text().replace("kind: agency", "kind: agencyy"))
        log = _wait_for_text(log_path, "content/actors.yml:")
        assert "actors[2].kind: Input should be" in log
        actors.write_text(
            actors.read_text().replace("kind: agencyy", "kind: agency").replace("develops the", "builds the")
        )
        wait_for(url, lambda body: "builds the" in body, log_path)  # fixed content: serving resumes
    assert "Traceback" not in log_path.read_text()


def test_the_home_page_built_by_mkdocs_has_the_parts_export_writes(project: Path, tmp_path: Path) -> None:
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    html = (project / "site" / "index.html").read_text()
    out = tmp_path / "out"
    export = subprocess.run([str(BIN / "explainer"), "export", str(out)], cwd=project, capture_output=True, text=True)
    assert export.returncode == 0, export.stderr
    exported = (out / "index.md").read_text()

    def dated_links(text: str) -> list[tuple[str, str]]:
        return re.findall(r'<time datetime="([\d-]+)">[^<]*</time> (?:· )?<a href="([^"]+)"', text)

    def cards(text: str) -> list[str]:
        return re.findall(r'<h3 class="topic-card-question"><a href="([^"]+)"', text)

    assert len(dated_links(exported)) == 5  # the last update, then the four events
    assert dated_links(html) == dated_links(exported)
    assert cards(html) == cards(exported) == ["topics/iflytek-blacklist/", "topics/ascend-chips/"]
    assert "<!-- home:" not in html
