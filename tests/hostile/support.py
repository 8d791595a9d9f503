"""Shared helpers for the hostile-input suite: fixture content, runs, leak scans."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml
from explainer.model.kinds import KINDS

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "hooks"
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
CHECK_TIMEOUT = 60

# A minimal valid content set: one of every kind, every reference position used.
MINIMAL: dict[str, list[dict]] = {
    "sources": [
        {
            "id": "src-a",
            "title": "A source",
            "publisher": "A publisher",
            "kind": "news",
            "date": "2020-01-02",
            "url": "https://example.com/a",
            "summary": "A summary naming [[actor:act-a]].",
            "key_points": ["A point about [[term:term-a]]."],
            "actors": ["act-a"],
        }
    ],
    "actors": [
        {
            "id": "act-a",
            "name": "Actor A",
            "kind": "company",
            "description": "An actor using [[term:term-a]].",
            "url": "https://example.com/actor",
            "now_as_of": "2026-11",  # so that a test may fill `now`, the one Markdown field that needs a date
        },
        {"id": "act-b", "name": "Actor B", "kind": "agency", "description": "Another actor."},
    ],
    "terms": [
        {
            "id": "term-a",
            "term": "Term Alpha",
            "abbreviation": "TA",
            "definition": "A term defined by [[actor:act-b]].",
            "related": ["term-b"],
            "actors": ["act-a"],
            "sources": ["src-a"],
        },
        {"id": "term-b", "term": "Term Beta", "definition": "Another term."},
    ],
    "events": [
        {
            "id": "ev-a",
            "date": "2019-10-07",
            "title": "Something happened",
            "summary": "Summary with [[fact:fact-a]].",
            "note": "A note on [[source:src-a]].",
            "actors": ["act-a"],
            "topics": ["topic-a"],
            "sources": ["src-a"],
        }
    ],
    "facts": [
        {
            "id": "fact-a",
            "statement": "Actor A did something, see [[event:ev-a]].",
            "kind": "fact",
            "date": "2019-10-07",
            "sources": ["src-a"],
            "topics": ["topic-a"],
            "actors": ["act-a"],
            "note": "On [[topic:topic-a]].",
        },
        {
            "id": "claim-a",
            "statement": "Actor B says so.",
            "kind": "claim",
            "said_by": "act-b",
            "as_of": "2020-01",
            "sources": ["src-a"],
        },
    ],
    "topics": [
        {
            "id": "topic-a",
            "title": "Topic A",
            "question": "What is A?",
            "order": 1,
            "reviewed": "2026-11",
            "answer": "A is [[term:term-a]].",
            "sections": [{"heading": "First", "body": "About [[actor:act-a]] and TA."}],
            "key_points": ["A one.", "A two.", "A three."],
            "deadlines": [{"due": "2026-11-10", "what": "A pause", "status": "Not known.", "checked": "2026-12-01"}],
            "key_facts": ["fact-a"],
            "actors": ["act-a"],
        }
    ],
    "updates": [
        {"id": "update-a", "date": "2026-11-01", "kind": "correction", "summary": "[[fact:fact-a]] was wrong."}
    ],
    "series": [
        {
            "id": "series-a",
            "title": "Series A",
            "unit": "usd-billion",
            "description": "Values reported by [[actor:act-a]].",
            "said_by": "act-b",
            "estimate": True,
            "sources": ["src-a"],
            "topics": ["topic-a"],
            "actors": ["act-a"],
            "points": [
                {"date": "2019", "value": 1.5, "note": "A first value."},
                {"date": "2020-06", "value": 2, "sources": ["src-a"]},
            ],
        }
    ],
}
PLURAL_TO_KIND = {model.PLURAL: kind for kind, model in KINDS.items()}


def minimal() -> dict[str, list[dict]]:
    """A fresh deep copy of the minimal content, for a test to spoil."""
    return json.loads(json.dumps(MINIMAL))


def dump(items: list[dict]) -> str:
    return yaml.safe_dump(items, sort_keys=False, allow_unicode=True, width=1000)


def write_content(
    folder: Path, content: dict[str, list[dict]] | None = None, raw: dict[str, str | bytes] | None = None
) -> Path:
    """Write content (plural -> items) as YAML files, plus raw files by name (`events.yml`: text or bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    content = minimal() if content is None else content
    raw = raw or {}
    for plural, items in content.items():
        if f"{plural}.yml" not in raw:
            (folder / f"{plural}.yml").write_text(dump(items), encoding="utf-8")
    for name, data in raw.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    return folder


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle` (the tests' expected positions)."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def run_check(content_dir: Path, timeout: float = CHECK_TIMEOUT) -> subprocess.CompletedProcess:
    # Run from the folder holding content/, as a contributor does: hand-written pages elsewhere stay out of it.
    return subprocess.run(
        [PYTHON, "-m", "explainer", "--content", str(content_dir), "check"],
        cwd=content_dir.parent,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_clean_error(result: subprocess.CompletedProcess, *expected: str) -> str:
    """Non-zero exit, no traceback, and every expected `path:line:col: field: message` fragment present."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"expected a failure, got success:\n{output}"
    assert "Traceback" not in output, output
    assert re.search(r"^[^\n]+\.ya?ml:\d+:\d+: ", output, re.M), f"no path:line:col: message in:\n{output}"
    for fragment in expected:
        assert fragment in output, f"{fragment!r} not in:\n{output}"
    return output


def assert_ok(result: subprocess.CompletedProcess) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in output, output


# --- building a whole site from a throwaway project ---------------------------
REF_IN_DOCS_RE = re.compile(r"\[\[([^\[\]\n|]*)(?:\|([^\[\]\n]*))?\]\]")


def make_project(target: Path, content: dict | None = None, raw: dict | None = None) -> Path:
    """A copy of the real project (config, hooks, overrides, docs) around fixture content.

    References in hand-written pages name real content another helper owns; they
    become plain text so the copy builds against the fixture content.
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("hooks", "overrides", "docs"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for page in (target / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(
            REF_IN_DOCS_RE.sub(lambda m: (m.group(2) or m.group(1).split(":")[-1]).strip(), text), encoding="utf-8"
        )
    write_content(target / "content", content, raw)
    return target


def mkdocs_build(project: Path, site_dir: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --- finding live payloads in output --------------------------------------------
MARKER = "pwn"  # every payload carries it; escaped text may show it, live markup may not
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}


class _LeakFinder(HTMLParser):
    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.leaks: list[str] = []
        self._script_type: str | None = None
        self.json_ld: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and MARKER in value.lower():
                self.leaks.append(f"{self.where}: <{tag} {name}={value!r}>")
            squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in URL_ATTRS and squeezed.startswith(BAD_SCHEMES):
                self.leaks.append(f"{self.where}: <{tag} {name}={value[:60]!r}>")
            if MARKER in name.lower():
                self.leaks.append(f"{self.where}: <{tag}> with attribute {name!r}")
        if MARKER in tag.lower():
            self.leaks.append(f"{self.where}: element <{tag}>")
        if tag in ("img", "svg", "iframe", "object", "embed") and any(MARKER in (v or "") for _, v in attrs):
            self.leaks.append(f"{self.where}: <{tag}> carrying a payload")
        if tag == "script":
            self._script_type = (dict(attrs).get("type") or "text/javascript").lower()

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_type = None

    def handle_data(self, data):
        if self._script_type is None:
            return
        if self._script_type == "application/ld+json":
            self.json_ld.append(data)
        elif MARKER in data.lower():
            self.leaks.append(f"{self.where}: script running {data.strip()[:80]!r}")

    def handle_comment(self, data):
        if MARKER in data.lower():
            self.leaks.append(f"{self.where}: comment <!--{data[:60]}-->")


JINJA_EVALUATED = str(1337 * 1337)  # the Jinja payloads compute 1337*1337


def html_leaks(html: str, where: str) -> list[str]:
    finder = _LeakFinder(where)
    finder.feed(html)
    finder.close()
    leaks = finder.leaks
    for block in finder.json_ld:
        if "</" in block.lower() and MARKER in block.lower():
            leaks.append(f"{where}: JSON-LD holds a closing tag")
        try:
            json.loads(block)
        except ValueError as exc:
            leaks.append(f"{where}: JSON-LD is not valid JSON ({exc})")
        leaks += raw_text_leaks(block, f"{where} (JSON-LD)")
    if JINJA_EVALUATED in html:
        leaks.append(f"{where}: a Jinja payload was evaluated")
    return leaks


_RAW_TAG_RE = re.compile(r"<\s*(script|img|svg|iframe|a|style|object|embed)\b[^<]*" + MARKER, re.I)


def raw_text_leaks(text: str, where: str) -> list[str]:
    """Payload markup written out raw, unescaped, in a text/data file."""
    leaks = [f"{where}: raw {m.group(0)[:60]!r}" for m in _RAW_TAG_RE.finditer(text)]
    if re.search(r"<!--[^>]*" + MARKER, text):
        leaks.append(f"{where}: raw HTML comment payload")
    if JINJA_EVALUATED in text:
        leaks.append(f"{where}: a Jinja payload was evaluated")
    return leaks


def json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in json_strings(v)]
    return []


def site_leaks(site: Path) -> list[str]:
    """Every live payload in a built site: HTML pages, JSON data, feeds and other XML."""
    leaks: list[str] = []
    for file in sorted(site.rglob("*")):
        if not file.is_file():
            continue
        rel = str(file.relative_to(site))
        if file.suffix == ".html":
            leaks += html_leaks(file.read_text(encoding="utf-8"), rel)
        elif file.suffix in (".json", ".xml", ".atom", ".rss", ".txt", ".jsonld", ".md", ".js"):
            # (CSV is left out: spreadsheet cells are data, never parsed as HTML.)
            text = file.read_text(encoding="utf-8")
            leaks += raw_text_leaks(text, rel)
            if file.suffix in (".xml", ".atom", ".rss") and not rel.startswith("sitemap"):
                leaks += feed_leaks(text, rel)
            if rel.startswith("search/") and file.suffix == ".json":
                # the search UI inserts these strings as HTML
                for string in json_strings(json.loads(text)):
                    leaks += html_leaks(string, f"{rel} (string)")
    return leaks


def feed_leaks(text: str, where: str) -> list[str]:
    """Atom/RSS: markup carried as escaped HTML is live in a feed reader."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return [f"{where}: not well-formed XML ({exc})"]
    leaks = []
    for element in root.iter():
        if element.get("type") == "html" or element.tag.endswith("description"):
            leaks += html_leaks(element.text or "", f"{where} <{element.tag.split('}')[-1]}>")
    return leaks
