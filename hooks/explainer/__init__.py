"""Framework-free generator: curated YAML in, Markdown pages and data out.

The public surface, for adapters, tools and other sites, is what `__all__` names:
`check_content` (load and validate), `build_site` (every page as a `SiteOutput`, or
ContentError), `SiteBuilder` (the same plus data files and home-page parts as `Built`,
reusing what an edit left unchanged), `SiteInfo` (who publishes the site and where), `addresses` (where each kind's
pages live), and the problem types `ContentError` and `Problem`. Everything else may change
without notice.
Only `explainer.mkdocs` imports MkDocs; the layers contract in pyproject.toml keeps it so.
"""

from explainer.build.pipeline import SiteOutput, build_site, check_content
from explainer.build.site import Built, SiteBuilder
from explainer.model.problems import ContentError, Problem
from explainer.resolve import addresses
from explainer.resolve.siteinfo import SiteInfo

__all__ = [
    "Built",
    "ContentError",
    "Problem",
    "SiteBuilder",
    "SiteInfo",
    "SiteOutput",
    "addresses",
    "build_site",
    "check_content",
]
