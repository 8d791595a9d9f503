"""`explainer check-sources` asks only public http(s) hosts, within its deadlines, against
stand-in servers on 127.0.0.1 (no network); the checker reaches them only through a policy
a test injects, and refuses them by default."""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from explainer.upkeep.linkcheck import RUN_OUT, LinkCache, check_url, check_urls
from explainer.upkeep.public_http import Network, target

AGENT = "test-agent"
NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
ONLY_127_0_0_1 = Network(allow=lambda ip: ip == ipaddress.ip_address("127.0.0.1"))


@contextmanager
def stand_in(routes: dict[str, tuple[int, dict[str, str]]]) -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 answering each path with (status, headers); the log holds 'METHOD path host'."""
    log: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            log.append(f"{self.command} {self.path} {self.headers.get('Host')}")
            status, headers = routes.get(self.path, (404, {}))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", log
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def trickling() -> Iterator[str]:
    """A slowloris: answers at once, then one header byte every 0.2 s, for ever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def drip(conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(4096)
                conn.sendall(b"HTTP/1.1 200 OK\r\n")
                while not stop.is_set():
                    conn.sendall(b"X")
                    time.sleep(0.2)
            except OSError:
                pass

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()


def _no_dns(host: str, port: int) -> list[str]:
    raise AssertionError(f"{host} was looked up")


NAMES = {
    "metadata.internal.example": ["169.254.169.254"],
    "intranet.example": ["10.1.2.3"],
    "mixed.example": ["93.184.216.34", "127.0.0.1"],
    "v6.example": ["fd00:ec2::254"],
    "mapped.example": ["::ffff:192.168.0.1"],
}


def _fake_dns(host: str, port: int) -> list[str]:
    return NAMES[host]


REFUSED = [
    "http://127.0.0.1/",
    "http://127.8.9.10:8080/x",
    "http://[::1]/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[::7f00:1]/",
    "http://[2002:7f00:1::]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://0x7f.0.0.1/",
    "http://169.254.43518/",
    "http://1.2.3.0x10/",
    "http://metadata.internal.example/",
    "http://intranet.example/",
    "http://mixed.example/",
    "http://v6.example/",
    "http://mapped.example/",
    "file:///etc/passwd",
    "ftp://example.org/x",
    "data:text/plain,hello",
    "gopher://example.org/",
    "http://user:secret@example.org/",
    "http:///nohost",
]


@pytest.mark.parametrize("url", REFUSED)
def test_an_address_that_is_not_a_public_http_host_is_not_asked(url: str, monkeypatch):
    def no_connection(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was opened")

    monkeypatch.setattr(socket, "create_connection", no_connection)
    result = check_url(url, AGENT, now=NOW, network=Network(resolve=_fake_dns))
    assert result.refused and result.status == "error", result
    assert not result.unreachable


def test_a_public_address_passes_the_check_without_a_request():
    where = target("https://news.example/a?b=1", Network(resolve=lambda host, port: ["93.184.216.34"]))
    assert where.addresses == ("93.184.216.34",) and where.path == "/a?b=1" and where.port == 443


def test_by_default_the_stand_in_server_is_refused_too():
    with stand_in({"/ok": (200, {})}) as (base, log):
        result = check_url(base + "/ok", AGENT, now=NOW)
    assert result.refused and "127.0.0.1 is not a public address" in result.detail
    assert log == []


@pytest.mark.parametrize(
    "location",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/x",
        "data:text/html,<script>alert(1)</script>",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.2]/",
        "http://127.0.0.2/",
        "http://2130706434/",
    ],
)
def test_a_redirect_to_another_scheme_or_a_private_address_is_not_followed(location: str):
    with stand_in({"/start": (302, {"Location": location})}) as (base, log):
        result = check_url(base + "/start", AGENT, now=NOW, network=ONLY_127_0_0_1)
    assert result.refused and result.status == "error"
    assert "redirected to" in result.detail
    assert [line.split()[:2] for line in log] == [["HEAD", "/start"]]


def test_a_redirect_chain_is_checked_at_every_hop_and_limited():
    routes = {f"/hop{n}": (301, {"Location": f"/hop{n + 1}"}) for n in range(10)}
    with stand_in(routes) as (base, log):
        result = check_url(base + "/hop0", AGENT, now=NOW, network=ONLY_127_0_0_1)
    assert result.status == "error" and "redirects" in result.detail
    assert len(log) <= 2 * 6


