"""MkDocs adapter: the only place that knows MkDocs. The work is in `explainer`.

on_config runs the pipeline, or reads its output from the build cache
(explainer.cache), and stops the build with every content problem;
on_files adds the generated pages and the open data files, on_page_markdown
resolves [[kind:id]] in hand-written pages and fills the home page's
<!-- home:... --> markers, on_page_content checks the markup of
hand-written pages (explainer.docs_policy) and links glossary terms (remembered
across builds, explainer.link_memo), on_page_context hands the theme each
page's structured data, on_post_build keeps this build's glossary links.
Generated pages skip Python-Markdown when explainer.prerender can make their
HTML itself (on_pre_page; `extra.explainer.prerender: false` turns it off).
Under `mkdocs serve`, content problems are shown in the browser instead
(explainer.serve_errors), so the preview never hangs on a broken file; under
`make serve` (`mkdocs serve --dirty`) hooks/dirty_serve.py decides which pages a
rebuild renders.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import dirty_serve
import jinja2
from dirty_serve import on_nav, on_serve  # noqa: F401 -- MkDocs calls them; `make serve` only
from explainer import ContentError, SiteOutput, addresses, check_content
from explainer.cache import CommittedCache, build_and_publish
from explainer.collector import collector_paused
from explainer.docs_policy import check_docs_file, check_page
from explainer.docs_refs import resolve_docs_refs
from explainer.errors import shown_problems
from explainer.home import fill_markers
from explainer.link_memo import LinkMemo, glossary_key
from explainer.markdown import relative_url
from explainer.model import Term
from explainer.nav import expand_topics
from explainer.plainfiles import project_problems
from explainer.prerender import PageHtml
from explainer.publish import Publication
from explainer.serve_errors import PREVIEW, error_page, nav_paths
from explainer.siteinfo import SiteInfo
from explainer.template_cache import SHARED as TEMPLATE_CACHE
from explainer.theme_rules import refused_features
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.hooks.explainer")
GLOSSARY_PAGES = addresses.listing_page("term").removesuffix(".md")  # the glossary and its parts link no terms


@dataclass
class _Build:
    """What one build (or one `serve` rebuild) produced."""

    site: SiteOutput
    publication: Publication
    home: dict[str, str]  # the home page's generated parts, by marker name
    links: LinkMemo  # glossary linking remembered from the last build (explainer.link_memo)
    page_html: PageHtml | None  # generated pages' HTML without Python-Markdown (None: turned off)
    generated: set[str] = field(default_factory=set)
    # hand-written pages whose markers were filled with generated parts: their own Markdown was
    # checked alone in on_files, so the finished HTML (with our charts' SVG) is not checked again
    filled: set[str] = field(default_factory=set)


_build: _Build | None = None


def _current() -> _Build:
    if _build is None:
        raise PluginError("the explainer hook ran out of order: on_config has not run")
    return _build


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _read_folders(config: MkDocsConfig) -> dict[str, Path]:
    """Folders MkDocs reads and copies from (following links), as shown in messages."""
    root = _project_root(config).resolve()
    folders = [Path(config.docs_dir).resolve()]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir).resolve())
    return {(f.relative_to(root).as_posix() if f.is_relative_to(root) else str(f)): f for f in folders}


_dirty = False  # `--dirty`: a build renders only some pages


def on_startup(*, command: str, dirty: bool) -> None:
    global _dirty
    _dirty = dirty
    PREVIEW.serving = command == "serve"
    dirty_serve.on_startup(command=command, dirty=dirty)


def site_info(config: MkDocsConfig) -> SiteInfo:
    """The site's identity from mkdocs.yml; what it is about comes from `extra.explainer`."""
    extra: dict[str, Any] = dict(config.extra or {})
    about: dict[str, Any] = extra.get("explainer") or {}
    return SiteInfo(
        config.site_name,
        config.site_url or "",
        config.site_description or "",
        config.theme.get("language") or "en",
        timeline_description=str(about.get("timeline_description") or SiteInfo.timeline_description),
        keywords=tuple(str(k) for k in about.get("keywords") or ()),
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    unsafe = project_problems(_read_folders(config))
    if unsafe:  # before MkDocs lists docs/: it would follow a link to /etc/passwd or /dev/zero
        raise PluginError("files the build may not read; nothing was built:\n" + "\n".join(shown_problems(unsafe)))
    refused = refused_features(config.theme.get("features") or [])
    if refused:
        raise PluginError("\n".join(refused))
    site = site_info(config)
    try:  # from .cache/explainer when nothing it depends on changed (explainer.cache)
        with collector_paused(then_freeze=not PREVIEW.serving):  # a one-shot build keeps the site to the end
            built = build_and_publish(_project_root(config) / "content", site, _project_root(config))
    except CommittedCache as exc:
        raise PluginError(str(exc)) from None
    except ContentError as exc:
        if not PREVIEW.serving:
            raise PluginError("content has errors; nothing was built:\n" + str(exc)) from None
        PREVIEW.failed(check_content(_project_root(config) / "content")[1])  # all of `explainer check`'s lines
        log.info("content has errors; every page shows them until they are fixed:\n" + str(exc))
        return config
    PREVIEW.loaded()
    output = built.output
    graph = output.graph
    links = LinkMemo(built.folder, glossary_key(graph.all(Term), lambda term_id: graph.url("term", term_id)))
    about: dict[str, Any] = dict(config.extra or {}).get("explainer") or {}
    page_html = PageHtml(config.markdown_extensions, config.mdx_configs) if about.get("prerender", True) else None
    _build = _Build(output, built.publication, built.home, links, page_html)
    for warning in output.warnings:
        log.info(str(warning))  # review dates are a maintainer's queue, not a build failure
    config.nav = expand_topics(config.nav, output.pages)
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
        dirty_serve.after_failed_files(files, config)
        return _cover_with_errors(files, config)
    build = _current()
    build.generated.clear()
    build.filled.clear()
    for page in [*build.site.pages, *build.publication.pages]:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"docs/{page.path} clashes with a generated page; rename or remove it")
        # Detail pages stay out of the navigation Material renders into every page.
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = dirty_serve.generated_page(config, page.path, page.markdown, inclusion)
        file.edit_uri = quote(page.source_file)  # edit links open the YAML the page came from
        files.append(file)
        build.generated.add(page.path)
    for data in build.publication.files:
        if files.get_file_from_path(data.path) is not None:
            raise PluginError(f"docs/{data.path} clashes with a generated data file; rename or remove it")
        files.append(File.generated(config, data.path, content=data.text))
    # Every hand-written file before a page is written, all problems at once (as `explainer check`);
    # on_page_content checks each page's real HTML again.
    extensions = (config.markdown_extensions, config.mdx_configs)
    problems = []
    for file in files:
        if file.src_uri not in build.generated and file.is_documentation_page():
            file.edit_uri = f"docs/{file.src_uri}"
        if file.generated_by is None and file.src_dir == config.docs_dir and file.abs_src_path:
            problems += check_docs_file(Path(file.abs_src_path), f"docs/{file.src_uri}", extensions)
    if problems:
        raise PluginError(
            "docs/ holds markup or files the site does not allow:\n" + "\n".join(map(str, sorted(problems)))
        )
    PREVIEW.built(build.generated)
    dirty_serve.after_files(files, config, build.site.graph, build.generated, build.home)
    return files


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.bytecode_cache = TEMPLATE_CACHE  # serve rebuilds reuse the theme's compiled templates
    return env


