"""The time per stage (tests/stage_times.py) that ends a test run, so a newcomer sees what is slow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from stage_times import stage_of, summary_lines

REPO = Path(__file__).resolve().parents[2]


def test_stages_are_the_top_level_test_folders():
    assert stage_of("tests/unit/test_dates.py::test_x[a/b]") == "unit"
    assert stage_of("tests/browser/sub/test_y.py::T::test_z") == "browser"
    assert stage_of("hostile/test_q.py::test_q") == "hostile"
    assert stage_of("tests/test_top.py::test_t") == "(top level)"


def test_the_summary_lists_set_up_each_stage_and_the_total():
    lines = summary_lines({"unit": 12.0, "browser": 200.04}, {"unit": 300, "browser": 1}, 45.0, 260.0)
    assert lines == [
        "  set-up     45.0 s  make: .venv, browser, Java",
        "  unit       12.0 s  300 tests",
        "  browser   200.0 s  1 test",
        "  pytest     48.0 s  start-up, collection, clean-up",
        "  total     305.0 s",
    ]


def test_a_run_ends_with_the_time_per_stage_before_the_count(tmp_path):
    for stage in ("unit", "browser"):
        (tmp_path / stage).mkdir()
        (tmp_path / stage / f"test_{stage}.py").write_text(
            "import time\n\ndef test_a():\n    time.sleep(0.3)\n\ndef test_b():\n    pass\n"
        )
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    env = {**os.environ, "PYTHONPATH": str(REPO / "tests"), "SETUP_SECONDS": "7"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "stage_times", str(tmp_path)]
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    start = next(i for i, line in enumerate(lines) if "time per stage" in line)
    table = lines[start + 1 : start + 6]
    assert [line.split()[0] for line in table] == ["set-up", "browser", "unit", "pytest", "total"], table
    assert table[0].split()[1] == "7.0" and float(table[1].split()[1]) >= 0.3
    assert lines[-1].startswith("4 passed")
