"""When content files were first and last changed, from git history. No MkDocs in here.

Used for the dates of topic pages in structured data. Without git (or for files
not yet committed) the caller's fallback date is used; so too for a commit whose
date no calendar holds (year 10000, an offset of +99:59), which a pull request
can carry and which must not break every later deploy.
"""

from __future__ import annotations

import datetime as dt
import re
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


# The calendar day as git prints it in %cI; the rest (time, offset) may be anything a commit
# claims, e.g. `+99:59`, which Python's ISO parser refuses.
_DAY_RE = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})T")


def commit_day(stamp: str) -> dt.date | None:
    """The committer's calendar day from an ISO 8601 stamp, or None if it is not a real date."""
    match = _DAY_RE.match(stamp)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def parse_log(log: str, wanted: set[str]) -> dict[str, tuple[dt.date, dt.date]]:
    """Parse `git log --format=%x00%cI --name-only` (newest commit first)."""
    dates: dict[str, tuple[dt.date, dt.date]] = {}
    for commit in log.split("\x00")[1:]:
        stamp, *names = commit.strip().splitlines() or [""]
        day = commit_day(stamp)
        if day is None:  # a date Python cannot hold (year 10000): the commit says nothing usable
            continue
        for name in names:
            name = name.strip()
            if name in wanted:
                first, last = dates.get(name, (day, day))
                dates[name] = (min(first, day), max(last, day))
    return dates
