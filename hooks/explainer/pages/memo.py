"""Generated pages remembered between the rebuilds of one `mkdocs serve` process, in memory.

After an edit to one item, most pages read nothing of it. While a page is made, the graph
notes everything it reads of the content (explainer.resolve.graph.SiteGraph.note): single
items, whole kinds (a listing, an order, a split into parts) and who links to an item. The
page is kept with a fingerprint of each of those reads. The next build reuses it when every
read fingerprints the same there, and makes it afresh otherwise. A memo is valid for one key
(the site settings and the date); any change starts from nothing. Nothing is written to
disk: a cache loaded from disk would run as code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from explainer.pages.page import Page
from explainer.resolve.graph import Read, SiteGraph

T = TypeVar("T")


@dataclass(frozen=True)
class Kept:
    value: object  # a Page, or another part of the output made from the content (the home page's parts)
    reads: frozenset[tuple[Read, str]]  # each read and its fingerprint when it was made (a set: no order
    # to sort, and equal from one build to the next, so an unchanged memo is not written again)


class PageMemo:
    """One build's pages: reused from the last build where what they read is unchanged."""

    def __init__(self, key: str) -> None:
        self.key = key
        self._known: dict[str, Kept] = {}
        self._used: dict[str, Kept] = {}
        self.reused = 0  # pages this build took from the last (charts and other parts not counted)

    def page(
        self, graph: SiteGraph, path: str, make: Callable[[], Page], reads: tuple[Read, ...] = ()
    ) -> tuple[Page, bool]:
        """The page at `path` and whether it was kept from the last build (nothing it read changed);
        otherwise made by `make()`, noting what it reads, and `reads` (what the caller read for it)."""
        page, kept = self.keep(graph, path, make, reads)
        assert isinstance(page, Page)
        self.reused += kept
        return page, kept

    def keep(self, graph: SiteGraph, name: str, make: Callable[[], T], reads: tuple[Read, ...] = ()) -> tuple[T, bool]:
        """As `page`, for any output made from the content under a name of its own."""
        kept = self._known.get(name)
        reused = kept is not None and all(graph.digest(read) == digest for read, digest in kept.reads)
        if kept is not None and reused:
            for read, _ in kept.reads:  # kept while a page is made (a chart): the page read all this too
                graph.note(read)
        else:
            with graph.recording() as noted:
                for read in reads:
                    graph.note(read)
                value = make()
            kept = Kept(value, frozenset([(read, graph.digest(read)) for read in noted]))
        self._used[name] = kept
        return cast(T, kept.value), reused

    def save(self) -> None:
        """Keep this build's pages for the next rebuild (and only them: removed pages are forgotten)."""
        self._known, self._used = self._used, {}
