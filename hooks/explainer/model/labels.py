"""Short plain-text names for items in reports: a title, or the start of a statement."""

from __future__ import annotations

import re

_REF_RE = re.compile(r"\[\[[a-z]+:([a-z0-9-]+)(?:\|([^\]]*))?\]\]")


def plain_label(text: str, length: int) -> str:
    """`text` on one line, references shown as their link text (or id), cut at a word before `length`."""
    plain = " ".join(_REF_RE.sub(lambda m: m.group(2) or m.group(1), text).split())
    return plain if len(plain) <= length else plain[: length - 1].rsplit(" ", 1)[0] + "…"
