"""Lighthouse scores of the built site as readers get it (gzipped): `make lighthouse`.

Builds the site, serves it compressed on a local port and runs Lighthouse 12 (through npx, so
Node.js is needed) in Chromium (CHROMIUM_PATH) on the home page, a topic, an actor and the
timeline, RUNS times each; prints every run and the median score per category. Lighthouse's
performance score moves with the machine's load: on a busy machine, take the median.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.chromium import CHROMIUM_PATH
from tools.served_site import served_site

PAGES = {"home": "", "topic": "topics/ascend-chips/", "actor": "actors/huawei/", "timeline": "timeline/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = int(os.environ.get("RUNS", "3"))


def lighthouse(url: str, chromium: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            "npx", "-y", "lighthouse@12", url,
            "--chrome-flags=--headless --no-sandbox",
            "--output", "json", "--quiet", "--output-path", str(report),
        ]  # fmt: skip
        subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium}, check=True, capture_output=True)
        categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    chromium = CHROMIUM_PATH
    if not chromium or not Path(chromium).is_file():
        where = f" at {chromium}" if chromium else ""
        sys.exit(f"no Chromium or Chrome found{where}: run `make browser`, which says how to get one")
    with served_site() as base:
        print(f"{'page':<10}" + "".join(f"{c:>16}" for c in CATEGORIES))
        for name, path in PAGES.items():
            runs = [lighthouse(base + path, chromium) for _ in range(RUNS)]
            for run in runs:
                print(f"  {name:<8}" + "".join(f"{run[c]:>16}" for c in CATEGORIES), flush=True)
            median = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
            print(f"{name:<10}" + "".join(f"{median[c]:>16g}" for c in CATEGORIES) + "   (median)", flush=True)


if __name__ == "__main__":
    main()
