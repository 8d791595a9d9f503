import pytest
from explainer.text.markdown import Renderer, md_escape, relative_url

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
