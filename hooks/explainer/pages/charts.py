"""Charts: a series drawn at build time as static SVG (with pygal), and the words that go with it.

No MkDocs and no page markup here: `templates/_charts.md.j2` lays out the figure,
its table and its links. The SVG needs no JavaScript and no stylesheet to be read:
text and lines take the page's text colour (`currentColor`), so it reads in light
and dark; the site's stylesheet only refines colours. Every text from YAML that
reaches the SVG (the title) goes through ElementTree, which escapes it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from explainer.model.dates import PartialDate
from explainer.model.kinds import UNIT_AMOUNTS, UNIT_LABELS, Series
from explainer.publish.seriesdata import series_csv_path, series_json_path

# The viewBox: the SVG scales to the width it is given, at most 32rem (about 640 px), so
# text drawn at FONT_SIZE reads at about 17 px on a desktop and 10 px on a phone.
WIDTH, HEIGHT = 560, 280
FONT_SIZE = 15
MAX_X_LABELS = 10
_LONG_DECIMAL_RE = re.compile(r"(\d\.\d)\d+")  # coordinates to a tenth of a pixel
_ROUNDED_ATTRIBUTES = ("x", "y", "cx", "cy", "d", "transform", "width", "height")


@dataclass(frozen=True)
class Row:
    """One point as the table shows it."""

    date: PartialDate
    value: str  # formatted for reading, e.g. "1,234.5"
    sources: tuple[str, ...]  # the point's own sources (the series' are listed under the chart)
    note: str | None


@dataclass(frozen=True)
class Chart:
    """A series ready for its figure: the SVG, the sentence describing it, and the table's rows."""

    series: Series
    svg: Markup
    summary: str
    unit_label: str
    rows: tuple[Row, ...]
    has_point_sources: bool
    has_notes: bool
    csv_path: str  # site-root relative, e.g. "data/series-x.csv"
    json_path: str


def chart_id(series: Series) -> str:
    """The SVG's id; its title and description ids add '-title' and '-desc'. Unique on a page
    as long as a page shows each series once."""
    return f"chart-{series.id}"


def format_number(value: float) -> str:
    """A value as written, with thousands separators: 306.4 -> '306.4', 1200000 -> '1,200,000'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def amount(value: float, unit: str) -> str:
    """A value with its unit, for sentences: 'US$306.4 billion', '12.5%'."""
    return UNIT_AMOUNTS[unit].format(format_number(value))


def describe(series: Series) -> str:
    """One sentence on the trend, from the data: 'Rose from US$306.4 billion in 2019 to US$385.5
    billion in 2024, peaking at US$432.5 billion in 2021.'"""
    points = series.points
    first, last = points[0], points[-1]

    def at(value: float, date: PartialDate) -> str:
        return f"{amount(value, series.unit)} in {date.display()}"

    if last.value == first.value:
        sentence = f"Stood at {at(first.value, first.date)} and again in {last.date.display()}"
    else:
        verb = "Rose" if last.value > first.value else "Fell"
        sentence = f"{verb} from {at(first.value, first.date)} to {at(last.value, last.date)}"
    inner = points[1:-1]
    high = max(inner, key=lambda p: p.value, default=None)
    low = min(inner, key=lambda p: p.value, default=None)
    if high and high.value > max(first.value, last.value):
        sentence += f", peaking at {at(high.value, high.date)}"
    elif low and low.value < min(first.value, last.value):
        sentence += f", with a low of {at(low.value, low.date)}"
    return sentence + "."


def decimal_year(date: PartialDate) -> float:
    """Where a date sits on the time axis: 2019 -> 2019.0, 2019-07 -> 2019.5."""
    start = date.earliest()
    return date.year + (start.timetuple().tm_yday - 1) / 365.25


