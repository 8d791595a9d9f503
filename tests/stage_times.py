"""How long each stage of a test run took, printed at its end so a newcomer sees what is slow.

A stage is a top-level test folder (tests/unit, tests/browser, ...); its time is the sum of its
tests' set-up, call and tear-down, so a fixture shared by several folders (the site build) counts
where it first ran. `make test` passes the time its own set-up took (.venv, browser, Java) in
SETUP_SECONDS. tests/conftest.py takes in the hooks below.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict

import pytest

_seconds: defaultdict[str, float] = defaultdict(float)
_counts: defaultdict[str, int] = defaultdict(int)
_started: list[float] = []


def stage_of(nodeid: str) -> str:
    """'tests/unit/test_x.py::test_y' -> 'unit'; a test file directly in the folder run is its own stage."""
    parts = nodeid.split("::", 1)[0].split("/")
    if parts[0] == "tests" and len(parts) > 1:
        parts = parts[1:]
    return parts[0] if len(parts) > 1 else "(top level)"


def summary_lines(
    seconds: dict[str, float], counts: dict[str, int], setup_seconds: float | None, wall_seconds: float
) -> list[str]:
    """The table: set-up first, each stage in the order it ran, pytest's own time (start-up,
    collection, clean-up: the wall time no test accounts for), then the total."""
    rows = [("set-up", setup_seconds, "make: .venv, browser, Java")] if setup_seconds is not None else []
    rows += [(stage, seconds[stage], f"{counts[stage]} test{'s' if counts[stage] != 1 else ''}") for stage in seconds]
    rows.append(("pytest", max(wall_seconds - sum(seconds.values()), 0.0), "start-up, collection, clean-up"))
    total = sum(value for _, value, _ in rows if value is not None)
    rows.append(("total", total, ""))
    width = max(len(name) for name, _, _ in rows)
    return [f"  {name:<{width}} {value:>7.1f} s  {note}".rstrip() for name, value, note in rows if value is not None]


def pytest_sessionstart() -> None:
    _started.append(time.monotonic())


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    stage = stage_of(report.nodeid)
    _seconds[stage] += report.duration
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        _counts[stage] += 1


@pytest.hookimpl(trylast=True)  # after other plugins' summaries, so the wall time holds their work too
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _seconds:
        return
    setup = os.environ.get("SETUP_SECONDS")
    try:
        setup_seconds = float(setup) if setup else None
    except ValueError:
        setup_seconds = None
    terminalreporter.section("time per stage")
    wall = time.monotonic() - _started[0] if _started else sum(_seconds.values())
    for line in summary_lines(_seconds, _counts, setup_seconds, wall):
        terminalreporter.write_line(line)
