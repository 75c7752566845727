"""humane.relative_days: how far a day is from today, in words, at every boundary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from mentorlog.base import i18n
from mentorlog.core.humane import counted, day, decimal, minute, month, month_year, relative_days, weekday, word

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (2, "in 2 days"),
        (-2, "2 days ago"),
        (13, "in 13 days"),
        (-13, "13 days ago"),
        (14, "in 2 weeks"),
        (-14, "2 weeks ago"),
        (20, "in 2 weeks"),
        (21, "in 3 weeks"),
        (59, "in 8 weeks"),
        (-59, "8 weeks ago"),
        (60, "in 2 months"),
        (-60, "2 months ago"),
        (89, "in 2 months"),
        (90, "in 3 months"),
        (729, "in 24 months"),
        (-729, "24 months ago"),
        (730, "in 2 years"),
        (-730, "2 years ago"),
        (1094, "in 2 years"),
        (1095, "in 3 years"),
    ],
)
def test_relative_days_at_every_boundary(delta: int, words: str) -> None:
    assert relative_days(TODAY + timedelta(days=delta), TODAY) == words


@pytest.fixture
def german() -> Iterator[None]:
    i18n.use("de")
    yield
    i18n.use("en")


def test_stored_words_are_shown_in_the_chosen_language_and_other_text_as_it_is(german: None) -> None:
    assert [word(w) for w in ("open", "mentee", "session", "blue", "", None)] == [
        "offen",
        "Mentee",
        "Sitzung",
        "blue",
        "",
        "",
    ]
    i18n.use("en")
    assert [word(w) for w in ("open", "mentee", "blue", "", None)] == ["open", "mentee", "blue", "", ""]


def test_relative_days_speak_german_when_chosen(german: None) -> None:
    assert relative_days(TODAY + timedelta(days=2), TODAY) == "in 2 Tagen"
    assert relative_days(TODAY - timedelta(days=1), TODAY) == "gestern"


@pytest.mark.parametrize(
    ("count", "singular", "plural", "shown"),
    [
        (1, "session", None, "1 session"),
        (0, "session", None, "0 sessions"),
        (2, "session", None, "2 sessions"),
        (1, "person", "people", "1 person"),
        (3, "person", "people", "3 people"),
    ],
)
def test_a_count_takes_the_singular_only_for_one(count: int, singular: str, plural: str | None, shown: str) -> None:
    assert counted(count, singular, plural) == shown


def test_a_day_is_iso_in_english_and_day_month_year_in_german() -> None:
    assert day(date(2026, 3, 4)) == "2026-03-04"
    assert day("2026-03-04") == "2026-03-04"
    assert day("someday") == "someday"
    assert day(None) == ""
    assert minute(datetime(2026, 3, 4, 9, 5)) == "2026-03-04 09:05"
    i18n.use("de")
    try:
        assert day(date(2026, 3, 4)) == "04.03.2026"
        assert day("2026-03-04") == "04.03.2026"
        assert day("someday") == "someday"
        assert day(None) == ""
        assert minute(datetime(2026, 3, 4, 9, 5)) == "04.03.2026 09:05"
    finally:
        i18n.use("en")


def test_weekdays_and_months_are_short_names_in_the_chosen_language() -> None:
    monday = date(2026, 11, 30)
    assert [weekday(monday + timedelta(days=n)) for n in range(7)] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert [month(date(2026, m, 1)) for m in (1, 3, 12)] == ["Jan", "Mar", "Dec"]
    assert month_year(date(2026, 12, 31)) == "Dec 2026"
    i18n.use("de")
    try:
        assert weekday(date(2026, 12, 3)) == "Do"
        assert month_year(date(2026, 3, 1)) == "Mär 2026"
    finally:
        i18n.use("en")


def test_a_decimal_takes_a_comma_in_german() -> None:
    assert decimal(4.5) == "4.5"
    assert decimal(4.25, ".1f") == "4.2"
    assert decimal(None) == "None"
    assert decimal(3, "d") == "3"
    i18n.use("de")
    try:
        assert decimal(4.5) == "4,5"
        assert decimal(4.25, ".1f") == "4,2"
        assert decimal(None) == "None"
    finally:
        i18n.use("en")


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (2, "in 2 Tagen"),
        (-2, "vor 2 Tagen"),
        (14, "in 2 Wochen"),
        (-14, "vor 2 Wochen"),
        (60, "in 2 Monaten"),
        (-60, "vor 2 Monaten"),
        (730, "in 2 Jahren"),
        (-730, "vor 2 Jahren"),
    ],
)
def test_relative_days_in_german_at_every_unit(german: None, delta: int, words: str) -> None:
    assert relative_days(TODAY + timedelta(days=delta), TODAY) == words


def test_nothing_in_a_decimal_spec_is_shown_as_none() -> None:
    assert decimal(None, ".1f") == "None"
