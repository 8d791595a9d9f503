"""The speed benchmark: `make bench` (or `python bench/run.py [--quick]`).

For each size of synthetic content (and for the real content) it times, with
the median of several runs: the full `mkdocs build` with the explainer plugin,
cold (the first build), warm (again, unchanged) and edited (again after a change
to one content file). No cache is kept on disk, so the three differ only by the
machine's own state; they stay apart so a cache that ever came back would show;
the pipeline alone (load, validate, resolve, render, publish; no MkDocs); and a
plain MkDocs build of the same pages exported as Markdown (same theme, overrides
and extensions, no plugin). full/plain is the generator's overhead. It also records
peak memory, page count and the largest page, a glossary-cost check (many vs
few terms over the same text) and, under `mkdocs serve` as `make serve` runs it,
how long a YAML edit on the real content takes to reach the browser's reload
signal. It prints one table and writes JSON (bench/reference.json
is a run kept in the repository, to compare a new run with).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the bench package, when run as a script

from bench.project import ids_in_docs, load_config, make_plain_project, make_project  # noqa: E402
from bench.synth import write_content  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "latest.json"
MKDOCS = [sys.executable, "-m", "mkdocs"]

# The targets, as numbers the run is checked against.
TARGETS = {
    "linear": 12.0,  # full build time(10k) / time(1k)
    "overhead": 1.15,  # full build / plain MkDocs build of the exported pages, at every size (cold)
    "overhead_edited": 1.15,  # the same after an edit to one content file
    "overhead_warm": 1.15,  # the same after an unchanged previous build
    "glossary": 1.3,  # full build with many terms / with few terms, same text (cold)
    "glossary_warm": 1.3,  # the same, each built a second time
    "page_bytes": 1_000_000,  # largest page's HTML at the largest size
    "memory_bytes": 1_500_000_000,  # peak memory of a build
    "real_build_s": 3.0,
    "serve_rebuild_s": 1.0,  # `make serve`: saving a YAML edit until the browser's reload signal
}
SERVE = ["serve", "--dirty", "--livereload", "--strict"]  # as `make serve` runs it
CACHE = Path(".cache") / "explainer"  # the build's cache in a project (explainer.cache)


@dataclass
class Settings:
    sizes: list[int]
    runs: int
    glossary_base: int  # items (besides terms) in the glossary-cost check
    glossary_terms: tuple[int, int]  # few, many
    serve_edits: int
    # The glossary check divides two builds of about 3 s each: more runs, so one slow run on the
    # shared machine moves its median less (it costs about 12 s a run).
    glossary_runs: int = 5


FULL = Settings(sizes=[100, 1000, 10000], runs=3, glossary_base=1000, glossary_terms=(20, 2000), serve_edits=5)
QUICK = Settings(sizes=[60, 120], runs=1, glossary_base=60, glossary_terms=(5, 50), serve_edits=1, glossary_runs=1)


@dataclass
class Timed:
    seconds: float  # wall time
    cpu_seconds: float  # user + system CPU time: what the work costs, whatever else the machine runs
    peak_rss_bytes: int  # the process's peak resident memory


@dataclass
class SizeResult:
    name: str
    items: int
    counts: dict
    pages: int = 0  # HTML pages in the built site
    largest_page: str = ""
    largest_page_bytes: int = 0
    # medians; *_cpu_s is the process's CPU time, *_s wall time
    pipeline_cpu_s: float = 0.0
    full_cpu_s: float = 0.0
    plain_cpu_s: float = 0.0
    overhead: float = 0.0  # full_cpu_s / plain_cpu_s
    ours_cpu_s: float = 0.0  # of the full build: importing and running the hook (pipeline, glossary, data)
    ours_by_event: dict = field(default_factory=dict)
    # the same build again, unchanged, with the cache the cold build left (.cache/explainer)
    warm_cpu_s: float = 0.0
    overhead_warm: float = 0.0  # warm_cpu_s / plain_cpu_s
    ours_warm_cpu_s: float = 0.0
    ours_warm_by_event: dict = field(default_factory=dict)
    warm_s: float = 0.0
    # and after an edit to the content: the pipeline runs again, compiled templates come from the cache
    edited_cpu_s: float = 0.0
    overhead_edited: float = 0.0  # edited_cpu_s / plain_cpu_s
    edited_s: float = 0.0
    pipeline_s: float = 0.0
    full_s: float = 0.0
    plain_s: float = 0.0
    peak_memory_bytes: int = 0
    runs: dict = field(default_factory=dict)  # every run's time, per measurement


def _env(project: Path) -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run_timed(cmd: list[str], cwd: Path, env: dict | None = None) -> Timed:
    """Run a command to completion; wall time and that one child's peak memory (wait4 rusage)."""
    # Flush what earlier builds wrote first. Otherwise the kernel charges part of writing it back
    # to whichever process writes next, as system time: on this machine a build's system time
    # grew run after run from 0.26 to 0.85 s, more for the build that writes more (ours writes
    # its cache besides the site). With the flush, each build pays for its own writes only.
    os.sync()
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{log.read().decode(errors='replace')[-3000:]}")
    return Timed(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)  # Linux reports KiB


