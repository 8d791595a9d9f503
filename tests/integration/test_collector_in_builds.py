"""The hook pauses the cyclic collector for the pipeline; a one-shot `mkdocs build` then freezes what it
built (explainer.collector), a served build never does: its rebuilds' leftovers must stay collectable.
A second hook, added for the test, writes what the collector looked like when the build ended."""

from __future__ import annotations

from pathlib import Path

from build_support import run_mkdocs
from serve_support import serving, wait_for

PROBE = """\
import gc
from pathlib import Path


def on_post_build(config):
    Path(config.config_file_path).with_name("collector.txt").write_text(
        f"{gc.get_freeze_count()} {gc.isenabled()}"
    )
"""


def _with_probe(project: Path) -> Path:
    (project / "collector_probe.py").write_text(PROBE)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - collector_probe.py\n")
    return project / "collector.txt"


def test_a_one_shot_build_freezes_what_the_pipeline_built(project: Path):
    probe = _with_probe(project)
    result = run_mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    frozen, enabled = probe.read_text().split()
    assert int(frozen) > 10_000 and enabled == "True"


def test_a_served_build_freezes_nothing(project: Path, tmp_path: Path):
    probe = _with_probe(project)
    with serving(project, tmp_path / "serve.log") as url:
        wait_for(url, lambda body: "Sample" in body, tmp_path / "serve.log")
        frozen, enabled = probe.read_text().split()
    assert frozen == "0" and enabled == "True"
