"""Generated pages as HTML without Python-Markdown: what it would make of them, made directly.

A generated page's Markdown is only ATX headings and blocks of HTML our templates already
wrote, yet MkDocs converts it like any page: a Markdown instance with every extension per
page, and the HTML parsed twice (Python-Markdown's raw-HTML stash, MkDocs' anchor scan).
That is about a third of a plain build's time on this site. `PageHtml.render` gives the same
HTML, table of contents, anchor ids and title for such Markdown and None for anything else
(hand-written pages, a heading with inline Markdown, an extension that might rewrite either),
which MkDocs then converts as before. Tests hold it to Python-Markdown's output, page by page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import markdown
from markdown.extensions.toc import nest_toc_tokens, slugify, unique

if TYPE_CHECKING:  # the stubs' names for toc tokens (ours carry html and data-toc-label too, as Markdown's do)
    from markdown.extensions.toc import _FlatTocToken, _TocToken

# Extensions that leave headings written as plain text and top-level HTML blocks alone (MkDocs
# always adds toc, tables and fenced_code). Any other extension might not, so pages render normally.
HARMLESS_EXTENSIONS = frozenset({"toc", "tables", "fenced_code", "admonition", "attr_list"})
TOC_OPTIONS = frozenset({"permalink"})  # only `permalink: true` (or false) is reproduced here

_NORMALIZED = re.compile("[\t\r\x02\x03]")  # what Python-Markdown rewrites first: tabs, CR, its own markers
_PARAGRAPH_END = re.compile(r"[ \t]*(?:\Z|\n[ \t]*(?:\n|\Z))")
_WHITESPACE_LINE = re.compile(r"\n[ \t]+\n")
_HEADING = re.compile(r"(#{1,6})[ \t]+([^\n]*?)[ \t]*\Z")
_FIRST_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)[\s>]")
# Characters that start inline Markdown in a heading (code, emphasis, links, raw HTML, entities,
# attribute lists, closing hashes); backslash-escaped they are plain text.
_INLINE_SYNTAX = frozenset("\\`*_[]<>&{}#")
# Anchors MkDocs' own scan finds: every id="...", and name="..." on links. Our templates and
# renderers quote attributes with " and escape it in values and text.
_IDS = re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]*)\"")
_NAMES = re.compile(r"<a\s(?:[^>]*?\s)?name=\"([^\"]*)\"")


@dataclass(frozen=True)
class Prerendered:
    """What MkDocs' Page.render would have set."""

    html: str
    toc_tokens: list[_TocToken]  # as markdown.extensions.toc makes them, nested
    anchor_ids: frozenset[str]  # ids other pages may link to (headings and the HTML's own)
    title: str | None  # the first heading when it is an h1, as MkDocs takes a title from it


class PageHtml:
    """Markdown to HTML for one MkDocs configuration, when the Markdown is simple enough."""

    def __init__(self, extensions: list[Any], configs: dict[str, dict[str, Any]]) -> None:
        names = {e for e in extensions if isinstance(e, str)}
        toc = configs.get("toc") or {}
        self.enabled = (
            len(names) == len(extensions)
            and names <= HARMLESS_EXTENSIONS
            and set(toc) <= TOC_OPTIONS
            and toc.get("permalink", False) in (True, False)
        )
        self.permalink = bool(toc.get("permalink", False))
        reference = markdown.Markdown(extensions=extensions, extension_configs=configs) if self.enabled else None
        self.escapable = frozenset(reference.ESCAPED_CHARS if reference else ())
        self.block_tags = frozenset(reference.block_level_elements if reference else ())

    def render(self, text: str) -> Prerendered | None:
        """The page's HTML, or None when it holds anything but headings and whole HTML blocks."""
        if not self.enabled or _NORMALIZED.search(text):
            return None
        parts: list[str] = []
        tokens: list[_FlatTocToken] = []
        used: set[str] = set()
        title: str | None = None
        position = _after_blank_lines(text, 0)
        while position < len(text):
            if text[position] == "#":
                end = _line_end(text, position)
                heading = self._heading(text[position:end], used)
                if heading is None:
                    return None
                part, token = heading
                if not parts and token["level"] == 1:  # MkDocs' title: an h1 opening the page
                    title = token["name"]
                tokens.append(token)
            else:
                blocks_end = self._blocks_end(text, position)
                if blocks_end is None:
                    return None
                end = blocks_end
                part = text[position:end] + "\n"  # Python-Markdown leaves a blank line after raw HTML
            if not _ends_paragraph(text, end):
                return None
            parts.append(part)
            position = _after_blank_lines(text, end)
        page = "\n".join(parts).strip()
        found = [*_IDS.findall(page), *_NAMES.findall(page)]
        anchors = used | {html.unescape(value) for value in found}
        return Prerendered(page, nest_toc_tokens(tokens), frozenset(anchors), title)

    def _heading(self, chunk: str, used: set[str]) -> tuple[str, _FlatTocToken] | None:
        match = _HEADING.match(chunk)
        text = self._plain_text(match[2]) if match else None
        if match is None or not text:
            return None
        level = len(match[1])
        anchor = unique(slugify(text, "-"), used)
        inner = html.escape(text, quote=False)
        link = f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a>' if self.permalink else ""
        token = cast("_FlatTocToken", {"level": level, "id": anchor, "name": text, "html": inner, "data-toc-label": ""})
        return f'<h{level} id="{anchor}">{inner}{link}</h{level}>', token

    def _plain_text(self, source: str) -> str | None:
        """A heading's text with backslash escapes undone, or None if it holds inline Markdown."""
        if _INLINE_SYNTAX.isdisjoint(source):
            return source
        out: list[str] = []
        escaped = False
        for char in source:
            if escaped:
                if char not in self.escapable:
                    return None
                out.append(char)
                escaped = False
            elif char in _INLINE_SYNTAX:
                if char != "\\":
                    return None
                escaped = True
            else:
                out.append(char)
        return None if escaped else "".join(out)

    def _blocks_end(self, text: str, start: int) -> int | None:
        """The end of block-level elements one after another from `start`, each opening at the start
        of a line and closing at the end of one, up to a blank line: Python-Markdown passes them through
        untouched. Text after an element on its line, or a line that opens no block element, would be
        Markdown again; a line of only spaces inside one, we do not know, so None."""
        while True:
            end = self._element_end(text, start)
            if end is None or _WHITESPACE_LINE.search(text, start, end):
                return None
            if end == len(text) or text[end] != "\n":
                return end
            if _ends_paragraph(text, end):
                return end
            start = end + 1

    def _element_end(self, text: str, start: int) -> int | None:
        """Where the block-level element opening at `start` closes, counting its own tags."""
        first = _FIRST_TAG.match(text, start)
        if first is None or first[1].lower() not in self.block_tags:
            return None
        depth = 0
        for match in re.compile(rf"<(/?){first[1]}[\s>]").finditer(text, start):
            depth += -1 if match[1] else 1
            if depth == 0:
                return match.end()
        return None


def _after_blank_lines(text: str, position: int) -> int:
    while (end := text.find("\n", position)) >= 0 and not text[position:end].strip(" \t"):
        position = end + 1
    return position


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _ends_paragraph(text: str, position: int) -> bool:
    """True at the end of the text or of a line followed by a blank one."""
    return _PARAGRAPH_END.match(text, position) is not None
