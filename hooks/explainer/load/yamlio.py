"""Untrusted YAML to plain Python data, remembering where every value stood.

PyYAML's safe loader already refuses object-constructing tags, but it silently
keeps the last of two duplicate keys, expands aliases (the "billion laughs")
and recurses on deep nesting. We therefore check the event stream first, then
build the data ourselves from the composed node tree.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from explainer.load.plainfiles import plain_file_problem, too_big
from explainer.load.scalars import BOOL, FLOAT, INT, ScalarError, typed_scalar
from explainer.model.problems import ContentError, Problem
from explainer.text.invisible import describe, find_invisible

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32

# libyaml's parser when PyYAML was built with it: the same events and marks, ten times
# faster. Files with problems are parsed again by PyYAML, whose messages are clearer.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ALLOWED_TAGS = _SCALAR_TAGS | {_CORE + "seq", _CORE + "map"}

Path_ = tuple[str | int, ...]  # a path into the data: (3, "sources", 0)
Loader = type[yaml.SafeLoader] | Any  # PyYAML's loader or libyaml's CSafeLoader


@dataclass
class Located:
    """Data from one file plus the (line, column) of every value and key."""

    path: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    ends: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # where each scalar ends
    source: str = ""  # the text parsed, to place things found inside a value

    _line_starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _found: dict[tuple[Path_, str], list[int]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def _starts(self) -> list[int]:
        """Offset of each line's first character, computed once: a file may have thousands of problems."""
        if self._line_starts is None:
            bare_cr = re.search("\r(?!\n)", self.source)  # old Mac line ends: YAML's lines are not ours
            self._line_starts = [] if bare_cr else [0] + [m.end() for m in re.finditer("\n", self.source)]
        return self._line_starts

    def find_in(self, loc: Path_, needle: str, ordinal: int = 0) -> tuple[int, int] | None:
        """(line, column) of the `ordinal`-th `needle` inside the scalar at `loc`, if it is written there as is."""
        starts = self._starts() if loc in self.values and loc in self.ends and needle else []
        if not starts:
            return None
        found = self._found.get((loc, needle))
        if found is None:  # every occurrence at once: a text may repeat the same mistake thousands of times

            def offset(line: int, col: int) -> int:
                return starts[line - 1] + col - 1 if line <= len(starts) else len(self.source)

            begin, end = offset(*self.values[loc]), offset(*self.ends[loc])
            found = self._found[(loc, needle)] = []
            at = self.source.find(needle, begin, end)
            while at >= 0:
                found.append(at)
                at = self.source.find(needle, at + 1, end)
        if ordinal >= len(found):
            return None
        at = found[ordinal]
        line = bisect.bisect_right(starts, at)
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


def _field_name(root: str, loc: Path_) -> str:
    """'events', (2, 'date') -> 'events[2].date', as the loader names fields."""
    text = root
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.removeprefix(".")


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _mark(node_or_event: yaml.Node | yaml.Event) -> tuple[int, int]:
    mark = node_or_event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _end(node_or_event: yaml.Node | yaml.Event) -> tuple[int, int]:
    mark = node_or_event.end_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


_STR, _NULL, _TIMESTAMP = _CORE + "str", _CORE + "null", _CORE + "timestamp"


def _plain_key(key: str) -> bool:
    """A key is printed in messages as it is: no invisible character, no half of a surrogate pair."""
    return not find_invisible(key) and not _SURROGATE_RE.search(key)


def _scalar_value(tag: str, text: str) -> tuple[Any, str | None]:
    """A scalar's value, and why it is refused if it is (both paths build scalars with this)."""
    if tag == _TIMESTAMP:
        return text, None  # dates stay text: the model parses partial dates itself
    if tag in (INT, FLOAT, BOOL):
        try:
            return typed_scalar(tag, text), None
        except ScalarError as exc:
            return None, str(exc)
    if tag == _NULL:
        return None, None
    surrogate = _SURROGATE_RE.search(text)  # only an escape makes one; no file can hold it
    if surrogate:
        return None, f"text holds U+{ord(surrogate.group(0)):04X}, half of a pair, not a character"
    invisible = find_invisible(text)
    if invisible:
        return text, f"text holds {describe(invisible.group(0))}; remove it"
    return text, None


