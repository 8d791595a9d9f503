"""Resolve stage: the site graph with addresses, labels and derived backlinks."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .loader import Content, Record
from .model import Item
from .refs import REF_RE, parse_ref, references

Key = tuple[str, str]  # (kind, id)

# Where each kind lives; addresses are relative to the site root, directory style.
PAGE_OF_KIND = {"term": "glossary/", "fact": "facts/", "event": "timeline/"}
PAGE_PER_ITEM = {"topic": "topics/", "actor": "actors/", "source": "sources/"}
# Past this many items a listing is split into one page per period (events, facts: a year,
# or a month where a year alone is past it) or per initial (terms), so no page grows past
# about 1 MB of HTML. Below it, one page, as the real site has today.
SPLIT_ABOVE = {"event": 400, "fact": 300, "term": 600}
# Each part can match in one way only (no class overlaps what follows it), so no input makes
# it backtrack: a run of `[` or of `(http` costs linear time, not cubic or quadratic.
_MD_SYNTAX_RE = re.compile(
    r"\[\[[^\[\]|\n]*(?:\|([^\[\]\n]*))?\]\]|[*_`#>\[\]]|\(http[^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)"
)


def plain_text(markdown: str, limit: int = 0) -> str:
    """Rough plain text of Markdown, for labels and descriptions."""
    text = " ".join(_MD_SYNTAX_RE.sub(lambda m: m.group(1) or "", markdown).split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


@dataclass
class SiteGraph:
    content: Content
    items: dict[Key, Record] = field(default_factory=dict)
    backlinks: dict[Key, list[Key]] = field(default_factory=lambda: defaultdict(list))
    _periods: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> id -> period, for split kinds
    _labels: dict[Key, str] = field(default_factory=dict)
    _sorted: dict[str, list[Item]] = field(default_factory=dict)

    @classmethod
    def build(cls, content: Content) -> SiteGraph:
        graph = cls(content)
        for record in content.all():
            graph.items.setdefault((record.kind, record.item.id), record)
        seen: set[tuple[Key, Key]] = set()
        for record in content.all():
            source = (record.kind, record.item.id)
            for ref in references(record):
                edge = ((ref.kind, ref.id), source)
                if ref.error or edge in seen or edge[0] == source:
                    continue
                seen.add(edge)
                graph.backlinks[edge[0]].append(source)
        return graph

    # --- looking things up -------------------------------------------------
    def get(self, kind: str, ident: str) -> Item:
        return self.items[(kind, ident)].item

    def record(self, kind: str, ident: str) -> Record:
        return self.items[(kind, ident)]

    def of(self, kind: str) -> list[Item]:
        return [r.item for r in self.content.of(kind)]

    def url(self, kind: str, ident: str) -> str:
        if kind in PAGE_PER_ITEM:
            return f"{PAGE_PER_ITEM[kind]}{ident}/"
        return f"{self.page_of(kind, ident)}#{ident}"

    def page_of(self, kind: str, ident: str) -> str:
        """The page an item without a page of its own is shown on."""
        periods = self.periods(kind)
        return f"{PAGE_OF_KIND[kind]}{periods[ident]}/" if periods else PAGE_OF_KIND[kind]

    def periods(self, kind: str) -> dict[str, str]:
        """Item id -> the part of its split listing ('2019', '2024-03', 'k'); empty when not split."""
        if kind not in self._periods:
            items = self.of(kind)
            self._periods[kind] = _split(kind, items) if len(items) > SPLIT_ABOVE.get(kind, len(items)) else {}
        return self._periods[kind]

    def label(self, kind: str, ident: str) -> str:
        key = (kind, ident)
        if key not in self._labels:
            self._labels[key] = self._label(kind, ident)
        return self._labels[key]

    def _label(self, kind: str, ident: str) -> str:
        item = self.get(kind, ident)
        if kind == "term":
            return item.term
        if kind == "actor":
            return item.name
        if kind == "fact":
            return plain_text(
                REF_RE.sub(lambda m: m.group(1).partition("|")[2] or m.group(1).partition(":")[2], item.statement), 70
            )
        return item.title

    def plain(self, markdown: str, limit: int = 0) -> str:
        """Plain text of Markdown with references replaced by their labels."""

        def label(match: re.Match) -> str:
            parsed = parse_ref(match.group(1))
            if isinstance(parsed, str) or (parsed[0], parsed[1]) not in self.items:
                return ""
            return parsed[2] or self.label(parsed[0], parsed[1])

        return plain_text(REF_RE.sub(label, markdown), limit)

    def linked_from(self, kind: str, ident: str, of_kind: str | None = None) -> list[Key]:
        keys = self.backlinks.get((kind, ident), [])
        return [k for k in keys if of_kind is None or k[0] == of_kind]

    # --- derived views ------------------------------------------------------
    def events_sorted(self) -> list[Item]:
        if "event" not in self._sorted:
            self._sorted["event"] = sorted(self.of("event"), key=lambda e: (e.date.earliest(), e.id))
        return self._sorted["event"]

    def topics_sorted(self) -> list[Item]:
        return sorted(self.of("topic"), key=lambda t: t.order)

    def events_for_topic(self, topic_id: str) -> list[Item]:
        linked = [self.get("event", k[1]) for k in self.linked_from("topic", topic_id, "event")]
        return sorted(linked, key=lambda e: (e.date.earliest(), e.id))

    def facts_for_topic(self, topic: Item) -> list[Item]:
        ids = list(topic.key_facts) + [k[1] for k in self.linked_from("topic", topic.id, "fact")]
        return [self.get("fact", i) for i in dict.fromkeys(ids)]

    def sources_of(self, item: Item) -> list[Item]:
        return [self.get("source", s) for s in getattr(item, "sources", ())]


def item_date(kind: str, item: Item):
    """The date a listing orders and splits an item by (a fact's statement date, else its as-of date)."""
    return item.date if kind == "event" else (item.date or item.as_of)


def _split(kind: str, items: list[Item]) -> dict[str, str]:
    if kind == "term":
        return {t.id: period_slug(initial(t.term)) for t in items}
    by_year: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        by_year[item_date(kind, item).year].append(item)
    periods = {}
    for year, group in by_year.items():
        monthly = len(group) > SPLIT_ABOVE[kind]
        for item in group:
            date = item_date(kind, item)
            periods[item.id] = f"{year}-{date.month:02d}" if monthly and date.month else str(year)
    return periods


def initial(name: str) -> str:
    """A term's letter in the glossary ('#' for digits and other scripts)."""
    first = name[:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


def period_slug(period: str) -> str:
    """A period or initial as it appears in a page address ('#' -> 'other')."""
    return "other" if period == "#" else period.lower()
