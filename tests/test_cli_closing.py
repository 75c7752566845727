"""Relationships over time through the CLI (issue 13): start, planned end and agreement; closing with a
reflection and the open items kept or dropped; reopening; and where closed relationships still show."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from mentorlog.cli import common

from .conftest import Run, counts


def records(db_path: Path) -> dict[str, int]:
    """The user's records (not the undo log or the search index)."""
    return {table: n for table, n in counts(db_path).items() if table in ("people", "actions", "topics", "reflections")}


@pytest.fixture
def ada(run: Run) -> None:
    for args in (
        ["person", "add", "Ada Lovelace", "--role", "mentee", "--cadence", "2w", "--since", "2026-09-01",
         "--until", "2027-02-28", "--agreement", "Every two weeks; what we say stays between us."],
        ["person", "add", "Ben Okafor", "--role", "mentee"],
        ["note", "--with", "ada", "--date", "2026-11-10", "First steps", "--action", "read the paper owner:them"],
        ["action", "add", "find her a mentor for ML", "--with", "ada", "--owner", "me", "--due", "2026-11-20"],
        ["topic", "add", "Conference budget", "--with", "ada"],
        ["note", "--with", "ben", "Hello"],
    ):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)


def test_start_planned_end_and_agreement_are_stored_shown_and_searchable(ada: None, run: Run, run_json: Any) -> None:
    person = run_json("show", "person", "1")
    assert (person["started"], person["ends"], person["status"]) == ("2026-09-01", "2027-02-28", "active")
    assert person["agreement"] == "Every two weeks; what we say stays between us."
    shown = run("show", "person", "1").stdout
    assert "2026-09-01" in shown and "2027-02-28" in shown and "what we say stays between us" in shown
    hits = run_json("search", "between", "--kind", "person")
    assert [(hit["kind"], hit["id"]) for hit in hits] == [("person", 1)]
    assert run("edit", "person", "1", "--agreement", "Monthly.", "--name", "Ada King").exit_code == 0
    assert run_json("show", "person", "1")["agreement"] == "Monthly."
    assert run("undo", "--yes").exit_code == 0
    assert run_json("show", "person", "1")["agreement"].startswith("Every two weeks")
    assert run_json("show", "person", "1")["name"] == "Ada Lovelace"


def test_close_keeps_open_items_by_default_and_leaves_the_lists(ada: None, run: Run, run_json: Any) -> None:
    closed = run("person", "close", "ada", "--reflection", "She found her feet. #growth")
    assert closed.exit_code == 0, closed.output
    assert closed.stdout.splitlines() == [
        "Closed the relationship with Ada Lovelace on 2026-11-26, Thu.",
        "Closing reflection 1 written (tag #closing).",
        "Kept 2 open action items and 1 open topic; --drop-open drops them.",
        "`mentorlog actions --with lovelace` still shows them.",
    ]
    person = run_json("show", "person", "1")
    assert (person["status"], person["closed_at"], person["next_session"]) == ("closed", "2026-11-26", None)
    [reflection] = run_json("reflections")
    assert reflection["with"] == "Ada Lovelace" and sorted(reflection["tags"]) == ["closing", "growth"]
    assert [p["name"] for p in run_json("people")] == ["Ben Okafor"]
    assert [p["name"] for p in run_json("people", "--all")] == ["Ada Lovelace", "Ben Okafor"]
    assert "closed 2026-11-26" in run("people", "--all").stdout
    assert run_json("actions") == []  # Ada's items leave the default list ...
    assert len(run_json("actions", "--with", "ada")) == 2  # ... and stay reachable
    assert run_json("agenda")["person"]["name"] == "Ben Okafor"
    assert "Ada" not in run("today").stdout
    marks = [m for row in run_json("timeline")["rows"] for m in row["marks"] if m["kind"] == "closed"]
    assert marks == [{"day": "2026-11-26", "kind": "closed", "text": "Relationship with Ada Lovelace closed",
                      "detail": ""}]  # fmt: skip
    again = run("person", "close", "ada")
    assert again.exit_code == 1 and "already closed on 2026-11-26" in again.stderr and "person reopen" in again.stderr


