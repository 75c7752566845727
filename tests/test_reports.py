"""Summary, agenda and timeline figures on a hand-built journal where every number is known."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from mentorlog.base.config import Clock
from mentorlog.core import meetings, reports
from mentorlog.store.journal import Journal
from mentorlog.store.records.sessions import NewAction

from . import oracle
from .conftest import TODAY


def at(journal: Journal, day: date) -> Journal:
    """The journal with its clock on DAY at 10:00, so created_at/done_at land on DAY."""
    return journal.with_clock(Clock.pinned(day, time(10, 0)))


@pytest.fixture
def known(journal: Journal) -> Journal:
    """30 days to 2026-11-26 (since 2026-10-28): Anna every 14 days, Bob every 10 days.

    In the period: 3 sessions (confidence 2, 4, 3), tags #growth x2 + #focus x1 (+ #growth in a reflection);
    actions: 4 created in the period (2 done, 1 open and overdue, 1 open not due), 1 created before and
    done in the period, 1 created before and still open (not due yet). Goal "Talk" moves 20 → 60.
    """
    journal = at(journal, date(2026, 9, 1))
    anna = journal.people.add_person("Anna", "mentee", 14).id
    bob = journal.people.add_person("Bob", "mentee", 10).id
    talk = journal.goals.add_goal("Talk", person_id=anna).id
    journal = at(journal, date(2026, 10, 1))
    journal.goals.record_progress(talk, 20)
    old_done = journal.actions.add_action("old, done later", person_id=anna, due=date(2026, 10, 20)).id
    journal.actions.add_action("old, still open", person_id=anna, due=date(2026, 12, 20))
    journal.sessions.add_session(
        day=date(2026, 10, 1), person_id=anna, notes="before the period", confidence=1, tags=["old"]
    )

    journal = at(journal, date(2026, 11, 2))
    s1 = journal.sessions.add_session(
        day=date(2026, 11, 2), person_id=anna, notes="one #growth", confidence=2, tags=["growth"],
        feedback="Speak up earlier",
        actions=[NewAction("a1", due=date(2026, 11, 10)), NewAction("a2", due=date(2026, 11, 20))],
    )  # fmt: skip
    journal.actions.set_action_status([old_done], "done")
    journal = at(journal, date(2026, 11, 12))
    journal.goals.record_progress(talk, 45)
    journal.actions.set_action_status([s1.action_ids[0]], "done")
    journal.sessions.add_session(day=date(2026, 11, 12), person_id=bob, notes="two", confidence=4,
                                 tags=["growth", "focus"],
                                 actions=[NewAction("b1", owner_id=bob, due=date(2026, 11, 25))])  # fmt: skip
    journal = at(journal, date(2026, 11, 20))
    journal.sessions.add_session(day=date(2026, 11, 20), person_id=anna, notes="three", confidence=3,
                                 actions=[NewAction("a3", due=date(2026, 12, 5))])  # fmt: skip
    journal.goals.record_progress(talk, 60)
    journal.actions.set_action_status([s1.action_ids[1]], "done")
    journal.reflections.add_reflection(
        "Learned to pause #growth", day=date(2026, 11, 21), person_id=anna, tags=["growth"]
    )
    # skills: mine rated by me and by Anna (before and inside the period), Bob's, and one rated only long ago
    feedback = journal.skills.add_skill("Feedback", goal_ids=[talk]).id
    estimating = journal.skills.add_skill("Estimating", person_id=bob).id
    old = journal.skills.add_skill("Old one").id
    for skill, level, day, rater in ((feedback, 2, date(2026, 9, 5), None), (feedback, 4, date(2026, 9, 6), anna),
                                     (feedback, 3, date(2026, 11, 2), None), (feedback, 5, date(2026, 11, 3), anna),
                                     (feedback, 4, date(2026, 11, 20), None), (estimating, 2, date(2026, 11, 12), bob),
                                     (old, 3, date(2026, 9, 2), None)):  # fmt: skip
        journal.skills.rate_skill(skill, level, day=day, rater_id=rater)
    journal = at(journal, TODAY)
    return journal


def test_summary_figures_are_exact(known: Journal) -> None:
    figures = oracle.summary(oracle.period(known, date(2026, 10, 28), TODAY))
    assert figures["since"] == "2026-10-28" and figures["until"] == "2026-11-26"
    # issue 11: counted from each relationship's start. Anna met first on 2026-10-01 (before the period):
    # round(30/14) = 2; Bob first met on 2026-11-12: 15 days, round(15/10) = 2.
    assert figures["sessions"] == {"count": 3, "expected": 2 + 2}
    assert figures["actions"] == {
        "created": 4, "done": 3, "open": 3, "overdue": 1, "completion_rate": 0.5, "created_done": 2,
    }  # fmt: skip
    assert figures["goals"] == [{"id": 1, "title": "Talk", "progress_start": 20, "progress_end": 60}]
    assert {k: figures["confidence"][k] for k in ("first", "last", "average")} == {
        "first": 2,
        "last": 3,
        "average": 3.0,
    }
    assert figures["confidence"]["sparkline"] == "▃▆▅"  # 2, 4, 3 on the 1..5 scale
    assert figures["tags"] == [{"tag": "growth", "count": 3}, {"tag": "focus", "count": 1}]
    assert figures["highlights"]["feedback"][0]["text"] == "Speak up earlier"
    assert figures["highlights"]["reflections"][0]["text"] == "Learned to pause #growth"
    # my view of Feedback: 2 before the period, 3 and 4 inside it (+2); Anna's: 4 before, 5 inside (+1). Bob's own
    # single rating of Estimating has a level but no change yet; "Old one" was not rated in the period.
    assert [(s["name"], s["level_start"], s["level_end"], s["change"], s["level_by_others_start"],
             s["level_by_others_end"], s["change_by_others"], s["ratings"]) for s in figures["skills"]] == [
        ("Feedback", 2, 4, 2, 4, 5, 1, 3), ("Estimating", None, None, None, 2, 2, None, 1)]  # fmt: skip


def test_summary_for_one_person(known: Journal) -> None:
    anna = known.people.find_person("anna")["id"]
    figures = oracle.summary(oracle.period(known, date(2026, 10, 28), TODAY, person_id=anna))
    assert figures["sessions"] == {"count": 2, "expected": 2}
    assert figures["actions"]["created"] == 3 and figures["actions"]["overdue"] == 0
    assert figures["confidence"]["average"] == 2.5
    assert [skill["name"] for skill in figures["skills"]] == ["Feedback"]  # mine, rated by Anna; not Bob's


def test_progress_at_a_date_comes_from_the_updates(known: Journal) -> None:
    goal = known.goals.get_goal(1)
    updates = known.goals.progress_updates(1)
    assert oracle.progress_at(goal, updates, date(2026, 9, 15)) == 0
    assert oracle.progress_at(goal, updates, date(2026, 11, 12)) == 45
    assert oracle.progress_at(goal, updates, TODAY) == 60


def test_agenda_brief_for_a_person(known: Journal) -> None:
    anna = known.people.find_person("anna")["id"]
    known.topics.add_topic("Budget", anna)
    brief = known.agenda.agenda_for(anna)
    assert brief.days_since_last == 6 and brief.cadence_kept is True
    assert brief.last_session is not None and brief.last_session.notes == "three"
    assert [a.text for a in brief.mine] == ["a3", "old, still open"]
    assert brief.theirs == []
    assert [t.text for t in brief.topics] == ["Budget"]
    assert brief.stale_goals == []  # progress 6 days ago
    assert [r.text for r in brief.reflections] == ["Learned to pause #growth"]
    bob = known.people.find_person("bob")["id"]
    bob_brief = known.agenda.agenda_for(bob)
    assert bob_brief.days_since_last == 14 and bob_brief.cadence_kept is False
    assert [a.text for a in bob_brief.theirs] == ["b1"]


def test_goals_without_progress_for_four_weeks_are_stale(journal: Journal) -> None:
    journal = at(journal, TODAY - timedelta(days=40))
    anna = journal.people.add_person("Anna", "mentee").id
    stale = journal.goals.add_goal("Stale", person_id=anna).id
    fresh = journal.goals.add_goal("Fresh", person_id=anna).id
    journal = at(journal, TODAY - timedelta(days=3))
    journal.goals.record_progress(fresh, 10)
    journal = at(journal, TODAY)
    assert [g.id for g in journal.agenda.agenda_for(anna).stale_goals] == [stale]


def test_agenda_person_is_the_soonest_planned_meeting(journal: Journal) -> None:
    a = journal.people.add_person("A", "mentee")
    b = journal.people.add_person("B", "mentee")
    journal.sessions.add_session(
        day=TODAY - timedelta(days=5), person_id=a.id, notes="x", next_day=TODAY + timedelta(days=9)
    )
    journal.sessions.add_session(
        day=TODAY - timedelta(days=20), person_id=b.id, notes="y", next_day=TODAY + timedelta(days=2)
    )
    assert meetings.pick_agenda_person(journal.people.list_people(), TODAY).name == "B"
    assert meetings.pick_agenda_person([], TODAY) is None


def test_timeline_rows_are_weeks_for_short_periods_and_months_otherwise(known: Journal) -> None:
    weekly = known.timeline.timeline(date(2026, 11, 1), TODAY)
    assert [row.label for row in weekly.rows] == ["Oct 26–Nov 01", "Nov 2–8", "Nov 9–15", "Nov 16–22", "Nov 23–29"]
    monthly = known.timeline.timeline(date(2026, 9, 1), TODAY)
    assert [row.label for row in monthly.rows] == ["Sep 2026", "Oct 2026", "Nov 2026"]
    november = monthly.rows[2]
    kinds = sorted({mark.kind for mark in november.marks})
    assert kinds == ["action", "progress", "rating", "reflection", "session"]
    assert [m.detail for m in november.marks if m.kind == "progress"] == ["20% → 45%", "45% → 60%"]
    assert november.counts["rating"] == 4  # ◆: each rating names the skill and the step from the rater's last one
    assert [(m.day, m.text, m.detail) for m in monthly.rows[0].marks if m.kind == "rating"][:2] == [
        ("2026-09-02", "Old one", "level 3 · me"), ("2026-09-05", "Feedback", "level 2 · me")]  # fmt: skip
    assert [m.detail for row in weekly.rows for m in row.marks if m.kind == "rating" and m.text == "Feedback"] == [
        "2 → 3 · me", "4 → 5 · Anna", "3 → 4 · me"]  # fmt: skip
    with_bob = known.timeline.timeline(date(2026, 9, 1), TODAY, person_id=known.people.find_person("bob")["id"])
    assert [m.text for row in with_bob.rows for m in row.marks if m.kind == "rating"] == ["Estimating"]
    assert [goal.timeline_json() for goal in monthly.goals] == [
        {"id": 1, "title": "Talk", "status": "active", "start": 0, "end": 60, "parent_id": None, "depth": 0}
    ]


def test_timeline_for_one_goal_includes_its_milestones_only(journal: Journal) -> None:
    talk = journal.goals.add_goal("Talk").id
    journal.goals.add_goal("Abstract", parent_id=talk)
    journal.goals.add_goal("Unrelated")
    data = journal.timeline.timeline(TODAY - timedelta(days=30), TODAY, goal_id=talk)
    assert [(g.title, g.depth) for g in data.goals] == [("Talk", 0), ("Abstract", 1)]


def test_sparkline_spans_one_to_five() -> None:
    assert reports.sparkline([1, 3, 5]) == "▁▅█"
    assert reports.sparkline([]) == ""


@pytest.mark.parametrize("person", [None, "anna", "bob"])
@pytest.mark.parametrize(("since", "until"), [(date(2026, 10, 28), TODAY), (date(2026, 9, 1), date(2026, 11, 15))])
def test_sql_summary_agrees_with_the_pure_one(known: Journal, person: str | None, since: date, until: date) -> None:
    person_id = known.people.find_person(person)["id"] if person else None
    pure = oracle.summary(oracle.period(known, since, until, person_id=person_id))
    sql = known.period.summary(since, until, person_id=person_id).to_json()
    assert sql.pop("people") is not None  # per relationship: not in the oracle, tested on its own below
    assert sql == pure


def test_a_busy_row_keeps_achievements_first_and_counts_everything(journal: Journal) -> None:
    journal = at(journal, date(2026, 11, 2))
    goal = journal.goals.add_goal("Ship it").id
    for number in range(12):
        journal.sessions.add_session(day=date(2026, 11, 3 + number), notes=f"session {number}")
    journal = at(journal, date(2026, 11, 20))
    journal.goals.set_goal_status(goal, "achieved")
    data = journal.timeline.timeline(date(2026, 6, 1), TODAY)
    november = data.rows[-1]
    assert november.counts == {"session": 12, "achieved": 1}
    assert len(november.marks) == 8 and november.total == 13
    assert [m.kind for m in november.marks].count("achieved") == 1


def test_sql_summary_leaves_private_sessions_out_when_asked(journal: Journal) -> None:
    journal = at(journal, date(2026, 11, 20))
    journal.sessions.add_session(day=date(2026, 11, 20), notes="open", confidence=2, feedback="public", tags=["a"])
    journal.sessions.add_session(day=date(2026, 11, 21), notes="hidden", confidence=5, feedback="secret", private=True,
                                 tags=["b"], actions=[NewAction("private follow-up")])  # fmt: skip
    everything = journal.period.summary(date(2026, 11, 1), TODAY).to_json()
    public = journal.period.summary(date(2026, 11, 1), TODAY, include_private=False).to_json()
    # a private session is a meeting held all the same (issue 24.4): only its content stays out
    assert everything["sessions"]["count"] == 2 and public["sessions"]["count"] == 2
    assert everything["actions"]["created"] == 1 and public["actions"]["created"] == 0
    assert public["confidence"]["average"] == 2.0 and [t["tag"] for t in public["tags"]] == ["a"]
    assert [f["text"] for f in public["highlights"]["feedback"]] == ["public"]
