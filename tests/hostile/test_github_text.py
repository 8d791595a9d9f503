"""Text that reaches GitHub (the review issue, the diff summary): it pings no one, smuggles no
markup, and stays under GitHub's size limits with a pointer to the full list."""

from __future__ import annotations

import re

import pytest
from explainer.model.kinds import KINDS
from explainer.upkeep.diff import Change, ContentDiff, KindDiff
from explainer.upkeep.diff import to_markdown as diff_markdown
from explainer.upkeep.github_text import ISSUE_BODY_LIMIT, STEP_SUMMARY_LIMIT, code, inert
from explainer.upkeep.review import ISSUE_MARKER, ReviewItem, to_markdown
from markdown_it import MarkdownIt

PINGS = [
    "@octocat",
    "@my-org/security-team",
    "cc @everyone",
    "fixes #123",
    "GH-42",
    "gh-7",
    "someone/other-repo#1",
    "https://github.com/owner/repo/issues/5",
    "www.github.com/owner/repo/pull/9",
    "&#64;octocat",
    "&commat;octocat",
    "&#35;12",
    "<a href=x>@octocat</a>",
    "![tracker](https://evil.example/pixel.png)",
    "<img src=https://evil.example/p.png>",
    "[@octocat](https://github.com/octocat)",
    "`x` @octocat `y`",
    "＠octocat",
    "line one\n@octocat on line two",
]
# What GitHub would act on, in the text a reader sees (entities decoded, tags gone).
LIVE = re.compile(r"(?<![\w`])@[A-Za-z0-9]|#\d|\bGH-\d|https?://|www\.", re.IGNORECASE)


def _rendered_text(markdown: str) -> str:
    """The text nodes GitHub's filters see, outside code spans and links."""
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").parse(markdown)
    texts = []
    for block in tokens:
        if block.type == "html_block" and block.content.strip() != ISSUE_MARKER:
            raise AssertionError(f"raw HTML reached GitHub: {block.content!r}")
        depth = 0
        for token in block.children or ():
            if token.type in ("html_inline", "image"):
                raise AssertionError(f"markup reached GitHub: {token.content!r}")
            depth += token.type == "link_open"
            depth -= token.type == "link_close"
            if token.type == "text" and not depth:
                texts.append(token.content)
    return "\n".join(texts)


def _item(n: int, text: str) -> ReviewItem:
    return ReviewItem(
        "source-dead", "source", f"s{n}", text, "2026-01-01", "content/sources.yml", n, 3, "sources[0].url", text
    )


@pytest.mark.parametrize("payload", PINGS)
def test_the_review_issue_pings_no_one(payload: str):
    markdown = to_markdown([_item(1, payload)], "2026-01-01", "https://github.com/o/r")
    shown = _rendered_text(markdown)
    assert not LIVE.search(shown), shown
    assert "\u200b" in shown or not re.search(r"[@#＠]|://|www", payload)


@pytest.mark.parametrize("payload", PINGS)
def test_the_diff_summary_pings_no_one(payload: str):
    result = ContentDiff(
        "main", "HEAD", ("a" * 40, "b" * 40), {"fact": KindDiff(added=[Change("fact", "f", payload)])}, {}
    )
    shown = _rendered_text(diff_markdown(result))
    assert not LIVE.search(shown), shown


def test_a_code_span_holds_any_backticks():
    for text in ["a`b", "``", "`@x`", "a\nb"]:
        span = code(text)
        [token] = MarkdownIt().parseInline(span)[0].children or []
        assert token.type == "code_inline" and token.content == " ".join(text.split())


def test_inert_text_still_reads_the_same():
    shown = _rendered_text(inert("Ask @octocat about #12 (GH-3) at https://example.org"))
    assert shown.replace("\u200b", "") == "Ask @octocat about #12 (GH-3) at https://example.org"


def test_a_long_review_queue_fits_in_an_issue_and_says_how_many_more():
    items = [_item(n, "@octocat " + "x" * 400) for n in range(1, 601)]
    body = to_markdown(items, "2026-01-01", "https://github.com/o/r", full_list="See the artifact.")
    assert len(body) <= ISSUE_BODY_LIMIT and len(body.encode()) <= ISSUE_BODY_LIMIT
    shown = sum(1 for line in body.splitlines() if line.startswith("- "))
    assert 50 < shown < 600
    assert body.rstrip().endswith(f"**… and {600 - shown} more.** See the artifact.")


def test_a_long_diff_summary_fits_in_a_step_summary():
    changes = [Change("fact", f"f{n}", "#1 " + "y" * 500) for n in range(3000)]
    result = ContentDiff("main", "HEAD", ("a" * 40, "b" * 40), {"fact": KindDiff(added=changes)}, {})
    summary = diff_markdown(result, full_list="The full list is elsewhere.")
    assert len(summary.encode()) <= STEP_SUMMARY_LIMIT
    shown = summary.count("\n- added ")
    assert 0 < shown < 3000, shown
    assert summary.rstrip().endswith(f"**… and {3000 - shown} more.** The full list is elsewhere."), summary[-300:]
    assert f"### {KINDS['fact'].PLURAL.capitalize()}: 3000 added" in summary


def test_a_short_list_is_whole():
    body = to_markdown([_item(1, "fine")], "2026-01-01")
    assert "more.**" not in body and "`source:s1` fine" in body
