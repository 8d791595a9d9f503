"""Each page type, rendered from the sample content without MkDocs."""

import re
import shutil

import pytest
from explainer.build.pipeline import build_site
from unit_support import SAMPLE, TODAY


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {p.path: p.markdown for p in build_site(SAMPLE, TODAY).pages}


def test_every_page_type_is_generated(pages):
    assert set(pages) == {
        "whats-new.md",
        "topics/index.md",
        "topics/iflytek-blacklist.md",
        "topics/ascend-chips.md",
        "timeline.md",
        "glossary.md",
        "facts.md",
        "figures.md",
        "forecasts.md",
        "actors/index.md",
        "actors/iflytek.md",
        "actors/huawei.md",
        "actors/bis.md",
        "actors/smic.md",
        "sources/index.md",
        "sources/newsweek-iflytek-2025.md",
        "sources/bis-2019-xinjiang-rule.md",
        "sources/smic-entity-list-2020.md",
    }


def test_pages_start_with_front_matter(pages):
    assert pages["actors/huawei.md"].startswith(
        '---\ntitle: "Huawei"\ndescription: "Chinese telecoms and electronics group that designs the Ascend AI chips."\n'
    )


def test_topic_page_has_question_answer_sections_facts_timeline_and_terms(pages):
    page = pages["topics/iflytek-blacklist.md"]
    assert "# Why did the U\\.S\\. blacklist iFLYTEK in 2019, and how did it adapt?" in page
    assert re.search(r"## What the listing did\n\n<div class=\"topic-section\">\n<p>Exports", page)
    assert '<article class="fact-card fact-claim" id="iflytek-says-overcame">' in page
    assert 'said by <a href="../../actors/iflytek/">iFLYTEK</a>' in page
    # A compact timeline, folded with the evidence: date and linked title; the event's card and
    # anchor live on the timeline only.
    assert re.search(
        r"<details class=\"topic-evidence\" id=\"timeline\">\n<summary>[^<]*</summary>\n<ol class=\"compact-timeline\">\n<li>"
        r"<time datetime=\"2019-10-07\">7 October 2019</time> "
        r"<a href=\"../../timeline/#iflytek-entity-list\">iFLYTEK and 27 other",
        page,
    )
    assert 'class="timeline-event"' not in page and 'id="iflytek-entity-list"' not in page
    assert re.search(
        r"<details class=\"topic-evidence\" id=\"terms-used\">\n<summary>[^<]*</summary>\n"
        r"<ul class=\"terms-used\">\n<li><a href=\"../../glossary/#entity-list\">Entity List</a>",
        page,
    )


def test_timeline_groups_by_year_with_anchors_and_real_precision(pages):
    page = pages["timeline.md"]
    assert [int(y) for y in re.findall(r"^## (\d{4})$", page, re.M)] == [2025, 2020, 2019, 2018]  # newest first
    assert '<time datetime="2025-10">October 2025</time>' in page
    assert '<time datetime="2019-10-07">7 October 2019</time>' in page
    assert '<form class="timeline-filters" hidden' in page
    assert '<option value="ascend-chips">Huawei&#39;s Ascend chips</option>' in page


def test_glossary_has_anchors_chinese_names_and_related_terms(pages):
    page = pages["glossary.md"]
    # Each term a heading with its anchor (a search entry of its own), its names just under it.
    assert (
        '<h3 class="term-name" id="smic"><dfn>Semiconductor Manufacturing International Corporation</dfn> '
        '<span class="term-abbr">(SMIC)</span></h3>\n<div class="term-definition">\n'
        '<p class="term-names"> <span class="zh" lang="zh-Hans">中芯国际</span>'
    ) in page
    assert 'id="k-visa"' in page and 'id="ascend"' in page
    assert 'Related: <a href="#smic">Semiconductor Manufacturing International Corporation</a>' in page


def test_toneless_pinyin_is_in_the_entry_for_search_but_hidden(pages):
    assert '<span class="search-names" hidden> Zhongxin Guoji Zhongxinguoji</span>' in pages["glossary.md"]
    assert '<span class="search-names" hidden> Zhongxin Guoji Zhongxinguoji</span>' in pages["actors/smic.md"]
    assert "search-names" not in pages["topics/ascend-chips.md"]  # only an item's own entry carries them


