"""Render stage: the site graph to Markdown pages, through Jinja templates."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup, escape

from explainer.check.budget import OutputBudget
from explainer.model.kinds import Actor, Event, Fact, Item, Series, Source, Term, Topic, Update
from explainer.pages import scorecard, template_cache
from explainer.pages.charts import Chart, ChartCache, source_credits
from explainer.pages.cite import fact_citation, host_name, topic_citation
from explainer.pages.forecasts import open_forecasts
from explainer.pages.page import Page
from explainer.pages.profiles import FACT_KIND_NAMES, actor_parts, actor_profile, source_support
from explainer.pages.searchrank import search_boost
from explainer.pages.topic_parts import cited_sources, watch_items
from explainer.resolve import addresses
from explainer.resolve.addresses import page_url
from explainer.resolve.graph import ItemT, Read, SiteGraph, initial
from explainer.resolve.siteinfo import SiteInfo
from explainer.text.glossary import GlossaryIndex
from explainer.text.markdown import Renderer, md_escape, relative_url
from explainer.text.pinyin import typed_forms

if TYPE_CHECKING:
    from explainer.pages.memo import PageMemo

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
# News outlets and wires: they stay as sources' publishers and as speakers, with pages of their
# own, but are not actors in the story, so the actor list and the timeline's filter leave them out.
PUBLISHER = "publisher"
ACTOR_STATEMENTS_SHOWN = 5  # per group on an actor's page; the rest are folded a click away
# Material renders the whole navigation into every page: past this many topics, the rest are
# listed on the Topics index only, so a page's cost does not grow with the number of topics.
NAV_TOPICS = 20
# A topic page shows at most this many facts and events in full: an item is repeated on every
# topic it names, so without a cap a few hundred lines of YAML make each topic page enormous.
TOPIC_PAGE_ITEMS = 30
# A topic shows the figure that matters most (its first series); the Figures page has every chart.
TOPIC_PAGE_FIGURES = 1
# What to watch shows the soonest open forecasts; the Forecasts page keeps them all.
TOPIC_WATCH_FORECASTS = 3
SOURCE_KIND_TITLES = {
    "primary": "Primary source",
    "news": "News report",
    "legal-summary": "Legal summary",
    "secondary": "Secondary source",
    "seed": "Article the site started from",
}


# What one page of a listing shows besides its heading and parts: (its items, index of parts) -> context.
PartContext = Callable[[Sequence[Item], list[dict[str, object]]], dict[str, object]]


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


# What a YAML reader refuses in its input (noncharacters, C1 controls) or reads as a line
# break (NEL, U+2028, U+2029): inside quotes these must be written as escapes.
_YAML_UNSAFE_RE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def yaml_string(text: str) -> str:
    """`text` as a double-quoted YAML scalar that reads back exactly, whatever it holds
    (but lone surrogates, which neither YAML nor UTF-8 can hold: they become U+FFFD)."""
    text = _SURROGATE_RE.sub("\ufffd", text)
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar, but for the characters below
    escape = lambda m: f"\\u{ord(m.group(0)):04x}" if ord(m.group(0)) <= 0xFFFF else f"\\U{ord(m.group(0)):08x}"
    return _YAML_UNSAFE_RE.sub(escape, quoted)


def _front_matter(title: str, description: str, boost: float | None = None) -> str:
    # If MkDocs could not read the front matter it would render it as Markdown: quote exactly.
    title_text, description_text = yaml_string(theme_title(title)), yaml_string(theme_description(description))
    ranked = f"search:\n  boost: {boost}\n" if boost else ""  # Material's search ranks the page higher
    return f"---\ntitle: {title_text}\ndescription: {description_text}\n{ranked}---\n\n"


class PageRenderer:
    def __init__(self, graph: SiteGraph, site: SiteInfo | None = None) -> None:
        self.graph = graph
        self.site = site or SiteInfo(name="")
        self.budget: OutputBudget | None = None  # set by the pipeline: a ceiling on what is written
        self.pages: PageMemo | None = None  # set by explainer.build.site: pages kept from the last build
        self._glossary = GlossaryIndex(graph.all(Term))
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
        self.env.globals["cite_topic"] = lambda topic_id: topic_citation(graph, topic_id, self.site)
        self.env.globals["host_name"] = host_name
        self._charts = ChartCache()  # `_charts.md.j2` draws each series once per build
        self.env.globals["chart_of"] = self.chart
        self.env.globals["chart_credits"] = lambda series: source_credits(series, graph)
        self.env.globals["outcome_of"] = scorecard.outcome_of
        self.env.globals["typed_forms"] = typed_forms

    def chart(self, series: Series) -> Chart:
        """A series' chart, drawn once per build and kept across builds while the series is unchanged
        (drawing is most of what a page with charts costs)."""
        if self.pages is None:
            return self._charts(series)
        read: Read = ("item", "series", series.id)
        return self.pages.keep(self.graph, f"<chart {series.id}>", lambda: self._charts(series), (read,))[0]

    @property
    def glossary(self) -> GlossaryIndex:
        """Every term's names: a page that looks for them reads the whole glossary."""
        self.graph.note(("kind", "term"))
        return self._glossary

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
        **context: object,
    ) -> Page:
        body = self.env.get_template(template).render(**self._page_context(path), **context)
        if self.budget is not None:
            self.budget.spend(len(body), source_file)
        front_matter = _front_matter(title, description, search_boost(path))
        return Page(path, front_matter + body, source_file, title, in_nav)

    def _page(self, path: str, make: Callable[[], Page], *reads: Read) -> Page:
        """The page `make()` renders, or the same page kept from the last build (explainer.pages.memo).
        `reads`: what the caller read of the content to set it up, besides what `make` reads."""
        if self.pages is None:
            return make()
        page, kept = self.pages.page(self.graph, path, make, reads)
        if kept and self.budget is not None:  # a page made now has spent its share in render()
            self.budget.spend(len(page.markdown) - _front_matter_length(page.markdown), page.source_file)
        return page

    def render_blocks(self, template: str, path: str, names: Sequence[str], **context: object) -> dict[str, str]:
        """Named blocks of a template, each rendered alone for the page at `path` (parts of a
        hand-written page; each block imports the macros it uses)."""
        compiled = self.env.get_template(template)
        variables = compiled.new_context({**self._page_context(path), **context})
        return {name: "".join(compiled.blocks[name](variables)) for name in names}

    def _page_context(self, path: str) -> dict[str, object]:
        """What every template sees: Markdown rendering and links relative to the page at `path`."""
        url = page_url(path)
        md = Renderer(self._resolve, url)
        graph = self.graph
        return {
            "md": md.block,
            "inline": md.inline,
            "item": graph.item,
            "label": graph.label,
            "url": lambda kind, ident: relative_url(url, graph.url(kind, ident)),
            "href": lambda target: relative_url(url, target),
        }

    # --- the pages ------------------------------------------------------------
    def topic_pages(self) -> list[Page]:
        return [
            # a topic's place in the order decides whether the navigation lists it: every topic is read
            self._page(
                addresses.item_page("topic", topic.id),
                lambda topic=topic, position=position: self._topic_page(topic, position),  # type: ignore[misc]
                ("kind", "topic"),
            )
            for position, topic in enumerate(self.graph.topics_sorted())
        ]

    def _topic_page(self, topic: Topic, position: int) -> Page:
        g = self.graph
        text = " ".join([topic.answer] + [s.body for s in topic.sections])
        term_ids = self.glossary.terms_in(g.plain(text)) | {k[1] for k in g.links_to("topic", topic.id, "term")}
        mentioned = sorted(k[1] for k in g.links_to("topic", topic.id, "actor"))
        facts, events = g.facts_for_topic(topic), g.events_for_topic(topic.id)
        figures = g.series_for_topic(topic.id)
        return self.render(
            "topic.md.j2",
            addresses.item_page("topic", topic.id),
            title=topic.title,
            in_nav=position < NAV_TOPICS,
            description=g.plain(topic.answer, 160),
            source_file=g.record("topic", topic.id).file,
            topic=topic,
            # the key facts first and the latest events; the listings hold the rest
            facts=facts[:TOPIC_PAGE_ITEMS],
            more_facts=max(len(facts) - TOPIC_PAGE_ITEMS, 0),
            events=events[-TOPIC_PAGE_ITEMS:],
            more_events=max(len(events) - TOPIC_PAGE_ITEMS, 0),
            watch=watch_items(open_forecasts(facts), topic.reviewed),
            covers_to=events[-1].date if events else None,  # the newest development the topic covers
            deadlines=sorted(topic.deadlines, key=lambda d: d.due.earliest()),
            watch_shown=TOPIC_WATCH_FORECASTS,
            sources=cited_sources(facts[:TOPIC_PAGE_ITEMS], events[-TOPIC_PAGE_ITEMS:]),
            terms=sorted((g.get(Term, t) for t in term_ids), key=lambda t: t.term.lower()),
            actors=[g.get(Actor, a) for a in dict.fromkeys([*topic.actors, *mentioned])],
            figures=figures[:TOPIC_PAGE_FIGURES],
            more_figures=max(len(figures) - TOPIC_PAGE_FIGURES, 0),
        )

    def _listing(self, kind: str, template: str, description: str, context: Callable[[], dict[str, object]]) -> Page:
        """A kind's listing page; `context()` gathers what it shows (while the page notes what it reads)."""
        path = addresses.listing_page(kind)
        return self._page(
            path,
            lambda: self.render(
                template,
                path,
                title=addresses.HOMES[kind].title,
                in_nav=True,
                description=description,
                source_file=_file_of(self.graph, kind),
                **context(),
            ),
        )

    def index_pages(self) -> list[Page]:
        g = self.graph
        kind_order = {kind: i for i, kind in enumerate(ACTOR_KIND_TITLES)}
        return [
            self._listing(
                "topic", "topics_index.md.j2", "Every question the site answers.", lambda: {"topics": g.topics_sorted()}
            ),
            *self._timeline_pages(),
            *self._glossary_pages(),
            *self._facts_pages(),
            self._listing(
                "series",
                "figures.md.j2",
                "Numbers behind the story, charted from sourced values you can download.",
                lambda: {
                    "heading": addresses.HOMES["series"].title,
                    "groups": self._series_groups(),
                    "series": g.all(Series),
                    "data_url": page_url(addresses.DATA_PAGE),
                },
            ),
            self._listing(
                "actor",
                "actors_index.md.j2",
                "Companies, agencies, people, places, products and policies.",
                lambda: {
                    "kind_titles": ACTOR_KIND_TITLES,
                    "actors": sorted(
                        (a for a in g.all(Actor) if a.kind != PUBLISHER),
                        key=lambda a: (kind_order[a.kind], a.name.lower()),
                    ),
                },
            ),
            self._listing(
                "update",
                "whats_new.md.j2",
                "The latest additions and corrections, with dates.",
                lambda: {
                    "heading": addresses.HOMES["update"].title,
                    **_reader_updates(g.all(Update)),
                },
            ),
            self._listing(
                "source",
                "sources_index.md.j2",
                "Every article and document the site cites, with our summaries.",
                lambda: {"sources": sorted(g.all(Source), key=lambda s: (s.date.earliest(), s.id), reverse=True)},
            ),
        ]

    def scorecard_page(self) -> Page:
        return self._page(addresses.FORECASTS_PAGE, self._scorecard_page)

    def _scorecard_page(self) -> Page:
        facts = self.graph.all(Fact)
        return self.render(
            "forecasts.md.j2",
            addresses.FORECASTS_PAGE,
            title=scorecard.TITLE,
            in_nav=True,
            heading=scorecard.TITLE,
            description="Every forecast on the site: who made it, when it can be judged, and whether it came true.",
            source_file=_file_of(self.graph, "fact"),
            total=len(scorecard.forecasts(facts)),
            tally=scorecard.tally(facts),
            groups=scorecard.groups_by_due_year(facts),
        )

    def _split_listing(
        self, kind: str, template: str, description: str, items: Sequence[Item], context: PartContext
    ) -> list[Page]:
        """A listing on one page; or, once the graph splits it, an index of its parts plus a page
        per part. `context(items, parts)` gives what a page of it shows besides its heading and parts."""
        title = addresses.HOMES[kind].title
        every: Read = ("kind", kind)  # the items, their order and their parts came from reading the kind

        def page(path: str, shown: Sequence[Item], parts: list[dict[str, object]], heading: str, in_nav: bool) -> Page:
            make = lambda: self.render(
                template,
                path,
                title=heading,
                in_nav=in_nav,
                heading=heading,
                description=description,
                source_file=_file_of(self.graph, kind),
                parts=parts,
                **context(shown, parts),
            )
            return self._page(path, make, every)

        periods = self.graph.periods(kind)
        if not periods:
            return [page(addresses.listing_page(kind), items, [], title, True)]
        parts: dict[str, list[Item]] = {}
        for item in items:
            parts.setdefault(periods[item.id], []).append(item)
        index = [
            {"title": _part_title(slug), "url": addresses.listing_url(kind, slug), "count": len(parts[slug])}
            for slug in sorted(parts)
        ]
        return [page(addresses.listing_page(kind), items, index, title, True)] + [
            page(addresses.listing_page(kind, slug), parts[slug], [], f"{title}: {_part_title(slug)}", False)
            for slug in sorted(parts)
        ]

    def _timeline_pages(self) -> list[Page]:
        g = self.graph
        return self._split_listing(
            "event",
            "timeline.md.j2",
            self.site.timeline_description,
            g.events_sorted(),
            lambda events, parts: {
                # newest first: readers come for what happened last (the split parts keep their order)
                "events": sorted(
                    (e for e in events if isinstance(e, Event)), key=lambda e: (e.date.earliest(), e.id), reverse=True
                ),
                "topics": g.topics_sorted(),
                "actors": sorted((a for a in g.all(Actor) if a.kind != PUBLISHER), key=lambda a: a.name.lower()),
            },
        )

    def _glossary_pages(self) -> list[Page]:
        terms: list[Term] = sorted(self.graph.all(Term), key=lambda t: t.term.lower())
        return self._split_listing(
            "term",
            "glossary.md.j2",
            "Terms used across the site, with names in other languages where they exist.",
            terms,
            lambda shown, parts: {
                "terms": [
                    {"term": t, "letter": initial(t.term), **self._term_actors(t)} for t in shown if isinstance(t, Term)
                ]
            },
        )

    def _term_actors(self, term: Term) -> dict[str, list[str]]:
        """A term's actors in two groups: the one it names (its own page under the same name, so
        "See: <the term itself>" would read as the entry pointing at itself) and the others."""
        names = {n.casefold() for n in (term.term, term.abbreviation, *term.aliases) if n}
        same = [a for a in term.actors if self.graph.label("actor", a).casefold() in names]
        return {"own_actors": same, "see_actors": [a for a in term.actors if a not in same]}

    def _facts_pages(self) -> list[Page]:
        return self._split_listing(
            "fact",
            "facts.md.j2",
            "Every fact, claim, analysis and forecast on the site, with its sources.",
            self.graph.all(Fact),
            lambda facts, parts: {
                "facts": facts,
                "groups": [] if parts else self._fact_groups([f for f in facts if isinstance(f, Fact)]),
                "scorecard_url": addresses.page_url(addresses.FORECASTS_PAGE),
            },
        )

    def _fact_groups(self, facts: list[Fact]) -> list[dict[str, object]]:
        """Facts under the first topic they belong to, in topic order; the rest last."""
        wanted = {f.id for f in facts}
        groups: list[dict[str, object]] = []
        placed: set[str] = set()
        for topic in self.graph.topics_sorted():
            group = [f for f in self.graph.facts_for_topic(topic) if f.id in wanted and f.id not in placed]
            placed.update(f.id for f in group)
            if group:
                groups.append({"title": topic.title, "facts": group})
        rest = [f for f in facts if f.id not in placed]
        if rest:
            groups.append({"title": "Other facts", "facts": rest})
        return groups

    def _series_groups(self) -> list[dict[str, object]]:
        """Series under the first topic they belong to, in topic order; the rest last."""
        groups: list[dict[str, object]] = []
        placed: set[str] = set()
        for topic in self.graph.topics_sorted():
            group = [s for s in self.graph.series_for_topic(topic.id) if s.id not in placed]
            placed.update(s.id for s in group)
            if group:
                groups.append({"title": topic.title, "series": group})
        rest = [s for s in self.graph.all(Series) if s.id not in placed]
        if rest:
            groups.append({"title": "Other figures" if groups else "All figures", "series": rest})
        return groups

    def _item_pages(self, cls: type[ItemT], make: Callable[[ItemT], Page]) -> list[Page]:
        """A page per item of a kind, each kept from the last build while what it read is unchanged."""
        return [
            self._page(
                addresses.item_page(cls.KIND, item.id),
                lambda item=item: make(item),  # type: ignore[misc]
                ("item", cls.KIND, item.id),
            )
            for item in self.graph.all(cls)
        ]

    def actor_pages(self) -> list[Page]:
        g = self.graph
        return self._item_pages(
            Actor,
            lambda a: self.render(
                "actor.md.j2",
                addresses.item_page("actor", a.id),
                title=a.name,
                description=g.plain(a.description, 160),
                source_file=g.record("actor", a.id).file,
                actor=a,
                profile=actor_profile(g, a.id),
                headline=[g.get(Fact, f) for f in a.headline_facts],
                parent=g.get(Actor, a.parent) if a.parent else None,
                parts=actor_parts(g, a.id),
                shown_statements=ACTOR_STATEMENTS_SHOWN,
                fact_kinds=FACT_KIND_NAMES,
                figures=g.series_for_actor(a.id),
            ),
        )

    def source_pages(self) -> list[Page]:
        g = self.graph
        return self._item_pages(
            Source,
            lambda s: self.render(
                "source.md.j2",
                addresses.item_page("source", s.id),
                title=s.title,
                description=g.plain(s.summary, 160),
                source_file=g.record("source", s.id).file,
                source=s,
                kind_titles=SOURCE_KIND_TITLES,
                support=source_support(g, s.id),
                fact_kinds=FACT_KIND_NAMES,
            ),
        )

    def all_pages(self) -> list[Page]:
        return [
            *self.topic_pages(),
            *self.index_pages(),
            self.scorecard_page(),
            *self.actor_pages(),
            *self.source_pages(),
        ]


