"""Render stage: the site graph to Markdown pages, through Jinja templates."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import template_cache
from .budget import OutputBudget
from .cite import fact_citation
from .glossary import GlossaryIndex
from .graph import SiteGraph, initial
from .markdown import Renderer, md_escape, relative_url
from .siteinfo import SiteInfo

TEMPLATES = Path(__file__).parent / "templates"
ACTOR_KIND_TITLES = {
    "company": "Companies",
    "agency": "Agencies",
    "person": "People",
    "place": "Places",
    "product": "Products",
    "policy": "Policies",
    "organization": "Organizations",
}
# Material renders the whole navigation into every page: past this many topics, the rest are
# listed on the Topics index only, so a page's cost does not grow with the number of topics.
NAV_TOPICS = 20
# A topic page shows at most this many facts and events in full: an item is repeated on every
# topic it names, so without a cap a few hundred lines of YAML make each topic page enormous.
TOPIC_PAGE_ITEMS = 30
SOURCE_KIND_TITLES = {
    "primary": "Primary source",
    "news": "News report",
    "legal-summary": "Legal summary",
    "secondary": "Secondary source",
    "seed": "Seed article",
}


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its Markdown, and the YAML it came from."""

    path: str  # e.g. "actors/huawei.md"
    markdown: str
    source_file: str  # content file, for edit links
    title: str
    in_nav: bool = False

    @property
    def url(self) -> str:
        return page_url(self.path)