def mkdocs_build(project: Path, site_dir: Path, env: dict, events: Path | None = None) -> Timed:
    """`mkdocs build --strict`; with `events`, through timed_build.py, which records there the CPU
    time of each plugin's and hook's events."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    options = ["--strict", "-q", "-d", str(site_dir)]
    if events is None:
        return run_timed([*MKDOCS, "build", *options], project, env)
    return run_timed([sys.executable, str(ROOT / "bench" / "timed_build.py"), str(events), *options], project, env)


def hook_share(events: Path) -> dict[str, float]:
    """CPU seconds per event of the explainer plugin (and loading it), from a timed build."""
    spent = json.loads(events.read_text(encoding="utf-8"))["events_cpu_s"]
    return {name.split()[-1]: seconds for name, seconds in spent.items() if name.startswith("explainer")}


_PIPELINE = """
import sys, time
from pathlib import Path
import explainer.build.pipeline as pipeline
start, cpu = time.perf_counter(), time.process_time()
site = pipeline.build_site(Path("content"))
try:
    from explainer.build.publication import publish
    from explainer.resolve.siteinfo import SiteInfo
except ImportError:
    pass
else:
    publish(site, SiteInfo("bench", "https://example.org/", "", "en"), Path("."))
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def pipeline_time(project: Path) -> Timed:
    """The pipeline alone, timed inside its process (no interpreter start-up, no MkDocs)."""
    out = subprocess.run(
        [sys.executable, "-c", _PIPELINE], cwd=project, env=_env(project), check=True, capture_output=True, text=True
    )
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return Timed(float(wall), float(cpu), 0)


def site_pages(site_dir: Path) -> tuple[int, str, int]:
    """Number of HTML pages and the largest one (path, bytes)."""
    pages = [(p.stat().st_size, str(p.relative_to(site_dir))) for p in site_dir.rglob("*.html")]
    size, path = max(pages)
    return len(pages), path, size


def measure(name: str, project: Path, items: int, counts: dict, runs: int, work: Path) -> SizeResult:
    plain = make_plain_project(project, work / f"{name}-plain")
    env = _env(project)
    result = SizeResult(name, items, counts)
    timed: dict[str, list[Timed]] = {"full": [], "warm": [], "edited": [], "plain": [], "pipeline": []}
    shares: dict[str, list[dict[str, float]]] = {"full": [], "warm": []}
    for run in range(runs):  # interleaved, so drift in the machine's speed hits all of them alike
        shutil.rmtree(project / CACHE, ignore_errors=True)  # cold: nothing cached
        for what in ("full", "warm"):
            timed[what].append(mkdocs_build(project, work / f"{name}-site", env, events=work / "events.json"))
            shares[what].append(hook_share(work / "events.json"))
        edit_content(project / "content", run)
        timed["edited"].append(mkdocs_build(project, work / f"{name}-site", env))
        timed["plain"].append(mkdocs_build(plain, work / f"{name}-plain-site", env))
        timed["pipeline"].append(pipeline_time(project))
    for what, runs_of in timed.items():
        setattr(result, f"{what}_s", statistics.median(t.seconds for t in runs_of))
        setattr(result, f"{what}_cpu_s", statistics.median(t.cpu_seconds for t in runs_of))
        result.runs[f"{what}_s"] = [t.seconds for t in runs_of]
        result.runs[f"{what}_cpu_s"] = [t.cpu_seconds for t in runs_of]
    result.overhead = result.full_cpu_s / result.plain_cpu_s
    result.overhead_warm = result.warm_cpu_s / result.plain_cpu_s
    result.overhead_edited = result.edited_cpu_s / result.plain_cpu_s
    for what, prefix in (("full", "ours"), ("warm", "ours_warm")):
        spent = shares[what]
        setattr(result, f"{prefix}_by_event", {e: statistics.median(s.get(e, 0.0) for s in spent) for e in spent[0]})
        setattr(result, f"{prefix}_cpu_s", statistics.median(sum(s.values()) for s in spent))
    result.peak_memory_bytes = max(t.peak_rss_bytes for t in timed["full"] + timed["warm"])
    result.pages, result.largest_page, result.largest_page_bytes = site_pages(work / f"{name}-site")
    return result


