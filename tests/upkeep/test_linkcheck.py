"""The address checker against a scripted server on 127.0.0.1: statuses, HEAD then GET,
the user agent, the cache, politeness, and a clear failure without a network."""

from __future__ import annotations

import datetime as dt
import socket
from contextlib import ExitStack
from pathlib import Path

import pytest
from explainer.upkeep.linkcheck import CACHE_VERSION, LinkCache, NoNetworkError, check_url, check_urls
from upkeep_support import LOOPBACK_TOO, Route, ServerLog, closed_port, serve

AGENT = "china-tech-explainer-source-check/test (+https://github.com/someone/fork)"
NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


def _routes() -> dict[str, Route]:
    return {
        "/ok": Route(headers={"ETag": '"v1"'}),
        "/old": Route(status=301, headers={"Location": "/new"}),
        "/new": Route(),
        "/temporary": Route(status=302, headers={"Location": "/ok"}),
        "/gone": Route(status=410),
        "/no-head": Route(head_status=405),
        "/broken": Route(status=500),
        "/loop": Route(status=301, headers={"Location": "/loop"}),
    }


@pytest.fixture
def server():
    with serve(_routes()) as (base, log):
        yield base, log


def test_each_answer_gets_its_status(server):
    base, _ = server
    results = {path: check_url(base + path, AGENT, now=NOW, network=LOOPBACK_TOO) for path in _routes()}
    assert {path: r.status for path, r in results.items()} == {
        "/ok": "ok",
        "/old": "moved",
        "/new": "ok",
        "/temporary": "ok",  # temporary redirects are how sites work, not a move
        "/gone": "dead",
        "/no-head": "ok",
        "/broken": "error",
        "/loop": "error",
    }
    assert results["/old"].final_url == base + "/new"
    assert results["/old"].detail == f"moved permanently to {base}/new"
    assert results["/gone"].detail == "410 Gone"
    assert results["/loop"].detail.endswith("more than 5 redirects")
    assert not any(r.unreachable for r in results.values())


def test_head_first_then_get_only_when_head_is_refused(server):
    base, log = server
    check_url(base + "/ok", AGENT, network=LOOPBACK_TOO)
    check_url(base + "/no-head", AGENT, network=LOOPBACK_TOO)
    assert [m for m, p in log.requests if p == "/ok"] == ["HEAD"]
    assert [m for m, p in log.requests if p == "/no-head"] == ["HEAD", "GET"]


def test_a_missing_page_is_asked_with_get_too_before_it_is_called_dead(server):
    base, log = server
    assert check_url(base + "/nowhere", AGENT, network=LOOPBACK_TOO).status == "dead"
    assert [m for m, p in log.requests if p == "/nowhere"] == ["HEAD", "GET"]


def test_the_user_agent_names_the_project_and_its_repository(server):
    base, log = server
    check_url(base + "/ok", AGENT, network=LOOPBACK_TOO)
    assert log.user_agents == {AGENT}


def test_a_rerun_within_max_age_asks_nothing_and_an_older_result_is_asked_again(server, tmp_path: Path):
    base, log = server
    cache_file = tmp_path / ".cache" / "links.json"
    urls = [base + "/ok", base + "/gone"]
    first = check_urls(urls, AGENT, LinkCache(cache_file), now=NOW, network=LOOPBACK_TOO)
    assert first.asked == 2 and cache_file.is_file()
    asked_before = len(log.requests)
    again = check_urls(urls, AGENT, LinkCache(cache_file), max_age=dt.timedelta(hours=1), now=NOW, network=LOOPBACK_TOO)
    assert again.asked == 0 and len(log.requests) == asked_before
    assert {u: r.status for u, r in again.results.items()} == {u: r.status for u, r in first.results.items()}
    later = check_urls(
        urls,
        AGENT,
        LinkCache(cache_file),
        max_age=dt.timedelta(hours=1),
        now=NOW + dt.timedelta(hours=2),
        network=LOOPBACK_TOO,
    )
    assert later.asked == 2 and len(log.requests) > asked_before


