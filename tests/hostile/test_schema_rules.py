"""Every schema rule: each broken rule reported at its exact field path and line."""

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from explainer.build.pipeline import check_content
from explainer.check.validate import FUTURE_MARGIN
from explainer.model.kinds import KINDS, markdown_fields, reference_fields

from .support import PLURAL_TO_KIND, assert_clean_error, dump, line_of, minimal, run_check, write_content

TODAY = dt.date(2026, 11, 26)
KIND_TO_PLURAL = {kind: plural for plural, kind in PLURAL_TO_KIND.items()}
EVENT = "- id: ev-a\n  date: 2019-10-07\n  title: Something happened\n  actors: [act-a]\n  topics: [topic-a]\n  sources: [src-a]\n"


def problems_for(tmp_path, content=None, raw=None) -> list[str]:
    folder = write_content(tmp_path / "content", content, raw)
    _, problems = check_content(folder, TODAY)
    return [str(p) for p in problems if p.severity == "error"]


def assert_reported(problems: list[str], expected: str) -> None:
    assert any(p.startswith(expected) or expected in p for p in problems), f"{expected!r} not in:\n" + "\n".join(
        problems
    )


# (events.yml text, the exact problem) -- positions are those a contributor's editor shows.
EVENT_RULES = {
    "missing field": (
        EVENT.replace("  title: Something happened\n", ""),
        "content/events.yml:1:3: events[0].title: required field is missing",
    ),
    "wrong type: list for text": (
        EVENT.replace("title: Something happened", "title: [a, b]"),
        "content/events.yml:3:10: events[0].title: Input should be a valid string, got ['a', 'b']",
    ),
    "wrong type: number for text": (
        EVENT.replace("title: Something happened", "title: 12"),
        "content/events.yml:3:10: events[0].title: Input should be a valid string, got 12",
    ),
    "wrong type: yes is a boolean": (
        EVENT.replace("title: Something happened", "title: yes"),
        "content/events.yml:3:10: events[0].title: Input should be a valid string, got True",
    ),
    "wrong type: empty value": (
        EVENT.replace("title: Something happened", "title:"),
        "content/events.yml:3:9: events[0].title: Input should be a valid string, got None",
    ),
    "wrong type: text for list": (
        EVENT.replace("sources: [src-a]", "sources: src-a"),
        "content/events.yml:6:12: events[0].sources: Input should be a valid list, got 'src-a'",
    ),
    "too long": (
        EVENT.replace("title: Something happened", "title: " + "x" * 301),
        "content/events.yml:3:10: events[0].title: String should have at most 300 characters",
    ),
    "empty required list": (
        EVENT.replace("sources: [src-a]", "sources: []"),
        "content/events.yml:6:12: events[0].sources: List should have at least 1 item after validation, not 0",
    ),
    "unknown field, near miss": (
        EVENT + "  titel: x\n",
        "content/events.yml:7:3: events[0].titel: unknown field; did you mean 'title'?",
    ),
    "unknown field": (
        EVENT + "  zzz: x\n",
        "content/events.yml:7:3: events[0].zzz: unknown field; expected one of: id, date, title, summary, actors, topics, sources, note",
    ),
    "bad id": (
        EVENT.replace("id: ev-a", "id: Ev A"),
        "content/events.yml:1:7: events[0].id: 'Ev A' is not an id: use lower-case letters, digits and hyphens, e.g. 'annual-report-2024'",
    ),
    "duplicate id": (
        EVENT + EVENT,
        "content/events.yml:7:7: events[1].id: duplicate event id 'ev-a' (first at content/events.yml:1)",
    ),
    "impossible date": (
        EVENT.replace("2019-10-07", "2019-02-30"),
        "content/events.yml:2:9: events[0].date: '2019-02-30' is not a date: February 2019 has no day 30",
    ),
    "impossible month": (
        EVENT.replace("2019-10-07", "2019-13"),
        "content/events.yml:2:9: events[0].date: '2019-13' is not a date: month 13 does not exist",
    ),
    "date out of range": (
        EVENT.replace("2019-10-07", "1850"),
        "content/events.yml:2:9: events[0].date: '1850' is before 1900; is the year right?",
    ),
    "not a date": (
        EVENT.replace("2019-10-07", "10/07/2019"),
        "content/events.yml:2:9: events[0].date: '10/07/2019' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    ),
}


@pytest.mark.parametrize("rule", list(EVENT_RULES), ids=str)
def test_rule_is_reported_at_its_field(tmp_path, rule):
    text, expected = EVENT_RULES[rule]
    assert_reported(problems_for(tmp_path, raw={"events.yml": text}), expected)


def test_duplicate_id_across_files_of_one_kind(tmp_path):
    problems = problems_for(tmp_path, raw={"events/more.yml": EVENT})
    assert_reported(
        problems, "content/events.yml:1:7: events[0].id: duplicate event id 'ev-a' (first at content/events/more.yml:1)"
    )


@pytest.mark.parametrize("days,refused", [(FUTURE_MARGIN.days + 1, True), (FUTURE_MARGIN.days, False), (400, True)])
def test_future_dates_beyond_the_margin_are_refused(tmp_path, days, refused):
    when = (TODAY + dt.timedelta(days=days)).isoformat()
    problems = problems_for(tmp_path, raw={"events.yml": EVENT.replace("2019-10-07", when)})
    expected = f"content/events.yml:2:9: events[0].date: {when} is in the future; dates record what has happened"
    assert (expected in problems) is refused, problems


@pytest.mark.parametrize("kind,field", [("source", "date"), ("fact", "date"), ("fact", "as_of")])
def test_future_dates_in_other_kinds(tmp_path, kind, field):
    content = minimal()
    item = content[KIND_TO_PLURAL[kind]][0]
    item[field] = "2031-01"
    text = dump(content[KIND_TO_PLURAL[kind]])
    problems = problems_for(tmp_path, content, raw={f"{KIND_TO_PLURAL[kind]}.yml": text})
    line = line_of(text, "2031-01")
    assert_reported(problems, f"content/{KIND_TO_PLURAL[kind]}.yml:{line}:")
    assert_reported(problems, f"{KIND_TO_PLURAL[kind]}[0].{field}: 2031-01 is in the future")


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "ftp://example.com/",
        "example.com",
        "https://exa mple.com/",
        'https://example.com/"onmouseover=x',
        "//example.com/x",
    ],
)
@pytest.mark.parametrize("kind", ["source", "actor"])
def test_bad_addresses_are_refused(tmp_path, kind, address):
    content = minimal()
    plural = KIND_TO_PLURAL[kind]
    content[plural][0]["url"] = address
    text = dump(content[plural])
    problems = problems_for(tmp_path, content, raw={f"{plural}.yml": text})
    line = line_of(text, "url:")
    assert_reported(problems, f"content/{plural}.yml:{line}:8: {plural}[0].url: {address!r} is not an http(s) address")


