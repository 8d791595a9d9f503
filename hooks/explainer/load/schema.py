"""JSON Schema for each content file, generated from the typed model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from explainer.load.hosts import HOST_PATTERN, LISTS
from explainer.model.kinds import KINDS

SCHEMA_DIR_NAME = "schemas"


def file_schema(kind: str) -> dict[str, Any]:
    """A content file is a list of items of one kind."""
    model = KINDS[kind]
    plural = model.PLURAL
    item = model.model_json_schema(mode="validation")
    defs = item.pop("$defs", {})
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}.schema.json",
        "title": f"{plural.capitalize()} of the explainer site",
        "description": f"A list of {plural}. {(model.__doc__ or '').strip()}",
        "type": "array",
        "items": {"$ref": f"#/$defs/{model.__name__}"},
        "$defs": {**defs, model.__name__: item},
    }
    return schema


def hosts_schema() -> dict[str, Any]:
    """content/hosts.yml: lists of host names, not items (hosts.py reads it)."""
    host = {
        "type": "string",
        "pattern": HOST_PATTERN,
        "description": "A host name, lower-case, without scheme or path.",
    }
    what = {
        "aggregators": "Sites that repost others' articles: a warning as a source's `url`, fine as `copy_url`.",
        "refused": "Copies on servers unrelated to the publisher: an error in any address.",
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "hosts.schema.json",
        "title": "Hosts that are not an original publisher",
        "type": "object",
        "additionalProperties": False,
        "properties": {name: {"type": "array", "items": host, "description": what[name]} for name in LISTS},
    }


def schema_texts() -> dict[str, str]:
    schemas = {f"{kind}.schema.json": file_schema(kind) for kind in KINDS} | {"hosts.schema.json": hosts_schema()}
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for name, schema in schemas.items()}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """Names of committed schema files that differ from the model."""
    return [
        name
        for name, text in schema_texts().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
