"""The review queue: content that may have gone stale, for a maintainer to look at.

Facts past `review_after`, forecasts past their due date, topics not reviewed for six months,
and source addresses a source check found dead or moved. Plain data in, plain data out: the
command prints it as `path:line:col: field: message`, as JSON for the scheduled workflow, or
as the Markdown of the issue that workflow keeps up to date.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, fields
from typing import Any
from urllib.parse import quote

from explainer.load.loader import Content, Record
from explainer.model.dates import PartialDate
from explainer.model.kinds import Fact, Source, Topic
from explainer.model.labels import plain_label
from explainer.upkeep.github_text import ISSUE_BODY_LIMIT, code, fit, inert, more_line

TOPIC_REVIEW_MONTHS = 6
ISSUE_MARKER = "<!-- explainer:review-queue -->"  # how the workflow knows its own issue
# reason -> heading in the Markdown, in the order shown
REASONS = {
    "fact-review": "Facts past `review_after`",
    "forecast-due": "Forecasts past due",
    "topic-stale": f"Topics not reviewed for {TOPIC_REVIEW_MONTHS} months",
    "source-dead": "Dead source addresses",
    "source-moved": "Moved source addresses",
}
LABEL_LENGTH = 90
_ESCAPED_CODE_RE = re.compile(r"\\`([a-z_]+)\\`")


@dataclass(frozen=True)
class ReviewItem:
    reason: str  # a key of REASONS
    kind: str
    id: str
    label: str  # plain text: a title or the start of a statement
    since: str  # ISO date from which it is due (a source: when it was checked)
    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def forecast_due(fact: Fact) -> PartialDate | None:
    """When a forecast can be judged. Forecasts will carry their own `due` date (and an `outcome` once
    judged); until the model has those fields, `review_after` stands in for the due date."""
    return getattr(fact, "due", None) or fact.review_after


def _label(text: str) -> str:
    return plain_label(text, LABEL_LENGTH)


def _item(record: Record, reason: str, label: str, since: PartialDate, field: str, message: str) -> ReviewItem:
    line, column = record.where(field)
    return ReviewItem(
        reason,
        record.kind,
        record.item.id,
        _label(label),
        since.iso(),
        record.file,
        line,
        column,
        record.field_path(field),
        message,
    )


def _facts(content: Content, today: dt.date) -> list[ReviewItem]:
    items = []
    for record in content.of("fact"):
        fact = record.item
        if not isinstance(fact, Fact):
            continue
        if fact.kind == "forecast":
            due = forecast_due(fact)
            if due and due.earliest() <= today and not getattr(fact, "outcome", None):
                field = "due" if getattr(fact, "due", None) else "review_after"
                message = f"forecast due since {due}: did it come true? record what happened"
                items.append(_item(record, "forecast-due", fact.statement, due, field, message))
        elif fact.review_after and fact.review_after.earliest() <= today:
            message = (
                f"due for review since {fact.review_after}: is it still true? update it and move `review_after` on"
            )
            items.append(_item(record, "fact-review", fact.statement, fact.review_after, "review_after", message))
    return items


def _topics(content: Content, today: dt.date) -> list[ReviewItem]:
    items = []
    for record in content.of("topic"):
        topic = record.item
        if not isinstance(topic, Topic):
            continue
        due = add_months(topic.reviewed.earliest(), TOPIC_REVIEW_MONTHS)
        if due <= today:
            message = (
                f"last reviewed {topic.reviewed}, more than {TOPIC_REVIEW_MONTHS} months ago: "
                "read it through and move `reviewed` on"
            )
            items.append(
                _item(record, "topic-stale", topic.title, PartialDate.parse(due.isoformat()), "reviewed", message)
            )
    return items


def _sources(content: Content, report: list[dict[str, Any]]) -> list[ReviewItem]:
    titles = {r.item.id: r.item.title for r in content.of("source") if isinstance(r.item, Source)}
    reasons = {"dead": "source-dead", "moved": "source-moved"}
    return [
        ReviewItem(
            reasons[a["status"]],
            "source",
            a["source"],
            _label(titles.get(a["source"], a["source"])),
            str(a.get("checked_at", ""))[:10],
            a["path"],
            int(a["line"]),
            int(a["column"]),
            a["field_path"],
            a["message"],
        )
        for a in report
        if a["status"] in reasons
    ]


def review_queue(
    content: Content, today: dt.date, source_report: list[dict[str, Any]] | None = None
) -> list[ReviewItem]:
    """Everything due for review on `today`, grouped by reason, each group in file order."""
    items = _facts(content, today) + _topics(content, today) + _sources(content, source_report or [])
    order = list(REASONS)
    return sorted(items, key=lambda i: (order.index(i.reason), i.path, i.line, i.column))


def summary(items: list[ReviewItem]) -> str:
    tally = Counter(i.reason for i in items)
    parts = ", ".join(
        f"{tally.get(reason, 0)} {heading[0].lower()}{heading[1:]}" for reason, heading in REASONS.items()
    )
    return f"{len(items)} item(s) to review: {parts}".replace("`", "")


def to_json(items: list[ReviewItem], today: dt.date) -> str:
    tally = Counter(i.reason for i in items)
    data = {
        "generated": today.isoformat(),
        "count": len(items),
        "counts": {reason: tally.get(reason, 0) for reason in REASONS},
        "items": [asdict(i) for i in items],
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


class QueueError(ValueError):
    """JSON that `explainer review --format json` did not write."""


def from_json(text: str) -> tuple[str, list[ReviewItem]]:
    """(generated date, items) from `to_json`'s output."""
    names = {f.name for f in fields(ReviewItem)}
    try:
        data = json.loads(text)
        items = [ReviewItem(**{k: v for k, v in raw.items() if k in names}) for raw in data["items"]]
        generated = dt.date.fromisoformat(str(data["generated"])).isoformat()  # shown as is in the issue
        return generated, items
    except (ValueError, KeyError, TypeError) as exc:
        raise QueueError(f"not a review queue: {exc}") from None