@pytest.mark.parametrize("kind,article", [("claim", "a"), ("analysis", "an"), ("forecast", "a")])
def test_a_claim_needs_who_said_it(tmp_path, kind, article):
    content = minimal()
    fact = content["facts"][1]
    fact["kind"] = kind
    del fact["said_by"]
    text = dump(content["facts"])
    problems = problems_for(tmp_path, content, raw={"facts.yml": text})
    line = line_of(text, "id: claim-a")
    assert_reported(
        problems, f"content/facts.yml:{line}:3: facts[1]: {article} {kind} needs `said_by`: the actor who made it"
    )


def test_a_fact_needs_a_date(tmp_path):
    content = minimal()
    del content["facts"][1]["as_of"]
    text = dump(content["facts"])
    line = line_of(text, "id: claim-a")
    assert_reported(
        problems_for(tmp_path, content, raw={"facts.yml": text}),
        f"content/facts.yml:{line}:3: facts[1]: needs `date` or `as_of`",
    )


SINGLE_ID_FIELDS = {"said_by", "parent"}


def _id_positions():
    for kind in KINDS:
        for field in reference_fields(kind):
            yield kind, field


@pytest.mark.parametrize("kind,field", list(_id_positions()), ids=lambda v: str(v))
def test_dangling_reference_in_every_id_field(tmp_path, kind, field):
    content = minimal()
    plural, target = KIND_TO_PLURAL[kind], reference_fields(kind)[field]
    single = field in SINGLE_ID_FIELDS  # one id, not a list of them
    item = content[plural][-1] if field == "said_by" else content[plural][0]
    index = len(content[plural]) - 1 if field == "said_by" else 0
    item[field] = "nope-x" if single else ["nope-x"]
    text = dump(content[plural])
    loc = f"{plural}[{index}].{field}" + ("" if single else "[0]")
    problems = problems_for(tmp_path, content, raw={f"{plural}.yml": text})
    assert_reported(problems, f"content/{plural}.yml:{line_of(text, 'nope-x')}:")
    assert_reported(problems, f"{loc}: unknown {target} 'nope-x'")


def _markdown_positions():
    for kind in KINDS:
        for path in markdown_fields(kind):
            yield kind, path


def _set_markdown(item: dict, path: tuple, value: str) -> str:
    """Put `value` at a Markdown field path; return the field path as reported."""
    head, rest = path[0], path[1:]
    if not rest:
        item[head] = value
        return f".{head}"
    if rest[0] == "*":
        item.setdefault(head, [{} if len(rest) > 1 else ""])
        if len(rest) == 1:
            item[head][0] = value
            return f".{head}[0]"
        return f".{head}[0]" + _set_markdown(item[head][0], rest[1:], value)
    raise AssertionError(path)