def test_a_page_whose_etag_changed_is_reported_once(tmp_path: Path):
    routes = {"/page": Route(headers={"ETag": '"v1"'})}
    cache_file = tmp_path / "links.json"
    with serve(routes) as (base, _):
        url = base + "/page"
        assert (
            check_urls([url], AGENT, LinkCache(cache_file), now=NOW, network=LOOPBACK_TOO).results[url].status == "ok"
        )
        routes["/page"] = Route(headers={"ETag": '"v2"'})
        later = NOW + dt.timedelta(days=7)
        changed = check_urls([url], AGENT, LinkCache(cache_file), now=later, network=LOOPBACK_TOO).results[url]
        assert changed.status == "changed" and changed.detail == "changed since 2026-11-30"
        after = check_urls(
            [url], AGENT, LinkCache(cache_file), now=later + dt.timedelta(days=7), network=LOOPBACK_TOO
        ).results[url]
        assert after.status == "ok"


def test_a_damaged_cache_is_started_again(server, tmp_path: Path):
    base, _ = server
    cache_file = tmp_path / "links.json"
    cache_file.write_text("{not json")
    cache = LinkCache(cache_file)
    assert cache.warning.startswith(f"{cache_file}: ignored the cache, every address is asked again: not JSON")
    run = check_urls([base + "/ok"], AGENT, cache, now=NOW, network=LOOPBACK_TOO)
    assert run.asked == 1 and f'"version": {CACHE_VERSION}' in cache_file.read_text()


def test_at_most_four_hosts_at_once_and_one_request_per_host(tmp_path: Path):
    """Eight servers on eight loopback addresses, three slow pages each."""
    shared = ServerLog()
    routes = {f"/p{i}": Route(delay=0.25) for i in range(3)}
    servers, logs = [], []
    with ExitStack() as stack:
        for n in range(1, 9):
            base, log = stack.enter_context(serve(routes, host=f"127.0.0.{n}", shared=shared))
            servers.append(base)
            logs.append(log)
        urls = [base + path for base in servers for path in routes]
        run = check_urls(urls, AGENT, LinkCache(None), workers=16, now=NOW, network=LOOPBACK_TOO)
    assert run.asked == 24 and all(r.status == "ok" for r in run.results.values())
    assert 2 <= shared.most_in_flight <= 4, shared.most_in_flight
    assert all(log.most_in_flight == 1 for log in logs)


def test_no_network_is_said_clearly_and_nothing_is_cached(tmp_path: Path):
    cache_file = tmp_path / "links.json"
    urls = [f"http://127.0.0.1:{closed_port()}/a", f"http://127.0.0.1:{closed_port()}/b"]
    with pytest.raises(NoNetworkError) as raised:
        check_urls(urls, AGENT, LinkCache(cache_file), now=NOW, network=LOOPBACK_TOO)
    message = str(raised.value)
    assert message.startswith("no network: none of the 2 address(es) could be reached")
    assert "connection refused" in message and "nothing was checked" in message
    assert not cache_file.exists()


def test_a_resolver_that_answers_nothing_means_no_network(monkeypatch):
    def no_resolver(*args, **kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_resolver)
    with pytest.raises(NoNetworkError, match="the host name does not resolve"):
        check_urls(
            ["https://news.example/a", "https://agency.example/b"],
            AGENT,
            LinkCache(None),
            now=NOW,
            network=LOOPBACK_TOO,
        )


def test_a_name_that_no_longer_resolves_is_dead_while_others_answer(server, monkeypatch):
    base, _ = server
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host == "gone.example":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    run = check_urls(
        [base + "/ok", "https://gone.example/story"], AGENT, LinkCache(None), now=NOW, network=LOOPBACK_TOO
    )
    gone = run.results["https://gone.example/story"]
    assert gone.status == "dead" and gone.detail == "the host name does not resolve"
