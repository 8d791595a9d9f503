"""Atom feed (RFC 4287) of timeline events and of the site's own updates, newest first. No MkDocs in here.

ElementTree does the escaping; characters XML 1.0 cannot hold are dropped first.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from explainer.model.dates import PartialDate
from explainer.model.kinds import Event, Topic, Update
from explainer.resolve import addresses
from explainer.resolve.graph import SiteGraph
from explainer.resolve.siteinfo import LICENCE_NAME, SiteInfo

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_PATH = "data/timeline.atom"
FEED_MEDIA_TYPE = "application/atom+xml"
_NOT_XML_RE = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return _NOT_XML_RE.sub("", value)


def atom_time(date: PartialDate) -> str:
    """An Atom date-time for a date at any precision: its first day, at midnight UTC."""
    return date.earliest().isoformat() + "T00:00:00Z"


def events_newest_first(graph: SiteGraph) -> list[Event]:
    return sorted(graph.all(Event), key=lambda e: (e.date.earliest(), e.id), reverse=True)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _entry(feed: ET.Element, address: str, title: str, date: PartialDate, summary: str) -> ET.Element:
    entry = _add(feed, "entry")
    _add(entry, "id", address)
    _add(entry, "title", title, type="text")
    _add(entry, "link", rel="alternate", type="text/html", href=address)
    _add(entry, "published", atom_time(date))
    _add(entry, "updated", atom_time(date))
    _add(entry, "summary", summary, type="text")
    return entry


def atom_feed(graph: SiteGraph, site: SiteInfo) -> str:
    """The feed as XML text; each entry's id and link are the item's permanent anchor."""
    ET.register_namespace("", ATOM_NS)
    events = events_newest_first(graph)
    # changes to the site itself are not news to readers (they stay in the open data)
    updates = sorted(
        (u for u in graph.all(Update) if u.reader_type != "site"), key=lambda u: (u.date.earliest(), u.id), reverse=True
    )
    dates = [e.date.earliest() for e in events[:1]] + [u.date.earliest() for u in updates[:1]]
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": site.language})
    _add(feed, "id", site.absolute(FEED_PATH))
    _add(feed, "title", f"{site.name}: timeline")
    _add(feed, "subtitle", site.timeline_description)
    _add(feed, "link", rel="self", type=FEED_MEDIA_TYPE, href=site.absolute(FEED_PATH))
    _add(feed, "link", rel="alternate", type="text/html", href=site.absolute(addresses.listing_url("event")))
    _add(feed, "updated", max(dates).isoformat() + "T00:00:00Z" if dates else "1970-01-01T00:00:00Z")
    _add(_add(feed, "author"), "name", site.name)
    _add(feed, "rights", f"Text licensed under {LICENCE_NAME}")
    topics = {t.id: t.title for t in graph.all(Topic)}
    entries: list[tuple[dt.date, str, Event | Update]] = [
        *((e.date.earliest(), e.id, e) for e in events),
        *((u.date.earliest(), u.id, u) for u in updates),
    ]
    for _, _, item in sorted(entries, key=lambda entry: (entry[0], entry[1]), reverse=True):
        if isinstance(item, Update):
            title = f"{item.kind.capitalize()}: {graph.label('update', item.id)}"
            entry = _entry(
                feed, site.absolute(graph.url("update", item.id)), title, item.date, graph.plain(item.summary)
            )
            _add(entry, "category", term=item.kind, label=f"Site {item.kind}")
            continue
        entry = _entry(feed, site.absolute(graph.url("event", item.id)), item.title, item.date, _summary(graph, item))
        for topic_id in item.topics:
            _add(entry, "category", term=topic_id, label=topics.get(topic_id, topic_id))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _summary(graph: SiteGraph, event: Event) -> str:
    """Plain text: the date as precise as the sources allow, the summary, who was involved."""
    parts = [event.date.display() + "."]
    if event.summary:
        parts.append(graph.plain(event.summary))
    if event.actors:
        parts.append("Who: " + ", ".join(graph.label("actor", a) for a in event.actors) + ".")
    return " ".join(parts)
