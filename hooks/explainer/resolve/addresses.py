"""Where every kind lives: page paths, addresses and content files. The one module that knows.

Paths are MkDocs source paths ("actors/huawei.md"); addresses are site-root
relative and directory style ("actors/huawei/", "glossary/#smic").
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.model.kinds import KINDS


@dataclass(frozen=True)
class Home:
    """A kind's listing page and, for kinds with a page per item, the folder of those pages."""

    listing: str  # page path of the listing, e.g. "glossary.md", "topics/index.md"
    title: str  # the listing's title
    item_folder: str | None = None  # "actors/" when each item has its own page; else items are anchors


HOMES: dict[str, Home] = {
    "source": Home("sources/index.md", "Sources", "sources/"),
    "actor": Home("actors/index.md", "Actors", "actors/"),
    "term": Home("glossary.md", "Glossary"),
    "event": Home("timeline.md", "Timeline"),
    "fact": Home("facts.md", "Facts and claims"),
    "topic": Home("topics/index.md", "Topics", "topics/"),
    "update": Home("whats-new.md", "What's new"),
    # One page of charts, each at its anchor: a chart with its table is short, and topic and
    # actor pages embed their own, so a page per series would hold little else.
    "series": Home("figures.md", "Figures"),
}
DATA_PAGE = "data.md"
FORECASTS_PAGE = "forecasts.md"  # the forecast scorecard: a view of the facts that are forecasts
HOME_PAGE = "index.md"
# Ids that would land on a generated page of another purpose (the listing in an item folder).
RESERVED_IDS = frozenset({"index"})

assert set(HOMES) == set(KINDS), "every kind needs a home"


def page_url(path: str) -> str:
    """Directory-style address of a page path: 'actors/huawei.md' -> 'actors/huawei/'."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def source_path(url: str) -> str:
    """The page path an address is built from: 'glossary/#x' -> 'glossary.md#x', 'actors/' -> 'actors/index.md'."""
    path, hash_, anchor = url.partition("#")
    stem = path.rstrip("/")
    folders = {home.listing.removesuffix("/index.md") for home in HOMES.values() if home.item_folder}
    md = f"{stem}/index.md" if stem in folders else (stem or "index") + ".md"
    return md + (f"#{anchor}" if hash_ else "")


def has_own_pages(kind: str) -> bool:
    return HOMES[kind].item_folder is not None


def item_page(kind: str, ident: str) -> str:
    """Page path of an item with a page of its own."""
    folder = HOMES[kind].item_folder
    assert folder is not None, f"{kind} items have no pages of their own"
    return f"{folder}{ident}.md"


def listing_page(kind: str, part: str | None = None) -> str:
    """Page path of a kind's listing, or of one part of a listing split by period or initial."""
    listing = HOMES[kind].listing
    return f"{listing.removesuffix('.md')}/{part}.md" if part else listing


def listing_url(kind: str, part: str | None = None) -> str:
    return page_url(listing_page(kind, part))


def item_url(kind: str, ident: str, part: str | None = None) -> str:
    """An item's address: its own page, or its anchor on the listing (or listing part) it is shown on."""
    if has_own_pages(kind):
        return page_url(item_page(kind, ident))
    return f"{listing_url(kind, part)}#{ident}"


def content_file(kind: str) -> str:
    """The file a kind's items are edited in, when no item says otherwise (edit links of empty listings)."""
    return f"content/{KINDS[kind].PLURAL}.yml"


def kind_of_listing(path: str) -> str | None:
    """The kind whose listing (or listing part) a page path is, if any."""
    for kind, home in HOMES.items():
        stem = home.listing.removesuffix(".md")
        if path == home.listing or (not home.item_folder and path.startswith(stem + "/")):
            return kind
    return None
