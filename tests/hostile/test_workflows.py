"""Workflows: no checkout keeps credentials, and pull requests touching code are flagged for a maintainer."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tools.review_gate import owned, rules

from .support import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CODEOWNERS = ROOT / ".github" / "CODEOWNERS"
FLAG_STEP = "Flag changes to code that runs in CI or ships to readers"
# The paths the issue names, which must need a maintainer: one file under each.
CODE_PATHS = [
    "hooks/explainer/pages/render.py",
    "hooks/explainer/mkdocs/plugin.py",
    "overrides/main.html",
    "Makefile",
    "requirements.txt",
    "requirements-dev.txt",
    "mkdocs.yml",
    "docs/javascripts/tooltips.js",
    ".github/workflows/ci.yml",
    ".github/CODEOWNERS",
    "pyproject.toml",
    "tests/conftest.py",
    ".cache/explainer/site.pickle",  # the build loads it: pickled objects run as code
    "GNUmakefile",
    "makefile",
    "rules.mk",
    "conftest.py",
    "content/conftest.py",
    "setup.py",
    "setup.cfg",
    "pytest.ini",
    ".pytest.ini",
    "tox.ini",
    ".ci/run",
    "tools/serve_gzip.py",
    "sitecustomize.py",
    "usercustomize.py",
    "evil.pth",
    ".python-version",
    "docs/favicon.svg",  # a browser runs an SVG's script
    "docs/javascripts/new.js",
    "docs/page.html",
    "docs/feed.xml",
]
CONTENT_PATHS = ["content/events.yml", "content/topics/ascend-chips.yml", "docs/about.md", "docs/images/photo.png"]


def _steps() -> list[tuple[str, dict]]:
    found = []
    for workflow in WORKFLOWS:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        for job in data["jobs"].values():
            found += [(workflow.name, step) for step in job.get("steps", [])]
    return found


def test_every_checkout_drops_its_credentials():
    checkouts = [(name, step) for name, step in _steps() if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts, "no checkout step found"
    keeping = [name for name, step in checkouts if (step.get("with") or {}).get("persist-credentials") is not False]
    assert not keeping, f"checkouts that keep the token in .git/config: {keeping}"


def _owned_patterns() -> list[str]:
    lines = CODEOWNERS.read_text(encoding="utf-8").splitlines()
    entries = [line.split() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    assert all(rule[1:] == [] or rule[1].startswith("@") for rule in entries), "owners are @names"
    return [rule[0] for rule in entries]


def _owned(path: str, patterns: list[str]) -> bool:
    """GitHub's reading of CODEOWNERS (case-sensitive, last match decides), as the CI step applies it."""
    assert patterns
    return owned(path, rules(CODEOWNERS.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", CODE_PATHS)
def test_code_needs_a_code_owner(path):
    assert _owned(path, _owned_patterns()), f"{path} has no code owner"


@pytest.mark.parametrize("path", CONTENT_PATHS)
def test_content_stays_open_to_any_reviewer(path):
    assert not _owned(path, _owned_patterns()), f"{path} needs a code owner, but content should not"


# --- the flag step, run for real on a throwaway repository ---------------------------
def _flag_script() -> str:
    [step] = [step for _, step in _steps() if step.get("name") == FLAG_STEP]
    assert step.get("if") == "github.event_name == 'pull_request'"
    return step["run"]


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=30)


def _pull_request(tmp_path: Path, changed: list[str]) -> subprocess.CompletedProcess:
    """A base branch, a pull request changing `changed`, and GitHub's merge commit checked out; then the step."""
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("base\n")
    for name in (".github/CODEOWNERS", "tools/review_gate.py"):  # the gate, as the base branch holds it
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "checkout", "-q", "-b", "pr")
    for name in changed:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("changed\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "pull request")
    _git(repo, "checkout", "-q", "main")
    (repo / "README.md").write_text("base moved on\n")  # the base branch moved on meanwhile
    _git(repo, "commit", "-q", "-am", "later on main")
    _git(repo, "merge", "-q", "--no-ff", "-m", "merge", "pr")
    summary = tmp_path / "summary.md"
    return subprocess.run(
        ["bash", "-e", "-c", _flag_script()],
        cwd=repo,
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize("path", CODE_PATHS)
def test_a_pull_request_changing_code_is_flagged(tmp_path, path):
    result = _pull_request(tmp_path, ["content/events.yml", path])
    assert result.returncode == 0, result.stderr
    warning = re.search(r"^::warning title=[^:]+::(.*)$", result.stdout, re.M)
    assert warning and path in warning.group(1).split(), result.stdout
    assert "content/events.yml" not in warning.group(1)
    summary = (tmp_path / "summary.md").read_text()
    assert f"- {path}" in summary.splitlines()


def test_a_content_pull_request_is_not_flagged(tmp_path):
    result = _pull_request(tmp_path, CONTENT_PATHS)
    assert result.returncode == 0, result.stderr
    assert "::warning" not in result.stdout
    assert not (tmp_path / "summary.md").exists()
