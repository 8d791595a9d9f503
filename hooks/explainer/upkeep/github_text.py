"""Markdown bound for GitHub (the review issue, a job summary): text from content and from servers
pings no one, links nothing, and the whole stays under GitHub's size limits.

GitHub turns `@name` and `@org/team` into notifications and `#123`, `GH-123`, `owner/repo#1`
and issue addresses into cross-references, in rendered text, after Markdown escapes and
entities are decoded: escaping alone does not stop them. So quoted text gets a zero-width
space after each `@` and `#`, inside `GH-` and `://`, and after `www`, which breaks every such
pattern while reading the same; Markdown and HTML are escaped so nothing can rebuild one (no
`&#64;`, no tags, no images). Names and ids go in code spans, where GitHub finds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from explainer.text.markdown import md_escape

ISSUE_BODY_LIMIT = 65_536  # characters GitHub keeps in an issue body
STEP_SUMMARY_LIMIT = 1024 * 1024  # bytes of a step's job summary
_MARGIN = 1024  # room for what is added around the text
_BREAK = "\u200b"  # zero-width space
_PING_RE = re.compile(r"([@#\uff03\ufe6b\ufe5f\uff20])|(?<=gh-)(?=\d)|(?<=:)(?=//)|(?<=www)(?=\.)", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")


def inert(text: str) -> str:
    """Quoted text, on one line, as Markdown that shows it as typed and pings or links nothing."""
    one_line = _SPACE_RE.sub(" ", text).strip()
    return md_escape(_PING_RE.sub(lambda m: (m.group(1) or "") + _BREAK, one_line))


def code(text: str) -> str:
    """`text` as a code span, whatever backticks it holds (GitHub finds no mentions in code)."""
    one_line = _SPACE_RE.sub(" ", text).strip()
    longest = max((len(run) for run in re.findall(r"`+", one_line)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if one_line.startswith("`") or one_line.endswith("`") or not one_line else ""
    return f"{fence}{pad}{one_line}{pad}{fence}"


def size(text: str) -> int:
    """UTF-8 bytes: never fewer than the characters (or UTF-16 units) GitHub counts."""
    return len(text.encode("utf-8"))


Section = tuple[list[str], list[str]]  # lines that open a section, then one line per item


def fit(head: list[str], sections: list[Section], limit: int, more: Callable[[int], str]) -> str:
    """`head`, then the sections, each line ending in a newline; when the whole would pass `limit`,
    as many items as fit, in order, then the line `more(number left out)`."""
    whole = "".join(f"{line}\n" for line in head + [line for opening, items in sections for line in opening + items])
    if size(whole) <= limit:
        return whole
    total = sum(len(items) for _, items in sections)
    budget = limit - _MARGIN - size(more(total))
    lines, used, shown = list(head), size("".join(f"{line}\n" for line in head)), 0
    for opening, items in sections:
        opening_size = size("".join(f"{line}\n" for line in opening))
        first = size(f"{items[0]}\n") if items else 0
        if used + opening_size + first > budget:
            break
        lines += opening
        used += opening_size
        for item in items:
            if used + size(f"{item}\n") > budget:
                break
            lines.append(item)
            used += size(f"{item}\n")
            shown += 1
        else:
            continue
        break
    lines += ["", more(total - shown)]
    return "".join(f"{line}\n" for line in lines)


def more_line(left_out: int, full_list: str) -> str:
    """The last line of a cut list: how many are left out, and where the whole list is."""
    where = full_list or "run the command yourself for the full list"
    return f"**… and {left_out} more.** {where}"


def artifact_pointer(artifact: str, run_url: str) -> str:
    """Markdown naming the run's artifact that holds the full list."""
    if not artifact:
        return ""
    if run_url:
        return f"The full list is in the {code(artifact)} artifact of [this workflow run]({run_url})."
    return f"The full list is in the {code(artifact)} artifact of this workflow run."
