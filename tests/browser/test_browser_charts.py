"""Charts in a browser: each renders with its title, description and table, reads in light and
dark, needs no JavaScript, and axe finds nothing on the pages that show them.

The real content may hold no series yet, so these tests build the sample content (which
has two, tests/fixtures/sample/content/series.yml) with the real site's configuration,
theme overrides, hook and stylesheets.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from explainer.build.pipeline import build_site
from explainer.model.kinds import Series
from explainer.pages.charts import describe, format_number, series_decimals
from playwright.sync_api import expect

from .conftest import PROJECT, watched_pages
from .test_browser_a11y import describe as describe_violations
from .test_site_validity import VNU_JAR

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample" / "content"
REF_IN_DOCS_RE = re.compile(r"\[\[([^\[\]\n|]*)(?:\|([^\[\]\n]*))?\]\]")
CHART_PAGES = ["figures/", "topics/ascend-chips/", "actors/huawei/"]
AXE = Axe()


@pytest.fixture(scope="module")
def sample_series() -> list[Series]:
    return build_site(SAMPLE).graph.all(Series)


@pytest.fixture(scope="module")
def chart_site_dir(tmp_path_factory) -> Path:
    """The sample content built with the real configuration."""
    base = tmp_path_factory.mktemp("charts")
    project = base / "project"
    project.mkdir()
    shutil.copy2(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("hooks", "overrides", "docs"):
        shutil.copytree(PROJECT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for page in (project / "docs").rglob("*.md"):  # the hand-written pages name real content: keep their words
        text = page.read_text(encoding="utf-8")
        page.write_text(REF_IN_DOCS_RE.sub(lambda m: (m.group(2) or m.group(1)).split(":")[-1], text), "utf-8")
    shutil.copytree(SAMPLE, project / "content")
    site = base / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def chart_site(chart_site_dir: Path) -> str:
    """The chart site served on 127.0.0.1."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(chart_site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_page(browser, chart_site):
    """Watched pages on the chart site: no console error and no request off the local server."""
    yield from watched_pages(browser, chart_site)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_chart_renders_with_its_title_and_table(open_page, sample_series, scheme):
    page = open_page(color_scheme=scheme)
    page.goto("figures/")
    for series in sample_series:
        figure = page.locator(f"figure#{series.id}")
        expect(figure.locator("figcaption")).to_contain_text(series.title)
        if series.finding:
            expect(figure.locator("figcaption .chart-finding")).to_have_text(series.finding)
        chart = figure.get_by_role("img", name=f"{series.title} {describe(series)}")
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box and box["width"] > 250 and box["height"] > 100, box
        table = figure.locator("table")
        expect(table.locator("caption")).to_contain_text(series.title)
        expect(table.locator("tbody tr")).to_have_count(len(series.points))
        rows = table.locator("tbody tr").evaluate_all(
            "rows => rows.map(r => [r.querySelector('th').textContent, r.querySelector('td').textContent])"
        )
        decimals = series_decimals(series)
        assert rows == [[p.date.display(), format_number(p.value, decimals)] for p in series.points]
        expect(figure.get_by_role("link", name="data (CSV)")).to_have_attribute(
            "href", re.compile(rf"series-{series.id}\.csv$")
        )


PHONE = {"width": 390, "height": 844}
MIN_PHONE_LABEL_PX = 12

# Each axis label's height as drawn: its font size times the SVG's scale, and its box.
TICK_LABEL_SIZES = """svg => [...svg.querySelectorAll('.axis text')].filter(t => t.textContent.trim()).map(t => ({
  text: t.textContent,
  font: parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a,
  box: t.getBoundingClientRect().height,
}))"""


def test_tick_labels_are_at_least_12px_tall_on_a_phone(open_page, sample_series):
    page = open_page(viewport=PHONE)
    page.goto("figures/")
    for series in sample_series:
        labels = page.locator(f"figure#{series.id} svg.chart-svg").evaluate(TICK_LABEL_SIZES)
        assert labels, series.id
        small = [label for label in labels if min(label["font"], label["box"]) < MIN_PHONE_LABEL_PX]
        assert not small, f"{series.id}: labels under {MIN_PHONE_LABEL_PX} px on a 390 px phone: {small}"


