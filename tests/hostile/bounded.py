"""Runs under a CPU-time and address-space ceiling: the bound is the assertion, never the wall clock.

The ceilings are generous for a loaded two-core machine and far below what the
unbounded behaviours cost (minutes of CPU, gigabytes of memory): a regression is
killed by the kernel (SIGXCPU, or a MemoryError) and the test says which limit it hit.
"""

from __future__ import annotations

import resource
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from .support import ENV, PYTHON

MiB = 1024 * 1024


def _limits(cpu_seconds: int, memory_bytes: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    return apply


def run_limited(
    args: list[str], cwd: Path, *, cpu_seconds: int = 30, memory_bytes: int = 1024 * MiB, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `args` with ceilings on CPU seconds and memory; fail the test if a ceiling was hit."""
    result = subprocess.run(
        args,
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=timeout,  # a safety net for a blocked read (a pipe), not a measure
        preexec_fn=_limits(cpu_seconds, memory_bytes),
    )
    output = result.stdout + result.stderr
    assert result.returncode not in (-signal.SIGXCPU, -signal.SIGKILL), (
        f"used more than {cpu_seconds} s of CPU:\n{output[-2000:]}"
    )
    assert "MemoryError" not in output, f"used more than {memory_bytes // MiB} MiB:\n{output[-2000:]}"
    return result


def explainer(
    project: Path, *args: str, cpu_seconds: int = 30, memory_bytes: int = 1024 * MiB
) -> subprocess.CompletedProcess[str]:
    """`explainer ARGS` run from a project folder (content/, docs/, overrides/ beside each other)."""
    return run_limited([PYTHON, "-m", "explainer", *args], project, cpu_seconds=cpu_seconds, memory_bytes=memory_bytes)


def mkdocs_build_limited(
    project: Path, site_dir: Path, *, cpu_seconds: int = 120, memory_bytes: int = 2048 * MiB
) -> subprocess.CompletedProcess[str]:
    return run_limited(
        [PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        project,
        cpu_seconds=cpu_seconds,
        memory_bytes=memory_bytes,
    )
