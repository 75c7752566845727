"""One validation for every way in: the same records, valid and hostile, fed to `import` and to `sync` get the
same verdict, and nothing either refuses reaches the journal. Names compare with Unicode case folding everywhere."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import unicodedata
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mentorlog.base.errors import MentorlogError
from mentorlog.core import validate
from mentorlog.store.dump.read import DumpReader
from mentorlog.store.dump.schema import FORMAT, TABLES
from mentorlog.store.dump.write import REFERENCES
from mentorlog.store.sync.files import micros
from mentorlog.store.sync.run import SyncReport

from .conftest import Run, assert_refused
from .syncdriver import Machine, SharedFolder

STAMP = "2026-11-20T10:00:00+00:00"
OTHER = "00000000000000ee"  # the device whose (hostile) files arrive
NOW = timedelta(0)  # no clock skew
WALL = micros("2026-11-25T00:00:00+00:00")  # the clocks of the hostile files: a day before the receivers' today


# records as a dump and a change file carry them --------------------------------------------------


def base_record(table: str, number: int = 1) -> dict[str, Any]:
    """A valid record of TABLE that needs no other record (references empty), as the dump writes it."""
    common = {"id": number, "uuid": f"{table}-{number}", "created_at": STAMP, "updated_at": STAMP}
    fields: dict[str, dict[str, Any]] = {
        "people": {"name": f"Person {number}", "role": "mentee", "cadence_days": None, "note": "", "started": None,
                   "ends": None, "agreement": "", "status": "active", "closed_at": None},
        "sessions": {"date": "2026-11-20", "time": "10:00", "title": "Kickoff", "notes": "about #scope",
                     "feedback": "", "confidence": 3, "next_date": None, "private": False, "person_uuid": None,
                     "tags": ["scope"], "goal_uuids": []},
        "goals": {"title": "Delegate", "description": "", "horizon": "short", "status": "active", "progress": 10,
                  "target": "2027-01-31", "achieved_at": None, "parent_uuid": None, "person_uuid": None,
                  "tags": []},
        "actions": {"text": "send the deck", "due": "2026-12-04", "status": "open", "done_at": None,
                    "owner_uuid": None, "person_uuid": None, "session_uuid": None, "goal_uuid": None},
        "reflections": {"date": "2026-11-20", "text": "learned", "goal_uuid": None, "person_uuid": None, "tags": []},
        "skills": {"name": "Listening", "kind": "growth", "description": "", "person_uuid": None, "goal_uuids": []},
    }  # fmt: skip
    return {**common, **fields[table]}


def dump_text(records: list[tuple[str, dict[str, Any]]]) -> str:
    data: dict[str, Any] = {"format": FORMAT, "version": 1, "exported_at": STAMP}
    for table in TABLES:
        data[table] = [record for of, record in records if of == table]
    return json.dumps(data)  # ASCII, so a lone surrogate travels as the escape a hostile file would hold


def change_file(
    device: str, seq: int, changes: list[tuple[str, Any, dict[str, Any] | None]], *, version: str = "1"
) -> bytes:
    """A change file as any writer could make it (files.encode's layout, with ASCII escapes)."""

    def line(data: dict[str, Any]) -> bytes:
        return (json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n").encode()

    header = {"format": "mentorlog-sync", "version": json.loads(version), "device": device, "seq": seq,
              "created_at": STAMP, "count": len(changes)}  # fmt: skip
    hlc = f"{WALL + seq:016x}-{{:08x}}-{device}"
    body = b"".join([line(header), *(line({"t": t, "u": u, "h": hlc.format(n), "r": r})
                                     for n, (t, u, r) in enumerate(changes))])  # fmt: skip
    return body + line({"end": len(changes), "sha256": hashlib.sha256(body).hexdigest()})


def as_change(table: str, record: dict[str, Any]) -> tuple[str, Any, dict[str, Any]]:
    sent = {name: value for name, value in record.items() if name != "id"}  # ids are each journal's own
    return table, record.get("uuid"), sent


# the two ways in ------------------------------------------------------------------------------------


def journal_records(machine: Machine) -> dict[str, list[dict[str, Any]]]:
    """Every record the journal holds (local ids left out), and what sync keeps aside."""
    found = {table: sorted(records.values(), key=lambda r: r["uuid"]) for table, records in machine.dump().items()}
    found["sync_pending"] = [dict(zip(("uuid",), row, strict=True))
                             for row in machine.db.execute("SELECT uuid FROM sync_pending")]  # fmt: skip
    return found


def load(machine: Machine, records: list[tuple[str, dict[str, Any]]]) -> None:
    """`import` of RECORDS as a dump, in one command."""
    with machine.command("import") as journal:
        journal.imports.load_stream(DumpReader(io.StringIO(dump_text(records)), "dump").tables(), source="dump")


def by_import(records: list[tuple[str, dict[str, Any]]]) -> tuple[bool, Machine]:
    machine = Machine("importer", SharedFolder(), NOW)
    try:
        load(machine, records)
    except MentorlogError:
        return False, machine
    return True, machine


def by_sync(
    records: list[tuple[str, dict[str, Any]]], *, version: str | None = None
) -> tuple[bool, Machine, SyncReport]:
    """RECORDS in one change file (its header's version as the JSON text VERSION) that MACHINE syncs."""
    folder = SharedFolder()
    machine = Machine("receiver", folder, NOW)
    data = change_file(OTHER, 1, [as_change(table, record) for table, record in records], version=version or "1")
    folder.files[(OTHER, "00000001.jsonl")] = data
    folder.propagate_all()
    report = machine.sync()
    return report.files_applied == 1 and not report.skipped, machine, report


def empty(machine: Machine) -> bool:
    return not any(journal_records(machine).values())


# hostile values -----------------------------------------------------------------------------------

HUGE = "x" * (validate.MAX_TEXT_CHARS + 1)
ODD_TEXT = ["", " ", "\x00", "a\x00b", "\ud800", "caf\u0065\u0301", "\u202eevil", "ok", "#tag word", "x" * 300]
DATES = ["garbage", "2026-02-30", "2026-1-1", "1969-12-31", "1899-12-31", "2201-01-01", "2026-11-20", "20261120"]
TIMES = ["99:99", "24:00", "23:59", "9:00", "00:00", "10:00:00", "1000"]
STAMPS = ["nope", "2026-11-20T10:00:00", "2026-11-20T10:00:00+02:00", "1960-01-01T00:00:00+00:00",
          "2026-11-20T10:00:00Z", "1899-12-31T23:00:00+00:00", "2201-01-01T00:00:00+00:00", "2026-11-20"]  # fmt: skip
TAGS = ["abc", [1, "a"], ["a", "A"], ["two words"], ["#x"], [""], [None], ["Ä", "ä"], ["x" * 201], list("ab")]
NAMES = [None, "", "  ", "Özlem", " Ame\u0301lie ", "a\u200bb", "x" * 201, "None", 5, ["Anna"]]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 110), st.sampled_from([2**53, 2**53 + 1, 2**63, -(2**63), 0, -3]),
    st.floats(allow_nan=False), st.text(max_size=12), st.sampled_from(ODD_TEXT), st.sampled_from(DATES),
    st.sampled_from(TIMES), st.sampled_from(STAMPS), st.sampled_from(TAGS), st.sampled_from(NAMES),
    st.sampled_from(["mentor", "mentee", "Mentor", "short", "long", "open", "done", "active", "strength"]),
    st.just([]), st.just({}), st.just({"a": 1}),
)  # fmt: skip
REFERENCE_KEYS = {key for references in REFERENCES.values() for _target, key in references.values()} | {"goal_uuids"}


