"""The search index the generator writes (explainer.publish.search), on the sample site."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from explainer import build_site
from explainer.publish.search import KIND_LABELS, KIND_RANKS, SEARCH_INDEX_PATH, search_index_file, simplified_map

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample" / "content"


@pytest.fixture(scope="module")
def index() -> dict:
    graph = build_site(SAMPLE, dt.date(2026, 12, 1)).graph
    data_file = search_index_file(graph)
    assert data_file.path == SEARCH_INDEX_PATH
    return json.loads(data_file.text)


def _entry(index: dict, url: str) -> dict:
    [entry] = [e for e in index["entries"] if e["u"] == url]
    return entry


def test_an_actor_carries_its_chinese_name_and_toneless_pinyin(index):
    huawei = _entry(index, "actors/huawei/")
    assert huawei["k"] == "Actor" and huawei["t"] == "Huawei"
    assert "华为" in huawei["n"] and "Huawei" in huawei["n"].split()


def test_every_kind_that_explains_ranks_above_facts_and_sources_last(index):
    kinds = {e["k"] for e in index["entries"]}
    assert kinds == set(KIND_LABELS.values())
    assert min(KIND_RANKS["topic"], KIND_RANKS["term"], KIND_RANKS["actor"]) > max(
        KIND_RANKS["fact"], KIND_RANKS["event"], KIND_RANKS["series"]
    )
    assert KIND_RANKS["source"] == min(KIND_RANKS.values())


def test_sources_are_indexed_by_title_publisher_and_date_only(index):
    sources = [e for e in index["entries"] if e["k"] == "Source"]
    assert sources
    for source in sources:
        assert source["x"] == ""  # no summary, key points or provenance text
        assert source["s"] == source["n"] and ", " in source["n"]


def test_text_reaches_the_file_escaped(index):
    text = json.dumps(index)
    assert "<" not in text and "[[" not in text  # references became their labels


def test_traditional_characters_map_to_the_simplified_ones_in_the_index():
    mapping = simplified_map(["华为 实体清单"])
    assert mapping["華"] == "华" and mapping["為"] == "为" and mapping["實"] == "实"
    assert all(len(k) == 1 and len(v) == 1 for k, v in mapping.items())
    assert "华" not in mapping  # simplified characters stay as they are
