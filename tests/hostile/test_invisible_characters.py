"""Invisible characters, noncharacters and padded addresses: refused with a clear message.
Front matter reads back exactly whatever a title holds, so a page never loses it."""

from __future__ import annotations

import sys
import time
import unicodedata

import pytest
from explainer.pages.render import _front_matter, theme_description, theme_title, yaml_string
from explainer.text.invisible import find_invisible, is_noncharacter
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from .support import assert_clean_error, assert_ok, dump, line_of, make_project, minimal, mkdocs_build, run_check
from .support import write_content as write

REASON = "an invisible character that can disguise text; remove it"
NOT_TEXT = "which is not text; remove it"
# (the title as written in events.yml, what `check` must print)
REFUSED = {
    "zero-width space": ("abc\u200bdef", f"U+200B (ZERO WIDTH SPACE), {REASON}"),
    "zero-width non-joiner": ("abc\u200cdef", f"U+200C (ZERO WIDTH NON-JOINER), {REASON}"),
    "zero-width joiner": ("abc\u200ddef", f"U+200D (ZERO WIDTH JOINER), {REASON}"),
    "word joiner": ("abc\u2060def", f"U+2060 (WORD JOINER), {REASON}"),
    "byte-order mark inside text": ("abc\ufeffdef", f"U+FEFF (ZERO WIDTH NO-BREAK SPACE), {REASON}"),
    "soft hyphen": ("abc\u00addef", f"U+00AD (SOFT HYPHEN), {REASON}"),
    "tag characters": ("hi\U000e0049\U000e0047\U000e004e", f"U+E0049 (TAG LATIN CAPITAL LETTER I), {REASON}"),
    "cancel tag": ("flag\U000e007f", f"U+E007F (CANCEL TAG), {REASON}"),
    "line separator": ('"abc\\u2028def"', f"U+2028 (LINE SEPARATOR), {REASON}"),
    "hangul filler": ("abc\u3164def", f"U+3164 (HANGUL FILLER), {REASON}"),
    "variation selector alone": ("abc \ufe0f def", f"U+FE0F (VARIATION SELECTOR-16), {REASON}"),
    "variation selectors in a run": ("a\ufe0e\ufe0f", f"U+FE0F (VARIATION SELECTOR-16), {REASON}"),
    "variation selector 17+": ("a\U000e0100", f"U+E0100 (VARIATION SELECTOR-17), {REASON}"),
    "U+FFFE, escaped": ('"abc\\uFFFEdef"', f"U+FFFE (a noncharacter), {NOT_TEXT}"),
    "U+FFFF, escaped": ('"abc\\uFFFF"', f"U+FFFF (a noncharacter), {NOT_TEXT}"),
    "U+FDD0": ("abc\ufdd0def", f"U+FDD0 (a noncharacter), {NOT_TEXT}"),
    "U+1FFFE": ("abc\U0001fffe", f"U+1FFFE (a noncharacter), {NOT_TEXT}"),
    "U+10FFFF, escaped": ('"abc\\U0010FFFF"', f"U+10FFFF (a noncharacter), {NOT_TEXT}"),
    "lone surrogate, escaped": (
        '"abc\\uD800"',
        "U+D800, half of a pair, not a character",
    ),  # refused first as an escape
}


@pytest.mark.parametrize("case", list(REFUSED), ids=str)
def test_invisible_characters_and_noncharacters_are_refused(tmp_path, case):
    written, message = REFUSED[case]
    folder = write(tmp_path / "content", raw={"events.yml": f"- id: ev-a\n  title: {written}\n"})
    assert_clean_error(run_check(folder), f"content/events.yml:2:10: events[0].title: text holds {message}")


@pytest.mark.parametrize(
    "text",
    ["中芯国际 (SMIC)", "Zhōngguó", "العربية", "I ❤\ufe0f chips", "7\u00a0nm", "a\tb", "Ω≈ç√∫ — “quotes”"],
)
def test_visible_text_in_any_script_is_accepted(tmp_path, text):
    content = minimal()
    content["events"][0]["title"] = text
    assert_ok(run_check(write(tmp_path / "content", content)))


def test_every_format_character_and_noncharacter_is_refused():
    """The refused set covers Unicode's format characters (Cf) and every noncharacter, as this Python knows them."""
    missed = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        refused = unicodedata.category(char) == "Cf" or is_noncharacter(char)
        if refused and not find_invisible("a" + char):
            missed.append(f"U+{code:04X}")
    assert not missed, missed[:20]


