"""Problems found in content, reported as `path:line:column: field: message`."""

from __future__ import annotations

from dataclasses import dataclass

# Messages quote what was written: a value of a million characters is shown by its start.
MAX_MESSAGE = 500


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
        message = self.message if len(self.message) <= MAX_MESSAGE else self.message[: MAX_MESSAGE - 1] + "…"
        return f"{where}: {label}{field}{message}"


class ContentError(Exception):
    """Raised with every error found, so a contributor sees all of them at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(shown_problems(self.problems)))


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


# A file can hold thousands of problems; past this many, a contributor learns more from a count.
MAX_SHOWN = 200


def shown_problems(problems: list[Problem], limit: int = MAX_SHOWN) -> list[str]:
    """The lines to print: every problem, or the first `limit` (errors before warnings) and how many more."""
    if len(problems) <= limit:
        return [str(p) for p in problems]
    first = sorted(problems, key=lambda p: p.severity != "error")[:limit]  # stable: file order kept
    hidden = len(problems) - limit
    return [str(p) for p in sorted(first)] + [f"… and {hidden} more problem(s) not shown; fix these and run again"]
