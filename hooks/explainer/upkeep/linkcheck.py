"""Are these addresses still there? HTTP checks with a cache. Network, so never part of a build.

Standard library only. Each address gets a HEAD request (a GET when the server refuses
HEAD or answers it with an error), at most 4 hosts at once and one request at a time
per host, a time limit per address and one per run, and a user agent that names the
project. Only public http(s) hosts are asked (explainer.upkeep.public_http): redirects are
followed by hand, so a permanent move is seen and every hop is checked again. Results
are kept in a JSON cache: a rerun within `max_age` asks nothing again, and a later run
compares ETag / Last-Modified with the last ones to say that a page changed. A cache
that does not read back as one is ignored with a warning.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import socket
import ssl
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, fields, replace
from email.message import Message
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import urljoin, urlsplit

from explainer.upkeep.public_http import PUBLIC_INTERNET, Network, Refused, request, target

Status = Literal["ok", "moved", "changed", "dead", "error"]
TIMEOUT_SECONDS = 20.0  # per address: every request and redirect it takes
RUN_SECONDS = 15 * 60.0  # the whole run; the workflow's job stops at 20 minutes
MAX_WORKERS = 4  # hosts checked at once; one host never sees two requests at a time
MAX_REDIRECTS = 5
DEFAULT_MAX_AGE = dt.timedelta(hours=20)  # a rerun the same day is free; the weekly run asks again
CACHE_VERSION = 2  # 2: results say whether the address was refused
_PERMANENT = (301, 308)
_GONE = (404, 410)
_BODY_LIMIT = 64 * 1024  # a GET reads this much at most, then lets go
NAME_NOT_RESOLVED = "the host name does not resolve"
RUN_OUT = "not checked: the run's time limit ran out"


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
    refused: bool = False  # not asked: not a public http(s) address, or redirected to one

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
    refused: bool = False  # the address was not asked at all


def _request(url: str, method: str, user_agent: str, deadline: float, network: Network) -> _Answer:
    try:
        where = target(url, network)
        response = request(
            where, method, {"User-Agent": user_agent, "Accept": "*/*"}, deadline, _BODY_LIMIT if method == "GET" else 0
        )
    except Refused as refused:
        return _Answer(None, "", failure=str(refused), refused=True)
    except (OSError, http.client.HTTPException, ValueError) as error:  # timeouts and TLS are OSErrors
        return _Answer(None, "", failure=_describe(error))
    return _Answer(response.code, response.reason, response.headers, response.headers.get("Location"))


def _describe(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return NAME_NOT_RESOLVED
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return "no complete answer within the time limit"
    if isinstance(reason, ssl.SSLError):
        return f"TLS failed: {reason.reason or reason}"
    return str(reason) or type(reason).__name__


def _follow(url: str, method: str, user_agent: str, deadline: float, network: Network) -> tuple[_Answer, str, bool]:
    """The last answer, the address it came from, and whether any hop was a permanent move.
    Every hop is checked again (scheme, host, addresses) before it is asked."""
    current, permanent = url, False
    for _ in range(MAX_REDIRECTS + 1):
        answer = _request(current, method, user_agent, deadline, network)
        if answer.code is None or not (300 <= answer.code < 400) or not answer.location:
            return answer, current, permanent
        permanent = permanent or answer.code in _PERMANENT
        current = urljoin(current, answer.location.strip())
    return replace(answer, reason=f"more than {MAX_REDIRECTS} redirects"), current, permanent


def check_url(
    url: str,
    user_agent: str,
    previous: LinkResult | None = None,
    timeout: float = TIMEOUT_SECONDS,
    now: dt.datetime | None = None,
    network: Network = PUBLIC_INTERNET,
    run_deadline: float | None = None,
) -> LinkResult:
    """Ask the server about one address and say what became of it since `previous`.
    `timeout` is for the whole address: both methods and every redirect."""
    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    deadline = time.monotonic() + timeout
    if run_deadline is not None:
        deadline = min(deadline, run_deadline)
    answer, final, permanent = _follow(url, "HEAD", user_agent, deadline, network)
    if answer.code is not None and answer.code >= 400:  # many servers refuse HEAD or answer it wrongly
        answer, final, permanent = _follow(url, "GET", user_agent, deadline, network)
    if answer.refused:
        where = "" if final == url else f" (redirected to {final[:200]})"
        return LinkResult(url, "error", f"{answer.failure}{where}", stamp, final_url=final, refused=True)
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
    """Results by address in one JSON file (`.cache/` is git-ignored). Plain data, checked field by
    field on reading: a file that is not what `save` writes is ignored, and `warning` says why."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.results: dict[str, LinkResult] = {}
        self.warning = ""
        if path is not None and (path.exists() or path.is_symlink()):
            try:
                self.results = _read_cache(path)
            except CacheError as exc:
                self.warning = f"{path}: ignored the cache, every address is asked again: {exc}"

    def fresh(self, url: str, now: dt.datetime, max_age: dt.timedelta) -> LinkResult | None:
        cached = self.results.get(url)
        if cached is None or cached.unreachable or cached.age(now) > max_age:
            return None
        return cached

    def save(self) -> None:
        """Write the file whole (a temporary file renamed over it); a failure is a warning, not a crash."""
        if self.path is None:
            return
        data = {"version": CACHE_VERSION, "results": {u: asdict(r) for u, r in sorted(self.results.items())}}
        part = self.path.with_name(f".{self.path.name}.{os.getpid()}.part")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            part.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
            os.replace(part, self.path)
        except OSError as exc:
            part.unlink(missing_ok=True)
            self.warning = f"{self.path}: could not save the cache: {exc.strerror or exc}"


