"""Charts: the SVG says what the data says (title, description, points), escapes what it is given,
and the page around it shows the same values in its table."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from explainer.build.pipeline import build_site
from explainer.model.kinds import UNIT_AMOUNTS, UNIT_LABELS, Series
from explainer.pages.charts import (
    build_chart,
    chart_id,
    describe,
    draw_svg,
    drawn_points,
    format_number,
    series_decimals,
    value_ticks,
)
from unit_support import SAMPLE, TODAY

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE_TITLE = "</title><script>alert('pwn')</script><!-- & \"quotes\" ]]> <b>bold</b>"


def series(points: list[tuple[str, float]], **fields: object) -> Series:
    data = {
        "id": "ic-imports",
        "title": "Imports of chips",
        "unit": "usd-billion",
        "description": "What it counts.",
        "sources": ["src"],
        "points": [{"date": d, "value": v} for d, v in points],
        **fields,
    }
    return Series.model_validate(data)


IMPORTS = series([("2019", 306.4), ("2020", 350.3), ("2021", 432.5), ("2022", 415.6), ("2024", 385.5)])


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this raises


def test_the_svg_is_named_by_its_title_and_description():
    root = parse(build_chart(IMPORTS).svg)
    base = chart_id(IMPORTS)
    assert root.get("role") == "img"
    assert root.get("id") == base
    assert root.get("aria-labelledby") == f"{base}-title {base}-desc"
    title, desc = list(root)[:2]  # first, where assistive technology looks for them
    assert (title.tag, title.get("id"), title.text) == (f"{SVG}title", f"{base}-title", "Imports of chips")
    assert (desc.tag, desc.get("id"), desc.text) == (f"{SVG}desc", f"{base}-desc", describe(IMPORTS))
    assert [e.tag for e in root.iter()].count(f"{SVG}title") == 1  # pygal's tooltip titles are gone


def test_the_description_follows_the_data():
    assert describe(IMPORTS) == (
        "Rose from US$306.4 billion in 2019 to US$385.5 billion in 2024, peaking at US$432.5 billion in 2021."
    )
    falling = series([("2019-03", 30), ("2020-03", 12.5), ("2021-03", 20)], unit="percent")
    assert describe(falling) == (
        "Fell from 30.0% in March 2019 to 20.0% in March 2021, with a low of 12.5% in March 2020."
    )  # one precision for the whole series
    flat = series([("2019", 5), ("2020", 5)], unit="count")
    assert describe(flat) == "Stood at 5 in 2019 and again in 2020."


@pytest.mark.parametrize("unit", list(UNIT_LABELS))
def test_every_unit_reads_in_sentences_and_on_the_axis(unit):
    chart = build_chart(series([("2019", 1200), ("2020", 1500.5)], unit=unit))
    assert UNIT_AMOUNTS[unit].format("1,200.0") in chart.summary  # one precision: 1,200.0 beside 1,500.5
    assert chart.unit_label == UNIT_LABELS[unit]
    lines = [t.text for t in parse(chart.svg).iter(f"{SVG}text") if t.get("class") == "title"]
    assert " ".join(lines) == UNIT_LABELS[unit]  # a long title wraps over two lines


def test_the_points_are_drawn_where_the_values_put_them():
    """Left to right in date order, higher values higher up (smaller y), spaced by time."""
    root = parse(draw_svg(IMPORTS, "d"))
    dots = [(float(c.get("cx", "")), float(c.get("cy", ""))) for c in root.iter(f"{SVG}circle")]
    assert len(dots) == len(IMPORTS.points)
    xs = [x for x, _ in dots]
    assert xs == sorted(xs)
    by_value = sorted(range(len(dots)), key=lambda i: IMPORTS.points[i].value)
    assert sorted(range(len(dots)), key=lambda i: -dots[i][1]) == by_value
    assert xs[4] - xs[3] == pytest.approx(2 * (xs[3] - xs[2]), rel=0.02)  # 2022 -> 2024 is two years


def test_the_value_axis_starts_at_zero():
    root = parse(draw_svg(series([("2019", 300), ("2020", 310)]), "d"))
    axis = next(g for g in root.iter(f"{SVG}g") if "y" in g.get("class", "").split())
    assert "0" in [t.text for t in axis.iter(f"{SVG}text")]


def test_the_svg_needs_no_script_or_stylesheet_and_is_the_same_every_build():
    svg = build_chart(IMPORTS).svg
    assert "<script" not in svg and "<style" not in svg and "<!--" not in svg and "<defs" not in svg
    assert 'fill="currentColor"' in svg  # text reads in light and dark without any CSS
    assert "#000" not in svg and "black" not in svg and "white" not in svg
    assert draw_svg(IMPORTS, "d") == draw_svg(IMPORTS, "d")


def test_a_hostile_title_stays_text():
    chart = build_chart(series([("2019", 1), ("2020", 2)], title=HOSTILE_TITLE))
    root = parse(chart.svg)
    assert root.find(f"{SVG}title").text == HOSTILE_TITLE  # exactly what was typed, as text
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}b", "script", "b")]
    assert "<script" not in chart.svg and "<b>" not in chart.svg and "<!--" not in chart.svg


@pytest.mark.parametrize(("value", "shown"), [(306.4, "306.4"), (1200000, "1,200,000"), (2.0, "2"), (-3.25, "-3.25")])
def test_numbers_read_as_written(value, shown):
    assert format_number(value) == shown


@pytest.mark.parametrize(
    ("largest", "top"), [(432, 500), (891.4, 1000), (300, 300), (8.1, 10), (49.6, 50), (359400, 400000), (2.45, 2.5)]
)
def test_the_value_axis_runs_to_a_round_tick_at_or_past_the_largest_value(largest, top):
    ticks = value_ticks(largest)
    assert ticks[0] == 0 and ticks[-1] == top
    assert ticks[-2] < largest <= ticks[-1]
    assert 3 <= len(ticks) - 1 <= 8


def test_a_chart_draws_its_top_tick_past_the_largest_value():
    root = parse(draw_svg(IMPORTS, "d"))
    axis = next(g for g in root.iter(f"{SVG}g") if "y" in g.get("class", "").split())
    labels = [float(t.text.replace(",", "")) for t in axis.iter(f"{SVG}text") if t.text]
    assert max(labels) == 500


def test_one_precision_per_series():
    mixed = series([("2021", 432), ("2022", 415.579), ("2023", 349.4)])
    assert series_decimals(mixed) == 1
    assert [r.value for r in build_chart(mixed).rows] == ["432.0", "415.6", "349.4"]
    assert series_decimals(series([("2021", 4.5), ("2022", 6.35)])) == 2
    assert series_decimals(series([("2021", 261300), ("2022", 324190.5)])) == 0


def test_a_yearly_series_breaks_its_line_at_a_missing_year():
    gappy = series([("2021", 4.5), ("2022", 6.35), ("2024", 7.33), ("2025", 8.1)])
    assert [v for _, v in drawn_points(gappy)] == [4.5, 6.35, None, 7.33, 8.1]
    root = parse(draw_svg(gappy, "d"))
    series_group = next(g for g in root.iter(f"{SVG}g") if "series" in g.get("class", "").split())
    lines = [p.get("d", "") for p in series_group.iter(f"{SVG}path")]
    assert len(lines) == 2, lines  # two runs of line, none across 2023
    assert all(d.count("M") == 1 for d in lines)
    monthly = series([("2019-10", 1), ("2021-12", 2)], unit="percent")  # irregular dates: joined
    assert None not in [v for _, v in drawn_points(monthly)]


# --- the figure on the pages ------------------------------------------------------------------
class _Figures(HTMLParser):
    """Each <figure class="chart">: its table's cells row by row, its caption, and every id on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.figures: list[dict[str, list]] = []
        self.ids: list[str] = []
        self._cell: list[str] | None = None
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if tag == "figure" and "chart" in (attributes.get("class") or "").split():
            self.figures.append({"rows": [], "caption": [], "figcaption": [], "headers": []})
        elif self.figures and tag == "tr":
            self.figures[-1]["rows"].append([])
        elif self.figures and tag in ("td", "th"):
            self._cell = []
            if attributes.get("scope"):
                self.figures[-1]["headers"].append(attributes["scope"])
        elif self.figures and tag in ("caption", "figcaption"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.figures[-1]["rows"][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag in ("caption", "figcaption"):
            self._in = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._in and self.figures:
            self.figures[-1][self._in].append(data)


def figures_of(markdown: str) -> _Figures:
    parser = _Figures()
    parser.feed(markdown)
    return parser


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {p.path: p.markdown for p in build_site(SAMPLE, TODAY).pages}


@pytest.fixture(scope="module")
def sample_series() -> dict[str, Series]:
    output = build_site(SAMPLE, TODAY)
    return {s.id: s for s in output.graph.all(Series)}


def test_the_table_holds_the_values_of_the_chart(pages, sample_series):
    chip = sample_series["sample-chip-output"]
    [figure] = figures_of(pages["topics/ascend-chips.md"]).figures
    header, *rows = figure["rows"]
    assert header == ["Date", f"Value ({UNIT_LABELS[chip.unit]})", "Note"]
    decimals = series_decimals(chip)
    assert [row[:2] for row in rows] == [[p.date.display(), format_number(p.value, decimals)] for p in chip.points]
    assert [row[2] for row in rows] == [p.note or "" for p in chip.points]
    assert figure["headers"] == ["col"] * 3 + ["row"] * len(chip.points)
    assert "".join(figure["figcaption"]).startswith(f"{chip.finding} {chip.title}")
    assert chip.title in "".join(figure["caption"])


def test_the_figures_page_shows_every_series_at_its_anchor(pages, sample_series):
    parsed = figures_of(pages["figures.md"])
    assert len(parsed.figures) == len(sample_series)
    assert set(sample_series) <= set(parsed.ids)
    for page in ("figures.md", "topics/ascend-chips.md", "actors/smic.md", "actors/huawei.md"):
        ids = figures_of(pages[page]).ids
        assert len(ids) == len(set(ids)), f"{page} repeats an id"


def test_charts_go_on_the_topics_and_actors_they_name(pages):
    assert 'id="chart-sample-chip-output"' in pages["topics/ascend-chips.md"]
    assert 'id="chart-sample-listed-share"' in pages["topics/iflytek-blacklist.md"]
    assert 'id="chart-sample-chip-output"' in pages["actors/smic.md"]  # in its `actors`
    assert 'id="chart-sample-chip-output"' in pages["actors/huawei.md"]  # its estimate (`said_by`)
    assert "<figure" not in pages["actors/bis.md"]


def test_each_figure_links_its_data(pages):
    markdown = pages["topics/ascend-chips.md"]
    assert '<a href="../../data/series-sample-chip-output.csv">data (CSV)</a>' in markdown
    assert '<a href="../../data/series-sample-chip-output.json">data (JSON)</a>' in markdown
    assert '<a href="../../data/chart-sample-chip-output.png" download>image (PNG)</a>' in markdown
    assert '<a href="../../data/chart-sample-chip-output.svg" download>image (SVG)</a>' in markdown


def test_a_figure_is_one_html_block(pages):
    """Python-Markdown ends a raw HTML block at a blank line: a figure holds none."""
    for page in ("figures.md", "topics/ascend-chips.md", "actors/huawei.md"):
        for block in re.findall(r"<figure.*?</figure>", pages[page], re.S):
            assert "\n\n" not in block, f"{page}: a blank line inside a figure"


def test_without_series_the_figures_page_says_so(sample_copy):
    (sample_copy / "series.yml").unlink()
    pages = {p.path: p.markdown for p in build_site(sample_copy, TODAY).pages}
    assert "No figures yet." in pages["figures.md"]
    assert not [path for path, markdown in pages.items() if "<figure" in markdown]
