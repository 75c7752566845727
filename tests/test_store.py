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
    weber = journal.add_person("Dr. Weber", "mentor")
    journal.add_person("Anna Schmidt", "mentee")
    journal.add_person("Anton Berg", "mentee")
    assert journal.find_person("weber")["id"] == weber.id
    assert journal.find_person("DR. WEBER")["id"] == weber.id
    assert journal.find_person("web")["id"] == weber.id
    assert journal.find_person("schm")["name"] == "Anna Schmidt"
    with pytest.raises(AmbiguousName) as ambiguous:
        journal.find_person("an")
    assert "Anna Schmidt" in ambiguous.value.message and "Anton Berg" in ambiguous.value.message
    with pytest.raises(NotFound):
        journal.find_person("zoe")


def test_two_people_cannot_share_a_name(journal: Journal) -> None:
    journal.add_person("Anna", "mentee")
    with pytest.raises(MentorlogError, match="already exists"):
        journal.add_person("anna", "mentor")


def test_a_session_is_stored_with_its_actions_tags_and_goals(journal: Journal) -> None:
    person = journal.add_person("Anna", "mentee")
    goal = journal.add_goal("Lead a project")
    session = journal.add_session(
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
    actions = journal.actions_by_ids(session.action_ids)
    assert [(a.text, a.status, a.with_name, a.due) for a in actions] == [
        ("do it", "open", "Anna", "2026-12-01"),
        ("done already", "done", "Anna", None),
    ]


def test_an_empty_session_is_refused(journal: Journal) -> None:
    with pytest.raises(UsageError, match="empty"):
        journal.add_session(day=TODAY, notes="   ")


def test_actions_list_overdue_first_then_by_due_date_then_undated(journal: Journal) -> None:
    undated = journal.add_action("whenever")
    later = journal.add_action("later", due=date(2026, 12, 20))
    overdue = journal.add_action("late", due=date(2026, 11, 1))
    soon = journal.add_action("soon", due=date(2026, 11, 27))
    assert [a.id for a in journal.list_actions()] == [overdue.id, soon.id, later.id, undated.id]
    assert [a.id for a in journal.list_actions(overdue=True)] == [overdue.id]
    assert [a.id for a in journal.list_actions(due_before=date(2026, 12, 1))] == [overdue.id, soon.id]


def test_action_status_changes_need_every_id_to_exist(journal: Journal) -> None:
    first = journal.add_action("one")
    with pytest.raises(NotFound):
        journal.set_action_status([first.id, 999], "done")
    changed, unchanged = journal.set_action_status([first.id], "done")
    assert [a.status for a in changed] == ["done"] and changed[0].done_at is not None
    assert unchanged == []


def test_goal_progress_is_recorded_with_its_history_and_done_sets_100(journal: Journal) -> None:
    goal = journal.add_goal("Talk", horizon="long")
    journal.record_progress(goal.id, 40, "outline")
    achieved, changed = journal.set_goal_status(goal.id, "achieved")
    assert changed and achieved.progress == 100 and achieved.achieved_at == TODAY.isoformat()
    history = [(u.progress_before, u.progress, u.note) for u in journal.progress_updates(goal.id)]
    assert history == [(0, 40, "outline"), (40, 100, "achieved")]


def test_milestones_count_toward_their_goal(journal: Journal) -> None:
    goal = journal.add_goal("Talk")
    first = journal.add_goal("Abstract", parent_id=goal.id)
    journal.add_goal("Slides", parent_id=goal.id)
    journal.set_goal_status(first.id, "achieved")
    refreshed = journal.get_goal(goal.id)
    assert (refreshed.milestone_achieved, refreshed.milestone_total) == (1, 2)


def test_a_goal_cannot_become_its_own_ancestor(journal: Journal) -> None:
    goal = journal.add_goal("Talk")
    child = journal.add_goal("Abstract", parent_id=goal.id)
    with pytest.raises(UsageError, match="loop"):
        journal.update_goal(goal.id, GoalPatch(parent_id=child.id))


def test_a_note_marks_open_topics_with_that_person_discussed(journal: Journal) -> None:
    anna = journal.add_person("Anna", "mentee")
    bob = journal.add_person("Bob", "mentee")
    mine = journal.add_topic("budget", anna.id)
    other = journal.add_topic("other", bob.id)
    session = journal.add_session(day=TODAY, person_id=anna.id, notes="n")
    assert journal.mark_topics_discussed(anna.id, session.id) == [mine.id]
    assert journal.get_topic(mine.id).status == "discussed"
    assert journal.get_topic(other.id).status == "open"


def test_a_person_in_use_cannot_be_deleted(journal: Journal) -> None:
    anna = journal.add_person("Anna", "mentee")
    journal.add_session(day=TODAY, person_id=anna.id, notes="n")
    with pytest.raises(MentorlogError, match=r"still has 1 session$"):
        journal.delete_person(anna.id)


def test_an_error_inside_the_command_transaction_leaves_nothing_behind(db_path: Path) -> None:
    with pytest.raises(NotFound), open_for_command(db_path, write=True, clock=CLOCK) as journal:
        journal.add_person("Anna", "mentee")
        journal.add_action("x", goal_id=42)
    with open_for_command(db_path, write=False, clock=CLOCK) as journal:
        assert journal.list_people() == []


def test_sessions_filter_by_person_period_and_tag_newest_first(journal: Journal) -> None:
    anna = journal.add_person("Anna", "mentee")
    old = journal.add_session(day=date(2026, 1, 5), person_id=anna.id, notes="old", tags=["x"])
    new = journal.add_session(day=date(2026, 11, 1), person_id=anna.id, notes="new", tags=["x"])
    journal.add_session(day=date(2026, 11, 2), notes="nobody")
    assert [s.id for s in journal.list_sessions(person_id=anna.id)] == [new.id, old.id]
    assert [s.id for s in journal.list_sessions(tag="x", since=date(2026, 6, 1))] == [new.id]
    assert [s.id for s in journal.list_sessions(until=date(2026, 2, 1))] == [old.id]
    assert len(journal.list_sessions(limit=1)) == 1
