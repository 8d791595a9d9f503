"""The Atom feed of timeline events, its TimelineJS twin, and the link to the feed in every page."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = "data/timeline.atom"


def _feed(built_site) -> ET.Element:
    return ET.parse(built_site / FEED).getroot()


def test_feed_is_atom_with_one_entry_per_event_and_update_newest_first(built_site, content):
    root = _feed(built_site)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    reader_updates = [u for u in content.of("update") if u.reader_type != "site"]  # the site's own upkeep is no news
    assert len(entries) == len(content.of("event")) + len(reader_updates)
    assert len(content.of("event")) > 1 and len(content.of("update")) > 1
    published = [e.findtext(f"{ATOM}published") for e in entries]
    assert published == sorted(published, reverse=True)
    assert root.findtext(f"{ATOM}updated") == published[0]
    for element in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{element}") is not None, f"the feed has no <{element}>"


def test_each_entry_links_to_the_event_anchor_on_the_timeline(built_site, content, site_url, heads):
    titles = {e.id: e.title for e in content.of("event")}
    timeline_ids = heads["timeline/"].ids
    entries = _feed(built_site).findall(f"{ATOM}entry")
    event_entries = [e for e in entries if "/timeline/#" in e.find(f"{ATOM}link[@rel='alternate']").get("href")]
    assert len(event_entries) == len(titles)
    for entry in event_entries:
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert href.startswith(f"{site_url}timeline/#")
        event_id = href.rpartition("#")[2]
        assert event_id in timeline_ids
        assert entry.findtext(f"{ATOM}id") == href
        assert entry.findtext(f"{ATOM}title") == titles[event_id]


def test_every_page_links_the_feed_from_its_head(built_site, pages, heads):
    for url, head in heads.items():
        link = head.link("alternate", "application/atom+xml")
        assert link, f"{url or 'home'} has no feed link"
        target = posixpath.normpath(posixpath.join(url, link["href"]))
        assert target == FEED, f"{url}: feed link {link['href']} points at {target}"


def test_timelinejs_export_has_every_event_as_plain_text(built_site, content):
    data = json.loads((built_site / "data" / "timelinejs.json").read_text(encoding="utf-8"))
    by_id = {e.id: e for e in content.of("event")}
    assert len(data["events"]) == len(by_id)
    for event in data["events"]:
        source = by_id[event["unique_id"]]
        start = event["start_date"]
        assert start["year"] == source.date.year
        assert start.get("month") == source.date.month and start.get("day") == source.date.day
        for text in (event["text"]["headline"], event["text"]["text"]):
            assert "<" not in text and ">" not in text
    assert data["title"]["text"]["headline"]


def test_updates_link_to_whats_new_and_say_what_kind_they_are(built_site, content, site_url, heads):
    kinds = {u.id: u.kind for u in content.of("update") if u.reader_type != "site"}
    anchors = heads["whats-new/"].ids
    entries = [
        e
        for e in _feed(built_site).findall(f"{ATOM}entry")
        if e.find(f"{ATOM}link[@rel='alternate']").get("href").startswith(f"{site_url}whats-new/#")
    ]
    assert len(entries) == len(kinds)
    for entry in entries:
        update_id = entry.findtext(f"{ATOM}id").rpartition("#")[2]
        assert update_id in anchors
        assert entry.findtext(f"{ATOM}title").startswith(kinds[update_id].capitalize() + ": ")
        assert entry.find(f"{ATOM}category").get("term") == kinds[update_id]
