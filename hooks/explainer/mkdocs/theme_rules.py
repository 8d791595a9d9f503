"""Theme features the site must never turn on, and why: the build names them and stops.

The rule behind them: no tooltip or preview ever renders text from a `title`
attribute as markup. Titles carry contributors' text (an abbreviation's `<abbr
title>` is a glossary term's name), escaped in the file but decoded by the browser
before any script reads it.
"""

from __future__ import annotations

from collections.abc import Iterable

REFUSED_FEATURES: dict[str, str] = {
    "content.tooltips": (
        "Material builds these tooltips from title attributes as HTML, and titles carry contributors' text; "
        "docs/javascripts/tooltips.js shows abbreviations' tooltips as text instead"
    ),
}


def refused_features(features: Iterable[str], config_name: str = "mkdocs.yml") -> list[str]:
    """One message per refused feature turned on in the theme's `features`."""
    return [
        f"{config_name}: theme.features: {name} is not allowed: {REFUSED_FEATURES[name]}"
        for name in features
        if name in REFUSED_FEATURES
    ]
