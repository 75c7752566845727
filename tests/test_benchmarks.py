"""The benchmark runs end to end on a tiny journal (speed itself is measured by benchmarks/run.py, not here)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generator_writes_the_journal_and_the_peer_files(tmp_path: Path) -> None:
    db = tmp_path / "tiny.db"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--db", str(db), "--scale", "0.005",
         "--peers", str(tmp_path / "peers")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    conn = sqlite3.connect(db)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("people", "sessions", "actions")}
    assert counts == {"people": 40, "sessions": 100, "actions": 500}
    open_share = conn.execute("SELECT avg(status = 'open') FROM actions").fetchone()[0]
    assert 0.2 < open_share < 0.4
    assert conn.execute("SELECT count(*) FROM search_index WHERE search_index MATCH 'delegation'").fetchone()[0] > 0
    entries = (tmp_path / "peers" / "journal.txt").read_text().count("\n[")
    assert entries == 99  # every session but the first starts on a new line after a blank one
    assert len((tmp_path / "peers" / "tasks.json").read_text().splitlines()) == 500


def test_runner_writes_a_report_on_a_tiny_scale(tmp_path: Path) -> None:
    output = tmp_path / "benchmarks.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--scales", "0.002", "0.004", "--runs", "1",
         "--no-peers", "--installed", "--work", str(tmp_path / "work"), "--output", str(output)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert " exited " not in done.stderr, done.stderr  # every timed command succeeded
    report = output.read_text()
    for heading in ("## Floors", "## mentorlog at scale 0.002", "## Growth from scale 0.002 to scale 0.004"):
        assert heading in report
    for command in (
        "`actions`",
        "`search delegation`",
        "`note`",
        "`timeline --since 1y`",
        "`export --format json --all`",
    ):
        assert command in report
