"""Debian's Chromium as the tests and tools launch it (the path from CHROMIUM_PATH, as in CI)."""

import os

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Headless and quiet: no sandbox (root in CI), no GPU, and no network of its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
