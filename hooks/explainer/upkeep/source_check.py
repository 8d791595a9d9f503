"""Source health: every address a source gives (original, copy, archived copy), checked, and
reported where it is written, as `path:line:col: field: what became of it`.

The report also exists as JSON, for the scheduled review workflow. Network, so never part of a
build; `explainer check-sources` is the command.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from explainer.load.loader import Content, Record
from explainer.model.kinds import Source
from explainer.model.problems import Problem
from explainer.resolve.siteinfo import SiteInfo
from explainer.upkeep.archives import availability_query, find_snapshot
from explainer.upkeep.linkcheck import TIMEOUT_SECONDS, LinkResult, NoNetworkError, Status

ADDRESS_FIELDS = ("url", "copy_url", "archive_url")
STATUSES: tuple[Status, ...] = ("ok", "moved", "changed", "dead", "error")


def user_agent(site: SiteInfo, repo_url: str = "") -> str:
    """Who is asking, and where to read about it: servers see this in their logs. It names the
    site from its settings (mkdocs.yml), never a subject of the code's own."""
    try:
        version = metadata.version("explainer")
    except metadata.PackageNotFoundError:
        version = "dev"
    contact = repo_url or site.repo_url or site.url
    about = f"checks the sources {site.name} cites" if site.name else "checks the sources a site cites"
    return f"explainer-source-check/{version} ({about}{f'; +{contact}' if contact else ''})"


@dataclass(frozen=True)
class SourceAddress:
    """One address one source gives, and where it is written."""

    source_id: str
    field: str  # url, copy_url or archive_url
    url: str
    path: str
    line: int
    column: int
    field_path: str  # e.g. sources[2].url
    has_archive: bool


def _sources(content: Content) -> list[tuple[Record, Source]]:
    return [(record, record.item) for record in content.of("source") if isinstance(record.item, Source)]


def source_addresses(content: Content) -> list[SourceAddress]:
    found = []
    for record, source in _sources(content):
        for name in ADDRESS_FIELDS:
            url = getattr(source, name)
            if url:
                line, column = record.where(name)
                found.append(
                    SourceAddress(
                        source.id,
                        name,
                        url,
                        record.file,
                        line,
                        column,
                        record.field_path(name),
                        bool(source.archive_url),
                    )
                )
    return found


def _message(address: SourceAddress, result: LinkResult) -> str:
    if result.refused:
        return f"not asked: {result.detail} ({address.url}); a source is cited at a public http(s) address"
    if result.status == "dead":
        keep = "the archived copy remains" if address.has_archive else "find where it went, or add `archive_url`"
        return f"dead: {result.detail} ({address.url}); {keep}"
    if result.status == "moved":
        return f"moved: {result.detail}; update the address"
    if result.status == "changed":
        return f"changed: {result.detail} ({address.url}); does the summary still hold?"
    return f"could not check: {result.detail} ({address.url})"


def _fails(result: LinkResult) -> bool:
    """Dead, or an address the checker may not ask: the command exits non-zero."""
    return result.status == "dead" or result.refused


def failed(checked: list[tuple[SourceAddress, LinkResult]]) -> bool:
    return any(_fails(r) for _, r in checked)


def problems(checked: list[tuple[SourceAddress, LinkResult]]) -> list[Problem]:
    """What needs a look, at the place it is written: a dead address is an error, the rest notices."""
    return sorted(
        Problem(a.path, a.line, a.column, a.field_path, _message(a, r), "error" if _fails(r) else "warning")
        for a, r in checked
        if r.status != "ok"
    )


def counts(checked: list[tuple[SourceAddress, LinkResult]]) -> dict[str, int]:
    tally = Counter(r.status for _, r in checked)
    return {status: tally.get(status, 0) for status in STATUSES}


def summary_line(checked: list[tuple[SourceAddress, LinkResult]], asked: int) -> str:
    tally = ", ".join(f"{n} {status}" for status, n in counts(checked).items())
    sources = len({a.source_id for a, _ in checked})
    cached = len({r.url for _, r in checked}) - asked
    return f"checked {len(checked)} address(es) of {sources} source(s) ({asked} asked, {cached} cached): {tally}"


def report(checked: list[tuple[SourceAddress, LinkResult]], asked: int, now: dt.datetime) -> dict[str, Any]:
    """The machine-readable form (what the review workflow reads)."""
    return {
        "checked_at": now.isoformat(timespec="seconds"),
        "asked": asked,
        "counts": counts(checked),
        "addresses": [
            {
                "source": a.source_id,
                "field": a.field,
                "field_path": a.field_path,
                "url": a.url,
                "path": a.path,
                "line": a.line,
                "column": a.column,
                "status": r.status,
                "detail": r.detail,
                "code": r.code,
                "final_url": r.final_url,
                "refused": r.refused,
                "checked_at": r.checked_at,
                "message": _message(a, r) if r.status != "ok" else "",
            }
            for a, r in sorted(checked, key=lambda pair: (pair[0].path, pair[0].line, pair[0].column))
        ],
    }


class ReportError(ValueError):
    """A stored report that is not what `check-sources --output` writes."""


def load_report(path: Path) -> list[dict[str, Any]]:
    """The addresses of a stored report, each with path, line, column, field_path, status and message."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReportError(f"{path}: not a source check report: {exc}") from None
    addresses = data.get("addresses") if isinstance(data, dict) else None
    needed = {"source", "field_path", "url", "path", "line", "column", "status", "message"}
    if not isinstance(addresses, list) or not all(isinstance(a, dict) and needed <= a.keys() for a in addresses):
        raise ReportError(f"{path}: not a source check report (each address needs {', '.join(sorted(needed))})")
    return addresses


def suggest_archives(
    content: Content, agent: str, api: str | None = None, timeout: float = TIMEOUT_SECONDS
) -> list[Problem]:
    """For each source with an address but no `archive_url`: the Wayback snapshot nearest its date."""
    suggestions, failures, asked = [], [], 0
    for record, source in _sources(content):
        if not source.url or source.archive_url:
            continue
        query = availability_query(source.url, source.date, *([api] if api else []))
        asked += 1
        try:
            snapshot = find_snapshot(query, agent, timeout)
        except OSError as exc:
            failures.append(f"{source.url}: {exc}")
            continue
        line, column = record.where()
        message = (
            f"archive_url: {snapshot}" if snapshot else "no archived copy found; ask the Wayback Machine to save one"
        )
        suggestions.append(Problem(record.file, line, column, record.field_path(), message, "warning"))
    if asked and len(failures) == asked:
        raise NoNetworkError(
            f"no network: the archive could not be reached ({failures[0]}); nothing was looked up. "
            "Connect to the internet and run again."
        )
    return suggestions
