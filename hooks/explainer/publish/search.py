"""The site's search index, made from the curated data rather than from rendered pages.

One entry per topic, glossary term, actor, fact, event and chart, and, last and lightly, per
source: what the item is called (title, aliases, abbreviation, Chinese name, toneless pinyin), a
short snippet from its own summary, a label that tells readers what kind of page it is, and a
rank by kind, so that the pages that explain come before the clippings that mention. Sources
are indexed by title, publisher and date only: their provenance text is no answer to a query.

The file is plain JSON beside the open data; `docs/javascripts/search.js` fetches it only when
a reader opens search, so no theme's search internals are involved.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from opencc import OpenCC

from explainer.model.kinds import Actor, Event, Fact, Series, Source, Term, Topic
from explainer.publish.opendata import DATA_DIR, DataFile
from explainer.resolve.graph import SiteGraph, plain_text
from explainer.text.pinyin import toneless, typed_forms

SEARCH_INDEX_PATH = f"{DATA_DIR}/search-index.json"

# What readers are told each result is, and how far up its kind ranks (a multiplier of the match score).
KIND_LABELS = {
    "topic": "Topic",
    "term": "Glossary",
    "actor": "Actor",
    "fact": "Fact",
    "event": "Event",
    "series": "Figure",
    "source": "Source",
}
KIND_RANKS = {"topic": 3.0, "term": 2.5, "actor": 2.5, "fact": 1.2, "event": 1.4, "series": 1.4, "source": 0.4}
SNIPPET_LIMIT = 160  # characters of a result's snippet
TEXT_LIMIT = 600  # characters of an item's own text that search matches, beyond its names

_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Variants: Traditional (OpenCC's standard), Taiwan and Hong Kong forms of each character.
_TO_TRADITIONAL = ("s2t", "s2tw", "s2hk")


@dataclass(frozen=True)
class Entry:
    kind: str
    title: str
    url: str
    names: list[str]
    text: str
    snippet: str

    def as_json(self) -> dict[str, object]:
        # Short keys: the index is fetched as a whole, and these repeat once per entry.
        return {
            "t": self.title,
            "n": " ".join(dict.fromkeys(n for n in self.names if n)),
            "x": self.text,
            "s": self.snippet,
            "k": KIND_LABELS[self.kind],
            "r": KIND_RANKS[self.kind],
            "u": self.url,
        }


def _chinese_names(zh: str | None, pinyin: str | None) -> list[str]:
    """A Chinese name, its pinyin and the pinyin as typed without tones, spaces or apostrophes."""
    names = [zh or ""]
    if pinyin:
        names += [pinyin, toneless(pinyin), *typed_forms(pinyin)]
    return names


def _entries(graph: SiteGraph) -> Iterable[Entry]:
    def plain(markdown: str | None, limit: int) -> str:
        return graph.plain(markdown or "", limit)

    for topic in graph.all(Topic):
        text = " ".join([topic.question, plain(topic.answer, 0), *(s.heading for s in topic.sections)])
        yield Entry(
            "topic",
            topic.title,
            graph.url("topic", topic.id),
            [],
            plain_text(text, TEXT_LIMIT),
            plain(topic.answer, SNIPPET_LIMIT),
        )
    for term in graph.all(Term):
        names = [term.abbreviation or "", *term.aliases, *_chinese_names(term.zh, term.pinyin)]
        yield Entry(
            "term",
            term.term,
            graph.url("term", term.id),
            names,
            plain(term.definition, TEXT_LIMIT),
            plain(term.definition, SNIPPET_LIMIT),
        )
    for actor in graph.all(Actor):
        names = [*actor.aliases, *_chinese_names(actor.zh, actor.pinyin)]
        about = plain(actor.description, TEXT_LIMIT)
        yield Entry(
            "actor",
            actor.name,
            graph.url("actor", actor.id),
            names,
            " ".join(filter(None, [actor.role, about])),
            actor.role or plain(actor.description, SNIPPET_LIMIT),
        )
    for series in graph.all(Series):
        yield Entry(
            "series",
            series.title,
            graph.url("series", series.id),
            [],
            plain(series.description, TEXT_LIMIT),
            plain(series.description, SNIPPET_LIMIT),
        )
    for event in graph.all(Event):
        summary = plain(event.summary, TEXT_LIMIT)
        yield Entry(
            "event",
            event.title,
            graph.url("event", event.id),
            [str(event.date)],
            summary,
            f"{event.date}: " + plain(event.summary, SNIPPET_LIMIT) if event.summary else str(event.date),
        )
    for fact in graph.all(Fact):
        yield Entry(
            "fact",
            graph.label("fact", fact.id),
            graph.url("fact", fact.id),
            [],
            plain(fact.statement, TEXT_LIMIT),
            plain(fact.statement, SNIPPET_LIMIT),
        )
    for source in graph.all(Source):
        byline = f"{source.publisher}, {source.date}"
        yield Entry("source", source.title, graph.url("source", source.id), [byline], "", byline)


def simplified_map(texts: Iterable[str]) -> dict[str, str]:
    """Traditional (and Taiwan, Hong Kong) forms of every Han character in the index, each to the
    simplified one: the browser maps a query's characters with it, so 華為 finds 华为."""
    chars = {c for text in texts for c in _HAN_RE.findall(text)}
    mapping: dict[str, str] = {}
    to_simplified = OpenCC("t2s")
    for config in _TO_TRADITIONAL:
        converter = OpenCC(config)
        for char in sorted(chars):
            variant = converter.convert(char)
            if variant != char and len(variant) == 1 and to_simplified.convert(variant) == char:
                mapping.setdefault(variant, char)
    return dict(sorted(mapping.items()))


def search_index(graph: SiteGraph) -> dict[str, object]:
    entries = [e.as_json() for e in _entries(graph)]
    chinese = simplified_map(str(e["t"]) + str(e["n"]) + str(e["x"]) for e in entries)
    return {"traditional": chinese, "entries": entries}


def search_index_file(graph: SiteGraph) -> DataFile:
    index = search_index(graph)
    # Compact (it is fetched whole), with `<`, `>` and `&` escaped as in the other JSON files.
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
    entries = index["entries"]
    assert isinstance(entries, list)
    return DataFile(
        SEARCH_INDEX_PATH,
        text,
        "application/json",
        "The site's search index: each topic, term, actor, fact, event, chart and source with its names.",
        None,
        len(entries),
    )
