"""`make serve` (`mkdocs serve --dirty`): after an edit, MkDocs renders only the pages it changes.

MkDocs' dirty builds render a page again only when its source is newer than its output,
and a page added with `File.generated(content=...)` always counts as changed. Under a dirty
serve the generated pages are therefore written to .cache/explainer/serve/, each file only
when its text changed, and added from there. What else a page shows decides whether it is
rendered again; for each page that must be, this module removes its output (MkDocs then
renders it, whatever the file times say):
- a generated page whose text changed;
- a hand-written page whose [[kind:id]] references now resolve to other labels or places;
- a page that mentions a term removed or moved to another page (its term link would break);
- the glossary and data pages after any content change (their structured data sums it all up);
- every page when the navigation changed: its entries, or the title of a page in it.
Left as they are: links and tooltips for terms added or renamed, on pages whose own text did
not change. Those links still work; they follow when the page next changes, or at the next
`make serve` (the serve log says how many pages wait). Rendering every page that mentions a
renamed term (most pages, for a common one) would make such a rebuild take seconds.

MkDocs gives pages it does not read no title, so the navigation reads the sources of the
pages it lists. Material's search index, in a dirty build, holds only some pages: it is
written whole after each build, from each page's entries at its last render. `mkdocs build`
(so `make build`) and `mkdocs serve` without --dirty use none of this; any `mkdocs serve`
polls for edits every 0.1 s instead of MkDocs' 0.5 s, a wait every rebuild would add.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

from explainer.handwritten.refs import resolve_docs_refs
from explainer.mkdocs.serve_errors import nav_paths
from explainer.model.kinds import Term
from explainer.pages.home import fill_markers
from explainer.publish.structured import DATA_URL, GLOSSARY_URL
from explainer.resolve.graph import SiteGraph
from explainer.text.glossary import GlossaryIndex

if TYPE_CHECKING:  # `mkdocs build` never loads the live-reload server: importing it would cost every build
    from mkdocs.livereload import LiveReloadServer

POLL_SECONDS = 0.1  # how often `mkdocs serve` looks for edits (MkDocs: 0.5)
_DIRTY_WARNING = "A 'dirty' build is being performed"
log = logging.getLogger("mkdocs.hooks.explainer")


@dataclass
class _Session:
    """What one `mkdocs serve --dirty` remembers from build to build."""

    folder: Path  # the generated pages, as files
    written: dict[str, str] = field(default_factory=dict)  # generated page -> its text in the folder
    changed: set[str] = field(default_factory=set)  # generated pages whose text changed in this build
    resolved: dict[str, str] = field(default_factory=dict)  # hand-written page -> its text, references resolved
    terms: dict[str, Term] = field(default_factory=dict)  # the glossary at the last build
    term_urls: dict[str, str] = field(default_factory=dict)  # and where each term was
    graph: SiteGraph | None = None  # the content at the last build
    nav: str = ""  # the navigation at the last build
    html: dict[str, str] = field(default_factory=dict)  # page -> its content at its last render
    pages: list[str] = field(default_factory=list)  # the site's pages in this build, in order
    search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # page -> its search entries
    indexed: int = 0  # search entries of this build already assigned to a page


SERVE_FOLDER = Path(".cache") / "explainer" / "serve"  # under the project root; Markdown only, never code


class _DirtyWarning(logging.Filter):
    """MkDocs warns that dirty builds leave navigation and links stale (so --strict stops them):
    this module keeps them right, so the warning is dropped, for this process's dirty serve only."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_DIRTY_WARNING)


def _glossary_changes(session: _Session, graph: SiteGraph) -> tuple[list[Term], list[Term]]:
    """Terms removed or moved to another page (links to them would break: the pages that mention them
    render again), and terms added or renamed. Pages that mention those keep their still working links
    until they next render: finding every mention means rendering most pages, for a common term, and
    the rebuild would take seconds instead of a moment."""
    terms = {t.id: t for t in graph.all(Term)}
    urls = {i: graph.url("term", i) for i in terms}
    old, old_urls = session.terms, session.term_urls
    session.terms, session.term_urls = terms, urls
    if not old:
        return [], []
    moved = [t for i, t in old.items() if urls.get(i) != old_urls[i]]
    renamed = [t for i, t in terms.items() if i not in old or _names(t) != _names(old[i])]
    renamed += [old[t.id] for t in renamed if t.id in old]
    return moved, renamed


def _names(term: Term) -> tuple[object, ...]:
    return (term.term, tuple(term.aliases), term.abbreviation)


def _mentioning(terms: list[Term], session: _Session, pages: list[File]) -> set[str]:
    """Pages whose content at its last render holds a name of one of `terms`, each name as the linker
    reads it (words apart by one space), found anywhere: never fewer pages than the linker would link."""
    if not terms:
        return set()
    names = GlossaryIndex(terms)  # the linker's own matcher, run over the whole HTML (tags and all)
    return {f.src_uri for f in pages if next(names.find(session.html.get(f.src_uri, "")), None) is not None}


def _nav_key(config: MkDocsConfig, files: Files) -> str:
    """The navigation every page shows: its entries and the title of each page in it."""
    titles = []
    for path in sorted(nav_paths(config.nav)):
        file = files.get_file_from_path(path)
        if file is not None and file.is_documentation_page():
            text = file.content_string
            meta_title = get_data(text)[1].get("title") if text.startswith("---") else None
            titles.append((path, meta_title or get_markdown_title(text[:4000])))
    return repr((config.nav, titles))


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """Material's search plugin's entries for this build so far (None when there is no such plugin)."""
    for plugin in config.plugins.values():
        entries = getattr(getattr(plugin, "search_index", None), "entries", None)
        if isinstance(entries, list):
            return entries
    return None