# Everything the figure shows lies within the page's width and the figure's box: no text of the
# chart and no line of the caption is cut off.
CLIPPED = """figure => {
  const width = document.documentElement.clientWidth;
  const outer = figure.getBoundingClientRect();
  const out = [];
  for (const el of figure.querySelectorAll('svg text, figcaption, .chart-credit, summary')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    const svg = el.closest('svg');  // an SVG cuts off what it draws outside its own box
    if (svg) {
      const s = svg.getBoundingClientRect();
      if (r.left < s.left - 0.5 || r.right > s.right + 0.5 || r.top < s.top - 0.5 || r.bottom > s.bottom + 0.5) {
        out.push(`${el.tagName} "${el.textContent.slice(0, 40)}" outside the chart's box`);
      }
    }
    if (r.left < -0.5 || r.right > width + 0.5 || r.left < outer.left - 0.5 || r.right > outer.right + 0.5) {
      out.push(`${el.tagName} "${el.textContent.slice(0, 40)}" ${r.left.toFixed(1)}..${r.right.toFixed(1)}`);
    }
    if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'text') out.push(`${el.tagName} overflows`);
  }
  if (document.documentElement.scrollWidth > width) out.push('the page scrolls sideways');
  return out;
}"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_nothing_in_a_figure_is_clipped(open_page, sample_series, viewport):
    page = open_page(viewport=viewport)
    page.goto("figures/")
    for series in sample_series:
        assert page.locator(f"figure#{series.id}").evaluate(CLIPPED) == [], series.id


def test_the_table_is_folded_under_the_chart_until_asked_for(open_page, sample_series):
    page = open_page(viewport=PHONE)
    page.goto("figures/")
    for series in sample_series:
        figure = page.locator(f"figure#{series.id}")
        switch = figure.locator("details.chart-table")
        expect(switch).not_to_have_attribute("open", re.compile(".*"))
        expect(figure.locator("table")).to_be_hidden()
        expect(figure.locator("svg.chart-svg")).to_be_visible()
        switch.locator("summary").click()
        expect(figure.locator("table")).to_be_visible()
        # the source line sits straight under the chart, before the table's switch
        order = figure.evaluate(
            "f => [...f.children].map(c => c.classList.contains('chart-graphic') ? 'chart' : c.className)"
        )
        assert order.index("chart") + 1 == order.index("chart-credit"), order


def test_no_line_is_drawn_across_a_missing_year(open_page, sample_series):
    """The sample's chip output has no value for 2025: its line stops at 2024 and starts again at 2026."""
    page = open_page()
    page.goto("figures/")
    [gappy] = [s for s in sample_series if s.id == "sample-chip-output"]
    years = [p.date.year for p in gappy.points]
    assert any(b - a > 1 for a, b in itertools.pairwise(years)), "the sample lost its gap"
    svg = page.locator(f"figure#{gappy.id} svg")
    runs = svg.locator(".series path").evaluate_all("paths => paths.map(p => p.getAttribute('d'))")
    dots = sorted(svg.locator(".series circle").evaluate_all("cs => cs.map(c => +c.getAttribute('cx'))"))
    assert len(dots) == len(years)
    before, after = dots[years.index(2024)], dots[years.index(2024) + 1]  # 2024 and 2026
    segments = []
    for d in runs:
        assert d.count("M") == 1, d  # each run is one stroke
        xs = [float(n) for n in re.findall(r"-?[\d.]+", d)][::2]
        segments += list(itertools.pairwise(xs))
    assert segments, runs
    across = [(a, b) for a, b in segments if a <= before + 0.5 and b >= after - 0.5]
    assert not across, f"a line joins 2024 to 2026 across the missing 2025: {runs}"


def test_the_value_axis_runs_past_the_largest_value_to_a_round_tick(open_page, sample_series):
    page = open_page()
    page.goto("figures/")
    for series in sample_series:
        labels = page.locator(f"figure#{series.id} svg .axis.y text").all_text_contents()
        ticks = [float(t.replace(",", "")) for t in labels if t.strip()]
        assert ticks and max(ticks) >= max(p.value for p in series.points), (series.id, ticks)


def test_each_chart_downloads_as_png_and_svg(open_page, chart_site, sample_series):
    page = open_page()
    page.goto("figures/")
    for series in sample_series:
        figure = page.locator(f"figure#{series.id}")
        png = figure.get_by_role("link", name="image (PNG)")
        svg = figure.get_by_role("link", name="image (SVG)")
        expect(png).to_have_attribute("href", re.compile(rf"chart-{series.id}\.png$"))
        response = page.request.get(png.evaluate("a => a.href"))
        assert response.ok and response.body()[:8] == b"\x89PNG\r\n\x1a\n", series.id
        assert response.headers["content-type"] == "image/png"
        text = page.request.get(svg.evaluate("a => a.href")).text()
        assert text.lstrip().startswith("<?xml") and f'id="chart-{series.id}"' in text


# The colours a reader sees: text as the page's text, the line clearly apart from the page.
COLOURS = """svg => {
  const rgb = value => (value.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  let node = svg, background = 'rgba(0, 0, 0, 0)';
  while (node && /rgba\\(0, 0, 0, 0\\)|transparent/.test(background)) {
    background = getComputedStyle(node).backgroundColor; node = node.parentElement;
  }
  const text = getComputedStyle(svg.querySelector('text')).fill;
  const line = getComputedStyle(svg.querySelector('.series .line')).stroke;
  return {text: contrast(rgb(text), rgb(background)), line: contrast(rgb(line), rgb(background))};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_chart_reads_in_light_and_dark(open_page, scheme):
    page = open_page(color_scheme=scheme)
    page.goto("figures/")
    ratios = page.locator("svg.chart-svg").first.evaluate(COLOURS)
    assert ratios["text"] >= 4.5, ratios  # WCAG AA for text
    assert ratios["line"] >= 3, ratios  # WCAG 1.4.11 for the graphic


def test_a_chart_and_its_table_need_no_javascript(open_page, sample_series):
    page = open_page(java_script_enabled=False)
    page.goto("topics/ascend-chips/")
    figure = page.locator("figure.chart")
    expect(figure.locator("svg[role=img]")).to_be_visible()
    expect(figure.locator("table tbody tr")).to_have_count(len(sample_series[0].points))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", CHART_PAGES)
def test_axe_finds_no_violations_on_pages_with_charts(open_page, path, scheme):
    page = open_page(color_scheme=scheme)
    page.goto(path)
    expect(page.locator("figure.chart").first).to_be_visible()
    violations = AXE.run(page).response["violations"]
    assert not violations, f"/{path} ({scheme}):\n" + describe_violations(violations)


def test_pages_with_charts_pass_the_nu_html_checker(java: str, chart_site_dir: Path):
    pages = [str(chart_site_dir / path / "index.html") for path in CHART_PAGES]
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", *pages], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    problems = [
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error") or m.get("subType") == "warning"
    ]
    assert not problems, "\n".join(problems)
