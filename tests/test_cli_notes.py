"""`note` and `sessions` as a user drives them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentorlog.cli import common

from .conftest import Run, counts


@pytest.fixture
def weber(run: Run) -> None:
    assert run("person", "add", "Dr. Weber", "--role", "mentor", "--cadence", "2w").exit_code == 0


def test_note_records_a_session_with_two_actions_and_confidence(run: Run, run_json, weber: None) -> None:
    result = run(
        "note", "--with", "weber", "--confidence", "4", "--title", "First 1:1", "--next", "+2w",
        "Talked about #delegation.\n- [ ] send the draft due:fri\n- [ ] review the plan owner:weber due:eom",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # issue 11: every stored date is echoed with its weekday, and each action item with its owner and due date
    assert result.stdout.splitlines() == [
        "Recorded session 1 with Dr. Weber on 2026-11-26, Thu; 2 action items:",
        "  1 for me, due 2026-11-27, Fri: 'send the draft'",
        "  2 for Dr. Weber, due 2026-11-30, Mon: 'review the plan'",
        "Next meeting 2026-12-10, Thu.",
    ]
    session = run_json("show", "session", "1")
    assert session["with"] == "Dr. Weber"
    assert session["confidence"] == 4
    assert session["next"] == "2026-12-10"
    assert session["notes"] == "Talked about #delegation."
    assert session["tags"] == ["delegation"]
    actions = {a["text"]: a for a in run_json("actions")}
    assert actions["send the draft"]["owner"] == "me" and actions["send the draft"]["due"] == "2026-11-27"
    assert actions["review the plan"]["owner"] == "Dr. Weber" and actions["review the plan"]["due"] == "2026-11-30"
    assert all(a["session_id"] == 1 for a in actions.values())


def test_note_reads_stdin_when_no_text_is_given(run: Run, run_json, weber: None) -> None:
    result = run("note", "--with", "weber", input="From a pipe\n- [ ] follow up due:tomorrow\n")
    assert result.exit_code == 0, result.output
    session = run_json("show", "session", "1")
    assert session["notes"] == "From a pipe"
    assert len(session["action_ids"]) == 1


def test_note_action_option_is_repeatable_and_takes_tokens(run: Run, run_json, weber: None) -> None:
    result = run(
        "note", "--with", "weber", "Quick sync", "--action", "call HR due:mon", "--action", "read book owner:them"
    )
    assert result.exit_code == 0, result.output
    actions = sorted(run_json("actions"), key=lambda a: a["id"])
    assert [(a["text"], a["owner"], a["due"]) for a in actions] == [
        ("call HR", "me", "2026-11-30"),
        ("read book", "Dr. Weber", None),
    ]


def test_note_date_with_a_bare_weekday_looks_back(run: Run, run_json) -> None:
    assert run("note", "--date", "mon", "retro").exit_code == 0
    assert run_json("show", "session", "1")["date"] == "2026-11-23"


def test_note_marks_the_open_topics_it_names_discussed(run: Run, run_json, weber: None) -> None:
    # issue 24: only the topics the session names (here --discussed all); without a terminal, a note that names
    # none leaves them open (tests/test_topic_life.py has the rest)
    run("topic", "add", "Ask about budget", "--with", "weber")
    assert "topic marked discussed" not in run("note", "--with", "weber", "We met").stdout
    assert [topic["status"] for topic in run_json("topics")] == ["open"]
    result = run("note", "--with", "weber", "--discussed", "all", "We met again")
    assert "1 topic marked discussed" in result.stdout
    assert run_json("topics") == []
    assert run_json("topics", "--all")[0]["status"] == "discussed"


def test_note_with_goals_and_private_flag(run: Run, run_json) -> None:
    run("goal", "add", "Lead a team")
    assert run("note", "--goal", "1", "--private", "--tag", "Career", "Private thoughts").exit_code == 0
    session = run_json("show", "session", "1")
    assert session["goal_ids"] == [1] and session["private"] is True and session["tags"] == ["career"]


def test_note_with_unknown_person_fails_without_a_terminal_and_writes_nothing(run: Run, db_path: Path) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    before = counts(db_path)
    result = run("note", "--with", "zoe", "text")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Error: no person named 'zoe'"
    assert "--create" in result.stderr
    assert counts(db_path) == before


def test_note_with_create_adds_the_person(run: Run, run_json) -> None:
    assert run("note", "--with", "Zoe Park", "--create", "hello").exit_code == 0
    assert [(p["name"], p["role"]) for p in run_json("people")] == [("Zoe Park", "mentor")]


def test_note_asks_to_create_an_unknown_person_on_a_terminal(
    run: Run, run_json, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    result = run("note", "--with", "Zoe", "hello", input="y\nmentee\n")
    assert result.exit_code == 0, result.output
    assert [(p["name"], p["role"]) for p in run_json("people")] == [("Zoe", "mentee")]


def test_declining_to_create_records_nothing(run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    result = run("note", "--with", "Zoe", "hello", input="n\n")
    assert result.exit_code == 1
    assert counts(db_path) == {}


def test_ambiguous_person_lists_the_candidates(run: Run) -> None:
    run("person", "add", "Anna Schmidt", "--role", "mentee")
    run("person", "add", "Anton Berg", "--role", "mentee")
    result = run("note", "--with", "an", "text")
    assert result.exit_code == 2
    assert "Anna Schmidt" in result.stderr and "Anton Berg" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--confidence", "7", "x"], "Invalid value for '--confidence'"),
        (["--date", "someday", "x"], "cannot read 'someday' as a date"),
        (["--next", "32.13.2026", "x"], "cannot read '32.13.2026'"),
        (["--action", "do it due:never", "x"], "cannot read 'never'"),
        ([""], "the session is empty"),
        (["   \n  "], "the session is empty"),
        (["--goal", "9", "x"], "no goal with id 9"),
    ],
)
def test_bad_note_input_is_exit_2_or_1_and_writes_nothing(
    run: Run, db_path: Path, args: list[str], message: str
) -> None:
    result = run("note", *args)
    assert result.exit_code in (1, 2)
    assert result.exit_code == (1 if "no goal" in message else 2)
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert counts(db_path).get("sessions", 0) == 0


def test_note_with_empty_stdin_is_an_error(run: Run) -> None:
    result = run("note", input="")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: the session is empty")


def test_note_json_prints_only_the_session(run: Run) -> None:
    result = run("note", "hello #world", "--json")
    data = json.loads(result.stdout)
    assert data["notes"] == "hello #world" and data["tags"] == ["world"]


def test_sessions_lists_newest_first_with_filters(run: Run, run_json, weber: None) -> None:
    run("note", "--with", "weber", "--date", "2026-10-01", "october #career")
    run("note", "--date", "2026-11-20", "november alone")
    run("note", "--with", "weber", "--date", "2026-11-25", "latest")
    assert [s["notes"] for s in run_json("sessions")] == ["latest", "november alone", "october #career"]
    assert [s["notes"] for s in run_json("sessions", "--with", "weber")] == ["latest", "october #career"]
    assert [s["notes"] for s in run_json("sessions", "--since", "2026-11-01", "--until", "2026-11-21")] == [
        "november alone"
    ]
    assert [s["notes"] for s in run_json("sessions", "--tag", "CAREER")] == ["october #career"]
    assert len(run_json("sessions", "--limit", "1")) == 1
    table = run("sessions").stdout
    assert "latest" in table and "Dr. Weber" in table


def test_sessions_on_an_empty_journal_says_what_to_run(run: Run, empty_journal: Path) -> None:
    result = run("sessions")
    assert result.exit_code == 0
    assert "No sessions found" in result.stdout and "mentorlog note" in result.stdout


@pytest.mark.parametrize(
    "command",
    [["sessions"], ["actions"], ["people"], ["goals"], ["summary"], ["timeline"], ["export"], ["search", "x"],
     ["show", "session", "1"], ["agenda"], ["undo"]],
)  # fmt: skip
def test_a_missing_journal_is_not_an_empty_one(run: Run, db_path: Path, command: list[str]) -> None:
    """Issue 11: a reading command (and undo) on a path that does not exist says so and creates nothing."""
    result = run(*command)
    assert result.exit_code == 1, result.output
    assert f"there is no journal at {db_path}" in result.stderr
    assert "mentorlog person add" in result.stderr and "mentorlog demo" in result.stderr
    assert not db_path.exists() and not db_path.parent.exists()
