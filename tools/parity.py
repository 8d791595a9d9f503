"""The same site on every engine: `python -m tools.parity` (`make parity`) builds it with each engine in
tools.engines and compares each build with MkDocs' (the default):

- the pages: the same set of addresses;
- links and anchors: every site-internal link (<a href>) reaches a page or file of the same build, and
  every #anchor an id on it (0 broken on each engine);
- each page's main text: the words of its <article>, in order;
- title and description: each page's <title> and meta description;
- navigation: the links of each page's main navigation, text and address;
- structured data: each page's JSON-LD blocks;
- glossary links: how many each page has;
- edit links: where each page's "edit this page" leads;
- the open data: every file under data/, byte for byte.

It prints a line per engine and check, and exits 1 when any differs. `--keep DIR` keeps the builds.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tools.engines import ENGINES, REPO, build, read_config

REFERENCE = "mkdocs"
_WORD_RE = re.compile(r"\w+")
SKIPPED_TEXT = {"script", "style", "svg", "template"}


@dataclass
class PageFacts:
    """What the parity check reads of one built page."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)
    glossary_links: int = 0
    edit_links: list[str] = field(default_factory=list)
    head: list[str] = field(default_factory=list)  # <title> and the meta description
    nav: list[str] = field(default_factory=list)  # the primary navigation's links: "text -> href"


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._article = 0  # depth inside <article>
        self._skip = 0
        self._json_ld: list[str] | None = None
        self._title: list[str] | None = None
        self._nav = 0  # depth of <nav> inside the primary navigation
        self._nav_link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.facts.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.facts.ids.add(str(values["name"]))
        if tag == "a" and values.get("href") is not None:
            self.facts.links.append(str(values["href"]))
            if "glossary-link" in (values.get("class") or "").split():
                self.facts.glossary_links += 1
            if values.get("rel") == "edit":
                self.facts.edit_links.append(str(values["href"]))
        if tag == "meta" and values.get("name") == "description":
            self.facts.head.append(f"description: {values.get('content')}")
        if tag == "title":
            self._title = []
        if tag == "nav" and (self._nav or "md-nav--primary" in (values.get("class") or "")):
            self._nav += 1
        if tag == "a" and self._nav:
            self._nav_link = [str(values.get("href"))]
        if tag == "article":
            self._article += 1
        if tag in SKIPPED_TEXT:
            self._skip += 1
        if tag == "script" and values.get("type") == "application/ld+json":
            self._json_ld = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._nav:
            self._nav -= 1
        if tag == "a" and self._nav_link is not None:
            href, *text = self._nav_link
            self.facts.nav.append(f"{' '.join(''.join(text).split())} -> {href}")
            self._nav_link = None
        if tag == "title" and self._title is not None:
            self.facts.head.append(f"title: {''.join(self._title).strip()}")
            self._title = None
        if tag == "article":
            self._article -= 1
        if tag in SKIPPED_TEXT:
            self._skip = max(self._skip - 1, 0)
        if tag == "script" and self._json_ld is not None:
            self.facts.json_ld.append("".join(self._json_ld).strip())
            self._json_ld = None

    def handle_data(self, data: str) -> None:
        if self._nav_link is not None:
            self._nav_link.append(data)
        if self._title is not None:
            self._title.append(data)
        if self._json_ld is not None:
            self._json_ld.append(data)
        elif self._article and not self._skip:
            self.facts.words += _WORD_RE.findall(data)


def read_page(path: Path) -> PageFacts:
    reader = _PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.facts


