from collections.abc import Callable
from pathlib import Path

from explainer.load.loader import load_content
from explainer.model.kinds import Topic
from explainer.resolve.graph import SiteGraph
from unit_support import SAMPLE


def graph() -> SiteGraph:
    content, _ = load_content(SAMPLE)
    return SiteGraph.build(content)


def test_addresses_per_kind():
    g = graph()
    assert g.url("term", "smic") == "glossary/#smic"
    assert g.url("event", "k-visa-in-force") == "timeline/#k-visa-in-force"
    assert g.url("fact", "smic-listed-2020") == "facts/#smic-listed-2020"
    assert g.url("actor", "huawei") == "actors/huawei/"
    assert g.url("source", "smic-entity-list-2020") == "sources/smic-entity-list-2020/"
    assert g.url("topic", "ascend-chips") == "topics/ascend-chips/"


def test_backlinks_are_derived_from_id_fields_and_text_once_each():
    g = graph()
    assert g.linked_from("actor", "bis") == [
        ("source", "bis-2019-xinjiang-rule"),
        ("term", "entity-list"),
        ("event", "iflytek-entity-list"),
        ("event", "smic-entity-list"),
        ("topic", "iflytek-blacklist"),
    ]
    assert g.linked_from("actor", "iflytek", "fact") == [
        ("fact", "iflytek-listed-2019"),
        ("fact", "iflytek-says-overcame"),
    ]


def test_timeline_slice_and_facts_of_a_topic():
    g = graph()
    assert [e.id for e in g.events_for_topic("ascend-chips")] == ["huawei-ascend-310-launch", "smic-entity-list"]
    topic = g.get(Topic, "iflytek-blacklist")
    assert [f.id for f in g.facts_for_topic(topic)] == ["iflytek-listed-2019", "iflytek-says-overcame"]


def test_labels_and_plain_text():
    g = graph()
    assert g.label("term", "smic") == "Semiconductor Manufacturing International Corporation"
    assert (
        g.plain("Made by [[actor:smic]] for [[actor:huawei|the firm]], *really*.")
        == "Made by SMIC for the firm, really."
    )


def test_a_label_made_from_a_statement_shows_labels_not_ids() -> None:
    # The statement is "The U.S. added [[actor:iflytek]] to the [[term:entity-list]] in October 2019."
    assert graph().label("fact", "iflytek-listed-2019") == "The U.S. added iFLYTEK to the Entity List in October 2019."


def test_statements_that_refer_to_each_other_still_get_labels(write: Callable[[dict[str, str]], Path]) -> None:
    folder = write(
        {
            "sources.yml": """\
                - id: s
                  title: A source
                  publisher: P
                  kind: news
                  date: 2020
                  summary: S.
                """,
            "facts.yml": """\
                - id: first-fact
                  statement: As [[fact:second-fact]] says.
                  kind: fact
                  date: 2020
                  sources: [s]
                - id: second-fact
                  statement: Unlike [[fact:first-fact]].
                  kind: fact
                  date: 2020
                  sources: [s]
                """,
        }
    )
    content, problems = load_content(folder)
    assert problems == []
    g = SiteGraph.build(content)
    # The cycle ends where it leads back: there the kind's name stands in, never an id.
    assert g.label("fact", "first-fact") == "As Unlike fact. says."
    assert g.label("fact", "second-fact") == "Unlike fact."