def twin(name: str, how: int) -> str:
    """Another spelling of NAME that is the same name to a reader."""
    return [name.upper(), name.casefold(), unicodedata.normalize("NFD", name), f" {name.swapcase()} "][how % 4]


@st.composite
def hostile_records(draw: st.DrawFn) -> list[tuple[str, dict[str, Any]]]:
    table = draw(st.sampled_from(["people", "sessions", "goals", "actions", "reflections", "skills"]))
    record = base_record(table)
    if table in ("people", "skills"):
        record["name"] = draw(st.sampled_from(["Özlem", "Émile", "Amélie", "Straße", "Anna", "ǅemal"]))
    # a reference to a record that is not there yet is a different matter by design (import refuses it, sync
    # waits for it): references here are empty or malformed, never well-formed but unknown
    fields = [name for name in record if name != "id"]
    for _ in range(draw(st.integers(0, 2))):
        name = draw(st.sampled_from(fields))
        value = draw(VALUES)
        if name in REFERENCE_KEYS and isinstance(value, str) and validate.UUID.match(value):
            value = None
        if name == "goal_uuids" and isinstance(value, list):
            value = [item for item in value if not (isinstance(item, str) and validate.UUID.match(item))]
        record[name] = value
    records = [(table, record)]
    if table == "people" and draw(st.booleans()) and isinstance(record["name"], str):
        second = base_record("people", 2)
        second["name"] = twin(record["name"], draw(st.integers(0, 3)))
        records.append(("people", second))
    return records


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_records())
@example([("sessions", {**base_record("sessions"), "notes": HUGE})])
@example([("people", base_record("people")), ("people", {**base_record("people", 2), "name": "PERSON 1"})])
@example([("sessions", {**base_record("sessions"), "updated_at": "1960-01-01T00:00:00+00:00"})])
@example([("skills", {**base_record("skills"), "name": "\ud800"})])  # once a traceback from import
def test_import_and_sync_give_every_record_the_same_verdict(records: list[tuple[str, dict[str, Any]]]) -> None:
    imported, importer = by_import(records)
    synced, receiver, report = by_sync(records)
    assert imported == synced, (imported, report.skipped)
    if not imported:
        assert empty(importer) and empty(receiver)
        return
    for table, record in records:  # what both stored is the same clean value
        stored = [journal_records(machine)[table] for machine in (importer, receiver)]
        assert stored[0] == stored[1], table
        assert any(found["uuid"] == record["uuid"] for found in stored[0])