_TAGGED_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
_COLLECTION_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_COLLECTION_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _scan_events(text: str, path: str, loader: Loader) -> list[Problem]:
    """Refuse aliases, foreign tags and deep nesting before building anything."""
    problems: list[Problem] = []
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        kind = type(event)  # one look-up per event: most files are thousands of plain scalars
        if kind in _TAGGED_EVENTS:
            tag = getattr(event, "tag", None)
            if tag and tag not in _ALLOWED_TAGS and tag != "!":
                problems.append(
                    Problem(
                        path,
                        *_mark(event),
                        "",
                        f"tag '{_short_tag(tag)}' is not allowed; content is plain text, numbers, lists and mappings",
                    )
                )
            if kind in _COLLECTION_STARTS:
                depth += 1
                if depth > MAX_DEPTH:
                    problems.append(
                        Problem(path, *_mark(event), "", f"nesting deeper than {MAX_DEPTH} levels is not allowed")
                    )
                    return problems
        elif kind in _COLLECTION_ENDS:
            depth -= 1
        elif kind is yaml.AliasEvent:
            anchor = getattr(event, "anchor", "")
            problems.append(
                Problem(path, *_mark(event), "", f"alias '*{anchor}' is not allowed; write the value out in full")
            )
            return problems  # one is enough: aliases are how expansion bombs work
    return problems


class _Builder:
    def __init__(self, located: Located, root: str = "") -> None:
        self.located = located
        self.root = root
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, loc: Path_) -> Any:
        self.located.values[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, loc + (i,)) for i, child in enumerate(node.value)]
        self.located.ends[loc] = _end(node)
        assert isinstance(node, yaml.ScalarNode)  # composed YAML has only these three node kinds
        value, refusal = _scalar_value(node.tag, node.value)
        if refusal:
            self._refuse(node, refusal, loc)
        return value

    def _refuse(self, node: yaml.Node, message: str, loc: Path_ | None = None) -> None:
        field = _field_name(self.root, loc) if loc is not None else ""
        self.problems.append(Problem(self.located.path, *_mark(node), field, message))

    def _mapping(self, node: yaml.MappingNode, loc: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = _mark(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self.problems.append(Problem(self.located.path, line, col, "", "keys must be plain words"))
                continue
            key = key_node.value
            if not _plain_key(key):
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


def _decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(
            [Problem(path, line, column, "", f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8")]
        ) from None


def parse_yaml(text: str, path: str, root: str = "") -> Located:
    """Parse YAML text into `Located` data, or raise ContentError. `root` names the top list in messages."""
    try:
        return _parse(text, path, _FAST_LOADER, root)
    except ContentError as fast_error:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
        _parse(text, path, yaml.SafeLoader, root)  # raises, with PyYAML's clearer message
        raise fast_error from None  # PyYAML accepts what libyaml refused (e.g. a lone surrogate): refuse it


# `\U00110000` (past the last character) or `\uD800` (half a pair): PyYAML's scanner crashes on the first.
_ESCAPE_RE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")


def _bad_escape(text: str, path: str) -> Problem:
    """Where PyYAML's scanner failed on an escape it could not turn into a character."""
    for match in _ESCAPE_RE.finditer(text):
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            before = text[: match.start()]
            line, col = before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1
            return Problem(path, line, col, "", f"escape {match.group(0)} is not a Unicode character")
    return Problem(path, 1, 1, "", "YAML error: an escape is not a Unicode character")


def _parse(text: str, path: str, loader: Loader, root: str = "") -> Located:
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
    except (ValueError, OverflowError):  # PyYAML's scanner on an escape past U+10FFFF
        raise ContentError([_bad_escape(text, path)]) from None
    located = Located(path=path, data=None, source=text)
    if node is None:
        return located
    builder = _Builder(located, root)
    located.data = builder.build(node, ())
    if builder.problems:
        raise ContentError(builder.problems)
    return located


def load_yaml_file(file: Path, display_path: str, root: str = "") -> Located:
    """Parse one content file; `root` names its list in messages about values ("events": events[2].date)."""
    refused = plain_file_problem(file, display_path, "a content file", MAX_FILE_BYTES)  # before reading a byte
    if refused:
        raise ContentError([refused])
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows meanwhile
    except OSError as exc:  # e.g. no permission to read it
        raise ContentError([Problem(display_path, 1, 1, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError([too_big(display_path, len(raw), MAX_FILE_BYTES, "a content file")])
    return parse_yaml(_decode(raw, display_path), display_path, root)
