"""The hostile folder (issue 23): two to four journals edit at random and sync through one folder that also
receives change files from devices nobody trusts — valid ones, and ones with bad values, clocks from the far
future, tombstones naming the wrong table, garbage, a newer format, numbers past 99999999 — arriving late, out of
order and half-copied, while syncs are interrupted at random moments. Afterwards, once everyone has synced
everything: all journals are equal, no valid change is lost, no invalid value is stored, and no exception other
than the interruptions escaped. Written against the journal's sync API (`journal.sync.sync_through`) and the
journals' dumps only, so it holds whatever merge rule decides between valid changes.

The normal suite runs a bounded number of examples; `MENTORLOG_HOSTILE_EXAMPLES=2000 pytest
tests/test_sync_hostile.py` (or the `slow` test here) runs a longer search (docs/sync.md)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorlog.store.dump.schema import check_record
from mentorlog.store.sync.files import hlc_text, micros

from .syncdriver import OPS, START, Machine, MachineFolder, SharedFolder

STRANGERS = ("00000000000000e1", "00000000000000e2")  # devices whose files only ever appear in the folder
BEGIN = micros(START.isoformat())
STAMP = "2026-11-20T10:00:00+00:00"
TABLES = ("people", "sessions", "goals", "actions", "reflections", "skills")
# (table, field, value): each breaks a rule every record follows
INVALID = (
    ("sessions", "date", "garbage"), ("sessions", "time", "99:99"), ("sessions", "created_at", "nope"),
    ("sessions", "notes", "x" * (10 * 1024 * 1024 + 1)), ("sessions", "tags", "abc"), ("sessions", "tags", [1, "a"]),
    ("sessions", "private", "yes"), ("people", "name", None), ("goals", "progress", -3), ("sessions", "confidence", 0),
    ("sessions", "title", {"a": 1}), ("people", "name", ["Anna"]), ("actions", "status", "maybe"),
    ("goals", "target", "2026-02-30"), ("reflections", "text", ""), ("skills", "kind", "talent"),
    ("actions", "due", "1899-12-31"), ("people", "role", 5), ("goals", "tags", ["two words"]),
)  # fmt: skip
NAMES = ("Anna", "anna", "Özlem", "ÖZLEM", "Ben")


class Interrupted(BaseException):
    """A sync cut short (Ctrl-C, a kill): the command's transaction rolls back."""