class CacheError(ValueError):
    """A cache file that is not what LinkCache.save writes."""


_CACHE_LIMIT = 64 * 1024 * 1024
_OPTIONAL_TEXT = ("final_url", "etag", "last_modified")


def _cached_result(url: object, raw: object) -> LinkResult:
    """One cached entry, every field of the type LinkResult gives it."""
    if not isinstance(url, str) or not isinstance(raw, dict):
        raise CacheError(f"entry {str(url)[:80]!r} is not an object")
    names = {f.name for f in fields(LinkResult)}
    if not raw.keys() <= names or not {"url", "status", "detail", "checked_at"} <= raw.keys():
        raise CacheError(f"entry {url[:80]!r} does not have the fields of a result")
    values: dict[str, Any] = dict(raw)
    checks = [
        (values["url"] == url, "url"),
        (values["status"] in get_args(Status), "status"),
        (isinstance(values["detail"], str), "detail"),
        (isinstance(values["checked_at"], str), "checked_at"),
        (values.get("code") is None or type(values.get("code")) is int, "code"),
        *((values.get(name) is None or isinstance(values.get(name), str), name) for name in _OPTIONAL_TEXT),
        *((type(values.get(name, False)) is bool, name) for name in ("unreachable", "refused")),
    ]
    for good, name in checks:
        if not good:
            raise CacheError(f"entry {url[:80]!r}: {name} is not what a result holds")
    try:
        stamp = dt.datetime.fromisoformat(values["checked_at"])
    except ValueError:
        raise CacheError(f"entry {url[:80]!r}: checked_at is not a date and time") from None
    if stamp.tzinfo is None:
        raise CacheError(f"entry {url[:80]!r}: checked_at has no time zone")
    return LinkResult(**values)


def _read_cache(path: Path) -> dict[str, LinkResult]:
    """The results in a cache file; CacheError for anything else (another version, damage, a folder)."""
    try:
        if not path.is_file() or path.stat().st_size > _CACHE_LIMIT:
            raise CacheError("not a regular file of a sensible size")
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CacheError(f"could not be read: {exc.strerror or exc}") from None
    except (ValueError, RecursionError) as exc:  # JSON and UTF-8 errors are ValueErrors
        raise CacheError(f"not JSON: {exc}"[:200]) from None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        raise CacheError(f"not a version {CACHE_VERSION} cache")
    results = data.get("results")
    if not isinstance(results, dict):
        raise CacheError("no results")
    return {url: _cached_result(url, raw) for url, raw in results.items()}


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
    network: Network = PUBLIC_INTERNET,
    run_timeout: float = RUN_SECONDS,
) -> CheckRun:
    """Check every address not fresh in the cache; raise NoNetworkError when none could be reached.
    Addresses still waiting when `run_timeout` seconds have passed are reported as not checked."""
    now = now or dt.datetime.now(dt.UTC)
    run_deadline = time.monotonic() + run_timeout
    stamp = now.isoformat(timespec="seconds")
    wanted = sorted(set(urls))
    results = {url: cached for url in wanted if (cached := cache.fresh(url, now, max_age))}
    by_host: dict[str, list[str]] = {}
    for url in wanted:
        if url not in results:
            by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)

    def check_one(url: str) -> LinkResult:
        if time.monotonic() >= run_deadline:
            return LinkResult(url, "error", f"{RUN_OUT} ({run_timeout:g} s)", stamp, unreachable=True)
        return check_url(url, user_agent, cache.results.get(url), timeout, now, network, run_deadline)

    def check_host(host_urls: list[str]) -> list[LinkResult]:
        return [check_one(url) for url in host_urls]

    with ThreadPoolExecutor(max_workers=max(1, min(workers, MAX_WORKERS))) as pool:
        fresh = [result for batch in pool.map(check_host, by_host.values()) for result in batch]
    tried = [result for result in fresh if not result.detail.startswith(RUN_OUT)]
    if tried and all(result.unreachable for result in tried):
        example = tried[0]
        raise NoNetworkError(
            f"no network: none of the {len(tried)} address(es) could be reached "
            f"({example.url}: {example.detail}); nothing was checked and the cache is unchanged. "
            "Connect to the internet and run the check again."
        )
    for result in fresh:  # some host answered, so the network is there
        result = dead_name(result)
        results[result.url] = result
        if not result.unreachable:
            cache.results[result.url] = result
    cache.save()
    return CheckRun(results, len(tried))
