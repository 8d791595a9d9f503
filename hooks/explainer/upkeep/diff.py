"""What a change does to the content: items added, removed and changed between two git revisions.

Each revision's content/ is read from git into a temporary folder and loaded by the same loader
the build uses, so both sides are read exactly as the site reads them; items are matched by kind
and id, and a changed item names the fields that differ. Items that fail to load at a revision
are left out of that side, and the command says how many problems it met.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from explainer.load.loader import load_content
from explainer.model.kinds import KINDS
from explainer.model.labels import plain_label
from explainer.model.problems import errors_only
from explainer.upkeep.github_text import STEP_SUMMARY_LIMIT, Section, code, fit, inert, more_line

LABEL_LENGTH = 80
_LABEL_FIELDS = ("title", "term", "name", "statement")  # the first an item has names it


class DiffError(Exception):
    """A revision git does not know, or no git at all."""


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise DiffError(f"git could not run: {exc}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


def resolve(repo: Path, revision: str) -> str:
    """The full commit id of `revision`; never read as an option, whatever it says."""
    if not revision or revision.startswith("-"):
        raise DiffError(f"{revision!r} is not a revision")
    try:
        return (
            _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
            .decode()
            .strip()
        )
    except DiffError:
        raise DiffError(f"{revision!r} is not a commit in this repository") from None


_REGULAR_FILES = ("100644", "100755")
_EXPORT_LIMIT = 256 * 1024 * 1024  # bytes of content a revision may hold before the diff gives up
_FORBIDDEN_NAME_RE = re.compile(r"[\\\x00-\x1f\x7f:]")


def _safe_parts(name: str, prefix: str, commit: str) -> tuple[str, ...]:
    """The path below the content folder, one plain name per part; DiffError for anything that could
    climb out of the copy or is not a name a checkout would write."""
    where = f"{commit[:12]}: tree entry {name[:200]!r}"
    if not name.startswith(prefix):
        raise DiffError(f"{where} is not under {prefix.rstrip('/')}/")
    parts = tuple(name[len(prefix) :].split("/"))
    for part in parts:
        if part in ("", ".", "..") or part.lower().rstrip(". ") == ".git" or _FORBIDDEN_NAME_RE.search(part):
            raise DiffError(f"{where}: {part!r} is not a file or folder name content may hold")
    return parts


def _listing(repo: Path, commit: str, content: str) -> list[tuple[str, tuple[str, ...]]]:
    """(blob id, path parts below the content folder) for each file, after checking the whole tree."""
    raw = _git(repo, "--literal-pathspecs", "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", content)
    prefix = content.strip("/") + "/"
    entries: list[tuple[str, tuple[str, ...]]] = []
    files: set[tuple[str, ...]] = set()
    folders: set[tuple[str, ...]] = set()
    total = 0
    for line in raw.split(b"\0"):
        if not line:
            continue
        meta, _, encoded = line.partition(b"\t")
        try:
            name = encoded.decode("utf-8")
            mode, kind, oid, size = meta.decode("ascii").split()
        except (UnicodeDecodeError, ValueError):
            raise DiffError(f"{commit[:12]}: tree entry {encoded[:200]!r} has a name that is not UTF-8") from None
        if name == content.strip("/"):
            raise DiffError(f"{commit[:12]}: {name} is a {kind}, not a folder")
        parts = _safe_parts(name, prefix, commit)
        if kind != "blob" or mode not in _REGULAR_FILES:
            what = {"120000": "a symbolic link", "160000": "a submodule"}.get(mode, f"a {kind} of mode {mode}")
            raise DiffError(f"{commit[:12]}: {name} is {what}; content holds only regular files")
        if parts in files or parts in folders or any(parts[:n] in files for n in range(1, len(parts))):
            raise DiffError(f"{commit[:12]}: {name} is there twice, or as a file and a folder at once")
        if not size.isdigit():  # git prints BAD for an object it does not have
            raise DiffError(f"{commit[:12]}: {name}: object {oid} is missing from the repository")
        files.add(parts)
        folders.update(parts[:n] for n in range(1, len(parts)))
        total += int(size)
        if total > _EXPORT_LIMIT:
            raise DiffError(f"{commit[:12]}: more than {_EXPORT_LIMIT >> 20} MiB under {content}; not compared")
        entries.append((oid, parts))
    return entries


def export_content(repo: Path, commit: str, content: str, into: Path) -> Path:
    """Write the regular files under `content` at `commit` into `into`; return the copy's content folder.

    A tree can hold entries no checkout would write (`..`, `.git`, names with a slash or a
    backslash, links, submodules, a file and a folder of one name): any of them stops the diff
    with a DiffError before anything is written, and each file is created new, inside `into`."""
    entries = _listing(repo, commit, content)
    blobs = _git(repo, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid, _ in entries).encode())
    folder = into.joinpath(*PurePosixPath(content).parts)
    folder.mkdir(parents=True, exist_ok=True)
    top = folder.resolve()
    at = 0
    for oid, parts in entries:  # cat-file answers in the order asked
        header_end = blobs.find(b"\n", at)
        header = blobs[at:header_end].split()
        if header_end < 0 or len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
            raise DiffError(f"{commit[:12]}: object {oid} of {'/'.join(parts)} could not be read")
        size = int(header[2])
        target = folder.joinpath(*parts)
        if not target.parent.resolve().is_relative_to(top):  # cannot happen after _listing; never write outside
            raise DiffError(f"{commit[:12]}: {'/'.join(parts)} would be written outside the copy")
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as out:  # "x": never through something already there
            out.write(blobs[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1  # the blob is followed by a newline
    return folder


@dataclass(frozen=True)
class Change:
    kind: str
    id: str
    label: str
    fields: tuple[str, ...] = ()  # for a changed item: the fields that differ
    unreadable: str = ""  # "base" or "head": the side where the item is there but did not load


@dataclass
class KindDiff:
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class ContentDiff:
    base: str  # the revisions as given
    head: str
    commits: tuple[str, str]  # their full commit ids
    kinds: dict[str, KindDiff]
    problems: dict[str, int]  # revision as given -> errors met while loading it

    @property
    def empty(self) -> bool:
        return not any(self.kinds.values())


def _label(item: dict[str, Any]) -> str:
    return plain_label(next((str(item[name]) for name in _LABEL_FIELDS if item.get(name)), ""), LABEL_LENGTH)


Items = dict[str, dict[str, dict[str, Any]]]  # kind -> id -> fields as JSON


@dataclass
class Side:
    """One revision's content: the items that loaded, the ids of those that did not, the error count."""

    items: Items
    broken: dict[str, set[str]]
    errors: int


