"""`goal ...`, `goals`, `action ...` and `actions`."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Run, assert_refused


def test_goal_with_two_milestones_and_progress(run: Run, run_json) -> None:
    assert run("goal", "add", "Give a conference talk", "--horizon", "long", "--target", "2027-06").exit_code == 0
    assert run("goal", "add", "Submit the abstract", "--parent", "1", "--target", "Jan 15").exit_code == 0
    assert run("goal", "add", "Dry run with the team", "--parent", "1").exit_code == 0
    result = run("goal", "progress", "1", "40", "--note", "abstract drafted")
    assert result.stdout.strip() == "Goal 1: 0% → 40%. Milestones: 0/2 achieved."
    assert run("goal", "done", "2").stdout.strip() == "Goal 2 achieved: 'Submit the abstract'."
    goal = run_json("show", "goal", "1")
    assert goal["progress"] == 40 and goal["target"] == "2027-06-30" and goal["horizon"] == "long"
    assert goal["milestones"] == {"total": 2, "achieved": 1}
    assert [m["title"] for m in goal["milestone_list"]] == ["Submit the abstract", "Dry run with the team"]
    assert goal["progress_updates"][0]["note"] == "abstract drafted"
    view = run("goals").stdout
    assert "Long-term goals" in view and "└ Dry run with the team" in view and "40%" in view
    assert "Submit the abstract" not in view  # achieved, and `goals` shows active ones
    assert "Submit the abstract" in run("goals", "--all").stdout


def test_goal_status_changes(run: Run, run_json) -> None:
    run("goal", "add", "Learn Rust")
    assert run("goal", "pause", "1").exit_code == 0
    assert run_json("goals", "--status", "paused")[0]["status"] == "paused"
    assert run("goal", "pause", "1").stdout.strip() == "Goal 1 is already paused; nothing changed."
    run("goal", "resume", "1")
    run("goal", "drop", "1")
    assert run_json("show", "goal", "1")["status"] == "dropped"
    done = run_json("goal", "done", "1")
    assert done["status"] == "achieved" and done["progress"] == 100 and done["achieved_at"] == "2026-11-26"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["goal", "progress", "1", "101"], 2, "progress must be 0 to 100"),
        (["goal", "progress", "1", "-5"], 2, ""),
        (["goal", "progress", "9", "50"], 1, "no goal with id 9"),
        (["goal", "add", "x", "--horizon", "medium"], 2, "horizon must be"),
        (["goal", "add", "x", "--parent", "9"], 1, "no goal with id 9"),
        (["goal", "add", "x", "--target", "someday"], 2, "cannot read 'someday'"),
        (["goal", "add", "  "], 2, "goal title is empty"),
        (["goal", "done", "9"], 1, "no goal with id 9"),
        (["goals", "--status", "finished"], 2, "goal status must be"),
    ],
)
def test_bad_goal_input(run: Run, db_path: Path, args: list[str], code: int, message: str) -> None:
    run("goal", "add", "Existing")
    assert_refused(run, db_path, args, code, message)


def test_action_add_list_and_complete_several(run: Run, run_json) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    assert run("action", "add", "Send the draft", "--due", "fri").stdout.strip() == (
        "Added action 1 for me, due 2026-11-27, Fri: 'Send the draft'."  # issue 11: dates echo their weekday
    )
    run("action", "add", "Read the book", "--owner", "anna", "--due", "2026-11-01")
    run("action", "add", "Someday maybe")
    listed = run_json("actions")
    assert [a["id"] for a in listed] == [2, 1, 3]  # overdue first, then by due, undated last
    assert listed[0]["with"] == "Anna" and listed[0]["owner"] == "Anna"
    # issue 11: status changes echo each item's text, so a wrong id is seen at once
    assert run("action", "done", "1", "2").stdout.strip() == "Done: 1 Send the draft\nDone: 2 Read the book"
    assert [a["id"] for a in run_json("actions")] == [3]
    assert [a["id"] for a in run_json("actions", "--status", "done")] == [2, 1]
    assert run("action", "drop", "3").exit_code == 0
    assert run("action", "reopen", "1").stdout.strip() == "Reopened: 1 Send the draft"
    assert run("action", "done", "2").stdout.strip() == "Already done: 2 Read the book"
    assert run("action", "done", "1,3", "2-3").stdout.splitlines() == [
        "Done: 1 Send the draft",
        "Done: 3 " + run_json("show", "action", "3")["text"],
        "Already done: 2 Read the book",
    ]


def test_actions_filters(run: Run, run_json) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    run("person", "add", "Bob", "--role", "mentee")
    run("goal", "add", "Goal")
    run("action", "add", "mine for anna", "--with", "anna", "--due", "2026-11-20", "--owner", "me")
    run("action", "add", "anna's own", "--owner", "anna", "--due", "2026-12-20")
    run("action", "add", "for bob", "--with", "bob", "--goal", "1", "--due", "2026-12-01", "--owner", "me")
    assert [a["text"] for a in run_json("actions", "--with", "anna")] == ["mine for anna", "anna's own"]
    assert [a["text"] for a in run_json("actions", "--owner", "me")] == ["mine for anna", "for bob"]
    assert [a["text"] for a in run_json("actions", "--owner", "anna")] == ["anna's own"]
    assert [a["text"] for a in run_json("actions", "--overdue")] == ["mine for anna"]
    assert [a["text"] for a in run_json("actions", "--due-before", "2026-12-05")] == ["mine for anna", "for bob"]
    assert [a["text"] for a in run_json("actions", "--goal", "1")] == ["for bob"]
    table = run("actions").stdout
    assert "3 action items, 1 overdue" in table


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["action", "done", "1", "99"], 1, "no action with id 99"),
        (["action", "done"], 2, "Missing argument"),
        (["action", "done", "abc"], 2, "'abc' is not an id or a range like 9-11"),
        (["action", "add", ""], 2, "action item is empty"),
        (["action", "add", "x", "--due", "2026-02-30"], 2, "day is out of range"),
        (["action", "add", "x", "--owner", "nobody"], 1, "no person named 'nobody'"),
        (["action", "add", "x", "--goal", "5"], 1, "no goal with id 5"),
        (["action", "add", "x", "--session", "5"], 1, "no session with id 5"),
        (["actions", "--status", "finished"], 2, "status must be one of"),
        (["actions", "--due-before", "whenever"], 2, "cannot read 'whenever'"),
        (["actions", "--with", "ghost"], 1, "no person named 'ghost'"),
    ],
)
def test_bad_action_input(run: Run, db_path: Path, args: list[str], code: int, message: str) -> None:
    run("action", "add", "Existing")
    assert_refused(run, db_path, args, code, message)
    run_after = run("show", "action", "1", "--json")
    assert '"status": "open"' in run_after.stdout


def test_actions_on_an_empty_journal_is_a_friendly_success(run: Run, empty_journal: Path) -> None:
    result = run("actions")
    assert result.exit_code == 0
    assert "No action items match" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["sessions", "--since", "someday"], 2, "cannot read 'someday'"),
        (["sessions", "--until", "32.13.2026"], 2, "cannot read '32.13.2026'"),
        (["sessions", "--with", "ghost"], 1, "no person named 'ghost'"),
        (["sessions", "--limit", "-1"], 2, "Invalid value for '--limit'"),
        (["topics", "--with", "ghost"], 1, "no person named 'ghost'"),
        (["reflections", "--since", "whenever"], 2, "cannot read 'whenever'"),
        (["goals", "--with", "ghost"], 1, "no person named 'ghost'"),
        (["people", "--everyone"], 2, "No such option: --everyone"),  # `--all` exists since issue 13
        (["goal", "resume", "9"], 1, "no goal with id 9"),
        (["goal", "drop", "x"], 2, "Invalid value"),
        (["action", "reopen", "9"], 1, "no action with id 9"),
        (["topic", "add", "x", "--with", "ghost"], 1, "no person named 'ghost'"),
        (["reflect", "x", "--goal", "9"], 1, "no goal with id 9"),
    ],
)
def test_bad_list_and_status_input(run: Run, db_path: Path, args: list[str], code: int, message: str) -> None:
    run("action", "add", "Existing")
    assert_refused(run, db_path, args, code, message)
