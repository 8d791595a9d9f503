import json
import re

import jsonschema
import pytest
from explainer.load.schema import file_schema, stale_schemas, write_schemas
from explainer.load.yamlio import load_yaml_file
from explainer.model.kinds import KINDS
from unit_support import REPO, SAMPLE

SCHEMAS = REPO / "content" / "schemas"


def test_committed_schemas_match_the_model():
    assert stale_schemas(SCHEMAS) == [], "run `make schema` and commit content/schemas/"


def test_drift_is_detected(tmp_path):
    write_schemas(tmp_path)
    assert stale_schemas(tmp_path) == []
    path = tmp_path / "fact.schema.json"
    path.write_text(path.read_text().replace('"said_by"', '"saidby"'))
    assert stale_schemas(tmp_path) == ["fact.schema.json"]


@pytest.mark.parametrize("kind", KINDS)
def test_sample_content_validates_against_its_schema(kind):
    plural = KINDS[kind].PLURAL
    files = (
        [SAMPLE / f"{plural}.yml"] if (SAMPLE / f"{plural}.yml").exists() else sorted((SAMPLE / plural).glob("*.yml"))
    )
    validator = jsonschema.Draft202012Validator(file_schema(kind))
    for file in files:
        data = load_yaml_file(file, file.name).data
        assert list(validator.iter_errors(data)) == []
        bad = [dict(data[0], unexpected=1)]
        assert any("unexpected" in e.message for e in validator.iter_errors(bad))


def test_every_field_is_described_for_the_editor():
    fact = file_schema("fact")["$defs"]["Fact"]["properties"]
    assert "who made a claim" in fact["said_by"]["description"]
    assert fact["date"]["anyOf"][0]["pattern"].startswith("^(19|[2-9][0-9])")


def test_every_content_file_points_the_editor_at_its_schema():
    for file in sorted((REPO / "content").rglob("*.yml")):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{file}: first line must be the yaml-language-server $schema comment"
        target = (file.parent / match.group(1)).resolve()
        assert target.is_file(), f"{file}: {match.group(1)} does not exist"
        assert json.loads(target.read_text())["$id"].split(".")[0] in (*KINDS, "hosts")
