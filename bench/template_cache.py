"""Rebuilds in one process, as `mkdocs serve` does them, with and without the template cache.

    .venv/bin/python bench/template_cache.py [--runs 9]

Prints the median CPU seconds of each and their ratio, measured alternately in one run.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # before Material is imported: it reads it at import

from explainer.pages import template_cache  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402


def rebuild_seconds(site_dir: str, *, cached: bool) -> float:
    if not cached:
        template_cache.SHARED._compiled.clear()
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site_dir)
    start = time.process_time()
    build(config)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    with tempfile.TemporaryDirectory() as site_dir:
        rebuild_seconds(site_dir, cached=True)  # imports and first compilation
        cold, warm = [], []
        for _ in range(args.runs):
            cold.append(rebuild_seconds(site_dir, cached=False))
            warm.append(rebuild_seconds(site_dir, cached=True))
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    print(f"rebuild without cache {cold_s:.2f} s, with cache {warm_s:.2f} s, ratio {warm_s / cold_s:.2f}")


if __name__ == "__main__":
    main()
