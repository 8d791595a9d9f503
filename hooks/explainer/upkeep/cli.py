"""The upkeep commands of `explainer`: check-sources, review, review-issue and diff.

Each runs locally as well as in the scheduled and pull-request workflows; the network is used
only by check-sources and review-issue, never by a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from explainer.build.pipeline import check_content
from explainer.model.problems import Problem, errors_only
from explainer.resolve.siteinfo import SiteInfo
from explainer.upkeep.diff import DiffError, content_diff, repository_of
from explainer.upkeep.diff import to_markdown as diff_markdown
from explainer.upkeep.diff import to_text as diff_text
from explainer.upkeep.github_issue import API, GitHub, GitHubError, sync_issue
from explainer.upkeep.github_text import artifact_pointer
from explainer.upkeep.linkcheck import (
    DEFAULT_MAX_AGE,
    MAX_WORKERS,
    RUN_SECONDS,
    TIMEOUT_SECONDS,
    LinkCache,
    NoNetworkError,
    check_urls,
)
from explainer.upkeep.public_http import PUBLIC_INTERNET, Network
from explainer.upkeep.review import ISSUE_MARKER, QueueError, from_json, review_queue, summary, to_json, to_markdown
from explainer.upkeep.source_check import (
    ReportError,
    failed,
    load_report,
    report,
    source_addresses,
    suggest_archives,
    summary_line,
    user_agent,
)
from explainer.upkeep.source_check import problems as source_problems


def _print(lines: list[Problem] | list[str], stream: Any = None) -> None:
    for line in lines:
        print(line, file=stream or sys.stdout)  # looked up now: the caller may have redirected it


def _load(content_dir: Path) -> Any:
    """The content, or None after printing why it cannot be used."""
    content, problems = check_content(content_dir)
    errors = errors_only(problems)
    if errors:
        _print(errors, sys.stderr)
        print(f"{len(errors)} error(s): fix the content first (`explainer check`).", file=sys.stderr)
        return None
    return content


def _full_list(args: argparse.Namespace) -> str:
    """Where a cut list sends readers: the artifact of this workflow run (GitHub sets these variables)."""
    server, repo, run = (
        os.environ.get(name, "") for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")
    )
    run_url = f"{server.rstrip('/')}/{repo}/actions/runs/{run}" if server and repo and run.isdigit() else ""
    return artifact_pointer(args.full_list, run_url)


def cmd_check_sources(args: argparse.Namespace, network: Network = PUBLIC_INTERNET) -> int:
    """`network` stays public-only from the command line; tests pass one that reaches their stand-in server."""
    content = _load(args.content)
    if content is None:
        return 1
    agent = user_agent(args.site_info(), args.repo_url)
    try:
        if args.suggest_archives:
            _print(suggest_archives(content, agent, args.wayback_api, args.timeout))
            return 0
        addresses = source_addresses(content)
        cache = LinkCache(None if args.no_cache else args.cache)
        if cache.warning:
            print(f"explainer check-sources: warning: {cache.warning}", file=sys.stderr)
        max_age = dt.timedelta(hours=args.max_age)
        run = check_urls(
            (a.url for a in addresses),
            agent,
            cache,
            max_age,
            args.timeout,
            args.workers,
            network=network,
            run_timeout=args.run_timeout,
        )
    except NoNetworkError as exc:
        print(f"explainer check-sources: {exc}", file=sys.stderr)
        return 2
    if cache.warning:  # saving can fail too
        print(f"explainer check-sources: warning: {cache.warning}", file=sys.stderr)
    checked = [(address, run.results[address.url]) for address in addresses]
    found = report(checked, run.asked, dt.datetime.now(dt.UTC))
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.format == "json":
        print(json.dumps(found, indent=1, ensure_ascii=False))
    else:
        _print(source_problems(checked))
        print(summary_line(checked, run.asked))
    return 1 if failed(checked) else 0


def cmd_review(args: argparse.Namespace) -> int:
    content = _load(args.content)
    if content is None:
        return 1
    try:
        checked = load_report(args.sources) if args.sources else None
    except ReportError as exc:
        print(f"explainer review: {exc}", file=sys.stderr)
        return 1
    items = review_queue(content, args.today, checked)
    if args.format == "json":
        print(to_json(items, args.today), end="")
    elif args.format == "markdown":
        print(to_markdown(items, args.today.isoformat(), args.repo_url, args.ref, full_list=_full_list(args)), end="")
    else:
        _print([str(item) for item in items])
        print(summary(items))
    return 0


def cmd_review_issue(args: argparse.Namespace) -> int:
    token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
    if not token or not args.repo:
        print("explainer review-issue: needs GITHUB_TOKEN and --repo (or GITHUB_REPOSITORY)", file=sys.stderr)
        return 1
    try:
        generated, items = from_json(args.queue.read_text(encoding="utf-8"))
    except (OSError, QueueError) as exc:
        print(f"explainer review-issue: {args.queue}: {exc}", file=sys.stderr)
        return 1
    repo_url = args.repo_url or f"https://github.com/{args.repo}"
    body = to_markdown(items, generated, repo_url, args.ref, full_list=_full_list(args))
    title = f"Review queue: {len(items)} item(s) may have gone stale"
    try:
        done = sync_issue(
            GitHub(args.repo, token, args.api, user_agent=args.site_info().user_agent),
            title,
            body,
            len(items),
            ISSUE_MARKER,
        )
    except GitHubError as exc:
        print(f"explainer review-issue: {exc}", file=sys.stderr)
        return 1
    print(done)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    try:
        repo, content = repository_of(args.content)
        result = content_diff(repo, content, args.base, args.head)
    except DiffError as exc:
        print(f"explainer diff: {exc}", file=sys.stderr)
        return 1
    print(diff_markdown(result, full_list=_full_list(args)) if args.format == "markdown" else diff_text(result), end="")
    return 0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < 24 * 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (more than 0, under a day)")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _add_link_options(parser: Any) -> None:
    """Where the review queue's Markdown links point, and the artifact a cut list names."""
    parser.add_argument("--repo-url", default=os.environ.get("REPO_URL", ""), help="Markdown links to the files")
    parser.add_argument("--ref", default=os.environ.get("GITHUB_REF_NAME", "main"), help="branch the links open")
    parser.add_argument(
        "--full-list", default="", metavar="ARTIFACT", help="a list cut to GitHub's size limit names this artifact"
    )


