"""Shared fixtures of the hostile suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tools.chromium import CHROMIUM_ARGS, CHROMIUM_PATH


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; missing, it fails under CI and skips elsewhere."""
    if not CHROMIUM_PATH or not Path(CHROMIUM_PATH).exists():
        message = f"Chromium not found at {CHROMIUM_PATH or 'CHROMIUM_PATH, nor on PATH'} (run `make browser`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
