"""The benchmark tools work: the generator writes a realistic journal, and the runner reports only paired figures.

Speed itself is measured by benchmarks/run.py, not here.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generator_writes_a_realistic_journal_and_the_peer_files(tmp_path: Path) -> None:
    db = tmp_path / "small.db"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--db", str(db), "--scale", "0.05",
         "--peers", str(tmp_path / "peers")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    conn = sqlite3.connect(db)

    def one(sql: str) -> float:
        return conn.execute(sql).fetchone()[0]

    counts = {t: one(f"SELECT count(*) FROM {t}") for t in ("people", "sessions", "actions", "goals", "topics")}
    assert counts == {"people": 40, "sessions": 1000, "actions": 5000, "goals": 100, "topics": 250}
    assert 0.04 <= one("SELECT avg(status = 'open') FROM actions") <= 0.06
    assert one("SELECT count(*) FROM actions WHERE status = 'open' AND due < '2026-11-26'") > 0
    # relationships start and end: 8-12 are active (each with 1-3 open topics and 2-4 active goals), the rest closed
    active = {row[0] for row in conn.execute("SELECT DISTINCT person_id FROM topics WHERE status = 'open'")}
    assert 8 <= len(active) <= 12
    recent = {row[0] for row in conn.execute("SELECT DISTINCT person_id FROM sessions WHERE date >= '2026-06-01'")}
    assert recent <= active
    active_goals = dict(conn.execute("SELECT person_id, count(*) FROM goals WHERE status = 'active' GROUP BY 1"))
    assert set(active_goals) <= active
    assert all(1 <= count <= 4 for count in active_goals.values())
    before_start = "SELECT count(*) FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.date < p.created_at"
    assert one(before_start.replace("p.created_at", "substr(p.created_at, 1, 10)")) == 0
    assert one("SELECT count(*) FROM actions WHERE status = 'open' AND person_id NOT IN (SELECT person_id FROM goals "
               "WHERE status IN ('active', 'paused'))") == 0  # fmt: skip
    assert 0.02 <= one("SELECT avg(private) FROM sessions") <= 0.08
    assert 0.25 <= one("SELECT count(DISTINCT session_id) / 1000.0 FROM session_tags") <= 0.42
    # progress mostly rises: setbacks are rare and small
    assert one("SELECT avg(progress < progress_before) FROM progress_updates") < 0.15
    assert one("SELECT min(progress - progress_before) FROM progress_updates") >= -10
    # a Zipf vocabulary: the common search word is in ~10 % of the sessions
    common = one("SELECT count(*) FROM search_index WHERE kind = 'session' AND search_index MATCH 'delegation'")
    assert 50 <= common <= 200
    entries = (tmp_path / "peers" / "journal.txt").read_text().count("\n[")
    assert entries == 999  # every session but the first starts on a new line after a blank one
    tasks = [json.loads(line) for line in (tmp_path / "peers" / "tasks.json").read_text().splitlines()]
    assert len(tasks) == 5000
    assert sum(task["status"] == "pending" for task in tasks) == one("SELECT count(*) FROM actions WHERE status='open'")
