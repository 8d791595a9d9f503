"""References between items: `[[kind:id]]` in text, and id fields in items."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .codespans import code_ranges, in_code
from .loader import Record

REF_RE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
REF_KINDS = ("term", "actor", "event", "fact", "source", "topic")

# Fields holding Markdown, per kind; "*" walks a list. Everything else is plain text.
MARKDOWN_FIELDS: dict[str, tuple[tuple, ...]] = {
    "source": (("summary",), ("key_points", "*")),
    "fact": (("statement",), ("note",)),
    "event": (("summary",), ("note",)),
    "term": (("definition",),),
    "actor": (("description",),),
    "topic": (("answer",), ("sections", "*", "body")),
}
# Id fields, per kind: field -> kind it refers to.
ID_FIELDS: dict[str, dict[str, str]] = {
    "source": {"actors": "actor"},
    "fact": {"said_by": "actor", "sources": "source", "topics": "topic", "actors": "actor"},
    "event": {"actors": "actor", "topics": "topic", "sources": "source"},
    "term": {"related": "term", "actors": "actor", "sources": "source"},
    "actor": {},
    "topic": {"key_facts": "fact", "actors": "actor"},
}


@dataclass(frozen=True)
class TextRef:
    kind: str
    id: str
    label: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Reference:
    """An edge from `record` (at `loc`) to the item `kind:id`."""

    kind: str
    id: str
    loc: tuple
    line_offset: int = 0  # lines into a multi-line text
    error: str | None = None  # a malformed [[...]]
    needle: str = ""  # the reference as written, to find its exact column
    ordinal: int = 0  # which of several identical ones in the same text


def parse_ref(inner: str) -> tuple[str, str, str | None] | str:
    """'kind:id|label' -> (kind, id, label), or an error message."""
    target, _, label = inner.partition("|")
    kind, sep, ident = target.strip().partition(":")
    if not sep:
        return f"reference [[{inner}]] needs a kind, e.g. [[term:{kind or 'smic'}]]"
    if kind not in REF_KINDS:
        return f"[[{inner}]]: unknown kind '{kind}'; expected one of {', '.join(REF_KINDS)}"
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident.strip()):
        return f"[[{inner}]]: '{ident}' is not an id (lower-case words joined by hyphens)"
    return kind, ident.strip(), (label.strip() or None) if label else None


def sub_refs(text: str, replace) -> str:
    """REF_RE.sub that leaves references inside code alone."""
    ranges = code_ranges(text)  # references inside code are shown, not resolved
    return REF_RE.sub(lambda m: m.group(0) if in_code(m.start(), ranges) else replace(m), text)


def text_refs(text: str) -> Iterator[TextRef | tuple[str, int]]:
    """TextRefs in `text`; malformed ones as (message, offset)."""
    ranges = code_ranges(text)
    for match in REF_RE.finditer(text):
        if in_code(match.start(), ranges):
            continue
        parsed = parse_ref(match.group(1))
        if isinstance(parsed, str):
            yield parsed, match.start()
        else:
            yield TextRef(*parsed, match.start(), match.end())


def _walk(value: object, path: tuple, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if not path:
        if isinstance(value, str):
            yield loc, value
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for i, child in enumerate(value or ()):
            yield from _walk(child, rest, loc + (i,))
    else:
        child = value.get(head) if isinstance(value, dict) else getattr(value, head, None)
        yield from _walk(child, rest, loc + (head,))


def markdown_texts(record: Record) -> Iterator[tuple[tuple, str]]:
    """(loc, text) for every Markdown field of a record."""
    for path in MARKDOWN_FIELDS[record.kind]:
        yield from _walk(record.item, path, ())


def references(record: Record) -> Iterator[Reference]:
    """Every reference a record makes, in id fields and in its Markdown."""
    for field, target in ID_FIELDS[record.kind].items():
        value = getattr(record.item, field)
        if isinstance(value, str):
            yield Reference(target, value, (field,))
        elif value:
            for i, ident in enumerate(value):
                yield Reference(target, ident, (field, i))
    for loc, text in markdown_texts(record):
        block = "\n" in text  # block scalars start on the line after the key
        seen: dict[str, int] = {}
        for ref in text_refs(text):
            start = ref[1] if isinstance(ref, tuple) else ref.start
            offset = text.count("\n", 0, start) + (1 if block else 0)
            needle = REF_RE.match(text, start).group(0)
            ordinal = seen[needle] = seen.get(needle, -1) + 1
            if isinstance(ref, tuple):
                yield Reference("", "", loc, offset, error=ref[0], needle=needle, ordinal=ordinal)
            else:
                yield Reference(ref.kind, ref.id, loc, offset, needle=needle, ordinal=ordinal)
