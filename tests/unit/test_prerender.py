"""explainer.prerender against MkDocs itself: for every page it takes on, the HTML, table of
contents, anchors and title MkDocs' Page.render (Python-Markdown) gives; None for anything else."""

from __future__ import annotations

import random
from pathlib import Path

import markdown as python_markdown
import pytest
from explainer.build.pipeline import build_site
from explainer.mkdocs.prerender import PageHtml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from unit_support import REPO, SAMPLE, TODAY

PERMALINK = "markdown_extensions:\n  - toc:\n      permalink: true\n  - admonition\n  - tables\n"


def mkdocs_config(tmp_path: Path, extensions: str = PERMALINK) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Test\n{extensions}", encoding="utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


def mkdocs_render(config: MkDocsConfig, markdown: str, name: str = "page.md") -> Page:
    """The page as MkDocs renders it, front matter and all."""
    path = Path(config.docs_dir) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
    file = File(name, config.docs_dir, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    return page


def assert_as_mkdocs_renders(config: MkDocsConfig, markdown: str, name: str = "page.md") -> bool:
    """True when prerender took the page on (and then it must match MkDocs in every part)."""
    page = mkdocs_render(config, markdown, name)
    assert page.markdown is not None
    done = PageHtml(config.markdown_extensions, config.mdx_configs).render(page.markdown)
    if done is None:
        return False
    assert done.html == page.content
    assert [str(entry) for entry in get_toc(done.toc_tokens)] == [str(entry) for entry in page.toc]
    assert done.toc_tokens == get_mkdocs_tokens(config, page.markdown)
    assert done.anchor_ids == page.present_anchor_ids
    assert done.title == page._title_from_render
    return True


def get_mkdocs_tokens(config: MkDocsConfig, markdown: str) -> list:
    md = python_markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    md.convert(markdown)
    return md.toc_tokens  # type: ignore[attr-defined]


@pytest.mark.parametrize("content, today", [(SAMPLE, TODAY), (REPO / "content", None)], ids=["sample", "real"])
def test_every_generated_page_is_prerendered_exactly_as_mkdocs_renders_it(tmp_path: Path, content: Path, today) -> None:
    config = mkdocs_config(tmp_path)
    pages = build_site(content, today).pages
    assert len(pages) > 10
    taken = [page.path for page in pages if assert_as_mkdocs_renders(config, page.markdown, page.path)]
    # every generated page skips Python-Markdown: that is the build's speed
    assert taken == [page.path for page in pages]


GOOD_HEADINGS = [
    "Plain words",
    "U\\.S\\. export controls",
    "What \\[News\\] says",
    "Huawei's 7-nm chip (2023)",
    "a \\< b",
    "AT\\&T",
    "\\*not stress\\*",
    "\\#1",
    "华为 Ascend",
    "“Quoted” — dash",
    "Same",
    "!important",
    "100% sure: yes",
]
OTHER_HEADINGS = [
    "a < b",
    "AT&T",
    "*stress*",
    "snake_case",
    "`code`",
    "[link](https://example.org)",
    "ends with hash #",
    "{#custom-id}",
    "tab\tinside",
    "trailing backslash \\",
    "\\q is not an escape",
    "<b>bold</b>",
    "&amp; entity",
]
GOOD_BLOCKS = [
    '<div class="x">\n<p>text</p>\n</div>',
    '<p class="a">one</p>\n<p class="b">two</p>',
    "<div>\n<div>\n<p>nested</p>\n</div>\n</div>",
    '<ol class="timeline">\n<li>\n<h3 id="e1">Event</h3>\n\n<p>after a blank line</p>\n</li>\n</ol>',
    '<div id="with-id" class="y">x</div>',
    '<details class="d"><summary>S</summary>\n<p>x</p>\n</details>',
    '<table><tr><td data-id="not-an-id">c</td></tr></table>',
    '<p>a <a name="old-anchor">named</a> link</p>',
    '<svg id="chart"><g id="g1"></g></svg>',
]
OTHER_BLOCKS = [
    '<span class="inline">an inline tag opens it</span>',
    "<div>closed</div> then text",
    "<div>closed</div>\n*Markdown after*",
    "<div>\n  \n</div>",
    "<!-- a comment -->",
    "Just a paragraph with *emphasis*.",
    "<div>never closed",
    "</div>",
    "  <div>indented</div>",
    "- a list item",
    '<pre><code class="x">\n\ncode with a blank line\n</code></pre>',
]


def random_page(rng: random.Random) -> str:
    """Mostly pieces prerender takes on, now and then one it must leave to MkDocs."""
    parts = []
    for _ in range(rng.randint(1, 5)):
        good = rng.random() < 0.9
        if rng.random() < 0.5:
            hashes = "#" * rng.randint(1, 6) if good else "#" * rng.randint(1, 7)
            space = " " if good else rng.choice([" ", "", "  "])
            parts.append(hashes + space + rng.choice(GOOD_HEADINGS if good else OTHER_HEADINGS))
        else:
            parts.append(rng.choice(GOOD_BLOCKS if good else OTHER_BLOCKS))
    separators = ["\n\n", "\n\n\n", "\n", "\n  \n"]
    text = parts[0]
    for part in parts[1:]:
        text += rng.choices(separators, weights=[20, 1, 1, 1])[0] + part
    return text + rng.choice(["\n", "", "\n\n"])


def test_whatever_prerender_takes_on_it_renders_as_mkdocs_does(tmp_path: Path) -> None:
    config = mkdocs_config(tmp_path)
    rng = random.Random(20261130)
    taken = sum(assert_as_mkdocs_renders(config, random_page(rng)) for _ in range(400))
    assert 100 < taken < 300  # both paths are exercised: about half the pages are taken on


@pytest.mark.parametrize(
    "markdown",
    [
        "# Title\n\nA paragraph of Markdown.",
        "## *Emphasis* in a heading",
        '<span class="x">inline first</span>',
        "<div>closed</div> and text after",
        "<div>closed</div>\n*Markdown after*",
        "<div>\n  \n</div>",
        "## Heading\n<div>no blank line between</div>",
        "<div>never closed",
        "####### seven hashes",
    ],
)
def test_anything_but_headings_and_whole_html_blocks_is_left_to_mkdocs(markdown: str) -> None:
    assert PageHtml(["toc", "tables"], {"toc": {"permalink": True}}).render(markdown) is None


@pytest.mark.parametrize(
    "extensions, configs",
    [
        (["toc", "tables", "pymdownx.smartsymbols"], {}),  # might rewrite heading text
        (["toc", "md_in_html"], {}),  # Markdown inside HTML blocks
        (["toc"], {"toc": {"permalink": True, "slugify": str.lower}}),  # anchors made another way
        (["toc"], {"toc": {"permalink": "#"}}),  # another permalink text
    ],
)
def test_a_configuration_it_cannot_reproduce_turns_it_off(extensions: list, configs: dict) -> None:
    page_html = PageHtml(extensions, configs)
    assert not page_html.enabled
    assert page_html.render("## Plain heading\n\n<div>x</div>") is None


def test_without_permalinks_headings_have_no_anchor_link(tmp_path: Path) -> None:
    config = mkdocs_config(tmp_path, "markdown_extensions:\n  - toc\n")
    assert assert_as_mkdocs_renders(config, "# Title\n\n## Part\n\n<div>x</div>\n")
