"""No tooltip or preview ever renders text from a `title` attribute as markup.

Titles are escaped in the file, but the browser decodes them before any script
reads them: a script that puts one into the page as HTML runs whatever it holds.
Here a glossary term whose name is markup (shown in `<abbr title>` wherever its
abbreviation appears), a Markdown link title in YAML and one in a hand-written page
are hovered and focused in a real browser, and nothing may run or appear.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from explainer.mkdocs.theme_rules import refused_features

from .support import ROOT, make_project, minimal, mkdocs_build

# Each payload sets window.__pwned to its own number if it ever runs.
TERM_NAME = "<img src=x onerror=window.__pwned=1> pwn term"
YAML_LINK_TITLE = "<img src=x onerror=window.__pwned=2>"
DOCS_LINK_TITLE = "<img src=x onerror=window.__pwned=3>"
DOCS_ABBR_TITLE = "<img src=x onerror=window.__pwned=4>"
DOCS_PAGE = f"""\
# Hover here

The [hostile link](https://example.com/docs "{DOCS_LINK_TITLE}") and a mention of PWNX,
then <abbr title="{DOCS_ABBR_TITLE}">DAB</abbr> and PWNX again.
"""
PAGES = ["topics/topic-a/", "glossary/", "hover/"]  # where the hostile titles show


def _content() -> dict:
    content = minimal()
    content["terms"].append(
        {
            "id": "term-x",
            "term": TERM_NAME,
            "abbreviation": "PWNX",
            "definition": "A term named in markup; see TA and PWNX.",
        }
    )
    topic = content["topics"][0]
    topic["answer"] = f'A is [[term:term-a]]. See [the link](https://example.com/yaml "{YAML_LINK_TITLE}").'
    topic["sections"][0]["body"] = "About [[actor:act-a]], PWNX and TA. PWNX again."
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("tooltips")
    project = make_project(base / "project", _content())
    (project / "docs" / "hover.md").write_text(DOCS_PAGE, encoding="utf-8")
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


def test_the_hostile_titles_reach_the_pages(site):
    """So the browser test below hovers what it means to: the decoded title is the payload."""
    topic = (site / "topics" / "topic-a" / "index.html").read_text(encoding="utf-8")
    assert topic.count('<abbr title="&lt;img src=x onerror=window.__pwned=1&gt; pwn term">PWNX</abbr>') == 2
    hover = (site / "hover" / "index.html").read_text(encoding="utf-8")
    assert 'title="&lt;img src=x onerror=window.__pwned=3&gt;"' in hover
    assert '<abbr title="<img src=x onerror=window.__pwned=4>">DAB</abbr>' in hover  # raw HTML, as written


def test_links_from_yaml_carry_no_title(site):
    topic = (site / "topics" / "topic-a" / "index.html").read_text(encoding="utf-8")
    [link] = re.findall(r'<a [^>]*href="https://example.com/yaml"[^>]*>', topic)
    assert "title=" not in link and "__pwned=2" not in topic


def test_the_theme_feature_that_reads_titles_as_markup_stays_off():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    features = re.search(r"^  features:\n((?:    - .*\n)+)", config, re.M)
    assert features, "no theme features in mkdocs.yml"
    assert refused_features(re.findall(r"- (\S+)", features.group(1))) == []
    assert refused_features(["content.action.edit", "content.tooltips"]) == [
        "mkdocs.yml: theme.features: content.tooltips is not allowed: Material builds these tooltips from "
        "title attributes as HTML, and titles carry contributors' text; docs/javascripts/tooltips.js shows "
        "abbreviations' tooltips as text instead"
    ]


def test_the_build_refuses_content_tooltips(tmp_path):
    project = make_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  features:\n", "  features:\n    - content.tooltips\n"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "theme.features: content.tooltips is not allowed" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# Ways to put text into a page as markup. Our scripts build text with textContent only.
# (DOMParser is allowed: previews.js parses a fetched page of the site into an inert document,
# which runs no script and loads nothing, and copies text out of it with textContent.)
HTML_SINKS = re.compile(
    r"\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|createContextualFragment|"
    r"\.srcdoc|setHTML|parseHTML|\$\([^)]*\)\.html\(",
)


def test_no_script_of_ours_writes_html():
    scripts = sorted((ROOT / "docs" / "javascripts").glob("*.js"))
    assert any(s.name == "tooltips.js" for s in scripts)
    inline = [
        (page, block)
        for page in sorted((ROOT / "overrides").rglob("*.html"))
        for block in re.findall(r"<script\b[^>]*>(.*?)</script>", page.read_text(encoding="utf-8"), re.S)
    ]
    found = [f"{s.name}: {m.group(0)}" for s in scripts for m in HTML_SINKS.finditer(s.read_text(encoding="utf-8"))]
    found += [f"{p.name}: {m.group(0)}" for p, block in inline for m in HTML_SINKS.finditer(block)]
    assert not found, found
    assert HTML_SINKS.search("tip.innerHTML = title") and HTML_SINKS.search("el.insertAdjacentHTML('x', t)")


# --- in a browser -------------------------------------------------------------------
@pytest.fixture(scope="module")
def served(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


# What a payload would leave behind: the flag its handler sets, elements with handlers, its image.
AFTERMATH = """() => ({
  pwned: window.__pwned || null,
  handlers: [...document.querySelectorAll('*')]
    .filter(el => [...el.attributes].some(a => /^on/i.test(a.name))).map(el => el.outerHTML.slice(0, 80)),
  images: [...document.querySelectorAll('img')].filter(i => i.getAttribute('src') === 'x').map(i => i.outerHTML),
})"""
# Every element with a hostile title, every abbreviation, and every link holding one (focus shows its tooltip).
HOVER_TARGETS = "[title*=__pwned], abbr, a:has(abbr)"


def _hover_and_focus_everything(page) -> list[str]:
    """Hover, then focus, each target; return the text of every tooltip shown."""
    shown = []
    # Numbered first: a title moves to data-tooltip while its tooltip shows, which would reorder a live query.
    count = page.evaluate(
        f"() => [...document.querySelectorAll({HOVER_TARGETS!r})].map((el, i) => el.dataset.testTarget = i).length"
    )
    assert count >= 2, "nothing to hover"
    for index in range(count):
        target = page.locator(f'[data-test-target="{index}"]')
        if not target.is_visible():
            continue
        target.scroll_into_view_if_needed()
        target.hover()
        page.wait_for_timeout(300)  # longer than any tooltip's delay (Material's is 250 ms)
        shown += page.locator("[role=tooltip]:visible").all_text_contents()
        target.evaluate("el => el.focus()")
        page.wait_for_timeout(300)
        shown += page.locator("[role=tooltip]:visible").all_text_contents()
    return shown


@pytest.mark.parametrize("path", PAGES)
def test_hovering_and_focusing_hostile_titles_runs_nothing(browser, served, path):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(served + path, wait_until="load")
    shown = _hover_and_focus_everything(page)
    aftermath = page.evaluate(AFTERMATH)
    # the abbreviation tooltip holds text only (link previews have their own text-only structure)
    tooltip_children = page.evaluate("() => [...document.querySelectorAll('.site-tooltip *')].length")
    page.close()
    assert aftermath == {"pwned": None, "handlers": [], "images": []}, aftermath
    assert not dialogs and not tooltip_children
    if path != "glossary/":  # the glossary names the term itself, where it needs no tooltip
        assert TERM_NAME in shown, f"the abbreviation's tooltip never showed its title as text: {shown}"


def test_the_docs_abbreviation_shows_its_title_as_text(browser, served):
    page = browser.new_page()
    page.goto(served + "hover/", wait_until="load")
    page.locator("abbr", has_text="DAB").hover()
    tooltip = page.locator(".site-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.text_content() == DOCS_ABBR_TITLE
    assert page.evaluate("() => window.__pwned || null") is None
    page.close()


def test_the_titles_would_run_if_read_as_markup(browser, served):
    """The control: the same titles, put into the page as HTML, do run. So the checks above can fail."""
    page = browser.new_page()
    page.goto(served + "topics/topic-a/", wait_until="load")
    page.evaluate(
        "() => { const d = document.createElement('div');"
        " d.innerHTML = document.querySelector('abbr[title]').title; document.body.append(d); }"
    )
    page.wait_for_function("() => window.__pwned === 1", timeout=10_000)
    assert page.evaluate(AFTERMATH)["images"]
    page.close()
