"""An actor's optional profile fields: each bad value reported at its exact field, line and column."""

import datetime as dt

import pytest
from explainer.build.pipeline import check_content

from .support import dump, line_of, minimal, write_content

TODAY = dt.date(2026, 11, 26)
PROFILE = {
    "founded": "2016-05",
    "headquarters": "Hefei, Anhui, China",
    "leaders": ["Zhu Yiming (chairman)"],
    "makes": "DRAM chips; see [[term:term-a]].",
    "headline_facts": ["fact-a"],
}


def problems_with(tmp_path, **fields) -> tuple[str, list[str]]:
    """The actors file text with the first actor's profile set to `fields`, and every error `check` reports."""
    content = minimal()
    content["actors"][0].update(fields)
    text = dump(content["actors"])
    _, problems = check_content(write_content(tmp_path / "content", content, raw={"actors.yml": text}), TODAY)
    return text, [str(p) for p in problems if p.severity == "error"]


def position(text: str, needle: str) -> str:
    """`line:column` of `needle`, as an editor shows it."""
    line = line_of(text, needle)
    return f"{line}:{text.splitlines()[line - 1].index(needle) + 1}"


def test_a_full_profile_is_accepted(tmp_path):
    _, problems = problems_with(tmp_path, **PROFILE)
    assert problems == []


@pytest.mark.parametrize(
    "field,value,needle,message",
    [
        ("founded", "2016-13", "2016-13", "'2016-13' is not a date: month 13 does not exist"),
        ("founded", "May 2016", "May 2016", "'May 2016' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("founded", "2031", "'2031'", "2031 is in the future; dates record what has happened"),
        ("headquarters", ["Hefei", "Anhui"], "- Hefei", "Input should be a valid string"),
        ("leaders", "Zhu Yiming (chairman)", "Zhu Yiming", "Input should be a valid list"),
        ("makes", "", "makes:", "String should have at least 1 character"),
    ],
    ids=lambda v: str(v)[:20],
)
def test_a_bad_profile_value_is_reported_at_its_field(tmp_path, field, value, needle, message):
    text, problems = problems_with(tmp_path, **{field: value})
    where = position(text, needle) if field not in ("headquarters", "makes") else f"{line_of(text, needle)}:"
    expected = f"content/actors.yml:{where}"
    assert any(p.startswith(expected) and f"actors[0].{field}" in p and message in p for p in problems), (
        f"{expected} ... actors[0].{field}: {message}",
        problems,
    )


def test_a_headline_fact_must_exist(tmp_path):
    text, problems = problems_with(tmp_path, headline_facts=["fact-a", "no-such-fact"])
    expected = f"content/actors.yml:{position(text, 'no-such-fact')}: actors[0].headline_facts[1]: unknown fact"
    assert any(p.startswith(expected) for p in problems), problems


def test_at_most_three_headline_facts(tmp_path):
    _, problems = problems_with(tmp_path, headline_facts=["fact-a"] * 4)
    assert any("actors[0].headline_facts" in p and "at most 3" in p for p in problems), problems
