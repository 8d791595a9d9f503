"""Long listings split into parts (timeline and facts by period, glossary by initial),
and every link in every generated page still reaches its page and anchor."""

from __future__ import annotations

import posixpath
import re

import pytest
from explainer.build.pipeline import build_site
from explainer.build.publication import publish
from explainer.pages.render import page_url
from explainer.resolve import graph as graph_module
from explainer.resolve.siteinfo import SiteInfo
from explainer.text.markdown import relative_url

from bench.synth import write_content

_HREF_RE = re.compile(r'href="([^"#]*)(?:#([^"]*))?"')
_ID_RE = re.compile(r'\sid="([^"]+)"')


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    content = tmp_path_factory.mktemp("split") / "content"
    write_content(content, 400)
    limits = {"event": 30, "fact": 40, "term": 10}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(graph_module, "SPLIT_ABOVE", limits)
        yield build_site(content), limits


def test_listings_split_into_parts_with_an_index(split_site):
    site, _limits = split_site
    paths = {p.path for p in site.pages}
    for index, folder in (("timeline.md", "timeline/"), ("facts.md", "facts/"), ("glossary.md", "glossary/")):
        parts = sorted(p for p in paths if p.startswith(folder))
        assert len(parts) > 1, folder
        index_page = next(p for p in site.pages if p.path == index)
        assert index_page.in_nav
        for part in parts:  # the index links every part; parts stay out of the navigation
            assert f'href="{relative_url(page_url(index), page_url(part))}"' in index_page.markdown
            assert not next(p for p in site.pages if p.path == part).in_nav
    events_per_part = [p.markdown.count('class="timeline-event"') for p in site.pages if p.path.startswith("timeline/")]
    assert sum(events_per_part) == len(site.graph.of("event"))
    facts_per_part = [p.markdown.count('class="fact-card fact-') for p in site.pages if p.path.startswith("facts/")]
    assert sum(facts_per_part) == len(site.graph.of("fact"))
    terms_per_part = [p.markdown.count('class="term-name"') for p in site.pages if p.path.startswith("glossary/")]
    assert sum(terms_per_part) == len(site.graph.of("term"))


def test_every_link_reaches_its_page_and_anchor(split_site, tmp_path):
    site, _ = split_site
    published = publish(site, SiteInfo("Synthetic", "https://example.org/"), tmp_path)  # the data page and files
    ids = {page_url(p.path): set(_ID_RE.findall(p.markdown)) for p in [*site.pages, *published.pages]}
    files = {f.path for f in published.files}
    checked = 0
    for page in site.pages:
        here = page_url(page.path)
        for path, anchor in _HREF_RE.findall(page.markdown):
            if path.startswith(("http://", "https://")):
                continue
            if posixpath.normpath(posixpath.join(here, path)) in files:  # a chart's data, to download
                checked += 1
                continue
            target = posixpath.normpath(posixpath.join(here, path)) + "/" if path else here
            target = "" if target in ("./", "./") else target.removeprefix("./")
            assert target in ids, f"{page.path}: {path} -> {target}"
            if anchor:
                assert anchor in ids[target], f"{page.path}: #{anchor} not on {target}"
            checked += 1
    assert checked > 1000


def test_items_move_to_their_part(split_site):
    site, _ = split_site
    graph = site.graph
    event = graph.events_sorted()[0]
    assert graph.url("event", event.id) == f"timeline/{graph.periods('event')[event.id]}/#{event.id}"
    assert re.fullmatch(r"\d{4}(-\d{2})?", graph.periods("event")[event.id])
    term = graph.of("term")[0]
    assert graph.url("term", term.id) == f"glossary/{term.term[0].lower()}/#{term.id}"


def test_a_crowded_year_splits_by_month(split_site, monkeypatch):
    monkeypatch.setattr(graph_module, "SPLIT_ABOVE", {"event": 2})
    graph = graph_module.SiteGraph.build(split_site[0].graph.content)
    periods = graph.periods("event")
    per_year: dict[int, int] = {}
    for event in graph.of("event"):
        per_year[event.date.year] = per_year.get(event.date.year, 0) + 1
    assert any(re.fullmatch(r"\d{4}-\d{2}", p) for p in periods.values())
    for event in graph.of("event"):
        expected = str(event.date.year)
        if per_year[event.date.year] > 2 and event.date.month:
            expected += f"-{event.date.month:02d}"
        assert periods[event.id] == expected
