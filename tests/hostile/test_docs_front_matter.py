"""Hand-written pages' front matter (issue 20, class 8): read without expanding, checked where it lands.

MkDocs reads front matter with PyYAML, which expands aliases: a page of a few lines stood
for billions of values and `make check` and the build ran without end. A search boost of
`.nan` or `.inf` reached search_index.json as NaN/Infinity, which is not JSON, and broke
search for every reader. Front matter is now read as content YAML is (no aliases) before
MkDocs reads it, and each field the theme, the head or the search index takes is checked
for type and range: `docs/<page>:line:col: field: message`, check and build alike.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .bounded import explainer, mkdocs_build_limited
from .support import make_project


def _laughs(levels: int, indent: str = "") -> str:
    """Each line nine aliases of the one before: 9**levels values once expanded."""
    lines = [f"{indent}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{indent}l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


# name -> (page text, the problem expected: "line:col: field: message")
REFUSED = {
    "billion laughs": (
        "---\ndescription: A page.\n" + _laughs(12) + "---\n\n# Page\n",
        "4:10: alias '*l0' is not allowed",
    ),
    "laughs under a key": (
        "---\nsearch:\n" + _laughs(10, "  ") + "---\n\n# Page\n",
        "4:12: alias '*l0' is not allowed",
    ),
    "laughs in a list MkDocs ignores": (
        "---\n- &a [x, x, x, x]\n- [*a, *a, *a, *a]\n---\n\n# Page\n",
        "3:4: alias '*a' is not allowed",
    ),
    "boost nan": (
        "---\nsearch:\n  boost: .nan\n---\n\n# Page\n",
        "3:10: search.boost: must be a number above 0 and at most 10, not nan",
    ),
    "boost inf": (
        "---\nsearch: {boost: .Inf}\n---\n\n# Page\n",
        "2:17: search.boost: must be a number above 0 and at most 10, not inf",
    ),
    "boost negative": ("---\nsearch: {boost: -3}\n---\n\n# Page\n", "2:17: search.boost: must be a number above 0"),
    "boost huge": ("---\nsearch: {boost: 1e308}\n---\n\n# Page\n", "2:17: search.boost: must be a number above 0"),
    "boost as text": (
        "---\nsearch: {boost: high}\n---\n\n# Page\n",
        "2:17: search.boost: must be a number above 0 and at most 10, not high",
    ),
    "boost true": ("---\nsearch: {boost: true}\n---\n\n# Page\n", "2:17: search.boost: must be a number"),
    "exclude not yes/no": (
        "---\nsearch:\n  exclude: sometimes\n---\n\n# Page\n",
        "3:12: search.exclude: must be true or false, not sometimes",
    ),
    "unknown search setting": ("---\nsearch: {rank: 1}\n---\n\n# Page\n", "2:16: search.rank: not a search setting"),
    "search not a mapping": ("---\nsearch: [1]\n---\n\n# Page\n", "2:9: search: must be a mapping"),
    "title a mapping": ("---\ntitle: {a: 1}\n---\n\n# Page\n", "2:8: title: must be text"),
    "title a number": ("---\ntitle: 1.0e+400\n---\n\n# Page\n", "2:8: title: must be text, not inf"),
    "description too long": (
        "---\ndescription: " + "x" * 401 + "\n---\n\n# Page\n",
        "2:14: description: 401 characters; at most 400",
    ),
    "hide unknown part": ("---\nhide: [toc, header]\n---\n\n# Page\n", "2:7: hide: must be a list of some of"),
    "hide as text": ("---\nhide: toc\n---\n\n# Page\n", "2:7: hide: must be a list"),
    "template": (
        "---\ntemplate: 404.html\n---\n\n# Page\n",
        "2:11: template: a page's template is chosen by the site's code",
    ),
    "icon climbs out": (
        "---\nicon: ../../../etc/passwd\n---\n\n# Page\n",
        "2:7: icon: ../../../etc/passwd is not an icon name",
    ),
    "status with spaces": ("---\nstatus: new x\n---\n\n# Page\n", "2:9: status: new x is not a status name"),
    "the hook's own field": (
        "---\njson_ld: [{'@type': Thing}]\n---\n\n# Page\n",
        "2:10: json_ld: not a field the site reads",
    ),
    "duplicate key": ("---\ntitle: A\ntitle: B\n---\n\n# Page\n", "3:1: title: duplicate key"),
    "python tag": (
        "---\ntitle: !!python/object/apply:os.system [id]\n---\n\n# Page\n",
        "2:8: tag '!!python/object/apply:os.system' is not allowed",
    ),
    "MultiMarkdown template": ("Title: A page\nTemplate: 404.html\n\n# Page\n", "2:11: template: a page's template"),
    "MultiMarkdown search": ("Search: boost 2\n\n# Page\n", "1:9: search: must be a mapping"),
}
ALLOWED = """\
---
title: A page
subtitle: With a subtitle
description: "Everything front matter may set."
icon: material/chip
status: new
hide: [toc, footer]
tags: [chips, export controls]
search:
  boost: 2.5
  exclude: false
---

# A page
"""


def _name(case: str) -> str:
    return "fm-" + "".join(c if c.isalnum() else "-" for c in case) + ".md"


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("front-matter") / "project")
    for case, (text, _) in REFUSED.items():
        (project / "docs" / _name(case)).write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def check_output(hostile_project) -> str:
    result = explainer(hostile_project, "check", cpu_seconds=60)  # expanding one bomb would take hours
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("case", list(REFUSED), ids=str)
def test_check_refuses_it_in_place(check_output, case):
    expected = f"docs/{_name(case)}:{REFUSED[case][1]}"
    assert expected in check_output, f"{expected!r} not in:\n{check_output}"


def test_the_build_stops_before_mkdocs_reads_it(hostile_project, tmp_path):
    """Under a CPU ceiling: MkDocs' own reading of the bomb would never end."""
    result = mkdocs_build_limited(hostile_project, tmp_path / "site", cpu_seconds=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    for case, (_, expected) in REFUSED.items():
        assert f"docs/{_name(case)}:{expected}" in output, output
    assert not (tmp_path / "site" / "search" / "search_index.json").exists()


def test_allowed_front_matter_builds_a_valid_search_index(tmp_path):
    """The site has its own search, but another site of the generator may use Material's: its
    index takes front matter's boost, so that is where a non-finite one would break search."""
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n", 1))
    (project / "docs" / "allowed.md").write_text(ALLOWED, encoding="utf-8")
    assert explainer(project, "check").returncode == 0
    built = mkdocs_build_limited(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    index = (tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    entries = json.loads(index, parse_constant=lambda name: pytest.fail(f"{name} in search_index.json"))["docs"]
    assert any(e.get("boost") == 2.5 for e in entries), "the page's boost did not reach the index"