# the faults of the sync issue, one by one ---------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "field", "value", "reason"),
    [
        ("sessions", "date", "garbage", "date must be a date YYYY-MM-DD, not 'garbage'"),
        ("sessions", "time", "99:99", "time must be HH:MM"),
        ("sessions", "created_at", "nope", "created_at is not an ISO 8601 timestamp: 'nope'"),
        ("sessions", "notes", HUGE, "notes is longer than 10 MB"),
        ("sessions", "tags", "abc", "tags must be a list of at most 200 tags"),
        ("sessions", "tags", [1, "a"], "tags has a tag that is not one word: '1'"),
        ("sessions", "private", "yes", "private must be true or false"),
        ("sessions", "confidence", 0, "confidence must be 1 to 5, not 0"),
        ("goals", "progress", -3, "progress must be 0 to 100, not -3"),
        ("people", "name", None, "name must not be null"),
        ("sessions", "date", "1899-12-31", "date lies outside the years 1900–2200: '1899-12-31'"),
        # a dict or a list where a text, a name, a uuid or a day belongs (once "type 'dict' is not supported")
        ("sessions", "title", {"a": 1}, "title must be text"),
        ("sessions", "notes", ["a"], "notes must be text"),
        ("people", "name", {"first": "Anna"}, "name must be text"),
        ("sessions", "person_uuid", {"uuid": "x"}, "person_uuid is not a valid uuid: \"{'uuid': 'x'}\""),
        ("sessions", "date", {"y": 2026}, "date must be a date YYYY-MM-DD, not \"{'y': 2026}\""),
        ("goals", "tags", {"a": 1}, "tags must be a list of at most 200 tags"),
        ("sessions", "private", {}, "private must be true or false"),
        ("sessions", "notes", "x" * 30 * 1024 * 1024, "notes is longer than 10 MB"),
    ],
)
def test_a_change_file_with_a_value_import_refuses_is_skipped_whole_naming_file_and_field(
    table: str, field: str, value: Any, reason: str
) -> None:
    fine = base_record("goals", 7)
    bad = {**base_record(table), field: value}
    accepted, receiver, report = by_sync([("goals", fine), (table, bad)])
    assert not accepted and empty(receiver)  # not applied in part: the file's valid goal neither
    assert [(s.device, s.name, s.reason, s.refused) for s in report.skipped] == [
        (OTHER, "00000001.jsonl", f"{table} {table}-1: {reason}", True)
    ]
    imported, _importer = by_import([("goals", fine), (table, bad)])
    assert not imported


