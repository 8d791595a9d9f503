"""Untrusted YAML to plain Python data, remembering where every value stood.

PyYAML's safe loader already refuses object-constructing tags, but it silently
keeps the last of two duplicate keys, expands aliases (the "billion laughs")
and recurses on deep nesting. We therefore check the event stream first, then
build the data ourselves from the composed node tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .errors import ContentError, Problem
from .invisible import describe, find_invisible

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32

# libyaml's parser when PyYAML was built with it: the same events and marks, ten times
# faster. Files with problems are parsed again by PyYAML, whose messages are clearer.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ALLOWED_TAGS = _SCALAR_TAGS | {_CORE + "seq", _CORE + "map"}

Path_ = tuple  # a path into the data: (3, "sources", 0)


@dataclass
class Located:
    """Data from one file plus the (line, column) of every value and key."""

    path: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    ends: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # where each scalar ends
    source: str = ""  # the text parsed, to place things found inside a value

    def find_in(self, loc: Path_, needle: str, ordinal: int = 0) -> tuple[int, int] | None:
        """(line, column) of the `ordinal`-th `needle` inside the scalar at `loc`, if it is written there as is."""
        if loc not in self.values or loc not in self.ends or not needle or re.search("\r(?!\n)", self.source):
            return None
        starts = [0] + [m.end() for m in re.finditer("\n", self.source)]
        offset = lambda line, col: starts[line - 1] + col - 1 if line <= len(starts) else len(self.source)
        begin, end = offset(*self.values[loc]), offset(*self.ends[loc])
        at = begin - 1
        for _ in range(ordinal + 1):
            at = self.source.find(needle, at + 1, end)
            if at < 0:
                return None
        line = self.source.count("\n", 0, at) + 1
        return line, at - starts[line - 1] + 1

    def where(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of `loc`, falling back to its nearest known parent."""
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        for cut in range(len(loc) - 1, -1, -1):
            if loc[:cut] in self.values:
                return self.values[loc[:cut]]
        return (1, 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _mark(node_or_event) -> tuple[int, int]:
    mark = node_or_event.start_mark
    return (mark.line + 1, mark.column + 1)


def _scan_events(text: str, path: str, loader) -> list[Problem]:
    """Refuse aliases, foreign tags and deep nesting before building anything."""
    problems: list[Problem] = []
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        line, col = _mark(event)
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                Problem(path, line, col, "", f"alias '*{event.anchor}' is not allowed; write the value out in full")
            )
            return problems  # one is enough: aliases are how expansion bombs work
        tag = getattr(event, "tag", None)
        if tag and tag not in _ALLOWED_TAGS and tag != "!":
            problems.append(
                Problem(
                    path,
                    line,
                    col,
                    "",
                    f"tag '{_short_tag(tag)}' is not allowed; content is plain text, numbers, lists and mappings",
                )
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(Problem(path, line, col, "", f"nesting deeper than {MAX_DEPTH} levels is not allowed"))
                return problems
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return problems


class _Builder:
    def __init__(self, located: Located):
        self.located = located
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()

    def build(self, node: yaml.Node, loc: Path_) -> Any:
        self.located.values[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, loc + (i,)) for i, child in enumerate(node.value)]
        self.located.ends[loc] = (node.end_mark.line + 1, node.end_mark.column + 1)
        return self._scalar(node)

    def _refuse(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.located.path, *_mark(node), "", message))

    def _mapping(self, node: yaml.MappingNode, loc: Path_) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = _mark(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _CORE + "str":
                self.problems.append(Problem(self.located.path, line, col, "", "keys must be plain words"))
                continue
            key = key_node.value
            if find_invisible(key):  # it would be printed in messages: no terminal escapes
                self.problems.append(Problem(self.located.path, line, col, "", "keys must be plain words"))
                continue
            if key in result:
                self.problems.append(
                    Problem(self.located.path, line, col, key, "duplicate key; each field may appear once")
                )
                continue
            self.located.keys[loc + (key,)] = (line, col)
            result[key] = self.build(value_node, loc + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _CORE + "timestamp":
            return node.value  # dates stay text: the model parses partial dates itself
        if tag in (_CORE + "int", _CORE + "float"):
            try:
                return (
                    self._constructor.construct_yaml_int
                    if tag == _CORE + "int"
                    else self._constructor.construct_yaml_float
                )(node)
            except ValueError:  # Python refuses integers of thousands of digits
                self._refuse(node, f"number of {len(node.value)} characters is too long")
                return None
        if tag == _CORE + "bool":
            return self._constructor.construct_yaml_bool(node)
        if tag == _CORE + "null":
            return None
        invisible = find_invisible(node.value)
        if invisible:
            self._refuse(node, f"text holds {describe(invisible.group(0))}; remove it")
        return node.value


def _decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(
            [Problem(path, line, column, "", f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8")]
        ) from None


def parse_yaml(text: str, path: str) -> Located:
    """Parse YAML text into `Located` data, or raise ContentError."""
    try:
        return _parse(text, path, _FAST_LOADER)
    except ContentError:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
        return _parse(text, path, yaml.SafeLoader)


def _parse(text: str, path: str, loader) -> Located:
    try:
        problems = _scan_events(text, path, loader)
        if problems:
            raise ContentError(problems)
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        start = exc.context_mark
        if start and exc.context and "simple key" in exc.context:  # the key line lacks its ':'
            line, col = start.line + 1, start.column + 1
            what += "; is a ':' missing after the field name?"
        elif exc.problem == "mapping values are not allowed here":  # mostly ': ' inside plain text
            what += "; if the text holds ': ', put the whole value in quotes"
        elif start and mark and start.line != mark.line:  # e.g. where an unclosed quote opened
            what += f" (it starts at line {start.line + 1}, column {start.column + 1})"
        raise ContentError([Problem(path, line, col, "", f"YAML syntax error: {what}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. NUL
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        what = f"character U+{exc.character:04X}" if isinstance(exc.character, int) else f"character {exc.character!r}"
        raise ContentError([Problem(path, line, col, "", f"{what} is not allowed in YAML; remove it")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(path, 1, 1, "", f"YAML error: {exc}")]) from None
    located = Located(path=path, data=None, source=text)
    if node is None:
        return located
    builder = _Builder(located)
    located.data = builder.build(node, ())
    if builder.problems:
        raise ContentError(builder.problems)
    return located


def load_yaml_file(file: Path, display_path: str) -> Located:
    if file.is_symlink() or not file.is_file():  # a link could point at /dev/zero or a secret
        raise ContentError(
            [
                Problem(
                    display_path, 1, 1, "", "not a plain file (a link or a device); content files must be plain files"
                )
            ]
        )
    too_big = lambda size: ContentError(
        [
            Problem(
                display_path,
                1,
                1,
                "",
                f"file is {size // 1024} KiB; a content file may hold at most {MAX_FILE_BYTES // 1024} KiB, split it",
            )
        ]
    )
    if file.stat().st_size > MAX_FILE_BYTES:  # refused before reading a byte
        raise too_big(file.stat().st_size)
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows meanwhile
    except OSError as exc:  # e.g. no permission to read it
        raise ContentError([Problem(display_path, 1, 1, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise too_big(len(raw))
    return parse_yaml(_decode(raw, display_path), display_path)
