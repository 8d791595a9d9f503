"""Golden files: the sample site's generated pages and data, and its home page with the generated
parts filled in, each compared whole with its committed copy, one test per file.

A changed file fails with a unified diff; a file the build no longer writes, or one it writes
without a golden copy, fails by name. After an intended change to generated output, run
`make golden` (UPDATE_GOLDEN=1: rewrites tests/golden/expected/ and removes files the build no
longer writes) and commit the updated files with the change that caused them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import tempfile
from pathlib import Path

import pytest
from explainer import build_site
from explainer.build.publication import publish
from explainer.handwritten.refs import resolve_docs_folder
from explainer.pages.home import home_parts
from explainer.resolve.siteinfo import SiteInfo

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "fixtures" / "sample" / "content"
EXPECTED = Path(__file__).parent / "expected"
TODAY = dt.date(2026, 11, 30)  # fixed, so review warnings and fallback dates do not move
SITE = SiteInfo("Sample", "https://example.org/sample/", "A sample explainer.", keywords=("sample",))
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
DIFF_LINES = 60  # of a unified diff shown per file: enough to see what changed, short enough to scan
LINE_WIDTH = 200  # characters of one diff line shown (a data file may hold long lines)


@functools.cache
def generated() -> dict[str, str]:
    """Every generated page and data file of the sample, and its hand-written pages as exported, by path.
    Built once per session: collection needs the paths, the tests their text."""
    output = build_site(SAMPLE, today=TODAY, site=SITE)
    with tempfile.TemporaryDirectory() as no_git:  # no git there: dates fall back to TODAY
        publication = publish(output, SITE, Path(no_git), today=TODAY)
    files = {page.path: page.markdown for page in [*output.pages, *publication.pages]}
    docs, problems = resolve_docs_folder(SAMPLE.parent / "docs", output.graph, home_parts(output.renderer))
    assert problems == [], problems
    # The charts' PNG files are pictures drawn with the machine's fonts: the browser tests check
    # that each is a PNG; their SVG source is compared here.
    data = {f.path: f.text for f in publication.files if isinstance(f.text, str)}
    return {**files, **docs, **data}


def committed() -> dict[str, str]:
    return {
        path.relative_to(EXPECTED).as_posix(): path.read_bytes().decode("utf-8")  # CSV keeps its CRLF
        for path in sorted(EXPECTED.rglob("*"))
        if path.is_file()
    }


def rewrite_golden_files(actual: dict[str, str]) -> None:
    """`make golden`: every generated file written, and golden files the build no longer writes removed."""
    for path in EXPECTED.rglob("*"):
        if path.is_file() and path.relative_to(EXPECTED).as_posix() not in actual:
            path.unlink()
    for rel, text in actual.items():
        target = EXPECTED / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))


def diff_report(path: str, expected: str, actual: str, max_lines: int = DIFF_LINES) -> str:
    """A unified diff from the golden copy to the generated file, cut to `max_lines` lines; a long
    changed line is shown around its first difference from the line that replaces it."""
    if expected.replace("\r\n", "\n") == actual.replace("\r\n", "\n"):
        return f"{path}: only the line endings differ (CRLF against LF)"
    lines = [
        line.rstrip("\r\n")
        for line in difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"golden/{path}",
            tofile=f"generated/{path}",
        )
    ]
    shown = lines[:2] + _cut_long_lines(lines[2:max_lines])
    if len(lines) > max_lines:
        shown.append(f"... {len(lines) - max_lines} more diff lines")
    return "\n".join(shown)


def _cut_long_lines(lines: list[str]) -> list[str]:
    """Each run of removed lines is paired with the run of added lines after it, line by line, so a
    pair is cut at the same place: where they first differ."""
    starts = [0] * len(lines)
    i = 0
    while i < len(lines):
        removed = i
        while i < len(lines) and lines[i].startswith("-"):
            i += 1
        added = i
        while i < len(lines) and lines[i].startswith("+"):
            i += 1
        for old, new in zip(range(removed, added), range(added, i), strict=False):
            same = next((n for n, (a, b) in enumerate(zip(lines[old], lines[new], strict=False)) if n and a != b), 1)
            starts[old] = starts[new] = same
        i = max(i, removed + 1)
    return [_cut(line, start) for line, start in zip(lines, starts, strict=True)]


def _cut(line: str, first_difference: int) -> str:
    if len(line) <= LINE_WIDTH:
        return line
    begin = max(1, first_difference - 40)
    end = begin + LINE_WIDTH
    before = "..." if begin > 1 else ""
    after = f"... ({len(line) - end} more characters)" if end < len(line) else ""
    return line[0] + before + line[begin:end] + after


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "golden_path" in metafunc.fixturenames:
        paths = sorted(set(generated()) | set(committed()))
        metafunc.parametrize("golden_path", paths, ids=paths)


@pytest.fixture(scope="module")
def golden() -> dict[str, str]:
    """The committed golden files; under `make golden`, rewritten first from the generated output."""
    if UPDATE:
        rewrite_golden_files(generated())
    return committed()


def test_generated_file_matches_its_golden_copy(golden_path: str, golden: dict[str, str]) -> None:
    if UPDATE:
        pytest.skip("golden files updated; review and commit tests/golden/expected/")
    actual, expected = generated().get(golden_path), golden.get(golden_path)
    if expected is None:
        pytest.fail(
            f"{golden_path}: generated, but has no golden copy; if intended, run `make golden`, review and commit",
            pytrace=False,
        )
    if actual is None:
        pytest.fail(
            f"{golden_path}: golden copy exists, but the build no longer writes it; if intended, run `make golden`",
            pytrace=False,
        )
    if actual != expected:
        pytest.fail(
            f"{golden_path}: generated output changed; if intended, run `make golden` and commit\n"
            + diff_report(golden_path, expected, actual),
            pytrace=False,
        )


def test_the_golden_set_is_not_empty(golden: dict[str, str]) -> None:
    """Guards the parametrized tests above: with no files on either side they would pass by not running."""
    assert len(generated()) > 20
    if not UPDATE:
        assert len(golden) > 20


def test_a_diff_names_the_file_and_is_cut_to_length() -> None:
    expected = "".join(f"line {i}\n" for i in range(200))
    actual = expected.replace("line 5\n", "line five\n").replace("line 150\n", "line 150 " + "x" * 500 + "\n")
    report = diff_report("topics/a.md", expected, actual, max_lines=12)
    lines = report.splitlines()
    assert lines[:2] == ["--- golden/topics/a.md", "+++ generated/topics/a.md"]
    assert "-line 5" in lines and "+line five" in lines
    assert len(lines) == 13 and lines[-1].endswith("more diff lines")
    long_line = diff_report("a.md", expected, actual).splitlines()
    assert any(line.startswith("+line 150 xxx") and line.endswith("more characters)") for line in long_line)
    # a long line changed far from its start is shown where it changed, on both sides
    before, after = "<p>" + "a" * 1000 + "old</p>\n", "<p>" + "a" * 1000 + "new</p>\n"
    changed = diff_report("b.md", before, after).splitlines()
    assert changed[-2].startswith("-...aaa") and changed[-2].endswith("aold</p>")
    assert changed[-1].startswith("+...aaa") and changed[-1].endswith("anew</p>")
    assert diff_report("a.csv", "a\r\nb\r\n", "a\nb\n") == "a.csv: only the line endings differ (CRLF against LF)"