class DirtyServe:
    """The plugin's part for `mkdocs serve --dirty`; does nothing in any other build."""

    def __init__(self) -> None:
        self.active = False
        self._session: _Session | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.active = command == "serve" and dirty
        if self.active:
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarning())

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Poll for edits more often: MkDocs' polling delay is part of every rebuild's wait."""
        observer: Any = server.observer
        if hasattr(observer, "_timeout"):  # watchdog's observers and emitters keep it there
            observer._timeout = POLL_SECONDS
            for emitter in observer.emitters:  # those already watching docs/ and mkdocs.yml
                if hasattr(emitter, "_timeout"):
                    emitter._timeout = POLL_SECONDS
        return server

    def _current(self, config: MkDocsConfig) -> _Session | None:
        if not self.active:
            return None
        if self._session is None:
            self._session = _Session(Path(config.config_file_path).parent / SERVE_FOLDER)
        return self._session

    def generated_page(self, config: MkDocsConfig, path: str, markdown: str, inclusion: InclusionLevel) -> File:
        """A generated page as MkDocs gets it: its text in memory, or under a dirty serve a file."""
        session = self._current(config)
        if session is None:
            return File.generated(config, path, content=markdown, inclusion=inclusion)
        target = session.folder / path
        if session.written.get(path) != markdown:
            try:
                unchanged = target.read_text(encoding="utf-8") == markdown
            except OSError:
                unchanged = False
            if not unchanged:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(markdown, encoding="utf-8")
                session.changed.add(path)
            session.written[path] = markdown
        return File(path, str(session.folder), config.site_dir, config.use_directory_urls, inclusion=inclusion)

    def after_files(
        self, files: Files, config: MkDocsConfig, graph: SiteGraph, generated: set[str], home: Mapping[str, str]
    ) -> None:
        """Remove the output of every page that must be rendered again though MkDocs would not see why."""
        session = self._current(config)
        if session is None:
            return
        pages = [f for f in files if f.is_documentation_page()]
        session.pages = [f.src_uri for f in pages]
        for path in [p for p in session.written if p not in generated]:  # pages gone from the site: their files too
            session.written.pop(path)
            (session.folder / path).unlink(missing_ok=True)
        redo = set(session.changed)
        session.changed.clear()
        for file in pages:
            if file.src_uri not in generated:
                shown = f"docs/{file.src_uri}"
                text = resolve_docs_refs(file.content_string, graph, file.src_uri, shown)[0]
                text = fill_markers(text, file.src_uri, home, shown)[0]  # the home page's generated parts
                if session.resolved.get(file.src_uri) != text:
                    redo.add(file.src_uri)
                session.resolved[file.src_uri] = text
        moved, renamed = _glossary_changes(session, graph)
        redo |= _mentioning(moved, session, pages)
        if graph is not session.graph:  # the content changed: so did what these pages' structured data sums up
            redo |= {f.src_uri for f in pages if f.url in (GLOSSARY_URL, DATA_URL)}
            session.graph = graph
        nav = _nav_key(config, files)
        if nav != session.nav:
            redo = {f.src_uri for f in pages}
            session.nav = nav
        waiting = _mentioning(renamed, session, pages) - redo
        if waiting:
            log.info(
                f"glossary names changed: {len(waiting)} other page(s) that mention them keep their term links "
                "until they next change (restart `make serve` to refresh them; `make build` is always complete)"
            )
        for file in pages:
            if file.src_uri in redo and file.abs_dest_path:
                Path(file.abs_dest_path).unlink(missing_ok=True)
        session.indexed = 0

    def after_failed_files(self, files: Files, config: MkDocsConfig) -> None:
        """Content with errors: every page shows them, so every page renders now, and again once fixed."""
        session = self._current(config)
        if session is None:
            return
        for file in files:
            if file.is_documentation_page() and file.abs_dest_path:
                Path(file.abs_dest_path).unlink(missing_ok=True)
        session.nav = ""  # the next good build renders every page (the errors are in their output)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Pages a dirty build does not read have no title: read those the navigation shows."""
        if self._current(config) is not None:
            for page in nav.pages:
                if page.markdown is None and not page.file.is_modified():
                    page.read_source(config)
        return nav

    def page_content(self, page: Page, html: str) -> None:
        """Remember what a page says before terms are linked: an edit to the glossary looks for names there."""
        if self.active and self._session is not None:
            self._session.html[page.file.src_uri] = html

    def page_context(self, page: Page, config: MkDocsConfig) -> None:
        """Keep the search entries Material made for this page (it indexes in its own page_context, just before)."""
        session = self._current(config)
        entries = _search_entries(config) if session is not None else None
        if session is None or entries is None:
            return
        session.search[page.file.src_uri] = [dict(e) for e in entries[session.indexed :]]
        session.indexed = len(entries)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the search index whole: the pages rendered now and, for the rest, their last entries."""
        session = self._current(config)
        index = Path(config.site_dir) / "search" / "search_index.json"
        if session is None or not index.is_file() or _search_entries(config) is None:
            return
        data = json.loads(index.read_text(encoding="utf-8"))
        data["docs"] = [entry for page in session.pages for entry in session.search.get(page, [])]
        index.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
