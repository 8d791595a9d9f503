"""What publishing needs besides the pages: addresses, edit links, sitemap, 404, favicon,
the citation under each fact."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from publish_support import PROJECT, parse_page

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_site_and_repository_addresses_agree(site_config):
    """Without SITE_URL/REPO_URL the build uses local defaults: the preview's address, under the
    path GitHub Pages gives the repository (test_publish_fork.py covers a fork's addresses)."""
    repo = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+)", site_config["repo_url"])
    assert repo, "repo_url is not a GitHub repository address"
    _, name = repo.groups()
    assert site_config["site_url"] == f"http://127.0.0.1:8000/{name}/"
    assert site_config["repo_name"] == name
    assert site_config["edit_uri"] == "edit/main/"
    assert site_config["site_description"].strip()


def _hand_written_source(url: str) -> str | None:
    """docs/ file a page address comes from, if a hand-written page exists there."""
    for candidate in (f"docs/{url or 'index/'}".removesuffix("/") + ".md", f"docs/{url}index.md"):
        if (PROJECT / candidate).is_file():
            return candidate
    return None


def test_edit_links_open_the_file_a_page_came_from(heads, site_config):
    edit_base = site_config["repo_url"] + "/edit/main/"
    generated_from = {
        "topics/ascend-chips/": "content/topics/ascend-chips.yml",
        "glossary/": "content/terms",
        "timeline/": "content/events",
        "facts/": "content/facts",
        "actors/huawei/": "content/actors",
        "sources/": "content/sources",
        "data/": "hooks/explainer/pages/templates/data.md.j2",
    }
    seen = set()
    for url, head in heads.items():
        edits = [a["href"] for a in head.anchors if a.get("rel") == "edit"]
        assert len(edits) == 1, f"{url or 'home'} has no edit link"
        assert edits[0].startswith(edit_base)
        path = edits[0].removeprefix(edit_base)
        assert (PROJECT / path).is_file(), f"{url or 'home'}: edit link to {path}, which is not a file"
        hand_written = _hand_written_source(url)
        if hand_written:
            assert path == hand_written, f"{url or 'home'}: edit link {path}, expected {hand_written}"
        else:
            assert path.startswith(("content/", "hooks/explainer/pages/templates/")), f"{url}: edit link {path}"
        if url in generated_from:
            assert path.startswith(generated_from[url]), f"{url}: edit link {path}, expected {generated_from[url]}"
            seen.add(url)
    assert seen == set(generated_from), "a page the test expects was not built"
    assert _hand_written_source("") == "docs/index.md" and _hand_written_source("about/") == "docs/about.md"


def test_sitemap_lists_every_page_at_its_address(built_site, heads, site_url):
    root = ET.parse(built_site / "sitemap.xml").getroot()
    locs = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    assert locs == {site_url + url for url in heads}


def test_404_page_links_home_by_absolute_path(built_site, site_url):
    page = parse_page(built_site / "404.html")
    hrefs = {a.get("href") for a in page.anchors}
    base = "/" + site_url.split("/", 3)[3]
    for target in ("", "topics/", "timeline/", "glossary/", "data/"):
        assert base + target in hrefs, f"404 page does not link {base + target}"
    assert page.meta.get("robots") == "noindex"


def test_favicon_is_an_svg_every_page_uses(built_site, pages, heads):
    svg = ET.parse(built_site / "favicon.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    for url, head in heads.items():
        icon = head.link("icon")
        assert icon and icon["href"].endswith("favicon.svg")
        assert (pages[url].parent / icon["href"]).resolve() == (built_site / "favicon.svg").resolve()


def test_each_fact_has_an_anchor_and_a_citation_to_copy(built_site, content, site_url, site_config):
    html = (built_site / "facts" / "index.html").read_text(encoding="utf-8")
    for fact in content.of("fact"):
        card = re.search(rf'<article class="fact-card[^"]*" id="{re.escape(fact.id)}">(.*?)</article>', html, re.S)
        assert card, f"fact {fact.id} has no card with its id"
        cite = re.search(r'<p class="fact-cite-text"><samp>(.*?)</samp></p>', card.group(1), re.S)
        assert cite, f"fact {fact.id} has no citation"
        text = cite.group(1)
        assert "<a " not in text, "the citation holds markup"
        assert f"{site_url}facts/#{fact.id}" in text
        assert site_config["site_name"].replace("'", "&#39;") in text or site_config["site_name"] in text
        assert text.endswith(f"#{fact.id}.") and "Accessed" not in text  # the reader's date: javascripts/cite.js
