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

from .errors import Problem, errors_only
from .linkcheck import DEFAULT_MAX_AGE, MAX_WORKERS, TIMEOUT_SECONDS, LinkCache, NoNetworkError, check_urls
from .pipeline import check_content
from .source_check import problems as source_problems
from .source_check import report, source_addresses, suggest_archives, summary_line, user_agent


def _print(lines: list[Problem] | list[str], stream: Any = sys.stdout) -> None:
    for line in lines:
        print(line, file=stream)


def _load(content_dir: Path) -> Any:
    """The content, or None after printing why it cannot be used."""
    content, problems = check_content(content_dir)
    errors = errors_only(problems)
    if errors:
        _print(errors, sys.stderr)
        print(f"{len(errors)} error(s): fix the content first (`explainer check`).", file=sys.stderr)
        return None
    return content


def cmd_check_sources(args: argparse.Namespace) -> int:
    content = _load(args.content)
    if content is None:
        return 1
    agent = user_agent(args.repo_url)
    try:
        if args.suggest_archives:
            _print(suggest_archives(content, agent, args.wayback_api, args.timeout))
            return 0
        addresses = source_addresses(content)
        cache = LinkCache(None if args.no_cache else args.cache)
        max_age = dt.timedelta(hours=args.max_age)
        run = check_urls((a.url for a in addresses), agent, cache, max_age, args.timeout, args.workers)
    except NoNetworkError as exc:
        print(f"explainer check-sources: {exc}", file=sys.stderr)
        return 2
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
    return 1 if found["counts"]["dead"] else 0


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
    sources.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS, help="seconds per request")
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
    sources.set_defaults(run=cmd_check_sources)
