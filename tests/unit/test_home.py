"""The home page's generated parts and the markers that place them in docs/index.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from explainer.build.pipeline import build_site
from explainer.model.problems import Problem
from explainer.pages import home
from explainer.pages.home import fill_markers, first_sentence, headline_amount, home_parts
from unit_support import SAMPLE, TODAY

PARTS = {"updated": "<p>U</p>", "newest": "## New\n\n<ol>N</ol>\n", "topics": "<ul>T</ul>", "figures": ""}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In October 2019 the U.S. put iFLYTEK on its list; China objected. iFLYTEK says otherwise.",
            "In October 2019 the U.S. put iFLYTEK on its list; China objected.",
        ),
        ("Ascend is Huawei's chip. Reuters reported orders.", "Ascend is Huawei's chip."),
        ("Is it a chip? Yes.", "Is it a chip?"),
        ("Mr. Ren said so. Others disagree.", "Mr. Ren said so."),
        ("Chips, e.g. Ascend, are made here. More follows.", "Chips, e.g. Ascend, are made here."),
        ('He said "no." Then he left.', 'He said "no."'),
        ("One sentence without a full stop", "One sentence without a full stop"),
        ("Output rose 2.5 times in 2025. 7 nm came later.", "Output rose 2.5 times in 2025."),
    ],
)
def test_first_sentence_ends_at_a_sentence_not_at_an_abbreviation(text: str, expected: str) -> None:
    assert first_sentence(text) == expected


def test_first_sentence_is_cut_at_a_word_when_too_long() -> None:
    cut = first_sentence("word " * 100, limit=30)
    assert cut == "word word word word word word…"
    assert len(cut) <= 30


def test_markers_are_replaced_by_their_parts_with_blank_lines_around() -> None:
    text = "# Home\n<!-- home:updated -->\nProse.\n\n<!-- home:newest -->\n\n<!-- home:topics -->\nEnd.\n"
    filled, problems = fill_markers(text, "index.md", PARTS, "docs/index.md")
    assert problems == []
    assert filled == "# Home\n\n<p>U</p>\n\nProse.\n\n## New\n\n<ol>N</ol>\n\n<ul>T</ul>\n\nEnd.\n"


def test_an_empty_part_leaves_no_marker_and_no_extra_blank_lines() -> None:
    text = "Before.\n\n<!-- home:figures -->\n\nAfter.\n"
    filled, problems = fill_markers(text, "index.md", PARTS, "docs/index.md")
    assert (filled, problems) == ("Before.\n\nAfter.\n", [])


def test_markers_in_code_are_text() -> None:
    text = "Write `<!-- home:newest -->` on a line.\n\n```\n<!-- home:nope -->\n```\n"
    assert fill_markers(text, "index.md", PARTS, "docs/index.md") == (text, [])
    assert fill_markers(text, "about.md", PARTS, "docs/about.md") == (text, [])


def test_bad_markers_are_reported_with_line_and_column_and_left_alone() -> None:
    text = "---\n\n<!-- home:newset -->\nSee <!-- home:topics --> here.\n  <!-- home:updated -->\n"
    filled, problems = fill_markers(text, "index.md", PARTS, "docs/index.md", line_offset=2)
    assert problems == [
        Problem(
            "docs/index.md",
            5,
            1,
            "",
            "unknown home part 'newset'; expected one of updated, numbers, newest, topics, figures",
        ),
        Problem("docs/index.md", 6, 5, "", "<!-- home:topics --> must stand on a line of its own"),
    ]
    assert "<!-- home:newset -->" in filled and "See <!-- home:topics --> here." in filled
    assert "<p>U</p>" in filled  # an indented marker still stands alone


def test_markers_belong_to_the_home_page_only() -> None:
    filled, problems = fill_markers("Text.\n<!-- home:newest -->\n", "about.md", PARTS, "docs/about.md")
    assert [str(p) for p in problems] == [
        "docs/about.md:2:1: <!-- home:newest --> goes only on the home page (index.md)"
    ]
    assert filled == "Text.\n<!-- home:newest -->\n"


def test_without_parts_markers_are_only_checked() -> None:
    text = "<!-- home:newest -->\n<!-- home:bad -->\n"
    filled, problems = fill_markers(text, "index.md", None, "docs/index.md")
    assert filled == text and [p.column for p in problems] == [1]


@pytest.fixture(scope="module")
def parts() -> dict[str, str]:
    return home_parts(build_site(SAMPLE, TODAY).renderer)


def test_newest_events_come_newest_first_with_dates_linking_into_the_timeline(parts: dict[str, str]) -> None:
    items = re.findall(
        r'<li><time datetime="([\d-]+)">[^<]+</time> <a href="([^"]+)"',
        parts["newest"],
    )
    assert items == [
        ("2025-10", "timeline/#k-visa-in-force"),
        ("2020-12-18", "timeline/#smic-entity-list"),
        ("2019-10-07", "timeline/#iflytek-entity-list"),
        ("2018-10-10", "timeline/#huawei-ascend-310-launch"),
    ]
    assert parts["newest"].startswith("## Latest developments\n")


def test_newest_is_cut_to_the_latest_few(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home, "NEWEST_EVENTS", 2)
    newest = home_parts(build_site(SAMPLE, TODAY).renderer)["newest"]
    assert re.findall(r'href="timeline/#([\w-]+)"', newest) == ["k-visa-in-force", "smic-entity-list"]


def test_last_updated_is_the_newest_update_with_a_link_to_whats_new(parts: dict[str, str]) -> None:
    assert parts["updated"].strip() == (
        '<p class="home-updated">Last updated <time datetime="2026-11-30">30 November 2026</time>'
        ' · Covers developments to <time datetime="2025-10">October 2025</time>'
        ' · <a href="whats-new/">What\'s new</a></p>'
    )


def test_topic_cards_ask_the_question_and_answer_in_one_sentence(parts: dict[str, str]) -> None:
    cards = re.findall(
        r'<a href="(topics/[\w-]+/)">([^<]+)</a></h3>\n<p class="topic-card-answer">([^<]+)</p>', parts["topics"]
    )
    assert cards == [
        (
            "topics/iflytek-blacklist/",
            "Why did the U.S. blacklist iFLYTEK in 2019, and how did it adapt?",
            "In October 2019 the U.S. put iFLYTEK on the Entity List over surveillance in Xinjiang.",
        ),
        (
            "topics/ascend-chips/",
            "What are Huawei&#39;s Ascend chips, and who makes them?",
            "Huawei designs the Ascend AI chips; SMIC has been reported to make some of them.",
        ),
    ]


def test_the_figures_part_shows_the_first_series_and_is_empty_without_any(
    parts: dict[str, str], sample_copy: Path
) -> None:
    assert parts["figures"].startswith("## Figures") and parts["figures"].count('<figure class="chart') >= 1
    (sample_copy / "series.yml").write_text("[]\n")
    assert home_parts(build_site(sample_copy, TODAY).renderer)["figures"].strip() == ""


def test_without_updates_the_newest_event_dates_the_page(sample_copy: Path) -> None:
    """Outside git, and with no What's new entry, the newest development is the last change known."""
    (sample_copy / "updates.yml").unlink()
    updated = home_parts(build_site(sample_copy, TODAY).renderer)["updated"]
    assert 'Last updated <time datetime="2025-10-01">' in updated and "Covers developments to" in updated


@pytest.mark.parametrize(
    "value, unit, shown",
    [
        (351400, "units-million", "351 billion units"),
        (9326.8, "usd-million", "US$9.33 billion"),
        (385.0, "usd-billion", "US$385 billion"),
        (8.1, "usd-billion", "US$8.10 billion"),
        (30, "percent", "30%"),
        (12.5, "percent", "12.5%"),
        (640, "usd-million", "US$640 million"),
    ],
)
def test_a_key_number_reads_as_a_headline(value, unit, shown):
    assert headline_amount(value, unit) == shown
