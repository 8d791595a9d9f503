"""References between items: `[[kind:id]]` in Markdown text, and id fields in items.

Every record's references are parsed once, when it is loaded (`references`);
every substitution of `[[kind:id]]` in text goes through `replace_refs`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from explainer.model.kinds import (
    KINDS,
    SLUG_PATTERN,
    FieldPath,
    Item,
    markdown_fields,
    nested_reference_fields,
    reference_fields,
)
from explainer.text.codespans import code_ranges, in_code

REF_RE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_SLUG_RE = re.compile(SLUG_PATTERN)
REF_KINDS = tuple(KINDS)
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class TextRef:
    kind: str
    id: str
    label: str | None


@dataclass(frozen=True)
class Reference:
    """An edge from an item (at `loc`) to the item `kind:id`."""

    kind: str
    id: str
    loc: Loc
    line_offset: int = 0  # lines into a multi-line text
    error: str | None = None  # a malformed [[...]]
    needle: str = ""  # the reference as written, to find its exact column
    ordinal: int = 0  # which of several identical ones in the same text


def parse_ref(inner: str) -> TextRef | str:
    """'kind:id|label' -> TextRef, or an error message."""
    target, _, label = inner.partition("|")
    kind, sep, ident = target.strip().partition(":")
    if not sep:
        return f"reference [[{inner}]] needs a kind, e.g. [[term:{kind or 'example-id'}]]"
    if kind not in REF_KINDS:
        return f"[[{inner}]]: unknown kind '{kind}'; expected one of {', '.join(REF_KINDS)}"
    if not _SLUG_RE.fullmatch(ident.strip()):
        return f"[[{inner}]]: '{ident}' is not an id (lower-case words joined by hyphens)"
    return TextRef(kind, ident.strip(), (label.strip() or None) if label else None)


def _ref_matches(text: str) -> Iterator[re.Match[str]]:
    """Every `[[...]]` outside code."""
    ranges = code_ranges(text)  # references inside code are shown, not resolved
    for match in REF_RE.finditer(text):
        if not in_code(match.start(), ranges):
            yield match


def replace_refs(
    text: str, on_ref: Callable[[TextRef, int], str], on_error: Callable[[str, str, int], str] | None = None
) -> str:
    """`text` with each reference outside code replaced by `on_ref(ref, start)`; a malformed one by
    `on_error(message, as_written, start)`, or left as written. `start` is its offset in `text`."""
    if "[[" not in text:
        return text
    pieces: list[str] = []
    end = 0
    for match in _ref_matches(text):
        parsed = parse_ref(match.group(1))
        if isinstance(parsed, str):
            replacement = on_error(parsed, match.group(0), match.start()) if on_error else match.group(0)
        else:
            replacement = on_ref(parsed, match.start())
        pieces += [text[end : match.start()], replacement]
        end = match.end()
    return "".join(pieces) + text[end:]


def _walk(value: object, path: FieldPath, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if not path:
        if isinstance(value, str):
            yield loc, value
        return
    head, rest = path[0], path[1:]
    if head == "*":
        children: list[object] = list(value) if isinstance(value, (list, tuple)) else []
        for i, child in enumerate(children):
            yield from _walk(child, rest, (*loc, i))
    else:
        yield from _walk(getattr(value, head, None), rest, (*loc, head))


def markdown_texts(kind: str, item: Item) -> Iterator[tuple[Loc, str]]:
    """(loc, text) for every Markdown field of an item."""
    for path in markdown_fields(kind):
        yield from _walk(item, path, ())


def references(kind: str, item: Item) -> Iterator[Reference]:
    """Every reference an item makes, in id fields and in its Markdown."""
    for field, target in reference_fields(kind).items():
        value = getattr(item, field)
        if isinstance(value, str):
            yield Reference(target, value, (field,))
        elif value:
            for i, ident in enumerate(value):
                yield Reference(target, ident, (field, i))
    for path, target in nested_reference_fields(kind).items():
        for loc, ident in _walk(item, path, ()):
            yield Reference(target, ident, loc)
    for loc, text in markdown_texts(kind, item):
        if "[[" not in text:
            continue
        block = "\n" in text  # block scalars start on the line after the key
        seen: dict[str, int] = {}
        for match in _ref_matches(text):
            offset = text.count("\n", 0, match.start()) + (1 if block else 0)
            needle = match.group(0)
            ordinal = seen[needle] = seen.get(needle, -1) + 1
            parsed = parse_ref(match.group(1))
            if isinstance(parsed, str):
                yield Reference("", "", loc, offset, error=parsed, needle=needle, ordinal=ordinal)
            else:
                yield Reference(parsed.kind, parsed.id, loc, offset, needle=needle, ordinal=ordinal)


def text_refs(text: str) -> Iterator[TextRef]:
    """The well-formed references in a text, outside code."""
    for match in _ref_matches(text):
        parsed = parse_ref(match.group(1))
        if isinstance(parsed, TextRef):
            yield parsed
