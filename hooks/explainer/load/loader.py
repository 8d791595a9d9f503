"""Load stage: content/ files -> typed records that remember file and line."""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from explainer.load.plainfiles import plain_file_problem
from explainer.load.yamlio import MAX_FILE_BYTES, Located, load_yaml_file
from explainer.model.kinds import KINDS, SLUG_PATTERN, Item
from explainer.model.problems import ContentError, Problem
from explainer.text.refs import Loc, Reference, references

ItemT = TypeVar("ItemT", bound=Item)


@dataclass(frozen=True)
class Record:
    """One item with the place it came from, and the references it makes (parsed once, here)."""

    kind: str
    item: Item
    located: Located
    index: int
    refs: tuple[Reference, ...] = ()

    @property
    def file(self) -> str:
        return self.located.path

    def field_path(self, *loc: str | int) -> str:
        return format_loc(KINDS[self.kind].PLURAL, (self.index, *loc))

    def where(self, *loc: str | int, key: bool = False) -> tuple[int, int]:
        return self.located.where((self.index, *loc), key=key)

    def problem(self, loc: Loc, message: str, severity: str = "error") -> Problem:
        line, col = self.where(*loc)
        return Problem(self.file, line, col, self.field_path(*loc), message, severity)


@dataclass
class Content:
    records: dict[str, list[Record]]
    # ids of items that failed to load: references to them are not reported again
    broken_ids: dict[str, set[str]] = field(default_factory=dict)

    def of(self, kind: str) -> list[Record]:
        return self.records.get(kind, [])

    def all(self) -> Iterator[Record]:
        for kind in KINDS:
            yield from self.of(kind)

    def typed(self, cls: type[ItemT]) -> Iterator[tuple[Record, ItemT]]:
        """(record, item) for every item of a kind, the item typed as its model."""
        for record in self.of(cls.KIND):
            if isinstance(record.item, cls):
                yield record, record.item


def format_loc(root: str, loc: Loc) -> str:
    text = root
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


_SAFE_FILE_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*\.yml$")
# Files beside the items that configure checks rather than hold items (hosts.py reads hosts.yml).
SETTINGS_FILES = ("hosts.yml",)


def content_files(content_dir: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """Each kind lives in `<plural>.yml` or in `<plural>/*.yml`, one list per file."""
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    plural_to_kind = {cls.PLURAL: kind for kind, cls in KINDS.items()}
    for path in sorted(content_dir.rglob("*")):
        rel = path.relative_to(content_dir)
        if path.is_dir() and path.is_symlink():  # never followed: say so rather than skip its files unseen
            message = "a link to a folder; content folders must be real folders (links are never followed)"
            problems.append(Problem(display(path, content_dir), 1, 1, "", message))
            continue
        if path.is_dir() or any(part.startswith(".") for part in rel.parts) or str(rel) in SETTINGS_FILES:
            continue
        stem = rel.parts[0].removesuffix(".yml") if len(rel.parts) == 1 else rel.parts[0]
        ok_suffix = path.suffix == ".yml"
        if stem in plural_to_kind and ok_suffix and len(rel.parts) <= 2:
            found.append((plural_to_kind[stem], path))  # loaded all the same, so its ids do not cascade
            if not _SAFE_FILE_NAME_RE.match(path.name):
                shown = "".join(c if c.isprintable() else "?" for c in display(path, content_dir))
                problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        "",
                        "a content file name may hold only lower-case letters, "
                        "digits, '-' and '_' (it becomes part of the page's edit link)",
                    )
                )
        elif path.suffix in (".yml", ".yaml"):
            expected = ", ".join(f"{p}.yml" for p in plural_to_kind)
            problems.append(
                Problem(
                    display(path, content_dir),
                    1,
                    1,
                    "",
                    f"not a content file; expected one of {expected} (or a folder of that name holding .yml files)",
                )
            )
    return found, problems


