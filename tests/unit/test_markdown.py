import random

import pytest
from explainer import markdown as markdown_module
from explainer.loader import load_content
from explainer.markdown import Renderer, md_escape, relative_url
from explainer.refs import markdown_texts
from unit_support import REPO, SAMPLE

LABELS = {("term", "smic"): ("glossary/#smic", "SMIC"), ("actor", "huawei"): ("actors/huawei/", "Huawei")}


def render(text: str, page: str = "topics/x/") -> str:
    return Renderer(lambda kind, ident: LABELS[(kind, ident)], page).block(text)


@pytest.mark.parametrize(
    "page, target, expected",
    [
        ("topics/x/", "glossary/#smic", "../../glossary/#smic"),
        ("", "actors/huawei/", "actors/huawei/"),
        ("glossary/", "glossary/#smic", "#smic"),
        ("actors/huawei/", "actors/huawei/", "./"),
        ("timeline/", "", "../"),
    ],
)
def test_relative_urls(page, target, expected):
    assert relative_url(page, target) == expected


def test_references_become_links_relative_to_the_page():
    html = render("Made by [[term:smic]] for [[actor:huawei|the firm]].")
    assert (
        html
        == '<p>Made by <a href="../../glossary/#smic">SMIC</a> for <a href="../../actors/huawei/">the firm</a>.</p>'
    )


def test_raw_html_is_escaped_not_rendered():
    html = render("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "text", ["[x](javascript:alert(1))", "[x](data:text/html,hi)", "<javascript:alert(1)>", "[x](//evil.example/)"]
)
def test_unsafe_links_are_not_rendered(text):
    assert "href" not in render(text)


def test_images_are_not_rendered():
    assert "<img" not in render("![x](https://example.org/a.png)")


def test_http_and_site_links_are_kept():
    assert 'href="https://example.org/"' in render("[x](https://example.org/)")
    assert 'href="../timeline/"' in render("[x](../timeline/)")


def test_md_escape_neutralises_markdown_and_html():
    escaped = md_escape("[x](javascript:y) {: onclick=z} <b> & *")
    assert "<" not in escaped and "[" not in escaped.replace("\\[", "")
    assert escaped == "\\[x\\]\\(javascript:y\\) \\{: onclick=z\\} &lt;b&gt; &amp; \\*"


# Plain prose skips markdown-it (explainer.markdown._is_plain): whatever skips it must come out
# exactly as markdown-it would render it, as a block and inline.
_PLAIN_PIECES = [
    "chip", "Huawei", "Ascend", "SMIC", "芯片", "Ünïcode", "Ωmega", "x", "7nm", "2019", "1.", "2)", "10",
    " ", " ", "  ", ",", ".", ";", ":", "'", '"', "(", ")", "/", "%", "?", "$", "@", "+", "=", "’", "“", "—", "–", "-",
]  # fmt: skip
_OTHER_PIECES = [
    "*", "**", "_", "`", "[", "]", "<", ">", "&", "&amp;", "!", "~", "~~", "|", "#", "\\", "\n", "\t",
    "\u00a0", "\u2028", "\u3000", "\x0b", "\x00", "http://example.org", "[[term:smic]]", "-", "+", "1.",
]  # fmt: skip


def _random_text(rng: random.Random) -> str:
    """Mostly prose, with now and then a piece of Markdown syntax or an odd space."""
    odd = rng.choice([0.0, 0.05, 0.3])
    pieces = [rng.choice(_OTHER_PIECES if rng.random() < odd else _PLAIN_PIECES) for _ in range(rng.randint(1, 12))]
    return "".join(pieces)


def _markdown_it(text: str, *, inline: bool) -> str:
    renderer = markdown_module._RENDERER
    return str(renderer.renderInline(text) if inline else renderer.render(text)).strip()


def _renders_as_markdown_it(text: str) -> bool:
    """Whether `text` takes the plain path; either way, both renderings equal markdown-it's."""
    markdown_module._render_block.cache_clear()
    markdown_module._render_inline.cache_clear()
    assert markdown_module._render_block(text) == _markdown_it(text, inline=False), repr(text)
    assert markdown_module._render_inline(text) == _markdown_it(text, inline=True), repr(text)
    return markdown_module._is_plain(text)


def test_plain_text_renders_as_markdown_it_would_on_random_text():
    rng = random.Random(20261130)
    taken = sum(_renders_as_markdown_it(_random_text(rng)) for _ in range(4000))
    assert 400 < taken < 3600  # both paths are exercised


@pytest.mark.parametrize(
    "text, plain",
    [
        ("Chips made in China.", True),
        ('He said "no" (twice): 5% off/on + 3 = 8?', True),
        ("芯片 and 7nm nodes", True),
        ("2019 rules", False),  # a digit first could open an ordered list
        ("Ends with a space ", False),
        ("- a list", False),
        ("a **bold** word", False),
        ("a line\nand another", False),
        ("snake_case", False),
        ("AT&T", False),
    ],
)
def test_which_texts_skip_markdown_it(text, plain):
    assert _renders_as_markdown_it(text) is plain


@pytest.mark.parametrize("content", [SAMPLE, REPO / "content"], ids=["sample", "real"])
def test_plain_text_renders_as_markdown_it_would_on_content(content):
    loaded, _ = load_content(content)
    texts = [text for record in loaded.all() for _, text in markdown_texts(record.kind, record.item)]
    taken = sum(_renders_as_markdown_it(text) for text in texts)
    assert texts and taken > 0