class Flaky:
    """A machine's view of the folder that interrupts the sync at its AFTER-th read or write."""

    def __init__(self, inner: MachineFolder, after: int, written_first: bool) -> None:
        self.inner, self.left, self.written_first = inner, after, written_first

    def _tick(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise Interrupted

    def devices(self) -> list[str]:
        return self.inner.devices()

    def files(self, device: str) -> list[tuple[int, str]]:
        return self.inner.files(device)

    def read(self, device: str, name: str) -> bytes:
        self._tick()
        return self.inner.read(device, name)

    def write_new(self, device: str, name: str, data: bytes) -> str:
        if not self.written_first:
            self._tick()
        path = self.inner.write_new(device, name, data)
        if self.written_first:
            self._tick()  # the file is out, the transaction is not committed yet
        return path

    def discard_new(self) -> None:
        self.inner.discard_new()


def record_of(table: str, uuid: str, number: int) -> dict[str, Any]:
    """A valid record of TABLE that needs no other record, as a change file carries it (no local id)."""
    fields: dict[str, dict[str, Any]] = {
        "people": {"name": NAMES[number % len(NAMES)], "role": "mentee", "cadence_days": None, "note": "",
                   "started": None, "ends": None, "agreement": "", "status": "active", "closed_at": None},
        "sessions": {"date": "2026-11-20", "time": "10:00", "title": f"Talk {number}", "notes": "about #scope",
                     "feedback": "", "confidence": 3, "next_date": None, "private": number % 2 == 0,
                     "person_uuid": None, "tags": ["scope"], "goal_uuids": []},
        "goals": {"title": f"Goal {number}", "description": "", "horizon": "short", "status": "active",
                  "progress": number % 101, "target": "2027-01-31", "achieved_at": None, "parent_uuid": None,
                  "person_uuid": None, "tags": []},
        "actions": {"text": f"do {number}", "due": "2026-12-04", "status": "open", "done_at": None,
                    "owner_uuid": None, "person_uuid": None, "session_uuid": None, "goal_uuid": None},
        "reflections": {"date": "2026-11-20", "text": f"learned {number}", "goal_uuid": None, "person_uuid": None,
                        "tags": []},
        "skills": {"name": f"Skill {number}", "kind": "growth", "description": "", "person_uuid": None,
                   "goal_uuids": []},
    }  # fmt: skip
    return {"uuid": uuid, "created_at": STAMP, "updated_at": STAMP, **fields[table]}


def file_bytes(
    device: str, seq: int, changes: list[tuple[str, str, str, dict[str, Any] | None]], **header: Any
) -> bytes:
    """A change file as any writer could make it: (table, uuid, wire clock, record) per change, ASCII JSON."""

    def line(data: dict[str, Any]) -> bytes:
        return (json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n").encode()

    head = {"format": "mentorlog-sync", "version": 1, "device": device, "seq": seq, "created_at": STAMP,
            "count": len(changes), **header}  # fmt: skip
    body = b"".join([line(head), *(line({"t": t, "u": u, "h": h, "r": r}) for t, u, h, r in changes)])
    return body + line({"end": len(changes), "sha256": hashlib.sha256(body).hexdigest()})


class Strangers:
    """What the untrusted devices put into the folder, and what the journals must therefore (not) hold."""

    def __init__(self, folder: SharedFolder) -> None:
        self.folder = folder
        self.seq = dict.fromkeys(STRANGERS, 0)
        self.valid: dict[tuple[str, str], tuple[int, int, dict[str, Any]]] = {}  # key -> its wall, counter, record
        self.invalid: set[str] = set()  # uuids that only files with a refused value carry
        self.refused: set[tuple[str, str]] = set()  # those files: (device, name)
        self.count = 0

    def _name(self, device: str, jump: bool) -> tuple[int, str]:
        self.seq[device] = 99_999_999 if jump and self.seq[device] < 99_999_999 else self.seq[device] + 1
        return self.seq[device], f"{self.seq[device]:08d}.jsonl"

    def put(self, kind: int, who: int, table: int, value: int, seconds: int, jump: bool) -> None:
        device = STRANGERS[who % len(STRANGERS)]
        self.count += 1
        wall = BEGIN + seconds * 1_000_000
        seq, name = self._name(device, jump)
        changes: list[tuple[str, str, str, dict[str, Any] | None]] = []
        header: dict[str, Any] = {}
        data: bytes | None = None
        if kind == 0 or (kind in (1, 2) and not self.valid):  # a new valid record
            chosen = TABLES[table % len(TABLES)]
            uuid = f"stranger-{self.count}"
            record = record_of(chosen, uuid, self.count)
            self.valid[(chosen, uuid)] = (wall, 0, record)
            changes.append((chosen, uuid, hlc_text(wall, 0, device), record))
        elif kind == 1:  # a valid edit of a stranger's record, newer than the one before
            key = sorted(self.valid)[value % len(self.valid)]
            old_wall, old_counter, record = self.valid[key]
            counter = old_counter + 1 if wall <= old_wall else 0
            wall = max(wall, old_wall)
            edited = {**record, **record_of(key[0], key[1], self.count + 1000)}
            self.valid[key] = (wall, counter, edited)
            changes.append((key[0], key[1], hlc_text(wall, counter, device), edited))
        elif kind == 2:  # a tombstone that names the wrong table for a valid record, with a newer clock
            table_name, uuid = sorted(self.valid)[value % len(self.valid)]
            other = next(t for t in TABLES if t != table_name)
            changes.append((other, uuid, hlc_text(wall + 10**6, 0, device), None))
        else:
            uuid = f"refused-{self.count}"
            self.invalid.add(uuid)
            companion = record_of("goals", f"refused-companion-{self.count}", self.count)
            self.invalid.add(companion["uuid"])
            changes.append(("goals", companion["uuid"], hlc_text(wall, 0, device), companion))
            if kind == 3:  # a value the rules refuse
                chosen, field, bad = INVALID[value % len(INVALID)]
                changes.append((chosen, uuid, hlc_text(wall, 1, device), {**record_of(chosen, uuid, 0), field: bad}))
            elif kind == 4:  # a clock from the far future
                future = micros("2199-01-01T00:00:00+00:00")
                changes.append(("goals", uuid, hlc_text(future, 0, device), record_of("goals", uuid, 0)))
            elif kind == 5:  # a header from a newer format, or without a valid version
                header["version"] = (2, 0, -3, "1")[value % 4]
            elif kind == 6:  # garbage, or a change that is not an object
                data = (b"\x00\xff garbage", b"", b'{"format": "mentorlog-sync"}\n')[value % 3]
            else:  # a header whose time is no timestamp
                header["created_at"] = "yesterday"
            self.refused.add((device, name))
        self.folder.files[(device, name)] = data if data is not None else file_bytes(device, seq, changes, **header)


STEP = st.tuples(
    st.integers(0, 24),  # 0-9 a command, 10-13 a sync, 14-16 an interrupted sync, 17-19 a file arrives,
    st.integers(0, 3),  # 20-23 a stranger's file appears, 24 time passes
    st.sampled_from(OPS),
    st.tuples(*[st.integers(0, 6)] * 3),
    st.sampled_from(["plan", "talk #growth", "écrire", "review"]),
    st.integers(0, 60),
    st.none() | st.integers(0, 3000),
    st.integers(1, 3600),
    st.booleans(),
)


def play(machines_count: int, steps: list[tuple[Any, ...]]) -> tuple[list[Machine], SharedFolder, Strangers]:
    folder = SharedFolder()
    skews = (timedelta(0), timedelta(minutes=2), timedelta(hours=-3), timedelta(seconds=-30))
    machines = [Machine(f"m{n}", folder, skews[n]) for n in range(machines_count)]
    strangers = Strangers(folder)
    for what, who, op, args, text, pick, cut, seconds, flag in steps:
        machine = machines[who % machines_count]
        if what < 10:
            machine.run(op, args, text)
        elif what < 14:
            machine.sync()
        elif what < 17:
            with contextlib.suppress(Interrupted):  # only the interruption itself may come out of it
                machine.sync(through=Flaky(machine.folder, pick % 7, flag))
        elif what < 20:
            folder.propagate(machine.name, pick, cut)
        elif what < 24:
            strangers.put(pick % 8, who, args[0], args[1] + pick, seconds, flag and pick % 5 == 0)
        else:
            for each in machines:
                each.world += timedelta(seconds=seconds)
    for _ in range(2):
        for machine in machines:
            folder.propagate_all()
            machine.sync()
    return machines, folder, strangers


def stored(machine: Machine) -> dict[str, list[dict[str, Any]]]:
    """Every record the journal holds, and each it keeps aside, as change files carry them."""
    found: dict[str, list[dict[str, Any]]] = {
        table: list(records.values()) for table, records in machine.dump().items()
    }
    for table, record in machine.db.execute("SELECT table_name, record FROM sync_pending"):
        found.setdefault(table, []).append(json.loads(record))
    return found


def check(machines: list[Machine], strangers: Strangers) -> None:
    dumps = [machine.dump() for machine in machines]
    for other in dumps[1:]:
        assert other == dumps[0]  # every journal the same
    held = {(table, uuid) for table, records in dumps[0].items() for uuid in records}
    waiting = {(table, uuid) for table, uuid in machines[0].db.execute("SELECT table_name, uuid FROM sync_pending")}
    removed = set().union(*(machine.removed for machine in machines))
    for key in strangers.valid:  # no valid record lost, none hidden
        assert key in held or key in waiting or key[1] in removed, key
    for machine in machines:
        for table, records in stored(machine).items():
            for record in records:  # no invalid value stored, and no record of a refused file
                check_record(table, record, f"{table} {record.get('uuid')}", local_id=False)
                assert record["uuid"] not in strangers.invalid
        again = machine.sync()
        assert (again.sent, again.changed, again.deleted) == (0, 0, 0)
        assert {(skipped.device, skipped.name) for skipped in again.skipped} == strangers.refused  # each named
    assert machines[0].dump() == dumps[0]


def examples(default: int) -> int:
    return int(os.environ.get("MENTORLOG_HOSTILE_EXAMPLES", default))


SETTINGS: dict[str, Any] = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow,
                                                                        HealthCheck.data_too_large]}  # fmt: skip


@settings(max_examples=examples(40), **SETTINGS)
@given(machines=st.integers(2, 4), steps=st.lists(STEP, min_size=5, max_size=40))
def test_journals_converge_through_a_hostile_folder_and_keep_every_valid_change(
    machines: int, steps: list[tuple[Any, ...]]
) -> None:
    found, _folder, strangers = play(machines, steps)
    check(found, strangers)


@pytest.mark.slow
@settings(max_examples=examples(600), **SETTINGS)
@given(machines=st.integers(2, 4), steps=st.lists(STEP, min_size=20, max_size=90))
def test_journals_converge_through_a_hostile_folder_over_many_histories(
    machines: int, steps: list[tuple[Any, ...]]
) -> None:
    found, _folder, strangers = play(machines, steps)
    check(found, strangers)
