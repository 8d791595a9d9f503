"""A hand-written page's front matter, read without expanding anything and checked where it reaches the site.

MkDocs reads front matter with PyYAML, which expands aliases: a few lines can stand
for billions of values. It is read here as content is (yamlio.parse_yaml: no aliases,
tags or duplicate keys) before MkDocs reads it. The theme, the search index and the
page's head take the values as they are (a search boost of `.nan` makes
search_index.json invalid JSON), so each field the site uses is checked for type and
range, and fields it does not use are refused.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from explainer.handwritten.markup import shown
from explainer.load.yamlio import parse_yaml
from explainer.model.problems import ContentError, Problem

# Front matter as MkDocs reads it (mkdocs/utils/meta.py): YAML between `---` lines, or
# MultiMarkdown-style `key: value` lines up to the first blank line.
YAML_META_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_MMD_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MMD_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Text the theme prints (head, navigation, search): at most this many characters.
TEXT_FIELDS = {"title": 150, "subtitle": 150, "author": 150, "description": 400}
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
MAX_TAG = 60
MAX_BOOST = 10  # generated pages use up to 4 (explainer.pages.searchrank)
_ICON_RE = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)+")  # e.g. material/chip: a file of the theme's icons
_STATUS_RE = re.compile(r"[a-z][a-z0-9-]{0,31}")  # printed into a class name
FIELDS = (*TEXT_FIELDS, "icon", "status", "hide", "tags", "search")

Where = Callable[[tuple[str, ...]], tuple[int, int]]


@dataclass
class FrontMatter:
    """A page's front matter as MkDocs would use it ({} when refused), where the Markdown starts, and problems."""

    data: dict[str, Any]
    body_start: int
    problems: list[Problem] = field(default_factory=list)


def read_front_matter(text: str, shown_path: str) -> FrontMatter:
    match = YAML_META_RE.match(text)
    if match:
        return _yaml_front_matter(text, match, shown_path)
    return _multimarkdown_front_matter(text, shown_path)


def _yaml_front_matter(text: str, match: re.Match[str], shown_path: str) -> FrontMatter:
    block = match.group(1)
    try:  # events only: linear whatever the aliases, and the same parser MkDocs uses
        for _ in yaml.parse(block, Loader=_FAST_LOADER):
            pass
    except (yaml.YAMLError, ValueError, OverflowError):
        return FrontMatter({}, 0)  # MkDocs renders it as Markdown then: the page's HTML check sees it
    try:
        located = parse_yaml(block, shown_path)
    except ContentError as exc:  # aliases, tags, duplicate keys...: lines counted after the opening `---`
        return FrontMatter({}, match.end(), [_below_first_line(p) for p in exc.problems])
    if not isinstance(located.data, dict):
        return FrontMatter({}, 0)  # not front matter to MkDocs either
    end = match.end()
    body_start = end + len(text[end:]) - len(text[end:].lstrip("\n"))

    def where(path: tuple[str, ...]) -> tuple[int, int]:
        line, column = located.where(path)
        return line + 1, column

    return FrontMatter(located.data, body_start, field_problems(located.data, where, shown_path))


def _below_first_line(problem: Problem) -> Problem:
    return Problem(problem.path, problem.line + 1, problem.column, problem.field, problem.message, problem.severity)


def _multimarkdown_front_matter(text: str, shown_path: str) -> FrontMatter:
    data: dict[str, Any] = {}
    places: dict[str, tuple[int, int]] = {}
    offset, key = 0, None
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if not line.strip():
            break
        if pair := _MMD_META_RE.match(line):
            key = pair.group("key").lower().strip()
            value = pair.group("value").strip()
            data[key] = f"{data[key]} {value}" if key in data else value
            places.setdefault(key, (number, pair.start("value") + 1))
        elif (more := _MMD_MORE_RE.match(line)) and key:
            data[key] += " " + more.group("value").strip()
        else:
            break
        offset += len(line)
    return FrontMatter(data, offset, field_problems(data, lambda path: places.get(path[0], (1, 1)), shown_path))


def _shown_value(value: object) -> str:
    return shown(value if isinstance(value, str) else repr(value), 40)


def field_problems(data: Mapping[str, Any], where: Where, shown_path: str) -> list[Problem]:
    """What in the front matter the site may not print or index: wrong types, values out of range, unknown fields."""
    problems: list[Problem] = []

    def refuse(path: tuple[str, ...], message: str) -> None:
        problems.append(Problem(shown_path, *where(path), ".".join(path), message))

    for key, value in data.items():
        if key in TEXT_FIELDS:
            if not isinstance(value, str) or not value.strip():
                refuse((key,), f"must be text, not {_shown_value(value)} (put it in quotes)")
            elif len(value) > TEXT_FIELDS[key]:
                refuse((key,), f"{len(value)} characters; at most {TEXT_FIELDS[key]}")
        elif key == "icon" and not (isinstance(value, str) and _ICON_RE.fullmatch(value)):
            refuse((key,), f"{_shown_value(value)} is not an icon name such as 'material/book-open'")
        elif key == "status" and not (isinstance(value, str) and _STATUS_RE.fullmatch(value)):
            refuse((key,), f"{_shown_value(value)} is not a status name: lower-case letters, digits and '-'")
        elif key == "hide":
            if not isinstance(value, list) or not all(v in HIDE_VALUES for v in value):
                refuse((key,), f"must be a list of some of: {', '.join(HIDE_VALUES)}")
        elif key == "tags":
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() and len(v) <= MAX_TAG for v in value
            ):
                refuse((key,), f"must be a list of words or short phrases (at most {MAX_TAG} characters each)")
        elif key == "search":
            problems += _search_problems(value, where, shown_path)
        elif key == "template":
            refuse((key,), "a page's template is chosen by the site's code (overrides/); remove it")
        elif key not in FIELDS:
            refuse((key,), f"not a field the site reads; use {', '.join(FIELDS)}")
    return problems


def _search_problems(value: object, where: Where, shown_path: str) -> list[Problem]:
    """`search: {boost: 2, exclude: false}`: the values Material's search index is built from."""
    if not isinstance(value, dict):
        return [Problem(shown_path, *where(("search",)), "search", "must be a mapping, e.g. {boost: 2}")]
    problems = []
    for key, item in value.items():
        path = ("search", key)
        message = None
        if key == "boost":
            number = isinstance(item, int | float) and not isinstance(item, bool)
            if not number or not math.isfinite(item) or not 0 < item <= MAX_BOOST:
                message = f"must be a number above 0 and at most {MAX_BOOST}, not {_shown_value(item)}"
        elif key == "exclude":
            if not isinstance(item, bool):
                message = f"must be true or false, not {_shown_value(item)}"
        else:
            message = "not a search setting; use boost or exclude"
        if message:
            problems.append(Problem(shown_path, *where(path), ".".join(map(str, path)), message))
    return problems