def _where(item: ReviewItem, repo_url: str, ref: str) -> str:
    text = code(f"{item.path}:{item.line}")
    if not repo_url:
        return text
    return f"[{text}]({repo_url.rstrip('/')}/blob/{quote(ref)}/{quote(item.path)}#L{item.line})"


def _md_message(message: str) -> str:
    """A message as Markdown text: inert (it may quote a server or the content), field names as code."""
    return _ESCAPED_CODE_RE.sub(r"`\1`", inert(message))


def to_markdown(
    items: list[ReviewItem],
    generated: str,
    repo_url: str = "",
    ref: str = "main",
    limit: int = ISSUE_BODY_LIMIT,
    full_list: str = "",
) -> str:
    """The issue body: one section per reason, each item linked to the line to edit. Content and
    server text pings no one; past `limit`, the items that fit and "… and N more" with `full_list`."""
    lines = [ISSUE_MARKER, f"**{len(items)} item(s) may have gone stale** (as of {generated})."]
    lines += [
        "",
        "Update each in a pull request. The *Review queue* workflow rewrites this list every week "
        "(and on demand), and closes this issue once nothing is left. Run it yourself with `make review`.",
    ]
    sections = []
    for reason, heading in REASONS.items():
        group = [i for i in items if i.reason == reason]
        if group:
            sections.append(
                (
                    ["", f"### {heading} ({len(group)})", ""],
                    [
                        f"- {code(f'{i.kind}:{i.id}')} {inert(i.label)}: {_md_message(i.message)} "
                        f"({_where(i, repo_url, ref)})"
                        for i in group
                    ],
                )
            )
    return fit(lines, sections, limit, lambda left: more_line(left, full_list))
