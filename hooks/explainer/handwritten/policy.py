"""What hand-written pages and files in docs/ may carry, as `docs/<file>:line:col: message` problems.

Pages (*.md) are checked on the HTML they render to (docs_markup.py says what is
allowed), on their front matter, which the theme prints raw into the page and its
navigation, and for invisible characters. Files that a browser would run as a
document of the site (HTML, XML) are refused; SVG images may draw but not run or
fetch. `explainer check` renders pages with the Markdown extensions of mkdocs.yml;
the build checks the HTML MkDocs itself made, with the same messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import markdown
import yaml

from explainer.handwritten.markup import Finding, page_markup_findings, shown, svg_findings
from explainer.model.problems import Problem
from explainer.text.invisible import describe, iter_invisible

# The extensions MkDocs always adds to those mkdocs.yml names.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
# Served as documents of the site: a script in one would run with the site's address.
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".svgz", ".swf"})
# Front matter as MkDocs reads it (mkdocs/utils/meta.py): YAML between `---` lines, or
# MultiMarkdown-style `key: value` lines up to the first blank line.
_YAML_META_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_MMD_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MMD_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
Extensions = tuple[list[str], dict[str, dict[str, Any]]]  # names, and settings by name
# Printed raw by the theme: in the navigation, in <title> and inside quoted attributes.
_RAW_PRINTED_RE = re.compile(r'[<>"]')


def split_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """(front matter, offset where the Markdown starts), as MkDocs splits a page."""
    match = _YAML_META_RE.match(text)
    if match:
        try:
            found = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            return {}, 0  # MkDocs renders it as Markdown then: the HTML check sees it
        if not isinstance(found, dict):
            return {}, 0
        end = match.end()
        return found, end + len(text[end:]) - len(text[end:].lstrip("\n"))
    data: dict[str, Any] = {}
    offset, key = 0, None
    for line in text.splitlines(keepends=True):
        if not line.strip():
            break
        if pair := _MMD_META_RE.match(line):
            key = pair.group("key").lower().strip()
            value = pair.group("value").strip()
            data[key] = f"{data[key]} {value}" if key in data else value
        elif (more := _MMD_MORE_RE.match(line)) and key:
            data[key] += " " + more.group("value").strip()
        else:
            break
        offset += len(line)
    return data, offset


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
    problems: list[Problem] = []
    front_matter, body_start = split_front_matter(source)
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


def check_svg(text: str, shown_path: str) -> list[Problem]:
    locator = _Locator(text, 0)
    return [Problem(shown_path, *locator.place(f), "", f.message) for f in svg_findings(text)]


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!ENV` or `!!python/name:` tags: read them as nothing, import nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def markdown_extensions(config_file: Path) -> Extensions:
    """The Markdown extensions (and their settings) MkDocs renders pages with, from mkdocs.yml."""
    names: list[str] = list(MKDOCS_BUILTIN_EXTENSIONS)
    settings: dict[str, dict[str, Any]] = {}
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        return names, settings
    listed = config.get("markdown_extensions") if isinstance(config, dict) else None
    for entry in listed if isinstance(listed, list) else []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) and entry else (entry, None)
        if isinstance(name, str):
            if name not in names:
                names.append(name)
            if isinstance(options, dict):
                settings[name] = options
    return names, settings


def render_page(body: str, extensions: Extensions) -> str:
    """A page's Markdown as MkDocs would render it (without MkDocs' own link rewriting)."""
    names, settings = extensions
    try:
        renderer = markdown.Markdown(extensions=names, extension_configs=settings)
    except Exception:  # an extension this check cannot load: the build still checks its real output
        renderer = markdown.Markdown(extensions=list(MKDOCS_BUILTIN_EXTENSIONS))
    return renderer.convert(body)


def check_docs_file(path: Path, shown_path: str, extensions: Extensions | None) -> list[Problem]:
    """Problems in one file of docs/; pages only when `extensions` are given to render them with."""
    suffix = path.suffix.lower()
    if suffix in ACTIVE_SUFFIXES:
        message = f"{shown(suffix)} files are not allowed in docs/: a browser would run them as pages of the site"
        return [Problem(shown_path, 1, 1, "", message)]
    if suffix not in (".svg", ".md") or (suffix == ".md" and extensions is None):
        return []
    if path.is_symlink() or not path.is_file():
        return []  # not read: links and devices are refused where content is loaded
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return [Problem(shown_path, 1, 1, "", f"cannot read the file: {exc.strerror or exc}")]
    if suffix == ".svg":
        return check_svg(text, shown_path)
    _, body_start = split_front_matter(text)
    return check_page(text, render_page(text[body_start:], extensions or ([], {})), shown_path)


def check_docs_folder(docs_dir: Path, config_file: Path | None = None) -> list[Problem]:
    """Every problem in docs/: pages, active files and SVG images."""
    extensions = markdown_extensions(config_file) if config_file else (list(MKDOCS_BUILTIN_EXTENSIONS), {})
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*")):
        shown_path = shown(f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}", 200)
        problems += check_docs_file(path, shown_path, extensions)
    return sorted(problems)
