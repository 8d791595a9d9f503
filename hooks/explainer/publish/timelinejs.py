"""The timeline in TimelineJS's JSON format, so others can embed it. No MkDocs in here.

TimelineJS puts `headline` and `text` into the page as HTML, so both are plain
text with HTML's special characters escaped: nothing from the content can
become markup in someone else's page.
"""

from __future__ import annotations

import html
import json
from typing import Any

from explainer.model.kinds import Topic
from explainer.resolve.graph import SiteGraph
from explainer.resolve.siteinfo import SiteInfo

TIMELINEJS_PATH = "data/timelinejs.json"


def _plain(text: str) -> str:
    return html.escape(text, quote=True)


def timeline_json(graph: SiteGraph, site: SiteInfo) -> dict[str, Any]:
    """{"title": ..., "events": [...]} oldest first, dates at their real precision."""
    topics = {t.id: t.title for t in graph.all(Topic)}
    events = []
    for event in graph.events_sorted():
        start: dict[str, int] = {"year": event.date.year}
        if event.date.month:
            start["month"] = event.date.month
        if event.date.day:
            start["day"] = event.date.day
        entry: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": start,
            "display_date": event.date.display(),
            "text": {
                "headline": _plain(event.title),
                "text": _plain(graph.plain(event.summary) if event.summary else ""),
            },
        }
        if event.topics:
            entry["group"] = _plain(topics.get(event.topics[0], event.topics[0]))
        events.append(entry)
    return {"title": {"text": {"headline": _plain(site.name), "text": _plain(site.description)}}, "events": events}


def timeline_json_text(graph: SiteGraph, site: SiteInfo) -> str:
    return json.dumps(timeline_json(graph, site), indent=2, ensure_ascii=False) + "\n"
