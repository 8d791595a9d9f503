"""Share cards: one PNG per page type (home, topic, actor...), the `og:image` a link preview
shows. Drawn at build time from the site's name and the page type, as SVG rendered by resvg
(no network, no browser). No MkDocs in here."""

from __future__ import annotations

import functools
import textwrap
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import resvg_py

CARD_FOLDER = "assets/cards"
WIDTH, HEIGHT = 1200, 630
INK, PAPER, ACCENT = "#1d1d1f", "#fbfaf7", "#b23a26"  # the site's ink, paper and cinnabar (site.css)
TITLE_CHARS = 26  # a line of the site's name at the card's type size

# Page types by the first part of a page's address; anything else is a "page".
PAGE_TYPES: dict[str, str] = {
    "": "Home",
    "topics": "Topic",
    "actors": "Profile",
    "sources": "Source",
    "timeline": "Timeline",
    "glossary": "Glossary",
    "facts": "Facts",
    "figures": "Figures",
    "forecasts": "Forecasts",
}
OTHER = "Page"
FONT_FILES = [Path("/usr/share/fonts/truetype/dejavu") / name for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")]


@dataclass(frozen=True)
class Card:
    path: str  # site-root relative, e.g. "assets/cards/topic.png"
    png: bytes


def page_type(page_url: str) -> str:
    """The type of the page at a site-relative address ("topics/ascend-chips/" is a Topic)."""
    first = page_url.strip("/").split("/", 1)[0]
    return PAGE_TYPES.get(first, OTHER)


def card_path(page_url: str) -> str:
    return f"{CARD_FOLDER}/{page_type(page_url).lower()}.png"


def card_svg(site_name: str, kind: str) -> str:
    """The card as SVG: the page type above the site's name, on the site's paper with a cinnabar rule."""
    lines = textwrap.wrap(site_name, TITLE_CHARS, break_on_hyphens=False) or [""]
    title = "".join(
        f'<text x="80" y="{250 + i * 96}" font-size="84" font-weight="bold" fill="{INK}">{escape(line)}</text>'
        for i, line in enumerate(lines[:3])
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>'
        f'<rect x="0" y="0" width="24" height="{HEIGHT}" fill="{ACCENT}"/>'
        f'<text x="80" y="140" font-size="40" letter-spacing="4" fill="{ACCENT}">{escape(kind.upper())}</text>'
        f"{title}"
        f'<rect x="80" y="{HEIGHT - 110}" width="160" height="8" fill="{ACCENT}"/>'
        "</svg>"
    )


@functools.cache
def share_cards(site_name: str) -> tuple[Card, ...]:
    """One card per page type, the home page's included; drawn once per process (about 0.1 s a
    card), so `make serve` draws them on its first build only."""
    kinds = dict.fromkeys([*PAGE_TYPES.values(), OTHER])
    return tuple(Card(f"{CARD_FOLDER}/{kind.lower()}.png", _png(card_svg(site_name, kind))) for kind in kinds)


def _png(svg: str) -> bytes:
    # Loading every system font costs about 0.2 s a card; one known family, where present, costs little.
    fonts = [str(f) for f in FONT_FILES if f.is_file()]
    if fonts:
        return bytes(resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True, font_files=fonts))
    return bytes(resvg_py.svg_to_bytes(svg_string=svg))
