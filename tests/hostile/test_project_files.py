"""Links, pipes, sockets and huge files in the folders the build reads are refused, never followed.

MkDocs and `make export` copy docs/ following links: a link to /etc/passwd would be
published, one to ../.git/config would publish the checkout's token in CI, one to
/dev/zero would fill the disk. `check`, `export` and the MkDocs build refuse them all,
with `path:1:1: message`, before reading a byte.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from .bounded import explainer, mkdocs_build_limited
from .support import make_project, write_content

SECRET = "ghp_pretend_token_in_git_config"


def _link(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # reading it would block for ever


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as file:  # instant to make, `size` bytes to whoever reads it
            file.truncate(size)

    return make


# name -> (where under the project, how to make it, the message expected for it)
HOSTILE_ENTRIES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "page linked to /etc/passwd": ("docs/leak.md", _link("/etc/passwd"), "this is a symbolic link"),
    "asset linked to /etc/passwd": ("docs/passwd.txt", _link("/etc/passwd"), "this is a symbolic link"),
    "page linked to /dev/zero": ("docs/zero.md", _link("/dev/zero"), "this is a symbolic link"),
    "link inside the project": (
        "docs/config.txt",
        _link("../.git/config"),
        "links are refused even when they point inside the project",
    ),
    "folder linked to /etc": ("docs/etc", _link("/etc"), "this is a symbolic link"),
    "named pipe": ("docs/pipe.md", _fifo, "this is a named pipe"),
    "socket": ("docs/socket.md", _socket, "this is a socket"),
    "huge page": ("docs/huge.md", _sparse(50 * 1024 * 1024), "file is 51200 KiB; a file in docs/ may hold at most"),
    "huge asset": ("docs/huge.png", _sparse(9 * 1024 * 1024), "file is 9216 KiB; a file in docs/ may hold at most"),
    "override linked to /etc/passwd": (
        "overrides/partials/leak.html",
        _link("/etc/passwd"),
        "this is a symbolic link",
    ),
    "override folder linked to /": ("overrides/everything", _link("/"), "this is a symbolic link"),
}


def _project(tmp_path: Path, entry: str) -> tuple[Path, str]:
    """A small project (content, docs, overrides) with one hostile entry; returns it and the entry's path."""
    project = tmp_path / "project"
    write_content(project / "content")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "overrides" / "partials").mkdir(parents=True)
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: {SECRET}\n", encoding="utf-8")
    where, make, _ = HOSTILE_ENTRIES[entry]
    make(project / where)
    return project, where


def _assert_refused(output: str, where: str, message: str) -> None:
    assert "Traceback" not in output, output
    assert f"{where}:1:1: not a plain file" in output or f"{where}:1:1: file is" in output, output
    assert message in output, output
    assert "root:x:0" not in output and SECRET not in output, "the linked file's content was printed"


@pytest.mark.parametrize("entry", list(HOSTILE_ENTRIES), ids=str)
def test_check_refuses_without_reading(tmp_path: Path, entry: str) -> None:
    project, where = _project(tmp_path, entry)
    result = explainer(project, "check", cpu_seconds=20, memory_bytes=1024 * 1024 * 1024)
    assert result.returncode == 1
    _assert_refused(result.stderr, where, HOSTILE_ENTRIES[entry][2])


@pytest.mark.parametrize("entry", list(HOSTILE_ENTRIES), ids=str)
def test_export_refuses_and_writes_nothing(tmp_path: Path, entry: str) -> None:
    project, where = _project(tmp_path, entry)
    result = explainer(project, "export", str(tmp_path / "out"), cpu_seconds=20)
    assert result.returncode == 1
    _assert_refused(result.stderr, where, HOSTILE_ENTRIES[entry][2])
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "entry", ["page linked to /etc/passwd", "link inside the project", "named pipe", "override linked to /etc/passwd"]
)
def test_the_mkdocs_build_refuses_before_reading(tmp_path: Path, entry: str) -> None:
    """The build checks in on_config, before MkDocs lists (and copies) docs/."""
    project = make_project(tmp_path / "project")
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f"token = {SECRET}\n", encoding="utf-8")
    where, make, message = HOSTILE_ENTRIES[entry]
    (project / where).parent.mkdir(parents=True, exist_ok=True)
    make(project / where)
    result = mkdocs_build_limited(project, tmp_path / "site", cpu_seconds=60)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "files the build may not read; nothing was built" in output, output
    _assert_refused(output, where, message)
    site = tmp_path / "site"
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not any(
        SECRET in p.read_text(errors="replace") or "root:x:0" in p.read_text(errors="replace") for p in published
    )


def test_plain_files_in_docs_and_overrides_pass(tmp_path: Path) -> None:
    """The guard refuses entries, not folders: an ordinary project still checks clean."""
    project, _ = _project(tmp_path, "huge asset")
    (project / "docs" / "huge.png").unlink()
    (project / "docs" / "image.png").write_bytes(b"\x89PNG" + bytes(1024))
    (project / "overrides" / "partials" / "extra.html").write_text("<p>ok</p>\n", encoding="utf-8")
    result = explainer(project, "check")
    assert result.returncode == 0, result.stderr


def test_a_content_folder_that_is_a_link_is_reported(tmp_path: Path) -> None:
    """content/events/ as a link is never followed; it is reported rather than silently skipped."""
    project, _ = _project(tmp_path, "huge asset")
    (project / "docs" / "huge.png").unlink()
    elsewhere = write_content(tmp_path / "elsewhere", {"events": []})
    (project / "content" / "events").symlink_to(elsewhere)
    result = explainer(project, "check")
    assert result.returncode == 1
    assert "content/events:1:1: a link to a folder; content folders must be real folders" in result.stderr


def test_a_device_is_named_as_one() -> None:
    """/dev/null is a real character device: no need to create one (which takes privileges)."""
    from explainer.load.plainfiles import plain_file_problem

    problem = plain_file_problem(Path("/dev/null"), "docs/null.md", "a file in docs/", 1024)
    assert str(problem) == (
        "docs/null.md:1:1: not a plain file (a link or a device); "
        "a file in docs/ must be a plain file: this is a device"
    )
