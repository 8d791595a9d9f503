"""The whole flow: load -> validate -> resolve -> render. No MkDocs in here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from explainer.build.collector import without_cycle_collection
from explainer.check.budget import OutputBudget
from explainer.check.validate import validate
from explainer.load.hosts import check_source_hosts, load_hosts
from explainer.load.loader import Content, load_content
from explainer.model.problems import ContentError, Problem, errors_only
from explainer.pages.page import Page
from explainer.pages.render import PageRenderer
from explainer.resolve.graph import SiteGraph
from explainer.resolve.siteinfo import SiteInfo

if TYPE_CHECKING:
    from explainer.pages.memo import PageMemo


@dataclass
class SiteOutput:
    pages: list[Page]
    graph: SiteGraph
    warnings: list[Problem]
    renderer: PageRenderer


@without_cycle_collection
def check_content(content_dir: Path, today: dt.date | None = None) -> tuple[Content, list[Problem]]:
    """Load and validate; return what loaded and every problem."""
    content, problems = load_content(content_dir)
    hosts, host_problems = load_hosts(content_dir)
    problems = problems + host_problems + validate(content, today) + check_source_hosts(content, hosts)
    return content, sorted(problems)


@without_cycle_collection
def build_site(
    content_dir: Path, today: dt.date | None = None, site: SiteInfo | None = None, *, pages: PageMemo | None = None
) -> SiteOutput:
    """Every generated page, or ContentError listing every problem. `site` gives absolute addresses in
    citations; `pages` reuses the pages of the last build that read nothing an edit changed."""
    content, problems = check_content(content_dir, today)
    if errors_only(problems):
        raise ContentError(errors_only(problems))
    graph = SiteGraph.build(content)
    renderer = PageRenderer(graph, site)
    renderer.budget = OutputBudget.for_content(content)
    renderer.pages = pages
    return SiteOutput(renderer.all_pages(), graph, [p for p in problems if p.severity == "warning"], renderer)
