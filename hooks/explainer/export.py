"""Write every generated page as plain Markdown into a folder."""
from __future__ import annotations

import shutil
from pathlib import Path

from .render import Page


def export_pages(pages: list[Page], out_dir: Path, docs_dir: Path | None = None) -> int:
    """Write pages (and the hand-written docs, if given) under out_dir; return the page count."""
    if docs_dir and docs_dir.is_dir():
        shutil.copytree(docs_dir, out_dir, dirs_exist_ok=True)
    for page in pages:
        target = out_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    return len(pages)
