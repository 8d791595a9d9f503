"""Characters that can hide or disguise text, refused wherever contributors write text.

A reviewer reads a diff; anything that renders as nothing (or as something else)
lets text say one thing to the reviewer and another to readers and programs:
"Trojan Source" bidirectional controls, zero-width characters, Unicode tag
characters that smuggle hidden ASCII, and code points that are not characters
at all (noncharacters such as U+FFFE, which also break YAML written out later).
"""

from __future__ import annotations

import re
import unicodedata

# Each range with why it is here. Format characters (category Cf) are listed in full
# (a test compares them with the running Python's Unicode tables). The ranges beyond
# U+FFFF are a pattern of their own: a character class that mixes them in is ten times
# slower to scan with, and most text holds no such character at all.
_BMP_RANGES = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0/C1 controls other than tab and line breaks (terminal escapes)
    "\u00ad"  # soft hyphen: invisible unless a line breaks there
    "\u034f"  # combining grapheme joiner
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"  # Arabic and Syriac format characters
    "\u115f\u1160\u17b4\u17b5\u3164\uffa0"  # fillers that render as blank space
    "\u180b-\u180f"  # Mongolian variation selectors and vowel separator
    "\u200b-\u200f"  # zero-width space, non-joiner and joiner, and the directional marks
    "\u2028\u2029"  # line and paragraph separators: invisible line breaks
    "\u202a-\u202e\u2060-\u206f"  # bidirectional embeddings and overrides, word joiner, isolates
    "\ud800-\udfff"  # lone surrogates: not characters; YAML escapes can make them
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters
    "\ufeff"  # zero-width no-break space (a byte-order mark, inside text)
    "\ufff0-\ufffb"  # unassigned specials and interlinear annotation controls
)
_ASTRAL_RANGES = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"  # format characters
    "\U000e0000-\U000e0fff"  # tag characters (hidden ASCII) and variation selectors 17-256
    # noncharacters at the end of every other plane: U+1FFFE, U+1FFFF, ... U+10FFFF
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
)
_BMP_RE = re.compile(f"[{_BMP_RANGES}]")
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_ASTRAL_REFUSED_RE = re.compile(f"[{_ASTRAL_RANGES}]")
# A variation selector (U+FE00..FE0F) is refused unless it follows a visible character,
# as in an emoji: a run of them, or one on its own, can encode hidden data.
_SELECTOR_RE = re.compile("[\ufe00-\ufe0f]")
_LONE_SELECTOR_RE = re.compile("(?<![^\\s\ufe00-\ufe0f])[\ufe00-\ufe0f]")


def iter_invisible(text: str) -> list[re.Match[str]]:
    """Every refused character in `text`, in order."""
    found = list(_BMP_RE.finditer(text))
    if _ASTRAL_RE.search(text):
        found += _ASTRAL_REFUSED_RE.finditer(text)
    if _SELECTOR_RE.search(text):
        found += _LONE_SELECTOR_RE.finditer(text)
    return sorted(found, key=lambda match: match.start())


def is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def describe(char: str) -> str:
    """'U+200B (ZERO WIDTH SPACE), an invisible character that can disguise text'."""
    code = ord(char)
    if is_noncharacter(char):
        return f"U+{code:04X} (a noncharacter), which is not text"
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (a lone surrogate), which is not text"
    name = unicodedata.name(char, "a control character")
    return f"U+{code:04X} ({name}), an invisible character that can disguise text"


def find_invisible(text: str) -> re.Match[str] | None:
    """The first refused character in `text`, if any."""
    first = _BMP_RE.search(text)
    if text.isascii():  # most values (ids, dates, addresses): only the control characters apply
        return first
    for present, refused in ((_ASTRAL_RE, _ASTRAL_REFUSED_RE), (_SELECTOR_RE, _LONE_SELECTOR_RE)):
        if present.search(text):
            match = refused.search(text)
            if match and (first is None or match.start() < first.start()):
                first = match
    return first
