"""Markdown from YAML that needs no parser, rendered as markdown-it renders it.

Most texts are prose; many add only references (by then links, `[Label](../x/)`) and
now and then a `**word**`. For those, markdown-it's output is a known function of the
text, and computing it directly costs a tenth of a parse. Anything else returns None
and goes to markdown-it. tests/unit/test_markdown.py holds this to markdown-it on
random texts made of these pieces and of everything near them, and on the real content.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.common.utils import escapeHtml

# Prose: letters, digits, spaces and punctuation that starts no Markdown syntax anywhere in a line.
_PROSE = r"[^\W_]|[ ,.;:'\"()/%?$@+=’‘“”—–-]"
_NOT_PROSE_RE = re.compile(r"[^\w ,.;:'\"()/%?$@+=’‘“”—–-]|_")
_LETTER_RE = re.compile(r"[^\W\d_]")
# A link as references become links: the label escaped by markdown.md_escape (backslashes before
# Markdown's punctuation, &amp; &lt; &gt;), the address a plain relative or http(s) one.
_LABEL = r"(?:" + _PROSE + r"|\\[\\`*_{}\[\]()#+\-.!]|&(?:amp|lt|gt);)+"
_PIECE_RE = re.compile(
    rf"(?P<prose>(?:{_PROSE})+)"
    rf"|\*\*(?P<strong>[^\W_](?:(?:{_PROSE})*[^\W_])?)\*\*"
    rf"|\[(?P<label>{_LABEL})\]\((?P<url>[a-z0-9/._~#:-]+)\)"
)
_LABEL_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])|&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}


def is_plain(markdown: str) -> bool:
    """Prose only, on one line, a letter first and no space last: markdown-it would only escape it."""
    return not _NOT_PROSE_RE.search(markdown) and bool(_LETTER_RE.match(markdown)) and not markdown.endswith(" ")


def simple_html(markdown: str, link_allowed: Callable[[str], bool]) -> str | None:
    """The inline HTML markdown-it makes of `markdown` (a paragraph's content), or None when the text
    holds anything but prose, `**strong**` and links whose address `link_allowed` accepts."""
    if is_plain(markdown):
        return escapeHtml(markdown)
    if not markdown or markdown.endswith(" "):  # markdown-it drops a last space; prose holds no line break
        return None
    out: list[str] = []
    at = 0
    while at < len(markdown):
        piece = _PIECE_RE.match(markdown, at)
        if piece is None:
            return None
        prose, strong, label, url = piece.group("prose", "strong", "label", "url")
        if prose is not None:
            if at == 0 and not _LETTER_RE.match(prose):
                return None  # a digit, `-`, `+` or the like first could start a list or a heading
            out.append(escapeHtml(prose))
        elif strong is not None:
            # Each `**` pairs with the next: the word inside holds no `*` and starts and ends with a
            # letter or digit. Only two spans that touch differ: `****` is one run, paired otherwise.
            if markdown.startswith("*", piece.end()):
                return None
            out.append(f"<strong>{escapeHtml(strong)}</strong>")
        else:
            if not link_allowed(url):
                return None  # markdown-it shows such a link as text
            shown = _LABEL_ESCAPE_RE.sub(lambda m: m.group(1) or _ENTITIES[m.group(2)], label)
            out.append(f'<a href="{url}">{escapeHtml(shown)}</a>')
        at = piece.end()
    return "".join(out)
