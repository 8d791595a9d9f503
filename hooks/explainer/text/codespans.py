"""Where code is in Markdown text (fenced blocks, inline spans), found in one pass.

References inside code are shown, not resolved. A regular expression for this
(a run of backticks, then the shortest text up to the same run) backtracks: a
long run of backticks, or many unclosed fence lines, cost quadratic time. This
scanner looks at each backtick run and each fence line once.

The rules are CommonMark's, simplified as the renderer needs them: a fenced block
opens on a line starting with ``` or ~~~ and ends at the next line holding only
that fence (or at the end of the text); an inline span opens with a run of
backticks and ends at the next run of exactly as many.
"""

from __future__ import annotations

import bisect
import math
import re

_RUN_RE = re.compile(r"`+")
_FENCE_OPEN_RE = re.compile(r"^(```|~~~)", re.M)
_FENCE_CLOSE_RE = re.compile(r"^(```|~~~)[ \t]*$", re.M)


def code_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code block and span, in order and not overlapping."""
    if "`" not in text and "~~~" not in text:
        return []
    runs = [m.span() for m in _RUN_RE.finditer(text)]
    starts_by_length: dict[int, list[int]] = {}
    for start, end in runs:
        starts_by_length.setdefault(end - start, []).append(start)
    openers = [(m.start(), m.group(1)) for m in _FENCE_OPEN_RE.finditer(text)]
    closers: dict[str, list[tuple[int, int]]] = {"```": [], "~~~": []}
    for m in _FENCE_CLOSE_RE.finditer(text):
        closers[m.group(1)].append(m.span())

    spans: list[tuple[int, int]] = []
    position = next_run = next_opener = 0
    while True:
        while next_run < len(runs) and runs[next_run][0] < position:
            next_run += 1
        while next_opener < len(openers) and openers[next_opener][0] < position:
            next_opener += 1
        run_at = runs[next_run][0] if next_run < len(runs) else math.inf
        opener_at = openers[next_opener][0] if next_opener < len(openers) else math.inf
        if run_at == math.inf and opener_at == math.inf:
            return spans
        if opener_at <= run_at:  # a fence line: the block runs to its closing line, or to the end
            start, fence = openers[next_opener]
            line_end = text.find("\n", start)
            ends = closers[fence]
            k = bisect.bisect_right(ends, line_end, key=_start) if line_end >= 0 else len(ends)
            end = ends[k][1] if k < len(ends) else len(text)
        else:  # a backtick run: the span runs to the next run of the same length, if any
            start, run_end = runs[next_run]
            same = starts_by_length[run_end - start]
            k = bisect.bisect_right(same, start)
            if k == len(same):
                position = run_end  # unmatched: literal backticks
                continue
            end = same[k] + (run_end - start)
        spans.append((start, end))
        position = end


def _start(span: tuple[int, int]) -> int:
    return span[0]


def in_code(position: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether `position` lies in one of `ranges` (sorted, not overlapping, as code_ranges gives them)."""
    k = bisect.bisect_right(ranges, position, key=_start) - 1
    return k >= 0 and position < ranges[k][1]
