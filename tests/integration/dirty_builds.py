"""Run as a script: the builds `mkdocs serve --dirty` makes, in one process, without the server.

    python dirty_builds.py PROJECT SITE STEPS.json [--clean]

Builds PROJECT into SITE as `make serve` does (dirty, strict, site_url the local server's),
then for each step, a list of [file, old text, new text] replacements in the project,
applies it and builds again. Prints JSON: per build, the pages whose HTML was written
(by file time). With --clean, every build is a full one, as `mkdocs serve` without --dirty.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/sample/"


def page_times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("index.html")}


def main() -> int:
    project, site, steps_file = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    dirty = "--clean" not in sys.argv
    os.chdir(project)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    first = True
    written = []
    for step in [[], *json.loads(steps_file.read_text())]:
        for name, old, new in step:
            path = project / name
            text = path.read_text(encoding="utf-8")
            if old not in text:
                raise SystemExit(f"{old!r} is not in {name}")
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        config = load_config(site_dir=str(site), strict=True)
        config.site_url = SERVE_URL
        if first:
            config.plugins.on_startup(command="serve", dirty=dirty)
            first = False
        before = page_times(site)
        build(config, serve_url=SERVE_URL, dirty=dirty)
        after = page_times(site)
        written.append(sorted(p for p, t in after.items() if before.get(p) != t))
    print(json.dumps(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
