from types import SimpleNamespace as Term

from explainer.glossary import GlossaryIndex, link_terms

TERMS = [
    Term(id="smic", term="Semiconductor Manufacturing International Corporation", abbreviation="SMIC", aliases=[]),
    Term(id="k-visa", term="K visa", abbreviation=None, aliases=["K-visa"]),
    Term(id="entity-list", term="Entity List", abbreviation=None, aliases=[]),
]
INDEX = GlossaryIndex(TERMS)


def link(html: str, **kw) -> str:
    return link_terms(html, INDEX, lambda term_id: f"/glossary/#{term_id}", **kw)


def test_first_mention_links_and_later_mentions_do_not():
    html = link("<p>The K visa is new. The K visa helps.</p>")
    assert html == '<p>The <a class="glossary-link" href="/glossary/#k-visa">K visa</a> is new. The K visa helps.</p>'


def test_abbreviations_always_get_a_tooltip():
    html = link("<p>SMIC grew. SMIC again.</p>")
    abbr = '<abbr title="Semiconductor Manufacturing International Corporation">SMIC</abbr>'
    assert html == f'<p><a class="glossary-link" href="/glossary/#smic">{abbr}</a> grew. {abbr} again.</p>'


def test_never_inside_headings_links_or_code():
    source = '<h2 id="x">K visa</h2><p><a href="/y">Entity List</a> <code>SMIC</code></p><pre>K visa</pre>'
    assert link(source) == source


def test_text_after_a_skipped_element_is_linked():
    html = link("<h2>Entity List</h2><p>On the Entity List.</p>")
    assert (
        html
        == '<h2>Entity List</h2><p>On the <a class="glossary-link" href="/glossary/#entity-list">Entity List</a>.</p>'
    )


def test_longest_name_wins_and_words_must_be_whole():
    assert "glossary-link" not in link("<p>The Entity Lists and XSMIC.</p>")
    assert link("<p>Entity, List</p>") == "<p>Entity, List</p>"


def test_linking_can_be_turned_off_for_the_glossary_page_itself():
    assert (
        link("<p>K visa and SMIC</p>", link=False)
        == '<p>K visa and <abbr title="Semiconductor Manufacturing International Corporation">SMIC</abbr></p>'
    )


def test_terms_in_finds_every_term_mentioned():
    assert INDEX.terms_in("SMIC and the K-visa, not Entity") == {"smic", "k-visa"}
