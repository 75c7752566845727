"""The date grammar of product.md, table-driven, with today fixed to Thursday 2026-11-26."""

from __future__ import annotations

from datetime import date, time

import pytest

from mentorlog.dates import parse_cadence, parse_date, parse_since, parse_when, relative_days
from mentorlog.errors import DateError

TODAY = date(2026, 11, 26)  # a Thursday

FORWARD = [
    ("2026-12-03", date(2026, 12, 3)),
    ("2026-12-03 14:30", date(2026, 12, 3)),
    ("2026-12-03T14:30", date(2026, 12, 3)),
    ("2026-1-5", date(2026, 1, 5)),
    ("3.12.2026", date(2026, 12, 3)),
    ("03.12.26", date(2026, 12, 3)),
    ("3.12.", date(2026, 12, 3)),
    ("1.1.", date(2026, 1, 1)),
    ("Dec 3", date(2026, 12, 3)),
    ("dec 3", date(2026, 12, 3)),
    ("Dec 3, 2027", date(2027, 12, 3)),
    ("3 December 2026", date(2026, 12, 3)),
    ("3. Dezember", date(2026, 12, 3)),
    ("3 März 2027", date(2027, 3, 3)),
    ("12/03/2026", date(2026, 12, 3)),
    ("12/03", date(2026, 12, 3)),
    ("today", TODAY),
    ("Today", TODAY),
    ("tomorrow", date(2026, 11, 27)),
    ("yesterday", date(2026, 11, 25)),
    ("fri", date(2026, 11, 27)),
    ("friday", date(2026, 11, 27)),
    ("thu", date(2026, 12, 3)),  # today excluded
    ("mon", date(2026, 11, 30)),
    ("next friday", date(2026, 11, 27)),
    ("next thursday", date(2026, 12, 3)),
    ("last monday", date(2026, 11, 23)),
    ("last thursday", date(2026, 11, 19)),
    ("in 3 days", date(2026, 11, 29)),
    ("in 1 day", date(2026, 11, 27)),
    ("in 2 weeks", date(2026, 12, 10)),
    ("in 1 month", date(2026, 12, 26)),
    ("3 days ago", date(2026, 11, 23)),
    ("2 weeks ago", date(2026, 11, 12)),
    ("+2w", date(2026, 12, 10)),
    ("-10d", date(2026, 11, 16)),
    ("+1m", date(2026, 12, 26)),
    ("+1y", date(2027, 11, 26)),
    ("+3d", date(2026, 11, 29)),
    ("eow", date(2026, 11, 29)),
    ("eom", date(2026, 11, 30)),
    ("eoy", date(2026, 12, 31)),
    ("heute", TODAY),
    ("morgen", date(2026, 11, 27)),
    ("übermorgen", date(2026, 11, 28)),
    ("gestern", date(2026, 11, 25)),
    ("vorgestern", date(2026, 11, 24)),
    ("freitag", date(2026, 11, 27)),
    ("fr", date(2026, 11, 27)),
    ("mo", date(2026, 11, 30)),
    ("nächsten freitag", date(2026, 11, 27)),
    ("naechsten montag", date(2026, 11, 30)),
    ("letzten montag", date(2026, 11, 23)),
    ("in 2 wochen", date(2026, 12, 10)),
    ("in 3 tagen", date(2026, 11, 29)),
    ("vor 3 tagen", date(2026, 11, 23)),
    ("vor 2 wochen", date(2026, 11, 12)),
    ("  in   2  weeks ", date(2026, 12, 10)),
]


@pytest.mark.parametrize(("text", "expected"), FORWARD)
def test_forward_dates(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY, direction="forward") == expected


BACKWARD = [
    ("fri", date(2026, 11, 20)),
    ("thu", date(2026, 11, 19)),
    ("mon", date(2026, 11, 23)),
    ("freitag", date(2026, 11, 20)),
    ("next friday", date(2026, 11, 27)),  # explicit words ignore the field's direction
    ("today", TODAY),
]


@pytest.mark.parametrize(("text", "expected"), BACKWARD)
def test_a_bare_weekday_looks_back_for_session_dates(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY, direction="backward") == expected


@pytest.mark.parametrize(
    ("text", "period_end", "expected"),
    [
        ("2026-12", True, date(2026, 12, 31)),
        ("2026-12", False, date(2026, 12, 1)),
        ("2027-02", True, date(2027, 2, 28)),
        ("December 2026", True, date(2026, 12, 31)),
        ("December 2026", False, date(2026, 12, 1)),
        ("Mai 2027", True, date(2027, 5, 31)),
    ],
)
def test_a_month_as_target_means_its_last_day(text: str, period_end: bool, expected: date) -> None:
    assert parse_date(text, today=TODAY, period_end=period_end) == expected


def test_times_are_kept_with_the_date() -> None:
    assert parse_when("2026-12-03 14:30", today=TODAY).at == time(14, 30)
    assert parse_when("2026-12-03T09:05", today=TODAY).at == time(9, 5)
    assert parse_when("2026-12-03", today=TODAY).at is None


def test_slashes_are_day_first_when_configured() -> None:
    assert parse_date("12/03/2026", today=TODAY, dayfirst=True) == date(2026, 3, 12)
    assert parse_date("12/03/2026", today=TODAY, dayfirst=False) == date(2026, 12, 3)


def test_end_of_week_follows_the_week_start() -> None:
    assert parse_date("eow", today=TODAY, week_start="monday") == date(2026, 11, 29)
    assert parse_date("eow", today=TODAY, week_start="sunday") == date(2026, 11, 28)
    assert parse_date("eow", today=date(2026, 11, 29)) == date(2026, 11, 29)


ERRORS = [
    "32.13.2026",
    "someday",
    "2026-02-30",
    "2026-13",
    "31.2.",
    "",
    "   ",
    "next week day",
    "+2x",
    "Smarch 3",
    "13/45/2026",
    "2026-12-03 25:00",
    "fri13",
    "3",
]


@pytest.mark.parametrize("text", ERRORS)
def test_unreadable_dates_are_errors_that_name_the_text_and_give_examples(text: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_date(text, today=TODAY)
    expected = repr(text.strip()) if text.strip() else "(empty)"
    assert expected in raised.value.message
    assert raised.value.exit_code == 2
    assert raised.value.hint is not None and "tomorrow" in raised.value.hint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30d", date(2026, 10, 27)),
        ("2w", date(2026, 11, 12)),
        ("6m", date(2026, 5, 26)),
        ("1y", date(2025, 11, 26)),
        ("fri", date(2026, 11, 20)),
        ("2026-01-01", date(2026, 1, 1)),
        ("2026-06", date(2026, 6, 1)),
    ],
)
def test_since_takes_spans_back_from_today_and_dates(text: str, expected: date) -> None:
    assert parse_since(text, today=TODAY) == expected


@pytest.mark.parametrize(("text", "days"), [("2w", 14), ("10d", 10), ("1m", 30), ("1 week", 7)])
def test_cadence_in_days(text: str, days: int) -> None:
    assert parse_cadence(text) == days


@pytest.mark.parametrize("text", ["0w", "often", "2x", ""])
def test_bad_cadence_is_an_error(text: str) -> None:
    with pytest.raises(DateError):
        parse_cadence(text)


def test_relative_days_in_words() -> None:
    assert relative_days(date(2026, 11, 29), TODAY) == "in 3 days"
    assert relative_days(date(2026, 11, 12), TODAY) == "2 weeks ago"
    assert relative_days(TODAY, TODAY) == "today"
    assert relative_days(date(2027, 5, 26), TODAY) == "in 6 months"
