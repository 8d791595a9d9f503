"""Regenerate the README's screenshot of the home page: `make screenshot`.

Builds the site, serves it locally and photographs the home page in Debian's Chromium
(CHROMIUM_PATH, or the one `make browser` finds) through Playwright, at a desktop size, light scheme.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.chromium import CHROMIUM_ARGS, CHROMIUM_PATH
from tools.served_site import REPO, served_site

OUTPUT = REPO / ".github" / "screenshot.png"
VIEWPORT = {"width": 1280, "height": 800}


def main() -> None:
    chromium = CHROMIUM_PATH
    if not chromium or not Path(chromium).is_file():
        where = f" at {chromium}" if chromium else ""
        sys.exit(f"no Chromium or Chrome found{where}: run `make browser`, which says how to get one")
    with served_site() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT, color_scheme="light", reduced_motion="reduce")
        page.goto(url, wait_until="networkidle")
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT), animations="disabled", caret="hide")
        browser.close()
    print(f"wrote {OUTPUT.relative_to(REPO)} ({OUTPUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
