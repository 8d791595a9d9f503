"""Archived copies: the Wayback Machine's snapshot nearest a source's date, to put in `archive_url`.

Uses the Wayback Availability JSON API (https://archive.org/help/wayback_api.php), whose answer is
`{"archived_snapshots": {"closest": {"available": true, "url": ..., "timestamp": ..., "status": "200"}}}`
or `{"archived_snapshots": {}}` when there is no copy. Network, so never part of a build.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit, urlunsplit

from explainer.model.dates import PartialDate

WAYBACK_AVAILABLE = "https://archive.org/wayback/available"
_ANSWER_LIMIT = 64 * 1024


def availability_query(url: str, date: PartialDate, api: str = WAYBACK_AVAILABLE) -> str:
    """The API address asking for the snapshot of `url` nearest `date` (its first day, at its precision)."""
    return f"{api}?{urlencode({'url': url, 'timestamp': date.earliest().strftime('%Y%m%d')})}"


def closest_snapshot(answer: str) -> str | None:
    """The snapshot address in an availability answer, or None when the archive has no good copy."""
    try:
        closest = json.loads(answer)["archived_snapshots"]["closest"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(closest, dict) or closest.get("available") is not True or str(closest.get("status")) != "200":
        return None
    address = closest.get("url")
    if not isinstance(address, str):
        return None
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or parts.hostname != "web.archive.org":
        return None
    return urlunsplit(parts._replace(scheme="https"))  # the archive answers with http:// addresses


def find_snapshot(query: str, user_agent: str, timeout: float) -> str | None:
    """Ask the archive; OSError (no network, timeout) is left to the caller."""
    request = urllib.request.Request(query, headers={"User-Agent": user_agent, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return closest_snapshot(response.read(_ANSWER_LIMIT).decode("utf-8", "replace"))
    except urllib.error.HTTPError:
        return None  # the archive answered, without a copy for us
