"""`explainer diff BASE HEAD` on a real git repository made for the test: two commits of the sample
content, with items added, removed, changed and moved between files."""

from __future__ import annotations

from pathlib import Path

import pytest
from explainer.upkeep.diff import DiffError, resolve
from upkeep_support import explainer, git, make_project

NEW_FACT = """- id: huawei-ascend-910c
  statement: "[[actor:huawei|Huawei]] ships the <b>Ascend 910C</b> to Chinese cloud firms, says [[actor:huawei]]."
  kind: claim
  said_by: huawei
  as_of: 2025-04
  sources: [newsweek-iflytek-2025]
"""
K_VISA = """- id: k-visa
  term: K visa
  definition: A Chinese visa category for young foreign science and technology talent, in force from 1 October 2025.
"""


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str, str]:
    """A repository with the sample content (base) and a commit that changes it (head)."""
    root = make_project(tmp_path)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "sample")
    base = git(root, "rev-parse", "HEAD").strip()
    content = root / "content"
    (content / "facts.yml").write_text((content / "facts.yml").read_text() + NEW_FACT)
    events = content / "events.yml"
    events.write_text(
        events.read_text()
        .replace("title: SMIC is added to the Entity List", "title: SMIC joins the Entity List")
        .replace("date: 2020-12-18\n  title: SMIC", "date: 2020-12\n  title: SMIC")
    )
    terms = content / "terms.yml"
    terms.write_text(terms.read_text().replace(K_VISA, ""))
    (content / "actors").mkdir()
    git(root, "mv", "content/actors.yml", "content/actors/all.yml")  # moved between files, not changed
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "change")
    return root, base, git(root, "rev-parse", "HEAD").strip()


def test_lists_added_removed_and_changed_items_per_kind_with_the_fields(repo):
    root, base, head = repo
    result = explainer("diff", base, head, cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "terms: 1 removed",
        "  - term:k-visa  K visa",
        "events: 1 changed",
        "  ~ event:smic-entity-list  SMIC joins the Entity List  (date, title)",
        "facts: 1 added",
        "  + fact:huawei-ascend-910c  Huawei ships the <b>Ascend 910C</b> to Chinese cloud firms, says huawei.",
    ]


def test_markdown_is_a_summary_with_content_text_escaped(repo):
    root, base, head = repo
    result = explainer("diff", base, "HEAD", "--format", "markdown", cwd=root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["## What this change does to the content", "", f"From `{base[:12]}` to `{head[:12]}`."]
    assert "### Terms: 1 removed" in lines and "- removed `term:k-visa`: K visa" in lines
    assert "- changed `event:smic-entity-list` (`date`, `title`): SMIC joins the Entity List" in lines
    added = next(line for line in lines if line.startswith("- added `fact:huawei-ascend-910c`"))
    assert "<b>" not in added and "&lt;b&gt;Ascend 910C&lt;/b&gt;" in added and "[[" not in added
    assert "### Actors" not in result.stdout, "items moved to another file are not changes"


def test_the_same_revision_twice_has_no_changes(repo):
    root, _, head = repo
    result = explainer("diff", head, head, cwd=root)
    assert result.stdout == f"no content changes between {head} and {head}\n"
    markdown = explainer("diff", "HEAD", "HEAD", "--format", "markdown", cwd=root).stdout
    assert markdown.rstrip().endswith("No content changes.")


def test_content_that_does_not_load_is_named_and_its_items_not_called_new(repo):
    root, base, _ = repo
    events = root / "content" / "events.yml"
    events.write_text(events.read_text().replace("date: 2018-10-10", "date: 2018-13-10"))
    git(root, "commit", "--quiet", "-am", "broken date")
    result = explainer("diff", base, "HEAD", cwd=root)
    assert result.stdout.splitlines()[0] == "note: HEAD has 1 content error(s); items that did not load are left out"
    assert "  ~ event:huawei-ascend-310-launch  Huawei launches the Ascend 310 AI chip  (it did not load at HEAD)" in (
        result.stdout.splitlines()
    )
    assert "- event:huawei-ascend-310-launch" not in result.stdout


def test_an_unknown_revision_is_one_clear_line(repo):
    root, base, _ = repo
    result = explainer("diff", base, "no-such-branch", cwd=root)
    assert result.returncode == 1
    assert result.stderr == "explainer diff: 'no-such-branch' is not a commit in this repository\n"


def test_a_revision_is_never_read_as_an_option(repo):
    root, _, _ = repo
    with pytest.raises(DiffError, match="is not a revision"):
        resolve(root, "--output=/tmp/x")
    result = explainer("diff", "--", "--all", "HEAD", cwd=root)
    assert result.returncode == 1 and "'--all' is not a revision" in result.stderr


def test_outside_a_repository_it_says_so(tmp_path: Path):
    project = make_project(tmp_path)
    result = explainer("diff", "HEAD~1", "HEAD", cwd=project, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.returncode == 1 and result.stderr.startswith("explainer diff: ") and "Traceback" not in result.stderr
