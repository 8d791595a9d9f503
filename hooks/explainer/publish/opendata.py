"""Open data: every content kind as JSON (and CSV for the tabular kinds), with the
JSON Schemas beside them and a catalog describing the files. No MkDocs in here.

The JSON files hold the items exactly as the typed model reads them, so each
validates against the schema a contributor's editor uses for the YAML.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from explainer.load.schema import schema_texts
from explainer.model.dates import DATE_SCHEMA_PATTERN
from explainer.model.kinds import KINDS, SLUG_PATTERN, URL_PATTERN, markdown_fields, reference_fields
from explainer.resolve.graph import SiteGraph
from explainer.resolve.siteinfo import LICENCE_NAME, LICENCE_URL, SiteInfo

DATA_DIR = "data"
CSV_KINDS = ("fact", "event", "term")


@dataclass(frozen=True)
class DataFile:
    path: str  # site-root relative, e.g. "data/facts.json"
    text: str | bytes  # bytes for pictures (the charts' PNG files)
    media_type: str
    description: str
    kind: str | None = None  # content kind, for the data files
    count: int | None = None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def _items(graph: SiteGraph, kind: str) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json") for item in graph.of(kind)]


def _json_text(value: object) -> str:
    # `<`, `>` and `&` as \u escapes: the same data to any JSON reader, and no live markup
    # for anything that sniffs the file as HTML or pastes it into a page.
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def csv_columns(kind: str) -> list[str]:
    return ["id", *[name for name in KINDS[kind].model_fields if name != "id"], "url"]


# Spreadsheet programs run a cell starting with one of these as a formula (`=HYPERLINK(...)`
# can send the sheet's data away). OWASP's advice: start such a cell with an apostrophe,
# which they read as "this is text". Only the CSV: the JSON keeps the text exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _formula_start(cell: str) -> bool:
    """Whether a spreadsheet could read `cell` as a formula: its first character is a formula
    start, or is one after leading spaces (which some programs trim on import) or once
    folded to its plain form (full-width `＝`, small `﹦`: NFKC makes them `=`)."""
    if cell.startswith(FORMULA_STARTS):
        return True
    rest = cell.lstrip("".join(c for c in cell[:64] if c.isspace() or unicodedata.category(c) == "Cf"))
    return bool(rest) and unicodedata.normalize("NFKC", rest[0]).startswith(FORMULA_STARTS)


def neutralise_formula(cell: str) -> str:
    return "'" + cell if _formula_start(cell) else cell


def list_cell(values: Sequence[object]) -> str:
    """A list in one cell as a JSON array (`["a; b", "c"]`): one entry holding a separator stays
    one entry, and any JSON reader gets the list back. It starts with `[`, never a formula."""
    return json.dumps([v if isinstance(v, str | int | float) else str(v) for v in values], ensure_ascii=False)


def csv_cell(value: object) -> str | int | float:
    """A cell: numbers stay numbers (a negative one is not a formula), text is neutralised,
    lists are JSON arrays, nothing is empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    if isinstance(value, list):
        return list_cell(value)
    return neutralise_formula(str(value))


def csv_text(graph: SiteGraph, kind: str, site: SiteInfo, items: list[dict[str, Any]] | None = None) -> str:
    """One row per item, a header naming the fields, and the item's permanent address last.
    `items`: the kind's items as _items gives them, when the caller has them already."""
    columns = csv_columns(kind)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(columns)
    for item in _items(graph, kind) if items is None else items:
        row = {**item, "url": site.absolute(graph.url(kind, item["id"]))}
        writer.writerow([csv_cell(row.get(column)) for column in columns])
    return out.getvalue()


def data_files(graph: SiteGraph, site: SiteInfo) -> list[DataFile]:
    """Every data file and schema, in the order the data page lists them."""
    files: list[DataFile] = []
    schemas = schema_texts()
    for kind, model in KINDS.items():
        plural, description = model.PLURAL, model.DESCRIPTION
        items = _items(graph, kind)
        count = len(items)
        files.append(
            DataFile(
                f"{DATA_DIR}/{plural}.json",
                _json_text(items),
                "application/json",
                description,
                kind,
                count,
            )
        )
        if kind in CSV_KINDS:
            files.append(
                DataFile(
                    f"{DATA_DIR}/{plural}.csv",
                    csv_text(graph, kind, site, items),
                    "text/csv",
                    description,
                    kind,
                    count,
                )
            )
        schema_name = f"{kind}.schema.json"
        files.append(
            DataFile(
                f"{DATA_DIR}/{schema_name}",
                schemas[schema_name],
                "application/schema+json",
                f"JSON Schema for {plural}.json (and for content/{plural}.yml).",
                kind,
            )
        )
    return files


def catalog(files: list[DataFile], site: SiteInfo, extra: Sequence[DataFile] = ()) -> DataFile:
    """`data/index.json`: a machine-readable list of the published files, itself included."""
    itself = DataFile(f"{DATA_DIR}/index.json", "", "application/json", "This list of files.")
    entries = [
        {
            "path": f.name,
            "url": site.absolute(f.path),
            "media_type": f.media_type,
            "description": f.description,
            **({"kind": f.kind} if f.kind else {}),
            **({"count": f.count} if f.count is not None else {}),
        }
        for f in [*files, *extra, itself]
    ]
    body = {
        "title": f"Open data of {site.name}",
        "description": site.description,
        "license": LICENCE_URL,
        "license_name": LICENCE_NAME,
        "site": site.absolute(""),
        "files": entries,
    }
    return DataFile(itself.path, _json_text(body), itself.media_type, itself.description)


def field_rows(kind: str) -> list[dict[str, Any]]:
    """Each field of a kind with its type, whether it is required and what it means, for the data page."""
    schema = KINDS[kind].model_json_schema(mode="validation")
    required = set(schema.get("required", []))
    rows = []
    markdown = {path[0]: len(path) > 1 for path in markdown_fields(kind) if len(path) <= 2}
    refers_to = reference_fields(kind)
    for name, prop in schema["properties"].items():
        type_text = _type_text(prop, schema.get("$defs", {}))
        if name in refers_to:
            type_text = type_text.replace("id", f"id of a {refers_to[name]}")
        elif name in markdown:
            type_text = "list of Markdown" if markdown[name] else "Markdown"
        rows.append(
            {"name": name, "type": type_text, "required": name in required, "description": prop.get("description", "")}
        )
    return rows


def _type_text(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in prop:
        target = defs.get(prop["$ref"].rsplit("/", 1)[-1], {})
        return "object (" + ", ".join(target.get("properties", {})) + ")"
    if "anyOf" in prop:
        parts = [_type_text(p, defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(dict.fromkeys(parts))
    if "enum" in prop:
        return "one of " + ", ".join(str(v) for v in prop["enum"])
    if "const" in prop:
        return repr(prop["const"])
    if prop.get("pattern") == URL_PATTERN:
        return "address (http/https)"
    if prop.get("pattern") == DATE_SCHEMA_PATTERN:
        return "date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if prop.get("pattern") == SLUG_PATTERN:
        return "id"
    kind = prop.get("type")
    if kind == "array":
        return "list of " + _type_text(prop.get("items", {}), defs)
    if isinstance(kind, list):
        return " or ".join(kind)
    names = {"string": "text", "integer": "whole number", "boolean": "true or false"}
    return names.get(str(kind), str(kind or "any"))
