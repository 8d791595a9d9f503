"""Command line: `explainer check | export DIR | data DIR | schema [--check]`, and the upkeep
commands (`check-sources`, `review`, `review-issue`, `diff BASE HEAD`) from `upkeep_cli`."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path

from explainer.build.export import export_pages
from explainer.build.pipeline import build_site, check_content
from explainer.build.publication import publish, write_publication
from explainer.handwritten.policy import check_docs_folder
from explainer.handwritten.refs import resolve_docs_folder
from explainer.load.plainfiles import project_problems
from explainer.load.schema import stale_schemas, write_schemas
from explainer.mkdocs.settings import SettingsError, SiteSettings, read_settings
from explainer.model.problems import ContentError, Problem, errors_only, shown_problems
from explainer.pages.home import home_parts
from explainer.resolve.graph import SiteGraph
from explainer.resolve.siteinfo import SiteInfo
from explainer.upkeep.cli import add_upkeep_commands

ROOT = Path.cwd()


def _print_problems(problems: list[Problem]) -> None:
    for line in shown_problems(problems):
        print(line, file=sys.stderr)


def _unsafe_files(args: argparse.Namespace) -> list[Problem]:
    """Links, devices and oversized files in the folders the build reads besides content/."""
    return project_problems({args.docs.name: args.docs, args.overrides.name: args.overrides})


def _settings(args: argparse.Namespace) -> SiteSettings:
    """mkdocs.yml read once, by MkDocs' own loader, as the build reads it (SettingsError if it cannot be)."""
    cached: SiteSettings | None = getattr(args, "_settings", None)
    if cached is None:
        cached = args._settings = read_settings(args.config)
    return cached


def _docs_policy_problems(args: argparse.Namespace) -> list[Problem]:
    """What docs/ may not carry, rendered with the site's Markdown extensions."""
    extensions = _settings(args).extensions if args.config.is_file() else None
    return check_docs_folder(args.docs, extensions)


def cmd_check(args: argparse.Namespace) -> int:
    content, problems = check_content(args.content)
    unsafe = _unsafe_files(args)  # checked before anything reads docs/: nothing there is read if any
    problems = sorted(problems + unsafe)
    if not errors_only(problems) and args.docs.is_dir():  # references in hand-written pages too
        problems += resolve_docs_folder(args.docs, SiteGraph.build(content))[1]
    if args.docs.is_dir() and not unsafe:  # and the markup they may carry, whatever the content's state
        problems += _docs_policy_problems(args)
    _print_problems(problems)
    errors = errors_only(problems)
    warnings = len(problems) - len(errors)
    if errors:
        print(f"{len(errors)} error(s), {warnings} warning(s): fix the errors above.", file=sys.stderr)
        return 1
    print(f"content OK ({warnings} warning(s))")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    unsafe = _unsafe_files(args)
    if unsafe:  # copying docs/ would follow a link to anywhere
        _print_problems(unsafe)
        return 1
    try:
        output = build_site(args.content)
    except ContentError as exc:
        _print_problems(exc.problems)
        return 1
    docs_pages, problems = (
        resolve_docs_folder(args.docs, output.graph, home_parts(output.renderer)) if args.docs.is_dir() else ({}, [])
    )
    problems += _docs_policy_problems(args) if args.docs.is_dir() else []
    if problems:
        _print_problems(problems)
        return 1
    count = export_pages(output.pages, args.dir, args.docs, docs_pages)
    print(f"wrote {count} pages to {args.dir}")
    return 0


def cmd_data(args: argparse.Namespace) -> int:
    site = _settings(args).site if args.config.is_file() else SiteInfo("")
    overrides = {"name": args.site_name, "url": args.site_url, "description": args.site_description}
    site = dataclasses.replace(site, **{k: v for k, v in overrides.items() if v is not None})
    if not site.url:
        print("the site's address is unknown: set site_url in mkdocs.yml or give --site-url", file=sys.stderr)
        return 2
    try:
        output = build_site(args.content, site=site)
    except ContentError as exc:
        _print_problems(exc.problems)
        return 1
    count = write_publication(publish(output, site, args.content.resolve().parent), args.dir)
    print(f"wrote {count} open data files and pages to {args.dir}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.check:
        stale = stale_schemas(args.schemas)
        for name in stale:
            print(f"{args.schemas / name}: out of date with the model; run `make schema`", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(args.schemas):
        print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer", description=__doc__)
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: ./content)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="hand-written pages (default: ./docs)")
    parser.add_argument(
        "--overrides", type=Path, default=ROOT / "overrides", help="theme overrides (default: ./overrides)"
    )
    parser.add_argument(
        "--config", type=Path, default=ROOT / "mkdocs.yml", help="the site's settings (default: ./mkdocs.yml)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate all content; print every problem").set_defaults(run=cmd_check)
    export = sub.add_parser("export", help="write generated pages as Markdown into DIR")
    export.add_argument("dir", type=Path)
    export.set_defaults(run=cmd_export)
    data = sub.add_parser(
        "data", help="write the open data (JSON, CSV, schemas, Atom feed, TimelineJS) and its page into DIR"
    )
    data.add_argument("dir", type=Path)
    data.add_argument("--site-url", help="the site's absolute address (default: mkdocs.yml's site_url)")
    data.add_argument("--site-name", help="default: mkdocs.yml's site_name")
    data.add_argument("--site-description", help="default: mkdocs.yml's site_description")
    data.set_defaults(run=cmd_data)
    schema = sub.add_parser("schema", help="write JSON Schemas (or --check they are current)")
    schema.add_argument("--schemas", type=Path, default=ROOT / "content" / "schemas")
    schema.add_argument("--check", action="store_true")
    schema.set_defaults(run=cmd_schema)
    add_upkeep_commands(sub, ROOT)  # check-sources, review, review-issue, diff
    args = parser.parse_args(argv)
    args.site_info = lambda: _settings(args).site if args.config.is_file() else SiteInfo("")
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except SettingsError as exc:
        print(f"cannot read the site's settings: {exc}", file=sys.stderr)
        return 2
