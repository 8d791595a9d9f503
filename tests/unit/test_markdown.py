import random

import pytest
from explainer import markdown as markdown_module
from explainer.graph import SiteGraph
from explainer.loader import load_content
from explainer.markdown import Renderer, md_escape, relative_url
from explainer.refs import markdown_texts
from explainer.simple_markdown import simple_html
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


# Prose, `**strong**` and links skip markdown-it (explainer.simple_markdown): whatever skips it must
# come out exactly as markdown-it renders it, as a block and inline. Random texts are made of those
# pieces, of pieces that look like them but are not, and of other Markdown.
_PLAIN_PIECES = [
    "chip", "Huawei", "Ascend", "SMIC", "芯片", "Ünïcode", "Ωmega", "x", "7nm", "2019", "1.", "2)", "10",
    " ", " ", "  ", ",", ".", ";", ":", "'", '"', "(", ")", "/", "%", "?", "$", "@", "+", "=", "’", "“", "—", "–", "-",
]  # fmt: skip
_LINK_LABELS = ["SMIC", "Huawei Technologies Co\\. Ltd\\.", "AT&amp;T", "a \\*b\\* c", "x\\_y", "&lt;b&gt;", "\\[1\\]", "芯片", " x ", "\\\\", "a\\#1", "\\!"]  # fmt: skip
_LINK_URLS = ["../../glossary/#smic", "actors/huawei/", "#x", "https://example.org/r/1", "https://example.org", "./", "javascript:x", "//evil.example/", "a:b", "x", ""]  # fmt: skip
_STRONG_INNER = ["tools", "7nm", "two words", "a", "x.", " x", "x ", "*x*", "芯片"]  # fmt: skip
_OTHER_PIECES = [
    "*", "**", "***", "_", "`", "[", "]", "<", ">", "&", "&amp;", "!", "~", "~~", "|", "#", "\\", "\n", "\t",
    "\u00a0", "\u2028", "\u3000", "\x0b", "\x00", "http://example.org", "[[term:smic]]", "-", "+", "1.", "[x]", "](",
]  # fmt: skip


def _random_piece(rng: random.Random, odd: float) -> str:
    roll = rng.random()
    if roll < odd:
        return rng.choice(_OTHER_PIECES)
    if roll < odd + 0.08:
        return f"[{rng.choice(_LINK_LABELS)}]({rng.choice(_LINK_URLS)})"
    if roll < odd + 0.14:
        strong = f"**{rng.choice(_STRONG_INNER)}**"
        return f" {strong} " if rng.random() < 0.7 else strong  # mostly a word of its own, as written
    return rng.choice(_PLAIN_PIECES)


def _random_text(rng: random.Random) -> str:
    """Mostly prose, links and strong words, with now and then other Markdown or an odd space."""
    odd = rng.choice([0.0, 0.05, 0.3])
    first = rng.choice(["Chips ", "SMIC", ""])  # mostly a word first, as sentences start
    return first + "".join(_random_piece(rng, odd) for _ in range(rng.randint(1, 12)))


def _markdown_it(text: str, *, inline: bool) -> str:
    renderer = markdown_module._RENDERER
    return str(renderer.renderInline(text) if inline else renderer.render(text)).strip()


def _renders_as_markdown_it(text: str) -> bool:
    """Whether `text` skips markdown-it; either way, both renderings equal markdown-it's."""
    markdown_module._render_block.cache_clear()
    markdown_module._render_inline.cache_clear()
    assert markdown_module._render_block(text) == _markdown_it(text, inline=False), repr(text)
    assert markdown_module._render_inline(text) == _markdown_it(text, inline=True), repr(text)
    return simple_html(text, markdown_module._link_allowed) is not None


def test_simple_markdown_renders_as_markdown_it_would_on_random_text():
    rng = random.Random(20261130)
    texts = [_random_text(rng) for _ in range(6000)]
    taken = [text for text in texts if _renders_as_markdown_it(text)]
    assert 1000 < len(taken) < 5000  # both ways are exercised
    assert sum("<a " in markdown_module._render_block(t) for t in taken) > 300
    assert sum("<strong>" in markdown_module._render_block(t) for t in taken) > 150


@pytest.mark.parametrize(
    "text, simple",
    [
        ("Chips made in China.", True),
        ('He said "no" (twice): 5% off/on + 3 = 8?', True),
        ("芯片 and 7nm nodes", True),
        ("a **bold** word, and [SMIC](../../glossary/#smic) (see [AT&amp;T](https://example.org/r)).", True),
        ("[Huawei Co\\. Ltd\\.](actors/huawei/) said so", True),
        ("2019 rules", False),  # a digit first could open an ordered list
        ("Ends with a space ", False),
        ("- a list", False),
        ("a**bold**word", True),
        ("**a****b**", False),  # one run of four stars between them, which pairs otherwise
        ("a [link](javascript:alert(1))", False),
        ("a line\nand another", False),
        ("snake_case", False),
        ("AT&T", False),
    ],
)
def test_which_texts_skip_markdown_it(text, simple):
    assert _renders_as_markdown_it(text) is simple


@pytest.mark.parametrize("content", [SAMPLE, REPO / "content"], ids=["sample", "real"])
def test_simple_markdown_renders_as_markdown_it_would_on_content(content):
    """Every Markdown text of the content, its references made links as a page would make them."""
    loaded, _ = load_content(content)
    graph = SiteGraph.build(loaded)
    renderer = Renderer(lambda kind, ident: (graph.url(kind, ident), graph.label(kind, ident)), "topics/x/")
    texts = [
        renderer._substitute_refs(text)
        for record in loaded.all()
        for _, text in markdown_texts(record.kind, record.item)
    ]
    taken = [text for text in texts if _renders_as_markdown_it(text)]
    assert texts and taken and any("](" in text for text in taken)