def test_drop_open_drops_actions_and_topics_lists_each_and_undo_restores_all(
    ada: None, run: Run, run_json: Any, db_path: Path
) -> None:
    before = records(db_path)
    result = run("person", "close", "ada", "--drop-open", "--date", "2026-11-20")
    # issue 24: each dropped item by id and text; a topic is dropped (kept as `dropped`), no longer deleted
    assert result.exit_code == 0 and result.stdout.splitlines()[1:] == [
        "Dropped 2 open action items and 1 open topic:",
        "  action 1: read the paper",
        "  action 2: find her a mentor for ML",
        "  topic 1: Conference budget",
    ]
    assert {a["status"] for a in run_json("actions", "--with", "ada", "--status", "all")} == {"dropped"}
    assert [(t["text"], t["status"]) for t in run_json("topics", "--with", "ada", "--all")] == [
        ("Conference budget", "dropped")
    ]
    assert run_json("show", "person", "1")["closed_at"] == "2026-11-20"
    assert run("undo", "--yes").exit_code == 0
    assert records(db_path) == before
    assert run_json("show", "person", "1")["status"] == "active"
    assert {a["status"] for a in run_json("actions", "--with", "ada")} == {"open"}
    assert [t["text"] for t in run_json("topics", "--with", "ada")] == ["Conference budget"]


def test_on_a_terminal_close_asks_for_a_reflection_and_whether_to_drop(
    ada: None, run: Run, run_json: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('## What we achieved\\n', '## What we achieved\\nA first paper.\\n'))\n"
    )
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    result = run("person", "close", "ada", input="y\n", env={"EDITOR": f"{sys.executable} {editor}"})
    assert result.exit_code == 0, result.output
    assert "Still open:" in result.stderr and "action 2: find her a mentor for ML" in result.stderr
    assert "Drop 2 open action items and 1 open topic? [y/N]" in result.stderr
    assert "Dropped 2 open action items and 1 open topic:\n  action 1: read the paper" in result.stdout
    [reflection] = run_json("reflections")
    assert reflection["text"] == "## What we achieved\nA first paper."  # the empty prompts are dropped
    assert run("person", "reopen", "ada").stdout.strip() == "Reopened the relationship with Ada Lovelace."
    unsaved = run("person", "close", "ada", input="n\n", env={"EDITOR": "true"})  # the editor closed unsaved
    assert unsaved.exit_code == 2 and "closed without saving" in unsaved.stderr
    assert run_json("show", "person", "1")["status"] == "active"  # as `git commit`: not saved is not done
    quiet = run("person", "close", "ada", "--reflection", "")  # no reflection; nothing open any more
    assert quiet.stdout == "Closed the relationship with Ada Lovelace on 2026-11-26, Thu.\n"
    assert len(run_json("reflections")) == 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["person", "close", "ada", "--date", "tomorrow"], 2, "closed today or on a past day"),
        (["person", "close", "ada", "--date", "2026-08-01"], 2, "lies before the start 2026-09-01"),
        (["person", "close", "ghost"], 1, "no person named 'ghost'"),
        (["person", "reopen", "ada"], 1, "is not closed"),
        (["person", "close", "ada", "--date", "someday"], 2, "cannot read 'someday' as a date"),
    ],
)
def test_bad_closing_input_changes_nothing(
    ada: None, run: Run, db_path: Path, args: list[str], code: int, message: str
) -> None:
    before = counts(db_path)
    result = run(*args)
    assert result.exit_code == code and message in result.stderr, result.output
    assert counts(db_path) == before


def test_closed_relationships_travel_through_dump_and_import(ada: None, run: Run, tmp_path: Path) -> None:
    run("person", "close", "ada", "--date", "2026-11-20", "--reflection", "Done.")
    dump = tmp_path / "dump.json"
    assert run("export", "--format", "json", "--all", "-o", str(dump)).exit_code == 0
    person = next(p for p in json.loads(dump.read_text())["people"] if p["name"] == "Ada Lovelace")
    assert (person["status"], person["closed_at"], person["started"], person["ends"]) == (
        "closed", "2026-11-20", "2026-09-01", "2027-02-28",
    )  # fmt: skip
    other = tmp_path / "other.db"
    assert run("--db", str(other), "import", str(dump)).exit_code == 0
    restored = json.loads(run("--db", str(other), "show", "person", "1", "--json").stdout)
    assert (restored["status"], restored["closed_at"]) == ("closed", "2026-11-20")
    assert restored["agreement"] == "Every two weeks; what we say stays between us."


def test_edit_person_in_the_editor_changes_name_span_and_agreement(
    ada: None, run: Run, run_json: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\nt = p.read_text()\n"
        "t = t.replace('Name: Ada Lovelace', 'Name: Ada King').replace('Until: 2027-02-28', 'Until: 2027-03')\n"
        "t = t.replace('Every two weeks; what we say stays between us.', 'Monthly, by video.')\n"
        "p.write_text(t)\n"
    )
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    result = run("edit", "person", "1", env={"EDITOR": f"{sys.executable} {editor}"})
    assert result.exit_code == 0, result.output
    person = run_json("show", "person", "1")
    assert (person["name"], person["started"], person["ends"]) == ("Ada King", "2026-09-01", "2027-03-31")
    assert person["agreement"] == "Monthly, by video."
