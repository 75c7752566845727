"""meetings.next_meeting with a usual slot (`person edit --meets`): the day the cadence says moved to the slot's
weekday, and the time shown beside it in `today`, `agenda` and the calendar export."""

from __future__ import annotations

from datetime import date

import pytest

from mentorlog.core.meetings import Agenda, Meeting, SharedAgenda, Today, next_meeting
from mentorlog.core.records import Action, Person, Skill
from mentorlog.core.trends import Gap, trend

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


def test_an_agenda_keeps_the_attention_growth_and_gaps_it_is_given() -> None:
    person = ada(cadence_days=14)
    growth = [trend(Skill(1, "u", "giving feedback", "growth", None, None, "", "", "", [], []), TODAY, TODAY)]
    gaps = [Gap(4, "giving feedback", 2, 5, "Ada")]
    agenda = Agenda(person, TODAY, None, None, None, [], [], [], [], [], None, ["1 of 4 meetings held"], None, growth,
                    gaps)  # fmt: skip
    shown = agenda.to_json()
    assert (shown["needs_attention"], shown["growth_areas"], shown["skill_gaps"], shown["not_listed"]) == (
        ["1 of 4 meetings held"], [growth[0].to_json()], [gaps[0].to_json()], {}
    )  # fmt: skip
    assert shown["growth_areas"][0]["name"] == "giving feedback"


def test_the_days_dashboard_is_not_empty_unless_said_and_lists_what_it_is_given() -> None:
    plain = Today(TODAY, [], {}, [], [], [], {})
    assert (plain.empty, plain.more, plain.attention) == (False, {}, {})
    assert plain.to_json()["not_listed"] == {} and plain.to_json()["needs_attention"] == {}
    full = Today(TODAY, [], {}, [], [], [], {}, True, {"mine": 3}, {"Ada": ["no meeting for 40 days"]})
    assert (full.empty, full.to_json()["not_listed"], full.to_json()["needs_attention"]) == (
        True, {"mine": 3}, {"Ada": ["no meeting for 40 days"]}
    )  # fmt: skip


def test_the_shared_agenda_holds_what_the_other_person_may_see() -> None:
    person = ada(cadence_days=14, last_session="2026-11-19")
    meeting = Meeting(person, date(2026, 12, 3), False)
    mine = [Action(1, "a-1", "send the deck", "me", None, None, "open", 1, "Ada", None, None, "c", "u", None)]
    shared = SharedAgenda(person, TODAY, meeting, mine, [], [], [])
    assert (shared.person, shared.today, shared.meeting, shared.mine, shared.theirs, shared.topics, shared.goals) == (
        person, TODAY, meeting, mine, [], [], []
    )  # fmt: skip
