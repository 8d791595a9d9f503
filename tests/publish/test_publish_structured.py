"""JSON-LD, Open Graph and description meta in the built pages."""

from __future__ import annotations

import datetime as dt

GLOSSARY, DATA, HOME = "glossary/", "data/", ""


def _topic_urls(content) -> list[str]:
    return [f"topics/{t.id}/" for t in content.of("topic")]


def test_every_json_ld_block_parses_and_names_schema_org(heads):
    for url, head in heads.items():
        for raw, block in zip(head.json_ld_raw, head.json_ld, strict=False):
            assert block["@context"] == "https://schema.org", url
            assert "@type" in block, url
            assert "</" not in raw, f"{url}: a JSON-LD block could close its script tag"


def test_topic_pages_are_articles_with_dates(heads, content, site_url):
    urls = _topic_urls(content)
    assert urls
    for url in urls:
        articles = [b for b in heads[url].json_ld if b["@type"] == "Article"]
        assert len(articles) == 1, url
        article = articles[0]
        published = dt.date.fromisoformat(article["datePublished"])
        modified = dt.date.fromisoformat(article["dateModified"])
        assert published <= modified <= dt.date.today()
        assert article["url"] == site_url + url
        assert article["headline"] and article["description"]


def test_glossary_is_a_defined_term_set_with_every_term(heads, content, site_url):
    [term_set] = [b for b in heads[GLOSSARY].json_ld if b["@type"] == "DefinedTermSet"]
    terms = term_set["hasDefinedTerm"]
    assert {t["termCode"] for t in terms} == {t.id for t in content.of("term")}
    for term in terms:
        assert term["@type"] == "DefinedTerm"
        assert term["url"] == f"{site_url}{GLOSSARY}#{term['termCode']}"
        assert term["termCode"] in heads[GLOSSARY].ids
        assert term["name"] and term["description"]


def test_data_page_is_a_dataset_whose_downloads_exist(heads, built_site, site_url):
    [dataset] = [b for b in heads[DATA].json_ld if b["@type"] == "Dataset"]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert len(dataset["description"]) >= 50
    downloads = dataset["distribution"]
    assert {d["encodingFormat"] for d in downloads} == {"application/json", "text/csv"}
    for download in downloads:
        assert download["contentUrl"].startswith(site_url)
        assert (built_site / download["contentUrl"].removeprefix(site_url)).is_file(), download["contentUrl"]


def test_home_is_a_website(heads, site_config):
    assert "WebSite" in heads[HOME].types()
    assert heads[HOME].meta["og:title"] == site_config["site_name"]


def test_every_page_but_home_has_a_breadcrumb_ending_at_itself(heads, site_url):
    for url, head in heads.items():
        crumbs = [b for b in head.json_ld if b["@type"] == "BreadcrumbList"]
        if url == HOME:
            assert not crumbs
            continue
        assert len(crumbs) == 1, url
        items = crumbs[0]["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert items[0]["item"] == site_url and items[-1]["item"] == site_url + url
        for item in items[:-1]:
            assert item["item"].removeprefix(site_url) in heads, f"{url}: breadcrumb to a missing page {item['item']}"
        assert len(items) == url.count("/") + 1, f"{url}: every level of the address is a step"


def test_every_page_has_description_and_open_graph(heads, site_url, content):
    topics = set(_topic_urls(content))
    for url, head in heads.items():
        meta = head.meta
        assert meta.get("description", "").strip(), f"{url or 'home'} has no description"
        for key in ("og:title", "og:description", "og:url", "og:type", "og:site_name"):
            assert meta.get(key, "").strip(), f"{url or 'home'} has no {key}"
        assert meta["og:url"] == site_url + url
        canonical = head.link("canonical")
        assert canonical and canonical["href"] == meta["og:url"]
        assert meta["og:type"] == ("article" if url in topics else "website")
