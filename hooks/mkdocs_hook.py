"""MkDocs adapter: the only place that knows MkDocs. The work is in `explainer`.

on_config runs the pipeline (and stops the build with every content problem),
on_files adds the generated pages and the open data files, on_page_markdown
resolves [[kind:id]] in hand-written pages, on_page_content links glossary
terms, on_page_context hands the theme each page's structured data.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote

from explainer import ContentError, SiteOutput, build_site
from explainer.docs_refs import resolve_docs_refs
from explainer.errors import shown_problems
from explainer.glossary import link_terms
from explainer.markdown import relative_url
from explainer.nav import expand_topics
from explainer.plainfiles import project_problems
from explainer.publish import Publication, publish
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


def _read_folders(config: MkDocsConfig) -> dict[str, Path]:
    """Folders MkDocs reads and copies from (following links), as shown in messages."""
    root = _project_root(config).resolve()
    folders = [Path(config.docs_dir).resolve()]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir).resolve())
    return {(f.relative_to(root).as_posix() if f.is_relative_to(root) else str(f)): f for f in folders}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site, _publication
    unsafe = project_problems(_read_folders(config))
    if unsafe:  # before MkDocs lists docs/: it would follow a link to /etc/passwd or /dev/zero
        raise PluginError("files the build may not read; nothing was built:\n" + "\n".join(shown_problems(unsafe)))
    site = SiteInfo(
        config.site_name, config.site_url or "", config.site_description or "", config.theme.get("language") or "en"
    )
    try:
        _site = build_site(_project_root(config) / "content", site=site)
    except ContentError as exc:
        raise PluginError("content has errors; nothing was built:\n" + str(exc)) from None
    _publication = publish(_site, site, _project_root(config))
    for warning in _site.warnings:
        log.info(str(warning))  # review dates are a maintainer's queue, not a build failure
    config.nav = expand_topics(config.nav, _site.pages)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
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
    return files


def on_env(env, *, config: MkDocsConfig, files: Files):
    env.bytecode_cache = TEMPLATE_CACHE  # serve rebuilds reuse the theme's compiled templates
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in _generated:
        return markdown
    raw = page.file.content_string
    front_matter_lines = raw[: max(raw.find(markdown[:200]), 0)].count("\n")  # MkDocs strips it first
    resolved, problems = resolve_docs_refs(
        markdown, _site.graph, page.file.src_uri, f"docs/{page.file.src_uri}", line_offset=front_matter_lines
    )
    if problems:
        raise PluginError("broken references:\n" + "\n".join(str(p) for p in problems))
    return resolved


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    graph = _site.graph
    return link_terms(
        html,
        _site.renderer.glossary,
        lambda term_id: relative_url(page.url, graph.url("term", term_id)),
        link=page.file.src_uri.partition("/")[0] not in ("glossary.md", "glossary"),
    )


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    page.meta.update(_publication.structured.for_page(page.url, page.title, page.meta.get("description")))
    return context