def edit_content(content: Path, n: int) -> None:
    """Change one content file's bytes (a YAML comment: the site stays the same), as an edit would."""
    first = min(content.rglob("*.yml"))
    first.write_text(first.read_text(encoding="utf-8") + f"# bench edit {n}\n", encoding="utf-8")


def synthetic_project(work: Path, name: str, items: int, **options) -> tuple[Path, dict]:
    content = work / f"{name}-content"
    counts = write_content(content, items, keep_ids=ids_in_docs(), **options)
    project = make_project(work / name, content)
    shutil.rmtree(content)
    return project, asdict(counts)


def glossary_check(settings: Settings, work: Path) -> dict:
    """The same text with few and with many glossary terms: linking should cost the same.
    The two sites are built in turns, run by run, so drift on a shared machine falls on both alike."""
    few, many = settings.glossary_terms
    projects = {}
    for terms in (few, many):
        project, _ = synthetic_project(
            work, f"glossary-{terms}", settings.glossary_base, terms=terms, term_pool=many, ref_terms=few
        )
        projects[terms] = (project, make_plain_project(project, work / f"glossary-{terms}-plain"))
    builds: dict[int, dict[str, list]] = {t: {"cold": [], "warm": [], "linking": [], "plain": []} for t in projects}
    for _ in range(settings.glossary_runs):
        for terms, (project, plain_project) in projects.items():
            env, done, site = _env(project), builds[terms], work / f"glossary-{terms}-site"
            shutil.rmtree(project / CACHE, ignore_errors=True)  # cold, then warm as in measure()
            done["cold"].append(mkdocs_build(project, site, env, events=work / "events.json"))
            done["linking"].append(hook_share(work / "events.json").get("page_content", 0.0))
            done["warm"].append(mkdocs_build(project, site, env))
            done["plain"].append(mkdocs_build(plain_project, work / f"glossary-{terms}-plain-site", env))
    times = {}
    for terms, done in builds.items():
        runs, warm, plain = done["cold"], done["warm"], done["plain"]
        times[terms] = {
            "cpu_s": statistics.median(r.cpu_seconds for r in runs),
            "wall_s": statistics.median(r.seconds for r in runs),
            "warm_cpu_s": statistics.median(r.cpu_seconds for r in warm),
            "linking_cpu_s": statistics.median(done["linking"]),
            "plain_cpu_s": statistics.median(r.cpu_seconds for r in plain),
            "runs_cpu_s": [r.cpu_seconds for r in runs],
            "runs_s": [r.seconds for r in runs],
            "runs_warm_cpu_s": [r.cpu_seconds for r in warm],
        }
    return {
        "items": settings.glossary_base,
        "few_terms": few,
        "many_terms": many,
        "few_cpu_s": times[few]["cpu_s"],
        "many_cpu_s": times[many]["cpu_s"],
        "ratio": times[many]["cpu_s"] / times[few]["cpu_s"],
        "few_warm_cpu_s": times[few]["warm_cpu_s"],
        "many_warm_cpu_s": times[many]["warm_cpu_s"],
        "ratio_warm": times[many]["warm_cpu_s"] / times[few]["warm_cpu_s"],
        # MkDocs alone on the same exported pages: what the extra definitions cost without us
        "few_plain_cpu_s": times[few]["plain_cpu_s"],
        "many_plain_cpu_s": times[many]["plain_cpu_s"],
        "ratio_plain": times[many]["plain_cpu_s"] / times[few]["plain_cpu_s"],
        "few_linking_cpu_s": times[few]["linking_cpu_s"],
        "many_linking_cpu_s": times[many]["linking_cpu_s"],
        # the linking pass alone (the hook's on_page_content), over the same pages
        "linking_ratio": times[many]["linking_cpu_s"] / max(times[few]["linking_cpu_s"], 1e-9),
        "runs": times,
    }


