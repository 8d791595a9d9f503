"""Stand-in addresses: the repository's default (`github.com/example/...`, mkdocs.yml) and the
Pages address a fork without settings would get (`example.github.io`). The deploy workflow stops
if one reaches the site's own addresses, so content may not name them either: a source address
that did would be published and look like a misconfigured build."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

# What the deploy workflow's check looks for ("No stand-in address reached the site").
STAND_INS = ("example.github.io", "github.com/example/")


def stand_in(address: str) -> str | None:
    """The stand-in `address` names (in its host, path or query, any case), or None."""
    lowered = unquote(address).lower()
    for marker in STAND_INS:
        if marker in lowered:
            return marker
    try:
        parts = urlsplit(lowered)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if host == "example.github.io" or host.endswith(".example.github.io"):
        return STAND_INS[0]
    if host in ("github.com", "www.github.com") and parts.path.lstrip("/").split("/")[0] == "example":
        return STAND_INS[1]
    return None


def stand_in_message(address: str) -> str | None:
    marker = stand_in(address)
    if marker is None:
        return None
    return (
        f"'{address[:80]}' names the stand-in address {marker}, which only a build without its real "
        "addresses uses; link the real page"
    )
