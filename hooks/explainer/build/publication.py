"""Everything the build publishes beside the pages: open data, feed, TimelineJS
export, the data page and each page's structured data. No MkDocs in here;
the adapter adds `files` and `pages` to the site and asks `structured` per page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from explainer.build.pipeline import SiteOutput
from explainer.load.git_dates import file_dates
from explainer.model.kinds import KINDS, Series, Topic
from explainer.pages.page import Page
from explainer.publish.feed import FEED_MEDIA_TYPE, FEED_PATH, atom_feed
from explainer.publish.opendata import CSV_KINDS, DataFile, catalog, data_files, field_rows
from explainer.publish.search import search_index_file
from explainer.publish.seriesdata import chart_image_files, series_data_files
from explainer.publish.structured import StructuredData
from explainer.publish.timelinejs import TIMELINEJS_PATH, timeline_json_text
from explainer.resolve import addresses
from explainer.resolve.siteinfo import LICENCE_NAME, LICENCE_URL, SiteInfo

DATA_PAGE_TEMPLATE = "data.md.j2"


@dataclass
class Publication:
    files: list[DataFile]
    pages: list[Page]
    structured: StructuredData


def publish(output: SiteOutput, site: SiteInfo, repo_root: Path, today: dt.date | None = None) -> Publication:
    graph = output.graph
    files = data_files(graph, site)
    extra = [
        DataFile(FEED_PATH, atom_feed(graph, site), FEED_MEDIA_TYPE, "Atom feed of timeline events, newest first."),
        DataFile(
            TIMELINEJS_PATH,
            timeline_json_text(graph, site),
            "application/json",
            "The timeline in TimelineJS's JSON format, to embed it elsewhere.",
        ),
        *series_data_files(graph, site),
        search_index_file(graph),
        *chart_image_files(graph.all(Series), lambda s: str(output.renderer.chart(s).svg)),
    ]
    files = [*files, *extra, catalog(files, site, extra)]
    page = output.renderer.render(
        DATA_PAGE_TEMPLATE,
        addresses.DATA_PAGE,
        title="Open data",
        in_nav=True,
        description="Every fact, event, term, actor, source and topic as JSON and CSV, with JSON Schemas, "
        "an Atom feed and a TimelineJS export; text under CC BY 4.0.",
        source_file=f"hooks/explainer/pages/templates/{DATA_PAGE_TEMPLATE}",
        files=files,
        kinds=[
            {"kind": k, "plural": model.PLURAL, "fields": field_rows(k), "csv": k in CSV_KINDS}
            for k, model in KINDS.items()
        ],
        licence_name=LICENCE_NAME,
        licence_url=LICENCE_URL,
        site=site,
    )
    pages = [*output.pages, page]
    topic_pages = {addresses.item_page("topic", t.id) for t in graph.all(Topic)}
    topic_files = {p.url: p.source_file for p in output.pages if p.path in topic_pages}
    known = file_dates(sorted(set(topic_files.values())), repo_root)
    fallback = today or dt.date.today()
    topic_dates = {url: known.get(path, (fallback, fallback)) for url, path in topic_files.items()}
    downloads = [
        (f.path, f.media_type)
        for f in files
        if (f.kind and f.media_type in ("application/json", "text/csv")) or f.path == TIMELINEJS_PATH
    ]
    structured = StructuredData(site, graph, {p.url: p.title for p in pages}, topic_dates, downloads)
    return Publication(files, [page], structured)


def write_publication(publication: Publication, out_dir: Path) -> int:
    """Write the data files and the data page under out_dir (for generators without the MkDocs hook)."""
    written = [(f.path, f.text) for f in publication.files] + [(p.path, p.markdown) for p in publication.pages]
    write_files(written, out_dir)
    return len(written)


def write_files(written: list[tuple[str, str | bytes]], out_dir: Path) -> None:
    """Each (path, text or bytes) under out_dir, folders made as needed: text as UTF-8, bytes as they are."""
    for path, text in written:
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
