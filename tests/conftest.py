"""Fixtures for every suite that reads the real site: it is built once per test session."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[1]
# The project to build; another folder with the same layout can be given for local experiments.
PROJECT = Path(os.environ.get("SITE_TESTS_PROJECT", REPO))


def _site_path() -> str:
    """The path part of site_url ("china-tech-explainer"), where GitHub Pages serves the site."""
    match = re.search(r"^site_url:\s*(\S+)", (PROJECT / "mkdocs.yml").read_text(), re.M)
    return urlsplit(match.group(1)).path.strip("/") if match else ""


@pytest.fixture(scope="session")
def served_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("www")


@pytest.fixture(scope="session")
def site_dir(served_root: Path) -> Path:
    """The site built strictly from the project's real content, placed at site_url's path."""
    out = served_root / _site_path()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return out
