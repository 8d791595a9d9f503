"""Fixtures for every suite that reads the real site: it is built once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_config_support import build_env, load_mkdocs_yml
from stage_times import (  # noqa: F401  (hooks: the time per stage at the end of a run)
    pytest_runtest_logreport,
    pytest_sessionstart,
    pytest_terminal_summary,
)

REPO = Path(__file__).resolve().parents[1]
# The project to build; another folder with the same layout can be given for local experiments.
PROJECT = Path(os.environ.get("SITE_TESTS_PROJECT", REPO))


def _site_path() -> str:
    """The path part of site_url ("china-tech-explainer"), where GitHub Pages serves the site."""
    return urlsplit(load_mkdocs_yml(PROJECT).get("site_url") or "").path.strip("/")


@pytest.fixture(scope="session")
def served_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("www")


@pytest.fixture(scope="session")
def site_dir(served_root: Path) -> Path:
    """The site built strictly from the project's real content, placed at site_url's path
    (the local default addresses: SITE_URL and REPO_URL are not passed on)."""
    out = served_root / _site_path()
    env = build_env()
    # SITE_ENGINE=zensical (or properdocs): the same site built by another engine (`make browser-core ENGINE=...`)
    engine = os.environ.get("SITE_ENGINE", "mkdocs")
    command = ["-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)]
    if engine != "mkdocs":
        command = ["-m", "tools.engines", "build", engine, str(out)]
    result = subprocess.run(
        [sys.executable, *command],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"{engine} build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return out