def _side(content_dir: Path) -> Side:
    content, problems = load_content(content_dir)
    items: Items = {}
    for kind in KINDS:
        by_id: dict[str, dict[str, Any]] = {}
        for record in content.of(kind):
            by_id.setdefault(record.item.id, record.item.model_dump(mode="json"))
        items[kind] = by_id
    return Side(items, content.broken_ids, len(errors_only(problems)))


def compare(base: Side, head: Side) -> dict[str, KindDiff]:
    diffs = {}
    for kind in KINDS:
        before, after = base.items.get(kind, {}), head.items.get(kind, {})
        broken_before, broken_after = base.broken.get(kind, set()), head.broken.get(kind, set())
        diff = KindDiff()
        for ident in sorted(after.keys() - before.keys()):
            # there at base too, but unreadable there (often: the model changed): not new
            unreadable = "base" if ident in broken_before else ""
            (diff.changed if unreadable else diff.added).append(
                Change(kind, ident, _label(after[ident]), unreadable=unreadable)
            )
        for ident in sorted(before.keys() - after.keys()):
            unreadable = "head" if ident in broken_after else ""
            (diff.changed if unreadable else diff.removed).append(
                Change(kind, ident, _label(before[ident]), unreadable=unreadable)
            )
        for ident in sorted(before.keys() & after.keys()):
            old, new = before[ident], after[ident]
            fields = tuple(name for name in new if old.get(name) != new.get(name))
            if fields:
                diff.changed.append(Change(kind, ident, _label(new), fields))
        diff.changed.sort(key=lambda c: c.id)
        diffs[kind] = diff
    return diffs


