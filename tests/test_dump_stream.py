"""The dump and its import as streams: a large dump restored in batches and dumped back the same, one undoable
change, a merge that changes nothing, other layouts of the JSON, a reader that never holds the whole file, and
the progress bar on a terminal only."""

from __future__ import annotations

import io
import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from .conftest import Run, counts

FIXTURES = Path(__file__).parent / "fixtures"


def dump_text(run: Run, db: Path) -> str:
    result = run("--db", str(db), "export", "--format", "json", "--all", "--include-private")
    assert result.exit_code == 0, result.output
    return result.stdout


def record_counts(db: Path) -> dict[str, int]:
    """The rows of the record and link tables (the undo log and the search index's own tables aside)."""
    return {
        table: n
        for table, n in counts(db).items()
        if not table.startswith(("change", "search_index_", "_sqlite", "sync_"))
    }


def records(text: str) -> dict[str, Any]:
    return {key: value for key, value in json.loads(text).items() if key != "exported_at"}


@pytest.fixture
def large_dump(run: Run, tmp_path: Path) -> Path:
    """The demo journal grown to several thousand records (more than a batch, more than a read chunk)."""
    demo = tmp_path / "demo.db"
    assert run("--db", str(demo), "demo").exit_code == 0
    data = json.loads(dump_text(run, demo))
    sessions, actions = list(data["sessions"]), list(data["actions"])
    next_session = max(s["id"] for s in sessions) + 1
    next_action = max(a["id"] for a in actions) + 1
    for copy in range(40):
        for session in sessions:
            grown = {**session, "id": next_session, "uuid": str(uuid.uuid4()), "notes": f"{session['notes']} {copy}"}
            data["sessions"].append(grown)
            for action in actions:
                if action["session_uuid"] == session["uuid"]:
                    data["actions"].append(
                        {**action, "id": next_action, "uuid": str(uuid.uuid4()), "session_uuid": grown["uuid"]}
                    )
                    next_action += 1
            next_session += 1
    file = tmp_path / "large.json"
    file.write_text(json.dumps(data, ensure_ascii=False))
    return file


def test_a_large_dump_restores_in_batches_and_dumps_back_the_same(run: Run, tmp_path: Path, large_dump: Path) -> None:
    first = tmp_path / "first.db"
    result = run("--db", str(first), "import", str(large_dump))
    assert result.exit_code == 0, result.output
    assert "(ids restored)" in result.stdout
    expected = json.loads(large_dump.read_text())
    found = counts(first)
    for table in ("people", "goals", "sessions", "actions", "reflections", "topics", "skills", "skill_ratings"):
        assert found[table] == len(expected[table]), table
    assert found["sessions"] > 1500 and found["actions"] > 2000  # more than a batch (2,000) of each
    text = dump_text(run, first)  # mentorlog's own layout: one record a line, streamed on import
    assert len(text.splitlines()) > sum(len(expected[table]) for table in ("sessions", "actions"))
    canonical = tmp_path / "canonical.json"
    canonical.write_text(text)
    second = tmp_path / "second.db"
    assert run("--db", str(second), "import", str(canonical)).exit_code == 0
    assert (
        records(dump_text(run, second))
        == records(text)
        == {key: value for key, value in expected.items() if key != "exported_at"}
    )


def test_a_restore_builds_the_same_search_index_indexes_and_triggers(run: Run, tmp_path: Path) -> None:
    demo = tmp_path / "demo.db"
    assert run("--db", str(demo), "demo").exit_code == 0
    run("--db", str(demo), "note", "--with", "anna", "--private", "private note", "--goal", "7")
    file = tmp_path / "dump.json"
    file.write_text(dump_text(run, demo))
    restored = tmp_path / "restored.db"
    assert run("--db", str(restored), "import", str(file)).exit_code == 0
    query = {
        "search": "SELECT rowid, kind, record_id, person_id, day, title, body FROM search_index ORDER BY rowid",
        "schema": "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name",
    }
    for what, sql in query.items():
        before = sqlite3.connect(demo).execute(sql).fetchall()
        assert sqlite3.connect(restored).execute(sql).fetchall() == before, what
        assert before
    hits = run("--db", str(restored), "search", "abstract", "--json")
    assert hits.exit_code == 0 and hits.stdout == run("--db", str(demo), "search", "abstract", "--json").stdout
    # the restore's larger in-memory search buffer is not left behind: later writes use FTS5's default
    config = dict(sqlite3.connect(restored).execute("SELECT k, v FROM search_index_config").fetchall())
    assert config.get("hashsize", 1024 * 1024) == 1024 * 1024


def test_undo_after_a_restore_removes_all_of_it(run: Run, tmp_path: Path, large_dump: Path) -> None:
    db = tmp_path / "restored.db"
    assert run("--db", str(db), "import", str(large_dump)).exit_code == 0
    listed = run("--db", str(db), "undo", "--list")
    assert listed.exit_code == 0 and "import" in listed.stdout
    result = run("--db", str(db), "undo", "--yes")
    assert result.exit_code == 0, result.output
    assert "removed" in result.stdout
    assert {table: n for table, n in record_counts(db).items() if n} == {}
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM search_index").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0] > 40
    again = run("--db", str(db), "import", str(large_dump))  # the journal is empty again: a restore once more
    assert again.exit_code == 0 and "(ids restored)" in again.stdout


