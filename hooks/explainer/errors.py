"""Problems found in content, reported as `path:line:column: field: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"  # "error" stops the build; "warning" does not

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        label = "warning: " if self.severity == "warning" else ""
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {label}{field}{self.message}"


class ContentError(Exception):
    """Raised with every error found, so a contributor sees all of them at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
