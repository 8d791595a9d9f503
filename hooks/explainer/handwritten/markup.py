"""The markup a hand-written page may carry: an allow-list checked on the HTML it renders to.

Checking the output rather than the Markdown means that whatever Markdown does
with raw HTML, links and images, what a reader's browser receives is what is
checked. Allowed: what Markdown and the enabled extensions produce (tables,
admonitions, a table of contents) and the theme's building blocks, such as grid
cards (`<div class="grid cards" markdown>`); links to http(s), mailto: or inside
the site; images from the site itself. Refused: every other element (scripts,
frames, forms, styles, base, meta, SVG, ...), event handlers, style attributes,
and any other address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from explainer.text.markdown import is_allowed_link

_ALLOWED_ELEMENT_NAMES = (
    "a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup "
    "table tbody td tfoot th thead time tr u ul var wbr"
)
ALLOWED_ELEMENTS = frozenset(_ALLOWED_ELEMENT_NAMES.split())
# `markdown` marks raw HTML whose inside is Markdown (grid cards); aria-* are allowed too.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "hidden", "markdown"})
ELEMENT_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "rel"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "td": frozenset({"colspan", "rowspan", "headers", "style"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr", "style"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
LINK_ATTRIBUTES = frozenset({"href", "cite"})
# The one style Markdown writes itself: column alignment in tables.
_TABLE_ALIGN_RE = re.compile(r"\s*text-align:\s*(left|right|center)\s*;?\s*")
# Elements the parser below must have seen if they are anywhere in the HTML: a second look
# in case it read something as text or a comment that a browser reads as a tag.
_DANGEROUS_TAG_RE = re.compile(
    r"<\s*(script|style|iframe|frame|frameset|object|embed|applet|form|input|button|textarea|select|"
    r"base|meta|link|svg|math|template|noscript|xmp|plaintext|listing|portal)\b",
    re.I,
)


@dataclass(frozen=True)
class Finding:
    """One thing a page may not carry, with text to look for in the page's source to place it."""

    message: str
    needles: tuple[str, ...]


def shown(value: str, limit: int = 80) -> str:
    """A value as a message may print it: one line, no control characters, not too long."""
    text = "".join(c if c.isprintable() else "?" for c in value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_site_address(address: str) -> bool:
    """Inside the site: no scheme, not protocol-relative (is_allowed_link without http(s))."""
    squeezed = re.sub(r"[\x00-\x20]", "", address).lower()
    return is_allowed_link(address) and not squeezed.startswith(("http://", "https://"))


def _is_allowed_href(address: str) -> bool:
    squeezed = re.sub(r"[\x00-\x20]", "", address).lower()
    return is_allowed_link(address) or squeezed.startswith("mailto:")


def _raw_values(raw_tag: str, name: str) -> list[str]:
    """The attribute's value as written in the tag, entities and all."""
    pattern = rf"""\s{re.escape(name)}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
    return [next(g for g in m.groups() if g is not None) for m in re.finditer(pattern, raw_tag, re.I)]


class _PageMarkup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self.refused_tags: set[str] = set()

    def _refuse(self, message: str, *needles: str) -> None:
        self.findings.append(Finding(message, tuple(n for n in needles if n)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        if tag not in ALLOWED_ELEMENTS:
            self.refused_tags.add(tag)
            self._refuse(f"<{shown(tag)}> is not allowed in a hand-written page", raw, f"<{tag}")
            return
        allowed = GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            self._check_attribute(tag, name, value or "", allowed, raw)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _check_attribute(self, tag: str, name: str, value: str, allowed: frozenset[str], raw_tag: str) -> None:
        # To place it: the whole tag (raw HTML stays as written), else the value as written or decoded.
        raw = [raw_tag, *_raw_values(raw_tag, name)]
        if name.startswith("on"):
            self._refuse(f"event handler '{shown(name)}' on <{tag}> is not allowed", *raw, name)
        elif name == "style":
            if name not in allowed or not _TABLE_ALIGN_RE.fullmatch(value):
                self._refuse(f"style on <{tag}> is not allowed; styles belong in docs/stylesheets/", *raw, value)
        elif name not in allowed and not name.startswith("aria-"):
            self._refuse(f"attribute '{shown(name)}' on <{tag}> is not allowed", *raw, name)
        elif name in LINK_ATTRIBUTES and not _is_allowed_href(value):
            self._refuse(
                f"link to '{shown(value)}' is not allowed: only http(s), mailto: and this site's pages", *raw, value
            )
        elif tag == "img" and name == "src" and not _is_site_address(value):
            self._refuse(f"image '{shown(value)}' is not allowed: images must come from this site (docs/)", *raw, value)
        elif name == "id" and value.startswith("__"):
            self._refuse(f"id '{shown(value)}' is not allowed: ids starting with '__' belong to the theme", *raw, value)

    def handle_comment(self, data: str) -> None:
        # Parsers disagree on odd comments (`<!-->` ends at once in a browser): plain notes only.
        if "<" in data or ">" in data or "--" in data or data.startswith("-") or data.endswith("-"):
            self._refuse("an HTML comment may hold only plain text (no '<', '>' or '--')", f"<!--{data}")

    def handle_decl(self, decl: str) -> None:
        self._refuse(f"'<!{shown(decl, 30)}>' is not allowed in a hand-written page", f"<!{decl}")

    def unknown_decl(self, data: str) -> None:
        self._refuse(f"'<![{shown(data, 30)}' is not allowed in a hand-written page", f"<![{data}")

    def handle_pi(self, data: str) -> None:
        self._refuse(f"'<?{shown(data, 30)}' is not allowed in a hand-written page", f"<?{data}")


def page_markup_findings(html: str) -> list[Finding]:
    """Everything in a page's rendered HTML that the allow-list refuses, in order."""
    parser = _PageMarkup()
    parser.feed(html)
    parser.close()
    findings = parser.findings
    for match in _DANGEROUS_TAG_RE.finditer(html):
        if match.group(1).lower() not in parser.refused_tags:
            parser.refused_tags.add(match.group(1).lower())
            findings.append(
                Finding(f"<{match.group(1).lower()}> is not allowed in a hand-written page", (match.group(0),))
            )
    return findings
