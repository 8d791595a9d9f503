"""Markup injection in every text field of every kind: rejected at validation, or rendered inert."""

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

from .payloads import INERT_PAYLOADS, hostile_content
from .support import (
    PLURAL_TO_KIND,
    assert_clean_error,
    dump,
    feed_leaks,
    html_leaks,
    line_of,
    make_project,
    minimal,
    mkdocs_build,
    run_check,
    site_leaks,
    write_content,
)
from .test_schema_rules import KIND_TO_PLURAL, _markdown_positions, _set_markdown


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """One build of every payload in every field, shared by the tests below."""
    base = tmp_path_factory.mktemp("hostile-site")
    project = make_project(base / "project", hostile_content())
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


def test_hostile_content_passes_check(tmp_path):
    """These payloads are legal text: the contract is that they render inert."""
    folder = write_content(tmp_path / "content", hostile_content())
    result = run_check(folder)
    assert result.returncode == 0, result.stderr


def test_no_payload_is_live_anywhere_in_the_built_site(hostile_site):
    leaks = site_leaks(hostile_site)
    assert not leaks, "\n".join(leaks[:40])


@pytest.mark.parametrize("name", list(INERT_PAYLOADS), ids=str)
def test_each_payload_is_shown_as_text_on_its_pages(hostile_site, name):
    """The payload reached the pages (so the scan above means something), escaped."""
    n = list(INERT_PAYLOADS).index(name) + 1
    marker = re.search(r"pwn\d+", INERT_PAYLOADS[name]).group(0)
    for page in (f"topics/topic-p{n}", f"actors/act-p{n}", f"sources/src-p{n}"):
        html = (hostile_site / page / "index.html").read_text(encoding="utf-8")
        assert marker in html, f"{marker} missing from {page}"


def test_titles_and_descriptions_cannot_break_out(hostile_site):
    """Material prints titles through striptags (which unescapes) and descriptions raw in an attribute."""
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title and "<" not in title.group(1), f"{page}: {title.group(1)[:80] if title else 'no title'}"
        for meta in re.findall(r'<meta name="description" content="([^"]*)"', html):
            assert "<" not in meta and ">" not in meta, f"{page}: {meta[:80]}"


def test_the_scanner_finds_live_payloads():
    """The leak scan must be able to fail."""
    assert html_leaks('<p><img src=x onerror=alert("pwn")></p>', "t")
    assert html_leaks('<script>alert("pwn")</script>', "t")
    assert html_leaks('<a href=" JaVa\tScript:alert(1)">x</a>', "t")
    assert html_leaks('<div title="x" onmouseover="alert(\'pwn\')">', "t")
    assert html_leaks('<script type="application/ld+json">{"name": "</script><script>alert(\'pwn\')"}</script>', "t")
    assert html_leaks("<p>1787569</p>", "t")
    assert feed_leaks(
        '<feed><entry><content type="html">&lt;img src=x onerror=alert("pwn")&gt;</content></entry></feed>', "t"
    )
    assert not html_leaks("<p>&lt;script&gt;alert(&quot;pwn&quot;)&lt;/script&gt;</p>", "t")


# --- rejected at validation: links that leave the web or the site ------------------
REJECTED_LINKS = {
    "javascript": ("[x](javascript:alert('pwn'))", "link to 'javascript:alert('pwn')' is not allowed"),
    "mixed case": ("[x](JaVaScRiPt:alert(1))", "link to 'JaVaScRiPt:alert(1)' is not allowed"),
    "angle brackets": ("[x](<javascript:alert(1)>)", "link to 'javascript:alert(1)' is not allowed"),
    "autolink": ("<javascript:alert(1)>", "link to 'javascript:alert(1)' is not allowed"),
    "entity-encoded": ("[x](java&#x73;cript:alert(1))", "link to 'javascript:alert(1)' is not allowed"),
    "named entity": ("[x](javascript&colon;alert(1))", "link to 'javascript:alert(1)' is not allowed"),
    "data": ("[x](data:text/html;base64,PHNjcmlwdD4=)", "link to 'data:text/html;base64,PHNjcmlwdD4=' is not allowed"),
    "vbscript": ("[x](vbscript:msgbox(1))", "link to 'vbscript:msgbox(1)' is not allowed"),
    "file": ("[x](file:///etc/passwd)", "link to 'file:///etc/passwd' is not allowed"),
    "protocol-relative": ("[x](//evil.example/)", "link to '//evil.example/' is not allowed"),
    "image": ("![i](https://example.com/x.png)", "images are not allowed in content text"),
}


