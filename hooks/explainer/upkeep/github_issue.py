"""Keep one open GitHub issue in step with a list: open it, rewrite it, close it when the list is empty.

GitHub's REST API over urllib, with the workflow's token. The issue is found by its label and a
marker in its body, so an issue someone else labels the same way is left alone.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

API = "https://api.github.com"
LABEL = "review-queue"
LABEL_COLOUR = "fbca04"
TIMEOUT_SECONDS = 30.0


class GitHubError(Exception):
    """An API call failed; the message says which and why."""


@dataclass(frozen=True)
class GitHub:
    repo: str  # owner/name
    token: str
    api: str = API
    user_agent: str = "explainer-review-queue"  # the command line names the site (SiteInfo.user_agent)

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(
            f"{self.api.rstrip('/')}/repos/{self.repo}{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json",
                "User-Agent": self.user_agent,
                "X-GitHub-Api-Version": "2022-11-28",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            with error:
                detail = error.read(500).decode("utf-8", "replace")
            raise GitHubError(f"{method} {path}: {error.code} {error.reason}: {detail}") from None
        except OSError as error:
            raise GitHubError(f"{method} {path}: {error}") from None
        return json.loads(text) if text else None


def _ensure_label(github: GitHub, label: str) -> None:
    try:
        github.call("GET", f"/labels/{quote(label)}")
    except GitHubError as error:
        if " 404 " not in str(error):
            raise
        description = "Content that may have gone stale (kept up to date by a workflow)"
        github.call("POST", "/labels", {"name": label, "color": LABEL_COLOUR, "description": description})


def find_issue(github: GitHub, label: str, marker: str) -> dict[str, Any] | None:
    """The oldest open issue with the label and the marker (pull requests excluded)."""
    query = urlencode({"state": "open", "labels": label, "sort": "created", "direction": "asc", "per_page": 50})
    issues = github.call("GET", f"/issues?{query}") or []
    ours = [i for i in issues if "pull_request" not in i and marker in (i.get("body") or "")]
    return ours[0] if ours else None


def sync_issue(github: GitHub, title: str, body: str, count: int, marker: str, label: str = LABEL) -> str:
    """Make the open issue say `body` (or close it when `count` is 0); return what was done."""
    issue = find_issue(github, label, marker)
    if count == 0:
        if issue is None:
            return "nothing to review; no open issue"
        number = issue["number"]
        github.call("POST", f"/issues/{number}/comments", {"body": "Nothing is left to review: closing."})
        github.call("PATCH", f"/issues/{number}", {"state": "closed", "state_reason": "completed"})
        return f"closed #{number}"
    if issue is None:
        _ensure_label(github, label)
        created = github.call("POST", "/issues", {"title": title, "body": body, "labels": [label]})
        return f"opened #{created['number']}"
    if issue.get("body") == body and issue.get("title") == title:
        return f"#{issue['number']} is up to date"
    github.call("PATCH", f"/issues/{issue['number']}", {"title": title, "body": body})
    return f"updated #{issue['number']}"
