"""Values that used to end in a traceback: odd YAML scalars, huge numbers, odd commit dates, reserved ids.

Each is now a `path:line:col: field: message` from `check` (and so from the build),
or, for git history, a fallback that never stops a deploy.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from explainer.load import yamlio
from explainer.load.git_dates import commit_day, file_dates, parse_log
from explainer.load.scalars import MAX_INT_DIGITS
from explainer.model.problems import ContentError

from .bounded import explainer
from .support import assert_clean_error, assert_ok, minimal, run_check, write_content

EVENT = "- id: ev-a\n  date: 2019-10-07\n  title: Something happened\n  actors: [act-a]\n  topics: [topic-a]\n"
EVENT_END = "  sources: [src-a]\n"
# (a line added to an event, the expected problem: file:line:col: field: message)
ODD_SCALARS = {
    "!!bool maybe": ("  note: !!bool maybe\n", "content/events.yml:6:9: events[0].note: 'maybe' is not a yes/no value"),
    "!!int empty": ('  note: !!int ""\n', "content/events.yml:6:9: events[0].note: '' is not an integer"),
    "!!int sign only": ('  note: !!int "-"\n', "content/events.yml:6:9: events[0].note: '-' is not an integer"),
    "!!int prefix only": ("  note: !!int 0x\n", "content/events.yml:6:9: events[0].note: '0x' is not an integer"),
    "!!float word": ("  note: !!float many\n", "content/events.yml:6:9: events[0].note: 'many' is not a number"),
    "!!timestamp word": ("  date: !!timestamp soon\n", "events[0].date: 'soon' is not a date"),
    "escape past U+10FFFF": (
        '  note: "a \\U00110000 b"\n',
        "content/events.yml:6:12: escape \\U00110000 is not a Unicode character",
    ),
    "escape of half a pair": (
        '  note: "a \\uD800 b"\n',
        "content/events.yml:6:9: events[0].note: text holds U+D800, half of a pair, not a character",
    ),
    "4,301-digit integer in a text field": (
        "  note: " + "7" * 4301 + "\n",
        "content/events.yml:6:9: events[0].note: number '77777777777777777777…' has 4301 digits; at most 15",
    ),
    "hexadecimal integer past Python's printing limit": (
        "  note: 0x" + "f" * 5000 + "\n",
        "content/events.yml:6:9: events[0].note: number '0xffffffffffffffffff…' has 5000 digits",
    ),
    "binary integer of 20,000 digits": ("  note: 0b" + "1" * 20000 + "\n", "has 20000 digits; at most 15"),
    "base-60 number in a date": ("  date: 2019:10:07\n", "events[0].date: '2019:10:07' is not a date"),
}


@pytest.mark.parametrize("case", list(ODD_SCALARS), ids=str)
def test_odd_scalars_are_clean_errors(tmp_path: Path, case: str) -> None:
    line, expected = ODD_SCALARS[case]
    text = EVENT + line + EVENT_END
    if "date:" in line:  # the odd date replaces the good one
        text = text.replace("  date: 2019-10-07\n", "", 1)
    folder = write_content(tmp_path / "content", raw={"events.yml": text})
    output = assert_clean_error(run_check(folder), expected)
    assert output.count("\n") <= 3, output  # the one mistake, not a cascade


def test_a_time_of_day_written_plainly_stays_text(tmp_path: Path) -> None:
    """YAML 1.1 reads `12:30` as the number 750; it is kept as the text it looks like."""
    content = minimal()
    content["events"][0]["title"] = "Talks resume at 12:30"
    folder = write_content(tmp_path / "content", content)
    events = (folder / "events.yml").read_text(encoding="utf-8").replace("title: Talks resume at 12:30", "title: 12:30")
    (folder / "events.yml").write_text(events, encoding="utf-8")
    assert_ok(run_check(folder))


def test_a_topic_order_too_long_for_python_is_refused_at_check(tmp_path: Path) -> None:
    """It used to pass `check` and crash the build when printed."""
    content = minimal()
    folder = write_content(tmp_path / "content", content)
    topics = (folder / "topics.yml").read_text(encoding="utf-8").replace("order: 1", "order: 0x" + "f" * 4000)
    (folder / "topics.yml").write_text(topics, encoding="utf-8")
    assert_clean_error(run_check(folder), "topics[0].order: number '0xffffffffffffffffff…' has 4000 digits")


def test_the_largest_allowed_number_builds(tmp_path: Path) -> None:
    content = minimal()
    content["topics"][0]["order"] = int("9" * MAX_INT_DIGITS)
    folder = write_content(tmp_path / "content", content)
    result = explainer(folder.parent, "data", str(tmp_path / "out"), "--site-url", "https://e.com/", "--site-name", "X")
    assert result.returncode == 0, result.stderr
    topics = json.loads((tmp_path / "out" / "data" / "topics.json").read_text(encoding="utf-8"))
    assert "9" * MAX_INT_DIGITS in json.dumps(topics)


def test_a_base_60_number_of_a_million_parts_costs_nothing(tmp_path: Path) -> None:
    """PyYAML multiplies it out (quadratic time, then an integer too long to print); it stays text."""
    folder = write_content(tmp_path / "content")
    topics = (folder / "topics.yml").read_text(encoding="utf-8").replace("order: 1", "order: 1" + ":1" * 900_000)
    (folder / "topics.yml").write_text(topics, encoding="utf-8")
    result = explainer(folder.parent, "check", cpu_seconds=20)
    assert_clean_error(result, "topics[0].order: Input should be a valid integer")


@pytest.mark.parametrize("escape", ["\\U00110000", "\\UFFFFFFFF", "\\uD800"])
def test_pyyaml_alone_reports_bad_escapes_too(monkeypatch: pytest.MonkeyPatch, escape: str) -> None:
    """Without libyaml, PyYAML's scanner crashes on these (ValueError, OverflowError) or keeps a lone surrogate."""
    monkeypatch.setattr(yamlio, "_FAST_LOADER", yaml.SafeLoader)
    with pytest.raises(ContentError) as raised:
        yamlio.parse_yaml(f'- id: ev-a\n  note: "x {escape}"\n', "content/events.yml", "events")
    message = str(raised.value)
    assert message.startswith("content/events.yml:2:"), message
    assert "is not a Unicode character" in message or "half of a pair" in message, message


