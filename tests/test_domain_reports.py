"""reports.py: the pure rules and values behind summary, timeline, agenda and review, with exact figures.

`utc_bounds` and `local_day` read the process time zone: each such test sets TZ (and calls `time.tzset`)
to a zone west of UTC (UTC-8) and one east of it (UTC+13), and restores the zone afterwards.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from mentorlog.core.meetings import Agenda, Meeting, Today, cadence_kept, next_meeting, pick_agenda_person
from mentorlog.core.records import Action, Goal, Person, ProgressUpdate, Reflection, Session, Topic
from mentorlog.core.reports import (
    DONE_LISTED,
    MARK_ORDER,
    OPEN_LISTED,
    SPARK,
    SPARK_POINTS,
    STALE_DAYS,
    ActionFigures,
    Confidence,
    GoalChange,
    Mark,
    PersonFigures,
    Quote,
    Review,
    Row,
    Summary,
    Timeline,
    expected_meetings,
    goal_tree,
    local_day,
    sparkline,
    timeline_rows,
    utc_bounds,
    weekly,
)

TODAY = date(2026, 11, 26)  # a Thursday
WEST = "Etc/GMT+8"  # UTC-8 (the POSIX sign is inverted)
EAST = "Etc/GMT-13"  # UTC+13


@pytest.fixture
def zone() -> Iterator[Any]:
    """Call the yielded function with a zone name to make it the process time zone for this test."""
    saved = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()
        offset = {WEST: 8 * 3600, EAST: -13 * 3600}.get(name)
        if offset is not None:
            assert time.timezone == offset, f"the time zone {name} is not installed (tzdata)"

    yield use
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def test_the_constants() -> None:
    assert (STALE_DAYS, SPARK, SPARK_POINTS, OPEN_LISTED, DONE_LISTED) == (28, "▁▂▃▄▅▆▇█", 60, 100, 100)
    assert MARK_ORDER == ("closed", "achieved", "progress", "session", "rating", "reflection", "action")


# local days and stored instants -----------------------------------------------------------------


def test_utc_bounds_west_of_utc(zone: Any) -> None:
    zone(WEST)
    assert utc_bounds(date(2026, 11, 26), date(2026, 11, 26)) == (
        "2026-11-26T08:00:00+00:00",
        "2026-11-27T08:00:00+00:00",
    )
    assert utc_bounds(date(2026, 12, 30), date(2027, 1, 2)) == (
        "2026-12-30T08:00:00+00:00",
        "2027-01-03T08:00:00+00:00",
    )


def test_utc_bounds_east_of_utc(zone: Any) -> None:
    zone(EAST)
    assert utc_bounds(date(2026, 11, 26), date(2026, 11, 26)) == (
        "2026-11-25T11:00:00+00:00",
        "2026-11-26T11:00:00+00:00",
    )
    assert utc_bounds(date(2027, 1, 1), date(2027, 2, 28)) == (
        "2026-12-31T11:00:00+00:00",
        "2027-02-28T11:00:00+00:00",
    )


def test_utc_bounds_in_utc(zone: Any) -> None:
    zone("UTC")
    assert utc_bounds(date(2026, 11, 1), date(2026, 11, 30)) == (
        "2026-11-01T00:00:00+00:00",
        "2026-12-01T00:00:00+00:00",
    )


@pytest.mark.parametrize("name", [WEST, EAST])
def test_local_day_of_nothing_is_none(zone: Any, name: str) -> None:
    zone(name)
    assert local_day(None) is None
    assert local_day("") is None


@pytest.mark.parametrize(
    ("stamp", "west", "east"),
    [
        ("2026-11-26T07:59:59+00:00", date(2026, 11, 25), date(2026, 11, 26)),
        ("2026-11-26T08:00:00+00:00", date(2026, 11, 26), date(2026, 11, 26)),
        ("2026-11-26T10:59:59+00:00", date(2026, 11, 26), date(2026, 11, 26)),
        ("2026-11-26T11:00:00+00:00", date(2026, 11, 26), date(2026, 11, 27)),
        ("2026-11-26T11:00:00.123456+00:00", date(2026, 11, 26), date(2026, 11, 27)),
        ("2026-11-26T23:30:00-02:00", date(2026, 11, 26), date(2026, 11, 27)),
        ("2026-11-26", date(2026, 11, 26), date(2026, 11, 26)),  # a plain stored date is already local
    ],
)
def test_local_day_of_a_stored_timestamp(zone: Any, stamp: str, west: date, east: date) -> None:
    zone(WEST)
    assert local_day(stamp) == west
    zone(EAST)
    assert local_day(stamp) == east


def test_a_plain_stored_date_is_never_moved_by_the_zone(zone: Any) -> None:
    """Samoa skipped 30 December 2011: read as midnight local time, that day would become another."""
    zone("Pacific/Apia")
    if time.timezone != -13 * 3600:  # an unknown zone is UTC to the C library
        pytest.skip("the Pacific/Apia zone is not installed")
    assert local_day("2011-12-30") == date(2011, 12, 30)
    assert local_day("2011-12-31") == date(2011, 12, 31)


# small rules ------------------------------------------------------------------------------------


def test_sparkline_spreads_one_to_five_over_the_eight_bars() -> None:
    assert sparkline([1, 2, 3, 4, 5]) == "▁▃▅▆█"
    assert sparkline([5, 1]) == "█▁"
    assert sparkline([]) == ""


def test_sparkline_with_other_bounds() -> None:
    assert sparkline([0, 5, 10], 0, 10) == "▁▅█"
    assert sparkline([2, 3], low=2) == "▁▃"
    assert sparkline([1, 3], high=3) == "▁█"
    assert sparkline([3, 4], 3, 3) == "▁█"  # an empty span counts as one


D = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("days", "cadence", "expected"),
    [(28, 7, 4), (11, 4, 3), (10, 4, 2), (3, 7, 0), (4, 7, 1), (28, None, 0), (28, 0, 0), (0, 7, 0)],
)
def test_expected_meetings_of_a_relationship_older_than_the_period(
    days: int, cadence: int | None, expected: int
) -> None:
    since = D
    until = D + timedelta(days=days - 1)
    assert expected_meetings(since, until, D - timedelta(days=100), cadence) == expected


@pytest.mark.parametrize(
    ("started", "until", "cadence", "expected"),
    [
        (D, D, 7, 1),  # starting today: the first meeting is due today
        (D, D + timedelta(days=6), 7, 1),
        (D, D + timedelta(days=7), 7, 2),
        (D + timedelta(days=10), D + timedelta(days=24), 14, 2),  # starts inside the period: counted from there
        (D + timedelta(days=30), D + timedelta(days=24), 14, 0),  # starts after the period
        (D, D + timedelta(days=20), None, 0),
    ],
)
def test_expected_meetings_count_from_the_start(started: date, until: date, cadence: int | None, expected: int) -> None:
    assert expected_meetings(D, until, started, cadence) == expected


@pytest.mark.parametrize(("days", "is_weekly"), [(0, True), (1, True), (56, True), (57, False), (365, False)])
def test_weekly_rows_for_eight_weeks_or_less(days: int, is_weekly: bool) -> None:
    since = date(2026, 10, 1)
    assert weekly(since, date.fromordinal(since.toordinal() + days)) is is_weekly


# goal tree --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None
    name: str = ""


def ids(tree: list[tuple[Node, int]]) -> list[tuple[int, int]]:
    return [(node.id, depth) for node, depth in tree]


def test_goal_tree_lists_each_goal_before_its_milestones_in_the_given_order() -> None:
    goals = [Node(1, None), Node(2, None), Node(3, 1), Node(4, 3), Node(5, 1), Node(6, 2), Node(7, 4)]
    assert ids(goal_tree(goals)) == [(1, 0), (3, 1), (4, 2), (7, 3), (5, 1), (2, 0), (6, 1)]


def test_goal_tree_treats_a_milestone_of_a_goal_not_listed_as_a_root() -> None:
    goals = [Node(3, 99), Node(1, None), Node(4, 3)]
    assert ids(goal_tree(goals)) == [(3, 0), (4, 1), (1, 0)]


def test_goal_tree_of_nothing_and_of_a_cycle() -> None:
    assert goal_tree([]) == []
    assert goal_tree([Node(1, 2), Node(2, 1)]) == []  # no root: nothing reaches them
    assert ids(goal_tree([Node(1, None), Node(2, 3), Node(3, 2)])) == [(1, 0)]


def test_goal_tree_lists_a_repeated_id_once() -> None:
    first, again = Node(1, None, "first"), Node(1, None, "again")
    tree = goal_tree([first, Node(2, 1), again, Node(3, None)])
    assert tree == [(first, 0), (Node(2, 1), 1), (Node(3, None), 0)]


def test_goal_tree_of_a_deep_chain_needs_no_recursion() -> None:
    chain = [Node(1, None)] + [Node(n, n - 1) for n in range(2, 5001)]
    tree = goal_tree(list(reversed(chain)))
    assert ids(tree) == [(n, n - 1) for n in range(1, 5001)]


# goal changes, confidence, summary --------------------------------------------------------------

UPDATE = ProgressUpdate(1, "u-1", 7, "2026-11-20", 10, 40, "half way", "2026-11-20T09:00:00+00:00")
CHANGE = GoalChange(7, "Speak up", "active", "long", "2027-03-01", 2, 1, 10, 40, (UPDATE,))


def test_goal_change() -> None:
    assert CHANGE.delta == 30
    assert GoalChange(1, "t", "active", "short", None, None, 0, 60, 25).delta == -35
    assert GoalChange(1, "t", "active", "short", None, None, 0, 60, 25).moves == ()
    assert CHANGE.summary_json() == {"id": 7, "title": "Speak up", "progress_start": 10, "progress_end": 40}
    assert CHANGE.timeline_json() == {
        "id": 7,
        "title": "Speak up",
        "status": "active",
        "start": 10,
        "end": 40,
        "parent_id": 2,
        "depth": 1,
    }


def test_confidence_of_no_ratings() -> None:
    assert Confidence.of([]) == Confidence(None, None, None, "")
    assert Confidence.of([]).to_json() == {"first": None, "last": None, "average": None, "sparkline": ""}


def test_confidence_of_ratings() -> None:
    assert Confidence.of([2, 1, 2]) == Confidence(2, 2, 1.7, "▃▁▃")
    assert Confidence.of([1, 4, 5, 2]) == Confidence(1, 2, 3.0, "▁▆█▃")
    assert Confidence.of([3]) == Confidence(3, 3, 3.0, "▅")
    assert Confidence.of([2, 3, 4, 5]).to_json() == {"first": 2, "last": 5, "average": 3.5, "sparkline": "▃▅▆█"}


def test_confidence_sparkline_shows_the_latest_sixty_ratings() -> None:
    ratings = [5, 1] + [3] * 58 + [2]
    confidence = Confidence.of(ratings)
    assert confidence.sparkline == "▁" + "▅" * 58 + "▃"
    assert (confidence.first, confidence.last, confidence.average) == (5, 2, round(182 / 61, 1))


FIGURES = ActionFigures(created=4, done=3, open=2, overdue=1, completion_rate=0.75, created_done=3)


def summary(**changes: Any) -> Summary:
    values: dict[str, Any] = {
        "since": date(2026, 11, 1),
        "until": date(2026, 11, 30),
        "sessions": 0,
        "expected": 0,
        "actions": ActionFigures(0, 0, 0, 0, None),
        "goals": [],
        "confidence": Confidence.of([]),
        "tags": [],
        "feedback": [],
        "reflections": [],
    }
    return Summary(**{**values, **changes})


def test_summary_is_empty_without_sessions_new_actions_or_goals() -> None:
    assert summary().is_empty
    assert summary(actions=ActionFigures(0, 2, 5, 1, None), tags=[("x", 1)], expected=4).is_empty
    assert not summary(sessions=1).is_empty
    assert not summary(actions=ActionFigures(1, 0, 0, 0, 0.0)).is_empty
    assert not summary(goals=[CHANGE]).is_empty


def test_summary_json() -> None:
    value = summary(
        sessions=3,
        expected=4,
        actions=FIGURES,
        goals=[CHANGE],
        confidence=Confidence.of([3, 4]),
        tags=[("growth", 2), ("talks", 1)],
        feedback=[Quote("2026-11-05", "clear slides", "Dr. Weber"), Quote("2026-11-06", "self", None)],
        reflections=[Quote("2026-11-07", "I spoke first")],
    )
    assert value.to_json() == {
        "since": "2026-11-01",
        "until": "2026-11-30",
        "sessions": {"count": 3, "expected": 4},
        "actions": {"created": 4, "done": 3, "open": 2, "overdue": 1, "completion_rate": 0.75, "created_done": 3},
        "goals": [{"id": 7, "title": "Speak up", "progress_start": 10, "progress_end": 40}],
        "confidence": {"first": 3, "last": 4, "average": 3.5, "sparkline": "▅▆"},
        "tags": [{"tag": "growth", "count": 2}, {"tag": "talks", "count": 1}],
        "skills": [],
        "highlights": {
            "feedback": [
                {"date": "2026-11-05", "with": "Dr. Weber", "text": "clear slides"},
                {"date": "2026-11-06", "with": None, "text": "self"},
            ],
            "reflections": [{"date": "2026-11-07", "text": "I spoke first"}],
        },
        "people": [],
    }


# agenda -----------------------------------------------------------------------------------------


def person(
    pid: int = 1,
    name: str = "Ada",
    cadence: int | None = None,
    last: str | None = None,
    nxt: str | None = None,
) -> Person:
    return Person(
        pid,
        f"p-{pid}",
        name,
        "mentor",
        cadence,
        "",
        "2026-01-01T00:00:00+00:00",
        "2026-01-02T00:00:00+00:00",
        last,
        nxt,
    )


def session(sid: int = 5) -> Session:
    return Session(
        sid, f"s-{sid}", "2026-11-19", "10:00", 1, "Ada", "Talk", "notes", "good", 4, "2026-12-03", False,
        "2026-11-19T10:00:00+00:00", "2026-11-19T11:00:00+00:00",
    )  # fmt: skip


def action(aid: int, owner: str) -> Action:
    return Action(
        aid, f"a-{aid}", f"do {aid}", owner, None, None, "open", 1, "Ada", None, None,
        "2026-11-19T10:00:00+00:00", "2026-11-19T10:00:00+00:00", None,
    )  # fmt: skip


GOAL = Goal(
    3, "g-3", "Speak up", "", "long", "active", 10, None, None, 1, "Ada",
    "2026-10-01T00:00:00+00:00", "2026-10-01T00:00:00+00:00", None,
)  # fmt: skip
TOPIC = Topic(
    4, "t-4", "conference", 1, "Ada", "open", None, "2026-11-20T00:00:00+00:00", "2026-11-20T00:00:00+00:00", None
)
REFLECTION = Reflection(
    6, "r-6", "2026-11-21", "went well", None, 1, "Ada", "2026-11-21T00:00:00+00:00", "2026-11-21T00:00:00+00:00"
)


def test_agenda_json() -> None:
    ada = person(cadence=14, last="2026-11-19", nxt="2026-12-03")
    agenda = Agenda(
        ada, TODAY, 7, True, session(), [action(1, "me")], [action(2, "Ada")], [TOPIC], [GOAL], [REFLECTION],
        {"mine": 2},
    )  # fmt: skip
    assert agenda.to_json() == {
        "person": ada.to_json(),
        "days_since_last_session": 7,
        "cadence_kept": True,
        "last_session": {"id": 5, "date": "2026-11-19", "title": "Talk", "feedback": "good", "next": "2026-12-03"},
        "my_actions": [action(1, "me").to_json()],
        "their_actions": [action(2, "Ada").to_json()],
        "topics": [TOPIC.to_json()],
        "stale_goals": [GOAL.to_json()],
        "reflections": [REFLECTION.to_json()],
        "growth_areas": [],
        "skill_gaps": [],
        "not_listed": {"mine": 2},
        "needs_attention": [],
        "agreement_reminder": None,
    }


def test_agenda_json_recalls_the_agreement_with_when() -> None:
    agreed = Person(1, "p-1", "Ada", "mentee", 14, "", "c", "u", agreement="Every two weeks.")
    agenda = Agenda(agreed, TODAY, None, None, None, [], [], [], [], [], agreement_reminder="first month")
    assert agenda.to_json()["agreement_reminder"] == {"when": "first month", "agreement": "Every two weeks."}
    agenda = Agenda(agreed, TODAY, None, None, None, [], [], [], [], [], agreement_reminder="")
    assert agenda.to_json()["agreement_reminder"] is None


def test_agenda_json_without_a_last_session() -> None:
    agenda = Agenda(person(), TODAY, None, None, None, [], [], [], [], [])
    assert agenda.more == {}
    assert agenda.to_json() == {
        "person": person().to_json(),
        "days_since_last_session": None,
        "cadence_kept": None,
        "last_session": None,
        "my_actions": [],
        "their_actions": [],
        "topics": [],
        "stale_goals": [],
        "reflections": [],
        "growth_areas": [],
        "skill_gaps": [],
        "not_listed": {},
        "needs_attention": [],
        "agreement_reminder": None,
    }


@pytest.mark.parametrize(
    ("cadence", "days", "nxt", "kept"),
    [
        (None, 3, None, None),
        (0, 3, "2026-12-01", None),
        (14, None, None, False),
        (14, 13, None, True),
        (14, 14, None, True),
        (14, 15, None, False),
        (14, None, "2026-11-26", True),  # planned for today
        (14, 40, "2026-11-27", True),
        (14, 40, "2026-11-25", False),  # planned, but the day has passed
        (14, None, "2026-11-25", False),
        (14, 1, "2026-11-25", True),
    ],
)
def test_cadence_kept(cadence: int | None, days: int | None, nxt: str | None, kept: bool | None) -> None:
    assert cadence_kept(person(cadence=cadence, nxt=nxt), days, TODAY) is kept


def test_agenda_person_is_the_next_planned_meeting_then_the_name() -> None:
    people = [
        person(1, "Cleo", nxt="2026-12-01"),
        person(2, "Bea", nxt="2026-11-28", last="2020-01-01"),
        person(3, "Al", nxt="2026-11-28"),
        person(4, "Dan", nxt="2026-11-25", last="2019-01-01"),
        person(5, "Eve"),
    ]
    assert pick_agenda_person(people, TODAY) == people[2]
    assert pick_agenda_person([*people[:2], person(6, "Zed", nxt="2026-11-26")], TODAY) == person(
        6, "Zed", nxt="2026-11-26"
    )


def test_agenda_person_without_a_planned_meeting_is_the_longest_not_met() -> None:
    people = [
        person(1, "Cleo", last="2026-10-01", nxt="2026-11-25"),
        person(2, "Bea", last="2026-09-01"),
        person(3, "Al", last="2026-09-01"),
        person(4, "Dan"),
    ]
    assert pick_agenda_person(people, TODAY) == people[2]
    assert pick_agenda_person(people[:2], TODAY) == people[1]
    assert pick_agenda_person(
        [person(1, "Al", last="2026-11-01"), person(2, "Bo", last="2026-10-01")], TODAY
    ) == person(2, "Bo", last="2026-10-01")


def test_agenda_person_of_people_never_met_is_the_first() -> None:
    assert pick_agenda_person([person(1, "Bo"), person(2, "Al")], TODAY) == person(1, "Bo")
    assert pick_agenda_person([person(2, "Al", nxt="2026-11-25")], TODAY) == person(2, "Al", nxt="2026-11-25")
    assert pick_agenda_person([], TODAY) is None


# timeline ---------------------------------------------------------------------------------------


def test_weekly_rows_run_monday_to_sunday_cut_to_the_period() -> None:
    assert timeline_rows(date(2026, 11, 25), date(2026, 12, 8)) == [
        Row("Nov 23–29", "2026-11-23", date(2026, 11, 25), date(2026, 11, 29)),
        Row("Nov 30–Dec 06", "2026-11-30", date(2026, 11, 30), date(2026, 12, 6)),
        Row("Dec 7–13", "2026-12-07", date(2026, 12, 7), date(2026, 12, 8)),
    ]


def test_weekly_rows_of_one_day_and_of_whole_weeks() -> None:
    assert timeline_rows(TODAY, TODAY) == [Row("Nov 23–29", "2026-11-23", TODAY, TODAY)]
    monday = date(2026, 11, 30)
    assert timeline_rows(monday, monday) == [Row("Nov 30–Dec 06", "2026-11-30", monday, monday)]
    assert timeline_rows(TODAY, monday) == [
        Row("Nov 23–29", "2026-11-23", TODAY, date(2026, 11, 29)),
        Row("Nov 30–Dec 06", "2026-11-30", monday, monday),
    ]
    assert timeline_rows(date(2026, 11, 23), date(2026, 12, 6)) == [
        Row("Nov 23–29", "2026-11-23", date(2026, 11, 23), date(2026, 11, 29)),
        Row("Nov 30–Dec 06", "2026-11-30", date(2026, 11, 30), date(2026, 12, 6)),
    ]
    assert timeline_rows(date(2026, 12, 28), date(2027, 1, 3)) == [
        Row("Dec 28–Jan 03", "2026-12-28", date(2026, 12, 28), date(2027, 1, 3))
    ]


def test_monthly_rows_cut_to_the_period_across_a_new_year() -> None:
    assert timeline_rows(date(2026, 11, 15), date(2027, 2, 10)) == [
        Row("Nov 2026", "2026-11", date(2026, 11, 15), date(2026, 11, 30)),
        Row("Dec 2026", "2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        Row("Jan 2027", "2027-01", date(2027, 1, 1), date(2027, 1, 31)),
        Row("Feb 2027", "2027-02", date(2027, 2, 1), date(2027, 2, 10)),
    ]


def test_monthly_rows_of_whole_months() -> None:
    rows = timeline_rows(date(2027, 1, 1), date(2027, 3, 31))
    assert [(row.key, row.start, row.end) for row in rows] == [
        ("2027-01", date(2027, 1, 1), date(2027, 1, 31)),
        ("2027-02", date(2027, 2, 1), date(2027, 2, 28)),
        ("2027-03", date(2027, 3, 1), date(2027, 3, 31)),
    ]
    assert [row.key for row in timeline_rows(date(2026, 1, 31), date(2026, 12, 1))] == [
        f"2026-{month:02}" for month in range(1, 13)
    ]


def test_row_total_and_json() -> None:
    row = Row("Nov 2026", "2026-11", date(2026, 11, 1), date(2026, 11, 30))
    assert (row.marks, row.counts, row.total) == ([], {}, 0)
    row.marks.append(Mark("2026-11-05", "session", "Talk", "with Ada"))
    row.marks.append(Mark("2026-11-06", "action", "send"))
    row.counts.update(session=2, action=3)
    assert row.total == 5
    assert row.to_json() == {
        "label": "Nov 2026",
        "start": "2026-11-01",
        "end": "2026-11-30",
        "counts": {"session": 2, "action": 3},
        "marks": [
            {"day": "2026-11-05", "kind": "session", "text": "Talk", "detail": "with Ada"},
            {"day": "2026-11-06", "kind": "action", "text": "send", "detail": ""},
        ],
    }


def test_timeline_is_empty_without_marks_or_goals() -> None:
    since, until = date(2026, 11, 1), date(2026, 11, 30)
    quiet = Row("Nov 2026", "2026-11", since, until, [], {"session": 1})
    busy = Row("Nov 2026", "2026-11", since, until, [Mark("2026-11-05", "session", "Talk")])
    assert Timeline(since, until, [], []).is_empty
    assert Timeline(since, until, [quiet, quiet], []).is_empty
    assert not Timeline(since, until, [quiet, busy], []).is_empty
    assert not Timeline(since, until, [busy, quiet], []).is_empty
    assert not Timeline(since, until, [quiet], [CHANGE]).is_empty


def test_timeline_json() -> None:
    row = Row("Nov 2026", "2026-11", date(2026, 11, 1), date(2026, 11, 30))
    timeline = Timeline(date(2026, 11, 1), date(2026, 11, 30), [row], [CHANGE])
    assert timeline.to_json() == {
        "since": "2026-11-01",
        "until": "2026-11-30",
        "rows": [{"label": "Nov 2026", "start": "2026-11-01", "end": "2026-11-30", "counts": {}, "marks": []}],
        "goals": [CHANGE.timeline_json()],
    }


# review -----------------------------------------------------------------------------------------


def review(with_name: str | None) -> Review:
    return Review(
        date(2026, 11, 1), date(2026, 11, 30), TODAY, [], with_name, summary(), [], [], [], [], [], [], [], [], [], []
    )


def test_review_title_and_defaults() -> None:
    assert review("Dr. Weber").title == "Mentoring review with Dr. Weber: 2026-11-01 to 2026-11-30"
    assert review(None).title == "Mentoring review: 2026-11-01 to 2026-11-30"
    assert review("").title == "Mentoring review: 2026-11-01 to 2026-11-30"
    assert (review(None).private_left_out, review(None).open_more, review(None).done_more) == (0, 0, 0)


def test_confidence_of_parts_is_the_same_as_of_all_the_ratings() -> None:
    ratings = [1, 2, 3, 4, 5] * 13
    assert Confidence.of_parts(1, ratings[-SPARK_POINTS:], sum(ratings), len(ratings)) == Confidence.of(ratings)
    assert Confidence.of_parts(3, [4, 5], 12, 3) == Confidence(3, 5, 4.0, "▆█")
    assert Confidence.of_parts(2, [1, 2], 5, 3) == Confidence(2, 2, 1.7, "▁▃")


def test_confidence_of_parts_without_ratings_is_empty() -> None:
    empty = Confidence(None, None, None, "")
    assert Confidence.of_parts(None, [], 0, 0) == empty
    assert Confidence.of_parts(3, [3], 3, 0) == empty
    assert Confidence.of_parts(None, [3], 3, 1) == empty


def test_person_figures_json() -> None:
    figures = PersonFigures(7, "Ada", "mentee", 3, 4, Confidence.of([2, 4]), 5, 1)
    assert figures.to_json() == {
        "person": "Ada",
        "role": "mentee",
        "sessions": {"count": 3, "expected": 4},
        "confidence": {"first": 2, "last": 4, "average": 3.0, "sparkline": "▃▆"},
        "actions": {"open": 5, "overdue": 1},
    }


def test_next_meeting_is_the_planned_day_else_the_last_session_or_start_plus_the_cadence() -> None:
    assert next_meeting(person(cadence=14, last="2026-11-19", nxt="2026-11-26"), TODAY) == Meeting(
        person(cadence=14, last="2026-11-19", nxt="2026-11-26"), date(2026, 11, 26), True
    )
    passed = person(cadence=14, last="2026-11-19", nxt="2026-11-25")
    assert next_meeting(passed, TODAY) == Meeting(passed, date(2026, 12, 3), False)
    unplanned = person(cadence=10, last="2026-11-19")
    assert next_meeting(unplanned, TODAY) == Meeting(unplanned, date(2026, 11, 29), False)
    started = Person(2, "p-2", "Bo", "mentee", 7, "", "c", "u", started="2026-11-20")
    assert next_meeting(started, TODAY) == Meeting(started, date(2026, 11, 27), False)
    assert next_meeting(person(cadence=10), TODAY) is None
    assert next_meeting(person(last="2026-11-19"), TODAY) is None
    assert next_meeting(person(last="2026-11-19", nxt="2026-11-25"), TODAY) is None


def test_today_json() -> None:
    ada, bo = person(1, "Ada"), person(2, "Bo")
    today = Today(
        TODAY, [action(1, "me")], {"Ada": [action(2, "Ada")]}, [Meeting(ada, date(2026, 11, 28), True)],
        [Meeting(bo, date(2026, 11, 20), False)], [GOAL], {"Ada": [TOPIC]}, False, {"mine": 3},
        {"Bo": ["1 of 4 expected meetings held"]},
    )  # fmt: skip
    assert today.to_json() == {
        "today": "2026-11-26",
        "my_actions": [action(1, "me").to_json()],
        "their_actions": {"Ada": [action(2, "Ada").to_json()]},
        "meetings": [{"person": "Ada", "date": "2026-11-28", "planned": True}],
        "overdue_meetings": [{"person": "Bo", "date": "2026-11-20", "planned": False}],
        "stale_goals": [GOAL.to_json()],
        "topics": {"Ada": [TOPIC.to_json()]},
        "not_listed": {"mine": 3},
        "needs_attention": {"Bo": ["1 of 4 expected meetings held"]},
    }


# the report values: each field is what was given, and the defaults are fresh ---------------------------------------


def _report_kinds() -> list[type]:
    from mentorlog.core import reports
    from mentorlog.core.grouping import Part

    return [reports.GoalChange, reports.ActionFigures, reports.Quote, reports.PersonFigures, reports.Summary,
            reports.Mark, reports.Row, reports.Timeline, reports.Review, Part]  # fmt: skip


@pytest.mark.parametrize("kind", _report_kinds(), ids=lambda kind: kind.__name__)
def test_a_report_value_keeps_every_field_it_is_given_by_position_and_by_name(kind: type) -> None:
    import inspect

    names = list(inspect.signature(kind).parameters)
    assert names == list(kind.__slots__)
    given = {name: object() for name in names}  # a distinct marker per field: no two fields can be swapped
    for made in (kind(*given.values()), kind(**given)):
        assert {name: getattr(made, name) for name in names} == given
        assert made == kind(**given) and repr(made).startswith(f"{kind.__name__}(")


def test_report_values_default_to_fresh_empty_lists_and_zeros() -> None:
    from mentorlog.core.grouping import Part
    from mentorlog.core.reports import ActionFigures, Mark, Quote, Review, Row, Summary

    change = GoalChange(1, "t", "active", "short", None, None, 0, 10, 20)
    assert change.moves == () and change.delta == 10
    assert ActionFigures(1, 2, 3, 4, None).created_done == 0 and Quote("2026-11-26", "text").with_name is None
    assert Mark("2026-11-26", "session", "met").detail == ""
    row, other = Row("Nov", "2026-11", TODAY, TODAY), Row("Dec", "2026-12", TODAY, TODAY)
    assert (row.marks, row.counts) == ([], {}) and row.marks is not other.marks and row.counts is not other.counts
    summary = Summary(TODAY, TODAY, 0, 0, ActionFigures(0, 0, 0, 0, None), [], Confidence(None, None, None, ""),
                      [], [], [])  # fmt: skip
    again = Summary(TODAY, TODAY, 0, 0, ActionFigures(0, 0, 0, 0, None), [], Confidence(None, None, None, ""),
                    [], [], [])  # fmt: skip
    assert (summary.people, summary.skills) == ([], []) and summary.people is not again.people
    assert summary.skills is not again.skills
    review = Review(TODAY, TODAY, TODAY, [], None, summary, [], [], [], [], [], [], [], [], [], [])
    later = Review(TODAY, TODAY, TODAY, [], None, summary, [], [], [], [], [], [], [], [], [], [])
    assert (review.private_left_out, review.open_more, review.done_more) == (0, 0, 0)
    lists = ("private_days", "skills", "health", "targets")
    assert all(getattr(review, name) == [] and getattr(review, name) is not getattr(later, name) for name in lists)
    part, second = Part("Ada"), Part("Bea", "mentee")
    assert (part.role, part.figures, part.health, second.role) == ("", None, None, "mentee")
    assert all(getattr(part, name) == [] and getattr(part, name) is not getattr(second, name)
               for name in ("goals", "sessions", "open", "done"))  # fmt: skip
    with pytest.raises(AttributeError, match="frozen"):
        change.start = 5  # type: ignore[misc]
