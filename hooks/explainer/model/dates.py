"""Dates at the precision a source supports: a year, a month or a day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
# The same for editors: real months, and days each month can have (29 February passes in any year).
DATE_SCHEMA_PATTERN = (
    r"^(19|[2-9][0-9])[0-9]{2}(-(0[1-9]|1[0-2])|-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
    r"|-(0[13-9]|1[0-2])-(29|30)|-(0[13578]|1[02])-31|-02-29)?$"
)
_DATE_RE = re.compile(DATE_PATTERN)
EARLIEST_YEAR = 1900
_MONTHS = list(calendar.month_name)


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (or a bare year number)."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not _DATE_RE.match(value):
            raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        parts = [int(p) for p in value.split("-")]
        year = parts[0]
        month = parts[1] if len(parts) > 1 else None
        day = parts[2] if len(parts) > 2 else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{value!r} is not a date: month {month} does not exist")
        if month is not None and day is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(
                    f"{value!r} is not a date: {calendar.month_name[month]} {year} has no day {day}"
                ) from None
        if year < EARLIEST_YEAR:
            raise ValueError(f"{value!r} is before {EARLIEST_YEAR}; is the year right?")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day the date can mean: 2025 -> 31 December 2025."""
        if self.day:
            return self.earliest()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self) -> str:
        if self.month and self.day:
            return f"{self.day} {_MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso()