@dataclass
class Built:
    engine: str
    root: Path
    site_path: str  # the site's path on its server, "/china-tech-explainer/"
    pages: dict[str, PageFacts]  # "topics/x/index.html" -> facts
    files: set[str]  # every file, relative

    @classmethod
    def read(cls, engine: str, root: Path, site_path: str) -> Built:
        files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        pages = {name: read_page(root / name) for name in sorted(files) if name.endswith(".html")}
        return cls(engine, root, site_path, pages, files)

    def broken_links(self) -> list[str]:
        broken = []
        for name, facts in self.pages.items():
            for href in facts.links:
                problem = self._check(name, href)
                if problem:
                    broken.append(f"{name}: {href} ({problem})")
        return broken

    def target(self, name: str, href: str) -> str | None:
        """The file a link on page `name` leads to ("topics/index.html"), None when it leaves the site."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
            return None
        path = unquote(parts.path)
        if path.startswith("/"):
            target = _normalise(path[len(self.site_path) :]) if path.startswith(self.site_path) else "/" + path
        else:
            base = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
            target = _normalise(base + path) if path else name
        if target == "" or target.endswith("/"):
            target += "index.html"
        return target + (f"#{parts.fragment}" if parts.fragment else "")

    def _check(self, name: str, href: str) -> str | None:
        found = self.target(name, href)
        if found is None:
            return None  # not the site's
        target, _, fragment = found.partition("#")
        if target not in self.files:
            return "no such page or file"
        if fragment and target.endswith(".html") and unquote(fragment) not in self.pages[target].ids:
            return "no such anchor"
        return None

    def navigation(self, name: str) -> list[str]:
        """The page's main navigation: each link's text and where it leads, however the engine spells it."""
        entries = []
        for entry in self.pages[name].nav:
            text, _, href = entry.rpartition(" -> ")
            entries.append(f"{text} -> {self.target(name, href) or href}")
        return entries


def _normalise(path: str) -> str:
    """'a/b/../c/' -> 'a/c/', keeping the trailing slash of a directory address."""
    norm = posixpath.normpath(path)
    return "" if norm == "." else norm + ("/" if path.endswith("/") else "")


def _first_difference(a: list[str], b: list[str]) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"word {i}: {' '.join(a[max(i - 5, 0) : i + 5])!r} vs {' '.join(b[max(i - 5, 0) : i + 5])!r}"
    return f"{len(a)} words vs {len(b)}"


def compare(reference: Built, other: Built) -> dict[str, list[str]]:
    """Each check's differences between `other` and the reference build (empty lists: the same)."""
    ref_pages, pages = set(reference.pages), set(other.pages)
    common = sorted(ref_pages & pages)
    data = sorted(f for f in reference.files | other.files if f.startswith("data/") and not f.endswith(".html"))
    return {
        "pages": [f"only in {reference.engine}: {p}" for p in sorted(ref_pages - pages)]
        + [f"only in {other.engine}: {p}" for p in sorted(pages - ref_pages)],
        "broken links": other.broken_links(),
        "main text": [
            f"{p}: {_first_difference(reference.pages[p].words, other.pages[p].words)}"
            for p in common
            if reference.pages[p].words != other.pages[p].words
        ],
        "title and description": [
            f"{p}: {reference.pages[p].head} vs {other.pages[p].head}"
            for p in common
            if reference.pages[p].head != other.pages[p].head
        ],
        "navigation": [
            f"{p}: {_first_difference(reference.navigation(p), other.navigation(p))}"
            for p in common
            if reference.navigation(p) != other.navigation(p)
        ],
        "structured data": [p for p in common if reference.pages[p].json_ld != other.pages[p].json_ld],
        "glossary links": [
            f"{p}: {reference.pages[p].glossary_links} vs {other.pages[p].glossary_links}"
            for p in common
            if reference.pages[p].glossary_links != other.pages[p].glossary_links
        ],
        "edit links": [p for p in common if reference.pages[p].edit_links != other.pages[p].edit_links],
        "data files": [f for f in data if _bytes(reference.root / f) != _bytes(other.root / f)],
    }


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def report(reference: Built, builds: Iterable[Built]) -> tuple[list[str], bool]:
    lines = [
        f"{reference.engine}: {len(reference.pages)} pages, {len(reference.broken_links())} broken links "
        f"(the reference)"
    ]
    same = not reference.broken_links()
    for built in builds:
        for check, differences in compare(reference, built).items():
            same = same and not differences
            verdict = "same" if not differences else f"{len(differences)} differ"
            if check == "broken links":
                verdict = f"{len(differences)} broken"
            if check == "pages":
                verdict = f"{len(built.pages)} pages, " + verdict
            lines.append(f"{built.engine}: {check}: {verdict}")
            lines += [f"    {d}" for d in differences[:10]]
    return lines, same


def site_path() -> str:
    path = urlsplit(str(read_config().get("site_url") or "")).path.strip("/")
    return f"/{path}/" if path else "/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.parity", description=__doc__.split("\n")[0])
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--keep", type=Path, help="build into this folder and keep the builds")
    args = parser.parse_args(argv)
    engines = [REFERENCE, *(e for e in args.engines if e != REFERENCE)]
    with tempfile.TemporaryDirectory(prefix="explainer-parity-") as scratch:
        folder = args.keep or Path(scratch)
        builds = []
        for engine in engines:
            build(engine, folder / engine, REPO)
            builds.append(Built.read(engine, folder / engine, site_path()))
        lines, same = report(builds[0], builds[1:])
    print("\n".join(lines))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
