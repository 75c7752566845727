"""The repository, used directly as the CLI uses it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mentorlog.base.errors import AmbiguousName, MentorlogError, NotFound, UsageError
from mentorlog.core.patches import GoalPatch
from mentorlog.store.journal import Journal, open_for_command
from mentorlog.store.records.sessions import NewAction

from .conftest import CLOCK, TODAY


def test_people_are_found_by_full_name_or_unique_prefix_of_any_word(journal: Journal) -> None:
    weber = journal.people.add_person("Dr. Weber", "mentor")
    journal.people.add_person("Anna Schmidt", "mentee")
    journal.people.add_person("Anton Berg", "mentee")
    assert journal.people.find_person("weber")["id"] == weber.id
    assert journal.people.find_person("DR. WEBER")["id"] == weber.id
    assert journal.people.find_person("web")["id"] == weber.id
    assert journal.people.find_person("schm")["name"] == "Anna Schmidt"
    with pytest.raises(AmbiguousName) as ambiguous:
        journal.people.find_person("an")
    assert "Anna Schmidt" in ambiguous.value.message and "Anton Berg" in ambiguous.value.message
    with pytest.raises(NotFound):
        journal.people.find_person("zoe")


def test_two_people_cannot_share_a_name(journal: Journal) -> None:
    journal.people.add_person("Anna", "mentee")
    with pytest.raises(MentorlogError, match="already exists"):
        journal.people.add_person("anna", "mentor")


def test_a_session_is_stored_with_its_actions_tags_and_goals(journal: Journal) -> None:
    person = journal.people.add_person("Anna", "mentee")
    goal = journal.goals.add_goal("Lead a project")
    session = journal.sessions.add_session(
        day=date(2026, 11, 20),
        person_id=person.id,
        notes="notes",
        confidence=3,
        goal_ids=[goal.id],
        tags=["growth"],
        actions=[NewAction("do it", due=date(2026, 12, 1)), NewAction("done already", done=True)],
    )
    assert session.goal_ids == [goal.id]
    assert session.tags == ["growth"]
    actions = journal.actions.actions_by_ids(session.action_ids)
    assert [(a.text, a.status, a.with_name, a.due) for a in actions] == [
        ("do it", "open", "Anna", "2026-12-01"),
        ("done already", "done", "Anna", None),
    ]


def test_an_empty_session_is_refused(journal: Journal) -> None:
    with pytest.raises(UsageError, match="empty"):
        journal.sessions.add_session(day=TODAY, notes="   ")


def test_actions_list_overdue_first_then_by_due_date_then_undated(journal: Journal) -> None:
    undated = journal.actions.add_action("whenever")
    later = journal.actions.add_action("later", due=date(2026, 12, 20))
    overdue = journal.actions.add_action("late", due=date(2026, 11, 1))
    soon = journal.actions.add_action("soon", due=date(2026, 11, 27))
    assert [a.id for a in journal.actions.list_actions()] == [overdue.id, soon.id, later.id, undated.id]
    assert [a.id for a in journal.actions.list_actions(overdue=True)] == [overdue.id]
    assert [a.id for a in journal.actions.list_actions(due_before=date(2026, 12, 1))] == [overdue.id, soon.id]


def test_action_status_changes_need_every_id_to_exist(journal: Journal) -> None:
    first = journal.actions.add_action("one")
    with pytest.raises(NotFound):
        journal.actions.set_action_status([first.id, 999], "done")
    changed, unchanged = journal.actions.set_action_status([first.id], "done")
    assert [a.status for a in changed] == ["done"] and changed[0].done_at is not None
    assert unchanged == []


def test_goal_progress_is_recorded_with_its_history_and_done_sets_100(journal: Journal) -> None:
    goal = journal.goals.add_goal("Talk", horizon="long")
    journal.goals.record_progress(goal.id, 40, "outline")
    achieved, changed = journal.goals.set_goal_status(goal.id, "achieved")
    assert changed and achieved.progress == 100 and achieved.achieved_at == TODAY.isoformat()
    history = [(u.progress_before, u.progress, u.note) for u in journal.goals.progress_updates(goal.id)]
    assert history == [(0, 40, "outline"), (40, 100, "achieved")]


def test_milestones_count_toward_their_goal(journal: Journal) -> None:
    goal = journal.goals.add_goal("Talk")
    first = journal.goals.add_goal("Abstract", parent_id=goal.id)
    journal.goals.add_goal("Slides", parent_id=goal.id)
    journal.goals.set_goal_status(first.id, "achieved")
    refreshed = journal.goals.get_goal(goal.id)
    assert (refreshed.milestone_achieved, refreshed.milestone_total) == (1, 2)


def test_a_goal_cannot_become_its_own_ancestor(journal: Journal) -> None:
    goal = journal.goals.add_goal("Talk")
    child = journal.goals.add_goal("Abstract", parent_id=goal.id)
    with pytest.raises(UsageError, match="loop"):
        journal.goals.update_goal(goal.id, GoalPatch(parent_id=child.id))


def test_a_note_marks_open_topics_with_that_person_discussed(journal: Journal) -> None:
    anna = journal.people.add_person("Anna", "mentee")
    bob = journal.people.add_person("Bob", "mentee")
    mine = journal.topics.add_topic("budget", anna.id)
    other = journal.topics.add_topic("other", bob.id)
    session = journal.sessions.add_session(day=TODAY, person_id=anna.id, notes="n")
    assert journal.topics.mark_topics_discussed(anna.id, session.id, TODAY, None) == [mine.id]
    assert journal.topics.get_topic(mine.id).status == "discussed"
    assert journal.topics.get_topic(other.id).status == "open"


def test_a_person_in_use_cannot_be_deleted(journal: Journal) -> None:
    anna = journal.people.add_person("Anna", "mentee")
    journal.sessions.add_session(day=TODAY, person_id=anna.id, notes="n")
    with pytest.raises(MentorlogError, match=r"still has 1 session$"):
        journal.people.delete_person(anna.id)


def test_an_error_inside_the_command_transaction_leaves_nothing_behind(db_path: Path) -> None:
    with pytest.raises(NotFound), open_for_command(db_path, write=True, clock=CLOCK) as journal:
        journal.people.add_person("Anna", "mentee")
        journal.actions.add_action("x", goal_id=42)
    with open_for_command(db_path, write=False, clock=CLOCK) as journal:
        assert journal.people.list_people() == []


def test_sessions_filter_by_person_period_and_tag_newest_first(journal: Journal) -> None:
    anna = journal.people.add_person("Anna", "mentee")
    old = journal.sessions.add_session(day=date(2026, 1, 5), person_id=anna.id, notes="old", tags=["x"])
    new = journal.sessions.add_session(day=date(2026, 11, 1), person_id=anna.id, notes="new", tags=["x"])
    journal.sessions.add_session(day=date(2026, 11, 2), notes="nobody")
    assert [s.id for s in journal.sessions.list_sessions(person_id=anna.id)] == [new.id, old.id]
    assert [s.id for s in journal.sessions.list_sessions(tag="x", since=date(2026, 6, 1))] == [new.id]
    assert [s.id for s in journal.sessions.list_sessions(until=date(2026, 2, 1))] == [old.id]
    assert len(journal.sessions.list_sessions(limit=1)) == 1
