"""What Zensical is given in place of the plugin: links, titles, config and the theme overrides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from explainer.pages.page import Page
from explainer.static.site import file_relative_links

from tools.engines import MATERIAL_ONLY, REPO, compose_overrides, nav_titles, read_config, zensical_config


@pytest.mark.parametrize(
    ("path", "written", "staged"),
    [
        # an item page: one level shallower as a file (actors/x.md) than as an address (actors/x/)
        ("actors/alibaba.md", '<a href="../../timeline/#h20">', '<a href="../timeline/#h20">'),
        ("actors/alibaba.md", '<a href="../huawei/">', '<a href="huawei/">'),
        ("actors/alibaba.md", '<a href="./">', '<a href="alibaba/">'),
        ("timeline.md", '<a href="2019/">', '<a href="timeline/2019/">'),
        ("timeline.md", '<img src="../figures/chart.svg">', '<img src="figures/chart.svg">'),
        # an index page's file sits where its address is; fragments, absolute and external links stay
        ("topics/index.md", '<a href="../facts/">', '<a href="../facts/">'),
        ("timeline.md", '<a href="#e2019">', '<a href="#e2019">'),
        ("timeline.md", '<a href="https://example.org/a/">', '<a href="https://example.org/a/">'),
        ("timeline.md", '<a href="/feed/">', '<a href="/feed/">'),
    ],
)
def test_generated_links_become_file_relative(path, written, staged):
    assert file_relative_links(written, path) == staged


def test_zensical_gets_the_topics_in_the_navigation_as_the_plugin_gives_mkdocs():
    pages = [Page("topics/index.md", "", "", "Topics", True), Page("topics/chips.md", "", "", "Chips", True)]
    nav = zensical_config(read_config(), pages)["nav"]
    assert {"Topics": ["topics/index.md", "topics/chips.md"]} in nav


def test_nav_titles_name_pages_as_the_navigation_does():
    nav = [{"Home": "index.md"}, {"Part": [{"Topics": "topics/index.md"}]}, "about.md"]
    assert nav_titles(nav) == {"index.md": "Home", "topics/index.md": "Topics"}


def test_zensical_gets_no_plugin_and_the_staged_folder():
    config = zensical_config(read_config())
    assert config["plugins"] == ["search"]
    assert "watch" not in config
    assert (config["docs_dir"], config["site_dir"], config["theme"]["custom_dir"]) == ("docs", "site", "overrides")
    assert config["theme"]["name"] == "material" and config["nav"] == read_config()["nav"]


def test_zensical_overrides_leave_out_materials_copies(tmp_path):
    out = tmp_path / "overrides"
    compose_overrides(REPO, out)
    for name in MATERIAL_ONLY:  # Material's copies go; a file of Zensical's own may take the place
        own_copy = REPO / "overrides-zensical" / name
        assert not (out / name).exists() or (out / name).read_text() == own_copy.read_text(), name
    assert (out / "main.html").read_text() == (REPO / "overrides/main.html").read_text()
    own = REPO / "overrides-zensical/partials/toc.html"
    assert (out / "partials/toc.html").read_text() == own.read_text()
    assert "page.meta.edit_url" in (out / "partials/footer.html").read_text()  # generated pages edit their YAML
    assert (out / "partials/search.html").read_text() == (REPO / "overrides-zensical/partials/search.html").read_text()
    assert not list(out.rglob("*.md"))


# MiniJinja has no Python string methods: `base_url.rstrip('/')` stops Zensical's build.
STRING_METHOD_RE = re.compile(
    r"\.(?:r?strip|lstrip|split|rsplit|startswith|endswith|replace|format|join|upper|lower|capitalize)\("
)


def _templates_zensical_renders() -> list[Path]:
    shared = [
        p
        for p in (REPO / "overrides").rglob("*.html")
        if p.relative_to(REPO / "overrides").as_posix() not in MATERIAL_ONLY
    ]
    return sorted(shared + list((REPO / "overrides-zensical").rglob("*.html")))


@pytest.mark.parametrize("template", _templates_zensical_renders(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_templates_zensical_renders_call_no_string_methods(template):
    code = " ".join(re.findall(r"{[{%].*?[}%]}", template.read_text(), re.S))
    assert not STRING_METHOD_RE.search(code), f"{template}: a Python string method; use a filter or a slice"