# --- mkdocs serve ---------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def _wait_for(predicate, timeout: float, interval: float = 0.01) -> float:
    """Seconds until predicate() holds; raise after timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(interval)
    raise TimeoutError(f"not done after {timeout} s")


def _editable_term(content: Path) -> tuple[Path, str]:
    """A glossary file and a `term:` line in it to edit (its text appears on the glossary page)."""
    for path in sorted(content.rglob("*.yml")):
        if "terms" in path.parts or path.name == "terms.yml":
            for line in path.read_text(encoding="utf-8").splitlines():
                if re.match(r"^\s*(- )?term: \S", line):
                    return path, line
    raise LookupError("no term to edit in the content")


def _reload_signal(url: str) -> threading.Thread:
    """Wait, as the page's live-reload script does, for the server to say a newer build is ready."""
    body = _get(url) or ""
    found = re.search(r"livereload\((\d+),\s*(\d+)\)", body)
    if not found:
        raise RuntimeError(f"no live-reload script in {url}")
    origin = urllib.parse.urlsplit(url)
    poll = f"{origin.scheme}://{origin.netloc}/livereload/{found[1]}/{found[2]}"

    def wait() -> None:
        with urllib.request.urlopen(poll, timeout=60) as response:  # answered when a newer build is visible
            response.read()

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    return waiter


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its finished children have used so far (Linux; else 0)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def serve_rebuild(settings: Settings, work: Path) -> dict:
    """Start `mkdocs serve` as `make serve` does on the real content, edit one YAML value, and time
    until the browser's reload signal (the live-reload poll answers) and until the page shows it."""
    project = make_project(work / "serve")
    port = _free_port()
    log_path = work / "serve.log"
    log = open(log_path, "w")  # noqa: SIM115 -- closed in the finally below, with the server
    proc = subprocess.Popen(
        [*MKDOCS, *SERVE, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=_env(project),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    # serve mounts the site at site_url's path, as it will be published
    mount = urllib.parse.urlsplit(load_config(project).get("site_url") or "/").path.rstrip("/")
    url = f"http://127.0.0.1:{port}{mount}/glossary/"
    signal_times, page_times, cpu_times = [], [], []
    try:

        def up() -> bool:
            if proc.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped:\n{log_path.read_text(errors='replace')[-3000:]}")
            return _get(url) is not None

        _wait_for(up, timeout=120, interval=0.1)
        path, line = _editable_term(project / "content")
        for n in range(settings.serve_edits):
            marker = f"Benchedit{n}x{os.getpid()}"
            text = path.read_text(encoding="utf-8")
            reload_signal = _reload_signal(url)
            start, cpu = time.perf_counter(), _cpu_seconds(proc.pid)
            path.write_text(text.replace(line, f"{line} {marker}", 1), encoding="utf-8")
            reload_signal.join(timeout=60)
            signal_times.append(time.perf_counter() - start)
            cpu_times.append(_cpu_seconds(proc.pid) - cpu)
            _wait_for(lambda marker=marker: marker in (_get(url) or ""), timeout=60)
            page_times.append(time.perf_counter() - start)
            reload_signal = _reload_signal(url)
            path.write_text(text, encoding="utf-8")
            reload_signal.join(timeout=60)
            _wait_for(lambda marker=marker: marker not in (_get(url) or ""), timeout=60)
            time.sleep(0.3)
    finally:
        proc.send_signal(signal.SIGINT)  # as Ctrl+C: serve removes its temporary site folder
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    return {
        "command": " ".join(["mkdocs", *SERVE]),
        "edits": len(page_times),
        "reload_signal_s": statistics.median(signal_times),
        "page_shows_edit_s": statistics.median(page_times),
        # the server's CPU time from the save to the signal: the rebuild's cost, whatever else the machine runs
        "rebuild_cpu_s": statistics.median(cpu_times),
        "runs_reload_signal_s": signal_times,
        "runs_rebuild_cpu_s": cpu_times,
        "runs_page_s": page_times,
    }


# --- report ------------------------------------------------------------------
OVERHEADS = {  # each build against a plain MkDocs build of the same pages
    "overhead": "full build, cold",
    "overhead_edited": "full build after a content edit (templates cached)",
    "overhead_warm": "full build, warm (unchanged, cached)",
}


def _overhead_targets(suffix: str, sizes: list[SizeResult], where: str) -> dict[str, tuple[float, float, str]]:
    """The cold, edited and warm overheads at their worst among `sizes`."""
    return {
        name + suffix: (max(getattr(s, name) for s in sizes), TARGETS[name], f"{what} / plain MkDocs build, {where}")
        for name, what in OVERHEADS.items()
    }


def check_targets(sizes: list[SizeResult], glossary: dict, serve: dict) -> dict:
    """Each target: the measured value, its limit, and whether it is met."""
    real = next(s for s in sizes if s.name == "real")
    synthetic = [s for s in sizes if s.name != "real"]
    largest, smaller = synthetic[-1], synthetic[-2] if len(synthetic) > 1 else synthetic[-1]
    # ≤ 12 for ten times the items; other size steps (--quick) scale the limit with them.
    linear_limit = TARGETS["linear"] * (largest.items / smaller.items) / 10
    # the issue's own sizes: the real site and about 1,000 items (beside the worst size of the run)
    named = [real, *(s for s in synthetic if 900 <= s.items <= 1100)]
    at_named = "real" + "".join(f" and {s.items} items" for s in named[1:])
    targets = {
        "linear": (
            largest.full_cpu_s / smaller.full_cpu_s,
            linear_limit,
            f"full build time({largest.items} items) / time({smaller.items} items)",
        ),
        **_overhead_targets("", sizes, "worst size"),
        **_overhead_targets("_named", named, f"at {at_named}"),
        "glossary": (
            glossary["ratio"],
            TARGETS["glossary"],
            f"full build, cold, with {glossary['many_terms']} terms / with {glossary['few_terms']} terms",
        ),
        "glossary_warm": (
            glossary["ratio_warm"],
            TARGETS["glossary_warm"],
            "the same, warm (each with its cache)",
        ),
        "page_bytes": (largest.largest_page_bytes, TARGETS["page_bytes"], f"largest page at {largest.items} items"),
        "memory_bytes": (
            max(s.peak_memory_bytes for s in sizes),
            TARGETS["memory_bytes"],
            "peak memory of a full build",
        ),
        "real_build_s": (real.full_cpu_s, TARGETS["real_build_s"], "real content: full build, cold"),
        "serve_rebuild_s": (
            serve["reload_signal_s"],
            TARGETS["serve_rebuild_s"],
            "real content: make serve, saving a YAML edit until the browser's reload signal",
        ),
    }
    return {
        name: {"value": value, "limit": limit, "met": value <= limit, "what": what}
        for name, (value, limit, what) in targets.items()
    }


COLUMNS = [
    ("content", 7),
    ("items", 6),
    ("pages", 6),
    ("pipeline", 8),
    ("cold", 6),
    ("ours", 6),
    ("warm", 6),
    ("ours", 6),
    ("plain", 6),
    ("cold/plain", 10),
    ("warm/plain", 10),
    ("edited/plain", 12),
    ("wall cold", 9),
    ("wall plain", 10),
    ("peak MB", 7),
    ("largest page", 28),
]


def format_table(report: dict) -> str:
    lines = ["  ".join(title.rjust(width) for title, width in COLUMNS)]
    for s in report["sizes"]:
        cells = [
            s["name"],
            s["items"],
            s["pages"],
            f"{s['pipeline_cpu_s']:.2f}",
            f"{s['full_cpu_s']:.2f}",
            f"{s['ours_cpu_s']:.2f}",
            f"{s['warm_cpu_s']:.2f}",
            f"{s['ours_warm_cpu_s']:.2f}",
            f"{s['plain_cpu_s']:.2f}",
            f"{s['overhead']:.2f}",
            f"{s['overhead_warm']:.2f}",
            f"{s['overhead_edited']:.2f}",
            f"{s['full_s']:.2f}",
            f"{s['plain_s']:.2f}",
            f"{s['peak_memory_bytes'] / 1e6:.0f}",
            f"{s['largest_page_bytes'] / 1e3:.0f} kB {s['largest_page']}"[:28],
        ]
        lines.append("  ".join(str(c).rjust(w) for c, (_, w) in zip(cells, COLUMNS, strict=False)))
    g, v = report["glossary"], report["serve"]
    lines.append(
        f"glossary: {g['many_terms']} terms {g['many_cpu_s']:.2f} s / {g['few_terms']} terms {g['few_cpu_s']:.2f} s"
        f" = {g['ratio']:.2f} cold, {g['many_warm_cpu_s']:.2f} s / {g['few_warm_cpu_s']:.2f} s"
        f" = {g['ratio_warm']:.2f} warm ({g['items']} other items); the linking pass alone:"
        f" {g['many_linking_cpu_s']:.2f} s / {g['few_linking_cpu_s']:.2f} s"
        f" = {g['linking_ratio']:.2f}; a plain MkDocs build of the same pages:"
        f" {g['many_plain_cpu_s']:.2f} s / {g['few_plain_cpu_s']:.2f} s = {g['ratio_plain']:.2f}"
    )
    lines.append(
        f"serve (real content, {v['command']}): YAML edit -> reload signal {v['reload_signal_s']:.2f} s,"
        f" -> page shows it {v['page_shows_edit_s']:.2f} s (wall, median of {v['edits']});"
        f" the server's CPU time from save to signal {v['rebuild_cpu_s']:.2f} s"
    )
    lines.append(
        f"seconds are CPU time (user+sys) of the build process, medians of {report['runs']} run(s);"
        " cold: no .cache/explainer (first build after a clone or `make clean`); warm: the same build again,"
        " unchanged, with the cache the cold build left (the pipeline's output, and compiled templates, ours and"
        " the theme's: a plain build compiles the theme's every time); edited: again after a change to one"
        " content file (the pipeline runs, templates come compiled); wall columns are elapsed time; ours: the"
        " part of the build spent importing and running the hook (pipeline, glossary linking, data files), the"
        " rest is MkDocs and Material."
    )
    for s in (report["sizes"][0], report["sizes"][-1]):
        for label, key in (("cold", "ours_by_event"), ("warm", "ours_warm_by_event")):
            spent = ", ".join(f"{event} {seconds:.2f}" for event, seconds in s[key].items() if seconds >= 0.005)
            lines.append(f"ours by event, {s['name']}, {label}: {spent}")
    lines.append("Targets:")
    lines += format_targets(report["targets"])
    return "\n".join(lines)


def format_targets(targets: dict) -> list[str]:
    """A line per target. Ratios get three decimals: with two, 1.3018 against 1.3 reads `1.30 <= 1.30`
    beside MISS."""
    lines = []
    for name, t in targets.items():
        value, limit = t["value"], t["limit"]
        shown = (
            f"{value / 1e6:.2f} MB <= {limit / 1e6:.2f} MB" if name.endswith("bytes") else f"{value:.3f} <= {limit:.2f}"
        )
        lines.append(f"  {'met ' if t['met'] else 'MISS'} {name:21} {shown:24} {t['what']}")
    return lines


def _commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return out.stdout.strip() + ("+dirty" if dirty else "")


def run(settings: Settings, work: Path, log=print) -> dict:
    sizes = []
    log("real content ...")
    real = make_project(work / "real")
    sizes.append(measure("real", real, 0, {}, settings.runs, work))
    for items in settings.sizes:
        log(f"{items} items ...")
        project, counts = synthetic_project(work, f"n{items}", items)
        sizes.append(measure(str(items), project, sum(counts.values()), counts, settings.runs, work))
        for leftover in work.glob(f"n{items}*"):
            shutil.rmtree(leftover)
    log("glossary cost ...")
    glossary = glossary_check(settings, work)
    log("mkdocs serve ...")
    serve = serve_rebuild(settings, work)
    report = {
        "commit": _commit(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "runs": settings.runs,
        "glossary_runs": settings.glossary_runs,
        "sizes": [asdict(s) for s in sizes],
        "glossary": glossary,
        "serve": serve,
    }
    report["targets"] = check_targets(sizes, glossary, serve)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run: checks the benchmark itself works")
    parser.add_argument("--runs", type=int, help="runs per measurement, the glossary check's too (median is reported)")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], help="e.g. 100,1000,10000")
    parser.add_argument(
        "--json", type=Path, default=RESULTS, help=f"where to write the results (default {RESULTS.relative_to(ROOT)})"
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    chosen = {"runs": args.runs, "glossary_runs": args.runs, "sizes": args.sizes}  # --runs sets both counts
    settings = Settings(**{**asdict(settings), **{k: v for k, v in chosen.items() if v}})
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as work:
        report = run(settings, Path(work), log=lambda message: print(message, file=sys.stderr, flush=True))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(format_table(report))
    print(f"(written to {args.json})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
