"""How sources and citations read: the "cite" text readers copy, and the short host name a
source list shows ("via republicworld.com"). No MkDocs in here."""

from __future__ import annotations

from urllib.parse import urlsplit

from explainer.model.kinds import Fact, Topic
from explainer.resolve.graph import SiteGraph
from explainer.resolve.siteinfo import SiteInfo

TITLE_LIMIT = 120


def fact_citation(graph: SiteGraph, fact_id: str, site: SiteInfo) -> str:
    """“Statement.” Site name. Permanent address. Plain text; templates escape it. The access date
    is the reader's: javascripts/cite.js adds it when the citation is opened, so no page shows a
    placeholder for it."""
    fact = graph.get(Fact, fact_id)
    return _citation(graph.plain(fact.statement, TITLE_LIMIT), site, graph.url("fact", fact_id))


def topic_citation(graph: SiteGraph, topic_id: str, site: SiteInfo) -> str:
    """“Question” Site name. Permanent address: a topic page as a whole."""
    topic = graph.get(Topic, topic_id)
    return _citation(graph.plain(topic.question, TITLE_LIMIT), site, graph.url("topic", topic_id))


def _citation(title: str, site: SiteInfo, url: str) -> str:
    parts = [f"“{title}”", f"{site.name}." if site.name else "", f"{site.absolute(url)}."]
    return " ".join(p for p in parts if p)


def host_name(url: str) -> str:
    """The host as a bibliography names it: "republicworld.com", without "www."."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")
