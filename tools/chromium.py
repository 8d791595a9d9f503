"""The browser the tests and tools launch: CHROMIUM_PATH, or else the one `make browser` finds
(tools/prerequisites.py: Chromium or Chrome on PATH, or a macOS application)."""

import os

from tools.prerequisites import SetupError, find_browser


def _browser_path() -> str:
    """The browser's path; empty when none is installed (each user of it says so in its own way)."""
    try:
        return find_browser() or ""
    except SetupError:  # CHROMIUM_PATH names nothing runnable: keep it, so the message names it
        return os.environ["CHROMIUM_PATH"]


CHROMIUM_PATH = _browser_path()
# Headless and quiet: no sandbox (root in CI), no GPU, and no network of its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
