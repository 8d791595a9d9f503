"""Charts in a browser: each renders with its title, description and table, reads in light and
dark, needs no JavaScript, and axe finds nothing on the pages that show them.

The real content may hold no series yet, so these tests build the sample content (which
has two, tests/fixtures/sample/content/series.yml) with the real site's configuration,
theme overrides, hook and stylesheets.
"""

from __future__ import annotations

import functools
import http.server
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
from explainer.pages.charts import describe, format_number
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
        assert rows == [[p.date.display(), format_number(p.value)] for p in series.points]
        expect(figure.get_by_role("link", name="CSV")).to_have_attribute(
            "href", re.compile(rf"series-{series.id}\.csv$")
        )


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
