"""Navigation for a site generator: the topics, in order, under the Topics entry."""

from __future__ import annotations

from typing import Any

from explainer.pages.page import Page
from explainer.resolve import addresses

TOPICS_INDEX = addresses.listing_page("topic")


NavEntry = str | dict[str, Any]


def expand_topics(nav: list[NavEntry] | None, pages: list[Page]) -> list[NavEntry] | None:
    """Replace the `topics/index.md` entry with a section: the index, then every topic page in the nav.

    No titles are given: Material prints nav titles raw, and each page's own title is made safe.
    """
    if not nav:
        return nav
    folder = addresses.HOMES["topic"].item_folder or ""
    topics = [p.path for p in pages if p.in_nav and p.path.startswith(folder) and p.path != TOPICS_INDEX]
    expanded: list[NavEntry] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if value == TOPICS_INDEX:
            title = next(iter(entry)) if isinstance(entry, dict) else "Topics"
            expanded.append({title: [TOPICS_INDEX, *topics]})
        else:
            expanded.append(entry)
    return expanded
