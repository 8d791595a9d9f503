"""Pages kept from the last build (explainer.page_memo): after any one edit to the content, a build
that reuses pages makes exactly the pages a fresh build makes, and still reuses most of them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from explainer.build.pipeline import build_site
from explainer.check.budget import OutputBudget
from explainer.model.kinds import Topic, Update
from explainer.model.problems import ContentError
from explainer.pages import memo as page_memo
from explainer.resolve.siteinfo import SiteInfo
from unit_support import SAMPLE

TODAY = dt.date(2026, 11, 30)
SITE = SiteInfo("Sample", "https://example.org/sample/", "A sample.", "en")


def build(content: Path, memo: page_memo.PageMemo | None = None) -> list:
    pages = build_site(content, TODAY, SITE, pages=memo).pages
    if memo is not None:
        memo.save()
    return pages


_MEMOS: dict[tuple[Path, str], page_memo.PageMemo] = {}


def memo_in(folder: Path, key: str = "settings") -> page_memo.PageMemo:
    """The memo a `mkdocs serve` process keeps for these settings (one per test folder, as one per process)."""
    return _MEMOS.setdefault((folder, key), page_memo.PageMemo(key))


TOPICS = sorted(t.id for t in build_site(SAMPLE, TODAY, SITE).graph.all(Topic))


def _edits() -> list[tuple[str, str, str, str]]:
    """(kind, id, field, edit) for every item of the sample site: its label changed, and (for an
    item with a full date) its date, and (for one naming topics) its first topic dropped."""
    graph = build_site(SAMPLE, TODAY, SITE).graph
    edits = []
    for (kind, ident), record in sorted(graph.items.items()):
        edits.append((kind, ident, record.item.LABEL_FIELD, "label"))
        date = getattr(record.item, "date", None)
        if date is not None and date.day is not None:
            edits.append((kind, ident, "date", "date"))
        if getattr(record.item, "topics", None):
            edits.append((kind, ident, "topics", "unlink"))
        if isinstance(getattr(record.item, "topics", None), list) and set(TOPICS) - set(record.item.topics):
            edits.append((kind, ident, "topics", "link"))
    return edits


def _edit(content: Path, kind: str, ident: str, change) -> None:
    """Apply `change` to one item's YAML mapping."""
    graph = build_site(content, TODAY, SITE).graph
    path = content / graph.record(kind, ident).file.removeprefix("content/")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    target = data if isinstance(data, dict) else next(d for d in data if d["id"] == ident)
    change(target)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _retitle(field: str):
    def change(item: dict) -> None:
        item[field] = f"{item[field]} (edited)"

    return change


def _redate(item: dict) -> None:
    """A year earlier: the item moves in every ordered listing."""
    date = item["date"]
    if isinstance(date, dt.date):
        item["date"] = date.replace(year=date.year - 1)
    else:  # written as text ("2003-05-17")
        item["date"] = f"{int(str(date)[:4]) - 1}{str(date)[4:]}"


def _link(item: dict) -> None:
    """A topic added: the topic's page now lists the item, though the page read nothing of it before."""
    item["topics"] = [*item.get("topics", []), next(t for t in TOPICS if t not in item.get("topics", []))]


def _unlink(item: dict) -> None:
    """The first topic dropped: the topic's page no longer lists the item."""
    item["topics"] = item["topics"][1:]


EDITS = _edits()
SITE_UPKEEP = {u.id for u in build_site(SAMPLE, TODAY, SITE).graph.all(Update) if u.reader_type == "site"}


@pytest.mark.parametrize(("kind", "ident", "field", "edit"), EDITS, ids=[f"{e}-{k}:{i}" for k, i, _, e in EDITS])
def test_after_one_edit_the_pages_are_those_of_a_fresh_build(tmp_path: Path, kind, ident, field, edit):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    before = build(content, memo_in(tmp_path / "memo"))
    _edit(content, kind, ident, {"label": _retitle(field), "date": _redate, "unlink": _unlink, "link": _link}[edit])
    memo = memo_in(tmp_path / "memo")
    try:
        fresh = build(content)
    except ContentError as error:  # the same refusal, whether or not pages are kept
        with pytest.raises(ContentError) as again:
            build(content, memo)
        assert str(again.value) == str(error)
        return
    assert build(content, memo) == fresh
    hidden = ident in SITE_UPKEEP  # an update about the site's own upkeep shows on no page
    assert (
        fresh != before or edit in ("link", "unlink") or hidden
    )  # the edit shows somewhere (a key fact stays on its topic)
    assert 0 < memo.reused < len(fresh) or kind in ("topic", "term") or hidden  # most pages are kept, not all


def test_an_unchanged_build_keeps_every_page(tmp_path: Path):
    first = build(SAMPLE, memo_in(tmp_path))
    memo = memo_in(tmp_path)
    assert build(SAMPLE, memo) == first and memo.reused == len(first)


def test_other_settings_keep_nothing(tmp_path: Path):
    build(SAMPLE, memo_in(tmp_path, "settings"))
    memo = memo_in(tmp_path, "other settings")
    build(SAMPLE, memo)
    assert memo.reused == 0


def test_kept_pages_count_against_the_output_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    build(SAMPLE, memo_in(tmp_path))

    def small(cls, content) -> OutputBudget:
        budget = cls(0)
        budget.limit = 20_000  # the sample's pages pass it part of the way through
        return budget

    monkeypatch.setattr(OutputBudget, "for_content", classmethod(small))
    with pytest.raises(ContentError) as fresh:
        build(SAMPLE)
    with pytest.raises(ContentError) as kept:
        build(SAMPLE, memo_in(tmp_path))
    assert str(kept.value) == str(fresh.value)


def _linked(graph, kind: str):
    """An item of `kind` other items link to."""
    return next(key for key, links in sorted(graph.backlinks.items()) if key[0] == kind and links)


@pytest.mark.parametrize(("kind", "change"), [("event", _redate), ("fact", _retitle("statement"))])
def test_in_a_split_listing_pages_follow_an_item_to_its_new_part(tmp_path: Path, kind, change):
    """Past a few hundred events or facts the listing is split by year: an item's address
    depends on its date, and every page linking to it must follow when it moves."""
    from bench.synth import write_content

    content = tmp_path / "content"
    write_content(content, 1500)
    graph = build_site(content, TODAY, SITE).graph
    assert graph.periods("event") and graph.periods("fact")  # split
    build(content, memo_in(tmp_path / "memo"))
    _, ident = _linked(graph, kind)
    _edit(content, kind, ident, change)
    memo = memo_in(tmp_path / "memo")
    assert build(content, memo) == build(content)
    assert memo.reused > 0


def test_a_new_term_joins_the_topics_that_mention_it(tmp_path: Path):
    """A topic page lists the glossary terms its text mentions, found by name: it read the glossary."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    before = build(content, memo_in(tmp_path / "memo"))
    terms = content / "terms.yml"
    new_term = "- id: surveillance\n  term: surveillance\n  definition: Watching people, here with AI.\n"
    terms.write_text(terms.read_text(encoding="utf-8") + new_term, encoding="utf-8")
    memo = memo_in(tmp_path / "memo")
    fresh = build(content)
    topic = next(p for p in fresh if p.path == "topics/iflytek-blacklist.md")
    assert topic not in before  # it lists the new term
    assert build(content, memo) == fresh and memo.reused > 0
