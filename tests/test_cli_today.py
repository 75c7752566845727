"""`mentorlog` and `mentorlog today`: the day's dashboard."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Run
from .processes import mentorlog, tree_env


def dashboard(run: Run) -> None:
    run("person", "add", "Anna", "--role", "mentee", "--cadence", "2w")
    run("person", "add", "Dr. Weber", "--role", "mentor", "--cadence", "1w")
    run("person", "add", "Ben", "--role", "mentee")
    run("note", "--with", "anna", "--date", "2026-11-20", "--next", "2026-11-30", "talk",
        "--action", "her homework due:2026-11-25", "--action", "mine due:2026-11-28 owner:me",
        "--action", "later due:2026-12-20 owner:me")  # fmt: skip
    run("note", "--with", "weber", "--date", "2026-11-10", "1:1")
    run("goal", "add", "Old goal", "--with", "anna")
    run("topic", "add", "Budget", "--with", "weber")


def test_today_lists_what_is_due_who_to_meet_and_what_stalls(run: Run) -> None:
    dashboard(run)
    data = json.loads(run("today", "--json").stdout)
    assert [a["text"] for a in data["my_actions"]] == ["mine"]  # due within the week; "later" is not
    assert {name: [a["text"] for a in items] for name, items in data["their_actions"].items()} == {
        "Anna": ["her homework"]
    }
    assert data["meetings"] == [{"person": "Anna", "date": "2026-11-30", "planned": True}]
    assert data["overdue_meetings"] == [{"person": "Dr. Weber", "date": "2026-11-17", "planned": False}]
    assert [t["text"] for t in data["topics"]["Dr. Weber"]] == ["Budget"]


def test_bare_mentorlog_shows_the_dashboard(run: Run) -> None:
    dashboard(run)
    bare = run()
    assert bare.exit_code == 0
    assert bare.stdout == run("today").stdout
    for heading in ("Today, Thu 2026-11-26", "My actions", "Theirs", "Meetings in the next 7 days",
                    "Overdue for a meeting", "Open topics"):  # fmt: skip
        assert heading in bare.stdout
    assert run("--help").stdout.startswith("Usage: mentorlog")


def test_an_empty_journal_gets_a_two_line_start_hint(run: Run, empty_journal: Path) -> None:
    lines = run().stdout.strip().splitlines()
    assert len(lines) == 2 and "mentorlog person add" in lines[1] and "mentorlog demo" in lines[1]


def test_bare_mentorlog_as_a_real_process_with_db(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    env = tree_env()
    assert mentorlog(env, "--db", str(db), "note", "hello", "--action", "x due:today").returncode == 0
    done = mentorlog(env, "--db", str(db))
    assert done.returncode == 0 and "My actions" in done.stdout and "x" in done.stdout
    missing = mentorlog(env, "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and "there is no journal at" in missing.stderr
