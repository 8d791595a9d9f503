"""Guarantees: a failed build leaves the old site alone, the build uses no network, dependencies are pinned."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .support import ENV, PYTHON, ROOT, make_project, minimal, write_content

VENV = Path(sys.executable).parent.parent  # the environment running these tests


def make_build(project: Path) -> subprocess.CompletedProcess:
    """`make build` in a throwaway project, on the environment already set up (never reinstalling)."""
    marker = VENV / ".runtime-installed"
    return subprocess.run(
        ["make", "-C", str(project), "build", f"VENV={VENV}", "-o", str(marker)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_only_a_successful_build_replaces_the_site(tmp_path):
    """One project through a good build, two kinds of failure, and a good rebuild."""
    project = make_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))  # make build's
    first = make_build(project)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (project / "site" / "index.html").is_file()
    before = snapshot(project / "site")

    # 1. broken content: `check` stops the build before MkDocs runs
    good_events = (project / "content" / "events.yml").read_text(encoding="utf-8")
    (project / "content" / "events.yml").write_text("- id: ev-a\n  date: 2019-13-01\n", encoding="utf-8")
    result = make_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "content/events.yml:2:9: events[0].date: '2019-13-01' is not a date" in output
    assert snapshot(project / "site") == before
    (project / "content" / "events.yml").write_text(good_events, encoding="utf-8")

    # 2. content passes `check`, then MkDocs fails (strict: a broken link in a page)
    good_about = (project / "docs" / "about.md").read_text(encoding="utf-8")
    (project / "docs" / "about.md").write_text("# About\n\nSee [nowhere](missing-page.md).\n", encoding="utf-8")
    result = make_build(project)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(project / "site") == before
    (project / "docs" / "about.md").write_text(good_about, encoding="utf-8")

    # 3. a good build replaces the site whole: nothing stale, no leftovers
    (project / "site" / "stale.html").write_text("old", encoding="utf-8")
    content = minimal()
    content["events"][0]["title"] = "A renamed event"
    write_content(project / "content", content)
    result = make_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / "site" / "stale.html").exists()
    assert "A renamed event" in (project / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert not (project / "site.new").exists() and not (project / "site.old").exists()


# --- no network ----------------------------------------------------------------
BLOCK_SOCKETS = """
import os, socket
_log = os.environ["NETWORK_LOG"]
def _refuse(*args, **kwargs):
    with open(_log, "a") as log:
        log.write(repr(args[1:] if args and isinstance(args[0], socket.socket) else args)[:200] + "\\n")
    raise OSError("network access is blocked during the build")
socket.socket.connect = socket.socket.connect_ex = _refuse
socket.getaddrinfo = socket.create_connection = socket.gethostbyname = _refuse
"""


@pytest.fixture
def offline_env(tmp_path) -> dict:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(BLOCK_SOCKETS, encoding="utf-8")
    log = tmp_path / "network.log"
    log.write_text("", encoding="utf-8")
    return {"PYTHONPATH": str(guard), "NETWORK_LOG": str(log)}


def test_the_socket_guard_works(offline_env):
    """The control: a request made under the guard is blocked and logged."""
    env = {**ENV, **offline_env}
    result = subprocess.run(
        [PYTHON, "-c", "import urllib.request; urllib.request.urlopen('http://example.com/', timeout=2)"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "network access is blocked" in result.stderr
    assert Path(offline_env["NETWORK_LOG"]).read_text(encoding="utf-8")


def test_the_build_makes_no_network_request(tmp_path, offline_env):
    project = make_project(tmp_path / "project")
    env = {**ENV, **offline_env}
    check = subprocess.run(
        [PYTHON, "-m", "explainer", "check"], cwd=project, env=env, capture_output=True, text=True, timeout=120
    )
    build = subprocess.run(
        [PYTHON, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    attempts = Path(offline_env["NETWORK_LOG"]).read_text(encoding="utf-8")
    assert check.returncode == 0, check.stderr
    assert build.returncode == 0, build.stdout + build.stderr
    assert attempts == "", f"network requested:\n{attempts}"
    assert (tmp_path / "site" / "index.html").is_file()


# --- pinned dependencies ---------------------------------------------------------
@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_dependency_is_pinned(name):
    lines = [line.split("#")[0].strip() for line in (ROOT / name).read_text(encoding="utf-8").splitlines()]
    packages = [line for line in lines if line and not line.startswith("-r ")]
    assert packages, f"{name} lists nothing"
    loose = [
        line for line in packages if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._\[\],-]*==[0-9][A-Za-z0-9.+!-]*", line)
    ]
    assert not loose, f"not pinned with ==: {loose}"


def test_dev_tools_are_kept_apart_from_runtime():
    runtime = (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    dev = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").lower()
    assert "-r requirements.txt" in dev
    for tool in ("pytest", "hypothesis", "playwright"):
        assert tool in dev and tool not in runtime
