"""A relationship's usual meeting slot (`person edit --meets`): read by dates.parse_slot, shown by dates.slot_text."""

from __future__ import annotations

from datetime import time

import pytest

from mentorlog.base import i18n
from mentorlog.base.errors import DateError
from mentorlog.core.dates import parse_slot, slot_text

READ = [
    ("tue 10:00", (1, time(10, 0))),
    ("Dienstag 10 Uhr", (1, time(10, 0))),
    ("14:30", (None, time(14, 30))),
    ("fri", (4, None)),
    ("Sun", (6, None)),
    (" Fri., 9:05 ,", (4, time(9, 5))),  # spaces, the abbreviation's dot and commas around are ignored
    ("fri,9:05", (4, time(9, 5))),
    ("mon at 7pm", (0, time(19, 0))),
    ("do um 15", (3, time(15, 0))),
    ("at 10", (None, time(10, 0))),
    ("tue,", (1, None)),
    ("tue at", (1, None)),
    ("wed 12am", (2, time(0, 0))),
    ("Tue  10:00:30", (1, time(10, 0, 30))),
    ("TUE 10:00", (1, time(10, 0))),
]


@pytest.mark.parametrize(("typed", "slot"), READ)
def test_a_slot_is_a_weekday_and_or_a_time(typed: str, slot: tuple[int | None, time | None]) -> None:
    assert parse_slot(typed) == slot


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("", ""), ("someday", "someday"), ("tue soon", "tue soon"), (" banana ", "banana"), ("at", "at"),
     ("10:00 tue", "10:00 tue"), ("tue wed", "tue wed")],
)  # fmt: skip
def test_what_is_not_a_slot_is_refused_with_examples(typed: str, shown: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_slot(typed)
    assert raised.value.message == f"cannot read {shown!r} as a meeting slot"
    assert raised.value.hint == "Try for example: tue 10:00, fri 14:30, 9:00"
    assert raised.value.exit_code == 2


def test_a_slot_with_an_impossible_time_names_the_time() -> None:
    with pytest.raises(DateError) as raised:
        parse_slot(" tue 25:00 ")
    assert raised.value.message == "cannot read 'tue 25:00' as a date (no time '25:00')"


def test_a_slot_is_refused_in_german_in_german() -> None:
    i18n.use("de")
    try:
        with pytest.raises(DateError) as raised:
            parse_slot("bald")
    finally:
        i18n.use("en")
    assert raised.value.message == "'bald' ist als Termin nicht lesbar"
    assert raised.value.hint == "Versuche zum Beispiel: di 10:00, fr 14:30, 9:00"


@pytest.mark.parametrize(
    ("weekday", "at", "shown"),
    [(1, "10:00", "Tue 10:00"), (None, "10:00", "10:00"), (4, None, "Fri"), (None, None, ""), (0, "", "Mon"),
     (6, "7:30", "Sun 7:30")],
)  # fmt: skip
def test_a_slot_is_shown_as_the_person_reads_it(weekday: int | None, at: str | None, shown: str) -> None:
    assert slot_text(weekday, at) == shown


def test_a_slot_is_shown_in_german_in_german() -> None:
    i18n.use("de")
    try:
        shown = [slot_text(1, "10:00"), slot_text(6, None), slot_text(None, "9:00")]
    finally:
        i18n.use("en")
    assert shown == ["Di 10:00", "So", "9:00"]
