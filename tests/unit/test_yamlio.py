import pytest
from explainer.load.yamlio import MAX_FILE_BYTES, load_yaml_file, parse_yaml
from explainer.model.problems import ContentError


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
