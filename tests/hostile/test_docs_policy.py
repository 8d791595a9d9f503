"""Hand-written pages and files in docs/: the markup they may carry, enforced by `check` and by the build.

Allowed: Markdown, admonitions, grid cards, tables, links to http(s), mailto: and the
site, images from the site. Refused: scripts and other active or embedding elements,
event handlers, styles, other addresses, images from other hosts, raw front matter.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from explainer.handwritten.policy import check_docs_folder
from explainer.mkdocs.settings import read_settings

from .support import ENV, PYTHON, ROOT, make_project, mkdocs_build

PAGE_HEAD = "---\ndescription: A page.\n---\n\n# A page\n\n"  # the payload goes on line 7
PAYLOAD_LINE = 7
# name -> (the line written on line 7, where the problem is placed on it, the message)
REFUSED: dict[str, tuple[str, str, str]] = {
    "script": ("Text <script>alert('pwn')</script>", "<script", "<script> is not allowed in a hand-written page"),
    "script, upper case": ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<SCRIPT", "<script> is not allowed"),
    "markdown javascript link": (
        "A [link](javascript:alert(document.domain)) here.",
        "javascript:",
        "link to 'javascript:alert(document.domain)' is not allowed: only http(s), mailto: and this site's pages",
    ),
    "raw javascript link": ('<a href=" JaVaScRiPt:alert(1)">x</a>', "<a href", "link to ' JaVaScRiPt:alert(1)'"),
    "entity-encoded javascript": (
        "[x](java&#x73;cript:alert(1))",
        "java&#x73;",
        "link to 'javascript:alert(1)' is not allowed",
    ),
    "data link": ('<a href="data:text/html,<b>pwn</b>">x</a>', "<a href", "link to 'data:text/html,<b>pwn</b>'"),
    "vbscript link": ("[x](vbscript:msgbox(1))", "vbscript:", "link to 'vbscript:msgbox(1)' is not allowed"),
    "event handler": (
        "<p onmouseover=\"alert('pwn')\">hover</p>",
        "<p onmouseover",
        "event handler 'onmouseover' on <p> is not allowed",
    ),
    "event handler on an allowed element in a card": (
        '<div class="grid cards" onclick="alert(1)" markdown>',
        "<div",
        "event handler 'onclick' on <div> is not allowed",
    ),
    "external image, markdown": (
        "![chart](https://evil.example/track.png)",
        "https://evil.example",
        "image 'https://evil.example/track.png' is not allowed: images must come from this site (docs/)",
    ),
    "external image, protocol-relative": (
        '<img src="//evil.example/x.png" alt="x">',
        "<img",
        "image '//evil.example/x.png'",
    ),
    "image from data:": ('<img src="data:image/svg+xml,x" alt="x">', "<img", "image 'data:image/svg+xml,x'"),
    "srcset": (
        '<img src="favicon.svg" srcset="https://evil.example/x 2x" alt="">',
        "<img",
        "attribute 'srcset' on <img>",
    ),
    "iframe": ('<iframe src="https://evil.example/"></iframe>', "<iframe", "<iframe> is not allowed"),
    "object": ('<object data="x.swf"></object>', "<object", "<object> is not allowed"),
    "embed": ('<embed src="x.swf">', "<embed", "<embed> is not allowed"),
    "form": ('<form action="https://evil.example/"><input name="q"></form>', "<form", "<form> is not allowed"),
    "button formaction": ('<button formaction="javascript:alert(1)">b</button>', "<button", "<button> is not allowed"),
    "base": ('<base href="https://evil.example/">', "<base", "<base> is not allowed"),
    "meta refresh": (
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        "<meta",
        "<meta> is not allowed",
    ),
    "stylesheet link": ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link", "<link> is not allowed"),
    "style element": (
        "<style>body{background:url(https://evil.example/t)}</style>",
        "<style",
        "<style> is not allowed",
    ),
    "style attribute": ('<span style="position:fixed;inset:0">x</span>', "<span", "style on <span> is not allowed"),
    "svg": ("<svg><script>alert(1)</script></svg>", "<svg", "<svg> is not allowed"),
    "math": ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', "<math", "<math> is not allowed"),
    "template": ("<template><img src=x onerror=alert(1)></template>", "<template", "<template> is not allowed"),
    "comment that a browser ends early": (
        "<!--> <img src=x onerror=alert('pwn')> -->",
        "<!--",
        "an HTML comment may hold only plain text",
    ),
    "theme's own id": ('<p id="__config">x</p>', "<p", "id '__config' is not allowed"),
    "invisible character": ("Hidden\u200bword", "\u200b", "text holds U+200B (ZERO WIDTH SPACE)"),
}
ALLOWED_PAGE = """\
---
title: Allowed things
description: "Everything a hand-written page may carry."
---

# Allowed things

!!! note "An admonition"
    With **Markdown** inside.

<div class="grid cards" markdown>

