"""The charts' open data, from the sample content (the real content may hold no series yet):
every point in series.csv, and each series as CSV and JSON where its chart links."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re

import jsonschema
import pytest
from explainer import build_site
from explainer.build.publication import publish
from explainer.model.kinds import Series
from explainer.publish.seriesdata import POINT_COLUMNS, POINTS_PATH, series_csv_path, series_json_path
from explainer.resolve.siteinfo import SiteInfo
from publish_support import SAMPLE_CONTENT

SITE = SiteInfo("Sample", "https://example.org/sample/", "A sample explainer.")
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    output = build_site(SAMPLE_CONTENT, today=TODAY, site=SITE)
    publication = publish(output, SITE, tmp_path_factory.mktemp("repo"), today=TODAY)
    return output, {f.path: f for f in publication.files}


@pytest.fixture(scope="module")
def all_series(published) -> list[Series]:
    output, _ = published
    return output.graph.all(Series)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(text.splitlines()))


def test_every_point_is_a_row_of_series_csv(published, all_series):
    _, files = published
    text = files[POINTS_PATH].text
    assert text.splitlines()[0].split(",") == POINT_COLUMNS
    expected = [
        {
            "series_id": s.id,
            "date": p.date.iso(),
            "value": str(p.value),
            "unit": s.unit,
            "estimate": "true" if s.estimate else "false",
            "said_by": s.said_by or "",
            "sources": json.dumps(list(dict.fromkeys([*s.sources, *p.sources]))),
            "note": p.note or "",
            "url": f"https://example.org/sample/figures/#{s.id}",
        }
        for s in all_series
        for p in s.points
    ]
    assert rows(text) == expected
    assert files[POINTS_PATH].count == len(expected)


def test_each_series_has_its_own_csv_and_json(published, all_series):
    _, files = published
    schema = json.loads(files["data/series.schema.json"].text)
    everything = json.loads(files["data/series.json"].text)
    for s in all_series:
        assert [r["series_id"] for r in rows(files[series_csv_path(s.id)].text)] == [s.id] * len(s.points)
        one = json.loads(files[series_json_path(s.id)].text)
        assert one == next(item for item in everything if item["id"] == s.id)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors([one]))
        assert not errors, errors[0].message


def test_the_catalog_lists_the_series_files(published, all_series):
    _, files = published
    catalog = json.loads(files["data/index.json"].text)
    listed = {entry["path"]: entry for entry in catalog["files"]}
    for s in all_series:
        for path in (series_csv_path(s.id), series_json_path(s.id)):
            entry = listed[path.removeprefix("data/")]
            assert entry["kind"] == "series" and entry["count"] == len(s.points)
            assert entry["url"] == f"https://example.org/sample/{path}"


def test_every_download_link_under_a_chart_is_a_published_file(published):
    output, files = published
    links = [
        (page.path, href)
        for page in output.pages
        for downloads in re.findall(r'<p class="chart-downloads">.*?</p>', page.markdown)
        for href in re.findall(r'href="([^"]+)"', downloads)
    ]
    assert links, "no chart links its data"
    for path, href in links:
        depth = path.removesuffix(".md").removesuffix("/index").count("/") + 1
        target = href
        for _ in range(depth):
            assert target.startswith("../"), (path, href)
            target = target.removeprefix("../")
        assert target in files, (path, href)
