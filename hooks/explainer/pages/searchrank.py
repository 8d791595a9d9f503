"""Which pages search ranks higher: the entries that name things (actors, glossary terms).

Material's search boosts whole pages (`search: boost:` in front matter), not sections. An
actor's page and the glossary are where a name is defined, so a reader who types "Huawei" or
"Ascend" sees that entry before the many sources and topics that mention the name.
"""

from __future__ import annotations

from explainer.resolve import addresses

BOOSTS: dict[str, float] = {"actor": 4.0, "term": 4.0}


def _kind_defined_on(path: str) -> str | None:
    """The kind whose items a page path defines: an item's own page, or the listing they are anchors on."""
    for kind, home in addresses.HOMES.items():
        if home.item_folder and path.startswith(home.item_folder) and path != home.listing:
            return kind
    listed = addresses.kind_of_listing(path)
    return listed if listed and not addresses.has_own_pages(listed) else None


def search_boost(path: str) -> float | None:
    kind = _kind_defined_on(path)
    return BOOSTS.get(kind) if kind else None
