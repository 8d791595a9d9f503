"""Search knows the subject: a Chinese name, or its pinyin typed without tone marks,
finds the actor or glossary term it names, and ranks that entry first."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from explainer.load.loader import load_content
from explainer.model.kinds import Actor, Term
from explainer.resolve import addresses
from explainer.text.pinyin import toneless
from playwright.sync_api import expect

from .conftest import PROJECT


def _own_entries(zh: str) -> set[str]:
    """Site-relative addresses of every actor and term with this Chinese name: its own entries."""
    content, _ = load_content(PROJECT / "content")
    owners = {addresses.item_url("actor", a.id) for _, a in content.typed(Actor) if a.zh == zh}
    owners |= {addresses.item_url("term", t.id) for _, t in content.typed(Term) if t.zh == zh}
    return owners


def _names(kind: str, ident: str) -> tuple[str, str]:
    content, _ = load_content(PROJECT / "content")
    [item] = [i for _, i in content.typed(Actor if kind == "actor" else Term) if i.id == ident]
    assert item.zh and item.pinyin, f"{kind} {ident} has no Chinese name and pinyin"
    return item.zh, item.pinyin


def _first_result_links(page, base_url: str, query: str) -> list[str]:
    """Site-relative addresses in the first result group, typing the query as a reader would."""
    page.goto("")
    box = page.locator(".md-search__input")
    box.click()
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile("Type to start"), timeout=15_000)  # the index is loaded
    box.press_sequentially(query, delay=30)  # Material searches on key events; fill() sends none
    # Hanzi arrive as text input with no key release, as when an input method commits them;
    # the key that ends the composition does give one.
    box.press("End")
    expect(meta).not_to_have_text(re.compile("Initializing|Type to start"), timeout=15_000)
    expect(meta).not_to_have_text(re.compile("No matching"), timeout=2_000)
    first = page.locator(".md-search-result__item").first
    expect(first).to_be_visible()
    root = urlsplit(base_url).path
    # Results update as each key is typed: wait until they highlight the whole last word typed.
    page.wait_for_function(
        """word => [...document.querySelectorAll('.md-search-result mark')]
                    .some(m => m.textContent.toLowerCase() === word)""",
        arg=query.split()[-1].lower(),
        timeout=10_000,
    )
    hrefs = first.locator("a[href]").evaluate_all("as => as.map(a => a.pathname + a.hash)")
    return [h.removeprefix(root) for h in hrefs]


# The names the issue asks for, by the item they name; the query is derived from the content.
CASES = [("term", "ascend"), ("actor", "huawei"), ("actor", "smic")]


@pytest.mark.parametrize("written", ["zh", "pinyin"])
@pytest.mark.parametrize("kind, ident", CASES, ids=[c[1] for c in CASES])
def test_a_chinese_name_or_toneless_pinyin_ranks_its_own_entry_first(page, base_url, kind, ident, written):
    zh, pinyin = _names(kind, ident)
    query = zh if written == "zh" else toneless(pinyin)
    assert toneless(pinyin) != pinyin, "the pinyin must carry tone marks for the toneless query to mean anything"
    links = _first_result_links(page, base_url, query)
    own = _own_entries(zh)
    assert own & set(links), f"searching {query!r}: the first result {links} is not one of {sorted(own)}"


def test_search_only_names_are_hidden_from_readers(page):
    page.goto("glossary/")
    hidden = page.locator(".term-definition .search-names")
    assert hidden.count() > 0
    expect(hidden.first).to_be_hidden()
    assert hidden.first.get_attribute("hidden") is not None  # out of the accessibility tree too


def test_the_index_holds_the_toneless_forms(site_dir: Path):
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    _, pinyin = _names("term", "ascend")
    assert toneless(pinyin) in text and pinyin in text


def test_source_lists_and_citations_stay_out_of_the_index(site_dir: Path):
    """They repeat, under every fact and event, titles that have pages of their own: only noise in results."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    facts = [d for d in docs if d["location"].startswith("facts/")]
    assert facts, "the facts page is not in the index"
    assert not [d["location"] for d in docs if "Accessed [day month year]" in d["text"]]  # the citation text
    assert not [d["location"] for d in facts if "Sources (" in d["text"]]
