"""grouping: a review per relationship (by_person), what it says about health, and one-line sessions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from mentorlog.base import i18n
from mentorlog.core.grouping import NOBODY, Part, by_person, health_lines, health_verdict, one_line_session
from mentorlog.core.health import Figures, Health, Side, assess
from mentorlog.core.records import Action, Goal, Person, Session
from mentorlog.core.reports import ActionFigures, Confidence, GoalChange, PersonFigures, Review, Summary

TODAY = date(2026, 11, 26)
SINCE, UNTIL = date(2026, 11, 1), date(2026, 11, 30)
STAMP = "2026-11-19T10:00:00+00:00"


def person(pid: int, name: str, role: str = "mentee", cadence: int | None = 14) -> Person:
    return Person(pid, f"p-{pid}", name, role, cadence, "", STAMP, STAMP, None, None, 0, "2026-01-01", None, "",
                  "active", None)  # fmt: skip


def session(sid: int, with_name: str | None, *, notes: str = "notes", title: str = "Talk", feedback: str = "",
            confidence: int | None = None, nxt: str | None = None) -> Session:  # fmt: skip
    return Session(sid, f"s-{sid}", "2026-11-19", "10:00", None, with_name, title, notes, feedback, confidence, nxt,
                   False, STAMP, STAMP)  # fmt: skip


def action(aid: int, with_name: str | None, status: str = "open") -> Action:
    return Action(aid, f"a-{aid}", f"do {aid}", "me", None, None, status, None, with_name, None, None, STAMP, STAMP,
                  None)  # fmt: skip


def goal(gid: int, with_name: str | None, parent: int | None = None) -> Goal:
    return Goal(gid, f"g-{gid}", f"goal {gid}", "", "long", "active", 0, None, parent, None, with_name, STAMP, STAMP,
                None)  # fmt: skip


def change(gid: int, depth: int, parent: int | None = None) -> GoalChange:
    return GoalChange(gid, f"goal {gid}", "active", "long", None, parent, depth, 0, 10)


def figures(pid: int, name: str, expected: int) -> PersonFigures:
    return PersonFigures(pid, name, "mentee", 0, expected, Confidence.of([]), 0, 0)


def review(people: list[Person], **parts: object) -> Review:
    summary = Summary(SINCE, UNTIL, 0, 0, ActionFigures(0, 0, 0, 0, None), [], Confidence.of([]), [], [], [],
                      people=parts.pop("figures", []))  # type: ignore[arg-type]  # fmt: skip
    values: dict[str, object] = {
        "since": SINCE, "until": UNTIL, "today": TODAY, "people": people, "with_name": None, "summary": summary,
        "sessions": [], "goals": [], "goal_records": [], "updates": [], "actions": [], "actions_done": [],
        "actions_open": [], "reflections": [], "topics": [], "next_meetings": [],
    }  # fmt: skip
    values.update(parts)
    return Review(**values)  # type: ignore[arg-type]


def test_records_are_grouped_per_person_in_the_order_of_the_people_then_nobody() -> None:
    ada, bo = person(1, "Ada"), person(2, "Bo", "mentor")
    found = by_person(
        review(
            [ada, bo],
            sessions=[session(1, "Bo"), session(2, None), session(3, "Ada")],
            actions_open=[action(1, "Ada"), action(2, None)],
            actions_done=[action(3, "Bo", "done"), action(4, "Ada", "done")],
        )
    )
    assert [(p.name, p.role) for p in found] == [("Ada", "mentee"), ("Bo", "mentor"), (NOBODY, "")]
    ada_part, bo_part, nobody = found
    assert [s.id for s in ada_part.sessions] == [3] and [s.id for s in bo_part.sessions] == [1]
    assert [s.id for s in nobody.sessions] == [2]
    assert [a.id for a in ada_part.open] == [1] and [a.id for a in nobody.open] == [2] and bo_part.open == []
    assert [a.id for a in ada_part.done] == [4] and [a.id for a in bo_part.done] == [3] and nobody.done == []


def test_a_name_not_among_the_people_gets_a_group_of_its_own_after_them() -> None:
    found = by_person(
        review(
            [person(1, "Ada")],
            sessions=[session(1, "Cy")],
            actions_open=[action(1, "Dee")],
            actions_done=[action(2, "Eve", "done")],
        )
    )
    assert [(p.name, p.role, len(p.sessions), len(p.open), len(p.done)) for p in found] == [
        ("Cy", "", 1, 0, 0),
        ("Dee", "", 0, 1, 0),
        ("Eve", "", 0, 0, 1),
    ]


def test_milestones_stay_with_their_root_goals_person() -> None:
    goals = [goal(1, "Ada"), goal(2, "Bo", parent=1), goal(3, None), goal(4, "Cy")]
    changes = [change(1, 0), change(2, 1, 1), change(3, 0), change(5, 1, 3), change(4, 0)]
    found = by_person(review([person(1, "Ada"), person(2, "Bo")], goals=changes, goal_records=goals))
    assert [(p.name, [g.id for g in p.goals]) for p in found] == [("Ada", [1, 2]), (NOBODY, [3, 5]), ("Cy", [4])]


def test_a_goal_with_no_record_is_with_nobody() -> None:
    found = by_person(review([person(1, "Ada")], goals=[change(7, 0)], goal_records=[]))
    assert [(p.name, [g.id for g in p.goals]) for p in found] == [(NOBODY, [7])]


def test_a_person_with_no_records_is_listed_only_when_meetings_were_expected() -> None:
    people = [person(1, "Ada"), person(2, "Bo"), person(3, "Cy")]
    found = by_person(review(people, figures=[figures(1, "Ada", 2), figures(2, "Bo", 0), figures(9, "Zed", 3)]))
    assert [p.name for p in found] == ["Ada"]
    assert found[0].figures == figures(1, "Ada", 2)
    assert found[0].empty


def test_each_part_carries_its_persons_health() -> None:
    ada, bo = person(1, "Ada"), person(2, "Bo")
    judged = [assess(health_figures(ada)), assess(health_figures(person(9, "Zed")))]
    found = by_person(review([ada, bo], sessions=[session(1, "Ada"), session(2, "Bo")], health=judged))
    assert [p.name for p in found] == ["Ada", "Bo"]
    assert found[0].health == judged[0] and found[1].health is None
    assert found[0].figures is None


def test_a_part_is_empty_without_goals_sessions_or_action_items() -> None:
    assert Part("Ada").empty
    assert not Part("Ada", goals=[change(1, 0)]).empty
    assert not Part("Ada", sessions=[session(1, "Ada")]).empty
    assert not Part("Ada", open=[action(1, "Ada")]).empty
    assert not Part("Ada", done=[action(1, "Ada", "done")]).empty


def health_figures(who: Person, **changes: object) -> Figures:
    base: dict[str, object] = {
        "person": who, "since": SINCE, "until": UNTIL, "held": 2, "expected": 2, "longest_gap_days": 10,
        "me": Side(), "them": Side(), "days_to_done": (), "confidences": (), "topics_carried": 0,
        "stalled_goal_ids": (), "active_goals": 0,
    }  # fmt: skip
    base.update(changes)
    return Figures(**base)  # type: ignore[arg-type]


@pytest.fixture
def german() -> Iterator[None]:
    i18n.use("de")
    yield
    i18n.use("en")


def troubled() -> Figures:
    return health_figures(
        person(1, "Ada"), held=1, expected=4, me=Side(on_time=1, late=1, overdue=1), them=Side(late=2),
        topics_carried=3, stalled_goal_ids=(1,), active_goals=3, confidences=(5, 4, 2),
    )  # fmt: skip


def test_health_lines_name_every_dimension_not_on_track_with_its_reason() -> None:
    assert health_lines(assess(troubled())) == [
        ("meetings", "needs attention", "1 of 4 expected meetings held"),
        ("my actions", "needs attention", "1 of 3 done on time, 1 late, 1 overdue"),
        ("their actions", "needs attention", "0 of 2 done on time, 2 late"),
        ("confidence", "needs attention", "confidence fell from 5 to 2 over the last 3 sessions"),
        ("topics", "needs attention", "3 topics carried over two meetings or more"),
        ("goals", "watch", "1 of 3 active goals without progress for 4 weeks"),
    ]


def test_health_lines_leave_out_what_is_on_track() -> None:
    assert health_lines(assess(health_figures(person(1, "Ada")))) == []
    found = health_lines(assess(health_figures(person(1, "Ada"), topics_carried=1)))
    assert found == [("topics", "watch", "1 topic carried over two meetings or more")]


def test_health_lines_in_german_name_whose_actions_they_are(german: None) -> None:
    assert health_lines(assess(troubled())) == [
        ("Treffen", "needs attention", "stattgefunden: 1 von 4 erwarteten Treffen"),
        ("meine Aufgaben", "needs attention", "1 von 3 pünktlich erledigt, 1 verspätet, 1 überfällig"),
        ("Aufgaben von Ada", "needs attention", "0 von 2 pünktlich erledigt, 2 verspätet"),
        ("Zuversicht", "needs attention", "Zuversicht ist in den letzten 3 Sitzungen von 5 auf 2 gefallen"),
        ("Themen", "needs attention", "3 Themen seit zwei oder mehr Treffen offen"),
        ("Ziele", "watch", "seit 4 Wochen ohne Fortschritt: 1 von 3 aktiven Zielen"),
    ]
    assert health_verdict("watch") == "beobachten"


def test_a_health_verdict_is_said_in_the_chosen_language() -> None:
    assert health_verdict("needs attention") == "needs attention"
    assert health_verdict("odd") == "odd"


def test_a_one_line_session_has_no_feedback_rating_or_next_date_and_short_notes() -> None:
    assert one_line_session(session(1, "Ada", notes="short", feedback=""))
    assert not one_line_session(session(1, "Ada", feedback="good"))
    assert not one_line_session(session(1, "Ada", confidence=4))
    assert not one_line_session(session(1, "Ada", nxt="2026-12-03"))
    assert not one_line_session(session(1, "Ada", notes="two\nlines"))
    assert one_line_session(session(1, "Ada", title="T" * 60, notes="n" * 100))
    assert not one_line_session(session(1, "Ada", title="T" * 60, notes="n" * 101))
    assert one_line_session(session(1, "Ada", title="", notes=""))


def test_health_lines_drop_the_whose_actions_prefix_even_when_the_name_has_a_colon(german: None) -> None:
    judged = assess(health_figures(person(1, "Dr: Who"), me=Side(late=2), them=Side(late=2)))
    assert health_lines(judged) == [
        ("meine Aufgaben", "needs attention", "0 von 2 pünktlich erledigt, 2 verspätet"),
        ("Aufgaben von Dr: Who", "needs attention", "0 von 2 pünktlich erledigt, 2 verspätet"),
    ]


def test_health_lines_refuse_a_health_whose_reasons_do_not_match_its_verdicts() -> None:
    judged = assess(troubled())
    broken = Health(judged.figures, judged.verdicts, judged.reasons[:-1])
    with pytest.raises(ValueError, match="zip"):
        health_lines(broken)
