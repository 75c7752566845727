"""meetings.next_meeting with a usual slot (`person edit --meets`): the day the cadence says moved to the slot's
weekday, and the time shown beside it in `today`, `agenda` and the calendar export."""

from __future__ import annotations

from datetime import date

import pytest

from mentorlog.core.meetings import Meeting, next_meeting
from mentorlog.core.records import Person

TODAY = date(2026, 11, 26)  # a Thursday


def ada(**fields: object) -> Person:
    return Person(1, "p-1", "Ada", "mentor", **{"cadence_days": None, "note": "", "created_at": "c", "updated_at": "u",
                                               **fields})  # fmt: skip


@pytest.mark.parametrize(
    ("weekday", "day"),
    [(0, date(2026, 12, 7)), (1, date(2026, 12, 8)), (3, date(2026, 12, 3)), (4, date(2026, 12, 4)),
     (6, date(2026, 12, 6))],
)  # fmt: skip
def test_the_day_by_cadence_moves_forward_to_the_usual_weekday(weekday: int, day: date) -> None:
    # last session Thursday 19 November + 14 days = Thursday 3 December, then on to the slot's weekday
    person = ada(cadence_days=14, last_session="2026-11-19", meets_day=weekday, meets_time="10:00")
    assert next_meeting(person, TODAY) == Meeting(person, day, False, "10:00")


def test_a_usual_slot_without_a_weekday_keeps_the_day_and_gives_its_time() -> None:
    person = ada(cadence_days=10, last_session="2026-11-19", meets_time="14:30")
    assert next_meeting(person, TODAY) == Meeting(person, date(2026, 11, 29), False, "14:30")


def test_a_planned_meeting_has_its_own_time_else_the_usual_one() -> None:
    planned = ada(cadence_days=14, next_session="2026-11-30", next_time="09:15", meets_day=1, meets_time="10:00")
    assert next_meeting(planned, TODAY) == Meeting(planned, date(2026, 11, 30), True, "09:15")
    usual = ada(cadence_days=14, next_session="2026-11-30", meets_day=1, meets_time="10:00")
    assert next_meeting(usual, TODAY) == Meeting(usual, date(2026, 11, 30), True, "10:00")
    neither = ada(next_session="2026-11-30")
    assert next_meeting(neither, TODAY) == Meeting(neither, date(2026, 11, 30), True, None)
