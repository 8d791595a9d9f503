"""JSON Schema for each content file, generated from the typed model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def schema_texts() -> dict[str, str]:
    return {f"{kind}.schema.json": json.dumps(file_schema(kind), indent=2, ensure_ascii=False) + "\n" for kind in KINDS}


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
