"""Previewing with a broken file: `mkdocs serve` (dirty and strict, as `make serve` runs it) shows the problems
in the browser, on every page, escaped and as `explainer check` words them; fixing the file brings
the site back. Waits are bounded; the server runs in a subprocess on a free port."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from build_support import BIN

WAIT_SECONDS = 90
BROKEN_KEY = "<b>colour</b>"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def _wait_for(url: str, predicate: Callable[[str], bool], log: Path) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    body = ""
    while time.monotonic() < deadline:
        try:
            status, body = _fetch(url)
            if status == 200 and predicate(body):
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never matched; last body {body[:300]!r}\nserve log:\n{log.read_text()[-3000:]}")


@contextmanager
def _serving(project: Path, log_path: Path) -> Iterator[str]:
    port = _free_port()
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dirty", "--livereload", "--strict", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)},
        )
    try:
        yield f"http://127.0.0.1:{port}/sample/"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _break(actors: Path) -> str:
    """An unknown field whose name holds markup, and a kind that does not exist."""
    good = actors.read_text()
    actors.write_text(good.replace("kind: agency", f"kind: agencyy\n  {BROKEN_KEY}: red", 1))
    return good


def _shows_the_problems(body: str) -> bool:
    return "Content has errors" in body and "actors[2].kind: Input should be" in body


def test_a_broken_file_shows_its_problems_on_every_page_until_it_is_fixed(project: Path, tmp_path: Path):
    actors = project / "content" / "actors.yml"
    log = tmp_path / "serve.log"
    with _serving(project, log) as base:
        _wait_for(base + "actors/huawei/", lambda body: "designs the" in body, log)
        good = _break(actors)
        page = _wait_for(base + "actors/huawei/", _shows_the_problems, log)
        # the lines of `explainer check`, markup in them escaped
        assert "content/actors.yml:16:9: actors[2].kind: Input should be" in page
        assert "content/actors.yml:17:3: actors[2].&lt;b&gt;colour&lt;/b&gt;: unknown field" in page
        assert BROKEN_KEY not in page
        assert "2 error(s), 1 warning(s): fix the errors above." in page  # the sample has a review date due
        # every other page the reader may reload: generated, hand-written, in the navigation or not
        for path in ["", "timeline/", "topics/ascend-chips/", "sources/smic-entity-list-2020/"]:
            assert _shows_the_problems(_fetch(base + path)[1]), path or "home"
        assert "livereload" in page, "the page still reloads by itself"
        actors.write_text(good.replace("designs the", "develops the"))
        _wait_for(
            base + "actors/huawei/", lambda body: "develops the" in body and "Content has errors" not in body, log
        )
        assert "Content has errors" not in _fetch(base + "timeline/")[1]
    text = log.read_text()
    assert "content has errors; every page shows them until they are fixed" in text
    assert "Traceback" not in text and "Aborted" not in text


def test_serving_content_that_is_broken_from_the_start(project: Path, tmp_path: Path):
    actors = project / "content" / "actors.yml"
    good = _break(actors)
    log = tmp_path / "serve.log"
    with _serving(project, log) as base:
        home = _wait_for(base, _shows_the_problems, log)
        assert "2 error(s)" in home
        assert _shows_the_problems(_wait_for(base + "glossary/", lambda body: True, log))
        actors.write_text(good)
        _wait_for(base + "actors/huawei/", lambda body: "designs the" in body, log)


def test_a_broken_reference_in_a_hand_written_page_shows_on_that_page(project: Path, tmp_path: Path):
    index = project / "docs" / "index.md"
    good = index.read_text()
    log = tmp_path / "serve.log"
    with _serving(project, log) as base:
        _wait_for(base, lambda body: "iFLYTEK" in body, log)
        index.write_text(good.replace("[[term:ascend]]", "[[term:nope]]"))
        home = _wait_for(base, lambda body: "Content has errors" in body, log)
        assert "docs/index.md:10:28: unknown term &#39;nope&#39;" in home
        assert "Content has errors" not in _fetch(base + "timeline/")[1]
        index.write_text(good)
        _wait_for(base, lambda body: "Content has errors" not in body and "iFLYTEK" in body, log)
