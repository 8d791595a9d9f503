"""Class 5 of the third hostile round: caches loaded as code.

The build kept pickles and compiled templates under .cache/explainer/ and loaded them as code; a
checkout, a ZIP download (no git to ask), a case variant of the folder or a copy git refuses to
read could supply them. The build now keeps no cache on disk at all (in-memory reuse under
`mkdocs serve` only), so whatever is planted there is never read and nothing is written there.
"""

from __future__ import annotations

import pickle
import subprocess
from pathlib import Path

import pytest

from .support import make_project, minimal, mkdocs_build


class _Payload:
    """Unpickling this runs `touch marker`: the test fails if anything loads it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (subprocess.call, (["touch", str(self.marker)],))


CACHE_FOLDERS = [".cache/explainer", ".Cache/explainer", ".CACHE/EXPLAINER", ".cache/Explainer"]
CACHE_FILES = ["site.pickle", "pages.pickle", "links.pickle", "templates/__jinja2_x.cache", "serve/index.md"]


@pytest.mark.parametrize("git_state", ["no git (a ZIP download)", "committed", "unreadable git"])
def test_nothing_planted_in_a_cache_folder_is_ever_loaded(tmp_path: Path, git_state: str):
    project = make_project(tmp_path / "project", minimal())
    marker = tmp_path / "payload-ran"
    payload = pickle.dumps(_Payload(marker))
    for folder in CACHE_FOLDERS:
        for name in CACHE_FILES:
            path = project / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"explainer-site-cache 5\n" + payload)
    if git_state != "no git (a ZIP download)":
        git = lambda *a: subprocess.run(["git", *a], cwd=project, capture_output=True, check=True, timeout=60)
        git("init", "-q")
        git("add", "-f", ".")
        if git_state == "unreadable git":
            (project / ".git" / "index").write_bytes(b"not an index")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and ".git" not in p.parts}
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not marker.exists(), "a planted cache file ran as code"
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert after == before, "the build wrote into the project"
    pickle.loads(payload)  # the payload is live: loading it is what the build must never do
    assert marker.exists()
