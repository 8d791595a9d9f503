"""Markdown from YAML to safe HTML: markdown-it with raw HTML off.

`[[kind:id]]` references become links relative to the page being rendered;
links may only go to http(s) addresses or inside the site.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable, Iterator

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markupsafe import Markup

from explainer.text.refs import TextRef, replace_refs

_SAFE_LINK_RE = re.compile(r"^(https?://|#|\.{0,2}/(?!/)|[a-z0-9][a-z0-9/_.-]*(#[\w-]*)?$)", re.I)
# Exactly the characters Python-Markdown un-escapes; escaping others would show a backslash.
_MD_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def _link_allowed(url: str) -> bool:
    return bool(_SAFE_LINK_RE.match(url.strip()))


class _SafeLinks(MarkdownIt):
    """Links only to http(s) addresses or inside the site; anything else stays text."""

    def validateLink(self, url: str) -> bool:
        return _link_allowed(url)


class _EveryLink(MarkdownIt):
    """Keeps every link and image, so validation sees what the renderer would drop."""

    def validateLink(self, url: str) -> bool:
        return True


def _drop_link_titles(state: StateCore) -> None:
    """Links from YAML get no `title`: tooltips and previews must never meet contributors'
    text in an attribute that a theme script might read as markup (see docs/javascripts/tooltips.js)."""
    for block in state.tokens:
        for token in block.children or ():
            if token.type == "link_open" and token.attrs:
                token.attrs.pop("title", None)


def _new_renderer() -> MarkdownIt:
    md = _SafeLinks("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough").disable("image")
    md.core.ruler.push("drop_link_titles", _drop_link_titles)
    return md


_RENDERER = _new_renderer()


def _new_link_finder() -> MarkdownIt:
    """The renderer's parser, but keeping every link and image, so validation sees what it would drop."""
    md = _EveryLink("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    return md


_LINK_FINDER = _new_link_finder()


def link_targets(text: str) -> Iterator[tuple[int, str, str]]:
    """(line within `text`, "link" or "image", address) for each link and image, entities decoded."""
    if "](" not in text and "]:" not in text and "<" not in text:
        return  # CommonMark has no link, image or autolink without one of these: skip the parse
    for block in _LINK_FINDER.parse(text):
        for token in block.children or ():
            line = block.map[0] if block.map else 0
            if token.type == "link_open":
                yield line, "link", str(token.attrGet("href") or "")
            elif token.type == "image":
                yield line, "image", str(token.attrGet("src") or "")


def is_allowed_link(address: str) -> bool:
    """http(s) addresses, and addresses inside the site (no scheme, not protocol-relative)."""
    squeezed = re.sub(r"[\x00-\x20]", "", address).lower()
    if squeezed.startswith(("http://", "https://")):
        return True
    return not re.match(r"^([a-z][a-z0-9+.-]*:|//|\\\\)", squeezed)


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for site-root-relative paths, without its getcwd() per call."""
    to, here = [p for p in path.split("/") if p], [p for p in start.split("/") if p]
    if path.startswith("/") or start.startswith("/") or {".", ".."} & {*to, *here}:
        return posixpath.relpath(path or ".", start or ".")
    common = 0
    while common < len(to) and common < len(here) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def relative_url(from_page: str, to: str) -> str:
    """Address of `to` as seen from `from_page` (both site-root relative, directory style)."""
    path, hash_, anchor = to.partition("#")
    if path == from_page:
        return f"#{anchor}" if hash_ else "./"
    rel = _relpath(path, from_page)
    is_dir = not path or path.endswith("/")
    rel = "" if rel == "." else rel + ("/" if is_dir and not rel.endswith("/") else "")
    return (rel or "./") + (f"#{anchor}" if hash_ else "")


def md_escape(text: str) -> str:
    """Text that Python-Markdown shows literally: no tags, no link or attribute syntax.

    Quotes stay as they are: harmless in text, and `&#34;` would lose its `#` to the
    escaping below and show in the table of contents as typed."""
    return _MD_SPECIAL_RE.sub(r"\\\1", html.escape(text, quote=False))


class Renderer:
    """Renders YAML Markdown for one page, resolving references from that page."""

    def __init__(self, resolve: Callable[[str, str], tuple[str, str]], page_url: str):
        self._resolve = resolve  # (kind, id) -> (site url, label)
        self.page_url = page_url

    def _substitute_refs(self, text: str) -> str:
        def link(ref: TextRef, _start: int) -> str:
            url, default_label = self._resolve(ref.kind, ref.id)
            return f"[{md_escape(ref.label or default_label)}]({relative_url(self.page_url, url)})"

        # A malformed reference was reported by validation; shown as typed.
        return replace_refs(text, link, lambda _message, written, _start: md_escape(written))

    def block(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        return Markup(_render_block(self._substitute_refs(text)))

    def inline(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        return Markup(_render_inline(self._substitute_refs(text)))


# A fact or event shows on its listing and on topic pages, at the same depth: once its
# references are resolved its Markdown is usually the same text, so render that once.
@functools.lru_cache(maxsize=1 << 16)
def _render_block(markdown: str) -> str:
    return str(_RENDERER.render(markdown)).strip()


@functools.lru_cache(maxsize=1 << 16)
def _render_inline(markdown: str) -> str:
    return str(_RENDERER.renderInline(markdown)).strip()
