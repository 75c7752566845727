"""Nothing lost: undo, crash safety under SIGKILL, concurrent writers, locks, bad files, upgrades."""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import Run, counts
from .processes import MENTORLOG, tree_env

FIXTURE = Path(__file__).parent / "fixtures" / "schema-m001.db"


def real_env(db: Path, **extra: str) -> dict[str, str]:
    return tree_env(db, **extra)


# undo -------------------------------------------------------------------------------------------


def test_undo_reverts_a_note_with_its_actions_tags_and_discussed_topics(run: Run, run_json, db_path: Path) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    run("topic", "add", "Budget", "--with", "anna")
    before = counts(db_path)
    noted = run(
        "note", "--with", "anna", "Talked #growth", "--action", "a due:fri", "--action", "b", "--discussed", "1"
    )
    assert "1 topic marked discussed" in noted.stdout  # issue 24: a note marks the topics it names
    result = run("undo")
    assert result.exit_code == 0
    assert result.stdout.strip().startswith("Undid `note` from 2026-11-26")  # said with ids (issue 24.6)
    assert "removed session 1, action items 1, 2" in result.stdout and "changed back topic 1" in result.stdout
    after = counts(db_path)
    records = [t for t in before if not t.startswith(("change", "search_index"))]  # logs and FTS internals grow
    assert {t: after[t] for t in records} == {t: before[t] for t in records}
    assert run_json("topics")[0]["status"] == "open"
    assert run_json("search", "growth") == []


def test_undo_walks_back_edits_status_changes_deletes_and_imports(run: Run, run_json, tmp_path: Path) -> None:
    run("action", "add", "original", "--due", "fri")
    run("edit", "action", "1", "--text", "edited", "--due", "none")
    run("action", "done", "1")
    run("delete", "action", "1", "--yes")
    assert run_json("actions", "--status", "all") == []
    assert "restored action item 1" in run("undo").stdout
    assert run_json("show", "action", "1")["status"] == "done"
    assert "changed back action item 1" in run("undo").stdout
    assert run_json("show", "action", "1")["status"] == "open"
    run("undo")
    restored = run_json("show", "action", "1")
    assert (restored["text"], restored["due"]) == ("original", "2026-11-27")
    assert [h["id"] for h in run_json("search", "original")] == [1]
    dump = tmp_path / "dump.json"
    other = ["--db", str(tmp_path / "other.db")]
    run(*other, "person", "add", "Zed", "--role", "mentor")
    run(*other, "export", "--format", "json", "--all", "-o", str(dump))
    run("import", str(dump))
    assert [p["name"] for p in run_json("people")] == ["Zed"]
    assert "removed person 1" in run("undo").stdout
    assert run_json("people") == []


def test_nothing_to_undo_is_a_success(run: Run, empty_journal: Path) -> None:
    result = run("undo")
    assert result.exit_code == 0 and result.stdout.strip() == "Nothing to undo."
    run("action", "add", "x")
    run("action", "done", "1")
    run("action", "done", "1")  # changed nothing: leaves no entry
    assert "action done" in run("undo").stdout
    assert "action add" in run("undo").stdout
    assert run("undo").stdout.strip() == "Nothing to undo."


