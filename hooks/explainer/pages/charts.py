"""Charts: a series drawn at build time as static SVG (with pygal), and the words that go with it.

No MkDocs and no page markup here: `templates/_charts.md.j2` lays out the figure,
its table and its links. The SVG needs no JavaScript and no stylesheet to be read:
text and lines take the page's text colour (`currentColor`), so it reads in light
and dark; the site's stylesheet only refines colours. Every text from YAML that
reaches the SVG (the title) goes through ElementTree, which escapes it.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from explainer.model.dates import PartialDate
from explainer.model.kinds import UNIT_AMOUNTS, UNIT_LABELS, Series, Source
from explainer.publish.seriesdata import chart_png_path, chart_svg_path, series_csv_path, series_json_path
from explainer.resolve.graph import SiteGraph

# The viewBox: the SVG scales to the width it is given, at most 30rem (600 px with Material's
# 20 px root), so text drawn at FONT_SIZE reads at about 19 px on a desktop and, in the 358 px
# a 390 px phone leaves, at about 12.7 px: tick labels stay at least 12 px tall on a phone.
WIDTH, HEIGHT = 440, 270
FONT_SIZE = 15.5
# Values are shown to one precision per series, at most this many decimals for small values,
# fewer for larger ones (see `series_decimals`).
MAX_DECIMALS = 2
# Round steps for the value axis, per power of ten: the top tick is the first multiple of the
# step at or above the largest value, so the axis runs past the data (432 -> 450).
NICE_STEPS = (1, 2, 2.5, 5, 10)
TARGET_TICKS = 5
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
    svg_path: str  # the chart as an image file: "data/chart-x.svg" and "data/chart-x.png"
    png_path: str


def chart_id(series: Series) -> str:
    """The SVG's id; its title and description ids add '-title' and '-desc'. Unique on a page
    as long as a page shows each series once."""
    return f"chart-{series.id}"


def format_number(value: float, decimals: int | None = None) -> str:
    """A value with thousands separators: as written (306.4 -> '306.4', 1200000 -> '1,200,000'),
    or to a fixed number of decimals (415.579, 1 -> '415.6'; 432, 1 -> '432.0')."""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def _decimals_written(value: float) -> int:
    if isinstance(value, int) or float(value).is_integer():
        return 0
    # as written, without an exponent: 1e-05 has five decimals, 1.5e+16 none
    exponent = Decimal(repr(float(value))).as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def series_decimals(series: Series) -> int:
    """One precision for every value of a series: as many decimals as its most precise value,
    but no more than its size needs (2 below 10, 1 below 10,000, none from there)."""
    largest = max(abs(p.value) for p in series.points)
    cap = MAX_DECIMALS if largest < 10 else 1 if largest < 10_000 else 0
    return min(cap, max(_decimals_written(p.value) for p in series.points))


def amount(value: float, unit: str, decimals: int | None = None) -> str:
    """A value with its unit, for sentences: 'US$306.4 billion', '12.5%'."""
    return UNIT_AMOUNTS[unit].format(format_number(value, decimals))


def value_ticks(largest: float) -> list[float]:
    """The value axis' ticks from zero: a round step (1, 2, 2.5 or 5 times a power of ten) giving
    about TARGET_TICKS intervals, up to the first tick at or above `largest` (432 -> 0 … 450)."""
    if largest <= 0:
        return [0, 1]
    raw = largest / TARGET_TICKS
    power = 10 ** math.floor(math.log10(raw))
    step = next(n * power for n in NICE_STEPS if n * power >= raw)
    count = math.ceil(largest / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def drawn_points(series: Series) -> list[tuple[float, float | None]]:
    """The points as the line joins them: where a yearly series skips a year, a gap (None), so no
    line is drawn through the years without a value."""
    yearly = all(p.date.precision == "year" for p in series.points)
    out: list[tuple[float, float | None]] = []
    for before, point in zip([None, *series.points], series.points, strict=False):
        if yearly and before is not None and point.date.year - before.date.year > 1:
            out.append((before.date.year + 1.0, None))
        out.append((decimal_year(point.date), point.value))
    return out


def describe(series: Series) -> str:
    """One sentence on the trend, from the data: 'Rose from US$306.4 billion in 2019 to US$385.5
    billion in 2024, peaking at US$432.5 billion in 2021.'"""
    points = series.points
    first, last = points[0], points[-1]
    decimals = series_decimals(series)

    def at(value: float, date: PartialDate) -> str:
        return f"{amount(value, series.unit, decimals)} in {date.display()}"

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
    """The series as an SVG line chart: values from zero up to a round tick past the largest,
    dated positions on a time axis, the line broken where a yearly series skips a year."""
    import pygal  # here, not at the top: a build from the cache draws no chart and skips its import
    from pygal.style import Style

    labels = _x_labels(series)
    ticks = value_ticks(max(p.value for p in series.points))
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
        range=(ticks[0], ticks[-1]),
        y_labels=ticks,
        allow_interruptions=True,  # a None point ends the line; the next value starts a new one
        show_x_guides=False,
        x_labels=list(labels),
        x_value_formatter=lambda x: labels.get(x, ""),
        value_formatter=_tick_formatter(ticks),
        y_title=UNIT_LABELS[series.unit],
        dots_size=4,
        margin=12,
        margin_right=12 + FONT_SIZE * 1.5,  # room for half the last date, centred on the right edge
    )
    chart.uuid = series.id  # pygal's default is random; ours keeps the output stable
    chart.add("", drawn_points(series))
    chart.add_xml_filter(_svg_filter(series, summary))
    return str(chart.render(is_unicode=True))


def _tick_formatter(ticks: list[float]) -> Callable[[float], str]:
    decimals = max(_decimals_written(t) for t in ticks)
    return lambda v: format_number(v, decimals)


def build_chart(series: Series) -> Chart:
    summary = describe(series)
    decimals = series_decimals(series)
    rows = tuple(Row(p.date, format_number(p.value, decimals), tuple(p.sources), p.note) for p in series.points)
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
        svg_path=chart_svg_path(series.id),
        png_path=chart_png_path(series.id),
    )


@dataclass(frozen=True)
class Credit:
    """A publisher in a chart's source line, with the sources of it the chart uses (id, year)."""

    publisher: str
    sources: tuple[tuple[str, str], ...]


def source_credits(series: Series, graph: SiteGraph) -> list[Credit]:
    """The series' sources and its points' own, grouped by publisher in the order first cited:
    the source line names publishers ("South China Morning Post"), not headlines."""
    ids = list(dict.fromkeys([*series.sources, *(sid for p in series.points for sid in p.sources)]))
    by_publisher: dict[str, list[tuple[str, str]]] = {}
    for sid in ids:
        source = graph.get(Source, sid)
        by_publisher.setdefault(source.publisher, []).append((sid, str(source.date.year)))
    return [Credit(name, tuple(sources)) for name, sources in by_publisher.items()]


class ChartCache:
    """Each series is drawn once per build, however many pages show it."""

    def __init__(self) -> None:
        self._charts: dict[str, Chart] = {}

    def __call__(self, series: Series) -> Chart:
        if series.id not in self._charts:
            self._charts[series.id] = build_chart(series)
        return self._charts[series.id]
