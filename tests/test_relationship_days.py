"""A relationship's days agree, whichever way they come in (issue #23, fault 15): `person close --date` is not
before the last session or the start, and `import` and `sync` refuse a closed relationship without its day, a
close in the future or before the start, and a start after the planned end (one rule, core/validate.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import Run, assert_refused
from .test_validation_paths import base_record, by_import, by_sync, dump_text, empty


def test_close_before_the_last_session_is_refused_and_changes_nothing(run: Run, db_path: Path) -> None:
    run("person", "add", "Anna Berg", "--role", "mentee", "--since", "2026-01-05")
    run("note", "--with", "anna", "--date", "2026-09-01", "kickoff", "--action", "send the deck due:2026-09-15")
    run("note", "--with", "anna", "--date", "2026-10-20", "second meeting")
    result = run("person", "close", "anna", "--date", "2026-06-01", "--reflection", "")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        "Error: the close 2026-06-01 lies before the last session, on 2026-10-20 (--date)",
        "Close it on 2026-10-20 or later.",
    ]
    assert_refused(
        run, db_path, ["person", "close", "anna", "--date", "2026-10-19", "--reflection", ""], 2, "last session"
    )
    person = json.loads(run("show", "person", "1", "--json").stdout)
    assert (person["status"], person["closed_at"]) == ("active", None)
    closed = run("person", "close", "anna", "--date", "2026-10-20", "--reflection", "")
    assert closed.exit_code == 0 and "Closed the relationship with Anna Berg on 2026-10-20" in closed.stdout


def test_close_before_the_start_and_in_the_future_stay_refused(run: Run, db_path: Path) -> None:
    run("person", "add", "Ben", "--role", "mentor", "--since", "2026-03-01")
    assert_refused(
        run, db_path, ["person", "close", "ben", "--date", "2026-02-28", "--reflection", ""], 2,
        "the close 2026-02-28 lies before the start 2026-03-01",
    )  # fmt: skip
    assert_refused(run, db_path, ["person", "close", "ben", "--date", "2026-12-01", "--reflection", ""], 2, "not on")


CLOSED = {
    "status": "closed",
    "started": "2026-01-05",
    "closed_at": "2026-10-01",
    "updated_at": "2026-10-01T09:00:00+00:00",
}
BAD_PEOPLE = [
    ({**CLOSED, "closed_at": None}, "status is closed, but closed_at is empty"),
    ({**CLOSED, "closed_at": "2199-01-01", "updated_at": "2199-01-01T09:00:00+00:00"},
     "closed_at 2199-01-01 lies in the future"),
    ({**CLOSED, "closed_at": "2026-12-24", "updated_at": "2026-11-20T10:00:00+00:00"},
     "closed_at 2026-12-24 lies in the future"),
    ({**CLOSED, "closed_at": "2025-12-31"}, "closed_at 2025-12-31 lies before started 2026-01-05"),
    ({"started": "2026-05-01", "ends": "2026-04-30"}, "started 2026-05-01 lies after ends 2026-04-30"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "reason"), BAD_PEOPLE, ids=[reason for _f, reason in BAD_PEOPLE])
def test_import_refuses_a_relationship_whose_days_disagree(
    run: Run, db_path: Path, tmp_path: Path, fields: dict[str, Any], reason: str
) -> None:
    run("goal", "add", "already here")
    dump = tmp_path / "people.json"
    dump.write_text(dump_text([("people", {**base_record("people"), **fields})]), encoding="utf-8")
    before = db_path.read_bytes()
    result = run("import", str(dump))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and f"people[0]: {reason}" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2 and "Traceback" not in result.output
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(("fields", "reason"), BAD_PEOPLE, ids=[reason for _f, reason in BAD_PEOPLE])
def test_import_and_sync_give_the_same_verdict_on_a_relationships_days(fields: dict[str, Any], reason: str) -> None:
    records = [("people", {**base_record("people"), **fields})]
    imported, importer = by_import(records)
    assert not imported and empty(importer)
    if "future" in reason:
        return  # import checks it against today; sync against the record's own stamp (test_sync_refuses_…)
    accepted, receiver, report = by_sync(records)
    assert not accepted and empty(receiver)
    assert reason in report.skipped[0].reason and report.skipped[0].refused


def test_a_closed_relationship_with_consistent_days_imports(run: Run, run_json: Any, tmp_path: Path) -> None:
    dump = tmp_path / "people.json"
    dump.write_text(dump_text([("people", {**base_record("people"), **CLOSED, "name": "Cleo"})]), encoding="utf-8")
    assert run("import", str(dump)).exit_code == 0
    cleo = run_json("people", "--all")[0]
    assert (cleo["status"], cleo["closed_at"], cleo["started"]) == ("closed", "2026-10-01", "2026-01-05")


def test_sync_refuses_a_close_after_the_records_own_last_change() -> None:
    record = {**base_record("people"), **CLOSED, "closed_at": "2026-10-05", "updated_at": "2026-10-03T23:00:00+00:00"}
    accepted, receiver, report = by_sync([("people", record)])
    assert not accepted and empty(receiver)
    assert "closed_at 2026-10-05 lies in the future" in report.skipped[0].reason
    on_time = {**record, "updated_at": "2026-10-04T23:30:00+00:00"}  # its zone's day may already be the 5th
    assert by_sync([("people", on_time)])[0]
