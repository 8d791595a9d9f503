"""Navigation for a site generator: the topics, in order, under the Topics entry."""

from __future__ import annotations

from .render import Page

TOPICS_INDEX = "topics/index.md"


def expand_topics(nav: list | None, pages: list[Page]) -> list | None:
    """Replace the `topics/index.md` entry with a section: the index, then every topic page in the nav.

    No titles are given: Material prints nav titles raw, and each page's own title is made safe.
    """
    if not nav:
        return nav
    topics = [p.path for p in pages if p.in_nav and p.path.startswith("topics/") and p.path != TOPICS_INDEX]
    expanded = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if value == TOPICS_INDEX:
            title = next(iter(entry)) if isinstance(entry, dict) else "Topics"
            expanded.append({title: [TOPICS_INDEX, *topics]})
        else:
            expanded.append(entry)
    return expanded
