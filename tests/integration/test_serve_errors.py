"""Previewing with a broken file: `mkdocs serve` (dirty and strict, as `make serve` runs it) shows the problems
in the browser, on every page, escaped and as `explainer check` words them; fixing the file brings
the site back. Waits are bounded; the server runs in a subprocess on a free port (serve_support)."""

from __future__ import annotations

from pathlib import Path

from serve_support import fetch, serving, wait_for

BROKEN_KEY = "<b>colour</b>"


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
    with serving(project, log) as base:
        wait_for(base + "actors/huawei/", lambda body: "designs the" in body, log)
        good = _break(actors)
        page = wait_for(base + "actors/huawei/", _shows_the_problems, log)
        # the lines of `explainer check`, markup in them escaped
        assert "content/actors.yml:16:9: actors[2].kind: Input should be" in page
        assert "content/actors.yml:17:3: actors[2].&lt;b&gt;colour&lt;/b&gt;: unknown field" in page
        assert BROKEN_KEY not in page
        assert "2 error(s), 1 warning(s): fix the errors above." in page  # the sample has a review date due
        # every other page the reader may reload: generated, hand-written, in the navigation or not
        for path in ["", "timeline/", "topics/ascend-chips/", "sources/smic-entity-list-2020/"]:
            assert _shows_the_problems(fetch(base + path)[1]), path or "home"
        assert "livereload" in page, "the page still reloads by itself"
        actors.write_text(good.replace("designs the", "develops the"))
        wait_for(base + "actors/huawei/", lambda body: "develops the" in body and "Content has errors" not in body, log)
        assert "Content has errors" not in fetch(base + "timeline/")[1]
    text = log.read_text()
    assert "content has errors; every page shows them until they are fixed" in text
    assert "Traceback" not in text and "Aborted" not in text


def test_serving_content_that_is_broken_from_the_start(project: Path, tmp_path: Path):
    actors = project / "content" / "actors.yml"
    good = _break(actors)
    log = tmp_path / "serve.log"
    with serving(project, log) as base:
        home = wait_for(base, _shows_the_problems, log)
        assert "2 error(s)" in home
        assert _shows_the_problems(wait_for(base + "glossary/", lambda body: True, log))
        actors.write_text(good)
        wait_for(base + "actors/huawei/", lambda body: "designs the" in body, log)


def test_a_broken_reference_in_a_hand_written_page_shows_on_that_page(project: Path, tmp_path: Path):
    index = project / "docs" / "index.md"
    good = index.read_text()
    log = tmp_path / "serve.log"
    with serving(project, log) as base:
        wait_for(base, lambda body: "iFLYTEK" in body, log)
        index.write_text(good.replace("[[term:ascend]]", "[[term:nope]]"))
        home = wait_for(base, lambda body: "Content has errors" in body, log)
        assert "docs/index.md:12:28: unknown term &#39;nope&#39;" in home
        assert "Content has errors" not in fetch(base + "timeline/")[1]
        index.write_text(good)
        wait_for(base, lambda body: "Content has errors" not in body and "iFLYTEK" in body, log)
