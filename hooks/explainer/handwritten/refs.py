"""`[[kind:id]]` references in hand-written Markdown pages (docs/)."""

from __future__ import annotations

import bisect
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

from explainer.model.problems import Problem
from explainer.pages.home import fill_markers
from explainer.resolve.addresses import source_path
from explainer.resolve.graph import SiteGraph
from explainer.text.markdown import md_escape
from explainer.text.refs import TextRef, replace_refs


def resolve_docs_refs(
    markdown: str, graph: SiteGraph, page_src: str, shown_path: str, line_offset: int = 0
) -> tuple[str, list[Problem]]:
    """Replace references with Markdown links relative to `page_src`; report unknown ones."""
    problems: list[Problem] = []
    here = posixpath.dirname(page_src)

    line_starts = [0] + [m.end() for m in re.finditer("\n", markdown)]  # once: a page may hold thousands

    def report(start: int, message: str) -> None:
        line = bisect.bisect_right(line_starts, start)
        column = start - line_starts[line - 1] + 1
        line += line_offset
        problems.append(Problem(shown_path, line, column, "", message))

    def link(ref: TextRef, start: int) -> str:
        if (ref.kind, ref.id) not in graph.items:
            report(start, f"unknown {ref.kind} '{ref.id}'")
            return markdown[start : markdown.index("]]", start) + 2]
        path, _, anchor = source_path(graph.url(ref.kind, ref.id)).partition("#")
        rel = posixpath.relpath(path, here or ".") + (f"#{anchor}" if anchor else "")
        return f"[{md_escape(ref.label or graph.label(ref.kind, ref.id))}]({rel})"

    def malformed(message: str, written: str, start: int) -> str:
        report(start, message)
        return written

    return replace_refs(markdown, link, malformed), problems


def resolve_docs_folder(
    docs_dir: Path, graph: SiteGraph, home_parts: Mapping[str, str] | None = None
) -> tuple[dict[str, str], list[Problem]]:
    """Every hand-written Markdown page with references resolved and the home page's markers
    filled (or, without `home_parts`, only checked), keyed by its path in docs/."""
    pages: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        shown = f"{docs_dir.name}/{src}"
        text, found = resolve_docs_refs(path.read_text(encoding="utf-8"), graph, src, shown)
        text, misplaced = fill_markers(text, src, home_parts, shown)
        pages[src] = text
        problems.extend(found + misplaced)
    return pages, problems