def _x_labels(series: Series) -> dict[float, str]:
    """Axis labels by position: each year (thinned to at most MAX_X_LABELS), or each point's
    date when the series spans less than two calendar years."""
    years = sorted({p.date.year for p in series.points})
    if len(years) < 2:
        return {decimal_year(p.date): p.date.display() for p in series.points}
    every = range(years[0], years[-1] + 1)
    step = -(-len(every) // MAX_X_LABELS)  # ceiling division
    return {float(year): str(year) for year in every[::step]}


def _svg_filter(series: Series, summary: str) -> Callable[[ET.Element], ET.Element]:
    """pygal's hook on the finished tree: our ids and accessible name, and nothing the page does not need."""
    base = chart_id(series)

    def finish(root: ET.Element) -> ET.Element:
        for parent in list(root.iter()):
            for child in list(parent):
                if _unwanted(child):
                    parent.remove(child)
        for axis in root.iterfind(".//g[@class='axis x']/g[@class='guides']"):
            for guide in axis.findall("path"):  # upright lines at each date: pygal's stylesheet hides them
                axis.remove(guide)
        for element in root.iter():
            for name in _ROUNDED_ATTRIBUTES:
                if name in element.attrib:
                    element.set(name, _LONG_DECIMAL_RE.sub(r"\1", element.attrib[name]))
        _fallback_presentation(root)
        title = ET.Element("title", id=f"{base}-title")
        title.text = series.title
        desc = ET.Element("desc", id=f"{base}-desc")
        desc.text = summary
        root.insert(0, title)
        root.insert(1, desc)
        root.attrib.clear()
        root.attrib.update(
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "id": base,
                "class": "chart-svg",
                "viewBox": f"0 0 {WIDTH} {HEIGHT}",
                "role": "img",
                "aria-labelledby": f"{base}-title {base}-desc",
                "fill": "currentColor",
                "font-size": str(FONT_SIZE),
            }
        )
        return root

    return finish


def _unwanted(element: ET.Element) -> bool:
    """What pygal draws for its JavaScript tooltips or its own stylesheet, and its comments (which carry
    the day it ran): none of it shows without JavaScript, and the dates would change every build."""
    if not isinstance(element.tag, str):  # a comment
        return True
    classes = set(element.get("class", "").split())
    return element.tag in ("defs", "title", "desc") or bool(classes & {"tooltip-overlay", "text-overlay"})


def _fallback_presentation(root: ET.Element) -> None:
    """Attributes that make the drawing readable without pygal's stylesheet or ours (CSS overrides them)."""
    for element in root.iter():
        classes = element.get("class", "").split()
        if element.tag == "rect" and "background" in classes:
            element.set("fill", "none")
        elif element.tag == "path":
            element.set("fill", "none")
            element.set("stroke", "currentColor")
            if "guide" in classes:
                element.set("stroke-opacity", "0.25")
        elif element.tag == "g" and "axis" in classes:
            for text in element.iter("text"):  # value labels end at the axis; dates centre on their tick
                text.set("text-anchor", "end" if "y" in classes else "middle")
        elif element.tag == "g" and "titles" in classes:
            for text in element.iter("text"):
                text.set("text-anchor", "middle")


def draw_svg(series: Series, summary: str) -> str:
    """The series as an SVG line chart, values from zero, dated positions on a time axis."""
    import pygal  # here, not at the top: a build from the cache draws no chart and skips its import
    from pygal.style import Style

    labels = _x_labels(series)
    sizes = {f"{name}_font_size": FONT_SIZE for name in ("label", "major_label", "title")}  # pygal lays out by these
    chart = pygal.XY(
        style=Style(**sizes),
        width=WIDTH,
        height=HEIGHT,
        explicit_size=False,
        disable_xml_declaration=True,
        js=[],
        css=[],
        show_legend=False,
        include_x_axis=True,  # the value axis starts at zero: no exaggerated slopes
        show_x_guides=False,
        x_labels=list(labels),
        x_value_formatter=lambda x: labels.get(x, ""),
        value_formatter=format_number,
        y_title=UNIT_LABELS[series.unit],
        dots_size=4,
        max_scale=8,  # at most about eight value lines: a chart, not a grid
        margin=12,
    )
    chart.uuid = series.id  # pygal's default is random; ours keeps the output stable
    chart.add("", [(decimal_year(p.date), p.value) for p in series.points])
    chart.add_xml_filter(_svg_filter(series, summary))
    return str(chart.render(is_unicode=True))


def build_chart(series: Series) -> Chart:
    summary = describe(series)
    rows = tuple(Row(p.date, format_number(p.value), tuple(p.sources), p.note) for p in series.points)
    return Chart(
        series=series,
        svg=Markup(draw_svg(series, summary)),
        summary=summary,
        unit_label=UNIT_LABELS[series.unit],
        rows=rows,
        has_point_sources=any(r.sources for r in rows),
        has_notes=any(r.note for r in rows),
        csv_path=series_csv_path(series.id),
        json_path=series_json_path(series.id),
    )


class ChartCache:
    """Each series is drawn once per build, however many pages show it."""

    def __init__(self) -> None:
        self._charts: dict[str, Chart] = {}

    def __call__(self, series: Series) -> Chart:
        if series.id not in self._charts:
            self._charts[series.id] = build_chart(series)
        return self._charts[series.id]
