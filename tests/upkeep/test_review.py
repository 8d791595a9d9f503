"""The review queue, from the sample content on a chosen day, and the issue that mirrors it
(against a small stand-in for GitHub's API on 127.0.0.1)."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from explainer.model.dates import PartialDate
from explainer.model.kinds import Date, Fact
from explainer.upkeep.review import (
    ISSUE_MARKER,
    add_months,
    forecast_due,
    from_json,
    review_queue,
    to_json,
    to_markdown,
)
from upkeep_support import explainer, make_project

DAY = "2027-06-01"  # the sample's fact is due since 2026-06, its topics were reviewed in 2026-11
FORECAST = """- id: smic-5nm-by-2026
  statement: SMIC will make [[term:smic|its]] chips at 5 nm in volume by 2026.
  kind: forecast
  said_by: huawei
  date: 2024-03
  review_after: 2027-01
  sources: [smic-entity-list-2020]
"""
REPORT = {
    "addresses": [
        {
            "source": "smic-entity-list-2020",
            "field_path": "sources[2].url",
            "url": "https://www.washingtonpost.com/x",
            "path": "content/sources.yml",
            "line": 31,
            "column": 8,
            "status": "dead",
            "checked_at": "2027-05-30T06:00:00+00:00",
            "message": "dead: 404 Not Found (https://www.washingtonpost.com/x); the archived copy remains",
        },
        {
            "source": "bis-2019-xinjiang-rule",
            "field_path": "sources[1].url",
            "url": "https://www.federalregister.gov/y",
            "path": "content/sources.yml",
            "line": 20,
            "column": 8,
            "status": "ok",
            "checked_at": "2027-05-30T06:00:00+00:00",
            "message": "",
        },
    ]
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path)
    facts = root / "content" / "facts.yml"
    facts.write_text(facts.read_text() + FORECAST)
    (root / "report.json").write_text(json.dumps(REPORT))
    return root


def test_the_queue_lists_each_reason_where_it_is_written(project: Path):
    result = explainer("review", "--today", DAY, "--sources", "report.json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "content/facts.yml:14:17: facts[1].review_after: due for review since 2026-06: is it still true? "
        "update it and move `review_after` on",
        "content/facts.yml:48:17: facts[5].review_after: forecast due since 2027-01: did it come true? "
        "record what happened",
        "content/topics/ascend-chips.yml:21:13: topics[0].reviewed: last reviewed 2026-11, more than 6 months ago: "
        "read it through and move `reviewed` on",
        "content/topics/iflytek-blacklist.yml:15:13: topics[0].reviewed: last reviewed 2026-11, more than 6 months "
        "ago: read it through and move `reviewed` on",
        "content/sources.yml:31:8: sources[2].url: dead: 404 Not Found (https://www.washingtonpost.com/x); "
        "the archived copy remains",
        "5 item(s) to review: 1 facts past review_after, 1 forecasts past due, 2 topics not reviewed for 6 months, "
        "1 dead source addresses, 0 moved source addresses",
    ]


def test_on_an_earlier_day_fewer_are_due(project: Path):
    result = explainer("review", "--today", "2026-12-01", cwd=project)
    assert result.stdout.splitlines()[-1].startswith("1 item(s) to review: 1 facts past review_after, 0 forecasts")


def test_json_round_trips_and_markdown_links_each_line(project: Path):
    result = explainer("review", "--today", DAY, "--sources", "report.json", "--format", "json", cwd=project)
    data = json.loads(result.stdout)
    assert data["count"] == 5 and data["counts"]["topic-stale"] == 2 and data["generated"] == DAY
    generated, items = from_json(result.stdout)
    assert generated == DAY and [i.reason for i in items] == [
        "fact-review",
        "forecast-due",
        "topic-stale",
        "topic-stale",
        "source-dead",
    ]
    assert items[1].label == "SMIC will make its chips at 5 nm in volume by 2026."
    markdown = to_markdown(items, generated, "https://github.com/someone/fork", "main")
    assert markdown.startswith(ISSUE_MARKER + "\n**5 item(s) may have gone stale** (as of 2027-06-01).")
    assert "### Forecasts past due (1)" in markdown and "### Moved source addresses" not in markdown
    assert (
        "([`content/topics/ascend-chips.yml:21`](https://github.com/someone/fork/blob/main/content/topics/ascend-chips.yml#L21))"
        in markdown
    )


def test_markdown_shows_content_and_server_text_as_typed():
    _, items = from_json(
        json.dumps(
            {
                "generated": DAY,
                "items": [
                    {
                        "reason": "source-dead",
                        "kind": "source",
                        "id": "x",
                        "label": "<img src=x onerror=alert(1)> [click](javascript:alert(1))",
                        "since": DAY,
                        "path": "content/sources.yml",
                        "line": 1,
                        "column": 1,
                        "field": "sources[0].url",
                        "message": "dead: 404 <b>Gone</b> ([x](http://evil.example))",
                    }
                ],
            }
        )
    )
    markdown = to_markdown(items, DAY)
    assert "<img" not in markdown and "<b>" not in markdown and "](javascript" not in markdown
    assert "](http://evil" not in markdown
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in markdown


class FactWithDue(Fact):
    """What a forecast will look like once the model gives it a due date and an outcome."""

    due: Date | None = None
    outcome: str | None = None


def test_a_forecasts_own_due_date_is_used_once_the_model_has_one():
    base = {"id": "f", "statement": "s", "kind": "forecast", "said_by": "a", "date": "2024", "sources": ["s"]}
    later = FactWithDue.model_validate({**base, "review_after": "2025", "due": "2030"})
    assert forecast_due(later) == PartialDate(2030)
    assert forecast_due(Fact.model_validate({**base, "review_after": "2025"})) == PartialDate(2025)


def test_six_months_on():
    assert add_months(dt.date(2026, 1, 1), 6) == dt.date(2026, 7, 1)
    assert add_months(dt.date(2026, 9, 1), 6) == dt.date(2027, 3, 1)


def test_review_queue_from_loaded_content(project: Path):
    from explainer.build.pipeline import check_content

    content, _ = check_content(project / "content")
    items = review_queue(content, dt.date(2026, 1, 1))
    assert items == [], "nothing is due before the review dates"
    assert json.loads(to_json(items, dt.date(2026, 1, 1)))["count"] == 0


# --- the issue -----------------------------------------------------------------------------------


@dataclass
class FakeGitHub:
    """Issues and labels of one repository, as much of GitHub's REST API as the sync uses."""

    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: list[tuple[int, str]] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)
    calls: list[str] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)


