"""Write the whole site as plain Markdown into a folder, for any Markdown generator."""

from __future__ import annotations

import shutil
from pathlib import Path

from explainer.pages.page import Page


def export_pages(
    pages: list[Page], out_dir: Path, docs_dir: Path | None = None, docs_pages: dict[str, str] | None = None
) -> int:
    """Write generated pages, hand-written pages (references resolved) and docs assets; return the page count."""
    if docs_dir and docs_dir.is_dir():
        shutil.copytree(docs_dir, out_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    written = {**(docs_pages or {}), **{page.path: page.markdown for page in pages}}
    for path, markdown in written.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    return len(written)
