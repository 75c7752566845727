"""Reading, naming and sending change files (issue 23): clocks and file names of any width, stamps from the far
future refused, tombstones named by table and uuid, a new folder gets the whole journal, and the command's words."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.core.patches import GoalPatch
from mentorlog.store.sync.files import FOLDER, Change, encode, hlc_parts, hlc_text, micros

from .conftest import Run
from .syncdriver import Machine, SharedFolder

OTHER = "00000000000000ee"
NOW = micros("2026-11-26T09:00:00+00:00")  # the driver's machines start here


def world(count: int = 2) -> tuple[SharedFolder, list[Machine]]:
    folder = SharedFolder()
    return folder, [Machine(f"m{n}", folder, timedelta(0)) for n in range(count)]


def everyone_syncs(folder: SharedFolder, machines: list[Machine]) -> None:
    for _ in range(2):
        for machine in machines:
            folder.propagate_all()
            machine.sync()


def titles(machine: Machine) -> list[str]:
    return [row[0] for row in machine.db.execute("SELECT title FROM goals ORDER BY title")]


def goal_record(machine: Machine, title: str) -> dict[str, Any]:
    (record,) = [r for r in machine.dump()["goals"].values() if r["title"] == title]
    return record


def drop(folder: SharedFolder, seq: int, changes: list[Change], device: str = OTHER) -> str:
    """A change file from DEVICE arrives in the folder."""
    name = f"{seq:08d}.jsonl"
    folder.files[(device, name)] = encode(device, seq, "2026-11-26T08:00:00+00:00", changes)
    folder.propagate_all()
    return name


# fault 4: clocks -------------------------------------------------------------------------------------


@given(st.lists(st.tuples(st.integers(0, 2**62), st.integers(0, 2**64 - 1), st.sampled_from("0af")), min_size=2))
def test_clock_text_sorts_as_the_clock_whatever_the_counters_width(stamps: list[tuple[int, int, str]]) -> None:
    texts = [hlc_text(wall, counter, device * 16) for wall, counter, device in stamps]
    assert sorted(texts) == [hlc_text(w, c, d * 16) for w, c, d in sorted(stamps)]
    assert all(hlc_parts(text) == (w, c, d * 16) for text, (w, c, d) in zip(texts, stamps, strict=True))


def test_a_counter_past_eight_hex_digits_keeps_every_later_file_readable() -> None:
    folder, (a, b) = world()
    with a.command() as journal:
        journal.goals.add_goal("Draft")
    everyone_syncs(folder, [a, b])
    record = goal_record(a, "Draft")
    ahead = NOW + 3600 * 10**6  # an hour ahead of A's clock, with its counter at the top of 8 hex digits
    drop(folder, 1, [Change("goals", record["uuid"], hlc_text(ahead, 0xFFFFFFFF, OTHER), {**record, "title": "E"})])
    assert a.sync().files_applied == 1 and titles(a) == ["E"]
    with a.command() as journal:  # stamped after what A saw: counter 0x100000000
        journal.goals.update_goal(1, GoalPatch(title="After"))
    report = a.sync()
    assert report.sent == 1
    (written,) = [data for (device, _name), data in folder.files.items() if data and device != OTHER
                  and b'"After"' in data]  # fmt: skip
    assert f"{ahead:016x}-100000000-".encode() in written  # the counter in as many digits as it needs
    folder.propagate_all()
    late = b.sync()
    assert late.skipped == [] and late.files_applied == 2
    assert titles(b) == titles(a) == ["After"]


def test_a_stamp_from_the_far_future_is_refused_not_adopted_and_blocks_nothing(run: Run, tmp_path: Path) -> None:
    shared = tmp_path / "Sync"
    shared.mkdir()
    run("goal", "add", "Mine")
    assert run("sync", str(shared)).exit_code == 0
    device = shared / FOLDER / OTHER
    device.mkdir()
    future = micros("2199-01-01T00:00:00+00:00")
    record = {"uuid": "goal-from-2199", "title": "From the future", "created_at": "2026-11-20T10:00:00+00:00",
              "updated_at": "2026-11-20T10:00:00+00:00", "description": "", "horizon": "short", "status": "active",
              "progress": 0, "target": None, "achieved_at": None, "parent_uuid": None, "person_uuid": None,
              "tags": []}  # fmt: skip
    later = {**record, "uuid": "goal-of-today", "title": "From today"}
    (device / "00000001.jsonl").write_bytes(
        encode(
            OTHER,
            1,
            "2026-11-26T08:00:00+00:00",
            [Change("goals", "goal-from-2199", hlc_text(future, 0, OTHER), record)],
        )
    )
    (device / "00000002.jsonl").write_bytes(
        encode(
            OTHER, 2, "2026-11-26T08:00:00+00:00", [Change("goals", "goal-of-today", hlc_text(NOW, 0, OTHER), later)]
        )
    )
    run("goal", "add", "Mine too")
    result = run("sync", str(shared))
    assert result.exit_code == 0, result.output
    assert "Sent 1 change" in result.stdout and "Applied 1 file from 1 device" in result.stdout
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("Warning")]
    assert warning == (
        f"Warning: skipped {device / '00000001.jsonl'} (from device {OTHER}): goals goal-from-2199: its clock h is "
        "2199-01-01T00:00:00+00:00, more than a day ahead of this machine; nothing of it was applied."
    )
    goals = json.loads(run("goals", "--json").stdout)
    assert sorted(goal["title"] for goal in goals) == ["From today", "Mine", "Mine too"]
    status = json.loads(run("sync", "--status", str(shared), "--json").stdout)
    assert status["unsent"] == 0
    db = sqlite3.connect(os.environ["MENTORLOG_DB"])  # the journal's clock did not jump to 2199
    (clock,) = db.execute("SELECT clock FROM sync_state").fetchone()
    db.close()
    assert int(clock.split("-")[0], 16) < micros("2026-11-28T00:00:00+00:00")


# fault 3: a record is named by its table and uuid together ---------------------------------------------


def test_a_tombstone_naming_another_table_for_a_uuid_hides_no_record_and_the_journals_converge() -> None:
    folder, (a, b) = world()
    with a.command() as journal:
        journal.goals.add_goal("Keep")
    a.sync()
    uuid = goal_record(a, "Keep")["uuid"]
    drop(folder, 1, [Change("actions", uuid, hlc_text(NOW + 60 * 10**6, 0, OTHER), None)])  # newer than the goal
    everyone_syncs(folder, [a, b])
    assert titles(a) == titles(b) == ["Keep"]
    with b.command() as journal:  # and the goal lives on: an edit on either machine reaches the other
        journal.goals.update_goal(1, GoalPatch(title="Kept"))
    everyone_syncs(folder, [a, b])
    assert titles(a) == titles(b) == ["Kept"]
    assert a.dump() == b.dump()
    tombstones = b.db.execute("SELECT table_name, uuid, deleted FROM sync_records WHERE deleted = 1").fetchall()
    assert tombstones == [("actions", uuid, 1)]  # the tombstone is its own entry, of the table it names


# fault 12: what was sent, per folder ------------------------------------------------------------------


def test_syncing_into_a_new_empty_folder_sends_the_whole_journal(run: Run, tmp_path: Path) -> None:
    first, second = tmp_path / "Dropbox", tmp_path / "Syncthing"
    first.mkdir()
    second.mkdir()
    run("person", "add", "Anna", "--role", "mentee")
    assert run("sync", str(first)).exit_code == 0
    run("note", "--with", "anna", "Talked about delegation", "--action", "send the deck")
    moved = run("sync", str(second))  # a new, empty folder: the person goes along with the new session
    assert moved.exit_code == 0, moved.output
    assert "Sent a snapshot of 3 changes (00000002.jsonl)." in moved.stdout
    assert json.loads(run("sync", str(second), "--json").stdout)["sent"] == 0  # and only once
    other = ["--db", str(tmp_path / "other.db")]
    assert run(*other, "sync", str(second)).exit_code == 0
    (session,) = json.loads(run(*other, "sessions", "--json").stdout)
    assert (session["with"], session["notes"]) == ("Anna", "Talked about delegation")
    assert [a["text"] for a in json.loads(run(*other, "actions", "--json").stdout)] == ["send the deck"]
    back = json.loads(run("sync", str(first), "--json").stdout)  # the first folder missed the session: it gets all
    assert (back["snapshot"], back["sent"]) == (True, 3)


def test_a_new_folder_gets_the_records_from_other_machines_with_their_clocks_and_tombstones() -> None:
    first, (a, b) = world()
    with a.command() as journal:
        journal.goals.add_goal("Shared")
        journal.goals.add_goal("Gone")
    everyone_syncs(first, [a, b])
    with b.command() as journal:
        journal.goals.delete_goal(2)
    everyone_syncs(first, [a, b])
    assert titles(a) == ["Shared"]
    second = SharedFolder()  # A moves to a new folder, where C starts; C already holds the deleted goal
    a.folder = second.view("m0")
    c = Machine("m2", second, timedelta(0))
    report = a.sync()
    assert report.sent == 2 and report.snapshot  # "Shared" with its clock as applied, and the tombstone of "Gone"
    clocks = dict(a.db.execute("SELECT uuid, hlc FROM sync_records").fetchall())
    second.propagate_all()
    c.sync()
    assert titles(c) == ["Shared"]
    assert dict(c.db.execute("SELECT uuid, hlc FROM sync_records").fetchall()) == clocks
    assert c.dump() == a.dump()


# fault 5: file names -----------------------------------------------------------------------------------


def test_file_99999999_does_not_hide_file_100000000() -> None:
    folder, (a,) = world(1)
    with a.command() as journal:
        journal.goals.add_goal("Draft")
    a.sync()
    record = goal_record(a, "Draft")
    first = Change("goals", record["uuid"], hlc_text(NOW + 10, 0, OTHER), {**record, "title": "Older"})
    second = Change("goals", record["uuid"], hlc_text(NOW + 20, 0, OTHER), {**record, "title": "Newer"})
    drop(folder, 100000000, [second])
    drop(folder, 99999999, [first])
    assert [name for _seq, name in a.folder.files(OTHER)] == ["99999999.jsonl", "100000000.jsonl"]
    report = a.sync()
    assert report.files_applied == 2 and report.skipped == []
    assert titles(a) == ["Newer"]


def test_a_device_past_file_99999999_keeps_sending_and_its_files_are_read(run: Run, tmp_path: Path) -> None:
    shared = tmp_path / "Sync"
    shared.mkdir()
    run("goal", "add", "One")
    run("sync", str(shared))
    (device,) = os.listdir(shared / FOLDER)
    (shared / FOLDER / device / "99999999.jsonl").write_bytes(encode(device, 99999999, "2026-11-26T08:00:00+00:00", []))
    run("goal", "add", "Two")
    sent = run("sync", str(shared))
    assert sent.exit_code == 0 and "Sent 1 change (100000000.jsonl)." in sent.stdout
    run("goal", "add", "Three")
    again = run("sync", str(shared))
    assert again.exit_code == 0, again.output
    assert "Sent 1 change (100000001.jsonl)." in again.stdout
    other = ["--db", str(tmp_path / "other.db")]
    received = run(*other, "sync", str(shared), "--json")
    assert json.loads(received.stdout)["files_applied"] == 4
    assert sorted(goal["title"] for goal in json.loads(run(*other, "goals", "--json").stdout)) == [
        "One",
        "Three",
        "Two",
    ]


@pytest.mark.parametrize("name", ["1.jsonl", "000000001.jsonl", "0000001.jsonl", "１２３４５６７８.jsonl"])
def test_names_that_are_not_a_change_files_number_are_ignored(name: str) -> None:
    from mentorlog.store.sync.files import FILE_NAME

    assert FILE_NAME.match(name) is None


# fault 17: the command's words, and what a failed sync leaves -----------------------------------------


def _drop_own_record_of_file(seq: int) -> None:
    """As after restoring the journal from a backup made before a sync: it forgets it wrote file SEQ."""
    db = sqlite3.connect(os.environ["MENTORLOG_DB"])
    with db:
        db.execute("DELETE FROM sync_files WHERE seq = ?", [seq])
    db.close()


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, "Applied 1 file from 1 device: 0 records changed, 0 deleted."),
        ({"MENTORLOG_LANG": "de"}, "1 Datei von 1 Gerät angewendet: 0 Einträge geändert, 0 gelöscht."),
    ],
)
def test_a_file_of_this_device_brought_back_counts_its_device(
    run: Run, tmp_path: Path, env: dict[str, str], said: str
) -> None:
    shared = tmp_path / "Sync"
    shared.mkdir()
    run("goal", "add", "One")
    run("sync", str(shared))
    run("goal", "add", "Two")
    run("sync", str(shared))
    _drop_own_record_of_file(2)
    result = run("sync", str(shared), env=env)
    assert result.exit_code == 0, result.output
    assert said in result.stdout


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, "added 1 person; updated 1 goal."),
        ({"MENTORLOG_LANG": "de"}, "1 Person hinzugefügt; 1 Ziel geändert."),
    ],
)
def test_an_import_that_adds_and_updates_says_so_in_one_sentence(
    run: Run, tmp_path: Path, env: dict[str, str], said: str
) -> None:
    other = ["--db", str(tmp_path / "other.db")]
    run("goal", "add", "Delegate")
    run("export", "--format", "json", "--all", "-o", str(tmp_path / "one.json"))
    assert run(*other, "import", str(tmp_path / "one.json")).exit_code == 0
    run("edit", "goal", "1", "--title", "Delegate more")
    run("person", "add", "Anna", "--role", "mentee")
    run("export", "--format", "json", "--all", "-o", str(tmp_path / "two.json"))
    result = run(*other, "import", str(tmp_path / "two.json"), env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip("\n").endswith(said), result.stdout


def test_a_failed_first_sync_leaves_no_device_folder_and_sync_stays_off(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import tempfile

    shared = tmp_path / "Sync"
    shared.mkdir()
    run("goal", "add", "One")

    def full_disk(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(tempfile, "mkstemp", full_disk)
        result = run("sync", str(shared))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write ") and "No space left on device" in result.stderr
    assert os.listdir(shared) == []
    assert "Sync is not on yet" in run("sync", "--status").stdout
    assert run("sync", str(shared)).exit_code == 0  # and the next one works
    (device,) = os.listdir(shared / FOLDER)
    assert os.listdir(shared / FOLDER / device) == ["00000001.jsonl"]


def test_a_first_sync_that_fails_after_writing_takes_its_files_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorlog.base.errors import MentorlogError
    from mentorlog.store.sync.run import SyncRepo

    folder, (a,) = world(1)
    with a.command() as journal:
        journal.goals.add_goal("One")

    def fails(*args: Any) -> None:
        raise MentorlogError("the folder went away")

    with monkeypatch.context() as patch, pytest.raises(MentorlogError):
        patch.setattr(SyncRepo, "_receive", fails)
        a.sync()
    assert folder.files == {} and a.db.execute("SELECT count(*) FROM sync_state").fetchone() == (0,)


@pytest.mark.parametrize("where", ["device", "root"])
def test_a_file_where_the_device_folder_belongs_is_a_clear_error(run: Run, tmp_path: Path, where: str) -> None:
    shared = tmp_path / "Sync"
    shared.mkdir()
    run("goal", "add", "One")
    run("sync", str(shared))
    (device,) = os.listdir(shared / FOLDER)
    blocker = shared / FOLDER / device if where == "device" else shared / FOLDER
    for path in sorted(blocker.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    blocker.rmdir()
    blocker.write_text("not a folder")
    run("goal", "add", "Two")
    result = run("sync", str(shared))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        f"Error: {blocker} is in the way: mentorlog keeps change files in a folder of that name",
        "Move it away, then sync again.",
    ]
    assert json.loads(run("sync", "--status", "--json").stdout)["unsent"] == 1  # nothing changed
