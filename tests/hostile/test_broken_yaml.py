"""Broken YAML of every common kind: a clean `path:line:col: message`, never a traceback."""

import pytest

from .support import assert_clean_error, assert_ok, dump, minimal, run_check, write_content

EVENT = "- id: ev-a\n  date: 2019-10-07\n  title: Something happened\n  sources: [src-a]\n"

BROKEN = {
    "bad indentation": (
        "- id: ev-a\n  date: 2019-10-07\n   title: Bad indent\n  sources: [src-a]\n",
        "content/events.yml:3:9: YAML syntax error: mapping values are not allowed here",
    ),
    "tab indentation": (
        "- id: ev-a\n\tdate: 2019-10-07\n",
        "content/events.yml:2:1: YAML syntax error: while scanning for the next token found character '\\t' that cannot start any token",
    ),
    "unclosed quote": (
        '- id: ev-a\n  date: 2019-10-07\n  title: "Unclosed\n  sources: [src-a]\n',
        "content/events.yml:5:1: YAML syntax error: while scanning a quoted scalar found unexpected end of stream (it starts at line 3, column 10)",
    ),
    "missing colon": (
        "- id: ev-a\n  date 2019-10-07\n  title: x\n  sources: [src-a]\n",
        "content/events.yml:2:3: YAML syntax error: while scanning a simple key could not find expected ':'; is a ':' missing after the field name?",
    ),
    "empty file": ("", "content/events.yml:1:1: file is empty; expected a list of events"),
    "only a comment": ("# nothing yet\n", "content/events.yml:1:1: file is empty; expected a list of events"),
    "a scalar, not a list": (
        "just some text\n",
        "content/events.yml:1:1: expected a list of events (lines starting with '- '), found text",
    ),
    "a mapping, not a list": (
        "id: ev-a\ndate: 2019\n",
        "content/events.yml:1:1: expected a list of events (lines starting with '- '), found mapping",
    ),
    "a list of scalars": ("- ev-a\n", "content/events.yml:1:3: events[0]: expected a mapping of fields for one event"),
    "non-UTF-8 bytes": (
        b"- id: ev-a\n  title: caf\xe9\n",
        "content/events.yml:2:13: byte 0xe9 is not UTF-8; save the file as UTF-8",
    ),
    "UTF-16 file": (
        "- id: ev-a\n".encode("utf-16"),
        "content/events.yml:1:1: byte 0xff is not UTF-8; save the file as UTF-8",
    ),
    "NUL character": (
        "- id: ev-a\n  title: a\x00b\n",
        "content/events.yml:2:11: character U+0000 is not allowed in YAML; remove it",
    ),
    "duplicate key": (
        "- id: ev-a\n  id: ev-b\n",
        "content/events.yml:2:3: id: duplicate key; each field may appear once",
    ),
    "non-text key": ("- {[a]: b}\n", "content/events.yml:1:4: keys must be plain words"),
    "merge key": ("- <<: {id: x}\n", "content/events.yml:1:3: keys must be plain words"),
    "number too long": (
        "- id: ev-a\n  date: 1" + "0" * 5000 + "\n",
        "content/events.yml:2:9: events[0].date: number '10000000000000000000…' has 5001 digits",
    ),
    "wrong file name": None,  # see test_unknown_file_name
}


@pytest.mark.parametrize("case", [k for k, v in BROKEN.items() if v], ids=str)
def test_broken_yaml_is_a_clean_error(tmp_path, case):
    text, expected = BROKEN[case]
    folder = write_content(tmp_path / "content", raw={"events.yml": text})
    assert_clean_error(run_check(folder), expected)


def test_unknown_file_name(tmp_path):
    folder = write_content(tmp_path / "content", raw={"event.yaml": EVENT})
    assert_clean_error(run_check(folder), "content/event.yaml:1:1: not a content file; expected one of")


@pytest.mark.parametrize("variant", ["byte-order mark", "Windows line endings", "both", "old Mac line endings"])
def test_bom_and_line_endings_simply_work(tmp_path, variant):
    content = minimal()
    text = dump(content["events"])
    if variant in ("Windows line endings", "both"):
        text = text.replace("\n", "\r\n")
    if variant == "old Mac line endings":
        text = text.replace("\n", "\r")
    data = text.encode("utf-8")
    if variant in ("byte-order mark", "both"):
        data = b"\xef\xbb\xbf" + data
    folder = write_content(tmp_path / "content", content, raw={"events.yml": data})
    assert_ok(run_check(folder))


def test_positions_survive_a_bom_and_crlf(tmp_path):
    """Line numbers count lines as an editor does, whatever the line endings."""
    text = "\ufeff- id: ev-a\r\n  date: 2019-13-01\r\n  title: x\r\n  sources: [src-a]\r\n"
    folder = write_content(tmp_path / "content", raw={"events.yml": text.encode("utf-8")})
    assert_clean_error(
        run_check(folder), "content/events.yml:2:9: events[0].date: '2019-13-01' is not a date: month 13 does not exist"
    )


def test_a_broken_file_does_not_cascade_into_unknown_references(tmp_path):
    """One syntax error in events.yml: one problem, not one per reference to its events."""
    folder = write_content(
        tmp_path / "content",
        raw={"events.yml": EVENT.replace("title: Something happened", "title: Huawei: the Ascend 310")},
    )
    output = assert_clean_error(
        run_check(folder),
        "content/events.yml:3:16: YAML syntax error: mapping values are not allowed here; "
        "if the text holds ': ', put the whole value in quotes",
    )
    assert "unknown event" not in output and output.count("\n") == 2, output


def test_a_misspelled_reference_suggests_the_id(tmp_path):
    content = minimal()
    content["facts"][0]["statement"] = "See [[event:ev-b]]."
    content["events"][0]["id"] = "ev-bb"
    content["topics"][0]["key_facts"] = ["fact-a"]
    folder = write_content(tmp_path / "content", content)
    assert_clean_error(run_check(folder), "facts[0].statement: unknown event 'ev-b'; did you mean 'ev-bb'?")