def page_url(path: str) -> str:
    """Directory-style address of a page path: 'actors/huawei.md' -> 'actors/huawei/'."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def _finalize(value: object) -> object:
    return "" if value is None else value


def theme_title(text: str) -> str:
    """A title as Material prints it: raw in the navigation, and through `striptags`
    (which unescapes entities) in <title>. So no angle brackets at all, and `&` and
    `"` as entities, which both contexts show as the characters the contributor typed."""
    text = " ".join(text.replace("<", "").replace(">", "").split())
    return text.replace("&", "&amp;").replace('"', "&quot;")


def theme_description(text: str) -> str:
    """Material prints the description raw inside a quoted attribute."""
    return str(escape(" ".join(text.split())))


def _front_matter(title: str, description: str) -> str:
    # JSON strings are valid YAML scalars: quoting is exact whatever the text holds.
    quoted = lambda s: json.dumps(s, ensure_ascii=False)
    return f"---\ntitle: {quoted(theme_title(title))}\ndescription: {quoted(theme_description(description))}\n---\n\n"


class PageRenderer:
    def __init__(self, graph: SiteGraph, site: SiteInfo | None = None):
        self.graph = graph
        self.site = site or SiteInfo(name="")
        self.budget: OutputBudget | None = None  # set by the pipeline: a ceiling on what is written
        self.glossary = GlossaryIndex(graph.of("term"))
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            finalize=_finalize,
            bytecode_cache=template_cache.SHARED,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["md"] = lambda text: Markup(md_escape(str(text)))
        self.env.globals["cite"] = lambda fact_id: fact_citation(graph, fact_id, self.site)

    def _resolve(self, kind: str, ident: str) -> tuple[str, str]:
        return self.graph.url(kind, ident), self.graph.label(kind, ident)

    def render(
        self,
        template: str,
        path: str,
        *,
        title: str,
        description: str,
        source_file: str,
        in_nav: bool = False,
        **context,
    ) -> Page:
        url = page_url(path)
        md = Renderer(self._resolve, url)
        graph = self.graph
        body = self.env.get_template(template).render(
            md=md.block,
            inline=md.inline,
            get=graph.get,
            label=graph.label,
            url=lambda kind, ident: relative_url(url, graph.url(kind, ident)),
            href=lambda target: relative_url(url, target),
            **context,
        )
        if self.budget is not None:
            self.budget.spend(len(body), source_file)
        return Page(path, _front_matter(title, description) + body, source_file, title, in_nav)

    # --- the pages ------------------------------------------------------------
    def topic_pages(self) -> list[Page]:
        pages = []
        for position, topic in enumerate(self.graph.topics_sorted()):
            record = self.graph.record("topic", topic.id)
            text = " ".join([topic.answer] + [s.body for s in topic.sections])
            term_ids = self.glossary.terms_in(self.graph.plain(text)) | {
                k[1] for k in self._refs_in(record) if k[0] == "term"
            }
            actor_ids = list(topic.actors) + sorted(k[1] for k in self._refs_in(record) if k[0] == "actor")
            facts, events = self.graph.facts_for_topic(topic), self.graph.events_for_topic(topic.id)
            pages.append(
                self.render(
                    "topic.md.j2",
                    f"topics/{topic.id}.md",
                    title=topic.title,
                    in_nav=position < NAV_TOPICS,
                    description=self.graph.plain(topic.answer, 160),
                    source_file=record.file,
                    topic=topic,
                    # the key facts first and the latest events; the listings hold the rest
                    facts=facts[:TOPIC_PAGE_ITEMS],
                    more_facts=max(len(facts) - TOPIC_PAGE_ITEMS, 0),
                    events=events[-TOPIC_PAGE_ITEMS:],
                    more_events=max(len(events) - TOPIC_PAGE_ITEMS, 0),
                    terms=sorted((self.graph.get("term", t) for t in term_ids), key=lambda t: t.term.lower()),
                    actors=[self.graph.get("actor", a) for a in dict.fromkeys(actor_ids)],
                )
            )
        return pages

    def _refs_in(self, record) -> set[tuple[str, str]]:
        from .refs import references

        return {(r.kind, r.id) for r in references(record) if not r.error}

    def index_pages(self) -> list[Page]:
        g = self.graph
        kind_order = {kind: i for i, kind in enumerate(ACTOR_KIND_TITLES)}
        return [
            self.render(
                "topics_index.md.j2",
                "topics/index.md",
                title="Topics",
                in_nav=True,
                description="Every question the site answers.",
                source_file=_file_of(g, "topic"),
                topics=g.topics_sorted(),
            ),
            *self._timeline_pages(),
            *self._glossary_pages(),
            *self._facts_pages(),
            self.render(
                "actors_index.md.j2",
                "actors/index.md",
                title="Actors",
                in_nav=True,
                description="Companies, agencies, people, places, products and policies.",
                source_file=_file_of(g, "actor"),
                kind_titles=ACTOR_KIND_TITLES,
                actors=sorted(g.of("actor"), key=lambda a: (kind_order[a.kind], a.name.lower())),
            ),
            self.render(
                "sources_index.md.j2",
                "sources/index.md",
                title="Sources",
                in_nav=True,
                description="Every article and document the site cites, with our summaries.",
                source_file=_file_of(g, "source"),
                sources=sorted(g.of("source"), key=lambda s: (s.date.earliest(), s.id), reverse=True),
            ),
        ]

    def _split_listing(self, kind: str, items: list, path: str, title: str, page) -> list[Page]:
        """A listing on one page; or, once the graph splits it, an index of its parts plus a page
        per part. `page(path, items, parts, title, in_nav)` renders one of them."""
        periods = self.graph.periods(kind)
        if not periods:
            return [page(path, items, [], title, True)]
        parts: dict[str, list] = {}
        for item in items:
            parts.setdefault(periods[item.id], []).append(item)
        base = path.removesuffix(".md")
        index = [
            {"title": _part_title(slug), "url": f"{base}/{slug}/", "count": len(parts[slug])} for slug in sorted(parts)
        ]
        return [page(path, items, index, title, True)] + [
            page(f"{base}/{slug}.md", parts[slug], [], f"{title}: {_part_title(slug)}", False) for slug in sorted(parts)
        ]

    def _timeline_pages(self) -> list[Page]:
        g = self.graph
        topics, actors = g.topics_sorted(), sorted(g.of("actor"), key=lambda a: a.name.lower())

        def page(path, events, parts, title, in_nav):
            return self.render(
                "timeline.md.j2",
                path,
                title=title,
                in_nav=in_nav,
                heading=title,
                description="Dated events in China's push for technological self-reliance.",
                source_file=_file_of(g, "event"),
                events=events,
                parts=parts,
                topics=topics,
                actors=actors,
            )

        return self._split_listing("event", g.events_sorted(), "timeline.md", "Timeline", page)

    def _glossary_pages(self) -> list[Page]:
        g = self.graph

        def page(path, terms, parts, title, in_nav):
            return self.render(
                "glossary.md.j2",
                path,
                title=title,
                in_nav=in_nav,
                heading=title,
                description="Terms used across the site, with Chinese names where they exist.",
                source_file=_file_of(g, "term"),
                parts=parts,
                terms=[{"term": t, "letter": initial(t.term)} for t in terms],
            )

        return self._split_listing(
            "term", sorted(g.of("term"), key=lambda t: t.term.lower()), "glossary.md", "Glossary", page
        )

    def _facts_pages(self) -> list[Page]:
        g = self.graph

        def page(path, facts, parts, title, in_nav):
            title = "Facts and claims" + title.removeprefix("Facts")
            return self.render(
                "facts.md.j2",
                path,
                title=title,
                in_nav=in_nav,
                heading=title,
                description="Every fact, claim, analysis and forecast on the site, with its sources.",
                source_file=_file_of(g, "fact"),
                facts=facts,
                parts=parts,
                groups=[] if parts else self._fact_groups(facts),
            )

        return self._split_listing("fact", g.of("fact"), "facts.md", "Facts", page)

    def _fact_groups(self, facts: list) -> list[dict]:
        """Facts under the first topic they belong to, in topic order; the rest last."""
        wanted = {f.id for f in facts}
        groups, placed = [], set()
        for topic in self.graph.topics_sorted():
            group = [f for f in self.graph.facts_for_topic(topic) if f.id in wanted and f.id not in placed]
            placed.update(f.id for f in group)
            if group:
                groups.append({"title": topic.title, "facts": group})
        rest = [f for f in facts if f.id not in placed]
        if rest:
            groups.append({"title": "Other facts", "facts": rest})
        return groups

    def actor_pages(self) -> list[Page]:
        return [
            self.render(
                "actor.md.j2",
                f"actors/{a.id}.md",
                title=a.name,
                description=self.graph.plain(a.description, 160),
                source_file=self.graph.record("actor", a.id).file,
                actor=a,
                backlinks=self.graph.linked_from("actor", a.id),
            )
            for a in self.graph.of("actor")
        ]

    def source_pages(self) -> list[Page]:
        return [
            self.render(
                "source.md.j2",
                f"sources/{s.id}.md",
                title=s.title,
                description=self.graph.plain(s.summary, 160),
                source_file=self.graph.record("source", s.id).file,
                source=s,
                kind_titles=SOURCE_KIND_TITLES,
                backlinks=self.graph.linked_from("source", s.id),
            )
            for s in self.graph.of("source")
        ]

    def all_pages(self) -> list[Page]:
        return self.topic_pages() + self.index_pages() + self.actor_pages() + self.source_pages()


def _file_of(graph: SiteGraph, kind: str) -> str:
    records = graph.content.of(kind)
    return records[0].file if records else f"content/{kind}s.yml"


def _part_title(slug: str) -> str:
    """'2019' -> '2019', '2024-03' -> 'March 2024', 'k' -> 'K', 'other' -> 'Other'."""
    if re.fullmatch(r"\d{4}-\d{2}", slug):
        return f"{calendar.month_name[int(slug[5:])]} {slug[:4]}"
    return slug.upper() if len(slug) == 1 else slug.capitalize()
