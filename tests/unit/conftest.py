"""Shared helpers for the generator's unit tests: small content folders in tmp dirs."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from unit_support import SAMPLE


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample content."""
    target = tmp_path / "content"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture
def write(tmp_path: Path):
    """write({'facts.yml': '...'}) -> a content folder holding exactly those files."""

    def _write(files: dict[str, str | bytes], base: Path | None = None) -> Path:
        folder = base or tmp_path / "content"
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return _write
