"""Reader text never shows an internal label: no "Seed 003", no `[[kind:id]]` left unresolved,
no `kind:id`, no item id where a title belongs. Scans every built page's visible text and the
attributes read aloud or shown as tooltips; code samples (which document the syntax) are skipped.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

from explainer.load.loader import load_content
from explainer.model.kinds import KINDS

REPO = Path(__file__).resolve().parents[2]
PROJECT = Path(os.environ.get("SITE_TESTS_PROJECT", REPO))
# Elements whose text is not reader prose: code samples show the syntax on purpose.
SKIPPED = {"script", "style", "template", "code", "pre", "samp", "kbd"}
SHOWN_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder"}
SEED_RE = re.compile(r"\bseed[- ]?\d{3}\b", re.I)
KIND_ID_RE = re.compile(rf"\b(?:{'|'.join(KINDS)}):[a-z0-9]+(?:-[a-z0-9]+)*\b")
# The data page describes Markdown fields with the placeholder of the syntax itself.
SYNTAX_PLACEHOLDER = "[[kind:id]]"


class ReaderText(HTMLParser):
    """The text a reader sees or hears: text outside SKIPPED elements, and SHOWN_ATTRIBUTES."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.pieces: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        self.pieces += [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.pieces.append(data)


def reader_text(html: str) -> str:
    parser = ReaderText()
    parser.feed(html)
    return " ".join(" ".join(parser.pieces).split())


def id_pattern(ids: set[str]) -> re.Pattern[str]:
    """Ids no writer would type as prose (with a digit, or three words or more), as whole tokens."""
    telltale = sorted((i for i in ids if re.search(r"\d", i) or i.count("-") >= 2), key=len, reverse=True)
    return re.compile(r"(?<![\w./#-])(?:" + "|".join(map(re.escape, telltale)) + r")(?![\w-])")


def internal_labels(text: str, ids: re.Pattern[str]) -> list[str]:
    text = text.replace(SYNTAX_PLACEHOLDER, "")
    found = [m.group(0) for m in SEED_RE.finditer(text)] + [m.group(0) for m in KIND_ID_RE.finditer(text)]
    found += [m.group(0) for m in ids.finditer(text)]
    return found + [text[max(0, i - 30) : i + 30] for i in (m.start() for m in re.finditer(r"\[\[|\]\]", text))]


def content_ids() -> set[str]:
    content, problems = load_content(PROJECT / "content")
    assert content.all(), problems
    return {record.item.id for record in content.all()}


def test_no_page_shows_an_internal_label(site_dir: Path) -> None:
    ids = id_pattern(content_ids())
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 100
    leaks = {
        page.relative_to(site_dir).as_posix(): found
        for page in pages
        if (found := internal_labels(reader_text(page.read_text(encoding="utf-8")), ids))
    }
    assert not leaks, "\n".join(f"{page}: {found[:5]}" for page, found in sorted(leaks.items())[:20])


def test_the_scan_finds_each_kind_of_leak() -> None:
    html = """<p>See Seed 003 and seed-001, then [[actor:huawei]], fact:some-fact-id and
    huawei-ascend-910c.</p><abbr title="SEED 004">x</abbr><code>[[term:smic]] seed-002</code>
    <p>Fields refer to items with [[kind:id]]; ascend-chips-page/ and #huawei-ascend-910c are addresses.</p>"""
    found = internal_labels(reader_text(html), id_pattern({"huawei-ascend-910c", "dual-use"}))
    assert found[:5] == ["Seed 003", "seed-001", "SEED 004", "actor:huawei", "fact:some-fact-id"]
    assert "huawei-ascend-910c" in found and len([f for f in found if "[[" in f or "]]" in f]) == 2
    assert "[[term:smic]]" not in " ".join(found) and "seed-002" not in found
