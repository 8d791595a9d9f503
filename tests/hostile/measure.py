"""Measure what each hostile input costs: `python -m tests.hostile.measure [--hooks DIR] [--build] [CASE ...]`.

Each case (see hostile_inputs.py) is written into a throwaway project and run through
the command that used to suffer (`explainer check` or `export`; with --build, also
`mkdocs build`) under a CPU ceiling. It prints CPU seconds, peak memory and what the
run produced. `--hooks DIR` measures another version of the generator (e.g. an
older commit's `hooks/`, from `git archive COMMIT hooks | tar -x -C /tmp/old`).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .hostile_inputs import CASES
from .support import ENV, PYTHON, make_project

MiB = 1024 * 1024


def _run(args: list[str], cwd: Path, env: dict[str, str], cpu: int) -> tuple[str, float, float]:
    """(outcome, CPU seconds, peak memory in MiB) of one command under a CPU ceiling."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))

    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=log, stderr=log, text=True, preexec_fn=limit)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own usage, not the largest so far
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    seconds = usage.ru_utime + usage.ru_stime
    if process.returncode in (-signal.SIGXCPU, -signal.SIGKILL) and seconds >= cpu * 0.9:
        outcome = f"stopped at the ceiling of {cpu} s of CPU"
    elif process.returncode < 0:
        outcome = f"killed by signal {-process.returncode}"
    elif "Traceback" in output:
        outcome = "traceback: " + output.strip().splitlines()[-1][:70]
    elif process.returncode:
        first = next((line for line in output.splitlines() if line.strip()), "")
        outcome = "refused: " + first.split(": ", 1)[-1][:90]
    else:
        outcome = "ok"
    return outcome, seconds, usage.ru_maxrss / 1024  # KiB on Linux


def _size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / MiB if folder.exists() else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", nargs="*", default=list(CASES))
    parser.add_argument("--hooks", type=Path, help="the hooks/ folder of the generator to measure (default: this one)")
    parser.add_argument("--build", action="store_true", help="also run the MkDocs build on each case")
    parser.add_argument("--cpu", type=int, default=120, help="CPU seconds before a run is stopped (default 120)")
    args = parser.parse_args()
    env = dict(ENV)
    if args.hooks:
        env["PYTHONPATH"] = str(args.hooks.resolve())  # ahead of the installed package
    print(f"{'case':28} {'input':>8} {'command':8} {'CPU s':>7} {'peak MiB':>9} {'output':>9}  outcome")
    for name in args.cases:
        build, command = CASES[name]
        with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
            content, raw = build()
            project = make_project(Path(tmp) / "project", content, raw)
            if args.hooks:
                shutil.rmtree(project / "hooks")
                shutil.copytree(args.hooks, project / "hooks")
            size = _size(project / "content")
            out = Path(tmp) / "out"
            commands = [(command, [PYTHON, "-m", "explainer", command] + ([str(out)] if command == "export" else []))]
            if args.build:
                site = Path(tmp) / "site"
                commands.append(("build", [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(site)]))
            for label, argv in commands:
                outcome, seconds, peak = _run(argv, project, env, args.cpu)
                produced = _size(out if label == "export" else Path(tmp) / "site") if label != "check" else 0.0
                shown = f"{produced:.1f} MiB" if label != "check" else "-"
                print(f"{name:28} {size:6.2f}MB {label:8} {seconds:7.1f} {peak:9.0f} {shown:>9}  {outcome}", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
