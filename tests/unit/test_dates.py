import datetime as dt

import pytest
from explainer.model.dates import PartialDate


@pytest.mark.parametrize(
    "text, precision, shown",
    [
        ("2019", "year", "2019"),
        (2019, "year", "2019"),
        ("2019-10", "month", "October 2019"),
        ("2019-10-07", "day", "7 October 2019"),
    ],
)
def test_dates_keep_their_precision(text, precision, shown):
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert date.display() == shown
    assert date.iso() == str(text)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("2019-13-01", "month 13 does not exist"),
        ("2019-02-30", "February 2019 has no day 30"),
        ("2023-02-29", "has no day 29"),
        ("19-10-07", "is not a date"),
        ("1850", "before 1900"),
        ("7 Oct 2019", "is not a date"),
        (True, "is not a date"),
    ],
)
def test_impossible_dates_are_refused(text, reason):
    with pytest.raises(ValueError, match=reason):
        PartialDate.parse(text)


def test_leap_day_exists_and_partial_dates_sort_by_earliest_day():
    assert PartialDate.parse("2024-02-29").day == 29
    assert sorted(["2019-10-07", "2019", "2019-10"], key=lambda t: PartialDate.parse(t).earliest()) == [
        "2019",
        "2019-10",
        "2019-10-07",
    ]


def test_latest_is_the_last_day_a_date_can_mean():
    assert PartialDate.parse("2025").latest() == dt.date(2025, 12, 31)
    assert PartialDate.parse("2024-02").latest() == dt.date(2024, 2, 29)
    assert PartialDate.parse("2025-09-18").latest() == dt.date(2025, 9, 18)
