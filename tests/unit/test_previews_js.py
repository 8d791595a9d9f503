"""The preview script's idea of where items live matches the generator's (explainer/addresses.py)."""

import re

from explainer.resolve import addresses
from unit_support import REPO

SCRIPT = (REPO / "docs" / "javascripts" / "previews.js").read_text(encoding="utf-8")


def script_patterns() -> dict[str, tuple[re.Pattern[str], bool]]:
    found = re.findall(r'\{ kind: "(\w+)", path: /(.+?)/, anchored: (true|false) \}', SCRIPT)
    return {kind: (re.compile(pattern.replace("\\/", "/")), anchored == "true") for kind, pattern, anchored in found}


def test_the_script_previews_terms_events_facts_and_actors():
    assert set(script_patterns()) == {"term", "event", "fact", "actor"}


def test_anchored_kinds_match_their_listing_and_its_parts():
    patterns = script_patterns()
    for kind in ("term", "event", "fact"):
        pattern, anchored = patterns[kind]
        assert not addresses.has_own_pages(kind) and anchored
        assert pattern.match(addresses.listing_url(kind)), kind
        assert pattern.match(addresses.listing_url(kind, "2019")), kind  # a listing split into parts


def test_actor_pages_match_and_the_actor_index_does_not():
    pattern, anchored = script_patterns()["actor"]
    assert addresses.has_own_pages("actor") and not anchored
    assert pattern.match(addresses.item_url("actor", "huawei"))
    assert not pattern.match(addresses.listing_url("actor"))
    assert not pattern.match(addresses.item_url("source", "some-source"))


def test_the_script_never_reads_titles_or_writes_markup():
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", SCRIPT, flags=re.S)  # comments may name what is avoided
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", ".title", "'title'", '"title"'):
        assert forbidden not in code, forbidden
