"""What the test suite does when a tool is missing: a skip that says why on a contributor's
machine, a failure under CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import missing_tool

REPO = Path(__file__).resolve().parents[2]


def test_a_missing_tool_skips_locally_and_fails_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no browser here"):
        missing_tool("no browser here")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"no browser here \(CI is set, so this is a failure\)"):
        missing_tool("no browser here")


def _validator_test_without_java(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The Nu checker's test with no `java` on PATH (a PATH of the interpreter's folder alone)."""
    no_java = tmp_path / "bin"
    no_java.mkdir()
    (no_java / "python").symlink_to(sys.executable)
    environment = {k: v for k, v in os.environ.items() if k != "CI"} | {"PATH": str(no_java), **env}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-rs",
        "-p",
        "no:cacheprovider",
        "tests/browser/test_site_validity.py",
    ]
    return subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=300)


def test_without_java_the_validator_test_skips_and_says_why_locally(tmp_path):
    result = _validator_test_without_java(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout and "error" not in result.stdout
    assert "The HTML validator tests need Java" in result.stdout
    assert "sudo apt-get install default-jre-headless" in result.stdout


def test_without_java_the_validator_test_fails_in_ci(tmp_path):
    result = _validator_test_without_java(tmp_path, CI="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 error" in result.stdout and "CI is set, so this is a failure" in result.stdout
