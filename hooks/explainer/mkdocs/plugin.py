"""The MkDocs plugin (`plugins: - explainer`): the only place that drives MkDocs. The work is in `explainer`.

on_config runs the pipeline (explainer.build.site) and stops the build with every content
problem; on_files adds the generated pages and the open data files; on_page_markdown
resolves [[kind:id]] in hand-written pages and fills the home page's <!-- home:... -->
markers; on_page_content checks the markup of hand-written pages (explainer.handwritten)
and links glossary terms; on_page_context hands the theme each page's structured data.
Generated pages skip Python-Markdown when explainer.mkdocs.prerender can make their HTML
itself (on_pre_page; `prerender: false` turns it off). Under `mkdocs serve`, content
problems are shown in the browser instead (explainer.mkdocs.serve_errors), so the preview
never hangs on a broken file; under `make serve` (`mkdocs serve --dirty`)
explainer.mkdocs.dirty_serve decides which pages a rebuild renders.

State lives on the plugin instance, which MkDocs keeps for a whole `mkdocs serve`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jinja2
from mkdocs.config.base import ConfigErrors, ConfigWarnings, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from explainer.build.collector import collector_paused
from explainer.build.pipeline import check_content
from explainer.build.site import Built, SiteBuilder
from explainer.handwritten.policy import check_docs_file, check_page
from explainer.handwritten.refs import resolve_docs_refs
from explainer.load.plainfiles import project_problems
from explainer.mkdocs.dirty_serve import DirtyServe
from explainer.mkdocs.nav import expand_topics
from explainer.mkdocs.prerender import PageHtml
from explainer.mkdocs.serve_errors import Preview, error_page, nav_paths
from explainer.mkdocs.settings import ExplainerConfig, site_info
from explainer.mkdocs.theme_rules import refused_features
from explainer.model.problems import ContentError, shown_problems
from explainer.pages.home import fill_markers
from explainer.pages.template_cache import SHARED as TEMPLATE_CACHE
from explainer.publish.cards import share_cards
from explainer.resolve import addresses
from explainer.text.glossary import link_terms
from explainer.text.markdown import relative_url

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.explainer")
GLOSSARY_PAGES = addresses.listing_page("term").removesuffix(".md")  # the glossary and its parts link no terms


@dataclass
class _Build:
    """What one build (or one `serve` rebuild) produced."""

    built: Built
    page_html: PageHtml | None  # generated pages' HTML without Python-Markdown (None: turned off)
    generated: set[str] = field(default_factory=set)
    # hand-written pages whose markers were filled with generated parts: their own Markdown was
    # checked alone in on_files, so the finished HTML (with our charts' SVG) is not checked again
    filled: set[str] = field(default_factory=set)


class PrerenderedPage(Page):
    """A generated page: explainer.mkdocs.prerender makes its HTML when the Markdown is only headings and
    HTML blocks (as Python-Markdown would, so the page is the same); otherwise MkDocs does."""

    page_html: PageHtml | None = None

    def render(self, config: MkDocsConfig, files: Files) -> None:
        done = self.page_html.render(self.markdown) if self.page_html and self.markdown is not None else None
        if done is None:
            return super().render(config, files)
        self.content = done.html
        self.toc = get_toc(done.toc_tokens)
        self._title_from_render = done.title
        self.present_anchor_ids = set(done.anchor_ids)
        self.links_to_anchors = {}  # links in raw HTML are not MkDocs' to check
        return None


class ExplainerPlugin(BasePlugin[ExplainerConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.preview = Preview()
        self.dirty = DirtyServe()
        self._builder: SiteBuilder | None = None
        self._build: _Build | None = None

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        errors, warnings = super().load_config(options, config_file_path)
        # MkDocs only warns about a name it does not know; a misspelt setting would silently do nothing.
        unknown = [(key, msg) for key, msg in warnings if "Unrecognised configuration name" in msg]
        return [*errors, *((key, ValidationError(msg)) for key, msg in unknown)], [
            w for w in warnings if w not in unknown
        ]

    def _current(self) -> _Build:
        if self._build is None:
            raise PluginError("the explainer plugin ran out of order: on_config has not run")
        return self._build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview.serving = command == "serve"
        self.dirty.on_startup(command=command, dirty=dirty)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        return self.dirty.on_serve(server, config=config, builder=builder)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        unsafe = project_problems(_read_folders(config, root))
        if unsafe:  # before MkDocs lists docs/: it would follow a link to /etc/passwd or /dev/zero
            raise PluginError("files the build may not read; nothing was built:\n" + "\n".join(shown_problems(unsafe)))
        refused = refused_features(config.theme.get("features") or [])
        if refused:
            raise PluginError("\n".join(refused))
        content_dir = root / self.config.content_dir
        if self._builder is None or self._builder.content_dir != content_dir:
            self._builder = SiteBuilder(content_dir, root)
        try:
            with collector_paused(then_freeze=not self.preview.serving):  # a one-shot build keeps the site to the end
                built = self._builder.build(site_info(config, self.config), reuse=self.preview.serving)
        except ContentError as exc:
            if not self.preview.serving:
                raise PluginError("content has errors; nothing was built:\n" + str(exc)) from None
            self.preview.failed(check_content(content_dir)[1])  # all of `explainer check`'s lines
            log.info("content has errors; every page shows them until they are fixed:\n" + str(exc))
            return config
        self.preview.loaded()
        page_html = PageHtml(config.markdown_extensions, config.mdx_configs) if self.config.prerender else None
        self._build = _Build(built, page_html)
        for warning in built.output.warnings:
            log.info(str(warning))  # review dates are a maintainer's queue, not a build failure
        config.nav = expand_topics(config.nav, built.output.pages)
        return config

    def _cover_with_errors(self, files: Files, config: MkDocsConfig) -> Files:
        """Serving with content errors: every page the reader may reload is a page showing them."""
        existing = {file.src_uri for file in files}
        in_nav = nav_paths(config.nav)
        for path in sorted(self.preview.pages_to_cover(config.nav, existing)):
            inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=error_page(self.preview.problems), inclusion=inclusion))
        return files

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.preview.failing:
            self.dirty.after_failed_files(files, config)
            return self._cover_with_errors(files, config)
        build = self._current()
        built = build.built
        build.generated.clear()
        build.filled.clear()
        for page in [*built.output.pages, *built.publication.pages]:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"docs/{page.path} clashes with a generated page; rename or remove it")
            # Detail pages stay out of the navigation Material renders into every page.
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = self.dirty.generated_page(config, page.path, page.markdown, inclusion)
            file.edit_uri = quote(page.source_file)  # edit links open the YAML the page came from
            files.append(file)
            build.generated.add(page.path)
        for data in built.publication.files:
            if files.get_file_from_path(data.path) is not None:
                raise PluginError(f"docs/{data.path} clashes with a generated data file; rename or remove it")
            files.append(File.generated(config, data.path, content=data.text))
        for card in share_cards(config.site_name):  # og:image, one per page type
            files.append(File.generated(config, card.path, content=card.png))
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
        self.preview.built(build.generated)
        self.dirty.after_files(files, config, built.output.graph, build.generated, built.home)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        return self.dirty.on_nav(nav, config=config, files=files)

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.bytecode_cache = TEMPLATE_CACHE  # serve rebuilds reuse the theme's compiled templates
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.preview.failing:
            return page
        build = self._current()
        page_html = build.page_html
        if page_html and page_html.enabled and page.file.src_uri in build.generated and type(page) is Page:
            page.__class__ = PrerenderedPage  # MkDocs made the Page (with its nav title); only render differs
            assert isinstance(page, PrerenderedPage)
            page.page_html = page_html
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.preview.failing:
            return error_page(self.preview.problems)
        build = self._current()
        if page.file.src_uri in build.generated:
            return markdown
        raw = page.file.content_string
        front_matter_lines = raw[: max(raw.find(markdown[:200]), 0)].count("\n")  # MkDocs strips it first
        shown = f"docs/{page.file.src_uri}"
        graph = build.built.output.graph
        resolved, problems = resolve_docs_refs(
            markdown, graph, page.file.src_uri, shown, line_offset=front_matter_lines
        )
        before = resolved
        resolved, misplaced = fill_markers(
            resolved, page.file.src_uri, build.built.home, shown, line_offset=front_matter_lines
        )
        if resolved != before:
            build.filled.add(page.file.src_uri)
        problems += misplaced
        if problems and self.preview.serving:
            log.info("broken references, shown on the page:\n" + "\n".join(str(p) for p in problems))
            return error_page(problems)
        if problems:
            raise PluginError("broken references or home markers:\n" + "\n".join(str(p) for p in problems))
        return resolved

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.preview.failing:
            return html
        build = self._current()
        self.dirty.page_content(page, html)
        if page.file.src_uri not in build.generated | build.filled:  # a hand-written page: check the HTML it became
            problems = check_page(page.file.content_string, html, f"docs/{page.file.src_uri}", meta=page.meta)
            if problems:
                raise PluginError(
                    "a hand-written page carries markup the site does not allow:\n"
                    + "\n".join(map(str, sorted(problems)))
                )
        output = build.built.output
        return link_terms(
            html,
            output.renderer.glossary,
            lambda term_id: relative_url(page.url, output.graph.url("term", term_id)),
            link=page.file.src_uri.removesuffix(".md").partition("/")[0] != GLOSSARY_PAGES,
        )

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.preview.failing:
            return context
        structured = self._current().built.publication.structured
        self.dirty.page_context(page, config)
        page.meta.update(structured.for_page(page.url, page.title or "", page.meta.get("description")))
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.dirty.on_post_build(config=config)


def _read_folders(config: MkDocsConfig, root: Path) -> dict[str, Path]:
    """Folders MkDocs reads and copies from (following links), as shown in messages."""
    root = root.resolve()
    folders = [Path(config.docs_dir).resolve()]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir).resolve())
    return {(f.relative_to(root).as_posix() if f.is_relative_to(root) else str(f)): f for f in folders}
