import datetime as dt
import shutil

from explainer.build.pipeline import check_content
from explainer.check.validate import validate
from explainer.load.loader import load_content
from unit_support import SAMPLE, TODAY


def problems(folder, today=TODAY) -> list[str]:
    content, found = load_content(folder)
    assert found == []
    return [str(p) for p in validate(content, today)]


def test_sample_content_is_valid(sample_copy):
    assert problems(sample_copy) == []


def test_duplicate_id_across_files(sample_copy):
    (sample_copy / "actors").mkdir()
    (sample_copy / "actors" / "more.yml").write_text("- id: huawei\n  name: H\n  kind: company\n  description: d\n")
    found = problems(sample_copy)
    assert found == [
        "content/actors.yml:8:7: actors[1].id: duplicate actor id 'huawei' (first at content/actors/more.yml:1)"
    ]


def test_dangling_reference_in_id_field_and_in_text(sample_copy):
    facts = sample_copy / "facts.yml"
    facts.write_text(
        facts.read_text()
        .replace("sources: [smic-entity-list-2020]", "sources: [nowhere]")
        .replace("[[term:entity-list]]", "[[term:entity-lst]]")
    )
    found = problems(sample_copy)
    assert "content/facts.yml:21:13: facts[2].sources[0]: unknown source 'nowhere'" in found
    assert "content/facts.yml:3:54: facts[0].statement: unknown term 'entity-lst'; did you mean 'entity-list'?" in found


def test_reference_on_a_later_line_of_block_text(sample_copy):
    topic = sample_copy / "topics" / "iflytek-blacklist.yml"
    topic.write_text(topic.read_text().replace("[[actor:bis]]", "[[actor:nobody]]"))
    assert problems(sample_copy) == [
        "content/topics/iflytek-blacklist.yml:13:9: topics[0].sections[0].body: unknown actor 'nobody'"
    ]


def test_malformed_references(sample_copy):
    facts = sample_copy / "facts.yml"
    facts.write_text(facts.read_text().replace("[[term:entity-list]]", "[[entity-list]] [[robot:x]]"))
    found = problems(sample_copy)
    assert any("needs a kind" in m for m in found)
    assert any("unknown kind 'robot'" in m for m in found)


def test_claim_without_who_said_it(sample_copy):
    facts = sample_copy / "facts.yml"
    facts.write_text(facts.read_text().replace("  said_by: iflytek\n", ""))
    assert problems(sample_copy) == ["content/facts.yml:9:3: facts[1]: a claim needs `said_by`: the actor who made it"]


def test_an_unsigned_article_named_in_the_statement_stands_for_the_speaker(sample_copy):
    """An unsigned article's own view needs no pseudo-actor: naming the article attributes it."""
    facts = sample_copy / "facts.yml"
    named = "statement: '[[source:newsweek-iflytek-2025|An unsigned digest]] says iFLYTEK moved to domestic chips.'"
    text = facts.read_text().replace("  said_by: iflytek\n", "")
    said_in = text.replace(
        "statement: iFLYTEK says it has overcome the loss of U.S. chips by moving to domestic hardware.", named
    )
    facts.write_text(said_in)
    assert problems(sample_copy) == []
    # Citing a signed source as well: the speaker must be named as an actor again.
    facts.write_text(
        said_in.replace("sources: [newsweek-iflytek-2025]", "sources: [newsweek-iflytek-2025, smic-entity-list-2020]")
    )
    assert problems(sample_copy) == ["content/facts.yml:9:3: facts[1]: a claim needs `said_by`: the actor who made it"]
    # A forecast is scored, so it always names its forecaster.
    facts.write_text(said_in.replace("  kind: claim\n  as_of", "  kind: forecast\n  as_of", 1))
    assert "content/facts.yml:9:3: facts[1]: a forecast needs `said_by`: the actor who made it" in problems(sample_copy)


def test_fact_without_any_date(sample_copy):
    facts = sample_copy / "facts.yml"
    facts.write_text(facts.read_text().replace("  date: 2020-12-18\n", ""))
    assert problems(sample_copy) == [
        "content/facts.yml:17:3: facts[2]: needs `date` or `as_of`: when it was said, or when it was last known true"
    ]


def test_event_in_the_future_beyond_the_margin(sample_copy):
    events = sample_copy / "events.yml"
    events.write_text(events.read_text().replace("date: 2025-10\n", "date: 2026-03\n"))
    assert problems(sample_copy) == [
        "content/events.yml:22:9: events[3].date: 2026-03 is in the future; dates record what has happened"
    ]
    assert problems(sample_copy, today=dt.date(2026, 2, 20)) == []  # within the margin


def test_review_after_is_a_warning_not_an_error(sample_copy):
    content, _ = load_content(sample_copy)
    [problem] = validate(content, dt.date(2026, 7, 1))
    assert problem.severity == "warning"
    assert str(problem).startswith(
        "content/facts.yml:14:17: warning: facts[1].review_after: due for review since 2026-06"
    )


def test_links_in_text_must_be_http_or_inside_the_site(sample_copy):
    actors = sample_copy / "actors.yml"
    actors.write_text(
        actors.read_text().replace("based in Hefei", "based in [Hefei](javascript:alert(1)) <data:text/html,x>")
    )
    found = problems(sample_copy)
    assert [m.split(": link to")[0] for m in found] == [
        "content/actors.yml:7:78: actors[0].description",
        "content/actors.yml:7:100: actors[0].description",
    ]


def test_one_glossary_name_belongs_to_one_term(sample_copy):
    terms = sample_copy / "terms.yml"
    terms.write_text(
        terms.read_text().replace("- id: ascend\n  term: Ascend\n", "- id: ascend\n  term: Ascend\n  aliases: [SMIC]\n")
    )
    assert problems(sample_copy) == ["content/terms.yml:11:13: terms[1].aliases[0]: 'SMIC' already names term 'smic'"]


def test_where_an_actor_stands_now_needs_a_date_and_parents_cannot_go_round(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    actors = content / "actors.yml"
    text = actors.read_text()
    text = text.replace("  url: https://www.bis.gov/\n", "  url: https://www.bis.gov/\n  parent: huawei\n", 1)
    text = text.replace("  pinyin: Huáwéi\n", "  pinyin: Huáwéi\n  parent: bis\n  now: Still listed.\n", 1)
    actors.write_text(text)
    messages = [f"{p.field}: {p.message}" for p in check_content(content)[1] if p.severity == "error"]
    assert "actors[1].now: `now` needs `now_as_of`: the date it was last true" in messages
    assert any(m.startswith("actors[1].parent: 'bis' is Huawei's own part") for m in messages)