@pytest.mark.parametrize("version", ["0", "-3", '"1"', "null", "true", "1.0"])
def test_a_change_file_without_a_valid_format_version_is_not_applied(version: str) -> None:
    accepted, receiver, report = by_sync([("goals", base_record("goals"))], version=version)
    assert not accepted and empty(receiver)
    assert [s.reason.split(" (")[0] for s in report.skipped] == ["no valid format version"]


def test_a_refused_file_blocks_neither_later_files_nor_sending_local_changes() -> None:
    folder = SharedFolder()
    sender, receiver = Machine("sender", folder, NOW), Machine("r", folder, NOW)
    folder.files[(OTHER, "00000001.jsonl")] = change_file(
        OTHER, 1, [as_change("sessions", {**base_record("sessions"), "tags": [1, "a"]})]
    )
    folder.files[(OTHER, "00000002.jsonl")] = change_file(OTHER, 2, [as_change("goals", base_record("goals"))])
    with receiver.command() as journal:
        journal.goals.add_goal("Made here")
    folder.propagate_all()
    report = receiver.sync()
    assert [s.name for s in report.skipped] == ["00000001.jsonl"] and report.files_applied == 1
    assert report.sent == 1
    again = receiver.sync()  # refused again, and again nothing else is held up
    assert [s.name for s in again.skipped] == ["00000001.jsonl"] and again.files_applied == 0
    folder.propagate_all()
    sender.sync()
    titles = sorted(row[0] for row in sender.db.execute("SELECT title FROM goals"))
    assert titles == ["Delegate", "Made here"]
    assert sender.db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0


def test_a_record_stamped_before_1970_syncs() -> None:
    old = {
        **base_record("sessions"),
        "created_at": "1960-05-01T00:00:00+00:00",
        "updated_at": "1960-05-01T00:00:00+00:00",
    }
    imported, first = by_import([("sessions", old)])
    assert imported
    folder = SharedFolder()
    first.folder = folder.view("importer")
    other = Machine("other", folder, NOW)
    first.sync()
    folder.propagate_all()
    report = other.sync()
    assert report.files_applied == 1 and not report.skipped
    assert other.db.execute("SELECT updated_at FROM sessions").fetchone()[0] == "1960-05-01T00:00:00+00:00"
    assert first.sync().skipped == []  # and the next sync too


# names: Unicode case folding, one folded key --------------------------------------------------------

TWINS = [("Özlem", "özlem"), ("Émile", "émile"), ("Amélie", "Ame\u0301lie"), ("ÖZLEM", "Özlem")]


@pytest.mark.parametrize(("first", "second"), TWINS)
def test_person_add_refuses_a_name_that_differs_only_in_case_or_composition(
    run: Run, db_path: Path, first: str, second: str
) -> None:
    assert run("person", "add", first, "--role", "mentee").exit_code == 0
    assert_refused(run, db_path, ["person", "add", second, "--role", "mentor"], 1, "already exists")


def test_with_finds_a_person_whatever_the_case_of_a_non_ascii_name(run: Run) -> None:
    run("person", "add", "Özlem", "--role", "mentee")
    run("person", "add", "Oscar", "--role", "mentee")
    assert "for Özlem" in run("topic", "add", "Career plan", "--with", "özlem").stdout
    assert "for Özlem" in run("topic", "add", "Budget", "--with", "ÖZL").stdout


def test_renaming_a_person_to_a_twin_of_another_is_refused(run: Run, db_path: Path) -> None:
    run("person", "add", "Émile", "--role", "mentee")
    run("person", "add", "Bob", "--role", "mentee")
    assert_refused(run, db_path, ["edit", "person", "2", "--name", "émile"], 1, "already named")


