"""Glossary linking rewrites rendered HTML: it must never split an entity or write into a tag."""

from types import SimpleNamespace

from explainer.text.glossary import GlossaryIndex, link_terms

from .support import html_leaks


def _index(*terms):
    return GlossaryIndex([SimpleNamespace(id=i, term=t, abbreviation=a, aliases=list(al)) for i, t, a, al in terms])


INDEX = _index(
    ("lt", "Lithium", "lt", ()),
    ("amp", "Amplifier", "amp", ("quot",)),
    ("zh", "Chinese", None, ("zh-Hans", "glossary-link", "external", "noopener", "title")),
)


def link(html: str) -> str:
    return link_terms(html, INDEX, lambda term_id: f"../glossary/#{term_id}")


def test_entities_are_not_split():
    out = link("<p>&lt;script&gt; &amp; &quot;x&quot; &#60;</p>")
    assert "&lt;script&gt; &amp; &quot;x&quot; &#60;" in out, out


def test_names_inside_tags_and_attributes_are_left_alone():
    html = (
        '<p class="external" title="zh-Hans Lithium"><span class="zh" lang="zh-Hans">中</span> '
        '<a class="external" href="https://example.com/" rel="noopener">noopener</a></p>'
    )
    out = link(html)
    assert '<p class="external" title="zh-Hans Lithium">' in out and 'lang="zh-Hans"' in out, out
    assert 'rel="noopener">noopener</a>' in out, out  # inside a link: not linked again


def test_words_in_text_are_still_linked():
    out = link("<p>Lithium and lt</p>")
    assert 'href="../glossary/#lt"' in out and '<abbr title="Lithium">lt</abbr>' in out, out


def test_linked_html_has_no_live_markup_from_names():
    hostile = _index(("x", "pwn", "pwn", ('" onmouseover="alert(pwn)',)))
    out = link_terms('<p title="pwn">pwn " onmouseover="alert(pwn)</p>', hostile, lambda t: "#x")
    assert not html_leaks(out, "glossary"), out
