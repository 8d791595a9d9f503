"""Glossary linking in rendered HTML: one pass per page, whatever the term count.

The first mention of a term on a page links to its glossary entry; every
abbreviation gets a tooltip (`<abbr title>`, shown as text by
docs/javascripts/tooltips.js). Text inside headings, links, code and similar is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, chain

from markupsafe import escape

from explainer.model.kinds import Term

# Names are matched word by word at every word of every page, so a word of text costs up to one
# look-up per word of a name: names are kept short (validation says so). Real names have a few
# words; the cap leaves room for long names of markup in the hostile-input tests.
MAX_NAME_WORDS = 24
# A "word": letters/digits, with inner hyphens or dots (7-nm, U.S.).
_WORD_RE = re.compile(r"\w+(?:[-.'’]\w+)*")
_WORD_SPLIT_RE = re.compile(f"({_WORD_RE.pattern})")  # the same words, kept by re.split with the text between
# A comment, or a tag with its name (group 2; empty when none follows `<` and `/`) and whether it
# closes (group 1). Either way the match spans `<` to the first `>` as `<[^>]*>` would.
_TAG_RE = re.compile(r"<!--.*?-->|<\s*(/?)\s*([a-zA-Z0-9]*)[^>]*>", re.S)
SKIP_TAGS = {
    "a",
    "abbr",
    "code",
    "pre",
    "kbd",
    "samp",
    "script",
    "style",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "button",
    "label",
    "select",
    "option",
    "textarea",
    "title",
    "svg",
    "dfn",
    "time",
}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Entry:
    term_id: str
    title: str | None  # tooltip text, for abbreviations


def name_words(text: str) -> list[str]:
    """The words a name is matched by."""
    return _WORD_RE.findall(text)


@dataclass
class _Node:
    """A word of a name: the words that may follow it, and the term a name ending here names."""

    next: dict[str, _Node] = field(default_factory=dict)
    entry: Entry | None = None


class GlossaryIndex:
    """Every name of every term in a tree of words: each word of text costs at most one look-up per
    word of the longest name that starts there, never a scan of the glossary."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._root = _Node()
        # Whether a text holds any name's first word, by text: most text on a site repeats (labels,
        # "Sources (2)", names of sources and actors), and most holds no name at all.
        self._may_hold_name: dict[str, bool] = {}
        for term in terms:
            names: list[tuple[str, str | None]] = [(term.term, None), *((a, None) for a in term.aliases)]
            if term.abbreviation:
                names.append((term.abbreviation, term.term))  # the tooltip spells it out
            for name, title in names:
                words = name_words(name)
                if not 0 < len(words) <= MAX_NAME_WORDS:  # validation refuses longer names
                    continue
                node = self._root
                for word in words:
                    node = node.next.setdefault(word, _Node())
                if node.entry is None:  # the first term to claim a name keeps it
                    node.entry = Entry(term.id, title)

    def find(self, text: str) -> Iterator[tuple[int, int, Entry]]:
        """Yield (start, end, entry) for glossary names in plain text, longest first."""
        first_words = self._root.next
        may_hold_name = self._may_hold_name.get(text)
        if may_hold_name is False:
            return
        # [gap, word, gap, word, ..., gap]: the words and what separates them, as strings, no Match objects
        parts = _WORD_SPLIT_RE.split(text)
        words = parts[1::2]
        if may_hold_name is None:
            may_hold_name = self._may_hold_name[text] = not first_words.keys().isdisjoint(words)
            if not may_hold_name:
                return
        starts: list[int] = []  # where each part starts in `text`, counted at the first name found
        resume = 0  # words before this one are inside a name already found
        for i in [i for i, word in enumerate(words) if word in first_words]:
            if i < resume:
                continue
            first = first_words[words[i]]
            node: _Node | None = first
            last, entry, j = i, first.entry, i
            # follow the name's words while they are separated by plain spaces only
            while node and node.next and j + 1 < len(words) and parts[2 * j + 2] in (" ", "\u00a0"):
                node = node.next.get(words[j + 1])
                j += 1
                if node and node.entry:
                    last, entry = j, node.entry
            if entry:
                starts = starts or list(accumulate(map(len, parts), initial=0))
                yield starts[2 * i + 1], starts[2 * last + 2], entry  # word i's start, word last's end
                resume = last + 1

    def terms_in(self, text: str) -> set[str]:
        return {entry.term_id for _, _, entry in self.find(text)}


def link_terms(html: str, index: GlossaryIndex, url_of_term: Callable[[str], str], *, link: bool = True) -> str:
    """Link first mentions and mark abbreviations in rendered HTML."""
    linked: set[str] = set()
    skip_stack: list[str] = []
    out: list[str] = []
    copied = 0  # html[:copied] is in `out`; text that gains no markup is copied with the tags around it
    text_start = 0
    for tag in chain(_TAG_RE.finditer(html), (None,)):  # None: the end, after the last tag's text
        start, end = tag.span() if tag else (len(html), len(html))
        if start > text_start and not skip_stack:
            text = html[text_start:start]
            marked = text if text.isspace() else _mark_text(text, index, url_of_term, linked, link)
            if marked is not text:
                out += (html[copied:text_start], marked)
                copied = start
        text_start = end
        if tag is None:
            break
        name = tag[2]  # "" for comments and anything that is not a tag name
        if name and (name := name.lower()) in SKIP_TAGS and not html.endswith("/>", start, end):
            if tag[1]:  # a closing tag
                if name in skip_stack:
                    del skip_stack[len(skip_stack) - 1 - skip_stack[::-1].index(name) :]
            elif name not in VOID_TAGS:
                skip_stack.append(name)
    return "".join(out) + html[copied:] if out else html


def _mark_text(text: str, index: GlossaryIndex, url_of_term: Callable[[str], str], linked: set[str], link: bool) -> str:
    pieces, last = [], 0
    for start, end, entry in index.find(text):
        if text[start - 1 : start] == "&" or text[max(start - 2, 0) : start] == "&#":
            continue  # the name of an entity (&lt;, &amp;): splitting it would show the code
        first = link and entry.term_id not in linked
        if not first and not entry.title:
            continue
        word = text[start:end]
        marked = f'<abbr title="{escape(entry.title)}">{word}</abbr>' if entry.title else word
        if first:
            linked.add(entry.term_id)
            marked = f'<a class="glossary-link" href="{escape(url_of_term(entry.term_id))}">{marked}</a>'
        pieces.append(text[last:start] + marked)
        last = end
    return "".join(pieces) + text[last:] if pieces else text