def test_actor_and_glossary_pages_rank_higher_in_search(pages):
    assert "\nsearch:\n  boost: 4.0\n---\n" in pages["actors/huawei.md"]
    assert "\nsearch:\n  boost: 4.0\n---\n" in pages["glossary.md"]
    assert "search:" not in pages["sources/newsweek-iflytek-2025.md"].split("---")[1]


def test_facts_page_labels_kind_author_and_dates(pages):
    page = pages["facts.md"]
    assert (
        '<span class="fact-kind">Claim</span> · said by <a href="../actors/iflytek/">iFLYTEK</a> · as of <time datetime="2025-11">November 2025</time>'
        in page
    )
    ids = re.findall(r"^- id: (\S+)", (SAMPLE / "facts.yml").read_text(), re.M)
    assert len(ids) > 3
    assert re.findall(r'<article class="fact-card fact-\w+" id="([^"]+)"', page) == ids


def test_actor_page_lists_backlinks_grouped_by_kind(pages: dict[str, str]) -> None:
    page = pages["actors/bis.md"]
    timeline = page.split("## Timeline\n")[1].split("\n## ")[0]
    assert (
        '<time datetime="2020-12-18">18 December 2020</time> <a href="../../timeline/#smic-entity-list">'
        "SMIC is added to the Entity List</a>" in timeline
    )
    appears = page.split("## Where it appears\n")[1].split("\n## ")[0]
    assert '### Topics\n\n<ul class="entry-list">\n<li><a href="../../topics/iflytek-blacklist/">' in appears
    assert '### Glossary\n\n<ul class="entry-list">\n<li><a href="../../glossary/#entity-list">' in appears
    assert "backlink-kind" not in page


def test_source_page_has_summary_key_points_and_citations(pages):
    page = pages["sources/newsweek-iflytek-2025.md"]
    # No address known: no link and no words about it; the source's page is the reference.
    assert "address" not in page.split("## Our summary")[0] and 'class="external' not in page
    assert (
        '<li>The company was put on the U.S. <a href="../../glossary/#entity-list">Entity List</a> in 2019.</li>'
        in page
    )
    supports = page.split("## What this source supports\n")[1]
    assert (
        '<p class="statement-meta">Claim by <a href="../../actors/iflytek/">iFLYTEK</a> · '
        '<a href="../../facts/#iflytek-says-overcame">as of <time datetime="2025-11">November 2025</time></a></p>'
        in supports
    )


def test_a_copy_is_shown_apart_from_the_original(pages):
    page = pages["sources/bis-2019-xinjiang-rule.md"]
    original = '<a class="external" href="https://www.federalregister.gov/documents/2019/10/09/'
    copy = '<a class="external source-copy" href="https://www.hugheshubbard.com/news/'
    assert original in page and "Read it at federalregister.gov</a>" in page
    assert copy in page and (
        'Also via hugheshubbard.com</a> <span class="source-meta">(Hughes Hubbard &amp; Reed client note, '
        "where we read it; not the publisher)</span>" in page
    )
    # In a list the original is enough: its host, as a bibliography names it.
    card = pages["facts.md"].split('id="iflytek-listed-2019"')[1].split("</article>")[0]
    assert 'rel="noopener">federalregister.gov</a>' in card and "hugheshubbard" not in card


def test_a_copy_is_named_by_its_host_when_the_original_is_unknown():
    from explainer.pages.cite import host_name

    assert host_name("https://www.republicworld.com/tech/x") == "republicworld.com"
    assert host_name("https://i-scmp.com/a") == "i-scmp.com"


def test_a_description_is_not_quoted_as_a_headline(pages):
    page = pages["sources/newsweek-iflytek-2025.md"]
    assert "No headline is known" not in page
    card = pages["facts.md"].split('id="iflytek-listed-2019"')[1].split("</article>")[0]
    assert "“Addition of certain entities to the Entity List (Xinjiang)”" in card
    described = pages["sources/newsweek-iflytek-2025.md"]
    assert "title described by us" not in described  # a real headline: nothing to explain


def test_topic_page_says_what_it_covers_and_when_it_was_reviewed(pages):
    assert (
        '<p class="topic-reviewed">Covers developments to <time datetime="2020-12-18">18 December 2020</time>'
        ' · Reviewed <time datetime="2026-11">November 2026</time></p>'
    ) in pages["topics/ascend-chips.md"]


