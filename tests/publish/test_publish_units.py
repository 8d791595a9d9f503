"""The publishing modules on their own, without MkDocs: small inputs, hostile text."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml
from explainer.build.pipeline import build_site
from explainer.build.publication import publish
from explainer.load.git_dates import file_dates, parse_log
from explainer.model.dates import PartialDate
from explainer.pages.cite import fact_citation
from explainer.publish.feed import atom_feed, atom_time
from explainer.publish.opendata import csv_text, data_files
from explainer.publish.structured import breadcrumb_trail, script_json
from explainer.publish.timelinejs import timeline_json
from explainer.resolve.siteinfo import SiteInfo
from publish_support import REPO, SAMPLE_CONTENT

SITE = SiteInfo("Test & <Site>", "https://example.org/sub", "A test site.")
TODAY = dt.date(2026, 1, 15)
HOSTILE = 'Ends </title></script><script>alert("x")</script> & "quoted", commas; ]]> <!-- done'

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The sample content with hostile text in an event's title and summary and a term's definition."""
    content = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    for name, field in (
        ("events.yml", "title"),
        ("events.yml", "summary"),
        ("terms.yml", "definition"),
        ("facts.yml", "statement"),
    ):
        items = yaml.safe_load((content / name).read_text(encoding="utf-8"))
        items[0][field] = HOSTILE
        (content / name).write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build_site(content, TODAY, site=SITE)


def test_addresses_are_absolute_only_when_the_site_address_is_known():
    assert SITE.url == "https://example.org/sub/"
    assert SITE.absolute("timeline/#x") == "https://example.org/sub/timeline/#x"
    assert SITE.absolute("") == "https://example.org/sub/"
    assert SiteInfo("x").absolute("facts/#a") == "/facts/#a"


def test_script_json_cannot_close_its_script_tag_and_round_trips():
    data = {"name": HOSTILE, "list": ["</SCRIPT >", "<!--", "a&b"]}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_breadcrumb_trail_steps_through_pages_that_exist():
    titles = {"topics/": "Topics", "actors/": "Actors"}
    assert breadcrumb_trail("topics/x/", "X", titles) == [("Home", ""), ("Topics", "topics/"), ("X", "topics/x/")]
    assert breadcrumb_trail("glossary/", "Glossary", titles) == [("Home", ""), ("Glossary", "glossary/")]
    assert breadcrumb_trail("deep/er/page/", "P", titles) == [("Home", ""), ("P", "deep/er/page/")]
    assert breadcrumb_trail("", "Home", titles) == [("Home", "")]


def test_atom_times_start_at_the_first_day_of_the_precision():
    assert atom_time(PartialDate(2025, 10)) == "2025-10-01T00:00:00Z"
    assert atom_time(PartialDate(2019, 10, 7)) == "2019-10-07T00:00:00Z"
    assert atom_time(PartialDate(2015)) == "2015-01-01T00:00:00Z"


def test_feed_escapes_hostile_text_and_keeps_it_exact(hostile_site):
    root = ET.fromstring(atom_feed(hostile_site.graph, SITE).encode("utf-8"))
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert HOSTILE in titles
    assert root.findtext(f"{ATOM}title") == "Test & <Site>: timeline"
    summaries = [e.findtext(f"{ATOM}summary") for e in root.iter(f"{ATOM}entry")]
    assert any(hostile_site.graph.plain(HOSTILE) in s for s in summaries)  # summaries are Markdown, shown plain


def test_feed_drops_characters_xml_cannot_hold():
    from explainer.publish.feed import _text

    assert _text("a\x00b\x0bc\ufffed") == "abcd"


def test_timelinejs_text_is_escaped_plain_text(hostile_site):
    events = timeline_json(hostile_site.graph, SITE)["events"]
    [hostile] = [e for e in events if html.unescape(e["text"]["headline"]) == HOSTILE]
    assert "<" not in hostile["text"]["headline"] and "<" not in hostile["text"]["text"]
    assert html.unescape(hostile["text"]["text"]) == hostile_site.graph.plain(HOSTILE)
    precisions = {(("month" in e["start_date"]), ("day" in e["start_date"])) for e in events}
    assert (True, False) in precisions and (True, True) in precisions  # month-only dates stay month-only


def test_csv_round_trips_hostile_text(hostile_site):
    rows = list(csv.DictReader(io.StringIO(csv_text(hostile_site.graph, "event", SITE), newline="")))
    assert HOSTILE in [r["title"] for r in rows]
    assert all(r["url"].startswith("https://example.org/sub/timeline/#") for r in rows)


def test_json_ld_for_a_hostile_glossary_stays_inside_its_script(hostile_site):
    publication = publish(hostile_site, SITE, REPO, TODAY)
    meta = publication.structured.for_page("glossary/", "Glossary", None)
    [term_set] = [s for s in meta["json_ld"] if "DefinedTermSet" in s]
    assert "</" not in term_set
    definitions = [t["description"] for t in json.loads(term_set)["hasDefinedTerm"]]
    assert hostile_site.graph.plain(HOSTILE) in definitions
    assert meta["og"]["description"] == SITE.description


def test_citation_names_the_site_and_the_permanent_address(hostile_site):
    fact = hostile_site.graph.of("fact")[1]
    text = fact_citation(hostile_site.graph, fact.id, SITE)
    assert text.startswith("“") and text.endswith(f"{SITE.name}. https://example.org/sub/facts/#{fact.id}.")
    without_site = fact_citation(hostile_site.graph, fact.id, SiteInfo(""))
    assert f"/facts/#{fact.id}." in without_site and ".." not in without_site


def test_data_files_are_unique_and_under_one_folder(hostile_site):
    publication = publish(hostile_site, SITE, REPO, TODAY)
    paths = [f.path for f in publication.files]
    assert len(paths) == len(set(paths))
    assert all(p.startswith("data/") and p.count("/") == 1 for p in paths)
    assert [p.path for p in publication.pages] == ["data.md"]
    assert (REPO / publication.pages[0].source_file).is_file()
    assert {f.path for f in data_files(hostile_site.graph, SITE)} < set(paths)


def test_topic_dates_fall_back_to_today_outside_git(hostile_site, tmp_path):
    publication = publish(hostile_site, SITE, tmp_path, TODAY)
    assert set(publication.structured.topic_dates.values()) == {(TODAY, TODAY)}
    assert file_dates(["content/topics/x.yml"], tmp_path / "missing") == {}


def test_git_log_gives_first_and_last_change_per_file():
    log = (
        "\x002026-03-02T10:00:00+00:00\n\ncontent/topics/a.yml\ncontent/facts.yml\n"
        "\x002025-12-31T23:00:00-05:00\n\ncontent/topics/a.yml\ncontent/topics/b.yml\n"
    )
    dates = parse_log(log, {"content/topics/a.yml", "content/topics/b.yml"})
    assert dates == {
        "content/topics/a.yml": (dt.date(2025, 12, 31), dt.date(2026, 3, 2)),
        "content/topics/b.yml": (dt.date(2025, 12, 31), dt.date(2025, 12, 31)),
    }