- **A card** with a [link](https://example.com/) and <kbd>Ctrl</kbd>

</div>

| Left | Centre | Right |
|:-----|:------:|------:|
| a    | b      | c     |

Links: [inside](about.md), [mail](mailto:team@example.com), <https://example.com/>,
<a href="https://example.com/" title="<img src=x onerror=alert(1)>" rel="noopener">a title is text</a>,
<abbr title="Bureau of Industry and Security">BIS</abbr>, an image ![icon](favicon.svg).

<details><summary>More</summary><p lang="zh">中芯国际</p></details>

<!-- a plain note for maintainers -->

```html
<script>alert("shown as code, never run")</script>
```
"""


def _project(tmp_path: Path, pages: dict[str, str], files: dict[str, str] | None = None) -> Path:
    project = make_project(tmp_path / "project")
    for name, text in {**pages, **(files or {})}.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    return project


def _check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-m", "explainer", "check"], cwd=project, env=ENV, capture_output=True, text=True, timeout=120
    )


def _expected(name: str) -> str:
    line, anchor, message = REFUSED[name]
    return f"docs/{_page_name(name)}:{PAYLOAD_LINE}:{line.index(anchor) + 1}: {message}"


def _page_name(name: str) -> str:
    return "h-" + "".join(c if c.isalnum() else "-" for c in name) + ".md"


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    """Every refused payload in a page of its own, one project."""
    pages = {_page_name(name): PAGE_HEAD + line + "\n" for name, (line, _, _) in REFUSED.items()}
    return _project(tmp_path_factory.mktemp("docs-policy"), pages)


@pytest.fixture(scope="module")
def check_output(hostile_project) -> str:
    result = _check(hostile_project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize("name", list(REFUSED), ids=str)
def test_check_refuses_it_in_place(check_output, name):
    assert _expected(name) in check_output, f"{_expected(name)!r} not in:\n{check_output}"


def test_the_build_stops_with_the_same_messages_and_writes_nothing(hostile_project, check_output, tmp_path):
    result = mkdocs_build(hostile_project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    for name in REFUSED:
        assert _expected(name) in output, f"{_expected(name)!r} not in:\n{output}"
    assert not list((tmp_path / "site").rglob("*.html")), "a page was written before the build stopped"


def test_export_refuses_them_too(hostile_project, tmp_path):
    """`explainer export` writes hand-written pages for any generator: not these."""
    result = subprocess.run(
        [PYTHON, "-m", "explainer", "export", str(tmp_path / "out")],
        cwd=hostile_project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and _expected("script") in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_the_projects_own_pages_pass():
    assert check_docs_folder(ROOT / "docs", read_settings(ROOT / "mkdocs.yml").extensions) == []


def test_allowed_markup_passes_check_and_builds(tmp_path):
    project = _project(tmp_path, {"allowed.md": ALLOWED_PAGE})
    result = _check(project)
    assert result.returncode == 0, result.stderr
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "site" / "allowed" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition note"' in html and "grid cards" in html and "&lt;script&gt;" in html


FRONT_MATTER = {
    "YAML title": ("---\ntitle: 'A <img src=x onerror=alert(1)> title'\n---\n\n# Page\n", 2, "front matter title: '<'"),
    "YAML description": (
        "---\ndescription: 'x\" onfocus=\"alert(1)'\n---\n\n# Page\n",
        2,
        "front matter description: '\"'",
    ),
    "MultiMarkdown title": ("Title: <script>alert(1)</script>\n\n# Page\n", 1, "front matter title: '<'"),
}


@pytest.mark.parametrize("name", list(FRONT_MATTER), ids=str)
def test_front_matter_the_theme_prints_raw_is_refused(tmp_path, name):
    """Material prints a page's title and description raw: in the navigation, <title> and an attribute."""
    text, line, message = FRONT_MATTER[name]
    project = _project(tmp_path, {"page.md": text})
    output = _check(project).stderr
    assert f"docs/page.md:{line}:" in output and message in output, output
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode != 0 and message in built.stderr, built.stderr


FILES = {
    "page.html": ("<script>alert(1)</script>", "docs/page.html:1:1: .html files are not allowed in docs/"),
    "deep/x.xhtml": ("<x/>", "docs/deep/x.xhtml:1:1: .xhtml files are not allowed in docs/"),
    "bad.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>',
        "docs/bad.svg:2:1: <script> is not allowed in an SVG image",
    ),
    "handler.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        "docs/handler.svg:1:1: event handler 'onload' is not allowed in an SVG image",
    ),
    "link.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>',
        "docs/link.svg:1:41: <a> is not allowed in an SVG image",
    ),
    "animate.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName="href" values="javascript:alert(1)"/>'
        "</a></svg>",
        "docs/animate.svg:1:44: <animate> is not allowed in an SVG image",
    ),
    "fetch.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>',
        "docs/fetch.svg:1:41: reference to 'https://evil.example/x.png' on <image> is not allowed",
    ),
}


@pytest.mark.parametrize("name", list(FILES), ids=str)
def test_files_a_browser_would_run_are_refused(tmp_path, name):
    text, expected = FILES[name]
    (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    messages = [str(p) for p in check_docs_folder(tmp_path / "docs")]
    assert any(m.startswith(expected) for m in messages), messages


def test_the_sites_own_svg_passes():
    assert not [p for p in check_docs_folder(ROOT / "docs") if p.path.endswith(".svg")]
