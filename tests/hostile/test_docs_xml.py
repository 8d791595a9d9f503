"""Files in docs/ that a browser opens as XML (issue 20, class 1): refused by type, or read as XML.

A standalone .svg is namespaced XML to a browser, and GitHub Pages serves other types as
XML, HTML or a plug-in's document: a script in one runs with the site's address. `explainer
check` and the build refuse every type docs/ may not publish, and read SVG as XML against an
allow-list, each problem at `docs/<file>:line:col`. Which payloads Chromium really runs:
tests/browser/test_docs_xml_browser.py.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from explainer.handwritten.policy import check_docs_folder
from explainer.mkdocs.settings import read_settings

from .support import ENV, PYTHON, ROOT, make_project, mkdocs_build
from .xml_payloads import ALLOWED_SVG, PAYLOADS, REFUSED_TYPES


def _write(docs: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(data)


PAYLOAD_FILES = {p.file: p.content() for p in PAYLOADS}
TYPE_FILES = {name: text.encode() for name, text in REFUSED_TYPES.items()}
ALLOWED_FILES = {name: text.encode() for name, text in ALLOWED_SVG.items()}


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("docs-xml") / "project")
    _write(project / "docs", {**PAYLOAD_FILES, **TYPE_FILES, **ALLOWED_FILES})
    return project


@pytest.fixture(scope="module")
def check_output(hostile_project) -> str:
    result = subprocess.run(
        [PYTHON, "-m", "explainer", "check"], cwd=hostile_project, env=ENV, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: p.name)
def test_check_refuses_each_payload_in_place(check_output, payload):
    assert any(line.startswith(payload.expected) for line in check_output.splitlines()), check_output


@pytest.mark.parametrize("name", list(REFUSED_TYPES), ids=str)
def test_check_refuses_types_docs_may_not_publish(check_output, name):
    assert f"docs/{name}:1:1: " in check_output, check_output


@pytest.mark.parametrize("name", list(ALLOWED_SVG), ids=str)
def test_drawings_pass(check_output, name):
    assert f"docs/{name}" not in check_output


def test_the_build_stops_with_the_same_messages_and_writes_nothing(hostile_project, tmp_path):
    result = mkdocs_build(hostile_project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    for payload in PAYLOADS:
        assert payload.expected in output, f"{payload.expected!r} not in:\n{output}"
    assert not list((tmp_path / "site").rglob("*.html")), "a page was written before the build stopped"


def test_the_sites_own_files_pass():
    assert check_docs_folder(ROOT / "docs", read_settings(ROOT / "mkdocs.yml").extensions) == []


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"<svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns="http://www.w3.org/2000/svg"/>',
        b"<svg xmlns:a='x' a:b='1' a:b='2'/>",
        b"\x00\x01\xff" * 50,
        b'<svg xmlns="http://www.w3.org/2000/svg">&undefined;</svg>',
        b"<?xml version='1.0' encoding='latin-1'?><svg xmlns='http://www.w3.org/2000/svg'/>",
        b'<svg xmlns="http://www.w3.org/2000/svg"/><svg xmlns="http://www.w3.org/2000/svg"/>',
        b'<svg xmlns="http://www.w3.org/2000/svg"/>' + b"<!--" * 10_000,
    ],
    ids=lambda t: repr(t[:24]),
)
def test_broken_svg_is_a_clear_error_not_a_traceback(tmp_path, text):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "broken.svg").write_bytes(text)
    problems = check_docs_folder(tmp_path / "docs")
    assert problems and all(p.path == "docs/broken.svg" and p.line >= 1 and p.column >= 1 for p in problems)


def test_dot_files_and_folders_are_not_published_and_not_refused(tmp_path):
    """MkDocs leaves out names starting with a dot; folders themselves are not files."""
    _write(tmp_path / "docs", {".hidden/x.html": b"<script></script>", "img/pic.png": b"\x89PNG"})
    assert check_docs_folder(tmp_path / "docs") == []
