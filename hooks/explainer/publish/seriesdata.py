"""Open data for the charts: every point of every series as CSV, and each series on its own
(CSV and JSON) for the download links under its chart. `series.json` itself comes with the
other kinds from `opendata.py`."""

from __future__ import annotations

import csv
import io

from explainer.model.kinds import Series
from explainer.publish.opendata import DATA_DIR, DataFile, _json_text, csv_cell
from explainer.resolve.graph import SiteGraph
from explainer.resolve.siteinfo import SiteInfo

# Flat in data/, as every other file: all points in `series.csv` (beside `series.json`), and each
# series in `series-<id>.csv` and `series-<id>.json` (no id can make these names collide).
POINTS_PATH = f"{DATA_DIR}/series.csv"
POINT_COLUMNS = ["series_id", "date", "value", "unit", "estimate", "said_by", "sources", "note", "url"]


def series_csv_path(series_id: str) -> str:
    return f"{DATA_DIR}/series-{series_id}.csv"


def series_json_path(series_id: str) -> str:
    return f"{DATA_DIR}/series-{series_id}.json"


def points_csv(graph: SiteGraph, site: SiteInfo, series: list[Series]) -> str:
    """One row per point. `sources` holds the series' sources and then the point's own, once each.
    Every cell goes through csv_cell, as in the other CSV files: the note is text from content."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as the other CSV files
    writer.writerow(POINT_COLUMNS)
    for s in series:
        url = site.absolute(graph.url("series", s.id))
        for point in s.points:
            sources = list(dict.fromkeys([*s.sources, *point.sources]))
            row = [s.id, point.date, point.value, s.unit, s.estimate, s.said_by, sources, point.note, url]
            writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


def series_data_files(graph: SiteGraph, site: SiteInfo) -> list[DataFile]:
    """The points of all series in one CSV, then each series' CSV and JSON."""
    all_series = graph.all(Series)
    files = [
        DataFile(
            POINTS_PATH,
            points_csv(graph, site, all_series),
            "text/csv",
            "Every value of every chart, one row per dated point, with its unit and sources.",
            "series",
            sum(len(s.points) for s in all_series),
        )
    ]
    for s in all_series:
        files += [
            DataFile(
                series_csv_path(s.id),
                points_csv(graph, site, [s]),
                "text/csv",
                f"The values of “{s.title}”.",
                "series",
                len(s.points),
            ),
            DataFile(
                series_json_path(s.id),
                _json_text(s.model_dump(mode="json")),
                "application/json",
                f"“{s.title}” with its description and sources.",
                "series",
                len(s.points),
            ),
        ]
    return files
