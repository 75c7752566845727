"""The lossless dump and its import: round trip, idempotence, merging, validation; and backup."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Run, counts


def dump(run: Run, *db: str) -> dict:
    result = run(*db, "export", "--format", "json", "--all", "--include-private")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def without_stamp(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "exported_at"}


@pytest.fixture
def demo(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    assert run("--db", str(path), "demo").exit_code == 0
    run("--db", str(path), "note", "--with", "anna", "--private", "private note", "--goal", "7")
    return path


def test_dump_has_every_table_and_references_by_uuid(run: Run, demo: Path) -> None:
    data = dump(run, "--db", str(demo))
    assert data["format"] == "mentorlog-dump" and data["version"] == 1
    assert set(data) >= {"people", "goals", "sessions", "progress_updates", "actions", "reflections", "topics"}
    session = data["sessions"][0]
    assert {"person_uuid", "tags", "goal_uuids", "notes", "feedback", "confidence", "next_date", "private"} <= set(
        session
    )
    assert "person_id" not in session
    people = {p["uuid"] for p in data["people"]}
    assert all(s["person_uuid"] in people for s in data["sessions"])
    conn = sqlite3.connect(demo)
    assert len(data["actions"]) == conn.execute("SELECT count(*) FROM actions").fetchone()[0]


def test_round_trip_into_an_empty_journal_is_identical(run: Run, demo: Path, tmp_path: Path) -> None:
    original = dump(run, "--db", str(demo))
    file = tmp_path / "dump.json"
    file.write_text(json.dumps(original))
    restored = tmp_path / "restored.db"
    result = run("--db", str(restored), "import", str(file))
    assert result.exit_code == 0 and "(ids restored)" in result.stdout
    assert without_stamp(dump(run, "--db", str(restored))) == without_stamp(original)
    assert (
        run("--db", str(restored), "show", "goal", "1", "--json").stdout
        == run("--db", str(demo), "show", "goal", "1", "--json").stdout
    )


def test_importing_twice_changes_nothing(run: Run, demo: Path, tmp_path: Path) -> None:
    file = tmp_path / "dump.json"
    file.write_text(json.dumps(dump(run, "--db", str(demo))))
    target = tmp_path / "t.db"
    run("--db", str(target), "import", str(file))
    before = (counts(target), without_stamp(dump(run, "--db", str(target))))
    again = run("--db", str(target), "import", str(file), "--json")
    assert json.loads(again.stdout)["added"] == dict.fromkeys(
        ["people", "goals", "sessions", "progress_updates", "actions", "reflections", "topics", "skills",
         "skill_ratings", "asked_questions"], 0
    )  # fmt: skip
    assert run("--db", str(target), "import", str(file)).stdout.startswith("Nothing to import")
    assert (counts(target), without_stamp(dump(run, "--db", str(target)))) == before


def test_two_journals_that_grew_apart_merge_without_duplicates(run: Run, tmp_path: Path) -> None:
    laptop, desktop = ["--db", str(tmp_path / "laptop.db")], ["--db", str(tmp_path / "desktop.db")]
    run(*laptop, "person", "add", "Anna", "--role", "mentee")
    run(*laptop, "note", "--with", "anna", "common session", "--action", "common action")
    common_dump = tmp_path / "common.json"
    common_dump.write_text(json.dumps(dump(run, *laptop)))
    run(*desktop, "import", str(common_dump))
    run(*laptop, "note", "--with", "anna", "laptop only")
    run(*laptop, "action", "done", "1")  # a newer change to a shared record
    run(*desktop, "reflect", "desktop only")
    run(*desktop, "goal", "add", "desktop goal", "--with", "anna")
    laptop_dump = tmp_path / "laptop.json"
    laptop_dump.write_text(json.dumps(dump(run, *laptop)))
    result = run(*desktop, "import", str(laptop_dump), "--json")
    report = json.loads(result.stdout)
    assert report["added"]["sessions"] == 1 and report["updated"]["actions"] == 1 and report["restored_ids"] is False
    merged = dump(run, *desktop)
    assert sorted(s["notes"] for s in merged["sessions"]) == ["common session", "laptop only"]
    assert [a["status"] for a in merged["actions"]] == ["done"]
    assert [r["text"] for r in merged["reflections"]] == ["desktop only"]
    assert len(merged["people"]) == 1 and len(merged["goals"]) == 1
    desktop_dump = tmp_path / "desktop.json"
    desktop_dump.write_text(json.dumps(merged))
    run(*laptop, "import", str(desktop_dump))
    assert without_stamp(dump(run, *laptop))["sessions"] == merged["sessions"]
    assert len(dump(run, *laptop)["reflections"]) == 1


def test_older_incoming_changes_do_not_overwrite_newer_local_ones(run: Run, tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "j.db")]
    run(*db, "action", "add", "original")
    old = tmp_path / "old.json"
    old.write_text(json.dumps(dump(run, *db)))
    run(*db, "edit", "action", "1", "--text", "edited later")
    data = json.loads(old.read_text())
    data["actions"][0]["updated_at"] = "2000-01-01T00:00:00+00:00"
    old.write_text(json.dumps(data))
    run(*db, "import", str(old))
    assert json.loads(run(*db, "show", "action", "1", "--json").stdout)["text"] == "edited later"


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        ("{not json", 2, "is not valid JSON (line 1"),
        ('{"format": "jrnl"}', 2, "is not a mentorlog dump"),
        ('{"format": "mentorlog-dump", "version": 99}', 1, "is a version 99 dump"),
        ('{"format": "mentorlog-dump", "version": 1}', 2, "has no list of people"),
    ],
)
def test_bad_dump_files_are_refused_whole(
    run: Run, db_path: Path, tmp_path: Path, content: str, code: int, message: str
) -> None:
    run("action", "add", "existing")
    before = counts(db_path)
    file = tmp_path / "bad.json"
    file.write_text(content)
    result = run("import", str(file))
    assert result.exit_code == code and message in result.stderr
    assert counts(db_path) == before


def test_a_dump_with_a_broken_reference_imports_nothing(run: Run, tmp_path: Path, db_path: Path) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    run("note", "--with", "anna", "x")
    data = dump(run)
    data["people"] = []
    data["topics"] = []
    file = tmp_path / "broken.json"
    file.write_text(json.dumps(data))
    target = tmp_path / "target.db"
    result = run("--db", str(target), "import", str(file))
    assert result.exit_code == 2 and "refers to a missing people record" in result.stderr
    assert not target.exists()
    missing = run("import", str(tmp_path / "nope.json"))
    assert missing.exit_code == 1 and "no file" in missing.stderr


def test_backup_is_a_consistent_private_copy(run: Run, db_path: Path, tmp_path: Path) -> None:
    run("note", "first", "--action", "a", "--action", "b")
    target = tmp_path / "copy.db"
    result = run("backup", str(target))
    assert result.exit_code == 0 and str(target) in result.stdout
    assert target.stat().st_mode & 0o777 == 0o600
    assert sqlite3.connect(target).execute("SELECT count(*) FROM actions").fetchone()[0] == 2
    assert run("backup", str(target)).exit_code == 1  # never overwrites
    default = run("backup")
    assert default.exit_code == 0
    made = list(db_path.parent.glob("journal-backup-*.db"))
    assert len(made) == 1


def test_backup_without_a_journal_is_exit_1(run: Run) -> None:
    result = run("backup")
    assert result.exit_code == 1 and "no journal" in result.stderr


def test_backup_while_another_process_writes(tmp_path: Path) -> None:
    from .processes import MENTORLOG, command_line, tree_env

    env = tree_env(tmp_path / "busy.db")
    subprocess.run(
        command_line("note", "seed", "--action", "x", "--action", "y"), env=env, check=True, capture_output=True
    )
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "import subprocess, sys\n"
         "for i in range(25):\n"
         f"    subprocess.run([*{MENTORLOG!r}, 'note', f'n{{i}}', '--action', 'a', '--action', 'b'], check=True,"
         " capture_output=True)\n"],
        env=env,
    )  # fmt: skip
    copies = []
    try:
        for number in range(6):
            copy = tmp_path / f"copy{number}.db"
            done = subprocess.run(command_line("backup", str(copy)), env=env, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            copies.append(copy)
    finally:
        assert writer.wait(timeout=120) == 0
    for copy in copies:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per_session = conn.execute(
            "SELECT count(*) FROM sessions s WHERE (SELECT count(*) FROM actions a WHERE a.session_id = s.id) != 2"
        ).fetchone()[0]
        assert per_session == 0


def test_progress_bar_only_for_large_jobs_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorlog.render import progress as render_progress

    with render_progress.progress_bar(10, "x") as small:
        assert small is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with render_progress.progress_bar(5000, "Exporting") as large:
        assert callable(large)
        large(10)
