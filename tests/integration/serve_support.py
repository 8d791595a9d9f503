"""A real `mkdocs serve` for the preview tests, in a subprocess, with bounded waits
(a unique module name: test folders share sys.path)."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from build_support import BIN

WAIT_SECONDS = 90
MAKE_SERVE = ("--dirty", "--livereload", "--strict")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def wait_for(url: str, predicate: Callable[[str], bool], log: Path) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    body = ""
    while time.monotonic() < deadline:
        try:
            status, body = fetch(url)
            if status == 200 and predicate(body):
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never matched; last body {body[:300]!r}\nserve log:\n{log.read_text()[-3000:]}")


@contextmanager
def serving(project: Path, log_path: Path, options: tuple[str, ...] = MAKE_SERVE) -> Iterator[str]:
    """`mkdocs serve` (by default as `make serve` runs it) on a free port: the site's address."""
    port = free_port()
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", *options, "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)},
        )
    try:
        yield f"http://127.0.0.1:{port}/sample/"
    finally:
        stop(server)


def stop(server: subprocess.Popen[bytes]) -> None:
    """Ctrl+C, as a contributor stops it: `mkdocs serve` then removes its temporary site folder
    (on SIGTERM it leaves one in /tmp for every run)."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