def test_undo_after_a_merge_import_brings_back_the_journal_before(run: Run, tmp_path: Path, db_path: Path) -> None:
    fixture = FIXTURES / "dump-v1-indented.json"
    run("person", "add", "Ben Okafor", "--role", "mentor")
    before = record_counts(db_path)
    result = run("import", str(fixture))
    assert result.exit_code == 0, result.output
    assert "(ids restored)" not in result.stdout
    assert counts(db_path)["people"] == 2
    assert run("undo", "--yes").exit_code == 0
    assert record_counts(db_path) == before


def test_a_merge_of_the_same_dump_changes_nothing(run: Run, tmp_path: Path, large_dump: Path) -> None:
    db = tmp_path / "journal.db"
    assert run("--db", str(db), "import", str(large_dump)).exit_code == 0
    before, dumped = counts(db), records(dump_text(run, db))
    result = run("--db", str(db), "import", str(large_dump))
    assert result.exit_code == 0, result.output
    assert "Nothing to import" in result.stdout
    assert counts(db) == before
    assert records(dump_text(run, db)) == dumped
    report = run("--db", str(db), "import", str(large_dump), "--json")
    assert sum(json.loads(report.stdout)["updated"].values()) == sum(json.loads(report.stdout)["added"].values()) == 0


def test_a_dump_in_another_layout_still_imports(run: Run, db_path: Path) -> None:
    """Indented, keys sorted (tables before the header, in the wrong order), from before skills existed."""
    fixture = FIXTURES / "dump-v1-indented.json"
    assert fixture.read_text().startswith('{\n  "actions": [')
    result = run("import", str(fixture), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == {
        "people": 1, "goals": 1, "sessions": 1, "progress_updates": 0, "actions": 1, "reflections": 1, "topics": 1,
        "skills": 0, "skill_ratings": 0, "asked_questions": 0,
    }  # fmt: skip
    expected = json.loads(fixture.read_text())
    for person in expected["people"]:
        person["template"] = ""  # added after this dump was written (m050): the usual note form
    dumped = records(dump_text(run, db_path))
    for table in ("people", "goals", "sessions", "actions", "reflections", "topics"):
        # columns added since (a meeting's time, the usual slot: issue 24.9) are empty; the rest as dumped
        assert [{key: row[key] for key in old} for row, old in zip(dumped[table], expected[table], strict=True)] == (
            expected[table]
        )
        pairs = zip(dumped[table], expected[table], strict=True)
        assert all(value is None for row, old in pairs for key, value in row.items() if key not in old)


def test_a_bad_record_late_in_a_streamed_dump_changes_nothing(run: Run, tmp_path: Path, large_dump: Path) -> None:
    data = json.loads(large_dump.read_text())
    data["actions"][-1]["status"] = "maybe"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    db = tmp_path / "journal.db"  # an empty journal (a person added and undone): the restore path
    assert run("--db", str(db), "person", "add", "Ben", "--role", "mentor").exit_code == 0
    assert run("--db", str(db), "undo", "--yes").exit_code == 0
    schema = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"
    before, triggers = record_counts(db), sqlite3.connect(db).execute(schema).fetchall()
    result = run("--db", str(db), "import", str(bad))
    assert result.exit_code == 2
    assert f"actions[{len(data['actions']) - 1}]: status must be one of" in result.stderr
    assert record_counts(db) == before
    assert sqlite3.connect(db).execute(schema).fetchall() == triggers  # set aside, and back with the rollback
    assert len(triggers) > 40
    data["actions"][-1]["status"] = "open"
    data["actions"][-1]["uuid"] = data["actions"][0]["uuid"]
    bad.write_text(json.dumps(data))
    result = run("--db", str(db), "import", str(bad))
    assert result.exit_code == 2 and "has the uuid" in result.stderr and "twice" in result.stderr


@pytest.mark.parametrize("apart", [1, 2500], ids=["same batch", "batches apart"])
def test_a_merge_refuses_a_uuid_twice_in_the_file(run: Run, tmp_path: Path, large_dump: Path, apart: int) -> None:
    """Into a journal with records, each uuid must be in the file once: within one batch of 2,000 or across them."""
    data = json.loads(large_dump.read_text())
    assert len(data["actions"]) > 2500 + 10
    twice = data["actions"][5]["uuid"]
    data["actions"][5 + apart] = {**data["actions"][5 + apart], "uuid": twice}
    bad = tmp_path / "twice.json"
    bad.write_text(json.dumps(data))
    db = tmp_path / "journal.db"  # a journal with records: the merge path
    assert run("--db", str(db), "person", "add", "Zed Quist", "--role", "mentor").exit_code == 0
    before = record_counts(db)
    result = run("--db", str(db), "import", str(bad))
    assert result.exit_code == 2, result.stderr
    assert f"actions has the uuid {twice} twice" in result.stderr
    assert record_counts(db) == before


def test_the_reader_takes_the_file_a_chunk_at_a_time(monkeypatch: pytest.MonkeyPatch, large_dump: Path) -> None:
    from mentorlog.store.dump import read as dumpread

    monkeypatch.setattr(dumpread, "CHUNK", 4096)
    text = large_dump.read_text()
    stream = io.StringIO(text)
    read: list[int] = []
    reader = dumpread.DumpReader(stream, "large.json", on_read=read.append)
    tables = reader.tables()
    table, people = next(tables)
    assert table == "people" and next(people)["name"]
    assert sum(read) < len(text) / 10  # the first record came before most of the file was read
    seen = 1 + sum(1 for _ in people)
    for _table, rest in tables:
        seen += sum(1 for _ in rest)
    assert sum(read) == len(text)
    assert max(read) == 4096
    data = json.loads(text)
    assert seen == sum(len(value) for value in data.values() if isinstance(value, list))


def test_the_progress_counts_bytes_so_a_german_dump_reaches_its_size(
    monkeypatch: pytest.MonkeyPatch, run: Run, tmp_path: Path
) -> None:
    """The bar's total is the file's size in bytes; it used to advance by characters, so a dump full of
    umlauts stopped short of 100 %."""
    from mentorlog.store.dump import read as dumpread

    monkeypatch.setattr(dumpread, "CHUNK", 512)
    demo = tmp_path / "demo.db"
    assert run("--db", str(demo), "demo").exit_code == 0
    run("--db", str(demo), "note", "--with", "anna", "Überprüfung der Übungen " * 200)
    file = tmp_path / "dump.json"
    file.write_text(dump_text(run, demo), encoding="utf-8")
    size = file.stat().st_size
    assert size > len(file.read_text(encoding="utf-8")) + 500  # hundreds of two-byte characters
    steps: list[int] = []
    with file.open(encoding="utf-8-sig", newline="") as stream:
        reader = dumpread.DumpReader(stream, "dump.json", on_read=dumpread.bytes_read(stream, steps.append))
        for _table, records in reader.tables():
            sum(1 for _ in records)
    assert sum(steps) == size and len(steps) > 10 and min(steps) >= 0


def test_the_import_never_parses_the_file_whole(monkeypatch: pytest.MonkeyPatch, run: Run, large_dump: Path) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole file parsed at once")

    monkeypatch.setattr(json, "loads", refused)
    monkeypatch.setattr(json, "load", refused)
    result = run("import", str(large_dump))
    assert result.exit_code == 0, result.output


def test_the_progress_bar_shows_on_a_terminal_after_a_second() -> None:
    from rich.console import Console

    from mentorlog.render import progress as render_progress

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80)
    ticks = iter([0.0, 0.5, 2.0, 2.5, 3.0, 3.5])
    with render_progress.progress_bar(5000, "Importing", console=console, clock=lambda: next(ticks)) as advance:
        assert advance is not None
        advance(100)  # half a second in: nothing shown yet
        assert screen.getvalue() == ""
        advance(2000)  # two seconds in: the bar appears
    assert "Importing" in screen.getvalue()
    quick = io.StringIO()
    fast = iter([0.0, 0.1, 0.2])
    quiet = Console(file=quick, force_terminal=True, width=80)
    with render_progress.progress_bar(5000, "Importing", console=quiet, clock=lambda: next(fast)) as advance:
        assert advance is not None
        advance(2000)
        advance(3000)
    assert quick.getvalue() == ""


