"""`[[kind:id]]` references in hand-written Markdown pages (docs/)."""

from __future__ import annotations

import bisect
import posixpath
import re
from pathlib import Path

from .errors import Problem
from .graph import SiteGraph
from .markdown import md_escape
from .refs import parse_ref, sub_refs


def source_path(site_url: str) -> str:
    """'glossary/#smic' -> 'glossary.md#smic'; 'actors/huawei/' -> 'actors/huawei.md'."""
    path, hash_, anchor = site_url.partition("#")
    md = (path.rstrip("/") or "index") + ".md"
    if md in ("topics.md", "actors.md", "sources.md"):
        md = md.removesuffix(".md") + "/index.md"
    return md + (f"#{anchor}" if hash_ else "")


def resolve_docs_refs(
    markdown: str, graph: SiteGraph, page_src: str, shown_path: str, line_offset: int = 0
) -> tuple[str, list[Problem]]:
    """Replace references with Markdown links relative to `page_src`; report unknown ones."""
    problems: list[Problem] = []
    here = posixpath.dirname(page_src)
    line_starts = [0] + [m.end() for m in re.finditer("\n", markdown)]  # once: a page may hold thousands

    def link(match) -> str:
        line = bisect.bisect_right(line_starts, match.start())
        column = match.start() - line_starts[line - 1] + 1
        line += line_offset
        parsed = parse_ref(match.group(1))
        if isinstance(parsed, str):
            problems.append(Problem(shown_path, line, column, "", parsed))
            return match.group(0)
        kind, ident, label = parsed
        if (kind, ident) not in graph.items:
            problems.append(Problem(shown_path, line, column, "", f"unknown {kind} '{ident}'"))
            return match.group(0)
        target = source_path(graph.url(kind, ident))
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, here or ".") + (f"#{anchor}" if anchor else "")
        return f"[{md_escape(label or graph.label(kind, ident))}]({rel})"

    return sub_refs(markdown, link), problems


def resolve_docs_folder(docs_dir: Path, graph: SiteGraph) -> tuple[dict[str, str], list[Problem]]:
    """Every hand-written Markdown page with references resolved, keyed by its path in docs/."""
    pages: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        text, found = resolve_docs_refs(path.read_text(encoding="utf-8"), graph, src, f"{docs_dir.name}/{src}")
        pages[src] = text
        problems.extend(found)
    return pages, problems
