"""Only plain files of a sane size are read from the project, never links or devices.

A contributed symbolic link would publish whatever it points at (`/etc/passwd`,
the checkout's `.git/config` with its token), and a link to `/dev/zero` or a pipe
never ends. MkDocs and `shutil.copytree` follow links, so every folder the build
reads (content/, docs/, the theme overrides) is checked before anything reads it.
Links are refused even when they point inside the project: a copy costs nothing,
and "inside" is easy to get wrong (`../`, links to links).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from explainer.model.problems import Problem

# Pages and templates are read whole and parsed; other files (images, fonts) are only copied.
MAX_PAGE_BYTES = 2 * 1024 * 1024
MAX_ASSET_BYTES = 8 * 1024 * 1024
_PAGE_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".j2", ".yml", ".yaml", ".json", ".css", ".js", ".svg"}
NOT_PLAIN = "not a plain file (a link or a device); {what} must be a plain file"


def _kind_of(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def not_plain(shown: str, what: str, mode: int | None = None) -> Problem:
    """The problem for a link, device, pipe or socket where a plain file belongs (`what`: "a content file")."""
    message = NOT_PLAIN.format(what=what)
    if mode is not None:
        message += f": this is {_kind_of(mode)}"
        if stat.S_ISLNK(mode):
            message += "; links are refused even when they point inside the project, copy the file instead"
    return Problem(shown, 1, 1, "", message)


def too_big(shown: str, size: int, limit: int, what: str) -> Problem:
    return Problem(
        shown, 1, 1, "", f"file is {size // 1024} KiB; {what} may hold at most {limit // 1024} KiB, split it"
    )


def size_limit(path: Path) -> int:
    return MAX_PAGE_BYTES if path.suffix.lower() in _PAGE_SUFFIXES else MAX_ASSET_BYTES


def plain_file_problem(path: Path, shown: str, what: str, limit: int) -> Problem | None:
    """Why one file may not be read (a link, a device, too big), or None. Only `lstat`: nothing is opened."""
    try:
        info = path.lstat()
    except OSError as exc:
        return Problem(shown, 1, 1, "", f"cannot read the file: {exc.strerror or exc}")
    if not stat.S_ISREG(info.st_mode):
        return not_plain(shown, what, info.st_mode)
    if info.st_size > limit:
        return too_big(shown, info.st_size, limit, what)
    return None


def folder_problems(folder: Path, shown: str, what: str) -> list[Problem]:
    """Every link, device, pipe, socket or oversized file under `folder` (itself included).

    Nothing is followed or opened: only `lstat`, so a hostile entry costs nothing to find.
    `shown` is how the folder appears in messages (e.g. "docs").
    """
    try:
        mode = folder.lstat().st_mode
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [Problem(shown, 1, 1, "", f"cannot read the folder: {exc.strerror or exc}")]
    if not stat.S_ISDIR(mode):
        return [not_plain(shown, what, mode)]
    problems: list[Problem] = []
    pending = [(folder, shown)]
    while pending:
        current, current_shown = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(current_shown, 1, 1, "", f"cannot read the folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            entry_shown = f"{current_shown}/{_printable(entry.name)}"
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:  # gone meanwhile: nothing to read
                continue
            if stat.S_ISDIR(info.st_mode):
                pending.append((Path(entry.path), entry_shown))
            elif not stat.S_ISREG(info.st_mode):
                problems.append(not_plain(entry_shown, what, info.st_mode))
            elif info.st_size > size_limit(Path(entry.name)):
                problems.append(too_big(entry_shown, info.st_size, size_limit(Path(entry.name)), what))
    return sorted(problems)


def project_problems(folders: dict[str, Path]) -> list[Problem]:
    """`folder_problems` for each folder the build reads, keyed by how it is shown ("docs", "overrides")."""
    problems: list[Problem] = []
    for shown, folder in folders.items():
        problems += folder_problems(folder, shown, f"a file in {shown}/")
    return problems


def _printable(name: str) -> str:
    """A file name as it may be printed: no terminal escapes from a hostile name."""
    return "".join(c if c.isprintable() else "?" for c in name)
