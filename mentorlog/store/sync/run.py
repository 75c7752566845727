"""Sync through a folder that something else replicates (docs/sync.md): this device's changes out, every other
device's changes in, in one transaction.

What changed here since the last sync comes from the change log that `undo` keeps (and the commands that
`undo` reverted since, so an undo travels too): every record touched is sent whole as it is now, or as a
tombstone when it is gone. The first sync sends every record (a snapshot), stamped with its `updated_at`, so
two journals that were copies of each other merge like an import: the newer version of each record wins.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Iterator
from datetime import timedelta
from functools import cached_property
from typing import Any

import msgspec

from mentorlog.base.errors import UsageError
from mentorlog.store import tables
from mentorlog.store.base import Repo
from mentorlog.store.dump.write import GOAL_LINKS, TAGGED
from mentorlog.store.sync.apply import Conflict, LoopCut, Revived, State, SyncApplyRepo, checked
from mentorlog.store.sync.files import (
    AHEAD,
    Change,
    ChangeFileCodec,
    DamagedFile,
    HybridClock,
    NewerFormat,
    RefusedFile,
    SyncFolder,
    chunks,
    decode,
    encode,
    file_name,
    hlc_text,
    micros,
)

TABLES = tuple(table.name for table in tables.synced())
# link table -> (owner table, owner column): a change of a link row is a change of its owner record
LINK_OWNERS = {link: (table, column) for table, (link, column) in [*TAGGED.items(), *GOAL_LINKS.items()]}


class Skipped(msgspec.Struct, frozen=True):
    device: str
    name: str
    reason: str
    newer: bool = False
    refused: bool = False  # its values break the rules every record follows: it is refused at every sync


class SyncReport(msgspec.Struct):
    device: str
    first: bool = False
    snapshot: bool = False  # the whole journal was sent: the first sync, or a folder without this device's newest file
    sent: int = 0
    written: list[str] = msgspec.field(default_factory=list)
    received: int = 0
    files_applied: int = 0
    devices_applied: set[str] = msgspec.field(default_factory=set)
    changed: int = 0
    deleted: int = 0
    loops: list[LoopCut] = msgspec.field(default_factory=list)
    conflicts: list[Conflict] = msgspec.field(default_factory=list)
    revived: list[Revived] = msgspec.field(default_factory=list)
    skipped: list[Skipped] = msgspec.field(default_factory=list)
    tell_plain: bool = False


class DeviceStatus(msgspec.Struct, frozen=True):
    device: str
    this: bool
    files: int
    applied: int
    last_file_at: str | None


class SyncStatus(msgspec.Struct, frozen=True):
    device: str | None
    enabled_at: str | None
    last_sync: str | None
    unsent: int
    devices: list[DeviceStatus]


class SyncRepo(Repo):
    @cached_property
    def incoming(self) -> SyncApplyRepo:
        """Applying the changes that came from other devices (and this one's, brought back)."""
        return SyncApplyRepo(self.journal)

    # state ----------------------------------------------------------------------------------------

    def sync_state(self) -> dict[str, Any] | None:
        return self.row("SELECT * FROM sync_state")

    def _enable_sync(self) -> dict[str, Any]:
        device = uuidlib.uuid4().hex[:16]
        self.db.execute(
            "INSERT INTO sync_state (id, device, clock, sent_change, sent_undo, enabled_at) VALUES (1, ?, ?, 0, 0, ?)",
            [device, HybridClock().text(), self.now()],
        )
        return self.sync_state() or {}

    # the whole command ----------------------------------------------------------------------------

    def sync_through(self, folder: SyncFolder, codec: ChangeFileCodec) -> SyncReport:
        """Send this device's changes to FOLDER, then apply every other device's files not applied yet."""
        first = self.sync_state() is None
        try:
            return self._sync_through(folder, codec)
        except BaseException:
            if first:  # the device id goes with the rollback: its files would be a device that never was
                folder.discard_new()
            raise

    def _sync_through(self, folder: SyncFolder, codec: ChangeFileCodec) -> SyncReport:
        state = self.sync_state()
        first = state is None
        state = self._enable_sync() if state is None else state
        device = str(state["device"])
        report = SyncReport(device, first=first, tell_plain=not codec.encrypted and not state["plain_told"])
        clock = HybridClock.parse(state["clock"])
        keys = {row["device"]: row["secret"] for row in self.rows("SELECT device, secret FROM sync_keys")}
        known = dict(keys)
        codec.prepare(folder, device, keys)
        own_files = folder.files(device)
        for seq, name in own_files:  # files written by a sync that was then rolled back: never reuse their clock
            if not self._file_applied(device, seq):
                self._observe_file(folder, device, seq, name, clock, codec)
        changes = self._snapshot(device, clock) if first else self._local_changes(state, device, clock)
        if not first and self._folder_lacks_what_we_hold(folder, device):  # a new (or emptied) folder: everything
            changes += self._resend_all(device, clock, {(change.table, change.uuid) for change in changes})
            report.snapshot = True
        report.snapshot = report.snapshot or first
        seq = max([int(self.scalar("SELECT max(seq) FROM sync_files WHERE device = ?", [device]) or 0)]
                  + [number for number, _ in own_files])  # fmt: skip
        seq = self._send(folder, codec, device, seq, changes, report)
        undone = int(self.scalar("SELECT coalesce(max(id), 0) FROM sync_undone"))
        brought_back = self._receive(folder, codec, device, clock, report)
        self._send(folder, codec, device, seq, brought_back, report)
        self.db.executemany(
            "INSERT OR REPLACE INTO sync_keys (device, secret) VALUES (?, ?)",
            [(name, secret) for name, secret in keys.items() if known.get(name) != secret],
        )
        wrapped = self.scalar("SELECT wrapped FROM sync_keys WHERE device = ?", [device])
        rewrapped = codec.rewrap(device, wrapped)  # after `passphrase`: this device's key.age wrapped again
        if rewrapped != wrapped:
            self.db.execute("UPDATE sync_keys SET wrapped = ? WHERE device = ?", [rewrapped, device])
        if not report.files_applied and report.sent and self.scalar("SELECT 1 FROM sync_pending LIMIT 1"):
            applied = self.incoming.apply_changes([], local_device=device, stamp=self._stamper(clock, device))
            self._send(folder, codec, device, seq, applied.send, report)  # a record brought back here completes others
            report.revived += applied.revived
        self.db.execute(
            "UPDATE sync_state SET clock = ?, sent_change = ?, sent_undo = ?, plain_told = ?, last_sync = ?",
            [clock.text(), self._sent_watermark(), undone, int(bool(state["plain_told"]) or not codec.encrypted),
             self.now()],
        )  # fmt: skip
        return report

    def _send(
        self,
        folder: SyncFolder,
        codec: ChangeFileCodec,
        device: str,
        seq: int,
        changes: list[Change],
        report: SyncReport,
    ) -> int:
        """Write CHANGES to new files after file SEQ; the last file's number."""
        for part in chunks(changes):
            seq += 1
            stamp = self.now()
            name = file_name(seq, codec)
            report.written.append(folder.write_new(device, name, codec.seal(encode(device, seq, stamp, part), device)))
            self._record_file(device, seq, stamp, len(part))
        report.sent += len(changes)
        return seq

    def _stamper(self, clock: HybridClock, device: str) -> Callable[[], str]:
        """This machine's clock, for the changes it makes while applying (records it brings back)."""

        def stamp() -> str:
            return hlc_text(*clock.issue(micros(self.now())), device)

        return stamp

    def _folder_lacks_what_we_hold(self, folder: SyncFolder, device: str) -> bool:
        """Whether FOLDER misses this device's newest file or a file applied here since (a new, empty folder; one
        that was emptied; the folder used before another one): then it gets the whole journal. What was sent is
        tracked per folder by the folder itself, so a folder moved, renamed or cloned elsewhere needs nothing more.
        """
        present = {(name, seq) for name in folder.devices() for seq, _file in folder.files(name)}
        since = self.scalar("SELECT max(rowid) FROM sync_files WHERE device = ?", [device]) or 0
        held = self.db.execute("SELECT device, seq FROM sync_files WHERE rowid >= ?", [since])
        return any(tuple(row) not in present for row in held)

    def _resend_all(self, device: str, clock: HybridClock, already: set[tuple[str, str]]) -> list[Change]:
        """Every record as sync knows it, for a folder that lacks it: the snapshot (merged content with the clock of
        each field, tombstones with the record they went with; a record never synced stamped as the first sync
        stamps it), the records kept aside as they wait and the deletions sync learnt elsewhere: all but ALREADY
        (this sync's own changes)."""
        changes = [change for change in self._snapshot(device, clock) if (change.table, change.uuid) not in already]
        present = already | {(change.table, change.uuid) for change in changes}
        rest = [(row[0], row[1]) for row in self.db.execute("SELECT table_name, uuid FROM sync_records")]
        known = self.incoming.states(sorted(key for key in rest if key not in present and key[0] in TABLES))
        for (table, uuid), merged in sorted(known.items()):
            if merged.deleted:
                changes.append(Change(table, uuid, merged.hlc, None, with_=merged.with_))
            elif merged.record is not None:
                fields = {name: str(clocks[0]) for name, clocks in merged.stamps.items()}
                changes.append(Change(table, uuid, merged.hlc, dict(merged.record), fields))
        return changes

    def _sent_watermark(self) -> int:
        """The newest change id sent: every change so far, this sync's own one included (what it applied came
        from elsewhere) unless it stays empty, for then its id is used again by the next command."""
        current = self.scalar("SELECT current FROM change_state")
        if current is not None and not self.scalar("SELECT 1 FROM change_rows WHERE change_id = ?", [current]):
            return int(current) - 1
        return int(self.scalar("SELECT coalesce(max(id), 0) FROM changes"))

    def _receive(
        self, folder: SyncFolder, codec: ChangeFileCodec, device: str, clock: HybridClock, report: SyncReport
    ) -> list[Change]:
        """Apply every other device's file not applied yet; the changes this machine made doing so (to send)."""
        own: dict[tuple[str, str], Change] = {}
        done = {(row[0], row[1]) for row in self.db.execute("SELECT device, seq FROM sync_files")}
        latest = self._latest_clock()
        for other in folder.devices():
            for seq, name in folder.files(other):
                if (other, seq) in done:
                    continue
                try:
                    data = codec.unseal(folder.read(other, name), other)
                    found = decode(data, device=other, seq=seq, tables=TABLES, latest=latest)
                except NewerFormat as exc:
                    report.skipped.append(Skipped(other, name, str(exc), newer=True))
                    continue
                except RefusedFile as exc:
                    report.skipped.append(Skipped(other, name, str(exc), refused=True))
                    continue
                except (DamagedFile, OSError) as exc:
                    report.skipped.append(Skipped(other, name, str(exc)))
                    continue
                try:  # the checks import makes: a file with one value they refuse is not applied at all
                    changes = checked(found.changes)
                except UsageError as exc:
                    report.skipped.append(Skipped(other, name, exc.message, refused=True))
                    continue
                for change in changes:
                    clock.observe(change.hlc)
                self.db.execute("SAVEPOINT sync_file")
                try:
                    applied = self.incoming.apply_changes(
                        changes, local_device=device, stamp=self._stamper(clock, device)
                    )
                except sqlite3.IntegrityError as exc:  # values this journal's rules refuse: none of the file
                    self.db.execute("ROLLBACK TO sync_file")
                    self.db.execute("RELEASE sync_file")
                    report.skipped.append(Skipped(other, name, f"its changes do not fit this journal ({exc})"))
                    continue
                self.db.execute("RELEASE sync_file")
                report.received += len(found.changes)
                report.changed += applied.changed
                report.deleted += applied.deleted
                report.loops += applied.loops
                report.conflicts += applied.conflicts
                report.revived += applied.revived
                own.update({(change.table, change.uuid): change for change in applied.send})
                report.files_applied += 1
                report.devices_applied.add(other)  # this device's own files too (a journal restored from a backup)
                self._record_file(other, seq, found.created_at, len(found.changes))
        return list(own.values())

    def _observe_file(
        self, folder: SyncFolder, device: str, seq: int, name: str, clock: HybridClock, codec: ChangeFileCodec
    ) -> None:
        try:
            data = codec.unseal(folder.read(device, name), device)
            found = decode(data, device=device, seq=seq, tables=TABLES, latest=self._latest_clock())
        except (DamagedFile, RefusedFile, NewerFormat, OSError):
            return
        for change in found.changes:
            clock.observe(change.hlc)

    def _latest_clock(self) -> int:
        """The newest clock wall time a change may carry: a day after this machine's now (a clock from further
        ahead is refused, never adopted, so it cannot hold every later edit back)."""
        return micros(self.now()) + AHEAD // timedelta(microseconds=1)

    def _file_applied(self, device: str, seq: int) -> bool:
        return self.scalar("SELECT 1 FROM sync_files WHERE device = ? AND seq = ?", [device, seq]) is not None

    def _record_file(self, device: str, seq: int, created_at: str, count: int) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO sync_files (device, seq, created_at, applied_at, changes) VALUES (?, ?, ?, ?, ?)",
            [device, seq, created_at, self.now(), count],
        )

    # what to send -----------------------------------------------------------------------------------

    def _snapshot(self, device: str, clock: HybridClock) -> list[Change]:
        """Every record as it is (stamped with its updated_at), and a tombstone for each deletion in the change log.
        A record that sync knows already (a snapshot into a new folder) is sent as sync knows it: its merged content
        with the clock of each field, or its tombstone."""
        changes: list[Change] = []
        states: dict[tuple[str, str], State] = {}
        row_ids: dict[tuple[str, str], int | None] = {}
        for table, records in self.journal.dump.dump_tables(include_private=True):
            for record in records:
                row_ids[(table, record["uuid"])] = record.pop("id")
                if "goal_uuids" in record:
                    record["goal_uuids"] = sorted(record["goal_uuids"])
                stamp = hlc_text(micros(record["updated_at"]), 0, device)
                fields = {name: stamp for name in record if name != "uuid"}
                changes.append(Change(table, record["uuid"], stamp, record, fields))
                states[(table, record["uuid"])] = State(
                    table, record, {name: [stamp, None] for name in fields}, stamp, False
                )
        for row in self.rows(
            "SELECT r.table_name, r.old, c.created_at FROM change_rows r JOIN changes c ON c.id = r.change_id "
            "WHERE r.op = 'delete' AND c.undone_at IS NULL ORDER BY r.id"
        ):
            if row["table_name"] in TABLES:
                uuid = json.loads(row["old"])["uuid"]
                if (row["table_name"], uuid) not in states:
                    stamp = hlc_text(micros(row["created_at"]), 0, device)
                    changes.append(Change(row["table_name"], uuid, stamp, None))
                    states[(row["table_name"], uuid)] = State(row["table_name"], None, {}, stamp, True)
        if self.scalar("SELECT 1 FROM sync_records LIMIT 1"):  # sync was on: what it knows is sent as it knows it
            known = self.incoming.states(list(states))
            for number, change in enumerate(changes):
                merged = known.get((change.table, change.uuid))
                if merged is None or (merged.record is None and not merged.deleted):
                    continue
                fields = {name: str(clocks[0]) for name, clocks in merged.stamps.items()}
                changes[number] = (
                    Change(change.table, change.uuid, merged.hlc, None, with_=merged.with_)
                    if merged.deleted
                    else Change(change.table, change.uuid, merged.hlc, dict(merged.record or {}), fields)
                )
                del states[(change.table, change.uuid)]
        for change in changes:
            clock.observe(change.hlc)
        self.incoming.save_states(states, row_ids)
        return changes

    def _local_changes(self, state: dict[str, Any], device: str, clock: HybridClock) -> list[Change]:
        """The records changed here since the last sync, each with the fields that changed (stamped now) and the
        clocks of the others; a tombstone for each one deleted (naming the record it was deleted with)."""
        touched = self.touched_since(state)
        present: dict[str, dict[str, int]] = {table: {} for table in TABLES}
        for (table, uuid), _when in touched.items():
            found = self.incoming.local_id(table, uuid)
            if found is not None:
                present[table][uuid] = found
        records: dict[tuple[str, str], dict[str, Any]] = {}
        for table, ids in present.items():
            for record in self.journal.dump.dump_records(table, list(ids.values())) if ids else []:
                record.pop("id")
                if "goal_uuids" in record:
                    record["goal_uuids"] = sorted(record["goal_uuids"])
                records[(table, record["uuid"])] = record
        known = self.incoming.states(sorted(touched))
        gone_here = {key for key in touched if key not in records}
        deleted_with = self._deleted_with(state) if gone_here else {}
        changes: list[Change] = []
        sent: dict[tuple[str, str], State] = {}
        row_ids: dict[tuple[str, str], int | None] = {}
        order = sorted(touched.items(), key=lambda item: (item[1], TABLES.index(item[0][0]), item[0][1]))
        for (table, uuid), when in order:
            now = records.get((table, uuid))
            merged = known.get((table, uuid))
            if now is None:
                if merged is not None and merged.deleted:
                    continue
                wall, counter = clock.issue(when)
                stamp = hlc_text(wall, counter, device)
                parent = deleted_with.get((table, uuid))
                changes.append(Change(table, uuid, stamp, None, with_=parent))
                if merged is None:
                    merged = State(table, None, {}, stamp, True)
                merged.hlc, merged.deleted, merged.with_ = stamp, True, parent
                sent[(table, uuid)] = merged
                continue
            made = self.incoming.local_edits(table, uuid, now, merged, gone_here)
            if merged is not None and merged.record is not None and not (merged.deleted or made or merged.legacy):
                continue  # touched, but as sync last left it (a change undone before it was sent)
            wall, counter = clock.issue(when)
            stamp = hlc_text(wall, counter, device)
            if merged is None or merged.record is None or merged.legacy:
                # new to sync; or known from before field merge, when what it last sent was not kept: sent
                # whole, as then (no field counts as a conflict: what each replaced is not known)
                replaced: dict[str, str | None] = {name: None for name in now if name != "uuid"}
                merged = State(table, dict(now), {name: [stamp, None] for name in replaced}, stamp, False)
            else:
                replaced = {}
                for name, value in made.items():
                    replaced[name] = (merged.stamps.get(name) or [None])[0]
                    merged.record[name] = value
                    merged.stamps[name] = [stamp, replaced[name]]
                merged.hlc, merged.deleted, merged.with_ = stamp, False, None
            fields = {name: str(clocks[0]) for name, clocks in merged.stamps.items()}
            changes.append(Change(table, uuid, stamp, dict(merged.record or {}), fields, replaced))
            sent[(table, uuid)] = merged
            row_ids[(table, uuid)] = present[table].get(uuid)
        self.incoming.save_states(sent, row_ids)
        return changes

    def _deleted_with(self, state: dict[str, Any]) -> dict[tuple[str, str], str]:
        """(table, uuid) of a record deleted here since the last sync -> the record it was deleted with: one it refers
        to, deleted by the same command (a goal's progress updates, a session's action items, a person's topics)."""
        by_change: dict[int, list[tuple[str, dict[str, Any]]]] = {}
        for row in self.rows(
            "SELECT r.change_id, r.table_name, r.old FROM change_rows r JOIN changes c ON c.id = r.change_id "
            "WHERE r.op = 'delete' AND c.id > ? AND c.undone_at IS NULL",
            [state["sent_change"]],
        ):
            if row["table_name"] in TABLES and row["old"]:
                by_change.setdefault(row["change_id"], []).append((row["table_name"], json.loads(row["old"])))
        found: dict[tuple[str, str], str] = {}
        for deleted in by_change.values():
            ids = {(table, old.get("id")): str(old.get("uuid")) for table, old in deleted}
            for table, old in deleted:
                for parent in tables.table(table).parents:
                    parent_uuid = ids.get((parent.table, old.get(parent.column)))
                    if parent_uuid is not None and parent_uuid != old.get("uuid"):
                        found.setdefault((table, str(old.get("uuid"))), parent_uuid)
        return found

    def touched_since(self, state: dict[str, Any]) -> dict[tuple[str, str], int]:
        """(table, uuid) of every record changed or undone here since the last sync -> when (microseconds)."""
        when: dict[int, int] = {}
        for row in self.rows(
            "SELECT id, created_at FROM changes WHERE id > ? UNION ALL "
            "SELECT c.id, c.undone_at FROM sync_undone u JOIN changes c ON c.id = u.change_id "
            "WHERE u.id > ? AND c.undone_at IS NOT NULL",
            [state["sent_change"], state["sent_undo"]],
        ):
            when[row["id"]] = max(when.get(row["id"], 0), micros(row["created_at"]))
        touched: dict[tuple[str, str], int] = {}
        for change_id, table, op, row_id, old in self._change_rows(list(when)):
            for key in self._records_of(table, op, row_id, old):
                touched[key] = max(touched.get(key, 0), when[change_id])
        return touched

    def _change_rows(self, change_ids: list[int]) -> Iterator[tuple[int, str, str, int, str | None]]:
        for start in range(0, len(change_ids), 5000):
            chunk = change_ids[start : start + 5000]
            marks = ", ".join("?" for _ in chunk)
            yield from self.db.execute(
                f"SELECT change_id, table_name, op, row_id, old FROM change_rows WHERE change_id IN ({marks})", chunk
            )

    def _records_of(self, table: str, op: str, row_id: int, old: str | None) -> set[tuple[str, str]]:
        """The records a logged row change belongs to: by the row now, its old values, and what sync last knew."""
        values = json.loads(old) if old else {}
        if table in LINK_OWNERS:
            owner, column = LINK_OWNERS[table]
            owner_id = values.get(column)
            if owner_id is None:
                owner_id = self.scalar(f"SELECT {column} FROM {table} WHERE rowid = ?", [row_id])
            return set() if owner_id is None else self._records_of(owner, "update", int(owner_id), None)
        if table not in TABLES:
            return set()
        found = {(table, str(values["uuid"]))} if "uuid" in values else set()
        current = self.scalar(f"SELECT uuid FROM {table} WHERE id = ?", [row_id])
        if current is not None:
            found.add((table, str(current)))
        for row in self.rows("SELECT uuid FROM sync_records WHERE table_name = ? AND row_id = ?", [table, row_id]):
            found.add((table, row["uuid"]))
        return found

    # status -----------------------------------------------------------------------------------------

    def sync_status(self, folder: SyncFolder | None) -> SyncStatus:
        state = self.sync_state()
        applied = {
            row["device"]: row
            for row in self.rows("SELECT device, count(*) AS files, max(created_at) AS last FROM sync_files GROUP BY 1")
        }
        device = state["device"] if state else None
        names = set(applied) | set(folder.devices() if folder is not None else [])
        devices = [
            DeviceStatus(
                name,
                name == device,
                len(folder.files(name)) if folder is not None else int(applied.get(name, {}).get("files", 0)),
                int(applied[name]["files"]) if name in applied else 0,
                applied[name]["last"] if name in applied else None,
            )
            for name in sorted(names, key=lambda n: (n != device, n))
        ]
        unsent = self.journal.dump.record_count(TABLES) if state is None else len(self.touched_since(state))
        return SyncStatus(
            device, state["enabled_at"] if state else None, state["last_sync"] if state else None, unsent, devices
        )
