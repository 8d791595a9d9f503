"""A ceiling on how much the generator writes, in proportion to the content it reads.

Items appear on more pages than their own: an event on each topic it belongs to, a
source in every list that cites it. Each appearance is bounded, but their product
is not: 100 topics and 100 events that all name each other made a 128 MB site
from 120 KB of YAML. Rather than guess every such product, the pages generated may
come to at most RATIO times the content (and never less than FLOOR, so small
sites never meet it); past that the build stops with a clean error naming the
content file whose pages grew most, before the memory is spent.
"""

from __future__ import annotations

from collections import Counter

from explainer.load.loader import Content
from explainer.model.problems import ContentError, Problem

MiB = 1024 * 1024
FLOOR = 16 * MiB  # the real site makes 0.9 MB of pages; ten thousand synthetic items 28 MB
RATIO = 16  # both make five times their YAML


def content_bytes(content: Content) -> int:
    """Characters of YAML read, counting each file once."""
    sources = {id(r.located): len(r.located.source) for r in content.all()}
    return sum(sources.values())


class OutputBudget:
    def __init__(self, read_bytes: int):
        self.read_bytes = read_bytes
        self.limit = max(FLOOR, RATIO * read_bytes)
        self.spent = 0
        self.by_source: Counter[str] = Counter()

    @classmethod
    def for_content(cls, content: Content) -> OutputBudget:
        return cls(content_bytes(content))

    def spend(self, size: int, source_file: str) -> None:
        """Count a generated page of `size` characters; raise ContentError past the limit."""
        self.spent += size
        self.by_source[source_file] += size
        if self.spent > self.limit:
            culprit, most = self.by_source.most_common(1)[0]
            message = (
                f"the generated pages pass {self.limit // MiB} MiB from {self.read_bytes // 1024} KiB of content "
                f"(at most {RATIO} times the content, or {FLOOR // MiB} MiB); pages from this file make "
                f"{most // MiB} MiB of it: an item listed on too many pages, or too many items on one"
            )
            raise ContentError([Problem(culprit, 1, 1, "", message)])
