"""The whole site for an engine that runs no MkDocs plugin (Zensical reads mkdocs.yml but runs
none): what the plugin does at render time, done before and after the engine builds.

Before, `stage_site` writes into a docs folder every page (generated, the data page, and the
hand-written ones with their references and home markers resolved and their markup checked)
with its structured data in its front matter, where the theme's main.html reads it as it reads
what the plugin puts in page.meta; and the open data files beside them.
After, `link_glossary` links glossary terms in each built page's <article>, as the plugin's
on_page_content does in the page's HTML.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

from explainer.build.export import export_pages
from explainer.build.publication import write_files
from explainer.build.site import Built, SiteBuilder
from explainer.handwritten.policy import Extensions, check_docs_folder, split_front_matter
from explainer.handwritten.refs import resolve_docs_folder
from explainer.model.problems import ContentError, Problem
from explainer.resolve import addresses
from explainer.resolve.addresses import page_url
from explainer.resolve.graph import SiteGraph
from explainer.resolve.siteinfo import SiteInfo
from explainer.text.glossary import link_terms
from explainer.text.markdown import relative_url

GLOSSARY_PAGES = addresses.listing_page("term").removesuffix(".md")  # the glossary and its parts link no terms
_FIRST_H1_RE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
_HTML_LINK_RE = re.compile(r'(\b(?:href|src)=")([^"]+)(")')
_ARTICLE_RE = re.compile(r"(<article\b[^>]*>)(.*)(</article>)", re.S)


@dataclass(frozen=True)
class Staged:
    built: Built
    page_urls: list[str]  # every page's address, site-relative ("" for the home page)
    count: int  # files written: pages and data


def stage_site(
    content_dir: Path,
    docs_dir: Path,
    out_dir: Path,
    site: SiteInfo,
    *,
    repo_root: Path,
    extensions: Extensions | None = None,
    nav_titles: Mapping[str, str] | None = None,
    edit_base: str = "",
) -> Staged:
    """Write the pages and data files into out_dir. Raises ContentError with every problem: the
    content's, and the hand-written pages' broken references, misplaced markers and refused markup.
    `nav_titles` (page path -> title in the navigation) names pages as the engine will; with
    `edit_base` (the repository's edit address), a generated page's edit link opens its YAML."""
    built = SiteBuilder(content_dir, repo_root).build(site, reuse=False)
    graph = built.output.graph
    docs_pages, problems = resolve_docs_folder(docs_dir, graph, built.home) if docs_dir.is_dir() else ({}, [])
    problems += check_docs_folder(docs_dir, extensions) if docs_dir.is_dir() else []
    if problems:
        raise ContentError(sorted(problems))
    generated = {page.path: page for page in [*built.output.pages, *built.publication.pages]}
    clashes = sorted(set(generated) & set(docs_pages))
    if clashes:
        raise ContentError([Problem(f"docs/{path}", 0, 0, "", "clashes with a generated page") for path in clashes])
    titles = dict(nav_titles or {})
    markdown = {path: file_relative_links(page.markdown, path) for path, page in generated.items()}
    edit_urls = {path: edit_base + quote(page.source_file) for path, page in generated.items()} if edit_base else {}
    markdown.update(docs_pages)
    with_meta = {
        path: _with_meta(text, path, titles.get(path) or _title(text, path), built, edit_urls.get(path))
        for path, text in markdown.items()
    }
    count = export_pages([], out_dir, docs_dir, with_meta)
    write_files([(data.path, data.text) for data in built.publication.files], out_dir)
    return Staged(built, sorted(page_url(path) for path in with_meta), count + len(built.publication.files))


def file_relative_links(markdown: str, path: str) -> str:
    """A generated page's links made relative to its Markdown file, not to its address: engines
    such as Zensical resolve every relative link (raw HTML's too) against the source file, as
    Markdown links to .md files are, while MkDocs leaves raw HTML alone and the generator writes
    links as seen from the page's address ("../../timeline/" from actors/x/ is "../timeline/"
    from actors/x.md)."""
    here = page_url(path)
    source_dir = posixpath.dirname(path)
    if here == (source_dir + "/" if source_dir else ""):
        return markdown  # an index page: its file sits where its address is

    def rebase(match: re.Match[str]) -> str:
        href = match[2]
        if urlsplit(href).scheme or href.startswith(("/", "#")) or ".md" in href:
            return match[0]
        address, hash_, anchor = href.partition("#")
        target = posixpath.normpath(here + address) + ("/" if address.endswith("/") or not address else "")
        rel = posixpath.relpath(target, source_dir or ".") + ("/" if target.endswith("/") else "")
        return f"{match[1]}{rel}{hash_}{anchor}{match[3]}"

    return _HTML_LINK_RE.sub(rebase, markdown)


def _title(markdown: str, path: str) -> str:
    """The title MkDocs gives a page outside the navigation: front matter, else the first H1."""
    meta, start = split_front_matter(markdown)
    if isinstance(meta.get("title"), str):
        return str(meta["title"])
    heading = _FIRST_H1_RE.search(markdown, start)
    return heading[1] if heading else Path(path).stem.replace("-", " ").capitalize()


def _with_meta(markdown: str, path: str, title: str, built: Built, edit_url: str | None) -> str:
    """The page with the plugin's page.meta additions (JSON-LD and Open Graph, the edit link) in its
    front matter."""
    meta, start = split_front_matter(markdown)
    description = meta.get("description")
    extra = built.publication.structured.for_page(
        page_url(path), title, description if isinstance(description, str) else None
    )
    if isinstance(description, str):  # written entity-escaped for Material, which prints it raw;
        extra["description"] = html.unescape(description)  # Zensical's templates escape it themselves
    if edit_url:
        extra["edit_url"] = edit_url
    front = yaml.safe_dump({**meta, **extra}, allow_unicode=True, sort_keys=False, width=1 << 20)
    return f"---\n{front}---\n\n{markdown[start:].lstrip(chr(10))}"


def link_glossary(site_dir: Path, staged: Staged) -> int:
    """Link glossary terms in the <article> of every built page; return how many pages changed."""
    output = staged.built.output
    changed = 0
    for url in staged.page_urls:
        target = site_dir / url / "index.html"
        if not target.is_file():
            continue  # the engine reports pages it did not write
        html = target.read_text(encoding="utf-8")
        article = _ARTICLE_RE.search(html)
        if article is None:
            continue
        linked = link_terms(
            article[2],
            output.renderer.glossary,
            partial(_term_url, url, output.graph),
            link=url.partition("/")[0] != GLOSSARY_PAGES,
        )
        if linked is not article[2]:
            target.write_text(html[: article.start(2)] + linked + html[article.end(2) :], encoding="utf-8")
            changed += 1
    return changed


def _term_url(page: str, graph: SiteGraph, term_id: str) -> str:
    return relative_url(page, graph.url("term", term_id))
