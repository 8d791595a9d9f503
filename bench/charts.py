"""How much charts cost: `python bench/charts.py [--compare] [--content DIR ...]`.

Without --compare: every series in the given content folders (default: the sample
fixture and the real content) is drawn by the project's chart module, and the table
gives per chart the render time (median of several runs, after a first warm-up run)
and the SVG's size, raw and gzipped; plus the cold import time of the chart module.

With --compare: the same series drawn by each candidate library that is installed
(pygal, through the project's module; matplotlib; Vega-Lite through vl-convert-python),
with what decided the choice: cold import time, first and later render times, SVG
size, installed size (the library and everything it pulls in), and what the output
gives for accessibility and for pages (a title, stable and unique ids, no script).
The candidates are not project dependencies: install them beside it to compare, e.g.
`pip install matplotlib vl-convert-python` in a scratch environment.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import io
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))  # the generator, installed or not

from explainer.load.loader import load_content  # noqa: E402
from explainer.model.kinds import UNIT_LABELS, Series  # noqa: E402
from explainer.pages.charts import build_chart, describe, draw_svg  # noqa: E402

DEFAULT_CONTENT = [ROOT / "tests" / "fixtures" / "sample" / "content", ROOT / "content"]
RUNS = 15
Renderer = Callable[[Series], str]


def series_in(folders: list[Path]) -> list[Series]:
    found: list[Series] = []
    for folder in folders:
        content, _problems = load_content(folder)
        found += [r.item for r in content.of("series") if isinstance(r.item, Series)]
    return found


def synthetic(count: int = 6) -> list[Series]:
    """Series shaped like the real ones (yearly, 6 to 16 points), for when content has few."""
    made = []
    for i in range(count):
        years = range(2010 + i, 2016 + i + 2 * i)
        made.append(
            Series.model_validate(
                {
                    "id": f"synthetic-{i}",
                    "title": f"Synthetic series {i}",
                    "unit": list(UNIT_LABELS)[i % len(UNIT_LABELS)],
                    "description": "Made up for the benchmark.",
                    "sources": ["none"],
                    "points": [{"date": y, "value": round(100 + 37.5 * ((y * 7) % 11), 1)} for y in years],
                }
            )
        )
    return made


def timed(render: Renderer, series: Series, runs: int = RUNS) -> tuple[float, float, str]:
    """(first render s, median of later renders s, svg), in CPU time: what the work costs,
    whatever else a shared machine runs (all threads of the process count)."""
    start = time.process_time()
    svg = render(series)
    first = time.process_time() - start
    later = []
    for _ in range(runs):
        start = time.process_time()
        render(series)
        later.append(time.process_time() - start)
    return first, statistics.median(later), svg


def cold_import(module: str) -> float:
    """CPU seconds to import `module` in a fresh interpreter (median of three)."""
    code = f"import time; t = time.process_time(); import {module}; print(time.process_time() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    ]
    return statistics.median(runs)


def installed_bytes(distribution: str, seen: set[str] | None = None) -> int:
    """Bytes on disk of a distribution and, recursively, everything it requires."""
    seen = set() if seen is None else seen
    key = re.sub(r"[-_.]+", "-", distribution).lower()
    if key in seen:
        return 0
    seen.add(key)
    try:
        dist = importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        return 0
    total = sum(f.size or 0 for f in dist.files or [])
    for requirement in dist.requires or []:
        if "extra ==" in requirement:
            continue
        name = re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0]
        total += installed_bytes(name, seen)
    return total


def gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), mtime=0))


# --- the candidates ------------------------------------------------------------------------------
def render_pygal(series: Series) -> str:
    return draw_svg(series, describe(series))


def render_matplotlib(series: Series) -> str:
    import matplotlib

    matplotlib.use("svg")
    from matplotlib.figure import Figure

    matplotlib.rcParams["svg.fonttype"] = "none"  # text as text, not outlines
    matplotlib.rcParams["svg.hashsalt"] = series.id  # stable ids between builds
    figure = Figure(figsize=(5.6, 2.8))
    axes = figure.subplots()
    years = [p.date.earliest().year + (p.date.earliest().timetuple().tm_yday - 1) / 365.25 for p in series.points]
    axes.plot(years, [p.value for p in series.points], marker="o")
    axes.set_ylim(bottom=0)
    axes.set_ylabel(UNIT_LABELS[series.unit])
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    return buffer.getvalue()


def render_vega_lite(series: Series) -> str:
    import vl_convert

    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 480,
        "height": 240,
        "description": describe(series),
        "data": {"values": [{"date": p.date.iso(), "value": p.value} for p in series.points]},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": None},
            "y": {"field": "value", "type": "quantitative", "title": UNIT_LABELS[series.unit]},
        },
        "config": {"background": None},
    }
    return str(vl_convert.vegalite_to_svg(spec))


CANDIDATES: dict[str, tuple[str, str, Renderer]] = {
    # name: (module to import, distribution, renderer)
    "pygal": ("pygal", "pygal", render_pygal),
    "matplotlib": ("matplotlib.pyplot", "matplotlib", render_matplotlib),
    "vega-lite (vl-convert)": ("vl_convert", "vl-convert-python", render_vega_lite),
}


def output_traits(render: Renderer, sample: list[Series]) -> str:
    """What the output gives a page: a title element, an ARIA role, script, stable and unique ids."""
    first, second = render(sample[0]), render(sample[0])
    ids = [set(re.findall(r'\sid="([^"]+)"', render(s))) for s in sample[:2]]
    traits = [
        "title" if "<title" in first else "no title",
        "role" if re.search(r'\srole="', first) else "no role",
        "script" if "<script" in first else "no script",
        "stable" if first == second else "changes every run",
        "ids clash across charts" if ids[0] & ids[1] else "ids unique",
    ]
    return ", ".join(traits)


def compare(sample: list[Series]) -> None:
    print(f"{len(sample)} series, {sum(len(s.points) for s in sample)} points; CPU times in ms, sizes in bytes")
    header = f"{'library':24} {'import':>7} {'first':>7} {'median':>7} {'svg':>7} {'gzip':>6} {'installed':>12}  output"
    print(header)
    print("-" * len(header))
    for name, (module, distribution, render) in CANDIDATES.items():
        try:
            __import__(module)
        except ImportError:
            print(f"{name:24} not installed")
            continue
        results = [timed(render, s) for s in sample]
        first = results[0][0] * 1000
        median = statistics.median(r[1] for r in results) * 1000
        svg = statistics.median(len(r[2]) for r in results)
        zipped = statistics.median(gz(r[2]) for r in results)
        print(
            f"{name:24} {cold_import(module) * 1000:7.0f} {first:7.1f} {median:7.2f} {svg:7.0f} {zipped:6.0f} "
            f"{installed_bytes(distribution) / 1e6:10.1f}MB  {output_traits(render, sample)}"
        )


def measure(sample: list[Series]) -> None:
    """The project's own charts, one line each: what a build pays per chart."""
    print(
        f"cold import: pygal {cold_import('pygal') * 1000:.0f} ms, the chart module with the model and pygal "
        f"{cold_import('explainer.pages.charts') * 1000:.0f} ms"
    )
    print("CPU times in ms; sizes in bytes")
    header = f"{'series':36} {'points':>6} {'first':>9} {'median':>10} {'svg':>10} {'gzip':>6}"
    print(header)
    print("-" * len(header))
    times = []
    for series in sample:
        first, median, _ = timed(lambda s: str(build_chart(s).svg), series)
        svg = str(build_chart(series).svg)
        times.append(median)
        ms = f"{first * 1000:9.2f} {median * 1000:10.2f}"
        print(f"{series.id[:36]:36} {len(series.points):6} {ms} {len(svg):10} {gz(svg):6}")
    per_chart = statistics.median(times) * 1000
    print(f"total for {len(sample)} charts: {sum(times) * 1000:.1f} ms (median per chart {per_chart:.2f} ms)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", action="store_true", help="compare the candidate charting libraries")
    parser.add_argument("--content", type=Path, action="append", help="content folder (repeatable)")
    args = parser.parse_args(argv)
    sample = series_in(args.content or DEFAULT_CONTENT)
    if args.compare:
        compare(sample + synthetic(max(0, 6 - len(sample))))  # enough charts for a median
    else:
        measure(sample or synthetic())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
