"""Open data for the charts: every point of every series as CSV, and each series on its own
(CSV and JSON) for the download links under its chart. `series.json` itself comes with the
other kinds from `opendata.py`."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable

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


def chart_svg_path(series_id: str) -> str:
    return f"{DATA_DIR}/chart-{series_id}.svg"


def chart_png_path(series_id: str) -> str:
    return f"{DATA_DIR}/chart-{series_id}.png"


# The picture files are drawn for a white page, in the site's text colour; PNG at twice the
# SVG's size, sharp on high-density screens and in slides.
DOWNLOAD_BACKGROUND = "#ffffff"
DOWNLOAD_TEXT = "#1f1f1f"
PNG_ZOOM = 2
DOWNLOAD_FONTS = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
_SVG_NS = "http://www.w3.org/2000/svg"


def download_svg(svg: str) -> str:
    """The chart's SVG as a file of its own: on a white ground, text and lines in the site's text
    colour (on the page they follow the scheme through currentColor)."""
    ET.register_namespace("", _SVG_NS)
    root = ET.fromstring(svg)
    root.set("color", DOWNLOAD_TEXT)
    root.set("font-family", DOWNLOAD_FONTS)  # on the page the text takes the page's font
    background = ET.Element(f"{{{_SVG_NS}}}rect", width="100%", height="100%", fill=DOWNLOAD_BACKGROUND)
    root.insert(0, background)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def png_of(svg: str) -> bytes:
    """The SVG rendered to PNG by resvg, offline, with the machine's fonts."""
    import resvg_py  # here: only a build that draws charts needs it

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=PNG_ZOOM, background=DOWNLOAD_BACKGROUND))


def chart_image_files(series: list[Series], draw: Callable[[Series], str]) -> list[DataFile]:
    """Each chart as an SVG and a PNG file beside its data, for the downloads under the chart."""
    files = []
    for s in series:
        svg = download_svg(draw(s))
        files += [
            DataFile(chart_svg_path(s.id), svg, "image/svg+xml", f"The chart of “{s.title}” as an SVG image."),
            DataFile(chart_png_path(s.id), png_of(svg), "image/png", f"The chart of “{s.title}” as a PNG image."),
        ]
    return files


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
