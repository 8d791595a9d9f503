"""Helpers for the upkeep tests: a scripted HTTP server on a loopback address, a small project, git.

(A unique module name: test folders share sys.path.)
"""

from __future__ import annotations

import argparse
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

from explainer.upkeep.cli import add_upkeep_commands, cmd_check_sources
from explainer.upkeep.public_http import IPAddress, Network, is_public, system_resolver

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "fixtures" / "sample"
FIXTURES = REPO / "tests" / "fixtures" / "upkeep"


def _loopback_or_public(ip: IPAddress) -> bool:
    return ip.is_loopback or is_public(ip)


# Content may not name a bare IP address or localhost (`make check` refuses them), so content in
# these tests names the stand-in servers by this host, which only the tests' network resolves.
STAND_IN_HOST = "sources.example.org"


def _resolve_stand_in(host: str, port: int) -> list[str]:
    return ["127.0.0.1"] if host == STAND_IN_HOST else system_resolver(host, port)


def named(base: str) -> str:
    """A stand-in server's address (http://127.0.0.1:port) as content names it."""
    return base.replace("127.0.0.1", STAND_IN_HOST, 1)


# The stand-in servers listen on loopback addresses, which the checker refuses unless told otherwise.
LOOPBACK_TOO = Network(allow=_loopback_or_public, resolve=_resolve_stand_in)


@dataclass
class Route:
    """What the server answers on one path: a status, headers, and a body for GET."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"<!doctype html><title>ok</title>"
    head_status: int | None = None  # a different status for HEAD (servers that refuse it)
    delay: float = 0.0


@dataclass
class ServerLog:
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path)
    user_agents: set[str] = field(default_factory=set)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, path: str) -> int:
        return Counter(p for _, p in self.requests)[path]


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, Route]
    log: ServerLog
    shared: ServerLog | None  # counts in-flight requests across several servers

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, method: str) -> None:
        logs = [self.log] + ([self.shared] if self.shared else [])
        for log in logs:
            with log.lock:
                log.requests.append((method, self.path))
                log.user_agents.add(self.headers.get("User-Agent", ""))
                log.in_flight += 1
                log.most_in_flight = max(log.most_in_flight, log.in_flight)
        route = self.routes.get(self.path.split("?")[0], Route(status=404))  # the log keeps the query
        time.sleep(route.delay)
        for log in logs:  # done before answering: the client cannot ask again before it has the answer
            with log.lock:
                log.in_flight -= 1
        status = route.head_status if method == "HEAD" and route.head_status else route.status
        self.send_response(status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        if method == "GET":
            self.wfile.write(route.body)

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")


@contextmanager
def serve(
    routes: dict[str, Route], host: str = "127.0.0.1", shared: ServerLog | None = None
) -> Iterator[tuple[str, ServerLog]]:
    """A threaded HTTP server on `host` (a loopback address) and a free port: (base address, log)."""
    log = ServerLog()
    handler = type("Handler", (_Handler,), {"routes": routes, "log": log, "shared": shared})
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}", log
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A loopback port nothing listens on: connections to it are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_project(root: Path) -> Path:
    """A copy of the sample content and pages under root/project."""
    project = root / "project"
    shutil.copytree(SAMPLE, project)
    return project


def sources_yaml(entries: list[dict[str, str]]) -> str:
    """A sources.yml with one minimal source per entry (id, url and optional extra fields)."""
    lines = []
    for entry in entries:
        lines += [
            f"- id: {entry['id']}",
            f"  title: Source {entry['id']}",
            "  publisher: Example Press",
            "  kind: news",
            f"  date: {entry.get('date', '2020-05-04')}",
        ]
        lines += [f"  {key}: {value}" for key, value in entry.items() if key not in ("id", "date")]
        lines.append("  summary: A summary in our words.")
    return "\n".join(lines) + "\n"


def explainer(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "explainer", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(cwd),
    }
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=True)
    return result.stdout


def wait_until(predicate: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def check_sources(project: Path, *args: str, network: Network = LOOPBACK_TOO) -> subprocess.CompletedProcess:
    """`explainer check-sources` run in this process, with a network policy that reaches the stand-in
    servers (the command line has no way to widen it)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--content", type=Path, default=project / "content")
    add_upkeep_commands(parser.add_subparsers(), project)
    parsed = parser.parse_args(["check-sources", *args])
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cmd_check_sources(parsed, network)
    return subprocess.CompletedProcess(["check-sources", *args], code, out.getvalue(), err.getvalue())
