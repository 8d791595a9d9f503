"""Glossary linking remembered across builds, in `.cache/explainer/links.pickle` (safe to delete).

Linking a page's terms reads every tag and text node of its HTML, about a third of what our
hook costs a build. What it returns depends only on the HTML, the page's address, whether the
page links terms at all, and the glossary: each term's id, names, abbreviation and address.
So the result is stored under a digest of exactly those, and a build whose page HTML and
glossary did not change (an unchanged rebuild, or an edit elsewhere in the content) reads it
back. Each build keeps only the entries it used, so the file holds one site's pages at most.
Like explainer.cache, the file is a pickle trusted as the code in hooks/ is, and any problem
reading or writing it costs a full linking pass, never the build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from . import glossary
from .cachefiles import read_cache_file, write_cache_file
from .glossary import GlossaryIndex, link_terms
from .model import Term

FORMAT = b"explainer-link-memo 1\n"  # change when what is stored changes shape
FILE = "links.pickle"
_LINKER = Path(glossary.__file__).read_bytes()  # an edit to the linking code is a new key too


def glossary_key(terms: list[Term], url_of_term: Callable[[str], str]) -> bytes:
    """A digest of what linking reads of the glossary: ids, names and addresses, in order, and the linker."""
    names = [(t.id, t.term, tuple(t.aliases), t.abbreviation, url_of_term(t.id)) for t in terms]
    digest = hashlib.blake2b(_LINKER, digest_size=16)
    digest.update(repr(names).encode("utf-8", "surrogatepass"))
    return digest.digest()


class LinkMemo:
    """link_terms for one build, answered from the last build's results where the inputs match."""

    def __init__(self, folder: Path | None, glossary: bytes) -> None:
        self._path = folder / FILE if folder is not None else None
        self._glossary = glossary
        self._known = _load(self._path) if self._path is not None else {}
        self._used: dict[bytes, str] = {}

    def link(
        self, html: str, page_url: str, index: GlossaryIndex, url_of_term: Callable[[str], str], *, link: bool
    ) -> str:
        digest = hashlib.sha256(self._glossary)
        digest.update(f"{page_url}\0{link}\0".encode("utf-8", "surrogatepass"))
        digest.update(html.encode("utf-8", "surrogatepass"))
        key = digest.digest()
        linked = self._known.get(key)
        if linked is None:
            linked = link_terms(html, index, url_of_term, link=link)
        self._used[key] = linked
        return linked

    def save(self, *, every_page: bool) -> None:
        """Keep this build's results for the next, written only when they differ from what was read.
        A build that rendered `every_page` keeps just its own; one that rendered some (a dirty rebuild
        under `make serve`) adds its own to the rest."""
        if self._path is None:
            return
        kept = dict(self._used) if every_page else {**self._known, **self._used}
        if kept != self._known:
            self._known = kept
            write_cache_file(self._path, FORMAT, kept)
        self._used = {}


def _load(path: Path) -> dict[bytes, str]:
    known = read_cache_file(path, FORMAT)
    return known if isinstance(known, dict) else {}
