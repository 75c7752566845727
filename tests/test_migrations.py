"""The schema is built by recorded migrations; files are created private; newer files are refused."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from mentorlog.base.errors import StoreError
from mentorlog.store.db import open_journal
from mentorlog.store.migrations import known_names

from .conftest import CLOCK

TABLES = {
    "people", "sessions", "goals", "progress_updates", "actions", "reflections", "topics",
    "session_goals", "session_tags", "goal_tags", "reflection_tags", "_sqlite_migrations",
}  # fmt: skip


def table_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_a_blank_database_gets_every_table_and_records_the_migrations(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_journal(path, write=True, clock=CLOCK).close()
    assert table_names(path) >= TABLES
    conn = sqlite3.connect(path)
    applied = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == known_names()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_applying_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "twice.db"
    open_journal(path, write=True, clock=CLOCK).close()
    before = path.read_bytes()
    db = open_journal(path, write=True, clock=CLOCK).db
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(known_names())
    db.close()
    assert table_names(path) >= TABLES
    assert len(path.read_bytes()) == len(before)


def test_every_list_filter_has_an_index(tmp_path: Path) -> None:
    path = tmp_path / "idx.db"
    open_journal(path, write=True, clock=CLOCK).close()
    conn = sqlite3.connect(path)
    plans = {
        "actions by status and due": "SELECT * FROM actions WHERE status = 'open' ORDER BY due",
        "actions by person": "SELECT * FROM actions WHERE person_id = 1 AND status = 'open'",
        "actions by owner": "SELECT * FROM actions WHERE owner_id = 1 AND status = 'open'",
        "actions by goal": "SELECT * FROM actions WHERE goal_id = 1",
        "sessions by date": "SELECT * FROM sessions WHERE date >= '2026-01-01'",
        "sessions by person": "SELECT * FROM sessions WHERE person_id = 1 AND date >= '2026-01-01'",
        "sessions by tag": "SELECT * FROM session_tags WHERE tag = 'x'",
        "goals by status": "SELECT * FROM goals WHERE status = 'active'",
        "goals by person": "SELECT * FROM goals WHERE person_id = 1",
    }
    for name, sql in plans.items():
        plan = " ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "USING" in plan and "INDEX" in plan, f"{name}: {plan}"


def test_file_and_folder_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "a" / "b" / "journal.db"
        open_journal(path, write=True, clock=CLOCK).close()
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "a").stat().st_mode & 0o777 == 0o700


def test_reading_a_missing_journal_creates_no_file(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "journal.db"
    db = open_journal(path, write=False, clock=CLOCK).db
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] == 0
    db.close()
    assert not path.exists() and not path.parent.exists()


def test_a_journal_from_a_newer_version_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_journal(path, write=True, clock=CLOCK).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('mentorlog', 'm999_future', 'x')"
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer mentorlog") as refused:
        open_journal(path, write=True, clock=CLOCK)
    assert refused.value.exit_code == 1
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some text, not a database\n" * 200)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a readable mentorlog journal"):
        open_journal(path, write=True, clock=CLOCK)
    assert path.read_bytes() == before


def test_a_folder_is_not_a_journal(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_journal(tmp_path, write=True, clock=CLOCK)


def test_an_upgrade_from_the_first_schema_keeps_data_and_makes_a_backup(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from mentorlog.store.migrations import migrations

    path = tmp_path / "old.db"
    old = Database(str(path))
    migrations.apply(old, stop_before="m002_full_text_search")
    old.execute(
        "INSERT INTO sessions (uuid, date, title, notes, created_at, updated_at) "
        "VALUES ('u1', '2026-01-01', 'Kickoff', 'about delegation', 'x', 'x')"
    )
    old.conn.commit()
    old.close()
    db = open_journal(path, write=True, clock=CLOCK).db
    applied = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id").fetchall()]
    assert applied == known_names()
    found = db.execute("SELECT record_id FROM search_index WHERE search_index MATCH 'delegation'").fetchall()
    assert found == [(1,)]
    db.close()
    backups = list(tmp_path.glob("old.db.before-upgrade-*.bak"))
    assert len(backups) == 1
    assert [row[0] for row in sqlite3.connect(backups[0]).execute("SELECT name FROM _sqlite_migrations")] == [
        "m001_initial_schema"
    ]


def test_the_fast_schema_check_knows_every_registered_migration() -> None:
    from mentorlog.store.db import SCHEMA

    assert list(SCHEMA) == known_names()


def test_an_upgrade_to_recency_ordered_search_rows_keeps_every_record_findable_and_in_step(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from mentorlog.store.migrations import migrations

    path = tmp_path / "m011.db"
    old = Database(str(path))
    migrations.apply(old, stop_before="m012_search_by_recency")
    old.execute(
        "INSERT INTO people (uuid, name, role, created_at, updated_at) "
        "VALUES ('p1', 'Anna', 'mentee', '2020-05-01T10:00:00+00:00', '2020-05-01T10:00:00+00:00')"
    )
    for number, day in ((1, "2021-03-04"), (2, "2019-01-02"), (3, "2025-07-08")):
        old.execute(
            "INSERT INTO sessions (uuid, date, person_id, title, notes, created_at, updated_at) "
            "VALUES (?, ?, 1, 'Weekly', 'about delegation', '2026-01-01T00:00:00+00:00', 'x')",
            [f"s{number}", day],
        )
    old.execute(
        "INSERT INTO skills (uuid, name, person_id, created_at, updated_at) "
        "VALUES ('k1', 'delegation', 1, '2022-02-02T00:00:00+00:00', 'x')"
    )
    old.conn.commit()
    old.close()
    db = open_journal(path, write=True, clock=CLOCK).db
    newest_first = "SELECT kind, record_id FROM search_index WHERE search_index MATCH 'delegation' ORDER BY rowid DESC"
    # a skill (like a goal or a person) comes before every dated record; sessions by their date
    assert db.execute(newest_first).fetchall() == [("skill", 1), ("session", 3), ("session", 1), ("session", 2)]
    db.execute("UPDATE sessions SET date = '2026-01-01' WHERE id = 2")  # the triggers find the row by its old day
    db.execute("DELETE FROM sessions WHERE id = 3")
    db.execute(
        "INSERT INTO skill_ratings (uuid, skill_id, date, level, note, created_at, updated_at) "
        "VALUES ('r1', 1, '2022-03-03', 3, 'delegates the reviews', 'x', 'x')"
    )
    assert db.execute(newest_first).fetchall() == [("skill", 1), ("session", 2), ("session", 1)]
    assert db.execute("SELECT count(*) FROM search_index").fetchone()[0] == 4  # two sessions, a person, a skill
    db.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
    db.close()


def test_an_upgrade_from_the_previous_schema_folds_people_names_and_tells_old_twins_apart(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from mentorlog.core.validate import name_key
    from mentorlog.store.migrations import migrations

    path = tmp_path / "m011.db"
    old = Database(str(path))
    migrations.apply(old, stop_before="m013_people_name_key")
    for number, name in enumerate(["Özlem", "özlem", "Anna", "Ame\u0301lie", "Amélie"], start=1):  # NOCASE let them in
        old.execute(
            "INSERT INTO people (uuid, name, role, created_at, updated_at) VALUES (?, ?, 'mentee', 'x', 'x')",
            [f"u{number}", name],
        )
    old.conn.commit()
    old.close()
    db = open_journal(path, write=True, clock=CLOCK).db
    applied = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id").fetchall()]
    assert applied == known_names()
    people = db.execute("SELECT id, name, name_key FROM people ORDER BY id").fetchall()
    assert [name for _id, name, _key in people] == ["Özlem", "özlem (2)", "Anna", "Ame\u0301lie", "Amélie (5)"]
    assert all(key == name_key(name) for _id, name, key in people)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO people (uuid, name, name_key, role, created_at, updated_at)"
            " VALUES (?, ?, ?, 'mentor', 'x', 'x')",
            ["u9", "ANNA", name_key("ANNA")],
        )
    db.close()
