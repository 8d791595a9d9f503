"""Actor profiles, source pages and a topic's forecasts to watch: what they list, and in what order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from explainer.build.pipeline import build_site
from explainer.load.loader import load_content
from explainer.model.kinds import Date, Fact, Source
from explainer.pages import profiles
from explainer.pages.forecasts import open_forecasts
from explainer.pages.profiles import SourceSupport, actor_profile, source_support
from explainer.resolve.graph import SiteGraph
from unit_support import SAMPLE, TODAY

EXTRA_EVENTS = """
- id: bis-founded-late-in-the-file
  date: 2018-01
  title: An earlier event, listed last in the file
  actors: [bis]
  sources: [smic-entity-list-2020]
"""
FORECASTS = """
- id: forecast-later
  statement: "[[actor:huawei]] will ship a new chip."
  kind: forecast
  said_by: huawei
  date: 2025-09
  sources: [newsweek-iflytek-2025]
  topics: [ascend-chips]
- id: forecast-earlier
  statement: SMIC will double output.
  kind: forecast
  said_by: smic
  date: 2024-05-02
  sources: [smic-entity-list-2020]
  topics: [ascend-chips]
"""


def graph_of(content: Path) -> SiteGraph:
    loaded, problems = load_content(content)
    assert problems == []
    return SiteGraph.build(loaded)


def listed_by_support(support: SourceSupport) -> list[tuple[str, str]]:
    keys = [("event", e.id) for e in support.events] + [("fact", f.id) for f in support.facts]
    return sorted(keys + [(e.kind, e.id) for group in support.others for e in group.entries])


def test_a_profile_separates_what_the_actor_says_from_what_others_say() -> None:
    profile = actor_profile(graph_of(SAMPLE), "iflytek")
    assert [(g.title, [f.id for f in g.facts]) for g in profile.says] == [("Claims", ["iflytek-says-overcame"])]
    assert [f.id for f in profile.said_about] == ["iflytek-listed-2019"]
    assert [e.id for e in profile.events] == ["iflytek-entity-list"]
    assert [(g.title, [e.id for e in g.entries]) for g in profile.appears_in] == [("Topics", ["iflytek-blacklist"])]
    assert profile.sources == ["newsweek-iflytek-2025"]


def test_an_actors_timeline_is_in_date_order_whatever_the_file_order(sample_copy: Path) -> None:
    events = sample_copy / "events.yml"
    events.write_text(events.read_text() + EXTRA_EVENTS)
    profile = actor_profile(graph_of(sample_copy), "bis")
    assert [e.id for e in profile.events] == ["bis-founded-late-in-the-file", "iflytek-entity-list", "smic-entity-list"]


@pytest.mark.parametrize("actor", ["iflytek", "huawei", "bis", "smic"])
def test_every_backlink_of_an_actor_is_on_its_profile_once(actor: str) -> None:
    graph = graph_of(SAMPLE)
    profile = actor_profile(graph, actor)
    listed = [("event", e.id) for e in profile.events] + [("source", s) for s in profile.sources]
    listed += [("fact", f.id) for g in profile.says for f in g.facts] + [("fact", f.id) for f in profile.said_about]
    listed += [(e.kind, e.id) for g in profile.appears_in for e in g.entries]
    assert sorted(listed) == sorted(graph.linked_from("actor", actor))


def test_a_source_page_groups_what_cites_it_by_kind() -> None:
    graph = graph_of(SAMPLE)
    for source in graph.all(Source):
        support = source_support(graph, source.id)
        assert listed_by_support(support) == sorted(graph.linked_from("source", source.id)), source.id
    support = source_support(graph, "smic-entity-list-2020")
    assert [e.id for e in support.events] == ["smic-entity-list"]
    assert [f.id for f in support.facts] == ["smic-listed-2020"]
    assert [(g.title, [e.id for e in g.entries]) for g in support.others] == [("Figures", ["sample-listed-share"])]


class JudgedFact(Fact):
    """A fact as it will be once forecasts can be judged (the fields another change adds)."""

    due: Date | None = None
    outcome: str | None = None


def forecast(ident: str, due: str | None = None, outcome: str | None = None, kind: str = "forecast") -> JudgedFact:
    return JudgedFact.model_validate(
        {"id": ident, "statement": "s", "kind": kind, "date": "2025", "sources": ["x"], "due": due, "outcome": outcome}
    )


def test_open_forecasts_are_unjudged_or_too_early_the_soonest_due_first() -> None:
    facts: list[Fact] = [
        forecast("undated"),
        forecast("due-2028", due="2028"),
        forecast("judged", due="2026", outcome="borne-out"),
        forecast("too-early", due="2027-03", outcome="too-early"),
        forecast("a-claim", kind="claim"),
        forecast("due-2026", due="2026-06"),
    ]
    watch = open_forecasts(facts)
    assert [(w.fact.id, str(w.due) if w.due else None, w.too_early) for w in watch] == [
        ("due-2026", "2026-06", False),
        ("too-early", "2027-03", True),
        ("due-2028", "2028", False),
        ("undated", None, False),
    ]


def test_a_topic_page_lists_its_open_forecasts_under_what_to_watch(sample_copy: Path) -> None:
    facts = sample_copy / "facts.yml"
    facts.write_text(facts.read_text() + FORECASTS)
    pages = {p.path: p.markdown for p in build_site(sample_copy, TODAY).pages}
    watch = pages["topics/ascend-chips.md"].split("## What to watch\n")[1].split("\n## ")[0]
    listed = re.findall(r'<a href="../../facts/#([\w-]+)">', watch)
    assert [f for f in listed if f.startswith("forecast-")] == ["forecast-earlier", "forecast-later"]
    assert 'Forecast by <a href="../../actors/smic/">SMIC</a>, <a href="../../facts/#forecast-earlier">' in watch
    assert '<p><a href="../../actors/huawei/">Huawei</a> will ship a new chip.</p>' in watch
    assert "## What to watch" not in pages["topics/iflytek-blacklist.md"]  # no forecasts, no heading


def test_long_lists_of_statements_show_a_line_each(monkeypatch: pytest.MonkeyPatch) -> None:
    # An actor or source cited thousands of times keeps a page of bounded size per item.
    monkeypatch.setattr(profiles, "FULL_STATEMENTS", 0)
    pages = {p.path: p.markdown for p in build_site(SAMPLE, TODAY).pages}
    others = pages["actors/iflytek.md"].split("## What others say\n")[1].split("\n## ")[0]
    assert "<p>The U.S. added iFLYTEK to the Entity List in October 2019.</p>" in others  # the label: no links
    assert 'href="./"' not in others
    monkeypatch.setattr(profiles, "FULL_STATEMENTS", 60)
    pages = {p.path: p.markdown for p in build_site(SAMPLE, TODAY).pages}
    assert '<p>The U.S. added <a href="./">iFLYTEK</a> to the' in pages["actors/iflytek.md"]