def _file_of(graph: SiteGraph, kind: str) -> str:
    records = graph.records(kind)
    return records[0].file if records else addresses.content_file(kind)


def _part_title(slug: str) -> str:
    """'2019' -> '2019', '2024-03' -> 'March 2024', 'k' -> 'K', 'other' -> 'Other'."""
    if re.fullmatch(r"\d{4}-\d{2}", slug):
        return f"{calendar.month_name[int(slug[5:])]} {slug[:4]}"
    return slug.upper() if len(slug) == 1 else slug.capitalize()


def _front_matter_length(markdown: str) -> int:
    """Where a page's body starts: after the front matter `_front_matter` wrote (its values are
    quoted on one line each, so its closing `---` line is the first after the opening one)."""
    return markdown.index("\n---\n\n", 3) + len("\n---\n\n")


def _reader_updates(updates: list[Update]) -> dict[str, list[Update]]:
    """What's new in its two parts, newest first: developments added to the story, and corrections.
    Changes to the site itself (`type: site`) are not news to readers and stay in the open data."""
    newest = sorted(updates, key=lambda u: (u.date.earliest(), u.id), reverse=True)
    return {
        "story": [u for u in newest if u.reader_type == "story"],
        "corrections": [u for u in newest if u.reader_type == "correction"],
    }