def test_what_libyaml_refuses_is_refused_even_if_pyyaml_accepts_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast parser's refusal stands when the second parse (for clearer messages) finds nothing wrong."""

    class Refusing(yaml.SafeLoader):
        def check_event(self, *choices: type) -> bool:  # every path reads the event stream
            raise yaml.MarkedYAMLError(problem="refused here", problem_mark=self.get_mark())

    monkeypatch.setattr(yamlio, "_FAST_LOADER", Refusing)
    with pytest.raises(ContentError, match=re.escape("content/events.yml:1:1: YAML syntax error: refused here")):
        yamlio.parse_yaml("- note: fine\n", "content/events.yml")


# --- git history -----------------------------------------------------------------
def test_commit_days_from_any_date_git_prints() -> None:
    assert commit_day("2020-09-17T16:25:40+99:59") == dt.date(2020, 9, 17)
    assert commit_day("2024-02-29T00:00:00Z") == dt.date(2024, 2, 29)
    for stamp in ("10000-01-01T00:00:00+00:00", "3170843-11-06T21:46:39-12:00", "2019-02-30T00:00:00Z", "", "x"):
        assert commit_day(stamp) is None, stamp


def test_a_log_with_odd_dates_keeps_the_usable_ones() -> None:
    log = (
        "\x0010000-01-01T00:00:00+00:00\n\ncontent/topics.yml\n"
        "\x002020-09-17T16:25:40+99:59\n\ncontent/topics.yml\n"
        "\x002019-01-02T03:04:05+08:00\n\ncontent/topics.yml\n"
    )
    assert parse_log(log, {"content/topics.yml"}) == {"content/topics.yml": (dt.date(2019, 1, 2), dt.date(2020, 9, 17))}


def _git(repo: Path, *args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_build_survives_commits_dated_year_10000_and_offset_plus_9959(tmp_path: Path) -> None:
    """A merged pull request can carry such commits; every later deploy reads the history."""
    project = tmp_path / "project"
    folder = write_content(project / "content")
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-qm", "first")
    topics = folder / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(project, "commit", "-qam", "far future", env={"GIT_COMMITTER_DATE": "@253402300800 +0000"})
    topics.write_text(topics.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(project, "add", ".")
    tree, parent = _git(project, "write-tree"), _git(project, "rev-parse", "HEAD")
    odd = f"tree {tree}\nparent {parent}\nauthor t <t@t> 1600000000 +9959\ncommitter t <t@t> 1600000000 +9959\n\nodd\n"
    _git(project, "update-ref", "HEAD", _git(project, "hash-object", "-t", "commit", "-w", "--stdin", stdin=odd))
    printed = _git(project, "log", "--format=%cI")
    assert "10000-01-01" in printed and "+99:59" in printed, printed  # git prints both as they are

    dates = file_dates(["content/topics.yml"], project)
    assert dates["content/topics.yml"][0] == dt.date(2020, 9, 17)  # year 10000 skipped, +99:59 read
    result = explainer(project, "data", str(tmp_path / "out"), "--site-url", "https://example.com/", "--site-name", "X")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


# --- ids that clash with generated pages or anchors ------------------------------------
RESERVED = {
    "actor index": ("actors", "act-b", "index", "the site's own page actors/index.md"),
    "source index": ("sources", "src-a", "index", "the site's own page sources/index.md"),
    "topic index": ("topics", "topic-a", "index", "the site's own page topics/index.md"),
    "event named for a year": ("events", "ev-a", "2019", "a heading on the timeline"),
    "term named for a letter": ("terms", "term-b", "k", "a heading in the glossary"),
    "fact named for a topic heading": ("facts", "claim-a", "key-facts", "a heading on the facts page or a topic page"),
}


@pytest.mark.parametrize("case", list(RESERVED), ids=str)
def test_reserved_ids_are_refused_at_the_id(tmp_path: Path, case: str) -> None:
    plural, old_id, new_id, clash = RESERVED[case]
    content = json.loads(json.dumps(minimal()).replace(old_id, new_id))  # references follow the rename
    index = next(i for i, item in enumerate(content[plural]) if item["id"] == new_id)
    folder = write_content(tmp_path / "content", content)
    text = (folder / f"{plural}.yml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if re.fullmatch(f"- id: '?{new_id}'?", row))
    assert_clean_error(
        run_check(folder),
        f"content/{plural}.yml:{line}:7: {plural}[{index}].id: '{new_id}' is reserved: it would clash with {clash}",
    )
