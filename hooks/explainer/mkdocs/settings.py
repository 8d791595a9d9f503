"""The generator's settings in mkdocs.yml, typed: `plugins: - explainer: {...}`.

MkDocs validates them when it loads the configuration, so a misspelt name or a wrong type
stops the build at startup. `site_info` turns them and the site's own settings into the
engine-free `SiteInfo` the generator takes; the plugin and the command line both use it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

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


class SettingsError(Exception):
    """mkdocs.yml cannot be read, or holds a setting MkDocs or the plugin refuses."""


@dataclass(frozen=True)
class SiteSettings:
    """What the command line needs of mkdocs.yml: read by MkDocs itself, as the build reads it."""

    site: SiteInfo
    extensions: tuple[list[str], dict[str, dict[str, Any]]]  # Markdown extensions and their settings


def read_settings(config_file: Path) -> SiteSettings:
    """mkdocs.yml through MkDocs' own loader (its `!ENV` tags, defaults and validation, and the
    plugin's typed settings), so the command line and the build never disagree."""
    try:
        with _quiet_mkdocs() as refused:
            config = load_config(str(config_file))
    except (MkDocsException, OSError) as exc:  # Abort (a SystemExit too) after MkDocs logged why
        raise SettingsError("; ".join([f"{config_file.name}: {r}" for r in refused] or [str(exc)])) from None
    plugin = config.plugins.get("explainer")
    settings = getattr(plugin, "config", None)
    if not isinstance(settings, ExplainerConfig):
        raise SettingsError(f"{config_file.name}: the `explainer` plugin is not in `plugins`")
    return SiteSettings(site_info(config, settings), (list(config.markdown_extensions), dict(config.mdx_configs)))


class _Refusals(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _quiet_mkdocs() -> Iterator[list[str]]:
    """MkDocs logs what it reads, and why it refuses a setting: keep those for one clear message."""
    logger = logging.getLogger("mkdocs")
    level, propagate, handlers = logger.level, logger.propagate, logger.handlers[:]
    refusals = _Refusals()
    logger.handlers, logger.propagate = [refusals], False
    logger.setLevel(logging.ERROR)
    try:
        yield refusals.messages
    finally:
        logger.handlers, logger.propagate = handlers, propagate
        logger.setLevel(level)
