"""Resolve stage: the site graph with addresses, labels, forward links and derived backlinks."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from explainer.load.loader import Content, Record
from explainer.model.dates import PartialDate
from explainer.model.kinds import Event, Fact, Item, Series, Term, Topic, markdown_fields
from explainer.resolve import addresses
from explainer.text.refs import TextRef, replace_refs

Key = tuple[str, str]  # (kind, id)
ItemT = TypeVar("ItemT", bound=Item)
# What a page read of the content while it was made (explainer.pages.memo): one item,
# ("item", kind, id); its label alone, ("label", kind, id); every item of a kind and their
# order, ("kind", kind); which part of a split listing an item is on, ("period", kind, id);
# or which items link to one, ("backlinks", kind, id).
Read = tuple[str, ...]

# Past this many items a listing is split into one page per period (events, facts: a year,
# or a month where a year alone is past it) or per initial (terms), so no page grows past
# about 1 MB of HTML. Below it, one page, as the real site has today.
SPLIT_ABOVE = {"event": 400, "fact": 300, "term": 600}
# Each part can match in one way only (no class overlaps what follows it), so no input makes
# it backtrack: a run of `[` or of `(http` costs linear time, not cubic or quadratic.
_MD_SYNTAX_RE = re.compile(r"[*_`#>\[\]]|\(http[^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)")
LABEL_LIMIT = 70  # labels made from Markdown (a fact's statement) are cut to this


def plain_text(markdown: str, limit: int = 0) -> str:
    """Rough plain text of Markdown (references already replaced), for labels and descriptions."""
    text = " ".join(_MD_SYNTAX_RE.sub("", markdown).split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


@dataclass
class SiteGraph:
    content: Content
    items: dict[Key, Record] = field(default_factory=dict)
    forward: dict[Key, list[Key]] = field(default_factory=dict)  # what each item refers to, once each
    backlinks: dict[Key, list[Key]] = field(default_factory=lambda: defaultdict(list))
    _periods: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> id -> period, for split kinds
    _labels: dict[Key, str] = field(default_factory=dict)
    _labelling: set[Key] = field(default_factory=set)  # labels being made, so a cycle of references ends
    _events_sorted: list[Event] | None = None
    _recordings: list[set[Read]] = field(default_factory=list)  # open ones, innermost last
    _digests: dict[Read, str] = field(default_factory=dict)

    @classmethod
    def build(cls, content: Content) -> SiteGraph:
        graph = cls(content)
        for record in content.all():
            graph.items.setdefault((record.kind, record.item.id), record)
        for record in content.all():
            source = (record.kind, record.item.id)
            targets = graph.forward.setdefault(source, [])
            for ref in record.refs:
                target = (ref.kind, ref.id)
                if ref.error or target == source or target in targets:
                    continue
                targets.append(target)
                graph.backlinks[target].append(source)
        return graph

    # --- looking things up -------------------------------------------------
    def get(self, cls: type[ItemT], ident: str) -> ItemT:
        """The item of a kind, typed: `graph.get(Actor, "x").name`."""
        self.note(("item", cls.KIND, ident))
        item = self.items[(cls.KIND, ident)].item
        assert isinstance(item, cls)
        return item

    def all(self, cls: type[ItemT]) -> list[ItemT]:
        """Every item of a kind, typed, in file order."""
        self.note(("kind", cls.KIND))
        return [r.item for r in self.content.of(cls.KIND) if isinstance(r.item, cls)]

    def item(self, kind: str, ident: str) -> Item:
        """The item behind a (kind, id) key, for templates and generic code."""
        self.note(("item", kind, ident))
        return self.items[(kind, ident)].item

    def record(self, kind: str, ident: str) -> Record:
        self.note(("item", kind, ident))
        return self.items[(kind, ident)]

    def records(self, kind: str) -> list[Record]:
        """Every record of a kind, in file order."""
        self.note(("kind", kind))
        return self.content.of(kind)

    def of(self, kind: str) -> list[Item]:
        return [r.item for r in self.records(kind)]

    def url(self, kind: str, ident: str) -> str:
        if addresses.has_own_pages(kind):
            return addresses.item_url(kind, ident)
        self.note(("period", kind, ident))  # the part of the listing it is on: not the whole kind
        return addresses.item_url(kind, ident, self._split_of(kind).get(ident))

    def page_of(self, kind: str, ident: str) -> str:
        """The address of the page an item is shown on."""
        return self.url(kind, ident).partition("#")[0]

    def periods(self, kind: str) -> dict[str, str]:
        """Item id -> the part of its split listing ('2019', '2024-03', 'k'); empty when not split."""
        self.note(("kind", kind))
        return self._split_of(kind)

    def _split_of(self, kind: str) -> dict[str, str]:
        if kind not in self._periods:
            items = [r.item for r in self.content.of(kind)]
            self._periods[kind] = _split(kind, items) if len(items) > SPLIT_ABOVE.get(kind, len(items)) else {}
        return self._periods[kind]

    def label(self, kind: str, ident: str) -> str:
        """How readers see an item's name: its title, name or (cut) statement; never its id."""
        key = (kind, ident)
        self.note(("label", kind, ident))  # the text alone: what making it reads is not the page's read
        if key not in self._labels:
            outer, self._recordings = self._recordings, []
            try:
                item = self.item(kind, ident)
                text = item.label_text()
                if (item.LABEL_FIELD,) in markdown_fields(kind):
                    # References inside a statement read as their labels. One that leads back to an
                    # item whose label is being made reads as the kind's name ("fact"), not its id.
                    if key in self._labelling:
                        return item.TITLE.lower()
                    self._labelling.add(key)
                    try:
                        text = self.plain(text, LABEL_LIMIT)
                    finally:
                        self._labelling.discard(key)
            finally:
                self._recordings = outer
            self._labels[key] = text or item.TITLE
        return self._labels[key]

    def plain(self, markdown: str, limit: int = 0) -> str:
        """Plain text of Markdown with references replaced by their labels (an unknown one by nothing)."""

        def label(ref: TextRef, _start: int) -> str:
            if ref.label:
                return ref.label
            return self.label(ref.kind, ref.id) if (ref.kind, ref.id) in self.items else ""

        return plain_text(replace_refs(markdown, label, lambda _message, _written, _start: ""), limit)

    def links_to(self, kind: str, ident: str, of_kind: str | None = None) -> list[Key]:
        """What an item refers to (in its fields and its text), in order, once each."""
        self.note(("item", kind, ident))  # its references are its own fields'
        keys = self.forward.get((kind, ident), [])
        return [k for k in keys if of_kind is None or k[0] == of_kind]

    def linked_from(self, kind: str, ident: str, of_kind: str | None = None) -> list[Key]:
        self.note(("backlinks", kind, ident))
        keys = self.backlinks.get((kind, ident), [])
        return [k for k in keys if of_kind is None or k[0] == of_kind]

    # --- what a page read (explainer.pages.memo) -------------------------------
    @contextmanager
    def recording(self) -> Iterator[set[Read]]:
        """Collect every read of the content made inside the block (and inside blocks it opens)."""
        reads: set[Read] = set()
        self._recordings.append(reads)
        try:
            yield reads
        finally:
            self._recordings.pop()

    def note(self, read: Read) -> None:
        for reads in self._recordings:
            reads.add(read)

    def digest(self, read: Read) -> str:
        """A fingerprint of what `read` saw: equal in another build exactly when that part of the
        content is the same (an item's every field and its file; a kind's items and order)."""
        if read not in self._digests:
            what, kind, *ident = read
            if what == "item":
                record = self.items.get((kind, ident[0]))
                text = "missing" if record is None else f"{record.file}\0{record.item!r}"
            elif what == "kind":
                text = "\0".join(self.digest(("item", kind, r.item.id)) for r in self.content.of(kind))
            elif what == "label":
                text = self.label(kind, ident[0]) if (kind, ident[0]) in self.items else "missing"
            elif what == "period":
                text = self._split_of(kind).get(ident[0], "")
            else:
                text = repr(self.backlinks.get((kind, ident[0]), []))
            self._digests[read] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return self._digests[read]

    # --- derived views ------------------------------------------------------
    def events_sorted(self) -> list[Event]:
        self.note(("kind", "event"))
        if self._events_sorted is None:
            self._events_sorted = sorted(self.all(Event), key=lambda e: (e.date.earliest(), e.id))
        return self._events_sorted

    def topics_sorted(self) -> list[Topic]:
        return sorted(self.all(Topic), key=lambda t: t.order)

    def events_for_topic(self, topic_id: str) -> list[Event]:
        linked = [self.get(Event, k[1]) for k in self.linked_from("topic", topic_id, "event")]
        return sorted(linked, key=lambda e: (e.date.earliest(), e.id))

    def series_for_topic(self, topic_id: str) -> list[Series]:
        """The series whose `topics` name the topic, in file order: the charts its page shows."""
        return [s for s in self.all(Series) if topic_id in s.topics]

    def series_for_actor(self, actor_id: str) -> list[Series]:
        """The series an actor belongs on: those naming it in `actors`, or whose estimate it is."""
        return [s for s in self.all(Series) if actor_id in s.actors or s.said_by == actor_id]

    def facts_for_topic(self, topic: Topic) -> list[Fact]:
        ids = list(topic.key_facts) + [k[1] for k in self.linked_from("topic", topic.id, "fact")]
        return [self.get(Fact, i) for i in dict.fromkeys(ids)]


def item_date(kind: str, item: Item) -> PartialDate | None:
    """The date a listing orders and splits an item by (a fact's statement date, else its as-of date);
    None only for an undated fact, which validation refuses."""
    if isinstance(item, Event):
        return item.date
    assert isinstance(item, Fact)
    return item.date or item.as_of


def _split(kind: str, items: list[Item]) -> dict[str, str]:
    if kind == "term":
        return {t.id: period_slug(initial(t.term)) for t in items if isinstance(t, Term)}
    by_year: dict[int, list[Item]] = defaultdict(list)
    dated = [(item, date) for item in items if (date := item_date(kind, item)) is not None]
    for item, date in dated:
        by_year[date.year].append(item)
    periods = {}
    for year, group in by_year.items():
        monthly = len(group) > SPLIT_ABOVE[kind]
        for item in group:
            date = item_date(kind, item) or PartialDate(year)
            periods[item.id] = f"{year}-{date.month:02d}" if monthly and date.month else str(year)
    return periods


def initial(name: str) -> str:
    """A term's letter in the glossary ('#' for digits and other scripts)."""
    first = name[:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


def period_slug(period: str) -> str:
    """A period or initial as it appears in a page address ('#' -> 'other')."""
    return "other" if period == "#" else period.lower()