def test_whats_new_puts_the_story_before_corrections_and_says_what_a_correction_fixed(pages):
    page = pages["whats-new.md"]
    story, corrections = page.index("## New in the story"), page.index("## Corrections")
    assert story < page.index('id="sample-started"') < corrections < page.index('id="smic-listing-date"')
    assert '<p class="update-label"><time datetime="2026-11-30">30 November 2026</time></p>' in page
    assert "The listing date said 2021; it was 18 December 2020 (" in page


def test_actor_profile_reads_header_timeline_sayings_appearances_then_sources(pages: dict[str, str]) -> None:
    page = pages["actors/iflytek.md"]
    assert (
        '<p class="actor-meta"><span class="actor-kind">Company</span> <span class="zh" lang="zh-Hans">科大讯飞</span>'
        ' <span class="pinyin" lang="zh-Latn-pinyin">Kēdà Xùnfēi</span>'
        '<span class="search-names" hidden> Keda Xunfei Kedaxunfei</span></p>' in page
    )
    headings = re.findall(r"^##+ (.+)$", page, re.M)
    assert headings == [
        "Timeline",
        "In its own words",
        "Claims",
        "What others say",
        "Where it appears",
        "Topics",
        "Sources",
    ]
    says = page.split("## In its own words")[1].split("## What others say")[0]
    assert 'id="iflytek-says-overcame"' not in says and 'href="../../facts/#iflytek-says-overcame"' in says
    others = page.split("## What others say")[1].split("## Where")[0]
    assert '<p class="statement-meta">Fact · <a href="../../facts/#iflytek-listed-2019">' in others
    sources = page.split("## Sources\n")[1]
    assert sources.startswith('\n<details class="profile-sources">\n<summary>1 source mentions iFLYTEK</summary>')
    assert " open" not in sources.split(">")[0]  # collapsed


def test_actor_profile_links_its_website_and_other_names(pages: dict[str, str]) -> None:
    assert (
        '<p class="actor-links">Also called BIS · <a class="external" href="https://www.bis.gov/" rel="noopener">'
        "Official website</a></p>" in pages["actors/bis.md"]
    )


def test_source_page_groups_what_it_supports_under_headings(pages: dict[str, str]) -> None:
    page = pages["sources/bis-2019-xinjiang-rule.md"]
    supports = page.split("## What this source supports\n")[1]
    assert re.findall(r"^### (.+)$", supports, re.M) == ["On the timeline", "Facts and claims", "Figures"]
    assert '<p class="source-actors">Who it is about: <a href="../../actors/bis/">' in page
    assert "Nothing cites this source yet." not in page


def test_an_actor_profile_box_shows_what_content_gives_and_a_parent_lists_its_parts(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    actors = content / "actors.yml"
    text = actors.read_text()
    text = text.replace("  url: https://www.bis.gov/\n", "  url: https://www.bis.gov/\n  parent: huawei\n", 1)
    text = text.replace(
        "  pinyin: Huáwéi\n",
        "  pinyin: Huáwéi\n  founded: 1987\n  headquarters: Shenzhen\n  leaders: [Ren Zhengfei (founder)]\n"
        "  now: Still on the [[term:entity-list]].\n  now_as_of: 2026-05\n",
        1,
    )
    actors.write_text(text)
    pages = {p.path: p.markdown for p in build_site(content, TODAY).pages}
    huawei = pages["actors/huawei.md"]
    box = huawei.split('<aside class="actor-infobox" aria-label="Profile">')[1].split("</aside>")[0]
    assert '<dt>Founded</dt><dd><time datetime="1987">1987</time></dd>' in box
    assert "<dt>Based in</dt><dd>Shenzhen</dd>" in box and "<dt>Leader</dt><dd>Ren Zhengfei (founder)</dd>" in box
    assert '<dt>Parts</dt><dd><a href="../bis/">Bureau of Industry and Security</a></dd>' in box
    assert 'Where it stands now <span class="actor-now-date">(as of <time datetime="2026-05">May 2026</time>)' in huawei
    assert '<dt>Part of</dt><dd><a href="../huawei/">Huawei</a></dd>' in pages["actors/bis.md"]
    assert "actor-infobox" not in pages["actors/smic.md"]  # nothing to show: no box


def test_an_actor_timeline_reads_newest_first(pages: dict[str, str]) -> None:
    timeline = pages["actors/bis.md"].split("## Timeline")[1].split("\n## ")[0]
    dates = re.findall(r'<time datetime="([\d-]+)"', timeline)
    assert len(dates) > 1 and dates == sorted(dates, reverse=True)