@pytest.mark.parametrize("name", list(REJECTED_LINKS), ids=str)
def test_bad_links_are_rejected_in_every_markdown_field(tmp_path, name):
    """All Markdown fields of all kinds at once: one run must name every one of them."""
    payload, message = REJECTED_LINKS[name]
    content = minimal()
    expected = []
    for kind, path in _markdown_positions():
        plural = KIND_TO_PLURAL[kind]
        field = _set_markdown(content[plural][0], path, f"{kind}{'-'.join(map(str, path))} {payload}")
        expected.append((plural, f"{kind}{'-'.join(map(str, path))} ", f"{plural}[0]{field}: {message}"))
    folder = write_content(tmp_path / "content", content)
    output = assert_clean_error(run_check(folder))
    for plural, needle, problem in expected:
        line = line_of((folder / f"{plural}.yml").read_text(encoding="utf-8"), needle)
        assert f"content/{plural}.yml:{line}:" in output and problem in output, f"{problem!r} not in:\n{output}"


def test_reference_style_link_is_rejected_on_its_line(tmp_path):
    content = minimal()
    content["topics"][0]["answer"] = "PLACEHOLDER"
    block = "|\n    Read [this][r].\n\n    [r]: javascript:alert(1)\n"
    text = dump(content["topics"]).replace("PLACEHOLDER\n", block)
    folder = write_content(tmp_path / "content", content, raw={"topics.yml": text})
    line = line_of(text, "[r]: javascript")  # the place the bad address is written
    column = text.splitlines()[line - 1].index("javascript") + 1
    assert_clean_error(
        run_check(folder),
        f"content/topics.yml:{line}:{column}: topics[0].answer: link to 'javascript:alert(1)' is not allowed",
    )


# --- in a browser: nothing runs --------------------------------------------------


