"""mkdocs.yml read as MkDocs reads it (its `!ENV` tags resolved), under a chosen environment.

The shared session build and the tests that read its addresses use the local defaults:
SITE_URL and REPO_URL are taken out of the environment, so a developer's shell cannot
change what the suites expect. (A unique module name: test folders share sys.path.)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from unittest import mock

from mkdocs.utils.yaml import yaml_load

ADDRESS_VARIABLES = ("SITE_URL", "REPO_URL")


def build_env(**addresses: str) -> dict[str, str]:
    """The environment for a build: this process's, without SITE_URL/REPO_URL unless given here."""
    env = {k: v for k, v in os.environ.items() if k not in ADDRESS_VARIABLES}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **addresses}


def load_mkdocs_yml(project: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """mkdocs.yml with `!ENV [NAME, default]` resolved against `env` (default: the local build's)."""
    with mock.patch.dict(os.environ, env if env is not None else build_env(), clear=True):
        return yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
