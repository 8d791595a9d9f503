"""ARCHITECTURE.md's checklists, done: a toy kind, a toy page type and a change of look in a scratch copy.

The package, the sample site and the theme overrides are copied into a scratch folder; the
edits each checklist prescribes are applied there as small text edits (each anchor must occur
exactly once, so a moved or renamed anchor fails here, not in a newcomer's hands); then the copy
is checked and built by MkDocs with the copied package first on PYTHONPATH. The files each
checklist names are compared with the files its edits touch, so a step the checklist lacks, or
one it names that is not needed, fails too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from build_support import BIN, REPO, SAMPLE, mkdocs_yml

GUIDE = REPO / "ARCHITECTURE.md"
TEMPLATES = "hooks/explainer/pages/templates/"


@dataclass(frozen=True)
class Edit:
    """Put `new` in place of `old` in `path` (a new file when `old` is None)."""

    path: str
    old: str | None
    new: str

    @property
    def step(self) -> str:
        """The checklist step this edit belongs to: templates are named by their folder, the other files by path."""
        for folder in (TEMPLATES, "docs/stylesheets/", "overrides/", "content/"):
            if self.path.startswith(folder):
                return folder
        return self.path


# --- (a) a content kind: gadgets, with a page each and a listing ---------------------------------
KIND_EDITS = [
    Edit(
        "hooks/explainer/model/kinds.py",
        "\n\n# Every kind, in the order",
        '''

class Gadget(Item):
    """A device the story mentions."""

    KIND = "gadget"
    PLURAL = "gadgets"
    TITLE = "Gadget"
    DESCRIPTION = "Devices the story mentions."
    LABEL_FIELD = "name"

    name: Text
    maker: ActorId
    released: Date
    summary: Markdown


# Every kind, in the order''',
    ),
    Edit("hooks/explainer/model/kinds.py", "Topic, Update, Series)}", "Topic, Update, Series, Gadget)}"),
    Edit(
        "hooks/explainer/resolve/addresses.py",
        '    "series": Home("figures.md", "Figures"),\n',
        '    "series": Home("figures.md", "Figures"),\n    "gadget": Home("gadgets/index.md", "Gadgets", "gadgets/"),\n',
    ),
    Edit(
        TEMPLATES + "gadget.md.j2",
        None,
        """{% import "_macros.md.j2" as m with context %}
# {{ gadget.name|md }}

<p class="gadget-meta">Made by {{ m.link("actor", gadget.maker) }} · {{ m.when(gadget.released) }}</p>

{{ md(gadget.summary) }}
""",
    ),
    Edit(
        TEMPLATES + "gadgets_index.md.j2",
        None,
        """# Gadgets

