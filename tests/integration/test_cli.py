"""`python -m explainer`: check, export and schema as a contributor runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def explainer(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "explainer", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_check_passes_on_valid_content(project: Path):
    result = explainer("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content OK")


def test_check_prints_every_problem_once_as_path_line_column_field(project: Path):
    (project / "content" / "terms.yml").write_text("- id: Bad Id\n  term: [x]\n  definition: d\n  colour: red\n")
    (project / "content" / "events.yml").write_text("- id: e\n  date: 2019-02-30\n  title: t\n  sources: []\n")
    result = explainer("check", cwd=project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        "content/terms.yml:1:7: terms[0].id: 'Bad Id' is not an id: use lower-case letters, digits and hyphens, e.g. 'annual-report-2024'"
        in lines
    )
    assert (
        "content/terms.yml:4:3: terms[0].colour: unknown field; expected one of: id, term, abbreviation, aliases, zh, pinyin, definition, related, actors, sources"
        in lines
    )
    assert "content/events.yml:2:9: events[0].date: '2019-02-30' is not a date: February 2019 has no day 30" in lines
    assert (
        "content/events.yml:4:12: events[0].sources: List should have at least 1 item after validation, not 0" in lines
    )
    assert lines[-1].endswith("error(s), 1 warning(s): fix the errors above.")
    assert "Traceback" not in result.stderr


def test_export_writes_plain_markdown_for_any_generator(project: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = explainer("export", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    assert (out / "topics" / "ascend-chips.md").read_text().startswith("---\ntitle:")
    assert (out / "index.md").is_file()  # hand-written pages come along
    assert (out / "whats-new.md").is_file()
    assert (out / "figures.md").is_file()
    assert (out / "forecasts.md").is_file()
    assert len(list(out.rglob("*.md"))) == 19
    assert "wrote 19 pages" in result.stdout


def test_export_refuses_broken_content(project: Path, tmp_path: Path):
    (project / "content" / "actors.yml").write_text("- id: x\n")
    result = explainer("export", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 1 and "actors[0].name: required field is missing" in result.stderr
    assert not (tmp_path / "out").exists()


def test_schema_check_reports_stale_files(tmp_path: Path):
    assert explainer("schema", "--schemas", str(tmp_path), cwd=tmp_path).returncode == 0
    assert explainer("schema", "--check", "--schemas", str(tmp_path), cwd=tmp_path).returncode == 0
    (tmp_path / "event.schema.json").write_text("{}")
    result = explainer("schema", "--check", "--schemas", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1 and "event.schema.json: out of date" in result.stderr


def test_check_also_resolves_references_in_hand_written_pages(project: Path):
    index = project / "docs" / "index.md"
    index.write_text(index.read_text() + "\nSee [[actor:nobody]]. In code it stays: `[[actor:nobody]]`.\n")
    result = explainer("check", cwd=project)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("docs/")]
    assert problems == ["docs/index.md:22:5: unknown actor 'nobody'"]


def test_export_resolves_references_in_hand_written_pages(project: Path, tmp_path: Path):
    assert explainer("export", str(tmp_path / "out"), cwd=project).returncode == 0
    home = (tmp_path / "out" / "index.md").read_text()
    assert "[iFLYTEK](actors/iflytek.md)" in home and "[[" not in home


def test_export_fills_the_home_pages_generated_parts(project: Path, tmp_path: Path) -> None:
    assert explainer("export", str(tmp_path / "out"), cwd=project).returncode == 0
    home = (tmp_path / "out" / "index.md").read_text()
    assert '<p class="home-updated">Last updated <time datetime="2026-11-30">' in home
    assert '## Latest developments\n\n<ol class="compact-timeline">' in home
    assert '<h3 class="topic-card-question"><a href="topics/ascend-chips/">' in home
    assert "<!-- home:" not in home.replace("`<!-- home:newest -->`", "")  # only the one shown in code is left


def test_check_reports_an_unknown_or_misplaced_home_marker(project: Path) -> None:
    index = project / "docs" / "index.md"
    index.write_text(index.read_text().replace("<!-- home:topics -->", "<!-- home:topcs -->"))
    (project / "docs" / "about.md").write_text("# About\n\n<!-- home:newest -->\n")
    result = explainer("check", cwd=project)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("docs/")] == [
        "docs/about.md:3:1: <!-- home:newest --> goes only on the home page (index.md)",
        "docs/index.md:16:1: unknown home part 'topcs'; expected one of updated, numbers, newest, topics, figures",
    ]