def test_undo_dry_run_list_and_confirmation(run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorlog.cli import common

    run("person", "add", "Anna", "--role", "mentee")
    run("note", "--with", "anna", "x #t", "--action", "a", "--action", "b")
    run("action", "done", "1,2")
    before = counts(db_path)
    dry = run("undo", "--dry-run")
    assert dry.stdout.strip().endswith(
        "Would undo `action done` from 2026-11-26 "
        + dry.stdout.split("2026-11-26 ")[1][:5]
        + ": change back action items 1, 2."
    )
    assert counts(db_path) == before
    listed = run("undo", "--list").stdout.splitlines()
    assert [line.split("  ", 1)[1] for line in listed] == [
        "action done: changed action items 1, 2",  # what each command did (issue 24.6)
        "note: added session 1, action items 1, 2",
        "person add: added person 1",
    ]
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    refused = run("undo", input="n\n")
    assert (
        refused.exit_code == 1
        and "nothing undone" in refused.stderr
        and "change back action items 1, 2" in refused.stderr
    )
    assert counts(db_path) == before
    assert run("undo", input="y\n").exit_code == 0
    assert run("undo", "--yes").stdout.startswith("Undid `note`")


def test_a_failed_command_leaves_nothing_to_undo(run: Run) -> None:
    run("action", "add", "x")
    assert run("action", "done", "1", "99").exit_code == 1
    assert "action add" in run("undo").stdout


# crash safety -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_sigkill_at_random_moments_never_leaves_half_a_note(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    env = real_env(db)
    subprocess.run([*MENTORLOG, "person", "add", "Anna", "--role", "mentee"], env=env, check=True, capture_output=True)
    rng = random.Random(7)
    killed = 0
    for number in range(30):
        process = subprocess.Popen(
            [*MENTORLOG, "note", "--with", "anna", f"note {number} #crash", "--action", "one", "--action", "two",
             "--action", "three due:fri"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(0.02, 0.15))  # a note takes ~0.1 s since start-up got lighter: kill inside that
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
    assert killed >= 5, "the kills should land while the note is being written"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    per_session = conn.execute("SELECT (SELECT count(*) FROM actions a WHERE a.session_id = s.id) FROM sessions s")
    assert {row[0] for row in per_session} <= {3}
    indexed = conn.execute("SELECT count(*) FROM search_index WHERE search_index MATCH 'crash'").fetchone()[0]
    assert indexed == conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    done = subprocess.run([*MENTORLOG, "actions", "--json"], env=env, capture_output=True, text=True)
    assert (
        done.returncode == 0
        and len(json.loads(done.stdout)) == 3 * conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    )


def test_sigkill_inside_the_write_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    """A test-only hook (MENTORLOG_TEST_PAUSE) holds the commit: the kill lands inside the transaction, for sure."""
    db = tmp_path / "paused.db"
    env = real_env(db)
    subprocess.run([*MENTORLOG, "person", "add", "Anna", "--role", "mentee"], env=env, check=True, capture_output=True)
    before = counts(db)
    marker = tmp_path / "in-transaction"
    process = subprocess.Popen(
        [*MENTORLOG, "note", "--with", "anna", "paused note #crash", "--action", "one", "--action", "two"],
        env={**env, "MENTORLOG_TEST_PAUSE": str(marker)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert marker.exists(), "the note never reached its commit"
    assert marker.read_text() == str(process.pid)  # the hook ran in that process, inside BEGIN IMMEDIATE … COMMIT
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    marker.unlink()
    assert counts(db) == before
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM search_index WHERE search_index MATCH 'crash'").fetchone()[0] == 0
    after = subprocess.run([*MENTORLOG, "note", "after the crash"], env=env, capture_output=True, text=True)
    assert after.returncode == 0 and after.stdout.startswith("Recorded session 1 ")


def _paused(command: list[str], env: dict[str, str], marker: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        command, env={**env, "MENTORLOG_TEST_PAUSE": str(marker)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert marker.exists(), "the command never reached its commit"
    return process


def test_a_new_journal_writes_its_first_transaction_once_then_is_in_wal_mode(tmp_path: Path) -> None:
    """The first command on a new journal (a restore, typically) uses a rollback journal, so its pages go into the
    file once; when it ends the journal is in WAL mode like every other, and the next commands read and write it."""
    source = tmp_path / "source.db"
    subprocess.run([*MENTORLOG, "--db", str(source), "demo"], env=real_env(source), check=True, capture_output=True)
    dump = tmp_path / "dump.json"
    subprocess.run([*MENTORLOG, "export", "--format", "json", "--all", "-o", str(dump)], env=real_env(source),
                   check=True, capture_output=True)  # fmt: skip
    db = tmp_path / "new.db"
    marker = tmp_path / "in-transaction"
    process = _paused([*MENTORLOG, "import", str(dump)], real_env(db), marker)
    beside = sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("new.db"))
    assert beside == ["new.db", "new.db-journal"]  # inside the transaction: a rollback journal, no -wal
    marker.unlink()
    assert process.wait() == 0, process.stderr.read() if process.stderr else ""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    records = ("people", "sessions", "goals", "actions", "topics", "reflections", "skills", "progress_updates")
    assert {table: counts(db)[table] for table in records} == {table: counts(source)[table] for table in records}
    assert counts(db)["sessions"] > 10
    conn.close()
    assert not (tmp_path / "new.db-journal").exists()
    assert subprocess.run([*MENTORLOG, "search", "feedback"], env=real_env(db), capture_output=True).returncode == 0
    # an existing journal is in WAL mode before its transaction begins
    process = _paused([*MENTORLOG, "action", "add", "later"], real_env(db), marker)
    assert (tmp_path / "new.db-wal").exists() and not (tmp_path / "new.db-journal").exists()
    marker.unlink()
    assert process.wait() == 0


def test_sigkill_in_the_first_transaction_of_a_new_journal_leaves_an_empty_journal(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    marker = tmp_path / "in-transaction"
    process = _paused([*MENTORLOG, "person", "add", "Anna", "--role", "mentee"], real_env(db), marker)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    marker.unlink()
    env = real_env(db)
    assert subprocess.run([*MENTORLOG, "people", "--json"], env=env, capture_output=True, text=True).stdout == "[]\n"
    added = subprocess.run([*MENTORLOG, "person", "add", "Bea", "--role", "mentee"], env=env, capture_output=True)
    assert added.returncode == 0
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [row[0] for row in conn.execute("SELECT name FROM people")] == ["Bea"]


# concurrency ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_several_processes_writing_at_once_all_succeed(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    env = real_env(db)
    subprocess.run([*MENTORLOG, "action", "add", "seed"], env=env, check=True, capture_output=True)
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import subprocess, sys\n"
                f"for i in range(6): subprocess.run([*{MENTORLOG!r}, 'note', f'w{writer}-{{i}}', '--action', 'x'],"
                " check=True, capture_output=True)",
            ],
            env=env,
        )
        for writer in range(4)
    ]
    assert [writer.wait(timeout=180) for writer in writers] == [0, 0, 0, 0]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 24
    assert conn.execute("SELECT count(*) FROM actions").fetchone()[0] == 25


def test_a_lock_held_past_the_timeout_is_exit_1_with_a_message(tmp_path: Path) -> None:
    db = tmp_path / "locked.db"
    env = real_env(db, MENTORLOG_BUSY_TIMEOUT="0.5")
    subprocess.run([*MENTORLOG, "action", "add", "seed"], env=env, check=True, capture_output=True)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = subprocess.run([*MENTORLOG, "action", "add", "blocked"], env=env, capture_output=True, text=True)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[0].startswith("Error: the journal") and "is locked (waited 0.5 s)" in result.stderr
    )
    assert "Another mentorlog is writing" in result.stderr


# bad files --------------------------------------------------------------------------------------


def write_journal(run: Run, path: Path) -> None:
    assert run("--db", str(path), "note", "notes", "--action", "x").exit_code == 0


@pytest.mark.parametrize("damage", ["not sqlite", "truncated", "garbled pages", "newer version", "empty header"])
def test_damaged_files_are_exit_1_and_left_exactly_as_they_were(run: Run, tmp_path: Path, damage: str) -> None:
    path = tmp_path / "journal.db"
    write_journal(run, path)
    data = path.read_bytes()
    if damage == "not sqlite":
        path.write_text("Dear diary,\n" * 500)
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    elif damage == "garbled pages":
        path.write_bytes(data[:4096] + bytes(random.Random(1).getrandbits(8) for _ in range(len(data) - 4096)))
    elif damage == "empty header":
        path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    else:
        conn = sqlite3.connect(path)
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('mentorlog', 'm999_x', '')"
        )
        conn.commit()
        conn.close()
    before = path.read_bytes()
    for command in (["actions"], ["note", "more"], ["export"]):
        result = run("--db", str(path), *command)
        assert result.exit_code == 1, (damage, command, result.output)
        assert result.stderr.startswith("Error: ") and "Traceback" not in result.output
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak"))


def test_an_unwritable_place_is_exit_1(run: Run) -> None:
    result = run("--db", "/proc/mentorlog/journal.db", "action", "add", "x")
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot create the journal")


def test_the_first_released_schema_upgrades_with_a_backup(run: Run, run_json, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    db = ["--db", str(path)]
    assert [s["title"] for s in run_json(*db, "sessions")] == ["Kickoff"]
    backups = list(tmp_path.glob("old.db.before-upgrade-*.bak"))
    assert len(backups) == 1
    copy, original = sqlite3.connect(backups[0]), sqlite3.connect(FIXTURE)
    for sql in ("SELECT name FROM _sqlite_migrations", "SELECT * FROM sessions", "SELECT * FROM actions"):
        assert copy.execute(sql).fetchall() == original.execute(sql).fetchall()
    assert [h["kind"] for h in run_json(*db, "search", "delegation")] == ["session"]
    assert run_json(*db, "show", "goal", "1")["progress_updates"][0]["note"] == "outline"
    run(*db, "action", "done", "1")
    assert "action done" in run(*db, "undo").stdout
    assert len(list(tmp_path.glob("*.bak"))) == 1  # upgraded once
