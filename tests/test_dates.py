"""The date grammar of product.md, table-driven, with today fixed to Thursday 2026-11-26."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from mentorlog.base import i18n
from mentorlog.base.errors import DateError
from mentorlog.core.dates import (
    MAX_YEAR,
    MIN_YEAR,
    When,
    check_in_range,
    format_day,
    parse_cadence,
    parse_date,
    parse_since,
    parse_when,
    relative_days,
)

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


# The forms added for product.md's "More words", German end words and jrnl habits -----------------


MORE_WORDS = [
    ("next week", date(2026, 12, 3)),
    ("next month", date(2026, 12, 26)),
    ("next year", date(2027, 11, 26)),
    ("last week", date(2026, 11, 19)),
    ("last month", date(2026, 10, 26)),
    ("last year", date(2025, 11, 26)),
    ("nächste woche", date(2026, 12, 3)),
    ("nächsten monat", date(2026, 12, 26)),
    ("nächstes jahr", date(2027, 11, 26)),
    ("naechste woche", date(2026, 12, 3)),
    ("kommende woche", date(2026, 12, 3)),
    ("letzte woche", date(2026, 11, 19)),
    ("letzten monat", date(2026, 10, 26)),
    ("letztes jahr", date(2025, 11, 26)),
    ("kommenden freitag", date(2026, 11, 27)),
    ("next fri", date(2026, 11, 27)),
    ("last fri", date(2026, 11, 20)),
]


@pytest.mark.parametrize(("text", "expected"), MORE_WORDS)
def test_next_and_last_week_month_year_move_one_whole_period(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected
    assert parse_date(text, today=TODAY, direction="backward") == expected


def test_next_week_is_seven_days_ahead_whatever_the_week_start() -> None:
    assert parse_date("next week", today=TODAY, week_start="sunday") == date(2026, 12, 3)


def test_next_month_keeps_the_day_or_takes_the_last_day_of_a_shorter_month() -> None:
    assert parse_date("next month", today=date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_date("next year", today=date(2028, 2, 29)) == date(2029, 2, 28)


NUMBER_WORDS = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("a", 1),
    ("an", 1),
]
GERMAN_NUMBER_WORDS = [
    ("ein", 1),
    ("eine", 1),
    ("einem", 1),
    ("einer", 1),
    ("einen", 1),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("fuenf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
    ("zehn", 10),
    ("elf", 11),
    ("zwölf", 12),
    ("zwoelf", 12),
]


@pytest.mark.parametrize(("word", "number"), NUMBER_WORDS)
def test_number_words_one_to_twelve_count_days_ahead_and_back(word: str, number: int) -> None:
    assert parse_date(f"in {word} days", today=TODAY) == TODAY + timedelta(days=number)
    assert parse_date(f"{word} days ago", today=TODAY) == TODAY - timedelta(days=number)


@pytest.mark.parametrize(("word", "number"), GERMAN_NUMBER_WORDS)
def test_german_number_words_count_days_ahead_and_back(word: str, number: int) -> None:
    assert parse_date(f"in {word} tagen", today=TODAY) == TODAY + timedelta(days=number)
    assert parse_date(f"vor {word} tagen", today=TODAY) == TODAY - timedelta(days=number)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in two weeks", date(2026, 12, 10)),
        ("three days ago", date(2026, 11, 23)),
        ("in zwei wochen", date(2026, 12, 10)),
        ("vor drei tagen", date(2026, 11, 23)),
        ("in einer woche", date(2026, 12, 3)),
        ("vor einem monat", date(2026, 10, 26)),
        ("in einem jahr", date(2027, 11, 26)),
        ("a week ago", date(2026, 11, 19)),
        ("in one month", date(2026, 12, 26)),
        ("twelve months ago", date(2025, 11, 26)),
        ("in 0 days", TODAY),
        ("in 9999 days", date(2054, 4, 12)),
        ("In Two Weeks", date(2026, 12, 10)),
    ],
)
def test_number_words_work_with_every_unit(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "week_start", "expected"),
    [
        ("ende der woche", "monday", date(2026, 11, 29)),
        ("ende der woche", "sunday", date(2026, 11, 28)),
        ("end of the week", "monday", date(2026, 11, 29)),
        ("end of week", "sunday", date(2026, 11, 28)),
        ("ende des monats", "monday", date(2026, 11, 30)),
        ("monatsende", "monday", date(2026, 11, 30)),
        ("end of month", "monday", date(2026, 11, 30)),
        ("end of the month", "monday", date(2026, 11, 30)),
        ("ende des jahres", "monday", date(2026, 12, 31)),
        ("jahresende", "monday", date(2026, 12, 31)),
        ("end of year", "monday", date(2026, 12, 31)),
        ("end of the year", "monday", date(2026, 12, 31)),
        ("Ende  des Monats", "monday", date(2026, 11, 30)),
    ],
)
def test_end_of_week_month_and_year_in_words(text: str, week_start: str, expected: date) -> None:
    assert parse_date(text, today=TODAY, week_start=week_start) == expected


WEEK = [date(2026, 11, 23) + timedelta(days=offset) for offset in range(7)]  # Monday 23 to Sunday 29


@pytest.mark.parametrize("today", WEEK, ids=lambda day: day.strftime("%a"))
def test_eow_with_a_monday_week_start_is_the_coming_sunday_or_today_on_sunday(today: date) -> None:
    assert parse_date("eow", today=today, week_start="monday") == date(2026, 11, 29)


@pytest.mark.parametrize("today", WEEK, ids=lambda day: day.strftime("%a"))
def test_eow_with_a_sunday_week_start_is_the_coming_saturday_or_today_on_saturday(today: date) -> None:
    expected = date(2026, 12, 5) if today == date(2026, 11, 29) else date(2026, 11, 28)
    assert parse_date("eow", today=today, week_start="sunday") == expected


def test_eow_on_the_last_day_of_the_week_is_today() -> None:
    saturday, sunday = date(2026, 11, 28), date(2026, 11, 29)
    assert parse_date("eow", today=sunday, week_start="monday") == sunday
    assert parse_date("eow", today=saturday, week_start="sunday") == saturday
    assert parse_date("ende der woche", today=saturday, week_start="sunday") == saturday


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 12, 15), date(2026, 12, 31)),
        (date(2026, 12, 31), date(2026, 12, 31)),
        (date(2028, 2, 3), date(2028, 2, 29)),
        (date(2027, 2, 3), date(2027, 2, 28)),
        (date(2026, 1, 1), date(2026, 1, 31)),
    ],
)
def test_eom_is_the_last_day_of_this_month(today: date, expected: date) -> None:
    assert parse_date("eom", today=today) == expected


def test_eoy_is_new_years_eve_of_this_year() -> None:
    assert parse_date("eoy", today=date(2027, 1, 1)) == date(2027, 12, 31)


GERMAN_AND_MONTH_NAMES = [
    ("3. Dezember 2026", date(2026, 12, 3)),
    ("3. Dez.", date(2026, 12, 3)),
    ("3. Dez. 2027", date(2027, 12, 3)),
    ("3 dez", date(2026, 12, 3)),
    ("1. Mai", date(2026, 5, 1)),
    ("14. Juli 2027", date(2027, 7, 14)),
    ("3. Okt.", date(2026, 10, 3)),
    ("3rd December", date(2026, 12, 3)),
    ("3 December, 2027", date(2027, 12, 3)),
    ("Dec 3rd", date(2026, 12, 3)),
    ("sept. 1", date(2026, 9, 1)),
    ("june 9 2013", date(2013, 6, 9)),
    ("June 9, 2013", date(2013, 6, 9)),
    ("jan 31", date(2026, 1, 31)),
    ("Jänner 5", date(2026, 1, 5)),
    ("feb 28", date(2026, 2, 28)),
    ("mar 1", date(2026, 3, 1)),
    ("apr 30", date(2026, 4, 30)),
    ("aug 31", date(2026, 8, 31)),
    ("nov 30", date(2026, 11, 30)),
]


@pytest.mark.parametrize(("text", "expected"), GERMAN_AND_MONTH_NAMES)
def test_month_names_and_abbreviations_in_english_and_german(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "period_end", "expected"),
    [
        ("März 2027", False, date(2027, 3, 1)),
        ("März 2027", True, date(2027, 3, 31)),
        ("Maerz 2027", True, date(2027, 3, 31)),
        ("dez. 2026", True, date(2026, 12, 31)),
        ("feb 2028", True, date(2028, 2, 29)),
        ("2026-11", True, date(2026, 11, 30)),
        ("2027", True, date(2027, 12, 31)),
        ("2027", False, date(2027, 1, 1)),
        ("1900", False, date(1900, 1, 1)),
        ("2200", True, date(2200, 12, 31)),
    ],
)
def test_a_month_or_a_year_is_its_first_day_or_as_a_target_its_last(
    text: str, period_end: bool, expected: date
) -> None:
    assert parse_date(text, today=TODAY, period_end=period_end) == expected


def test_a_bare_year_as_since_is_its_first_day() -> None:
    assert parse_since("2027", today=TODAY) == date(2027, 1, 1)
    assert parse_since("2025", today=TODAY) == date(2025, 1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.12", date(2026, 12, 3)),
        ("03.12", date(2026, 12, 3)),
        ("3.12.", date(2026, 12, 3)),
        ("29.2.2028", date(2028, 2, 29)),
        ("31.12.2200", date(2200, 12, 31)),
        ("1.1.1900", date(1900, 1, 1)),
    ],
)
def test_day_first_dotted_dates_with_or_without_trailing_dot(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (TODAY, "1.1.26", date(2026, 1, 1)),
        (TODAY, "1.1.76", date(2076, 1, 1)),
        (TODAY, "1.1.77", date(1977, 1, 1)),
        (TODAY, "1.1.99", date(1999, 1, 1)),
        (TODAY, "1.1.00", date(2000, 1, 1)),
        (date(2080, 6, 1), "1.1.30", date(2130, 1, 1)),
        (date(2080, 6, 1), "1.1.31", date(2031, 1, 1)),
        (date(2080, 6, 1), "1.1.80", date(2080, 1, 1)),
        (TODAY, "12/03/99", date(1999, 12, 3)),
    ],
)
def test_a_two_digit_year_is_the_one_within_fifty_years_of_today(today: date, text: str, expected: date) -> None:
    assert parse_date(text, today=today) == expected


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("26/06/2099", False, date(2099, 6, 26)),
        ("26/06/2099", True, date(2099, 6, 26)),
        ("06/26/2099", True, date(2099, 6, 26)),
        ("06/26/2099", False, date(2099, 6, 26)),
        ("12/03/2026", False, date(2026, 12, 3)),
        ("12/03/2026", True, date(2026, 3, 12)),
        ("12/12/2026", True, date(2026, 12, 12)),
        ("13/12", False, date(2026, 12, 13)),
        ("12/13", True, date(2026, 12, 13)),
        ("1/2", True, date(2026, 2, 1)),
        ("1/2", False, date(2026, 1, 2)),
    ],
)
def test_slashes_follow_dayfirst_unless_only_one_reading_exists(text: str, dayfirst: bool, expected: date) -> None:
    assert parse_date(text, today=TODAY, dayfirst=dayfirst) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sUndAy", date(2026, 11, 29)),
        ("Mon", date(2026, 11, 30)),
        ("TUE", date(2026, 12, 1)),
        ("wed", date(2026, 12, 2)),
        ("sat", date(2026, 11, 28)),
        ("Donnerstag", date(2026, 12, 3)),
        ("mi", date(2026, 12, 2)),
        ("so", date(2026, 11, 29)),
    ],
)
def test_weekday_names_in_any_case(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today at 3pm", When(TODAY, time(15, 0))),
        ("today at 3 pm", When(TODAY, time(15, 0))),
        ("today 3pm", When(TODAY, time(15, 0))),
        ("tomorrow at 9am", When(date(2026, 11, 27), time(9, 0))),
        ("fri 14:30", When(date(2026, 11, 27), time(14, 30))),
        ("fri at 14:30", When(date(2026, 11, 27), time(14, 30))),
        ("morgen um 15 uhr", When(date(2026, 11, 27), time(15, 0))),
        ("morgen 15 uhr", When(date(2026, 11, 27), time(15, 0))),
        ("heute um 9", When(TODAY, time(9, 0))),
        ("heute um 9:45", When(TODAY, time(9, 45))),
        ("today at 12am", When(TODAY, time(0, 0))),
        ("today at 12pm", When(TODAY, time(12, 0))),
        ("today at 11pm", When(TODAY, time(23, 0))),
        ("today at 1am", When(TODAY, time(1, 0))),
        ("today at 3:30pm", When(TODAY, time(15, 30))),
        ("today at 3:30 pm", When(TODAY, time(15, 30))),
        ("2026-12-03T14:30:15", When(date(2026, 12, 3), time(14, 30, 15))),
        ("2026-12-03 00:00", When(date(2026, 12, 3), time(0, 0))),
        ("2026-12-03 23:59", When(date(2026, 12, 3), time(23, 59))),
        ("3.12. 9:05", When(date(2026, 12, 3), time(9, 5))),
        ("dec 3 14:30", When(date(2026, 12, 3), time(14, 30))),
        ("june 9 2013 at 8am", When(date(2013, 6, 9), time(8, 0))),
        ("today", When(TODAY, None)),
        ("dec 3", When(date(2026, 12, 3), None)),
    ],
)
def test_a_time_of_day_after_the_date(text: str, expected: When) -> None:
    assert parse_when(text, today=TODAY) == expected


def message_of(text: str, **options: object) -> str:
    with pytest.raises(DateError) as raised:
        parse_when(text, today=TODAY, **options)  # type: ignore[arg-type]
    assert raised.value.exit_code == 2
    assert raised.value.hint == ("Try: 2026-12-03, 3.12., Dec 3, tomorrow, fri, next friday, in 2 weeks, +1m, eom")
    return raised.value.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Dec 32", "cannot read 'Dec 32' as a date (day is out of range for month 2026-12)"),
        ("Dec 40", "cannot read 'Dec 40' as a date (day is out of range for month 2026-12)"),
        ("Jan 99", "cannot read 'Jan 99' as a date (day is out of range for month 2026-01)"),
        ("31.02.", "cannot read '31.02.' as a date (day is out of range for month 2026-02)"),
        ("29.2.", "cannot read '29.2.' as a date (day is out of range for month 2026-02)"),
        ("0.3.", "cannot read '0.3.' as a date (day is out of range for month 2026-03)"),
        ("2026-02-30", "cannot read '2026-02-30' as a date (day is out of range for month 2026-02)"),
        ("31 April", "cannot read '31 April' as a date (day is out of range for month 2026-04)"),
        ("32.13.2026", "cannot read '32.13.2026' as a date (month must be 1 to 12)"),
        ("1.0.2026", "cannot read '1.0.2026' as a date (month must be 1 to 12)"),
        ("2026-13", "cannot read '2026-13' as a date (month must be 1 to 12)"),
        ("2026-00", "cannot read '2026-00' as a date (month must be 1 to 12)"),
        ("2026-13-01", "cannot read '2026-13-01' as a date (month must be 1 to 12)"),
        ("13/45/2026", "cannot read '13/45/2026' as a date (month must be 1 to 12)"),
        ("0000-01-01", "cannot read '0000-01-01' as a date (years 1900 to 2200 only)"),
        ("9999-12", "cannot read '9999-12' as a date (years 1900 to 2200 only)"),
        ("1.1.0001", "cannot read '1.1.0001' as a date (years 1900 to 2200 only)"),
        ("31.12.1899", "cannot read '31.12.1899' as a date (years 1900 to 2200 only)"),
        ("1.1.2201", "cannot read '1.1.2201' as a date (years 1900 to 2200 only)"),
        ("1899", "cannot read '1899' as a date (years 1900 to 2200 only)"),
        ("2201", "cannot read '2201' as a date (years 1900 to 2200 only)"),
        ("März 2201", "cannot read 'März 2201' as a date (years 1900 to 2200 only)"),
        ("+9999y", "cannot read '+9999y' as a date (years 1900 to 2200 only)"),
        ("+175y", "cannot read '+175y' as a date (years 1900 to 2200 only)"),
        ("-127y", "cannot read '-127y' as a date (years 1900 to 2200 only)"),
        ("in 9999 months", "cannot read 'in 9999 months' as a date (years 1900 to 2200 only)"),
        ("someday", "cannot read 'someday' as a date"),
        ("  someday  ", "cannot read 'someday' as a date"),
        ("", "cannot read '' as a date (empty)"),
        ("in 10000 days", "cannot read 'in 10000 days' as a date"),
        ("in many days", "cannot read 'in many days' as a date"),
        ("in 3 fortnights", "cannot read 'in 3 fortnights' as a date"),
        ("thirteen days ago", "cannot read 'thirteen days ago' as a date"),
        ("next decade", "cannot read 'next decade' as a date"),
        ("last", "cannot read 'last' as a date"),
        ("december", "cannot read 'december' as a date"),
        ("3 days", "cannot read '3 days' as a date"),
        ("2026-12-03 25:00", "cannot read '2026-12-03 25:00' as a date (no time '25:00')"),
        ("2026-12-03 12:60", "cannot read '2026-12-03 12:60' as a date (no time '12:60')"),
        ("today at 13pm", "cannot read 'today at 13pm' as a date (no time '13pm')"),
        ("today at 0am", "cannot read 'today at 0am' as a date (no time '0am')"),
        ("today at noon", "cannot read 'today at noon' as a date (cannot read the time 'noon')"),
        ("2026-12-03Tnoon", "cannot read '2026-12-03Tnoon' as a date (cannot read the time 'noon')"),
        ("someday at 3pm", "cannot read 'someday at 3pm' as a date"),
    ],
)
def test_impossible_dates_are_errors_that_say_why(text: str, message: str) -> None:
    assert message_of(text) == message


def test_the_year_range_also_holds_for_targets_and_spans() -> None:
    assert message_of("2201", period_end=True) == "cannot read '2201' as a date (years 1900 to 2200 only)"
    assert parse_date("+174y", today=TODAY) == date(2200, 11, 26)
    assert parse_date("-126y", today=TODAY) == date(1900, 11, 26)
    with pytest.raises(DateError) as raised:
        parse_since("127y", today=TODAY)
    assert raised.value.message == "cannot read '127y' as a date (years 1900 to 2200 only)"
    with pytest.raises(DateError) as raised:
        parse_since(" 9999y ", today=TODAY)
    assert raised.value.message == "cannot read '9999y' as a date (years 1900 to 2200 only)"
    assert parse_since("126y", today=TODAY) == date(1900, 11, 26)


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2026, 11, 26), date(2200, 12, 31)])
def test_check_in_range_returns_a_day_from_1900_to_2200(day: date) -> None:
    assert check_in_range(day, "x") is day


@pytest.mark.parametrize("day", [date(1899, 12, 31), date(2201, 1, 1), date(1, 1, 1), date(9999, 12, 31)])
def test_check_in_range_refuses_other_years_naming_the_text(day: date) -> None:
    with pytest.raises(DateError) as raised:
        check_in_range(day, "MENTORLOG_TODAY=1899-12-31")
    assert raised.value.message == "cannot read 'MENTORLOG_TODAY=1899-12-31' as a date (years 1900 to 2200 only)"
    assert raised.value.exit_code == 2
    assert (MIN_YEAR, MAX_YEAR) == (1900, 2200)


@pytest.mark.parametrize(
    ("day", "english", "german"),
    [
        (date(2026, 11, 23), "2026-11-23, Mon", "Mo, 23.11.2026"),
        (date(2026, 11, 24), "2026-11-24, Tue", "Di, 24.11.2026"),
        (date(2026, 11, 25), "2026-11-25, Wed", "Mi, 25.11.2026"),
        (date(2026, 11, 26), "2026-11-26, Thu", "Do, 26.11.2026"),
        (date(2026, 12, 4), "2026-12-04, Fri", "Fr, 04.12.2026"),
        (date(2027, 1, 2), "2027-01-02, Sat", "Sa, 02.01.2027"),
        (date(2027, 1, 3), "2027-01-03, Sun", "So, 03.01.2027"),
    ],
)
def test_format_day_shows_the_iso_date_and_the_weekday(day: date, english: str, german: str) -> None:
    assert format_day(day, TODAY) == english
    assert format_day(day, TODAY, language="en") == english
    assert format_day(day, TODAY, language="de") == german


def test_format_day_knows_english_and_german_only() -> None:
    with pytest.raises(KeyError):
        format_day(TODAY, TODAY, language="fr")


def test_format_day_reads_back_as_the_same_day() -> None:
    shown = format_day(date(2026, 12, 4), TODAY)
    assert parse_date(shown.split(",")[0], today=TODAY) == date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 days", date(2026, 10, 27)),
        ("2 wochen", date(2026, 11, 12)),
        ("3d", date(2026, 11, 23)),
        ("0d", TODAY),
        ("last week", date(2026, 11, 19)),
        ("vor 2 wochen", date(2026, 11, 12)),
        ("sunday", date(2026, 11, 22)),
        ("2026-06", date(2026, 6, 1)),
        ("Dec 2025", date(2025, 12, 1)),
    ],
)
def test_since_spans_in_words_and_bare_weekdays_look_back(text: str, expected: date) -> None:
    assert parse_since(text, today=TODAY) == expected


def test_since_passes_dayfirst_and_week_start_on() -> None:
    assert parse_since("12/03/2026", today=TODAY, dayfirst=True) == date(2026, 3, 12)
    assert parse_since("12/03/2026", today=TODAY) == date(2026, 12, 3)
    assert parse_since("eow", today=TODAY, week_start="sunday") == date(2026, 11, 28)
    assert parse_since("eow", today=TODAY) == date(2026, 11, 29)


@pytest.mark.parametrize(("text", "days"), [("1y", 365), ("2 weeks", 14), ("3 Monate", 90), ("1d", 1), ("9999d", 9999)])
def test_cadence_units_in_days(text: str, days: int) -> None:
    assert parse_cadence(text) == days


def test_bad_cadence_names_the_text_and_gives_examples() -> None:
    with pytest.raises(DateError) as raised:
        parse_cadence("often")
    assert raised.value.message == "cannot read 'often' as a meeting interval"
    assert raised.value.hint == "Try for example: 1w, 2w, 10d, 1m"
    assert raised.value.exit_code == 2


def test_decomposed_umlauts_read_like_composed_ones() -> None:
    assert parse_date("3. Ma\u0308rz", today=TODAY) == date(2026, 3, 3)
    assert parse_date("u\u0308bermorgen", today=TODAY) == date(2026, 11, 28)
    assert parse_cadence("2 wochen") == 14


def test_a_date_without_a_time_has_none() -> None:
    assert parse_when("in 2 weeks", today=TODAY) == When(date(2026, 12, 10), None)


def test_add_months_agrees_with_relativedelta_on_every_day_and_clamps_month_ends() -> None:
    from dateutil.relativedelta import relativedelta

    from mentorlog.core.dates import add_months

    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(9999, 12, 31), 0) == date(9999, 12, 31)
    day = date(1899, 1, 1)
    while day < date(2031, 1, 1):
        for months in (-25, -13, -12, -1, 1, 2, 11, 12, 13, 24):
            assert add_months(day, months) == day + relativedelta(months=months), (day, months)
        day += timedelta(days=5)
    with pytest.raises(ValueError, match="out of range"):
        add_months(date(9999, 12, 1), 1)


def test_add_months_reaches_year_one_and_refuses_to_go_before_it() -> None:
    from mentorlog.core.dates import add_months

    assert add_months(date(1, 2, 28), -1) == date(1, 1, 28)
    assert add_months(date(1, 1, 31), 11) == date(1, 12, 31)
    with pytest.raises(ValueError, match="year 0 is out of range"):
        add_months(date(1, 1, 31), -1)
    with pytest.raises(ValueError, match="year 0 is out of range"):
        add_months(date(1, 3, 31), -3)


def test_a_day_out_of_range_names_the_month_the_german_way_in_german() -> None:
    i18n.use("de")
    try:
        with pytest.raises(DateError) as raised:
            parse_when("31.02.", today=TODAY)
    finally:
        i18n.use("en")
    assert raised.value.message == "'31.02.' lässt sich nicht als Datum lesen (den Tag gibt es im Monat 02.2026 nicht)"
