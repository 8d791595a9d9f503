"""What hand-written pages and files in docs/ may carry, as `docs/<file>:line:col: message` problems.

Pages (*.md) are checked on the HTML they render to (docs_markup.py says what is
allowed), on their front matter, which the theme prints raw into the page and its
navigation, and for invisible characters. Other files are allowed by type: any
type a browser could open as a document of the site (HTML, XML, ...) is refused,
and SVG images are read as XML (docs_svg.py): they may draw but not run or fetch.
Front matter is read by front_matter.py. `explainer check` renders pages with the
Markdown extensions of mkdocs.yml; the build checks the HTML MkDocs itself made, with the same messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import markdown

from explainer.handwritten.front_matter import read_front_matter
from explainer.handwritten.markup import Finding, page_markup_findings, shown
from explainer.handwritten.svg import svg_problems
from explainer.model.problems import Problem
from explainer.text.invisible import describe, iter_invisible

# The extensions MkDocs always adds to those mkdocs.yml names.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
# What docs/ may publish, by type (any other file could be served as a document of the site,
# as XML, HTML or a plug-in's, and a script in it would run with the site's address):
# pages and SVG images, both checked; raster images, which browsers only ever draw; and the
# site's own scripts and styles, in the folders only maintainers may change (CODEOWNERS).
PAGE_SUFFIX, SVG_SUFFIX = ".md", ".svg"
RASTER_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"})
CODE_FOLDERS = {".js": "javascripts", ".css": "stylesheets"}
Extensions = tuple[list[str], dict[str, dict[str, Any]]]  # names, and settings by name
# Printed raw by the theme: in the navigation, in <title> and inside quoted attributes.
_RAW_PRINTED_RE = re.compile(r'[<>"]')


def split_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """(front matter, offset where the Markdown starts), as MkDocs splits a page ({} when it is refused)."""
    front_matter = read_front_matter(text, "")
    return front_matter.data, front_matter.body_start


def _strings(value: object, path: str) -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class _Locator:
    """Places findings in the source: each needle is looked for after its last place."""

    def __init__(self, text: str, start: int):
        self.text, self.start = text, start
        self.after: dict[str, int] = {}

    def place(self, finding: Finding) -> tuple[int, int]:
        for needle in finding.needles:
            at = self.text.find(needle, self.after.get(needle, self.start))
            if at < 0:
                at = self.text.find(needle, self.start)
            if at >= 0:
                self.after[needle] = at + 1
                return _position(self.text, at)
        return _position(self.text, self.start)  # not written as is (entities): the page's first line


def check_page(source: str, html: str, shown_path: str, meta: Mapping[str, Any] | None = None) -> list[Problem]:
    """Every problem in one hand-written page: `source` is the file's text, `html` what it renders to.

    `meta` is the front matter as the site generator read it (default: read as MkDocs does)."""
    read = read_front_matter(source, shown_path)
    front_matter, body_start = read.data, read.body_start
    problems = list(read.problems)
    for invisible in iter_invisible(source):
        message = f"text holds {describe(invisible.group(0))}; remove it"
        problems.append(Problem(shown_path, *_position(source, invisible.start()), "", message))
    for key, value in _strings(front_matter if meta is None else meta, ""):
        if bad := _RAW_PRINTED_RE.search(value):
            at = source.find(value[: bad.start() + 1])
            line, column = _position(source, at) if 0 <= at < body_start else (1, 1)
            problems.append(
                Problem(
                    shown_path,
                    line,
                    column,
                    "",
                    f"front matter {key}: '{bad.group(0)}' is printed raw by the theme; leave it out",
                )
            )
    locator = _Locator(source, body_start)
    for finding in page_markup_findings(html):
        problems.append(Problem(shown_path, *locator.place(finding), "", finding.message))
    return problems


def render_page(body: str, extensions: Extensions) -> str:
    """A page's Markdown as MkDocs would render it (without MkDocs' own link rewriting)."""
    names, settings = extensions
    try:
        renderer = markdown.Markdown(extensions=names, extension_configs=settings)
    except Exception:  # an extension this check cannot load: the build still checks its real output
        renderer = markdown.Markdown(extensions=list(MKDOCS_BUILTIN_EXTENSIONS))
    return renderer.convert(body)


def type_problem(inside_docs: str, shown_path: str) -> Problem | None:
    """Why a file of this type (at `inside_docs`, its path in docs/) may not be published, if it may not."""
    suffix = PurePosixPath(inside_docs).suffix.lower()
    if suffix in (PAGE_SUFFIX, SVG_SUFFIX) or suffix in RASTER_SUFFIXES:
        return None
    folder = CODE_FOLDERS.get(suffix)
    if folder and inside_docs.split("/")[0] == folder:
        return None
    if folder:
        message = f"{suffix} files belong in docs/{folder}/, which maintainers review"
    else:
        kind = f"{shown(suffix)} files" if suffix else "files without a type (extension)"
        allowed = ", ".join(sorted({PAGE_SUFFIX, SVG_SUFFIX, *RASTER_SUFFIXES}))
        message = f"{kind} are not allowed in docs/: a browser could run them as pages of the site; use {allowed}"
    return Problem(shown_path, 1, 1, "", message)


def check_docs_file(path: Path, shown_path: str, extensions: Extensions | None) -> list[Problem]:
    """Problems in one file of docs/ (`shown_path` is `docs/<its path in docs/>`); pages only when
    `extensions` are given to render them with. Folders and files MkDocs leaves out (dot names) pass."""
    inside_docs = shown_path.partition("/")[2]
    if path.is_symlink() or path.is_dir() or any(part.startswith(".") for part in inside_docs.split("/")):
        return []  # links and devices are refused where the project's files are listed
    refused = type_problem(inside_docs, shown_path)
    if refused:
        return [refused]
    suffix = path.suffix.lower()
    if suffix not in (SVG_SUFFIX, PAGE_SUFFIX) or (suffix == PAGE_SUFFIX and extensions is None):
        return []
    if not path.is_file():
        return []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [Problem(shown_path, 1, 1, "", f"cannot read the file: {exc.strerror or exc}")]
    if suffix == SVG_SUFFIX:
        return svg_problems(raw, shown_path)
    text = raw.decode("utf-8", errors="replace")
    _, body_start = split_front_matter(text)
    return check_page(text, render_page(text[body_start:], extensions or ([], {})), shown_path)


def check_docs_folder(docs_dir: Path, extensions: Extensions | None = None) -> list[Problem]:
    """Every problem in docs/: pages, active files and SVG images, pages rendered with `extensions`
    (the site's, as its settings give them; MkDocs' built-in ones when None)."""
    extensions = extensions or (list(MKDOCS_BUILTIN_EXTENSIONS), {})
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*")):
        shown_path = shown(f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}", 200)
        problems += check_docs_file(path, shown_path, extensions)
    return sorted(problems)