def test_the_connection_goes_to_the_address_that_was_checked():
    """A name that would resolve elsewhere the second time is looked up once per request."""
    lookups: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"] if len(lookups) == 1 else ["169.254.169.254"]

    with stand_in({"/ok": (200, {})}) as (base, log):
        port = base.rsplit(":", 1)[1]
        result = check_url(
            f"http://rebind.example:{port}/ok", AGENT, now=NOW, network=Network(ONLY_127_0_0_1.allow, rebinding)
        )
    assert result.status == "ok", result
    assert lookups == ["rebind.example"]
    assert log == [f"HEAD /ok rebind.example:{port}"]


def test_a_trickling_server_is_cut_at_the_address_deadline():
    with trickling() as base:
        started = time.monotonic()
        result = check_url(base + "/slow", AGENT, timeout=1.0, now=NOW, network=ONLY_127_0_0_1)
        took = time.monotonic() - started
    assert took < 3, took
    assert result.status == "error" and result.detail == "no complete answer within the time limit"


def test_the_run_stops_at_its_deadline():
    with trickling() as slow, stand_in({"/ok": (200, {})}) as (fast, _):
        urls = [f"{slow}/{n}" for n in range(12)] + [fast + "/ok"]
        started = time.monotonic()
        run = check_urls(urls, AGENT, LinkCache(None), timeout=1.0, now=NOW, network=ONLY_127_0_0_1, run_timeout=1.5)
        took = time.monotonic() - started
    assert took < 4, took
    assert run.results[fast + "/ok"].status == "ok"
    details = [run.results[url].detail for url in urls[:12]]
    assert details[0] == "no complete answer within the time limit"
    assert sum(d.startswith(RUN_OUT) for d in details) >= 10, details


CORRUPT = {
    "not json": b"{not json",
    "not utf-8": b"\xff\xfe\x00",
    "a list": b"[1, 2]",
    "another version": json.dumps({"version": 1, "results": {}}).encode(),
    "results a list": json.dumps({"version": 2, "results": []}).encode(),
    "an entry a string": json.dumps({"version": 2, "results": {"http://a.example/": "ok"}}).encode(),
    "a wrong type": json.dumps(
        {
            "version": 2,
            "results": {
                "http://a.example/": {"url": "http://a.example/", "status": "ok", "detail": "", "checked_at": 5}
            },
        }
    ).encode(),
    "a code that is text": json.dumps(
        {
            "version": 2,
            "results": {
                "http://a.example/": {
                    "url": "http://a.example/",
                    "status": "ok",
                    "detail": "",
                    "checked_at": "2026-01-01T00:00:00+00:00",
                    "code": "200",
                }
            },
        }
    ).encode(),
    "an unknown status": json.dumps(
        {
            "version": 2,
            "results": {
                "http://a.example/": {
                    "url": "http://a.example/",
                    "status": "pwned",
                    "detail": "",
                    "checked_at": "2026-01-01T00:00:00+00:00",
                }
            },
        }
    ).encode(),
    "an extra field": json.dumps(
        {
            "version": 2,
            "results": {
                "http://a.example/": {
                    "url": "http://a.example/",
                    "status": "ok",
                    "detail": "",
                    "checked_at": "2026-01-01T00:00:00+00:00",
                    "x": 1,
                }
            },
        }
    ).encode(),
    "deep nesting": b"[" * 100000,
    "a pickle": b"\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00.",
}


@pytest.mark.parametrize("name", list(CORRUPT))
def test_a_bad_cache_is_ignored_with_a_warning(tmp_path: Path, name: str):
    cache_file = tmp_path / "source-check.json"
    cache_file.write_bytes(CORRUPT[name])
    cache = LinkCache(cache_file)
    assert cache.results == {}
    assert cache.warning.startswith(f"{cache_file}: ignored the cache, every address is asked again: ")
    with stand_in({"/ok": (200, {})}) as (base, _):
        run = check_urls([base + "/ok"], AGENT, cache, now=NOW, network=ONLY_127_0_0_1)
    assert run.asked == 1 and run.results[base + "/ok"].status == "ok"
    assert LinkCache(cache_file).warning == ""  # saved whole, as JSON, readable again


def test_a_cache_that_is_a_folder_is_a_warning(tmp_path: Path):
    (tmp_path / "source-check.json").mkdir()
    cache = LinkCache(tmp_path / "source-check.json")
    assert "ignored the cache" in cache.warning
    cache.save()
    assert "could not save the cache" in cache.warning