@pytest.fixture(scope="module")
def served(hostile_site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


DOM_CHECK = """() => {
  const found = [];
  for (const s of document.querySelectorAll('script')) if (/pwn/i.test(s.textContent) && s.type !== 'application/ld+json') found.push('script: ' + s.textContent.slice(0, 60));
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 60));
      if (/^(href|src|action|formaction)$/i.test(a.name) && /^\\s*(javascript|data|vbscript):/i.test(a.value)) found.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 60));
    }
  }
  for (const img of document.querySelectorAll('img, svg:not(.chart-svg), iframe')) if (/pwn/i.test(img.outerHTML)) found.push(img.outerHTML.slice(0, 80));
  // A chart's SVG carries its series title as text in <title>; anything else with the payload is live.
  for (const chart of document.querySelectorAll('svg.chart-svg')) {
    const copy = chart.cloneNode(true);
    for (const title of copy.querySelectorAll('title')) title.remove();
    if (/pwn/i.test(copy.outerHTML)) found.push('chart: ' + copy.outerHTML.slice(0, 80));
  }
  return found;
}"""


def test_no_payload_runs_in_a_browser(browser, served, hostile_site):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    pages = sorted(
        str(p.parent.relative_to(hostile_site))
        for p in hostile_site.rglob("index.html")
        if "pwn" in p.read_text(encoding="utf-8")
    )
    assert len(pages) >= len(INERT_PAYLOADS) * 3
    page = browser.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    injected = []
    for rel in pages:
        page.goto(served + ("" if rel == "." else rel + "/"), wait_until="domcontentloaded")
        page.wait_for_timeout(50)  # onerror/onload handlers fire as images fail
        injected += [f"{rel}: {x}" for x in page.evaluate(DOM_CHECK)]
    # search renders matches as HTML: search for the payloads too
    with_results = 0
    for query in ("pwn1", "pwn2", "script alert", "onerror"):
        page.goto(served, wait_until="load")
        page.keyboard.press("/")  # Material's shortcut: open and focus the search box
        page.keyboard.type(query)
        try:  # the search worker indexes in the background: give it time on a busy machine
            page.wait_for_selector(".md-search-result__item", state="attached", timeout=20_000)
            with_results += 1
        except PlaywrightTimeout:
            pass
        injected += [f"search {query!r}: {x}" for x in page.evaluate(DOM_CHECK)]
    assert with_results, "search showed no results: the check saw nothing"
    page.close()
    assert not dialogs, dialogs
    assert not injected, "\n".join(injected[:30])


# Links whose targets get a hover preview (docs/javascripts/previews.js): term, actor, fact, event.
PREVIEWED = "article a[href*='glossary/#'], article a[href*='actors/act-'], article a[href*='facts/#'], article a[href*='timeline/#']"


def test_previews_of_hostile_items_stay_text(browser, served):
    """Previews are built from the target page's text: a payload in a term, actor, fact or event
    shows as typed, and nothing in a preview is an element but the preview's own paragraphs."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    shown, injected = [], []
    for n in range(1, len(INERT_PAYLOADS) + 1):
        page.goto(served + f"topics/topic-p{n}/", wait_until="load")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")  # the evidence
        links = page.locator(PREVIEWED)
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        first_of_each = [hrefs.index(h) for h in dict.fromkeys(hrefs)][:4]  # one link per target item
        for i in first_of_each:
            link = links.nth(i)
            link.scroll_into_view_if_needed()
            link.hover()
            try:
                page.wait_for_selector("#site-preview:not([hidden])", timeout=5_000)
            except PlaywrightTimeout:
                continue
            preview = page.locator("#site-preview")
            shown.append(preview.inner_text())
            tags = preview.evaluate("el => [...el.querySelectorAll('*')].map(n => n.tagName)")
            injected += [f"topic-p{n}: <{t.lower()}> in a preview" for t in tags if t != "P"]
            injected += [f"topic-p{n}: {x}" for x in page.evaluate(DOM_CHECK)]
            page.mouse.move(0, 0)
            page.wait_for_selector("#site-preview", state="hidden")
    page.close()
    assert len(shown) >= len(INERT_PAYLOADS), f"only {len(shown)} previews appeared: the check saw too little"
    assert any("pwn" in text and "<" in text for text in shown), f"no payload reached a preview as text: {shown[:6]}"
    assert not dialogs, dialogs
    assert not injected, "\n".join(injected[:30])


@pytest.mark.parametrize(
    "name",
    [
        'events/x"onmouseover="alert(\'pwn\')".yml',
        "topics/<img src=x onerror=alert(1)>.yml",
        "actors/a'><script>alert(1)<!--.yml",
        "terms/Upper Case.yml",
        "facts/\u202efdp.yml",
    ],
)
def test_file_names_cannot_carry_markup(tmp_path, name):
    """A file's name becomes part of its pages' edit links: only plain names are accepted."""
    content = minimal()
    plural = name.split("/")[0]
    folder = write_content(tmp_path / "content", content, raw={name: dump(content.pop(plural))})
    shown = "".join(c if c.isprintable() else "?" for c in name)
    output = assert_clean_error(
        run_check(folder), f"content/{shown}:1:1: a content file name may hold only lower-case letters"
    )
    assert "unknown" not in output, output


@pytest.mark.parametrize("plural", list(PLURAL_TO_KIND), ids=str)
def test_every_payload_sits_in_every_free_text_field(plural):
    """The hostile content really covers every text field of every kind, as the model defines them."""
    from explainer.model.kinds import KINDS

    from .payloads import free_text_fields, values_at

    model = KINDS[PLURAL_TO_KIND[plural]]
    fields = free_text_fields(model)
    assert fields, f"no text fields found for {plural}"
    items = hostile_content()[plural]
    missing = [
        (path, name)
        for path in fields
        for name, payload in INERT_PAYLOADS.items()
        if not any(isinstance(v, str) and payload in v for item in items for v in values_at(item, path))
    ]
    assert not missing, missing