def read_all(text: str) -> dict[str, list[dict[str, Any]]]:
    from mentorlog.store.dump.read import DumpReader

    return {table: list(found) for table, found in DumpReader(io.StringIO(text), "dump.json").tables()}


def test_the_batched_reader_gives_exactly_the_records_and_errors_of_parse_dump(run: Run, tmp_path: Path) -> None:
    from mentorlog.base.errors import UsageError
    from mentorlog.store.dump.write import parse_dump

    demo = tmp_path / "demo.db"
    assert run("--db", str(demo), "demo").exit_code == 0
    text = dump_text(run, demo)
    checked = parse_dump(text, "dump.json")
    assert read_all(text) == {table: checked[table] for table in read_all(text)}
    lines = text.split("\n")
    action = next(number for number, line in enumerate(lines) if '"text": ' in line and '"owner_uuid"' in line)
    for bad in ('"due": "2026-02-30"', '"due": 20260101', '"status": "Open"', '"text": "a\\u0000b"', '"id": 0'):
        key = bad.split(":")[0]
        record = json.loads(lines[action].rstrip(","))
        record[key.strip('"')] = json.loads(bad.split(": ", 1)[1])
        broken = "\n".join([*lines[:action], json.dumps(record) + ("," if lines[action].endswith(",") else ""),
                            *lines[action + 1 :]])  # fmt: skip
        with pytest.raises(UsageError) as by_reader:
            read_all(broken)
        with pytest.raises(UsageError) as by_parse:
            parse_dump(broken, "dump.json")
        assert by_reader.value.message == by_parse.value.message, bad
