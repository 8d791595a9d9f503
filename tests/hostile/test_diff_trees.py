"""`explainer diff` on commits whose trees hold entries no checkout would write, made with git
plumbing: it stops with one clear line, exit 1, and writes nothing outside its temporary folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .support import ENV, PYTHON

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}
DIR, FILE, LINK, SUBMODULE = b"40000", b"100644", b"120000", b"160000"


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> str:
    env = {**GIT_ENV, "HOME": str(repo)}
    done = subprocess.run(["git", *args], cwd=repo, env=env, input=stdin, capture_output=True, timeout=60, check=True)
    return done.stdout.decode().strip()


def _blob(repo: Path, data: bytes) -> str:
    return _git(repo, "hash-object", "-w", "--stdin", stdin=data)


def _tree(repo: Path, *entries: tuple[bytes, bytes, str]) -> str:
    """A tree object written byte by byte: git mktree would refuse most of these names."""
    raw = b"".join(mode + b" " + name + b"\0" + bytes.fromhex(oid) for mode, name, oid in entries)
    return _git(repo, "hash-object", "-w", "-t", "tree", "--literally", "--stdin", stdin=raw)


def _commit(repo: Path, tree: str, parent: str) -> str:
    return _git(repo, "commit-tree", tree, "-p", parent, "-m", "odd tree")


@pytest.fixture
def scratch(tmp_path: Path) -> tuple[Path, str]:
    """A repository with one ordinary commit, and an empty folder for the diff's temporary files."""
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    (repo / "content" / "notes.txt").write_text("ordinary\n")
    _git(repo, "init", "--quiet", "--initial-branch=main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "--quiet", "-m", "base")
    (tmp_path / "tmp").mkdir()
    return repo, _git(repo, "rev-parse", "HEAD")


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if ".git" not in p.relative_to(root).parts[:2]}


def _diff(repo: Path, base: str, head: str) -> subprocess.CompletedProcess:
    env = {**ENV, "TMPDIR": str(repo.parent / "tmp")}
    return subprocess.run(
        [PYTHON, "-m", "explainer", "diff", base, head],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Each case: the entries of a tree placed at content/ (or, for "root", the whole commit's tree),
# and words the message must hold. A name that climbs out climbs only as far as the test's own
# folder (tmp/explainer-diff-*/head/content is four below it), so a regression stays in the sandbox.
def _cases(repo: Path, tmp_path: Path) -> dict[str, tuple[str, str]]:
    payload = _blob(repo, b"- id: pwned\n")
    escaped = b"../../../../escaped.yml"

    def content(*entries: tuple[bytes, bytes, str]) -> str:
        return _tree(repo, (DIR, b"content", _tree(repo, *entries)))

    nested = payload
    for name in (b"escaped.yml", b"..", b"..", b"..", b".."):  # content/../../../../escaped.yml, part by part
        nested = _tree(repo, (DIR if name == b".." else FILE, name, nested))
    folder_b = _tree(repo, (FILE, b"b.yml", payload))
    absolute = str(tmp_path / "escaped-absolute.yml").encode()
    return {
        "dot-dot parts": (_tree(repo, (DIR, b"content", nested)), "'..'"),
        "a name with slashes that climbs": (content((FILE, escaped, payload)), "'..'"),
        "an absolute name": (content((FILE, absolute, payload)), "is not a file or folder name"),
        "a backslash name": (content((FILE, b"..\\..\\..\\..\\escaped.yml", payload)), "is not a file or folder"),
        "a .git folder": (content((DIR, b".git", _tree(repo, (FILE, b"config", payload)))), "'.git'"),
        "a .GIT folder": (content((DIR, b".GIT", _tree(repo, (FILE, b"hooks", payload)))), "'.GIT'"),
        "a newline in a name": (content((FILE, b"a\nb.yml", payload)), "is not a file or folder name"),
        "a name that is not UTF-8": (content((FILE, b"\xff\xfe.yml", payload)), "not UTF-8"),
        "a symbolic link": (content((LINK, b"facts.yml", _blob(repo, b"/etc/passwd"))), "a symbolic link"),
        "a submodule": (content((SUBMODULE, b"vendor", "1" * 40)), "a submodule"),
        "a file and a folder of one name": (content((FILE, b"b", payload), (DIR, b"b", folder_b)), "file and a folder"),
        "one name twice": (content((FILE, b"a.yml", payload), (FILE, b"a.yml", payload)), "there twice"),
        "content is a file": (_tree(repo, (FILE, b"content", payload)), "not a folder"),
        "a missing object": (content((FILE, b"a.yml", "2" * 40)), "is missing"),
    }


CASES = [
    "dot-dot parts",
    "a name with slashes that climbs",
    "an absolute name",
    "a backslash name",
    "a .git folder",
    "a .GIT folder",
    "a newline in a name",
    "a name that is not UTF-8",
    "a symbolic link",
    "a submodule",
    "a file and a folder of one name",
    "one name twice",
    "content is a file",
    "a missing object",
]


@pytest.mark.parametrize("case", CASES)
def test_an_odd_tree_is_one_clear_line_and_nothing_is_written_outside(scratch, tmp_path: Path, case: str):
    repo, base = scratch
    cases = _cases(repo, tmp_path)
    assert list(cases) == CASES
    tree, expected = cases[case]
    head = _commit(repo, tree, base)
    before = _files(tmp_path)
    for first, second in ((base, head), (head, base)):  # the odd tree on either side
        result = _diff(repo, first, second)
        assert result.returncode == 1, result.stdout
        assert "Traceback" not in result.stderr
        [line] = result.stderr.splitlines()
        assert line.startswith("explainer diff: ") and expected in line, line
        assert head[:12] in line
    assert _files(tmp_path) == before, "something was written outside the diff's temporary folder"
    assert not list((tmp_path / "tmp").iterdir()), "the temporary folder was left behind"


def test_an_ordinary_tree_still_compares(scratch):
    repo, base = scratch
    (repo / "content" / "more.txt").write_text("more\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "--quiet", "-m", "more")
    result = _diff(repo, base, "HEAD")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