class PrerenderedPage(Page):
    """A generated page: explainer.prerender makes its HTML when the Markdown is only headings and
    HTML blocks (as Python-Markdown would, so the page is the same); otherwise MkDocs does."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        page_html = _current().page_html
        done = page_html.render(self.markdown) if page_html and self.markdown is not None else None
        if done is None:
            return super().render(config, files)
        self.content = done.html
        self.toc = get_toc(done.toc_tokens)
        self._title_from_render = done.title
        self.present_anchor_ids = set(done.anchor_ids)
        self.links_to_anchors = {}  # links in raw HTML are not MkDocs' to check
        return None


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    if PREVIEW.failing:
        return page
    build = _current()
    if build.page_html and build.page_html.enabled and page.file.src_uri in build.generated and type(page) is Page:
        page.__class__ = PrerenderedPage  # MkDocs made the Page (with its nav title); only render differs
    return page


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if PREVIEW.failing:
        return error_page(PREVIEW.problems)
    build = _current()
    if page.file.src_uri in build.generated:
        return markdown
    raw = page.file.content_string
    front_matter_lines = raw[: max(raw.find(markdown[:200]), 0)].count("\n")  # MkDocs strips it first
    shown = f"docs/{page.file.src_uri}"
    resolved, problems = resolve_docs_refs(
        markdown, build.site.graph, page.file.src_uri, shown, line_offset=front_matter_lines
    )
    before = resolved
    resolved, misplaced = fill_markers(resolved, page.file.src_uri, build.home, shown, line_offset=front_matter_lines)
    if resolved != before:
        build.filled.add(page.file.src_uri)
    problems += misplaced
    if problems and PREVIEW.serving:
        log.info("broken references, shown on the page:\n" + "\n".join(str(p) for p in problems))
        return error_page(problems)
    if problems:
        raise PluginError("broken references or home markers:\n" + "\n".join(str(p) for p in problems))
    return resolved


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if PREVIEW.failing:
        return html
    build = _current()
    dirty_serve.page_content(page, html)
    hand_written = page.file.src_uri not in build.generated | build.filled
    if hand_written:  # a hand-written page: check the HTML it became
        problems = check_page(page.file.content_string, html, f"docs/{page.file.src_uri}", meta=page.meta)
        if problems:
            raise PluginError(
                "a hand-written page carries markup the site does not allow:\n" + "\n".join(map(str, sorted(problems)))
            )
    graph = build.site.graph
    return build.links.link(
        html,
        page.url,
        build.site.renderer.glossary,
        lambda term_id: relative_url(page.url, graph.url("term", term_id)),
        link=page.file.src_uri.removesuffix(".md").partition("/")[0] != GLOSSARY_PAGES,
    )


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    if PREVIEW.failing:
        return context
    structured = _current().publication.structured
    dirty_serve.page_context(page, config)
    page.meta.update(structured.for_page(page.url, page.title or "", page.meta.get("description")))
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    if not PREVIEW.failing and _build is not None:
        _build.links.save(every_page=not _dirty)
    dirty_serve.on_post_build(config=config)
