"""Helpers for the publishing tests (a unique module name: test folders share sys.path)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from site_config_support import load_mkdocs_yml

REPO = Path(__file__).resolve().parents[2]
# The project to build; another folder with the same layout can be given for local experiments.
PROJECT = Path(os.environ.get("SITE_TESTS_PROJECT", REPO))
SAMPLE_CONTENT = REPO / "tests" / "fixtures" / "sample" / "content"


def mkdocs_config(project: Path = PROJECT) -> dict:
    """mkdocs.yml as the shared session build reads it (local default addresses)."""
    return load_mkdocs_yml(project)


@dataclass
class PageHead:
    """What a built page declares for machines: meta, links, JSON-LD, and every link in the body."""

    meta: dict[str, str] = field(default_factory=dict)  # name or property -> content
    links: list[dict[str, str]] = field(default_factory=list)  # <link> attributes
    json_ld_raw: list[str] = field(default_factory=list)
    anchors: list[dict[str, str]] = field(default_factory=list)  # <a> attributes
    ids: set[str] = field(default_factory=set)

    @property
    def json_ld(self) -> list[dict]:
        return [json.loads(text) for text in self.json_ld_raw]

    def types(self) -> list[str]:
        return [block["@type"] for block in self.json_ld]

    def link(self, rel: str, type_: str | None = None) -> dict[str, str] | None:
        return next(
            (
                link
                for link in self.links
                if rel in link.get("rel", "").split() and (type_ is None or link.get("type") == type_)
            ),
            None,
        )


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head = PageHead()
        self._in_ld = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if "id" in attributes:
            self.head.ids.add(attributes["id"])
        if tag == "meta" and "content" in attributes:
            key = attributes.get("name") or attributes.get("property")
            if key:
                self.head.meta[key] = attributes["content"]
        elif tag == "link":
            self.head.links.append(attributes)
        elif tag == "a":
            self.head.anchors.append(attributes)
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_ld, self._buffer = True, []

    def handle_data(self, data):
        if self._in_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_ld:
            self.head.json_ld_raw.append("".join(self._buffer))
            self._in_ld = False


def parse_page(path: Path) -> PageHead:
    parser = _HeadParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.head


def page_url_of(site: Path, html_file: Path) -> str:
    """'topics/x/index.html' -> 'topics/x/' (site-root relative, as the generator names pages)."""
    rel = html_file.relative_to(site).as_posix()
    return rel.removesuffix("index.html")
