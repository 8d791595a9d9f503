"""The series rules: each broken one reported at its exact field path, line and column."""

import datetime as dt

import pytest
from explainer.build.pipeline import check_content
from explainer.model.kinds import UNIT_LABELS

from .support import assert_clean_error, run_check, write_content

TODAY = dt.date(2026, 11, 26)
# Line by line, so the expected positions below can be read off: points start on line 9.
SERIES = (
    "- id: ser-a\n"  # 1
    "  title: A series\n"  # 2
    "  unit: usd-billion\n"  # 3
    "  description: What it counts.\n"  # 4
    "  sources: [src-a]\n"  # 5
    "  topics: [topic-a]\n"  # 6
    "  actors: [act-a]\n"  # 7
    "  points:\n"  # 8
    "    - date: 2019\n"  # 9
    "      value: 306.4\n"  # 10
    "    - date: 2020\n"  # 11
    "      value: 350\n"  # 12
)
UNITS = ", ".join(UNIT_LABELS)


def errors_for(tmp_path, text: str) -> list[str]:
    folder = write_content(tmp_path / "content", raw={"series.yml": text})
    _, problems = check_content(folder, TODAY)
    return [str(p) for p in problems if p.severity == "error"]


def test_a_valid_series_passes(tmp_path):
    assert errors_for(tmp_path, SERIES) == []


# (series.yml text, the exact problem)
SERIES_RULES = {
    "value as text": (
        SERIES.replace("value: 306.4", "value: 12bn"),
        "content/series.yml:10:14: series[0].points[0].value: '12bn' is not a number; write digits only, e.g. 306.4 (the unit goes in the series' `unit`)",
    ),
    "value as a quoted number": (
        SERIES.replace("value: 306.4", 'value: "306.4"'),
        "content/series.yml:10:14: series[0].points[0].value: '306.4' is not a number; write digits only, e.g. 306.4 (the unit goes in the series' `unit`)",
    ),
    "value as a boolean": (
        SERIES.replace("value: 306.4", "value: yes"),
        "content/series.yml:10:14: series[0].points[0].value: True is not a number; write digits only, e.g. 306.4 (the unit goes in the series' `unit`)",
    ),
    "value left empty": (
        SERIES.replace("value: 306.4", "value:"),
        "content/series.yml:10:13: series[0].points[0].value: None is not a number; write digits only, e.g. 306.4 (the unit goes in the series' `unit`)",
    ),
    "value not a number at all": (
        SERIES.replace("value: 306.4", "value: .nan"),
        "content/series.yml:10:14: series[0].points[0].value: nan is not a number a chart can show",
    ),
    "value missing": (
        SERIES.replace("      value: 306.4\n", ""),
        "content/series.yml:9:7: series[0].points[0].value: required field is missing",
    ),
    "duplicated date": (
        SERIES.replace("date: 2020", "date: 2019"),
        "content/series.yml:11:13: series[0].points[1].date: 2019 appears twice (first at line 9)",
    ),
    "unsorted dates": (
        SERIES.replace("date: 2019", "date: 2021"),
        "content/series.yml:11:13: series[0].points[1].date: 2020 is listed after 2021; list points in date order, earliest first",
    ),
    "a month before its year": (
        SERIES.replace("date: 2019", "date: 2020-06"),
        "content/series.yml:11:13: series[0].points[1].date: 2020 is listed after 2020-06; list points in date order, earliest first",
    ),
    "a point with no source": (
        SERIES.replace("  sources: [src-a]\n", "").replace(
            "    - date: 2020\n", "    - date: 2020\n      sources: [src-a]\n"
        ),
        "content/series.yml:8:7: series[0].points[0]: needs a source: give the point `sources`, or the series `sources`",
    ),
    "unknown unit": (
        SERIES.replace("unit: usd-billion", "unit: usd-bn"),
        f"content/series.yml:3:9: series[0].unit: 'usd-bn' is not a unit; expected one of: {UNITS}",
    ),
    "an estimate without its author": (
        SERIES.replace("  sources: [src-a]\n", "  estimate: true\n  sources: [src-a]\n"),
        "content/series.yml:5:13: series[0].estimate: an estimate needs `said_by`: the actor whose estimate it is",
    ),
    "a single point": (
        SERIES.replace("    - date: 2020\n      value: 350\n", ""),
        "content/series.yml:9:5: series[0].points: List should have at least 2 items after validation, not 1",
    ),
    "an unknown source on a point": (
        SERIES.replace("      value: 350\n", "      value: 350\n      sources: [src-zz]\n"),
        "content/series.yml:13:17: series[0].points[1].sources[0]: unknown source 'src-zz'; did you mean 'src-a'?",
    ),
    "an unknown author": (
        SERIES.replace("  sources: [src-a]\n", "  said_by: act-zz\n  sources: [src-a]\n"),
        "content/series.yml:5:12: series[0].said_by: unknown actor 'act-zz'; did you mean 'act-b'?",
    ),
    "a misspelt field in a point": (
        SERIES.replace("value: 350", "valeu: 350"),
        "content/series.yml:12:7: series[0].points[1].valeu: unknown field; did you mean 'value'?",
    ),
    "an impossible date": (
        SERIES.replace("date: 2020", "date: 2020-13"),
        "content/series.yml:11:13: series[0].points[1].date: '2020-13' is not a date: month 13 does not exist",
    ),
}


@pytest.mark.parametrize("rule", list(SERIES_RULES), ids=str)
def test_rule_is_reported_at_its_field(tmp_path, rule):
    text, expected = SERIES_RULES[rule]
    problems = errors_for(tmp_path, text)
    assert expected in problems, f"{expected!r} not in:\n" + "\n".join(problems)


def test_a_misspelt_value_is_one_problem_not_two(tmp_path):
    problems = errors_for(tmp_path, SERIES.replace("value: 350", "valeu: 350"))
    assert [p for p in problems if "points[1]" in p] == [
        "content/series.yml:12:7: series[0].points[1].valeu: unknown field; did you mean 'value'?"
    ]


def test_every_point_without_a_source_is_reported(tmp_path):
    problems = errors_for(tmp_path, SERIES.replace("  sources: [src-a]\n", ""))
    assert [p.split(": ", 1)[0] for p in problems] == ["content/series.yml:8:7", "content/series.yml:10:7"]


def test_every_problem_is_reported_at_once_with_no_traceback(tmp_path):
    text = (
        SERIES.replace("unit: usd-billion", "unit: dollars")
        .replace("value: 306.4", "value: 12bn")
        .replace("  sources: [src-a]\n", "  estimate: true\n  sources: [src-a]\n")
    )
    folder = write_content(tmp_path / "content", raw={"series.yml": text})
    assert_clean_error(
        run_check(folder),
        "content/series.yml:3:9: series[0].unit: 'dollars' is not a unit",
        "content/series.yml:11:14: series[0].points[0].value: '12bn' is not a number",
    )


def test_order_rules_wait_for_the_values_to_load(tmp_path):
    """A series whose fields do not load is not also checked for order: one message per mistake."""
    text = SERIES.replace("date: 2019", "date: 2021").replace("value: 350", "value: lots")
    problems = errors_for(tmp_path, text)
    assert problems == [
        "content/series.yml:12:14: series[0].points[1].value: 'lots' is not a number; write digits only, e.g. 306.4 (the unit goes in the series' `unit`)"
    ]
