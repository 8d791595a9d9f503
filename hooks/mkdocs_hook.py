"""MkDocs adapter: the only place that knows MkDocs. The work is in `explainer`.

on_config runs the pipeline (and stops the build with every content problem),
on_files adds the generated pages and the open data files, on_page_markdown
resolves [[kind:id]] in hand-written pages, on_page_content links glossary
terms, on_page_context hands the theme each page's structured data.
Under `mkdocs serve`, content problems are shown in the browser instead
(explainer.serve_errors), so the preview never hangs on a broken file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote

from explainer import ContentError, SiteOutput, build_site, check_content
from explainer.docs_refs import resolve_docs_refs
from explainer.glossary import link_terms
from explainer.markdown import relative_url
from explainer.nav import expand_topics
from explainer.publish import Publication, publish
from explainer.serve_errors import PREVIEW, error_page, nav_paths
from explainer.siteinfo import SiteInfo
from explainer.template_cache import SHARED as TEMPLATE_CACHE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.explainer")
_site: SiteOutput | None = None
_publication: Publication | None = None
_generated: set[str] = set()


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_startup(*, command: str, dirty: bool) -> None:
    PREVIEW.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site, _publication
    site = SiteInfo(
        config.site_name, config.site_url or "", config.site_description or "", config.theme.get("language") or "en"
    )
    try:
        _site = build_site(_project_root(config) / "content", site=site)
    except ContentError as exc:
        if not PREVIEW.serving:
            raise PluginError("content has errors; nothing was built:\n" + str(exc)) from None
        PREVIEW.failed(check_content(_project_root(config) / "content")[1])  # all of `explainer check`'s lines
        log.info("content has errors; every page shows them until they are fixed:\n" + str(exc))
        return config
    PREVIEW.loaded()
    _publication = publish(_site, site, _project_root(config))
    for warning in _site.warnings:
        log.info(str(warning))  # review dates are a maintainer's queue, not a build failure
    config.nav = expand_topics(config.nav, _site.pages)
    return config


def _cover_with_errors(files: Files, config: MkDocsConfig) -> Files:
    """Serving with content errors: every page the reader may reload is a page showing them."""
    existing = {file.src_uri for file in files}
    in_nav = nav_paths(config.nav)
    for path in sorted(PREVIEW.pages_to_cover(config.nav, existing)):
        inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=error_page(PREVIEW.problems), inclusion=inclusion))
    return files


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if PREVIEW.failing:
        return _cover_with_errors(files, config)
    _generated.clear()
    for page in [*_site.pages, *_publication.pages]:
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            raise PluginError(f"docs/{page.path} clashes with a generated page; rename or remove it")
        # Detail pages stay out of the navigation Material renders into every page.
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
        file.edit_uri = quote(page.source_file)  # edit links open the YAML the page came from
        files.append(file)
        _generated.add(page.path)
    for data in _publication.files:
        if files.get_file_from_path(data.path) is not None:
            raise PluginError(f"docs/{data.path} clashes with a generated data file; rename or remove it")
        files.append(File.generated(config, data.path, content=data.text))
    for file in files:
        if file.src_uri not in _generated and file.is_documentation_page():
            file.edit_uri = f"docs/{file.src_uri}"
    PREVIEW.built(_generated)
    return files


def on_env(env, *, config: MkDocsConfig, files: Files):
    env.bytecode_cache = TEMPLATE_CACHE  # serve rebuilds reuse the theme's compiled templates
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if PREVIEW.failing:
        return error_page(PREVIEW.problems)
    if page.file.src_uri in _generated:
        return markdown
    raw = page.file.content_string
    front_matter_lines = raw[: max(raw.find(markdown[:200]), 0)].count("\n")  # MkDocs strips it first
    resolved, problems = resolve_docs_refs(
        markdown, _site.graph, page.file.src_uri, f"docs/{page.file.src_uri}", line_offset=front_matter_lines
    )
    if problems and PREVIEW.serving:
        log.info("broken references, shown on the page:\n" + "\n".join(str(p) for p in problems))
        return error_page(problems)
    if problems:
        raise PluginError("broken references:\n" + "\n".join(str(p) for p in problems))
    return resolved


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if PREVIEW.failing:
        return html
    graph = _site.graph
    return link_terms(
        html,
        _site.renderer.glossary,
        lambda term_id: relative_url(page.url, graph.url("term", term_id)),
        link=page.file.src_uri.partition("/")[0] not in ("glossary.md", "glossary"),
    )


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    if PREVIEW.failing:
        return context
    page.meta.update(_publication.structured.for_page(page.url, page.title, page.meta.get("description")))
    return context
