"""The "cite" text under each fact: what a reader copies to cite it. No MkDocs in here."""

from __future__ import annotations

from explainer.model.kinds import Fact
from explainer.resolve.graph import SiteGraph
from explainer.resolve.siteinfo import SiteInfo

TITLE_LIMIT = 120
ACCESSED_PATTERN = "Accessed [day month year]."


def fact_citation(graph: SiteGraph, fact_id: str, site: SiteInfo) -> str:
    """“Statement.” Site name. Permanent address. Accessed [day month year]. Plain text; templates escape it."""
    fact = graph.get(Fact, fact_id)
    parts = [
        f"“{graph.plain(fact.statement, TITLE_LIMIT)}”",
        f"{site.name}." if site.name else "",
        f"{site.absolute(graph.url('fact', fact_id))}.",
        ACCESSED_PATTERN,
    ]
    return " ".join(p for p in parts if p)
