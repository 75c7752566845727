"""Issue 10, concurrent first use: processes that start together on a new or an old journal all succeed,
nothing they wrote is removed, and an old journal is upgraded (and backed up) exactly once."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from .processes import command_line, mentorlog, tree_env

pytestmark = pytest.mark.slow
FIXTURE = Path(__file__).parent / "fixtures" / "schema-m001.db"


@pytest.mark.parametrize("round_", range(3))
def test_three_writers_on_a_new_journal_all_land(tmp_path: Path, round_: int) -> None:
    db = tmp_path / "new" / "journal.db"
    env = tree_env(db, MENTORLOG_BUSY_TIMEOUT="30")  # a loaded CI machine is slow, not deadlocked
    writers = [
        subprocess.Popen(command_line("note", f"writer {n}", "--action", "a"), env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(3)
    ]  # fmt: skip
    results = [(w.wait(timeout=120), w.stderr.read() if w.stderr else "") for w in writers]
    assert [code for code, _ in results] == [0, 0, 0], results
    sessions = json.loads(mentorlog(env, "sessions", "--json").stdout)
    assert sorted(s["notes"] for s in sessions) == ["writer 0", "writer 1", "writer 2"]


def test_a_failing_first_command_beside_a_successful_one_removes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "new" / "journal.db"
    env = tree_env(db)
    processes = [
        subprocess.Popen(command_line(*args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for args in (["note", ""], ["note", "kept"], ["note", "   "], ["action", "add", "kept too"])
    ]
    codes = [p.wait(timeout=120) for p in processes]
    assert codes == [2, 0, 2, 0]
    assert db.exists()
    assert len(json.loads(mentorlog(env, "sessions", "--json").stdout)) == 1
    assert len(json.loads(mentorlog(env, "actions", "--json").stdout)) == 1


def test_a_failing_first_command_alone_leaves_no_file(tmp_path: Path) -> None:
    db = tmp_path / "new" / "journal.db"
    assert mentorlog(tree_env(db), "note", "").returncode == 2
    assert not db.exists() and not db.parent.exists()


def test_readers_and_writers_of_an_old_journal_upgrade_it_once(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copy(FIXTURE, db)
    env = tree_env(db, MENTORLOG_BUSY_TIMEOUT="30")
    processes = [
        subprocess.Popen(command_line(*args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for args in (["sessions"], ["people"], ["actions"], ["note", "after the upgrade"], ["goals"], ["search", "x"])
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in processes]
    assert [code for code, _ in results] == [0] * 6, results
    assert len(list(tmp_path.glob("old.db.before-upgrade-*.bak"))) == 1
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    names = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert len(names) == len(set(names))
