"""While previewing, content errors go to the browser instead of stopping the server.

Under `mkdocs serve`, a build that stops leaves every page request waiting for one that
succeeds. So when content has errors, the preview is built all the same: each page the last
good build had (and each page the navigation names) shows the problems, one line each, as
`explainer check` prints them. The next save that fixes them builds the site again. `mkdocs
build` and `make build` still fail as before. No MkDocs in here: the adapter asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import jinja2

from explainer.model.problems import Problem, errors_only
from explainer.pages import template_cache
from explainer.pages.render import TEMPLATES

TEMPLATE = "serve_errors.md.j2"
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    bytecode_cache=template_cache.SHARED,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def check_summary(problems: list[Problem]) -> str:
    """The closing line of `explainer check` for these problems."""
    errors = len(errors_only(problems))
    return f"{errors} error(s), {len(problems) - errors} warning(s): fix the errors above."


def error_page(problems: list[Problem]) -> str:
    """Markdown (raw HTML, every problem escaped) for a page that shows the problems."""
    return _ENV.get_template(TEMPLATE).render(problems=[str(p) for p in problems], summary=check_summary(problems))


def nav_paths(nav: Any) -> set[str]:
    """Every page path a MkDocs-style navigation names (nested lists and {title: path} entries)."""
    if isinstance(nav, str):
        return {nav} if nav.endswith(".md") else set()
    if isinstance(nav, dict):
        return set().union(*(nav_paths(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_paths(value) for value in nav))
    return set()


@dataclass
class Preview:
    """What one `mkdocs serve` process knows across rebuilds."""

    serving: bool = False
    problems: list[Problem] = field(default_factory=list)
    last_pages: set[str] = field(default_factory=set)  # generated pages of the last good build

    @property
    def failing(self) -> bool:
        return bool(self.problems)

    def loaded(self) -> None:
        """The content is good again: this build is a normal one."""
        self.problems = []

    def built(self, pages: set[str]) -> None:
        self.last_pages = set(pages)

    def failed(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)

    def pages_to_cover(self, nav: Any, existing: set[str]) -> set[str]:
        """The pages that must exist so every address the reader may reload shows the problems."""
        return (self.last_pages | nav_paths(nav)) - existing
