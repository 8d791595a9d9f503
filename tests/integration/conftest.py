"""A small MkDocs project around the sample content, built with the real hook."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from build_support import SAMPLE, mkdocs_yml


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project folder: mkdocs.yml, docs/ and content/ from the sample."""
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root)
    (root / "mkdocs.yml").write_text(mkdocs_yml(root))
    return root
