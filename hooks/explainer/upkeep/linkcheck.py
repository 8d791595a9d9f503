"""Are these addresses still there? HTTP checks with a cache. Network, so never part of a build.

Standard library only. Each address gets a HEAD request (a GET when the server refuses
HEAD or answers it with an error), at most 4 hosts at once and one request at a time
per host, a timeout, and a user agent that names the project. Redirects are followed
by hand so a permanent move is seen. Results are kept in a JSON cache: a rerun within
`max_age` asks nothing again, and a later run compares ETag / Last-Modified with the
last ones to say that a page changed.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from email.message import Message
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit

Status = Literal["ok", "moved", "changed", "dead", "error"]
TIMEOUT_SECONDS = 10.0
MAX_WORKERS = 4  # hosts checked at once; one host never sees two requests at a time
MAX_REDIRECTS = 5
DEFAULT_MAX_AGE = dt.timedelta(hours=20)  # a rerun the same day is free; the weekly run asks again
CACHE_VERSION = 1
_PERMANENT = (301, 308)
_GONE = (404, 410)
_BODY_LIMIT = 64 * 1024  # a GET reads this much at most, then lets go
NAME_NOT_RESOLVED = "the host name does not resolve"


class NoNetworkError(Exception):
    """Not one address could be reached: the machine is offline, not the sources dead."""


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: Status
    detail: str  # what a maintainer reads: "404 Not Found", "moved permanently to ..."
    checked_at: str  # ISO 8601, UTC
    code: int | None = None  # the last HTTP status seen
    final_url: str | None = None  # where the address leads, after redirects
    etag: str | None = None
    last_modified: str | None = None
    unreachable: bool = False  # no HTTP answer at all (name, connection, timeout)

    def age(self, now: dt.datetime) -> dt.timedelta:
        try:
            return now - dt.datetime.fromisoformat(self.checked_at)
        except ValueError:
            return dt.timedelta.max


@dataclass(frozen=True)
class _Answer:
    """One HTTP response, or the reason there was none."""

    code: int | None
    reason: str
    headers: Message | None = None
    location: str | None = None
    failure: str | None = None  # set when no response came back


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # followed by hand, to see whether a hop is permanent


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirects())


def _request(opener: urllib.request.OpenerDirector, url: str, method: str, user_agent: str, timeout: float) -> _Answer:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(_BODY_LIMIT)
            return _Answer(response.status, response.reason, response.headers)
    except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx: an answer all the same
        with error:
            return _Answer(error.code, str(error.reason), error.headers, error.headers.get("Location"))
    except urllib.error.URLError as error:
        return _Answer(None, "", failure=_describe(error.reason))
    except (OSError, http.client.HTTPException, ValueError) as error:  # timeouts and TLS are OSErrors
        return _Answer(None, "", failure=_describe(error))


def _describe(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return NAME_NOT_RESOLVED
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return "no answer within the time limit"
    if isinstance(reason, ssl.SSLError):
        return f"TLS failed: {reason.reason or reason}"
    return str(reason) or type(reason).__name__


def _follow(
    opener: urllib.request.OpenerDirector, url: str, method: str, user_agent: str, timeout: float
) -> tuple[_Answer, str, bool]:
    """The last answer, the address it came from, and whether any hop was a permanent move."""
    current, permanent = url, False
    for _ in range(MAX_REDIRECTS + 1):
        answer = _request(opener, current, method, user_agent, timeout)
        if answer.code is None or not (300 <= answer.code < 400) or not answer.location:
            return answer, current, permanent
        permanent = permanent or answer.code in _PERMANENT
        current = urljoin(current, answer.location)
    return replace(answer, reason=f"more than {MAX_REDIRECTS} redirects"), current, permanent


def check_url(
    url: str,
    user_agent: str,
    previous: LinkResult | None = None,
    timeout: float = TIMEOUT_SECONDS,
    now: dt.datetime | None = None,
) -> LinkResult:
    """Ask the server about one address and say what became of it since `previous`."""
    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    opener = _opener()
    answer, final, permanent = _follow(opener, url, "HEAD", user_agent, timeout)
    if answer.code is not None and answer.code >= 400:  # many servers refuse HEAD or answer it wrongly
        answer, final, permanent = _follow(opener, url, "GET", user_agent, timeout)
    if answer.code is None:
        failure = answer.failure or "no answer"
        return LinkResult(url, "error", failure, stamp, final_url=final, unreachable=True)
    headers = answer.headers
    etag = headers.get("ETag") if headers else None
    modified = headers.get("Last-Modified") if headers else None
    result = LinkResult(url, "ok", f"{answer.code} {answer.reason}".strip(), stamp, answer.code, final, etag, modified)
    if answer.code in _GONE:
        return replace(result, status="dead")
    if answer.code >= 300:  # an error, or redirects that lead nowhere
        return replace(result, status="error")
    if permanent and final != url:
        return replace(result, status="moved", detail=f"moved permanently to {final}")
    if previous and previous.code and previous.code < 400 and _changed(previous, result):
        return replace(result, status="changed", detail=f"changed since {previous.checked_at[:10]}")
    return result


def _changed(before: LinkResult, after: LinkResult) -> bool:
    """A validator the server gave both times differs."""
    pairs = [(before.etag, after.etag), (before.last_modified, after.last_modified)]
    return any(old and new and old != new for old, new in pairs)


def dead_name(result: LinkResult) -> LinkResult:
    """A host name that does not resolve while other hosts answer: the address is gone."""
    if result.unreachable and result.detail == NAME_NOT_RESOLVED:
        return replace(result, status="dead")
    return result


class LinkCache:
    """Results by address in one JSON file (`.cache/` is git-ignored)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.results: dict[str, LinkResult] = {}
        if path is not None and path.is_file():
            self.results = _read_cache(path)

    def fresh(self, url: str, now: dt.datetime, max_age: dt.timedelta) -> LinkResult | None:
        cached = self.results.get(url)
        if cached is None or cached.unreachable or cached.age(now) > max_age:
            return None
        return cached

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": CACHE_VERSION, "results": {u: asdict(r) for u, r in sorted(self.results.items())}}
        self.path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def _read_cache(path: Path) -> dict[str, LinkResult]:
    """A cache from another version, or one that was damaged, is started again rather than trusted."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            return {}
        return {url: LinkResult(**fields) for url, fields in data["results"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


@dataclass(frozen=True)
class CheckRun:
    results: dict[str, LinkResult]
    asked: int  # addresses asked about this time; the rest came from the cache


def check_urls(
    urls: Iterable[str],
    user_agent: str,
    cache: LinkCache,
    max_age: dt.timedelta = DEFAULT_MAX_AGE,
    timeout: float = TIMEOUT_SECONDS,
    workers: int = MAX_WORKERS,
    now: dt.datetime | None = None,
) -> CheckRun:
    """Check every address not fresh in the cache; raise NoNetworkError when none could be reached."""
    now = now or dt.datetime.now(dt.UTC)
    wanted = sorted(set(urls))
    results = {url: cached for url in wanted if (cached := cache.fresh(url, now, max_age))}
    by_host: dict[str, list[str]] = {}
    for url in wanted:
        if url not in results:
            by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)

    def check_host(host_urls: list[str]) -> list[LinkResult]:
        return [check_url(url, user_agent, cache.results.get(url), timeout, now) for url in host_urls]

    with ThreadPoolExecutor(max_workers=max(1, min(workers, MAX_WORKERS))) as pool:
        fresh = [result for batch in pool.map(check_host, by_host.values()) for result in batch]
    if fresh and all(result.unreachable for result in fresh):
        example = fresh[0]
        raise NoNetworkError(
            f"no network: none of the {len(fresh)} address(es) could be reached "
            f"({example.url}: {example.detail}); nothing was checked and the cache is unchanged. "
            "Connect to the internet and run the check again."
        )
    for result in fresh:  # some host answered, so the network is there
        result = dead_name(result)
        results[result.url] = result
        if not result.unreachable:
            cache.results[result.url] = result
    cache.save()
    return CheckRun(results, len(fresh))
