import random
from pathlib import Path

import pytest
import yaml
from explainer import yamlio
from explainer.errors import ContentError
from explainer.yamlio import MAX_FILE_BYTES, Located, load_yaml_file, parse_yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from unit_support import REPO, SAMPLE


def problems_of(text: str) -> list[str]:
    with pytest.raises(ContentError) as exc:
        parse_yaml(text, "x.yml")
    return [str(p) for p in exc.value.problems]


def test_values_and_keys_keep_their_line_and_column():
    located = parse_yaml("- id: a\n  title: T\n- id: b\n  date: 2019-10-07\n", "x.yml")
    assert located.data == [{"id": "a", "title": "T"}, {"id": "b", "date": "2019-10-07"}]
    assert located.values[(1, "date")] == (4, 9)
    assert located.keys[(1, "date")] == (4, 3)
    assert located.where((1, "missing")) == (3, 3)  # falls back to the item


def test_dates_stay_text_and_numbers_stay_numbers():
    located = parse_yaml("- {a: 2019-10-07, b: 2019, c: true, d: null, e: 1.5}\n", "x.yml")
    assert located.data == [{"a": "2019-10-07", "b": 2019, "c": True, "d": None, "e": 1.5}]


def test_syntax_error_names_line():
    [message] = problems_of("- id: a\n  title: 'unclosed\n- id: b\n")
    assert message.startswith("x.yml:4:1: YAML syntax error")


def test_duplicate_key_is_an_error_not_silently_overwritten():
    [message] = problems_of("- id: a\n  id: b\n")
    assert message == "x.yml:2:3: id: duplicate key; each field may appear once"


def test_object_constructing_tags_are_refused():
    [message] = problems_of("- id: !!python/object/apply:os.system ['true']\n")
    assert "tag '!!python/object/apply:os.system' is not allowed" in message
    assert message.startswith("x.yml:1:7:")


def test_aliases_are_refused_before_expansion():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    [message] = problems_of(bomb)
    assert "alias '*a' is not allowed" in message


def test_deep_nesting_is_refused():
    [message] = problems_of("[" * 200 + "]" * 200)
    assert "nesting deeper than" in message


def test_empty_text_gives_no_data():
    assert parse_yaml("# only a comment\n", "x.yml").data is None


def test_bom_and_windows_line_endings_load(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbf- id: a\r\n  title: T\r\n")
    assert load_yaml_file(path, "x.yml").data == [{"id": "a", "title": "T"}]


def test_non_utf8_bytes_name_their_line(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"- id: a\n  title: caf\xe9\n")
    with pytest.raises(ContentError) as exc:
        load_yaml_file(path, "x.yml")
    assert str(exc.value.problems[0]).startswith("x.yml:2:13: byte 0xe9 is not UTF-8")


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.yml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ContentError) as exc:
        load_yaml_file(path, "big.yml")
    assert "split it" in str(exc.value)


# --- the one-pass path: plain files built from the event stream -----------------------
def checked(text: str) -> Located:
    """The path every file took before the one-pass path: scan, compose, build."""
    return yamlio._parse(text, "x.yml", yamlio._FAST_LOADER)


def one_pass(text: str) -> Located | None:
    return yamlio._OnePass(text, "x.yml").run(yamlio._FAST_LOADER)


def same_located(fast: Located, slow: Located) -> None:
    assert fast.data == slow.data
    assert type(fast.data) is type(slow.data)
    for table in ("values", "keys", "ends"):  # the same positions, recorded in the same order
        assert list(getattr(fast, table).items()) == list(getattr(slow, table).items()), table
    assert fast.source == slow.source


def content_files() -> list[Path]:
    return sorted(SAMPLE.rglob("*.yml")) + sorted((REPO / "content").rglob("*.yml"))


@pytest.mark.parametrize("path", content_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_content_file_is_built_in_one_pass_as_the_checked_path_builds_it(path):
    text = path.read_text(encoding="utf-8")
    fast = one_pass(text)
    assert fast is not None, "a plain content file left the one-pass path: the build lost its speed"
    same_located(fast, checked(text))


def random_value(rng: random.Random, depth: int = 0) -> object:
    pick = rng.randrange(10 if depth < 4 else 6)
    if pick == 0:
        return rng.choice([None, True, False, 0, -7, 2019, 1.5, -0.0, float("inf"), 10**20])
    if pick == 1:
        return rng.choice(["2019-10-07", "2019-13", "1:30", "0x1F", "yes", "~", "null", "1e3", ".nan", "<<", "="])
    if pick < 6:
        alphabet = "ab cé中:#-'\"\\\n\t[]{},&*!|>%@`?\u202e\x85"
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
    if pick < 8:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    return {rng.choice(["id", "title", "a b", "x:y", "1", "true", "ü"]): random_value(rng, depth + 1) for _ in range(3)}


def random_yaml(rng: random.Random) -> str:
    """Valid YAML in every layout the emitter has: block and flow, each quoting style, long lines folded."""
    return yaml.safe_dump(
        random_value(rng),
        default_flow_style=rng.choice([None, True, False]),
        default_style=rng.choice([None, None, '"', "'", "|", ">"]),
        allow_unicode=rng.random() < 0.5,
        width=rng.choice([20, 80, 1000]),
        explicit_start=rng.random() < 0.2,
        indent=rng.choice([2, 4]),
    )


def test_random_documents_build_alike_on_both_paths():
    rng = random.Random(20261130)
    texts = [random_yaml(rng) for _ in range(3000)]
    # The rest the checked path builds, as it built every file before.
    built = [(text, fast) for text in texts if (fast := one_pass(text)) is not None]
    for text, fast in built:
        same_located(fast, checked(text))
    assert len(built) > 1500, len(built)  # most random documents are plain enough for the one pass


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list(":-[]{}!&*#|>'\"%@`?,\n\t  abc019é") + ["\r", "\x85"]), max_size=80))
def test_any_text_the_one_pass_builds_the_checked_path_builds_alike(text):
    fast = one_pass(text)
    if fast is not None:
        same_located(fast, checked(text))


@pytest.mark.parametrize(
    "text",
    [
        "- id: !custom a\n",  # a tag beyond the core scalars
        "- !!map {id: a}\n",  # any tag on a collection
        "- id: &x a\n",  # an anchor, even unused
        "a: &x [1]\nb: *x\n",  # an alias
        "- id: a\n  id: b\n",  # a duplicate key
        "- 1: a\n",  # a key that is not text
        "- <<: {a: 1}\n",  # a merge key
        "- [a]: b\n",  # a collection as a key
        "- note: a\u202eb\n",  # an invisible character
        '- note: "\\ud800"\n',  # half a surrogate pair
        "- n: !!int 1x\n",  # a number that is not one
        "a\n---\nb\n",  # a second document
        "[" * (yamlio.MAX_DEPTH + 1) + "]" * (yamlio.MAX_DEPTH + 1),  # nesting past MAX_DEPTH
        "- id: 'unclosed\n",  # a syntax error
    ],
)
def test_anything_unusual_is_left_to_the_checked_path(text):
    assert one_pass(text) is None


def test_nesting_up_to_max_depth_is_built_in_one_pass():
    text = "[" * yamlio.MAX_DEPTH + "]" * yamlio.MAX_DEPTH
    fast = one_pass(text)
    assert fast is not None
    same_located(fast, checked(text))
