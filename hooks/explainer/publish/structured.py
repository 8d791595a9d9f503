"""Structured data (JSON-LD, schema.org) and social meta for each page. No MkDocs in here.

The adapter asks `StructuredData.for_page` for a page's blocks and meta; the
theme template prints them. `script_json` makes a payload safe inside
<script type="application/ld+json">: no text can close the tag.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from explainer.model.kinds import Event, Term
from explainer.publish.cards import card_path, page_type
from explainer.resolve import addresses
from explainer.resolve.graph import SiteGraph
from explainer.resolve.siteinfo import LICENCE_URL, SiteInfo

SCHEMA_ORG = "https://schema.org"
GLOSSARY_URL = addresses.listing_url("term")
DATA_URL = addresses.page_url(addresses.DATA_PAGE)
HEADLINE_LIMIT = 110
JSON = dict[str, Any]  # what search engines show of an Article headline


def script_json(data: object) -> str:
    """JSON for an inline script: `<`, `>` and `&` as \\u escapes, so `</script>` cannot appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _publisher(site: SiteInfo) -> JSON:
    return {"@type": "Organization", "name": site.name, "url": site.absolute("")}


def breadcrumbs(site: SiteInfo, trail: list[tuple[str, str]]) -> JSON:
    """BreadcrumbList from [(name, site-relative url), ...], home first."""
    return {
        "@context": SCHEMA_ORG,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": site.absolute(url)}
            for i, (name, url) in enumerate(trail, start=1)
        ],
    }


def breadcrumb_trail(page_url: str, title: str, titles: Mapping[str, str]) -> list[tuple[str, str]]:
    """Home, then every ancestor folder that is a page, then the page: 'actors/huawei/' -> Home, Actors, Huawei."""
    trail = [("Home", "")]
    parts = [p for p in page_url.split("/") if p]
    for depth in range(1, len(parts)):
        ancestor = "/".join(parts[:depth]) + "/"
        if ancestor in titles:
            trail.append((titles[ancestor], ancestor))
    if page_url:
        trail.append((title, page_url))
    return trail


def article(
    site: SiteInfo, page_url: str, headline: str, description: str, published: dt.date, modified: dt.date
) -> JSON:
    if len(headline) > HEADLINE_LIMIT:
        headline = headline[: HEADLINE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return {
        "@context": SCHEMA_ORG,
        "@type": "Article",
        "headline": headline,
        "description": description,
        "url": site.absolute(page_url),
        "mainEntityOfPage": site.absolute(page_url),
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "inLanguage": site.language,
        "license": LICENCE_URL,
        "author": _publisher(site),
        "publisher": _publisher(site),
    }


def defined_term_set(site: SiteInfo, graph: SiteGraph, page_url: str = GLOSSARY_URL) -> JSON:
    set_url = site.absolute(page_url)
    terms: list[JSON] = []
    for term in sorted(graph.all(Term), key=lambda t: t.term.lower()):
        other_names = [n for n in [term.abbreviation, *term.aliases, term.zh] if n]
        term_url = site.absolute(graph.url("term", term.id))
        entry: JSON = {
            "@type": "DefinedTerm",
            "@id": term_url,
            "name": term.term,
            "termCode": term.id,
            "description": graph.plain(term.definition),
            "url": term_url,
            "inDefinedTermSet": set_url,
        }
        if other_names:
            entry["alternateName"] = other_names
        terms.append(entry)
    return {
        "@context": SCHEMA_ORG,
        "@type": "DefinedTermSet",
        "@id": set_url,
        "name": f"Glossary of {site.name}",
        "url": set_url,
        "inLanguage": site.language,
        "hasDefinedTerm": terms,
    }


def dataset(site: SiteInfo, graph: SiteGraph, downloads: list[tuple[str, str]], page_url: str = DATA_URL) -> JSON:
    """Dataset with one DataDownload per file: [(site-relative path, media type), ...]."""
    years = sorted(e.date.year for e in graph.all(Event))
    data = {
        "@context": SCHEMA_ORG,
        "@type": "Dataset",
        "name": f"Open data of {site.name}",
        "description": (
            "Curated, sourced facts, timeline events, glossary terms, actors, sources and topics "
            "behind the explainer site, as JSON and CSV with JSON Schemas. " + site.description
        ).strip(),
        "url": site.absolute(page_url),
        "license": LICENCE_URL,
        "isAccessibleForFree": True,
        "inLanguage": site.language,
        "creator": _publisher(site),
        "publisher": _publisher(site),
        "keywords": [*site.keywords, "timeline", "glossary"],
        "distribution": [
            {"@type": "DataDownload", "contentUrl": site.absolute(path), "encodingFormat": media}
            for path, media in downloads
        ],
    }
    if years:
        data["temporalCoverage"] = f"{years[0]}/{years[-1]}" if years[0] != years[-1] else str(years[0])
    return data


def website(site: SiteInfo) -> JSON:
    return {
        "@context": SCHEMA_ORG,
        "@type": "WebSite",
        "name": site.name,
        "url": site.absolute(""),
        "description": site.description,
        "inLanguage": site.language,
        "license": LICENCE_URL,
    }


@dataclass
class StructuredData:
    """Everything a page's structured data needs, gathered once per build."""

    site: SiteInfo
    graph: SiteGraph
    titles: dict[str, str]  # page url -> title, for breadcrumbs
    topic_dates: dict[str, tuple[dt.date, dt.date]]  # topic page url -> (published, modified)
    downloads: list[tuple[str, str]] = field(default_factory=list)

    def json_ld(self, page_url: str, title: str, description: str) -> list[JSON]:
        blocks: list[JSON] = []
        if page_url == "":
            blocks.append(website(self.site))
        if page_url in self.topic_dates:
            published, modified = self.topic_dates[page_url]
            blocks.append(article(self.site, page_url, title, description, published, modified))
        if page_url == GLOSSARY_URL:
            blocks.append(defined_term_set(self.site, self.graph, page_url))
        if page_url == DATA_URL:
            blocks.append(dataset(self.site, self.graph, self.downloads, page_url))
        if page_url:
            blocks.append(breadcrumbs(self.site, breadcrumb_trail(page_url, title, self.titles)))
        return blocks

    def for_page(self, page_url: str, title: str, description: str | None) -> JSON:
        """What a page template prints in <head>: JSON-LD scripts and Open Graph values (plain text;
        the template escapes). Titles and descriptions may arrive entity-escaped for the theme."""
        title = self.site.name if page_url == "" else html.unescape(title)  # the home page is the site
        description = html.unescape(description or self.site.description)
        return {
            "json_ld": [script_json(block) for block in self.json_ld(page_url, title, description)],
            "og": {
                "type": "article" if page_url in self.topic_dates else "website",
                "title": title,
                "description": description,
                "url": self.site.absolute(page_url),
                "site_name": self.site.name,
                "image": self.site.absolute(card_path(page_url)),
                "image_alt": f"{page_type(page_url)}: {self.site.name}",
            },
        }