def _handler(state: FakeGitHub) -> type[http.server.BaseHTTPRequestHandler]:
    prefix = "/repos/someone/fork"

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _reply(self, status: int, body: object = None) -> None:
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> dict[str, Any]:
            return json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")

        def _route(self, method: str) -> None:
            state.calls.append(f"{method} {self.path.removeprefix(prefix)}")
            state.tokens.add(self.headers.get("Authorization", ""))
            path = self.path.removeprefix(prefix).split("?")[0]
            if method == "GET" and path == "/issues":
                found = [i for i in state.issues.values() if i["state"] == "open" and "review-queue" in i["labels"]]
                return self._reply(200, found)
            if method == "GET" and path.startswith("/labels/"):
                return self._reply(200 if path.rsplit("/", 1)[1] in state.labels else 404, {"message": "Not Found"})
            if method == "POST" and path == "/labels":
                state.labels.add(self._body()["name"])
                return self._reply(201, {})
            if method == "POST" and path == "/issues":
                body = self._body()
                number = max(state.issues, default=0) + 1
                state.issues[number] = {**body, "number": number, "state": "open"}
                return self._reply(201, state.issues[number])
            if method == "PATCH" and path.startswith("/issues/"):
                number = int(path.rsplit("/", 1)[1])
                state.issues[number].update(self._body())
                return self._reply(200, state.issues[number])
            if method == "POST" and path.endswith("/comments"):
                state.comments.append((int(path.split("/")[2]), self._body()["body"]))
                return self._reply(201, {})
            return self._reply(404, {"message": "Not Found"})

        def do_GET(self) -> None:
            self._route("GET")

        def do_POST(self) -> None:
            self._route("POST")

        def do_PATCH(self) -> None:
            self._route("PATCH")

    return Handler


@contextmanager
def fake_github(state: FakeGitHub) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def _sync(project: Path, api: str, today: str) -> str:
    queue = explainer("review", "--today", today, "--sources", "report.json", "--format", "json", cwd=project)
    (project / "queue.json").write_text(queue.stdout)
    env = {"GITHUB_TOKEN": "t0ken", "GITHUB_REPOSITORY": "someone/fork", "REPO_URL": ""}
    result = explainer("review-issue", "queue.json", "--api", api, cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_issue_is_opened_rewritten_and_closed_when_nothing_is_left(project: Path):
    state = FakeGitHub(issues={7: {"number": 7, "state": "open", "labels": ["review-queue"], "body": "by hand"}})
    with fake_github(state) as api:
        assert _sync(project, api, DAY) == "opened #8"  # issue 7 has the label but is not ours
        assert state.labels == {"review-queue"}
        issue = state.issues[8]
        assert issue["title"] == "Review queue: 5 item(s) may have gone stale"
        assert issue["labels"] == ["review-queue"] and issue["body"].startswith(ISSUE_MARKER)
        assert "https://github.com/someone/fork/blob/main/content/facts.yml#L14" in issue["body"]

        assert _sync(project, api, "2026-12-01") == "updated #8"
        assert state.issues[8]["title"] == "Review queue: 2 item(s) may have gone stale"  # a fact, a dead address
        assert _sync(project, api, "2026-12-01") == "#8 is up to date"

        (project / "report.json").write_text('{"addresses": []}')
        assert _sync(project, api, "2026-01-01") == "closed #8"
        assert state.issues[8]["state"] == "closed" and state.comments == [(8, "Nothing is left to review: closing.")]
        assert state.issues[7]["state"] == "open" and state.issues[7]["body"] == "by hand"
        assert _sync(project, api, "2026-01-01") == "nothing to review; no open issue"
    assert state.tokens == {"Bearer t0ken"}


def test_without_a_token_the_issue_command_says_what_it_needs(project: Path):
    (project / "queue.json").write_text(json.dumps({"generated": DAY, "items": []}))
    env = {"GITHUB_TOKEN": "", "GH_TOKEN": "", "GITHUB_REPOSITORY": "someone/fork"}
    result = explainer("review-issue", "queue.json", cwd=project, env=env)
    assert result.returncode == 1 and "needs GITHUB_TOKEN" in result.stderr


def test_an_api_error_is_one_clear_line(project: Path):
    (project / "queue.json").write_text(json.dumps({"generated": DAY, "items": []}))
    with fake_github(FakeGitHub()) as api:
        env = {"GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "nobody/else"}
        result = explainer("review-issue", "queue.json", "--api", api, cwd=project, env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("explainer review-issue: GET /issues?") and "404" in result.stderr
    assert "Traceback" not in result.stderr