def _no_settings() -> SiteInfo:
    return SiteInfo("")


def add_upkeep_commands(sub: Any, root: Path) -> None:
    """Register the upkeep subcommands on the `explainer` parser's subparsers."""
    sources = sub.add_parser(
        "check-sources",
        help="check every source address (network): dead, moved or changed ones, where they are written",
        description="Exit status: 0 all reachable, 1 a dead address (or content errors), 2 no network.",
    )
    sources.add_argument("--format", choices=("text", "json"), default="text")
    sources.add_argument("--output", type=Path, help="also write the JSON report here (for `explainer review`)")
    sources.add_argument("--cache", type=Path, default=root / ".cache" / "source-check.json")
    sources.add_argument("--no-cache", action="store_true", help="ask about every address, remember nothing")
    sources.add_argument(
        "--max-age",
        type=float,
        default=DEFAULT_MAX_AGE.total_seconds() / 3600,
        help="hours a cached result stays good (default: %(default)s)",
    )
    sources.add_argument(
        "--timeout",
        type=_seconds,
        default=TIMEOUT_SECONDS,
        help="seconds per address, every request and redirect included (default: %(default)s)",
    )
    sources.add_argument(
        "--run-timeout", type=_seconds, default=RUN_SECONDS, help="seconds for the whole run (default: %(default)s)"
    )
    sources.add_argument("--workers", type=int, default=MAX_WORKERS, help=f"hosts at once (at most {MAX_WORKERS})")
    sources.add_argument(
        "--repo-url", default=os.environ.get("REPO_URL", ""), help="named in the user agent (default: $REPO_URL)"
    )
    sources.add_argument(
        "--suggest-archives",
        action="store_true",
        help="instead: the Wayback Machine's copy nearest each source's date, for sources without archive_url",
    )
    sources.add_argument("--wayback-api", default=None, help=argparse.SUPPRESS)  # tests point it at a local server
    sources.set_defaults(run=cmd_check_sources, site_info=_no_settings)  # the command line gives mkdocs.yml's

    review = sub.add_parser(
        "review",
        help="the review queue: facts past review_after, forecasts past due, topics unreviewed for 6 months, "
        "dead source addresses",
    )
    review.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    review.add_argument("--sources", type=Path, help="a report from `check-sources --output`, for dead addresses")
    review.add_argument("--today", type=_date, default=dt.date.today(), help="review as of this date (YYYY-MM-DD)")
    _add_link_options(review)
    review.set_defaults(run=cmd_review)

    issue = sub.add_parser(
        "review-issue",
        help="keep one open GitHub issue in step with a review queue (JSON from `review --format json`)",
        description="Opens the issue, rewrites it, or closes it when the queue is empty. Needs GITHUB_TOKEN.",
    )
    issue.add_argument("queue", type=Path)
    issue.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY", ""), help="owner/name")
    issue.add_argument("--api", default=os.environ.get("GITHUB_API_URL", API))
    _add_link_options(issue)
    issue.set_defaults(run=cmd_review_issue, site_info=_no_settings)

    diff = sub.add_parser(
        "diff", help="what a change does to the content: items added, removed and changed between two revisions"
    )
    diff.add_argument("base", help="a git revision, e.g. main")
    diff.add_argument("head", help="a git revision, e.g. HEAD")
    diff.add_argument("--format", choices=("text", "markdown"), default="text")
    diff.add_argument(
        "--full-list",
        default="",
        metavar="ARTIFACT",
        help="a list cut to GitHub's size limit names this artifact",
    )
    diff.set_defaults(run=cmd_diff)
