"""Generated pages remembered across builds, in `.cache/explainer/pages.pickle` (safe to delete).

After an edit to one item, most pages read nothing of it. While a page is made, the graph
notes everything it reads of the content (explainer.graph.SiteGraph.note): single items,
whole kinds (a listing, an order, a split into parts) and who links to an item. The page is
kept with a fingerprint of each of those reads. The next build reuses it when every read
fingerprints the same there, and makes it afresh otherwise. The file is valid for one key:
the package's code and templates, the site settings, the date and the library versions
(explainer.cache.settings_key); any change there starts from nothing.

Like the other caches it is a pickle, trusted as the code in hooks/ is (explainer.cache),
and any problem reading or writing it costs a full render, never the build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from .cachefiles import read_cache_file, write_cache_file
from .graph import Read, SiteGraph
from .render import Page

FORMAT = b"explainer-page-memo 3\n"  # change when what is stored changes shape
FILE = "pages.pickle"
T = TypeVar("T")


@dataclass(frozen=True)
class Kept:
    value: object  # a Page, or another part of the output made from the content (the home page's parts)
    reads: frozenset[tuple[Read, str]]  # each read and its fingerprint when it was made (a set: no order
    # to sort, and equal from one build to the next, so an unchanged memo is not written again)


class PageMemo:
    """One build's pages: reused from the last build where what they read is unchanged."""

    def __init__(self, folder: Path | None, key: str) -> None:
        self.folder = folder
        self._path = folder / FILE if folder is not None else None
        self.key = key
        self._key = key.encode()
        self._known: dict[str, Kept] = _load(self._path, self._key) if self._path is not None else {}
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
        """Keep this build's pages for the next (written only when they differ from what was read)."""
        if self._path is None or self._used == self._known:
            return
        self._known, self._used = self._used, {}
        write_cache_file(self._path, FORMAT + self._key + b"\n", self._known)


def _load(path: Path, key: bytes) -> dict[str, Kept]:
    known = read_cache_file(path, FORMAT + key + b"\n")
    return known if isinstance(known, dict) else {}
