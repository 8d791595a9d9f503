"""Framework-free generator: curated YAML in, Markdown pages and data out.

Nothing in this package imports MkDocs; `hooks/mkdocs_hook.py` adapts it.
The public surface is `build_site`, `check_content` and `ContentError`.
"""

from explainer.build.pipeline import SiteOutput, build_site, check_content
from explainer.model.problems import ContentError, Problem
from explainer.resolve import addresses

__all__ = ["ContentError", "Problem", "SiteOutput", "addresses", "build_site", "check_content"]