<ul class="gadget-list">
{% for gadget in gadgets %}
<li><a href="{{ url("gadget", gadget.id) }}">{{ gadget.name }}</a></li>
{% endfor %}
</ul>
""",
    ),
    Edit(
        "hooks/explainer/pages/render.py",
        "import Actor, Event, Fact, Item,",
        "import Actor, Event, Fact, Gadget, Item,",
    ),
    Edit(
        "hooks/explainer/pages/render.py",
        "        ]\n\n    def scorecard_page(self) -> Page:\n",
        '            self._listing("gadget", "gadgets_index.md.j2", "Devices in the story.", lambda: {"gadgets": g.all(Gadget)}),\n'
        "        ]\n\n    def scorecard_page(self) -> Page:\n",
    ),
    Edit(
        "hooks/explainer/pages/render.py",
        "    def all_pages(self) -> list[Page]:\n        return [\n",
        """    def gadget_pages(self) -> list[Page]:
        g = self.graph
        return self._item_pages(
            Gadget,
            lambda x: self.render(
                "gadget.md.j2",
                addresses.item_page("gadget", x.id),
                title=x.name,
                description=g.plain(x.summary, 160),
                source_file=g.record("gadget", x.id).file,
                gadget=x,
            ),
        )

    def all_pages(self) -> list[Page]:
        return [
            *self.gadget_pages(),
""",
    ),
    Edit(
        "mkdocs.yml",
        "  - Sources: sources/index.md\n",
        "  - Sources: sources/index.md\n  - Gadgets: gadgets/index.md\n",
    ),
    Edit(
        "content/gadgets.yml",
        None,
        """- id: mate-60
  name: Mate 60 Pro
  maker: huawei
  released: 2023-08
  summary: A phone with a chip made by [[actor:smic]].
""",
    ),
]
# A reference to the new kind from another kind's text, as any contributor may write one.
NEW_UPDATE = (
    "- id: gadgets-added\n  date: 2026-11-29\n  kind: addition\n  summary: Gadgets, starting with [[gadget:mate-60]].\n"
)

# --- (b) a page type: the site in numbers, one page drawn from every kind ------------------------
PAGE_EDITS = [
    Edit(
        "hooks/explainer/resolve/addresses.py",
        'HOME_PAGE = "index.md"\n',
        'HOME_PAGE = "index.md"\nNUMBERS_PAGE = "numbers.md"  # how many items of each kind\n',
    ),
    Edit(
        TEMPLATES + "numbers.md.j2",
        None,
        """# In numbers

<ul class="numbers">
{% for title, count, address in counts %}
<li><a href="{{ href(address) }}">{{ title }}</a>: <span class="count">{{ count }}</span></li>
{% endfor %}
</ul>
""",
    ),
    Edit(
        "hooks/explainer/pages/render.py",
        "    def scorecard_page(self) -> Page:\n",
        """    def numbers_page(self) -> Page:
        path = addresses.NUMBERS_PAGE
        return self._page(
            path,
            lambda: self.render(
                "numbers.md.j2",
                path,
                title="In numbers",
                in_nav=True,
                description="How many items of each kind the site holds.",
                source_file=addresses.content_file("topic"),
                counts=[
                    (home.title, len(self.graph.of(kind)), addresses.listing_url(kind))
                    for kind, home in addresses.HOMES.items()
                ],
            ),
        )

    def scorecard_page(self) -> Page:
""",
    ),
    Edit(
        "hooks/explainer/pages/render.py",
        "            self.scorecard_page(),\n",
        "            self.scorecard_page(),\n            self.numbers_page(),\n",
    ),
    Edit("mkdocs.yml", "  - Facts: facts.md\n", "  - Facts: facts.md\n  - In numbers: numbers.md\n"),
]

# --- (c) the look: generated markup, a stylesheet, a theme override ------------------------------
LOOK_EDITS = [
    Edit(TEMPLATES + "actor.md.j2", '<div class="profile-header">', '<div class="profile-header toy-look">'),
    Edit("docs/stylesheets/toy.css", None, ".toy-look { border-left: 3px solid var(--md-accent-fg-color); }\n"),
    Edit(
        "mkdocs.yml",
        "plugins: [search, explainer]\n",
        "plugins: [search, explainer]\nextra_css: [stylesheets/toy.css]\n",
    ),
    Edit(
        "overrides/main.html",
        "{% block extrahead %}\n  {{ super() }}\n",
        '{% block extrahead %}\n  {{ super() }}\n  <meta name="toy-look" content="on">\n',
    ),
]


def checklist_files(section: str) -> set[str]:
    """The file (or folder) each numbered step of one ARCHITECTURE.md checklist starts with."""
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(rf"^### {re.escape(section)}\n(.*?)(?=^#{{2,3}} |\Z)", text, re.M | re.S)
    assert match, f"ARCHITECTURE.md has no section '### {section}'"
    return set(re.findall(r"^\d+\. `([^`]+)`", match.group(1), re.M))


@pytest.mark.parametrize(
    ("section", "edits"),
    [("Adding a content kind", KIND_EDITS), ("Adding a page type", PAGE_EDITS), ("Changing the look", LOOK_EDITS)],
)
def test_each_checklist_names_exactly_the_files_its_edits_touch(section: str, edits: list[Edit]) -> None:
    assert checklist_files(section) == {edit.step for edit in edits}


def apply(root: Path, edits: list[Edit]) -> None:
    for edit in edits:
        target = root / edit.path
        if edit.old is None:
            assert not target.exists(), f"{edit.path} exists already"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(edit.new, encoding="utf-8")
            continue
        text = target.read_text(encoding="utf-8")
        assert text.count(edit.old) == 1, f"{edit.path}: the anchor {edit.old!r} is not there exactly once"
        target.write_text(text.replace(edit.old, edit.new), encoding="utf-8")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A command in the scratch project, with the copied package first on the path."""
    env = {**os.environ, "PYTHONPATH": str(root / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    for name in ("SITE_URL", "REPO_URL"):  # the sample's own addresses, whatever the shell says
        env.pop(name, None)
    return subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scratch project with all three checklists done, built into site/."""
    root = tmp_path_factory.mktemp("extending")
    shutil.copytree(
        REPO / "hooks" / "explainer", root / "hooks" / "explainer", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(SAMPLE, root, dirs_exist_ok=True)
    (root / "mkdocs.yml").write_text(
        mkdocs_yml(root).replace(f"custom_dir: {REPO / 'overrides'}", "custom_dir: overrides")
    )
    apply(root, KIND_EDITS + PAGE_EDITS + LOOK_EDITS)
    with (root / "content" / "updates.yml").open("a", encoding="utf-8") as updates:
        updates.write(NEW_UPDATE)
    done = run(root, str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "site")
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def html(root: Path, page: str) -> str:
    return (root / "site" / page / "index.html").read_text(encoding="utf-8")


def test_the_build_used_the_copied_package(extended: Path) -> None:
    done = run(extended, sys.executable, "-c", "import explainer; print(explainer.__file__)")
    assert Path(done.stdout.strip()).parent == extended / "hooks" / "explainer"


def test_the_new_kind_gets_its_pages_listing_and_links(extended: Path) -> None:
    page = html(extended, "gadgets/mate-60")
    assert "<h1" in page and "Mate 60 Pro" in page
    assert 'href="../../actors/huawei/"' in page and 'href="../../actors/smic/"' in page  # field and text references
    assert '<time datetime="2023-08">August 2023</time>' in page
    assert 'href="mate-60/"' in html(extended, "gadgets")
    assert 'href="gadgets/"' in html(extended, "")  # the listing is in the navigation
    # backlinks follow from the model: the maker's page lists it, and [[gadget:...]] resolves anywhere
    assert 'href="../../gadgets/mate-60/"' in html(extended, "actors/huawei")
    assert 'href="../gadgets/mate-60/"' in html(extended, "whats-new")


def test_the_new_kind_is_published_as_open_data(extended: Path) -> None:
    data = (extended / "site" / "data" / "gadgets.json").read_text(encoding="utf-8")
    assert '"mate-60"' in data and '"maker": "huawei"' in data
    assert (extended / "site" / "data" / "gadget.schema.json").is_file()
    assert "gadgets.json" in html(extended, "data")
    done = run(extended, sys.executable, "-m", "explainer", "schema", "--schemas", "content/schemas")
    assert done.returncode == 0, done.stderr
    assert '"maker"' in (extended / "content" / "schemas" / "gadget.schema.json").read_text(encoding="utf-8")


def test_the_new_kind_is_validated_with_file_line_and_field(extended: Path) -> None:
    bad = extended / "bad-content"
    shutil.copytree(extended / "content", bad)
    (bad / "gadgets.yml").write_text(
        "- id: one\n  name: One\n  maker: huawei\n  released: 2023-13\n  summary: A.\n"
        "- id: two\n  name: Two\n  maker: huawie\n  released: 2023\n  summary: B.\n"
        "- id: three\n  name: Three\n  maker: smic\n  released: 2023\n  sumary: C.\n",
        encoding="utf-8",
    )
    done = run(extended, sys.executable, "-m", "explainer", "--content", str(bad), "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert (
        "bad-content/gadgets.yml:4:13: gadgets[0].released: '2023-13' is not a date: month 13 does not exist" in lines
    )
    assert "bad-content/gadgets.yml:8:10: gadgets[1].maker: unknown actor 'huawie'; did you mean 'huawei'?" in lines
    assert "bad-content/gadgets.yml:15:3: gadgets[2].sumary: unknown field; did you mean 'summary'?" in lines


def test_the_new_page_type_is_built_and_in_the_navigation(extended: Path) -> None:
    page = html(extended, "numbers")
    assert "In numbers" in page
    assert re.search(r'<a href="\.\./gadgets/">Gadgets</a>: <span class="count">1</span>', page)
    assert re.search(r'<a href="\.\./topics/">Topics</a>: <span class="count">2</span>', page)
    assert 'href="numbers/"' in html(extended, "")


def test_the_look_changes_reach_every_page(extended: Path) -> None:
    for page in ("", "numbers", "gadgets/mate-60"):
        assert 'stylesheets/toy.css"' in html(extended, page)
        assert '<meta name="toy-look" content="on">' in html(extended, page)
    assert 'class="profile-header toy-look"' in html(extended, "actors/huawei")
    assert (extended / "site" / "stylesheets" / "toy.css").is_file()


def test_docs_refuses_a_stylesheet_written_as_a_page(extended: Path) -> None:
    """The look's checklist says styles go in .css files: docs/ refuses files a browser runs as pages."""
    docs = extended / "bad-docs"
    shutil.copytree(extended / "docs", docs)
    (docs / "stylesheets" / "toy.html").write_text("<style>.toy-look {}</style>\n", encoding="utf-8")
    done = run(extended, sys.executable, "-m", "explainer", "--docs", str(docs), "check")
    assert done.returncode == 1
    assert "bad-docs/stylesheets/toy.html:1:1: .html files are not allowed in docs/" in done.stderr
