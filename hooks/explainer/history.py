"""When content files were first and last changed, from git history. No MkDocs in here.

Used for the dates of topic pages in structured data. Without git (or for files
not yet committed) the caller's fallback date is used.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def file_dates(paths: list[str], repo_root: Path) -> dict[str, tuple[dt.date, dt.date]]:
    """{path: (first commit date, last commit date)} for paths (relative to repo_root) git knows."""
    if not paths:
        return {}
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", *paths],
            cwd=repo_root,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_log(result.stdout, set(paths))


def parse_log(log: str, wanted: set[str]) -> dict[str, tuple[dt.date, dt.date]]:
    """Parse `git log --format=%x00%cI --name-only` (newest commit first)."""
    dates: dict[str, tuple[dt.date, dt.date]] = {}
    for commit in log.split("\x00")[1:]:
        stamp, *names = commit.strip().splitlines()
        day = dt.datetime.fromisoformat(stamp.strip()).date()
        for name in names:
            name = name.strip()
            if name in wanted:
                first, last = dates.get(name, (day, day))
                dates[name] = (min(first, day), max(last, day))
    return dates
