"""Property-based: any YAML text, and any structure dumped to YAML, loads or yields clean problems."""
import datetime as dt
import os

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.errors import ContentError, Problem
from explainer.loader import load_content
from explainer.validate import validate
from explainer.yamlio import parse_yaml

from .support import MINIMAL, dump, write_content

# HOSTILE_EXAMPLES=2000 for a longer hunt; the default keeps the suite fast.
SETTINGS = settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "100")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text biased towards YAML's own syntax, so the parser's error paths are exercised.
YAML_ALPHABET = st.sampled_from(list(":-[]{}!&*#|>'\"%@`?,\n\t  ") + list("abcxyz019") + ["\r", "\ufeff", "\u202e", "\x00", "é"])
yaml_texts = st.one_of(st.text(YAML_ALPHABET, max_size=200), st.text(max_size=100))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.sampled_from(["2019-10-07", "2019-13", "1850", "src-a", "act-a", "[[actor:act-a]]", "[[x]]",
                                     "javascript:alert(1)", "https://example.com/"]))
keys = st.sampled_from(["id", "title", "date", "sources", "actors", "topics", "kind", "said_by", "summary", "url",
                        "sections", "heading", "body", "zzz"])
structures = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4),
                                                               st.dictionaries(keys, children, max_size=5)), max_leaves=20)


def assert_clean(problems) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        text = str(problem)
        assert text.startswith("content/") and problem.line >= 1 and problem.column >= 1, text


@SETTINGS
@given(yaml_texts)
def test_any_yaml_text_parses_or_raises_content_error(text):
    try:
        parse_yaml(text, "content/events.yml")
    except ContentError as exc:
        assert exc.problems
        assert_clean(exc.problems)


@SETTINGS
@given(st.sampled_from(sorted(MINIMAL)), yaml_texts)
def test_any_yaml_text_as_a_content_file_gives_problems_not_exceptions(tmp_path_factory, plural, text):
    folder = write_content(tmp_path_factory.mktemp("c") / "content", raw={f"{plural}.yml": text})
    content, problems = load_content(folder)
    problems += validate(content, dt.date(2026, 11, 26))
    assert_clean(problems)


@SETTINGS
@given(st.sampled_from(sorted(MINIMAL)), st.lists(structures, max_size=4))
def test_any_structure_dumped_to_yaml_gives_problems_not_exceptions(tmp_path_factory, plural, items):
    folder = write_content(tmp_path_factory.mktemp("c") / "content", raw={f"{plural}.yml": yaml.safe_dump(items)})
    content, problems = load_content(folder)
    problems += validate(content, dt.date(2026, 11, 26))
    assert_clean(problems)


@SETTINGS
@given(st.sampled_from(sorted(MINIMAL)), st.data())
def test_mutated_valid_items_give_problems_not_exceptions(tmp_path_factory, plural, data):
    """Start from a valid item and replace one field with anything."""
    items = [dict(item) for item in MINIMAL[plural]]
    item = data.draw(st.sampled_from(items))
    field = data.draw(st.sampled_from(sorted(item) + ["zzz"]))
    item[field] = data.draw(structures)
    folder = write_content(tmp_path_factory.mktemp("c") / "content", raw={f"{plural}.yml": dump(items)})
    content, problems = load_content(folder)
    problems += validate(content, dt.date(2026, 11, 26))
    assert_clean(problems)
