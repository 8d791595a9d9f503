import random
from types import SimpleNamespace as Term

from explainer.text.glossary import _WORD_RE, MAX_NAME_WORDS, GlossaryIndex, link_terms, name_words

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


# GlossaryIndex.find against the plainest reading of its rule: at each word, the longest name whose
# words follow one another separated by a single space (or no-break space) only; then on after it.
def reference_find(terms: list[Term], text: str) -> list[tuple[int, int, str]]:
    words = list(_WORD_RE.finditer(text))
    names = {  # the first term to claim a name keeps it
        tuple(name_words(name)): term.id
        for term in reversed(terms)
        for name in [term.term, *term.aliases, *([term.abbreviation] if term.abbreviation else [])]
    }
    found, i = [], 0
    while i < len(words):
        longest = None
        for j in range(i, min(len(words), i + MAX_NAME_WORDS)):
            if j > i and text[words[j - 1].end() : words[j].start()] not in (" ", "\u00a0"):
                break
            key = tuple(w.group(0) for w in words[i : j + 1])
            if key in names:
                longest = j, names[key]
        if longest:
            found.append((words[i].start(), words[longest[0]].end(), longest[1]))
            i = longest[0]
        i += 1
    return found


_VOCABULARY = ["chip", "Chip", "K", "visa", "U.S", "7-nm", "node", "Ascend", "910B", "a", "芯片", "don’t"]
_GAPS = [" ", " ", " ", "\u00a0", "  ", "-", ".", "'", "’", ", ", "\n", "&", "&#", "<", "/", ""]


def _random_terms(rng: random.Random) -> list[Term]:
    def name() -> str:
        return " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(1, 3)))

    return [
        Term(
            id=f"t{n}",
            term=name(),
            aliases=[name() for _ in range(rng.randint(0, 2))],
            abbreviation=rng.choice([None, "ABC", name()]),
        )
        for n in range(rng.randint(1, 12))
    ]


def test_find_agrees_with_the_plainest_reading_of_its_rule_on_random_text():
    rng = random.Random(20261130)
    found = 0
    for _ in range(300):
        terms = _random_terms(rng)
        index = GlossaryIndex(terms)
        for _ in range(10):
            text = "".join(rng.choice(_VOCABULARY) + rng.choice(_GAPS) for _ in range(rng.randint(0, 15)))
            got = [(start, end, entry.term_id) for start, end, entry in index.find(text)]
            assert got == reference_find(terms, text), (text, terms)
            assert got == [(s, e, t.term_id) for s, e, t in index.find(text)]  # and again, from its memory
            found += len(got)
    assert found > 1000