def test_the_issue_case_an_actor_name_with_u_fffe_builds_nothing(tmp_path):
    """U+FFFE in a one-line field once broke the page's front matter, and the name went live as Markdown."""
    content = minimal()
    content["actors"][0]["name"] = "Actor \ufffe [x](javascript:alert(1)) ![i](https://evil.example/i.png)"
    text = dump(content["actors"])
    assert "\\uFFFE" in text  # PyYAML writes it as an escape: the only way it can be in a YAML file
    folder = write(tmp_path / "project" / "content", content)
    line = line_of(text, "javascript:")
    assert_clean_error(
        run_check(folder), f"content/actors.yml:{line}:9: actors[0].name: text holds U+FFFE (a noncharacter)"
    )
    project = make_project(tmp_path / "built", content)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "U+FFFE (a noncharacter)" in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "site" / "actors").exists()


# --- addresses -------------------------------------------------------------------------
PADDED_MESSAGE = "starts or ends with a space or line break; write the address alone"
PADDED = {
    "trailing newline, escaped": ('"https://example.com/a\\n"', f"'https://example.com/a\\n' {PADDED_MESSAGE}"),
    "trailing newline, block scalar": (
        "|\n    https://example.com/a\n",
        f"'https://example.com/a\\n' {PADDED_MESSAGE}",
    ),
    "leading space": ('" https://example.com/a"', f"' https://example.com/a' {PADDED_MESSAGE}"),
    "trailing tab": ('"https://example.com/a\\t"', f"'https://example.com/a\\t' {PADDED_MESSAGE}"),
    "inner newline": (
        '"https://example.com/a\\nhttps://evil.example/"',
        "'https://example.com/a\\nhttps://evil.example/' is not an http(s) address",
    ),
}


@pytest.mark.parametrize("case", list(PADDED), ids=str)
@pytest.mark.parametrize("plural,field", [("sources", "url"), ("sources", "copy_url"), ("actors", "url")])
def test_addresses_with_spaces_or_line_breaks_are_refused(tmp_path, case, plural, field):
    written, expected = PADDED[case]
    content = minimal()
    content[plural][0][field] = "PLACEHOLDER"
    text = dump(content[plural]).replace("PLACEHOLDER", written)
    folder = write(tmp_path / "content", content, raw={f"{plural}.yml": text})
    line = line_of(text, f"{field}: ")
    column = text.splitlines()[line - 1].index(f"{field}: ") + len(field) + 3
    assert_clean_error(run_check(folder), f"content/{plural}.yml:{line}:{column}: {plural}[0].{field}: {expected}")


# --- front matter ----------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(title=st.text(min_size=1, max_size=60), description=st.text(max_size=60))
@example(title="Actor \ufffe [x](javascript:alert(1))", description="\U0010ffff \x85 \u2028 \u2029 \x9f \ufdd0")
@example(title='---\ntitle: "x"\n...', description="key: value\n- list")
def test_front_matter_reads_back_exactly(title, description):
    body, meta = get_data(_front_matter(title, description) + "Body\n")
    assert meta == {"title": theme_title(title), "description": theme_description(description)}
    assert body == "Body\n"


def test_lone_surrogates_become_replacement_characters_in_front_matter():
    """No YAML and no UTF-8 can hold them; the loader refuses them first anyway."""
    _, meta = get_data(_front_matter("a\ud800b", "c"))
    assert meta["title"] == "a\ufffdb"
    assert yaml_string("\ud800") == '"\ufffd"'


@pytest.mark.parametrize(
    "unit",
    ["a\ufe0f", "\U0001f600\ufe0f", "  \t", "中文", "x" * 7 + "\U00010000"],
    ids=["emoji", "astral", "space", "cjk", "mixed"],
)
def test_the_scan_grows_linearly(unit):
    """Four times the text costs about four times as much, never sixteen (a ratio within one run)."""

    def cost(size: int) -> float:
        text = unit * (size // len(unit))
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            assert find_invisible(text) is None
            runs.append(time.perf_counter() - start)
        return min(runs)

    small, large = cost(256 * 1024), cost(1024 * 1024)
    assert large / small < 10, f"{large / small:.1f}x for 4x the text"