def content_diff(repo: Path, content: str, base: str, head: str) -> ContentDiff:
    """Compare the content folder (a path relative to the repository's top) at two revisions."""
    commits = resolve(repo, base), resolve(repo, head)
    with tempfile.TemporaryDirectory(prefix="explainer-diff-") as tmp:
        before, after = (
            _side(export_content(repo, commit, content, Path(tmp) / side))
            for side, commit in zip(("base", "head"), commits, strict=True)
        )
    problems = {label: side.errors for label, side in ((base, before), (head, after)) if side.errors}
    return ContentDiff(base, head, commits, compare(before, after), problems)


def repository_of(content_dir: Path) -> tuple[Path, str]:
    """The git repository holding `content_dir`, and the folder's path inside it."""
    folder = content_dir.resolve()
    top = Path(_git(folder.parent, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    try:
        return top, folder.relative_to(top).as_posix()
    except ValueError:
        raise DiffError(f"{content_dir} is not inside the git repository at {top}") from None


def _counts(diff: KindDiff) -> str:
    parts = [(len(diff.added), "added"), (len(diff.changed), "changed"), (len(diff.removed), "removed")]
    return ", ".join(f"{n} {what}" for n, what in parts if n)


_code = code  # _what_changed's flag shadows the name


def _what_changed(change: Change, result: ContentDiff, names: dict[str, str] | None = None, code: bool = False) -> str:
    if change.unreadable:
        revision = result.base if change.unreadable == "base" else result.head
        shown = (names or {}).get(revision, revision)
        return f"it did not load at `{shown}`" if code else f"it did not load at {shown}"
    return ", ".join(_code(f) if code else f for f in change.fields)


def to_text(result: ContentDiff) -> str:
    lines = []
    for revision, count in result.problems.items():
        lines.append(f"note: {revision} has {count} content error(s); items that did not load are left out")
    if result.empty:
        return "\n".join([*lines, f"no content changes between {result.base} and {result.head}"]) + "\n"
    for kind, diff in result.kinds.items():
        if not diff:
            continue
        lines.append(f"{KINDS[kind].PLURAL}: {_counts(diff)}")
        lines += [f"  + {kind}:{c.id}  {c.label}" for c in diff.added]
        lines += [f"  ~ {kind}:{c.id}  {c.label}  ({_what_changed(c, result)})" for c in diff.changed]
        lines += [f"  - {kind}:{c.id}  {c.label}" for c in diff.removed]
    return "\n".join(lines) + "\n"


def to_markdown(result: ContentDiff, limit: int = STEP_SUMMARY_LIMIT, full_list: str = "") -> str:
    """The same as a Markdown summary (the pull request workflow's job summary). Content text pings
    no one; past `limit`, the items that fit and "… and N more" with `full_list`."""
    short = dict(zip((result.base, result.head), (c[:12] for c in result.commits), strict=True))
    lines = [
        "## What this change does to the content",
        "",
        f"From `{short[result.base]}` to `{short[result.head]}`.",
        "",
    ]
    for revision, count in result.problems.items():
        lines += [
            f"> **Note:** `{short[revision]}` has {count} content error(s); items that did not load are left out.",
            "",
        ]
    if result.empty:
        return "\n".join([*lines, "No content changes."]) + "\n"
    sections: list[Section] = []
    for kind, diff in result.kinds.items():
        if not diff:
            continue
        items = [f"- added {code(f'{kind}:{c.id}')}: {inert(c.label)}" for c in diff.added]
        items += [
            f"- changed {code(f'{kind}:{c.id}')} ({_what_changed(c, result, short, code=True)}): {inert(c.label)}"
            for c in diff.changed
        ]
        items += [f"- removed {code(f'{kind}:{c.id}')}: {inert(c.label)}" for c in diff.removed]
        opening = [f"### {KINDS[kind].PLURAL.capitalize()}: {_counts(diff)}", ""]
        sections.append(([""] * bool(sections) + opening, items))
    return fit(lines, sections, limit, lambda left: more_line(left, full_list)).rstrip("\n") + "\n"