def display(path: Path, content_dir: Path) -> str:
    """Paths in messages are relative to the project, as contributors see them."""
    try:
        return str(path.relative_to(content_dir.parent))
    except ValueError:
        return str(path)


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the (sub)model that holds the field at `loc` inside an item."""
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation
        nested = next(
            (a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)), None
        )
        if nested is None:
            break
        model = nested
    return list(model.model_fields)


def _pydantic_problem(record_path: str, located: Located, kind: str, index: int, error: ErrorDetails) -> Problem:
    loc = (index, *error["loc"])
    plural = KINDS[kind].PLURAL
    kind_of_error = error["type"]
    if kind_of_error == "extra_forbidden":
        line, col = located.where(loc, key=True)
        fields = _fields_at(KINDS[kind], error["loc"])
        hint = difflib.get_close_matches(str(loc[-1]), fields, n=1)
        message = (
            f"unknown field; did you mean '{hint[0]}'?"
            if hint
            else f"unknown field; expected one of: {', '.join(fields)}"
        )
    elif kind_of_error == "missing":
        line, col = located.where(loc[:-1])
        message = "required field is missing"
    else:
        line, col = located.where(loc)
        message = error["msg"].removeprefix("Value error, ")
        if kind_of_error == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == SLUG_PATTERN:
            message = (
                f"{error['input']!r}"[:60]
                + " is not an id: use lower-case letters, digits and hyphens, e.g. 'annual-report-2024'"
            )
        if kind_of_error in ("string_type", "list_type", "int_type", "model_type", "dict_type"):
            message += f", got {error['input']!r}"[:120]
    return Problem(record_path, line, col, format_loc(plural, loc), message)


def _fold_typos(problems: list[Problem]) -> list[Problem]:
    """A misspelt required field is one mistake, not two: keep the 'did you mean' line."""
    meant = {}
    for p in problems:
        if "did you mean '" in p.message:
            parent = p.field.rsplit(".", 1)[0]
            meant[f"{parent}.{p.message.split(chr(39))[1]}"] = p
    kept = []
    for p in problems:
        if p.message == "required field is missing" and p.field in meant:
            continue
        kept.append(p)
    return kept


_ID_LINE_RE = re.compile(r"^[ \t-]*id:[ \t]*['\"]?([a-z0-9]+(?:-[a-z0-9]+)*)['\"]?[ \t]*(?:#.*)?$", re.M)


def _ids_in_unreadable(file: Path) -> set[str]:
    """Ids a file that failed to parse seems to hold, so references to them do not cascade into errors."""
    try:
        if plain_file_problem(file, "", "", MAX_FILE_BYTES):
            return set()
        return set(_ID_LINE_RE.findall(file.read_bytes().decode("utf-8", "replace")))
    except OSError:  # unreadable: its own problem is reported already
        return set()


def load_file(
    kind: str, file: Path, shown: str, broken_ids: set[str] | None = None
) -> tuple[list[Record], list[Problem]]:
    try:
        located = load_yaml_file(file, shown, KINDS[kind].PLURAL)
    except ContentError as exc:
        if broken_ids is not None:
            broken_ids.update(_ids_in_unreadable(file))
        return [], exc.problems
    model = KINDS[kind]
    plural = model.PLURAL
    if located.data is None:
        return [], [Problem(shown, 1, 1, "", f"file is empty; expected a list of {plural}")]
    if not isinstance(located.data, list):
        found = type(located.data).__name__.replace("dict", "mapping").replace("str", "text")
        return [], [Problem(shown, 1, 1, "", f"expected a list of {plural} (lines starting with '- '), found {found}")]
    records, problems = [], []
    for index, raw in enumerate(located.data):
        if not isinstance(raw, dict):
            line, col = located.where((index,))
            problems.append(
                Problem(shown, line, col, format_loc(plural, (index,)), f"expected a mapping of fields for one {kind}")
            )
            continue
        try:
            item = model.model_validate(raw)
        except ValidationError as exc:
            problems.extend(_fold_typos([_pydantic_problem(shown, located, kind, index, e) for e in exc.errors()]))
            if broken_ids is not None and isinstance(raw.get("id"), str):
                broken_ids.add(raw["id"])
            continue
        records.append(Record(kind, item, located, index, tuple(references(kind, item))))
    return records, problems


def load_content(content_dir: Path) -> tuple[Content, list[Problem]]:
    """Load every content file; return what loaded and every problem found."""
    files, problems = content_files(content_dir)
    records: dict[str, list[Record]] = {kind: [] for kind in KINDS}
    broken: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for kind, file in files:
        loaded, found = load_file(kind, file, display(file, content_dir), broken[kind])
        records[kind].extend(loaded)
        problems.extend(found)
    if not content_dir.is_dir():
        problems.append(Problem(str(content_dir), 1, 1, "", "content folder not found"))
    return Content(records, broken), problems
