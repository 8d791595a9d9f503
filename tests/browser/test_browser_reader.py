"""Reading first (issue 22): topic pages short with their evidence folded and "What to watch"
high; provenance without machinery; the theme's chrome quiet; a topic that prints short; a
share card and description on every page type."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .roles import ROLES

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
MAX_HEIGHT = {"desktop": 6000, "phone": 10000}
PRINT_TOPIC = "topics/ascend-chips/"
MAX_PRINT_PAGES = 8
# Words of the site's machinery that page bodies must not show; About, Contributing and Open
# data explain the method and the data, so they may.
BANNED = (
    "address unknown",
    "Accessed",
    "No headline is known for this source; the title above is our description of it.",
    "copy at",
    "syndicated copy",
    "machine-generated",
    "Unnamed",
)
EXPLAINING_PAGES = ("about", "contributing", "data")
BODY_START = re.compile(r'<article class="md-content__inner[^"]*">')
PDF_PAGE_RE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class _Text(HTMLParser):
    """Visible text: everything but scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.pieces: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skipping += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.pieces.append(data)


def page_body(html: str) -> str | None:
    """The page's article: from Material's article to its last closing tag (fact cards inside
    are <article>s too)."""
    start = BODY_START.search(html)
    return html[start.end() : html.rindex("</article>")] if start else None


def body_text(html: str) -> str:
    body = page_body(html)
    assert body is not None, "a page without its article"
    parser = _Text()
    parser.feed(body)
    return " ".join(" ".join(parser.pieces).split())


def _measure_topic(page, path: str) -> dict[str, float]:
    page.goto(path)
    return page.evaluate(
        """() => {
        const open = [...document.querySelectorAll("article details[open]")].length;
        const watch = document.getElementById("what-to-watch");
        return {
            open,
            height: document.documentElement.scrollHeight,
            watch: watch ? watch.getBoundingClientRect().top + window.scrollY : -1,
        };
    }"""
    )


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_topic_pages_are_short_with_what_to_watch_in_the_upper_half(new_page, topic_paths, device):
    viewport = DESKTOP if device == "desktop" else PHONE
    page = new_page(viewport=viewport, is_mobile=device == "phone", has_touch=device == "phone")
    measured = {path: _measure_topic(page, path) for path in topic_paths}
    assert any(m["watch"] >= 0 for m in measured.values()), "no topic page has a What to watch section"
    problems = []
    for path, m in measured.items():
        if m["open"]:
            problems.append(f"{path}: {m['open']} folded part(s) open on arrival")
        if m["height"] > MAX_HEIGHT[device]:
            problems.append(f"{path}: {m['height']:.0f} px tall (at most {MAX_HEIGHT[device]})")
        if m["watch"] >= 0 and m["watch"] > m["height"] / 2:
            problems.append(f"{path}: What to watch starts at {m['watch']:.0f} px of {m['height']:.0f}")
    assert not problems, "\n".join(problems)


def test_topic_evidence_is_folded_and_opens(page, topic_paths):
    page.goto(PRINT_TOPIC)
    facts = page.locator("details.topic-evidence").first
    assert facts.locator("article.fact-card").count() > 0, "the key facts are not in the evidence fold"
    assert not facts.locator("article.fact-card").first.is_visible()
    facts.locator(":scope > summary").click()
    assert facts.locator("article.fact-card").first.is_visible()
    assert page.locator("article details.fact-cite").count() == 1, "a topic page has one Cite this control"


def test_cite_this_adds_the_access_date_when_opened(page):
    page.goto(PRINT_TOPIC)
    cite = page.locator("details.fact-cite")
    assert "Accessed" not in cite.locator("samp").text_content()
    cite.locator("summary").click()
    text = cite.locator("samp").text_content()
    assert re.search(r"Accessed \d{1,2} [A-Z][a-z]+ \d{4}\.$", text), text
    assert "topics/ascend-chips/" in text


def test_page_bodies_show_no_machinery(site_dir: Path):
    pages = [p for p in sorted(site_dir.rglob("*.html")) if BODY_START.search(p.read_text(encoding="utf-8"))]
    assert len(pages) > 100
    found: dict[str, list[str]] = {}
    for html_file in pages:
        path = html_file.relative_to(site_dir).as_posix()
        html = html_file.read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]*)"', page_body(html) or "")
        seeds = [h for h in hrefs if "seed" in h.lower() and not h.startswith("http")]
        if seeds:
            found[path] = [f"address {h}" for h in seeds]
        if path.split("/", 1)[0] in EXPLAINING_PAGES:
            continue
        text = body_text(html)
        hits = [phrase for phrase in BANNED if phrase in text]
        if hits:
            found.setdefault(path, []).extend(hits)
    assert not found, "\n".join(f"{path}: {hits}" for path, hits in sorted(found.items())[:20])


def test_a_described_title_is_set_plain_and_explained_on_about(site_dir: Path):
    described = [p for p in site_dir.rglob("*.html") if 'class="described-title"' in p.read_text("utf-8")]
    assert described, "no source list sets a described title apart"
    assert not [p for p in described if re.search(r'“<span class="described-title">', p.read_text("utf-8"))]
    about = body_text((site_dir / "about" / "index.html").read_text(encoding="utf-8"))
    assert "our description" in about and "quotation marks" in about


@pytest.mark.parametrize("role", ROLES)
def test_every_page_type_has_a_description_and_a_share_card(site_dir: Path, key_pages, role):
    html = (site_dir / key_pages[role] / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', head))
    for name in ("description", "og:title", "og:description", "og:type", "og:image", "twitter:card"):
        assert meta.get(name, "").strip(), f"/{key_pages[role]}: no {name}"
    card = meta["og:image"].split("/china-tech-explainer/", 1)[-1]
    png = (site_dir / card).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n"), f"{card} is not a PNG"
    assert int.from_bytes(png[16:20], "big") == 1200 and int.from_bytes(png[20:24], "big") == 630


def test_share_cards_differ_by_page_type(site_dir: Path, key_pages):
    def image(path: str) -> str:
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        return re.search(r'<meta property="og:image" content="([^"]*)"', html).group(1)  # type: ignore[union-attr]

    assert len({image(key_pages[r]) for r in ("home", "topic", "actor", "timeline", "glossary")}) == 5


def test_chrome_is_quiet_for_readers(new_page, key_pages):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(key_pages["topic"])
    assert page.locator(".md-content__button").count() == 0, "an edit pencil above the story"
    assert page.locator(".md-header .md-source").count() == 0, "the repository chip in the header"
    assert "Made with" not in page.locator("footer").inner_text()
    assert page.locator("footer a[rel=edit]").count() == 1, "the edit link is gone, not moved to the footer"
    page.goto("")
    title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    fits = title.evaluate("e => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= innerWidth")
    assert fits, "the site's title is cut off in a phone's header"


def test_a_topic_prints_short(page):
    page.goto(PRINT_TOPIC)
    pdf = page.pdf(format="A4")
    pages = len(PDF_PAGE_RE.findall(pdf))
    assert 0 < pages <= MAX_PRINT_PAGES, f"{PRINT_TOPIC} prints to {pages} A4 pages"
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [".md-header", ".md-sidebar--primary", "details.fact-sources", "details.fact-cite"]
            .filter(s => { const e = document.querySelector(s); return e && e.offsetParent !== null; })"""
    )
    assert not hidden, f"printed, but not part of the story: {hidden}"
    sources = page.locator(".topic-sources .numbered-sources > li").first
    assert sources.is_visible(), "the numbered sources do not print"
