"""The generator's settings in mkdocs.yml, typed: `plugins: - explainer: {...}`.

MkDocs validates them when it loads the configuration, so a misspelt name or a wrong type
stops the build at startup. `site_info` turns them and the site's own settings into the
engine-free `SiteInfo` the generator takes; the plugin and the command line both use it.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from explainer.resolve.siteinfo import SiteInfo


class ExplainerConfig(base.Config):  # type: ignore[no-untyped-call]
    """What the site is about, in its own words (the generator knows no subject), and its switches."""

    content_dir = c.Type(str, default="content")  # relative to mkdocs.yml
    timeline_description = c.Type(str, default=SiteInfo.timeline_description)
    keywords = c.ListOfItems(c.Type(str), default=[])
    prerender = c.Type(bool, default=True)  # generated pages skip Python-Markdown (explainer.mkdocs.prerender)


def site_info(config: MkDocsConfig, settings: ExplainerConfig) -> SiteInfo:
    """The site's identity: name, address, description and language from MkDocs, the rest from ours."""
    return SiteInfo(
        config.site_name,
        config.site_url or "",
        config.site_description or "",
        config.theme.get("language") or "en",
        timeline_description=settings.timeline_description,
        keywords=tuple(settings.keywords),
        repo_url=config.repo_url or "",
    )