@pytest.mark.parametrize(("first", "second"), TWINS)
def test_import_refuses_twins_with_a_clear_error(first: str, second: str) -> None:
    records = [
        ("people", {**base_record("people"), "name": first}),
        ("people", {**base_record("people", 2), "name": second}),
    ]
    imported, importer = by_import(records)
    assert not imported and empty(importer)
    clean = unicodedata.normalize("NFC", second)
    with pytest.raises(MentorlogError, match=f"^dump: the person '{clean}' has the name of '{first}' \\(names"):
        load(Machine("importer", SharedFolder(), NOW), records)


def test_import_into_a_journal_refuses_a_twin_of_a_person_it_has(run: Run, db_path: Path, tmp_path: Path) -> None:
    run("person", "add", "Özlem", "--role", "mentee")
    dump = tmp_path / "twin.json"
    dump.write_text(dump_text([("people", {**base_record("people", 5), "name": "özlem"})]), encoding="utf-8")
    result = run("import", str(dump))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and "'özlem' has the name of 'Özlem'" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


def test_a_change_file_with_twins_is_refused_and_concurrent_twins_are_told_apart() -> None:
    pair = [
        ("people", {**base_record("people"), "name": "Özlem"}),
        ("people", {**base_record("people", 2), "name": "özlem"}),
    ]
    accepted, receiver, report = by_sync(pair)
    assert not accepted and empty(receiver) and "also the name of people-1" in report.skipped[0].reason
    folder = SharedFolder()
    a, b = Machine("a", folder, NOW), Machine("b", folder, NOW)
    with a.command() as journal:
        journal.people.add_person("Özlem", "mentee")
    with b.command() as journal:
        journal.people.add_person("özlem", "mentor")
    for _ in range(2):
        for machine in (a, b):
            folder.propagate_all()
            machine.sync()
    for machine in (a, b):
        names = [row[0] for row in machine.db.execute("SELECT name FROM people ORDER BY id")]
        keys = {row[0] for row in machine.db.execute("SELECT name_key FROM people")}
        assert len(keys) == 2 and sorted(validate.name_key(name) for name in names) == sorted(keys)
        assert sum(name in ("Özlem", "özlem") for name in names) == 1  # the newer one carries its uuid's start


def test_the_folded_key_never_leaves_the_journal(run: Run, run_json: Any) -> None:
    run("person", "add", "Özlem", "--role", "mentee")
    assert "name_key" not in run_json("people")[0]
    with Machine("m", SharedFolder(), NOW).command() as journal:
        journal.people.add_person("Özlem", "mentee")
        assert all("name_key" not in record for _table, records in journal.dump.dump_tables() for record in records)


def test_the_unique_index_is_on_the_folded_key_not_nocase(db_path: Path, run: Run) -> None:
    run("person", "add", "Özlem", "--role", "mentee")
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match=r"people\.name_key"):
            conn.execute(
                "INSERT INTO people (uuid, name, name_key, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                ["u2", "ÖZLEM", validate.name_key("ÖZLEM"), "mentee", STAMP, STAMP],
            )
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(people)")}
        assert "idx_people_name_key" in indexes and "idx_people_name" not in indexes
    finally:
        conn.close()


def test_undo_of_a_change_logged_before_the_folded_key_existed_makes_the_key_again() -> None:
    machine = Machine("m", SharedFolder(), NOW)
    with machine.command("person add") as journal:
        person = journal.people.add_person("Özlem", "mentee")
    with machine.command("edit person") as journal:
        journal.db.execute("UPDATE people SET name = 'Zoe', name_key = 'zoe' WHERE id = ?", [person.id])
    with machine.command("delete person") as journal:
        journal.people.delete_person(person.id)
    machine.db.execute("UPDATE change_rows SET old = json_remove(old, '$.name_key') WHERE table_name = 'people'")
    for _ in range(2):  # the deletion, then the rename
        with machine.command(None) as journal:
            journal.undo.undo_last()
    assert machine.db.execute("SELECT name, name_key FROM people").fetchall() == [("Özlem", "özlem")]
    with pytest.raises(MentorlogError, match="already exists"), machine.command() as journal:
        journal.people.add_person("ÖZLEM", "mentor")
