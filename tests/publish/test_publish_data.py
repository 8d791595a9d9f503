"""The open data the build publishes: JSON per kind, CSV for facts, events and terms,
the schemas beside them, the catalog and the page that documents them."""

from __future__ import annotations

import csv
import json

import jsonschema
import pytest
from explainer.model.kinds import KINDS
from explainer.publish.opendata import CSV_KINDS, csv_columns
from publish_support import PROJECT

DATA = "data"


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_is_published_as_json_matching_the_content(built_site, content, kind):
    plural = KINDS[kind].PLURAL
    items = json.loads((built_site / DATA / f"{plural}.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in items] == [item.id for item in content.of(kind)]
    assert items, f"no {plural} in the content"


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_json_file_validates_against_the_schema_beside_it(built_site, kind):
    plural = KINDS[kind].PLURAL
    schema = json.loads((built_site / DATA / f"{kind}.schema.json").read_text(encoding="utf-8"))
    items = json.loads((built_site / DATA / f"{plural}.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(items))
    assert not errors, errors[0].message


@pytest.mark.parametrize("kind", list(KINDS))
def test_published_schemas_are_the_committed_ones(built_site, kind):
    published = (built_site / DATA / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert published == (PROJECT / "content" / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", CSV_KINDS)
def test_csv_has_a_header_and_one_row_per_item_with_a_working_address(built_site, content, site_url, heads, kind):
    plural = KINDS[kind].PLURAL
    raw = (built_site / DATA / f"{plural}.csv").read_bytes()
    rows = list(csv.reader(raw.decode("utf-8").splitlines(keepends=True)))
    assert rows[0] == csv_columns(kind)
    body = [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]
    assert [r["id"] for r in body] == [item.id for item in content.of(kind)]
    for row in body:
        page, _, anchor = row["url"].removeprefix(site_url).partition("#")
        assert row["url"].startswith(site_url) and anchor == row["id"]
        assert anchor in heads[page].ids, f"{row['url']} has no anchor in the built site"


def test_csv_lists_keep_every_entry(built_site, content):
    rows = list(csv.DictReader((built_site / DATA / "facts.csv").read_text(encoding="utf-8").splitlines()))
    for row, fact in zip(rows, content.of("fact"), strict=False):
        assert json.loads(row["sources"]) == list(fact.sources)
        assert row["kind"] == fact.kind


def test_catalog_lists_exactly_the_published_files(built_site, site_url):
    catalog = json.loads((built_site / DATA / "index.json").read_text(encoding="utf-8"))
    listed = {entry["path"] for entry in catalog["files"]}
    on_disk = {p.name for p in (built_site / DATA).iterdir() if p.name != "index.html"}
    assert listed == on_disk
    assert catalog["license"] == "https://creativecommons.org/licenses/by/4.0/"
    for entry in catalog["files"]:
        assert entry["url"] == f"{site_url}{DATA}/{entry['path']}"


def test_data_page_links_every_file_and_states_the_licence(built_site, heads):
    data_page = heads[f"{DATA}/"]
    hrefs = {a.get("href") for a in data_page.anchors}
    for path in (built_site / DATA).iterdir():
        if path.name != "index.html":
            assert path.name in hrefs, f"the data page does not link {path.name}"
    assert "https://creativecommons.org/licenses/by/4.0/" in hrefs
    text = (built_site / DATA / "index.html").read_text(encoding="utf-8")
    for field in ("statement", "said_by", "review_after", "abbreviation", "key_points"):
        assert f"<code>{field}</code>" in text, f"field {field} is not documented"
