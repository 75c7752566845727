"""Issue 24, point 2: an action item's done date (`action done --date`), shown where done items are listed and
used by the on-time/late figures; a due date typed in the past is warned about; `actions --by-person` headers
count what each group lists."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from .conftest import Run, counts


def on(run: Run, day: str, *args: str, code: int = 0, env: dict[str, str] | None = None) -> Any:
    result = run(*args, env={"MENTORLOG_TODAY": day, **(env or {})})
    assert result.exit_code == code, (args, result.output)
    return result


@pytest.fixture
def anna(run: Run) -> None:
    """Anna (mentee) since 2026-11-01; action 1 'send the deck' added 2026-11-20, due 2026-11-24."""
    on(run, "2026-11-01", "person", "add", "Anna Schmidt", "--role", "mentee", "--since", "2026-11-01")
    on(run, "2026-11-20", "action", "add", "send the deck", "--with", "anna", "--due", "2026-11-24")


def test_action_done_with_a_date_records_that_day_and_shows_it(run: Run, run_json: Any, anna: None) -> None:
    result = run("action", "done", "1", "--date", "yesterday")
    assert result.stdout == "Done: 1 send the deck (on 2026-11-25, Wed)\n"
    action = run_json("show", "action", "1")
    assert action["status"] == "done" and local(action["done_at"]) == "2026-11-25"
    shown = run("show", "action", "1").stdout
    assert "done on  2026-11-25 (yesterday)" in shown
    listed = run("actions", "--status", "done").stdout.splitlines()
    assert listed[0].split() == ["id", "due", "done", "owner", "with", "action", "status"]
    assert listed[1].split() == ["1", "2026-11-24", "(2", "days", "ago)", "2026-11-25", "Anna", "Schmidt", "Anna",
                                 "Schmidt", "send", "the", "deck", "done"]  # fmt: skip
    # a done item given another day takes it (a correction), without a second "done"
    assert run("action", "done", "1", "--date", "2026-11-23").stdout == "Done: 1 send the deck (on 2026-11-23, Mon)\n"
    assert local(run_json("show", "action", "1")["done_at"]) == "2026-11-23"


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("tomorrow", "Error: the done date 2026-11-27 is in the future (--date)"),
        ("2026-11-19", "Error: the done date 2026-11-19 is before the action item was agreed on 2026-11-20 (--date)"),
        ("someday", "Error: cannot read 'someday' as a date"),
    ],
)
def test_a_done_date_in_the_future_or_before_the_item_was_agreed_is_refused(
    run: Run, run_json: Any, anna: None, db_path: Path, day: str, message: str
) -> None:
    before = counts(db_path)
    result = run("action", "done", "1", "--date", day)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert counts(db_path) == before
    assert run_json("show", "action", "1")["status"] == "open"


def test_an_item_from_a_back_dated_session_can_be_done_from_the_session_day(run: Run, run_json: Any) -> None:
    on(run, "2026-11-01", "person", "add", "Ben", "--role", "mentee")
    on(run, "2026-11-26", "note", "--with", "ben", "--date", "2026-11-10", "Agreed:\n- [ ] read the paper")
    assert run("action", "done", "1", "--date", "2026-11-12").exit_code == 0  # agreed on 11-10, written 11-26
    assert local(run_json("show", "action", "1")["done_at"]) == "2026-11-12"  # not moved to the day it was written
    assert run("action", "done", "1", "--date", "2026-11-09").exit_code == 2


def local(stamp: str) -> str:
    """A stored UTC stamp's local day, as the views show it."""
    return datetime.fromisoformat(stamp).astimezone().date().isoformat()


def test_on_time_and_late_follow_the_done_date(run: Run, run_json: Any, anna: None) -> None:
    # By hand: item 1 due 11-24 done 11-23 -> on time; item 2 due 11-21 done 11-22 -> late; item 3 due 11-22
    # still open -> overdue. Marked done today (11-26) without --date, both would be late.
    on(run, "2026-11-20", "action", "add", "book the room", "--with", "anna", "--due", "2026-11-21")
    on(run, "2026-11-20", "action", "add", "write the summary", "--with", "anna", "--due", "2026-11-22")
    assert run("action", "done", "1", "--date", "2026-11-23").exit_code == 0
    assert run("action", "done", "2", "--date", "2026-11-22").exit_code == 0
    [health] = run_json("health", "--with", "anna")
    assert health["follow_through"]["them"] == {"due": 3, "on_time": 1, "late": 1, "overdue": 1, "rate": 0.33}


def test_a_due_date_typed_in_the_past_is_stored_with_a_warning(run: Run, run_json: Any, anna: None) -> None:
    result = run("action", "add", "call back", "--with", "anna", "--due", "2026-11-20")
    assert result.exit_code == 0
    assert result.stdout.startswith("Added action 2 for Anna Schmidt, due 2026-11-20, Fri")
    assert result.stderr == "Warning: the due date 2026-11-20, Fri is in the past (6 days ago); stored as typed.\n"
    assert run_json("show", "action", "2")["due"] == "2026-11-20"
    noted = run("note", "--with", "anna", "Agreed:\n- [ ] resend due:2026-11-25")
    assert "Warning: the due date 2026-11-25, Wed is in the past (yesterday); stored as typed." in noted.stderr
    assert run("action", "add", "later", "--with", "anna", "--due", "fri").stderr == ""


@pytest.fixture
def groups(run: Run, anna: None) -> None:
    """Anna: item 1 (due 11-24) open, overdue; items 2, 3, 4 done; item 5 dropped. Bob: item 6 done."""
    for text in ("b", "c", "d", "e"):
        on(run, "2026-11-20", "action", "add", text, "--with", "anna", "--due", "2026-11-30")
    on(run, "2026-11-20", "person", "add", "Bob", "--role", "mentor")
    on(run, "2026-11-20", "action", "add", "f", "--with", "bob")
    assert run("action", "done", "2-4", "6").exit_code == 0
    assert run("action", "drop", "5").exit_code == 0


def test_by_person_headers_count_what_the_group_lists(run: Run, groups: None) -> None:
    everything = run("actions", "--status", "all", "--by-person").stdout.splitlines()
    assert everything[0] == "Anna Schmidt  1 open, 1 overdue, 3 done, 1 dropped"
    assert "Bob  1 done" in everything
    done = run("actions", "--status", "done", "--by-person").stdout.splitlines()
    assert done[0] == "Anna Schmidt  3 done"  # was "3 open" over three done items
    assert run("actions", "--by-person").stdout.splitlines()[0] == "Anna Schmidt  1 open, 1 overdue"


def test_by_person_headers_in_german(run: Run, groups: None) -> None:
    german = run("actions", "--status", "all", "--by-person", env={"MENTORLOG_LANG": "de"}).stdout.splitlines()
    assert german[0] == "Anna Schmidt  1 offen, 1 überfällig, 3 erledigt, 1 verworfen"
    done = run("actions", "--status", "done", "--by-person", env={"MENTORLOG_LANG": "de"}).stdout.splitlines()
    assert done[0] == "Anna Schmidt  3 erledigt"
