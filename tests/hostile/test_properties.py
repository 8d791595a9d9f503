"""Property-based: any YAML text, and any structure dumped to YAML, loads or yields clean problems."""

import datetime as dt
import os

import yaml
from explainer.check.validate import validate
from explainer.load.loader import load_content
from explainer.load.yamlio import parse_yaml
from explainer.model.problems import ContentError, Problem
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .support import MINIMAL, dump, write_content

# HOSTILE_EXAMPLES=2000 for a longer hunt; the default keeps the suite fast.
SETTINGS = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Text biased towards YAML's own syntax, so the parser's error paths are exercised.
YAML_ALPHABET = st.sampled_from(
    list(":-[]{}!&*#|>'\"%@`?,\n\t  ") + list("abcxyz019") + ["\r", "\ufeff", "\u202e", "\x00", "é"]
)
yaml_texts = st.one_of(st.text(YAML_ALPHABET, max_size=200), st.text(max_size=100))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2019-10-07",
            "2019-13",
            "1850",
            "src-a",
            "act-a",
            "[[actor:act-a]]",
            "[[x]]",
            "javascript:alert(1)",
            "https://example.com/",
        ]
    ),
)
keys = st.sampled_from(
    [
        "id",
        "title",
        "date",
        "sources",
        "actors",
        "topics",
        "kind",
        "said_by",
        "summary",
        "url",
        "sections",
        "heading",
        "body",
        "zzz",
    ]
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)),
    max_leaves=20,
)


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


# --- rendering: any accepted text yields inert HTML ---------------------------------
import markdown as python_markdown  # noqa: E402  (MkDocs' Markdown, as the build runs it)
import yaml as _yaml  # noqa: E402
from explainer.build.pipeline import build_site  # noqa: E402

from .support import html_leaks  # noqa: E402

MARKUP_WORDS = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "/",
    "=",
    "!",
    "-",
    "--",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    ":",
    "*",
    "_",
    "#",
    "`",
    "|",
    "\\",
    "\n",
    " ",
    "script",
    "img src=x onerror=alert(pwn)",
    "svg onload=pwn",
    "javascript:pwn",
    "&lt;",
    "&#60;",
    "&amp;",
    "<!--",
    "-->",
    "[[actor:act-a|",
    "]]",
    "{: onclick=pwn}",
    "{{ 1337*1337 }}",
    "https://example.com/",
    "pwn",
    "TA",
    "Term Alpha",
    "*[TA]: pwn",
]
markup_texts = st.lists(st.sampled_from(MARKUP_WORDS), min_size=1, max_size=25).map("".join)
# (plural, item index, field path): a text field of each kind, plain and Markdown
TEXT_FIELDS = [
    ("sources", 0, ("title",)),
    ("sources", 0, ("summary",)),
    ("sources", 0, ("key_points", 0)),
    ("actors", 0, ("name",)),
    ("actors", 0, ("description",)),
    ("actors", 0, ("role",)),
    ("terms", 0, ("term",)),
    ("terms", 0, ("abbreviation",)),
    ("terms", 0, ("definition",)),
    ("events", 0, ("title",)),
    ("events", 0, ("summary",)),
    ("facts", 0, ("statement",)),
    ("topics", 0, ("title",)),
    ("topics", 0, ("question",)),
    ("topics", 0, ("answer",)),
    ("topics", 0, ("sections", 0, "heading")),
    ("topics", 0, ("sections", 0, "body")),
]
_MD = python_markdown.Markdown(extensions=["toc", "admonition", "tables"])


def _put(item, path, value):
    for step in path[:-1]:
        item = item[step]
    item[path[-1]] = value


@settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(TEXT_FIELDS), markup_texts)
def test_any_accepted_text_renders_inert(tmp_path_factory, where, text):
    content = {
        plural: [dict(item) for item in items] for plural, items in _yaml.safe_load(_yaml.safe_dump(MINIMAL)).items()
    }
    plural, index, path = where
    _put(content[plural][index], path, text)
    folder = write_content(tmp_path_factory.mktemp("c") / "content", content)
    try:
        output = build_site(folder, dt.date(2026, 11, 26))
    except ContentError as exc:
        assert_clean(exc.problems)
        return
    for page in output.pages:
        front, _, body = page.markdown.partition("\n---\n")
        title = _yaml.safe_load(front.removeprefix("---\n"))["title"]
        assert "<" not in title and ">" not in title, title
        _MD.reset()
        leaks = html_leaks(_MD.convert(body), page.path)
        assert not leaks, leaks