@pytest.mark.parametrize("kind,path", list(_markdown_positions()), ids=lambda v: str(v))
@pytest.mark.parametrize(
    "ref,message",
    [
        ("[[actor:nope-x]]", "unknown actor 'nope-x'"),
        ("[[topic:nope-x|a label]]", "unknown topic 'nope-x'"),
        ("[[nope-x]]", "reference [[nope-x]] needs a kind, e.g. [[term:nope-x]]"),
        ("[[bogus:nope-x]]", "[[bogus:nope-x]]: unknown kind 'bogus'"),
        ("[[term:Nope X]]", "[[term:Nope X]]: 'Nope X' is not an id"),
    ],
)
def test_dangling_reference_in_every_markdown_field(tmp_path, kind, path, ref, message):
    content = minimal()
    plural = KIND_TO_PLURAL[kind]
    field = _set_markdown(content[plural][0], path, f"See {ref} here.")
    text = dump(content[plural])
    problems = problems_for(tmp_path, content, raw={f"{plural}.yml": text})
    assert_reported(problems, f"content/{plural}.yml:{line_of(text, ref)}:")
    assert_reported(problems, f"{plural}[0]{field}: {message}")


def test_reference_on_a_later_line_of_a_block_is_reported_on_its_line(tmp_path):
    content = minimal()
    content["topics"][0]["answer"] = "PLACEHOLDER"
    block = "|\n    First line.\n    Second line.\n    Third names [[actor:nope-x]].\n"
    text = dump(content["topics"]).replace("PLACEHOLDER\n", block)
    problems = problems_for(tmp_path, content, raw={"topics.yml": text})
    line = line_of(text, "nope-x")
    column = text.splitlines()[line - 1].index("[[") + 1  # the very column, not the start of the line
    assert_reported(problems, f"content/topics.yml:{line}:{column}: topics[0].answer: unknown actor 'nope-x'")


def test_reference_in_a_quoted_multiline_text_is_placed_exactly(tmp_path):
    """Quoted and folded texts fold their lines: the place is found in the file, not counted in the value."""
    content = minimal()
    content["topics"][0]["answer"] = "First line.\nSecond line.\nThird names [[actor:nope-x]] and [[actor:nope-x]].\n"
    text = dump(content["topics"])  # PyYAML writes this as a quoted scalar over several lines
    problems = problems_for(tmp_path, content, raw={"topics.yml": text})
    line = line_of(text, "nope-x")
    first = text.splitlines()[line - 1].index("[[") + 1
    second = text.splitlines()[line - 1].rindex("[[") + 1
    assert_reported(problems, f"content/topics.yml:{line}:{first}: topics[0].answer: unknown actor 'nope-x'")
    assert_reported(problems, f"content/topics.yml:{line}:{second}: topics[0].answer: unknown actor 'nope-x'")


def test_the_cli_reports_every_problem_at_once(tmp_path):
    """One run, every problem, each as path:line:col: field: message, then a count."""
    content = minimal()
    content["actors"][0]["url"] = "javascript:alert(1)"
    del content["facts"][1]["said_by"]
    folder = write_content(
        tmp_path / "content", content, raw={"events.yml": EVENT.replace("2019-10-07", "2019-02-30") + "  titel: x\n"}
    )
    output = assert_clean_error(
        run_check(folder),
        "content/events.yml:2:9: events[0].date: '2019-02-30' is not a date",
        "content/events.yml:7:3: events[0].titel: unknown field; did you mean 'title'?",
        "actors[0].url: 'javascript:alert(1)' is not an http(s) address",
        "facts[1]: a claim needs `said_by`",
    )
    assert "error(s)" in output.splitlines()[-1]


# What JSON Schema cannot say: uniqueness across items (and, elsewhere, references and future dates).
BEYOND_JSON_SCHEMA = {"duplicate id"}


def _schema_errors(text: str) -> list[str]:
    import jsonschema
    from explainer.load.schema import file_schema
    from explainer.load.yamlio import load_yaml_file

    path = Path(tempfile.mkdtemp()) / "events.yml"
    path.write_text(text, encoding="utf-8")
    data = load_yaml_file(path, "events.yml").data
    return [error.message for error in jsonschema.Draft202012Validator(file_schema("event")).iter_errors(data)]


@pytest.mark.parametrize("rule", list(EVENT_RULES), ids=str)
def test_the_editors_schema_flags_what_the_checker_reports(tmp_path, rule):
    text, _ = EVENT_RULES[rule]
    checker_refuses = bool(problems_for(tmp_path, raw={"events.yml": text}))
    assert checker_refuses
    assert bool(_schema_errors(text)) is (rule not in BEYOND_JSON_SCHEMA), _schema_errors(text)


def test_the_editors_schema_accepts_what_the_checker_accepts(tmp_path):
    assert problems_for(tmp_path, raw={"events.yml": EVENT}) == []
    assert _schema_errors(EVENT) == []


def test_a_copy_site_without_the_copys_address_is_refused(tmp_path):
    content = minimal()
    content["sources"][0]["via"] = "Some Mirror"
    text = dump(content["sources"])
    assert_reported(
        problems_for(tmp_path, content, raw={"sources.yml": text}),
        f"content/sources.yml:{line_of(text, 'via: Some Mirror')}:",
    )
    assert_reported(
        problems_for(tmp_path, content, raw={"sources.yml": text}), "sources[0].via: `via` names the site of a copy"
    )
