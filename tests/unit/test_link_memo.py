"""Glossary linking remembered across builds (explainer.link_memo): the same answers as linking
afresh, read back only when the page's HTML, address and the glossary are what they were."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace as Term

import pytest
from explainer import link_memo
from explainer.glossary import GlossaryIndex, link_terms

TERMS = [
    Term(id="smic", term="Semiconductor Manufacturing International Corporation", abbreviation="SMIC", aliases=[]),
    Term(id="k-visa", term="K visa", abbreviation=None, aliases=[]),
]
PAGES = {
    "actors/huawei/": "<p>SMIC makes chips; the K visa hires. <code>SMIC</code></p>",
    "topics/talent/": "<p>The K visa.</p><h2>K visa</h2>",
}


def url_of(term_id: str) -> str:
    return f"/glossary/#{term_id}"


class CountedLinks:
    """link_terms, counted: how many pages were really linked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        monkeypatch.setattr(link_memo, "link_terms", self)

    def __call__(self, *args, **kwargs) -> str:
        self.count += 1
        return link_terms(*args, **kwargs)


def build(folder: Path | None, terms=TERMS, pages=PAGES, *, every_page: bool = True) -> dict[str, str]:
    """One build's linking, as the hook does it: a memo from the folder, each page, then save."""
    memo = link_memo.LinkMemo(folder, link_memo.glossary_key(terms, url_of))
    index = GlossaryIndex(terms)
    linked = {url: memo.link(html, url, index, url_of, link=True) for url, html in pages.items()}
    memo.save(every_page=every_page)
    return linked


def fresh(terms=TERMS, pages=PAGES) -> dict[str, str]:
    index = GlossaryIndex(terms)
    return {url: link_terms(html, index, url_of) for url, html in pages.items()}


def test_an_unchanged_build_reads_every_page_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    links = CountedLinks(monkeypatch)
    first = build(tmp_path)
    assert links.count == 2 and first == fresh()
    assert 'href="/glossary/#smic"' in first["actors/huawei/"]
    second = build(tmp_path)
    assert links.count == 2 and second == first


def test_a_changed_page_is_linked_again_and_only_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    links = CountedLinks(monkeypatch)
    build(tmp_path)
    pages = {**PAGES, "topics/talent/": "<p>SMIC and the K visa.</p>"}
    assert build(tmp_path, pages=pages) == fresh(pages=pages)
    assert links.count == 3


def test_a_renamed_term_or_a_new_address_links_every_page_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    links = CountedLinks(monkeypatch)
    build(tmp_path)
    renamed = [TERMS[0], Term(id="k-visa", term="K-visa programme", abbreviation=None, aliases=["K visa"])]
    assert build(tmp_path, terms=renamed) == fresh(terms=renamed)
    assert links.count == 4
    moved = link_memo.glossary_key(TERMS, lambda term_id: f"/glossary/part-2/#{term_id}")
    assert moved != link_memo.glossary_key(TERMS, url_of)


def test_the_same_html_on_another_page_is_linked_for_that_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    links = CountedLinks(monkeypatch)
    build(tmp_path, pages={"a/": "<p>SMIC</p>"})
    build(tmp_path, pages={"b/": "<p>SMIC</p>"})
    assert links.count == 2


def test_a_full_build_keeps_only_its_pages_and_a_partial_one_adds_to_them(tmp_path: Path):
    build(tmp_path)
    size = (tmp_path / link_memo.FILE).stat().st_size
    build(tmp_path, pages={"topics/talent/": "<p>Changed: the K visa.</p>"}, every_page=False)
    assert (tmp_path / link_memo.FILE).stat().st_size > size  # a dirty rebuild: the others stay
    build(tmp_path, pages={"a/": "<p>SMIC</p>"})
    assert (tmp_path / link_memo.FILE).stat().st_size < size  # a full build: only its own page


@pytest.mark.parametrize("damage", [b"", link_memo.FORMAT + b"\x80\x05garbage", b"something else\n"])
def test_a_damaged_file_costs_a_linking_pass_never_the_build(tmp_path: Path, damage: bytes, monkeypatch):
    (tmp_path / link_memo.FILE).write_bytes(damage)
    links = CountedLinks(monkeypatch)
    assert build(tmp_path) == fresh() and links.count == 2
    assert build(tmp_path) == fresh() and links.count == 2  # and it is written anew


def test_without_a_folder_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    links = CountedLinks(monkeypatch)
    assert build(None) == fresh() and build(None) == fresh()
    assert links.count == 4
