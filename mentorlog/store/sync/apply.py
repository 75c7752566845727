"""Applying changes from other devices: per field of a record the change with the newest hybrid logical clock
wins (then the device id, the clock's last part).

Each record's merged content is kept in `sync_records` with the clock of every field and of the value each
field's change replaced. Two changes of one field made without seeing each other (the replaced value of the one
is older than the other) are a conflict: the loser's value is kept in `sync_conflicts` and `sync` says so.
What the journal shows is a function of the merged changes, whatever order they came in:
- a record whose newest change is a deletion (a tombstone) is absent; its content is kept, so a later change
  of any field brings it back whole, with the records deleted with it (a goal's progress updates);
- a deleted record that a record changed elsewhere still refers to (a session added for a person deleted
  meanwhile) comes back: this machine stamps that as a change of its own and sends it, so it stays;
- a reference to an absent record is left empty (the record keeps it aside, in `sync_pending`, and gets it back
  when the referenced record comes back); a record that cannot exist without it (a progress update without its
  goal, a topic without its person) is absent until then;
- goal-parent links that form a loop are cut at the older link (the goal whose newest change is older);
- two people with one name (the names are unique): the newer one is shown as "Name (uuid prefix)".
Rows are only rewritten where they differ, so applying the same changes again changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import msgspec

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.core import validate
from mentorlog.store import tables
from mentorlog.store.base import Repo
from mentorlog.store.dump.write import GOAL_LINKS, REFERENCES, TAGGED
from mentorlog.store.sync.files import Change

ORDER = [table.name for table in tables.synced()]
Key = tuple[str, str]  # a record as sync names it: (table, uuid)
# References that may be empty but whose loss would change what a record says (an empty rater is "me", an empty
# owner of a skill makes it mine): while the referenced record is absent, the record waits, as with NOT NULL ones.
NEEDED = {(table.name, parent.column) for table in tables.synced() for parent in table.parents if parent.waits}


class Entry(msgspec.Struct):
    """A record being settled: its winning content, and whether the row shows all of it."""

    table: str
    record: dict[str, Any]
    complete: bool = True


class LoopCut(msgspec.Struct, frozen=True):
    goal_id: int
    goal_title: str
    parent_id: int
    parent_title: str


class Conflict(msgspec.Struct, frozen=True):
    """A field two machines changed without seeing each other: the value kept and the one set aside."""

    table: str
    uuid: str
    field: str
    kept: Any
    kept_hlc: str
    set_aside: Any
    set_aside_hlc: str


class Revived(msgspec.Struct):
    """A deleted record brought back: by records that refer to it (table -> how many), or with its own later
    change; WITH counts the records deleted with it that came back too (table -> how many)."""

    table: str
    uuid: str
    referred: dict[str, int] = msgspec.field(default_factory=dict)
    with_: dict[str, int] = msgspec.field(default_factory=dict)
    stayed: bool = False  # it was not deleted here: only what was deleted with it elsewhere came back
    here: bool = False  # the deletion was made on this machine


class Applied(msgspec.Struct):
    changed: int = 0
    deleted: int = 0
    loops: list[LoopCut] = msgspec.field(default_factory=list)
    conflicts: list[Conflict] = msgspec.field(default_factory=list)
    revived: list[Revived] = msgspec.field(default_factory=list)
    send: list[Change] = msgspec.field(default_factory=list)  # this machine's own changes: records it brought back


class State(msgspec.Struct):
    """A record's merged state: its content (None: only its deletion is known), each field's [clock, clock of the
    value it replaced], its newest clock, whether that is a deletion, and the record a deletion went with."""

    table: str
    record: dict[str, Any] | None
    stamps: dict[str, list[str | None]]
    hlc: str
    deleted: bool
    with_: str | None = None
    was_deleted: bool | None = None  # before this step (None: not known before)
    legacy: bool = False  # known from before field merge: its content was read from the journal as it is now


SILENT = {"updated_at", "created_at"}  # merged per field too, but never a conflict (every edit changes updated_at)


def comparable(value: Any) -> Any:
    return sorted(value) if isinstance(value, list) else value


def _by_table(keys: list[Key], size: int = 5000) -> list[tuple[str, list[str]]]:
    """KEYS as (table, uuids) in chunks of at most SIZE, for `table_name = ? AND uuid IN (...)`."""
    grouped: dict[str, list[str]] = {}
    for table, uuid in keys:
        grouped.setdefault(table, []).append(uuid)
    return [(table, uuids[start : start + size]) for table, uuids in grouped.items()
            for start in range(0, len(uuids), size)]  # fmt: skip


def references_of(table: str, record: dict[str, Any]) -> list[tuple[str, str]]:
    """(table, uuid) of every record RECORD refers to, linked goals included."""
    found = [(target, record[key]) for _column, (target, key) in REFERENCES[table].items() if record.get(key)]
    found += [("goals", goal) for goal in record.get("goal_uuids") or []]
    return found


def content_key(record: dict[str, Any]) -> dict[str, Any]:
    """A record as compared: no local id, links as sets."""
    key = {name: value for name, value in record.items() if name != "id"}
    for name in ("tags", "goal_uuids"):
        if name in key:
            key[name] = sorted(key[name] or [])
    return key


def checked(changes: list[Change]) -> list[Change]:
    """CHANGES with every record through the checks `import` makes (core.validate, by the dump's field rules),
    as the clean values import would store; UsageError names the first change and field that fails them."""
    from mentorlog.store.dump.schema import check_record

    clean: list[Change] = []
    names: dict[str, str] = {}  # one device's people have distinct names: a file with two alike is not its own
    for change in changes:
        try:
            validate.uuid(change.uuid)
        except validate.Invalid as exc:
            raise UsageError(_("a change of {table}: uuid {exc}").format(table=change.table, exc=exc)) from None
        if change.record is None:
            clean.append(change)
            continue
        where = f"{change.table} {change.uuid}"
        record = check_record(change.table, change.record, where, local_id=False)
        if change.table == "people":
            other = names.setdefault(validate.name_key(record["name"]), change.uuid)
            if other != change.uuid:
                raise UsageError(
                    _("{where}: name {name!r} is also the name of {other} in the same file").format(
                        where=where, name=record["name"], other=other
                    )
                )
        fields = None if change.fields is None else {name: change.fields.get(name, change.hlc) for name in record}
        clean.append(Change(change.table, change.uuid, change.hlc, record, fields, change.made, change.with_))
    return clean


class SyncApplyRepo(Repo):
    local_device: str = ""
    _deleted_here: dict[Key, bool] = {}  # noqa: RUF012 (set per step)

    def _not_null(self, table: str) -> dict[str, bool]:
        """Column -> NOT NULL, for every column of TABLE (read once per journal object)."""
        cache: dict[str, dict[str, bool]] = self.__dict__.setdefault("_not_null_cache", {})
        if table not in cache:
            cache[table] = {row["name"]: bool(row["notnull"]) for row in self.rows(f"PRAGMA table_info({table})")}
        return cache[table]

    def _defaults(self, table: str) -> dict[str, Any]:
        """Column -> its default, for the columns of TABLE that have one (a record may leave them out, as in a dump)."""
        cache: dict[str, dict[str, Any]] = self.__dict__.setdefault("_defaults_cache", {})
        if table not in cache:
            cache[table] = {
                row["name"]: self.scalar(f"SELECT {row['dflt_value']}")
                for row in self.rows(f"PRAGMA table_info({table})")
                if row["dflt_value"] is not None
            }
        return cache[table]

    def local_id(self, table: str, uuid: str) -> int | None:
        found = self.scalar(f"SELECT id FROM {table} WHERE uuid = ?", [uuid])
        return None if found is None else int(found)

    def is_deleted(self, table: str, uuid: str) -> bool:
        return bool(self.scalar("SELECT deleted FROM sync_records WHERE table_name = ? AND uuid = ?", [table, uuid]))

    def serialise(self, table: str, row_id: int) -> dict[str, Any]:
        record = self.journal.dump.dump_records(table, [row_id])[0]
        record.pop("id", None)
        if "goal_uuids" in record:
            record["goal_uuids"] = sorted(record["goal_uuids"])
        return record

    # merged states ------------------------------------------------------------------------------------

    def states(self, keys: list[Key]) -> dict[Key, State]:
        """The merged state of each of KEYS (table, uuid) that sync knows (one from before field merge: every field
        has the record's clock, its content is what the journal shows or keeps aside)."""
        found: dict[Key, State] = {}
        for table, chunk in _by_table(keys):
            marks = ", ".join("?" for _ in chunk)
            for row in self.rows(
                "SELECT s.*, p.record AS pending FROM sync_records s LEFT JOIN sync_pending p "
                f"USING (table_name, uuid) WHERE s.table_name = ? AND s.uuid IN ({marks})",
                [table, *chunk],
            ):
                record = json.loads(row["record"]) if row["record"] else None
                stamps = json.loads(row["stamps"]) if row["stamps"] else None
                if record is None and not row["deleted"]:
                    if row["pending"]:
                        record = json.loads(row["pending"])
                    else:
                        found_id = self.local_id(row["table_name"], row["uuid"])
                        record = None if found_id is None else self.serialise(row["table_name"], found_id)
                if stamps is None:
                    stamps = {name: [row["hlc"], None] for name in record or {} if name != "uuid"}
                found[(row["table_name"], row["uuid"])] = State(
                    row["table_name"],
                    record,
                    stamps,
                    row["hlc"],
                    bool(row["deleted"]),
                    row["with_parent"],
                    bool(row["deleted"]),
                    legacy=not row["record"],
                )
        return found

    def save_states(self, states: dict[Key, State], row_ids: dict[Key, int | None] | None = None) -> None:
        ids = row_ids or {}
        self.db.executemany(
            "INSERT INTO sync_records (uuid, table_name, hlc, deleted, row_id, record, stamps, with_parent) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (table_name, uuid) DO UPDATE SET "
            "hlc = excluded.hlc, deleted = excluded.deleted, row_id = coalesce(excluded.row_id, sync_records.row_id), "
            "record = excluded.record, stamps = excluded.stamps, with_parent = excluded.with_parent",
            [
                (uuid, table, state.hlc, int(state.deleted), ids.get((table, uuid)),
                 None if state.record is None else msgspec.json.encode(state.record, order="sorted").decode(),
                 self._stamps_text(state), state.with_)
                for (table, uuid), state in states.items()
            ],
        )  # fmt: skip

    @staticmethod
    def _stamps_text(state: State) -> str | None:
        """The field clocks as stored: none when every field has the record's clock and replaced nothing known
        (a snapshot, a record as it came), which is what `states` reads a missing value as."""
        if (
            all(clocks == [state.hlc, None] for clocks in state.stamps.values())
            and state.record is not None
            and (set(state.stamps) == {name for name in state.record if name != "uuid"})
        ):
            return None
        return msgspec.json.encode(state.stamps, order="sorted").decode()

    def fold(self, states: dict[Key, State], change: Change, conflicts: list[Conflict]) -> None:
        """Merge CHANGE into the state of its record: the newer clock wins per field, a deletion per record."""
        key = (change.table, change.uuid)
        state = states.get(key)
        if change.record is None:
            if state is None:
                states[key] = State(change.table, None, {}, change.hlc, True, change.with_)
            elif change.hlc > state.hlc:
                state.hlc, state.deleted, state.with_ = change.hlc, True, change.with_
            return
        clocks = change.fields or {}
        incoming = {name: [clocks.get(name, change.hlc), (change.made or {}).get(name)]
                    for name in change.record if name != "uuid"}  # fmt: skip
        if state is None or state.record is None:
            newer = state is None or change.hlc > state.hlc
            states[key] = State(
                change.table, dict(change.record), incoming,
                change.hlc if newer else state.hlc,  # type: ignore[union-attr]
                not newer, None if newer else state.with_,  # type: ignore[union-attr]
                None if state is None else state.was_deleted,
            )  # fmt: skip
            return
        record = state.record
        for name, (clock, replaced) in incoming.items():
            mine, mine_replaced = (state.stamps.get(name) or ["", None])[:2]
            if clock == mine:
                continue
            theirs, ours = change.record.get(name), record.get(name)
            differ = comparable(theirs) != comparable(ours) and name not in SILENT and not state.deleted
            if str(clock) > str(mine):
                # theirs wins; a conflict when it replaced a value older than ours: it never saw ours
                if (
                    differ
                    and change.made is not None
                    and name in change.made
                    and replaced is not None
                    and (str(replaced) < str(mine))
                ):
                    conflicts.append(Conflict(change.table, change.uuid, name, theirs, str(clock), ours, str(mine)))
                record[name] = theirs
                state.stamps[name] = [clock, replaced]
            elif (
                differ
                and change.made is not None
                and name in change.made
                and mine_replaced is not None
                and (str(mine_replaced) < str(clock))
            ):  # ours wins, and ours never saw theirs
                conflicts.append(Conflict(change.table, change.uuid, name, ours, str(mine), theirs, str(clock)))
        if change.hlc > state.hlc:
            state.hlc, state.deleted, state.with_ = change.hlc, False, None

    def local_edits(
        self, table: str, uuid: str, now: dict[str, Any], merged: State | None, gone_here: set[Key]
    ) -> dict[str, Any]:
        """The fields of a record that were changed here since the last sync: where the row (NOW) differs from the
        merged content, except where the row only shows less of it as sync left it (a reference to a record absent
        here that was not deleted here, a name told apart by its uuid, a goal's parent cut from a loop)."""
        if merged is None or merged.record is None:
            return {name: value for name, value in now.items() if name != "uuid"}
        old = merged.record
        keys = {key: target for _column, (target, key) in REFERENCES[table].items()}
        edits: dict[str, Any] = {}
        for name, value in now.items():
            before = old.get(name)
            if name == "uuid" or comparable(value) == comparable(before):
                continue
            shown_empty = (
                name in keys and value is None and before is not None and (keys[name], before) not in gone_here
            )
            if shown_empty and self.local_id(keys[name], str(before)) is None:
                continue
            if name == "goal_uuids":
                absent = [
                    goal
                    for goal in before or []
                    if ("goals", goal) not in gone_here and self.local_id("goals", goal) is None
                ]
                value = sorted(set(value or []) | set(absent))
                if value == sorted(before or []):
                    continue
            if table == "people" and name == "name" and value == f"{before} ({uuid[:8]})":
                continue
            if (
                table == "goals"
                and name == "parent_uuid"
                and self.scalar("SELECT 1 FROM sync_pending WHERE table_name = 'goals' AND uuid = ?", [uuid])
            ):
                continue
            edits[name] = value
        return edits

    # the whole step -----------------------------------------------------------------------------

    def apply_changes(
        self, changes: list[Change], *, local_device: str, stamp: Callable[[], str] | None = None
    ) -> Applied:
        """Apply CHANGES (from any files, in any order) inside the caller's transaction. STAMP issues this
        machine's clock for the records it brings back (without it, none are)."""
        applied = Applied()
        self.local_device = local_device
        states = self.states(sorted({(change.table, change.uuid) for change in changes}))
        self._deleted_here = {key: state.hlc.rsplit("-", 1)[-1] == local_device
                              for key, state in states.items() if state.deleted}  # fmt: skip
        for change in changes:
            self.fold(states, change, applied.conflicts)
        self.save_states(states)
        applied.conflicts = self._keep_conflicts(applied.conflicts)
        work = self._pending_entries()
        before_cut = {uuid for table, uuid in work if table == "goals"}
        dead = [(key, state) for key, state in states.items() if state.deleted]
        removed: list[Key] = []
        for key, state in sorted(dead, key=lambda item: -ORDER.index(item[1].table)):
            work.pop(key, None)
            found = self.local_id(*key)
            if found is not None:
                self._remove_row(state.table, found, work)
                removed.append(key)
        for key, state in states.items():
            if not state.deleted and state.record is not None:
                work[key] = Entry(state.table, dict(state.record))
        came_back = [key for key, state in states.items() if state.was_deleted and not state.deleted]
        # a record deleted with another one that is here (changed after the deletion elsewhere) stays with it
        parents = {state.with_ for state in states.values() if state.deleted and state.with_}
        staying = {key for key, state in self.states(self._keys_of(parents)).items() if not state.deleted}
        came_back += sorted(staying - set(came_back))
        if stamp is not None:
            self._bring_back(work, came_back, stamp, applied, staying)
        back = came_back + [(revived.table, revived.uuid) for revived in applied.revived]
        back += [(c.table, c.uuid) for c in applied.send]
        for key, record in self._referrers(back).items():  # what refers to a record back here shows it again
            work.setdefault(key, Entry(record[0], record[1]))
        applied.deleted = sum(1 for key in removed if self.is_deleted(*key))
        applied.changed = self._settle(work)
        applied.loops = self._cut_goal_loops(work, before_cut)
        self._tell_people_apart(work)
        self._keep_pending(work)
        return applied

    def _referrers(self, keys: list[Key]) -> dict[Key, tuple[str, dict[str, Any]]]:
        """The live records whose merged content refers to one of KEYS (records that came back): (table, uuid) ->
        (table, record). A scan of the merged contents, paid only when records come back."""
        wanted = sorted(set(keys))
        found: dict[Key, tuple[str, dict[str, Any]]] = {}
        for start in range(0, len(wanted), 50):
            chunk = wanted[start : start + 50]
            where = " OR ".join("record LIKE ?" for _ in chunk)
            for row in self.rows(
                "SELECT uuid, table_name, record FROM sync_records "
                f"WHERE deleted = 0 AND record IS NOT NULL AND ({where})",
                [f"%{uuid}%" for _table, uuid in chunk],
            ):
                record = json.loads(row["record"])
                if set(references_of(row["table_name"], record)) & set(chunk):
                    found[(row["table_name"], row["uuid"])] = (row["table_name"], record)
        return found

    def _dead_among(self, keys: list[Key]) -> set[Key]:
        """Those of KEYS whose newest change is a deletion."""
        found: set[Key] = set()
        for table, chunk in _by_table(keys):
            marks = ", ".join("?" for _ in chunk)
            found.update(
                (table, row[0]) for row in self.db.execute(
                    f"SELECT uuid FROM sync_records WHERE deleted = 1 AND table_name = ? AND uuid IN ({marks})",
                    [table, *chunk],
                )
            )  # fmt: skip
        return found

    def _keys_of(self, uuids: set[str] | list[str]) -> list[Key]:
        """(table, uuid) of every record sync knows with one of UUIDS (a deletion names the record it went with
        by its uuid alone)."""
        found: list[Key] = []
        wanted = sorted(set(uuids))
        for start in range(0, len(wanted), 5000):
            chunk = wanted[start : start + 5000]
            marks = ", ".join("?" for _ in chunk)
            found += [
                (row[0], row[1])
                for row in self.db.execute(f"SELECT table_name, uuid FROM sync_records WHERE uuid IN ({marks})", chunk)
            ]
        return sorted(found)

    def _stored(self, keys: list[Key]) -> dict[Key, str]:
        """(table, uuid) -> the newest clock applied, for those of KEYS sync knows."""
        by_table: dict[str, list[str]] = {}
        for table, uuid in keys:
            by_table.setdefault(table, []).append(uuid)
        found: dict[Key, str] = {}
        for table, uuids in by_table.items():
            for start in range(0, len(uuids), 5000):
                chunk = uuids[start : start + 5000]
                marks = ", ".join("?" for _ in chunk)
                query = f"SELECT uuid, hlc FROM sync_records WHERE table_name = ? AND uuid IN ({marks})"
                for uuid, hlc in self.db.execute(query, [table, *chunk]):
                    found[(table, uuid)] = hlc
        return found

    def _keep_conflicts(self, conflicts: list[Conflict]) -> list[Conflict]:
        """Keep the set-aside values; those not kept before (the same files applied again find them again)."""
        now, new = self.now(), []
        for c in conflicts:
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO sync_conflicts (uuid, table_name, field, kept, kept_hlc, set_aside, "
                "set_aside_hlc, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [c.uuid, c.table, c.field, json.dumps(c.kept, ensure_ascii=False), c.kept_hlc,
                 json.dumps(c.set_aside, ensure_ascii=False), c.set_aside_hlc, now],
            )  # fmt: skip
            if cursor.rowcount:
                new.append(c)
        return new

    def _bring_back(
        self, work: dict[Key, Entry], came_back: list[Key], stamp: Callable[[], str], applied: Applied,
        staying: set[Key],
    ) -> None:  # fmt: skip
        """Deleted records that live records refer to come back, and with every record that came back, the
        records deleted with it; each as a change of this machine's (sent at once), so that it stays."""
        revived: dict[Key, Revived] = {}
        parents = list(came_back)
        while True:
            gone = self._dead_among(list(work))
            wanted: dict[Key, dict[str, int]] = {}
            for key, entry in work.items():
                if key in gone:
                    continue
                for target in set(references_of(entry.table, entry.record)):
                    referred = wanted.setdefault(target, {})
                    referred[entry.table] = referred.get(entry.table, 0) + 1
            dead = self._dead_among(list(wanted))
            wanted = {key: referred for key, referred in wanted.items() if key in dead}
            found = {key: state for key, state in self.states(sorted(wanted)).items() if state.record is not None}
            by_uuid = {uuid: (table, uuid) for table, uuid in parents}
            children = self.rows(
                "SELECT table_name, uuid, with_parent FROM sync_records "
                "WHERE deleted = 1 AND record IS NOT NULL AND with_parent IN "
                f"({', '.join('?' for _ in by_uuid)})",
                list(by_uuid),
            ) if by_uuid else []  # fmt: skip
            with_parent = {(row["table_name"], row["uuid"]): by_uuid[row["with_parent"]] for row in children}
            found.update({key: state for key, state in self.states(sorted(with_parent)).items() if key not in found})
            if not found:
                return
            parents = []
            for (_table, uuid), state in sorted(found.items(), key=lambda item: ORDER.index(item[1].table)):
                here = state.hlc.rsplit("-", 1)[-1] == self.local_device
                state.hlc, state.deleted, state.with_ = stamp(), False, None
                record = dict(state.record or {})
                key = (state.table, uuid)
                work[key] = Entry(state.table, record)
                fields = {name: str(clock[0]) for name, clock in state.stamps.items()}
                applied.send.append(Change(state.table, uuid, state.hlc, record, fields, {}))
                parents.append(key)
                if key in wanted:
                    revived[key] = Revived(state.table, uuid, dict(wanted[key]), here=here)
                    applied.revived.append(revived[key])
                elif key in with_parent:
                    parent = with_parent[key]
                    if parent not in revived:
                        parent_state = self.states([parent]).get(parent)
                        revived[parent] = Revived(
                            parent[0], parent[1], stayed=parent in staying,
                            here=bool(parent_state) and self._deleted_here.get(parent, False),
                        )  # fmt: skip
                        applied.revived.append(revived[parent])
                    counts = revived[parent].with_
                    counts[state.table] = counts.get(state.table, 0) + 1
            self.save_states(found)

    def _pending_entries(self) -> dict[Key, Entry]:
        """The records kept aside, with their merged content."""
        return {
            (row["table_name"], row["uuid"]): Entry(row["table_name"], json.loads(row["merged"] or row["record"]))
            for row in self.rows(
                "SELECT p.uuid, p.table_name, p.record, s.record AS merged FROM sync_pending p "
                "LEFT JOIN sync_records s USING (table_name, uuid)"
            )
        }

    def _keep_pending(self, work: dict[Key, Entry]) -> None:
        self.db.executemany(
            "DELETE FROM sync_pending WHERE table_name = ? AND uuid = ?", [k for k, e in work.items() if e.complete]
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO sync_pending (uuid, table_name, record) VALUES (?, ?, ?)",
            [(u, t, json.dumps(e.record, sort_keys=True)) for (t, u), e in work.items() if not e.complete],
        )

    # rows -----------------------------------------------------------------------------------------

    def _remove_row(self, table: str, row_id: int, work: dict[Key, Entry]) -> None:
        """Delete a row; rows that refer to it and live on lose the reference (or wait, when they need it)."""
        for other, references in REFERENCES.items():
            for column, (target, _key) in references.items():
                if target != table:
                    continue
                for dependant in self.rows(f"SELECT id, uuid FROM {other} WHERE {column} = ?", [row_id]):
                    if self.is_deleted(other, dependant["uuid"]):
                        work.pop((other, dependant["uuid"]), None)
                        self._remove_row(other, dependant["id"], work)
                        continue
                    self._aside(other, dependant["id"], dependant["uuid"], work)
                    if self._not_null(other)[column] or (other, column) in NEEDED:
                        self._remove_row(other, dependant["id"], work)
                    else:
                        self.db.execute(f"UPDATE {other} SET {column} = NULL WHERE id = ?", [dependant["id"]])
        if table == "goals":
            for linked, (link, column) in GOAL_LINKS.items():
                for record in self.rows(
                    f"SELECT r.id, r.uuid FROM {link} l JOIN {linked} r ON r.id = l.{column} WHERE l.goal_id = ?",
                    [row_id],
                ):
                    self._aside(linked, record["id"], record["uuid"], work)
        self.db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])

    def _aside(self, table: str, row_id: int, uuid: str, work: dict[Key, Entry]) -> None:
        """Keep a record's whole content before its row shows less of it."""
        if (table, uuid) not in work:
            merged = self.scalar("SELECT record FROM sync_records WHERE table_name = ? AND uuid = ?", [table, uuid])
            work[(table, uuid)] = Entry(table, json.loads(merged) if merged else self.serialise(table, row_id))

    def _settle(self, work: dict[Key, Entry]) -> int:
        """Write every record in WORK as far as its references allow, tables in reference order."""
        written = 0
        for table in ORDER:
            for key in [k for k in work if k[0] == table]:
                entry = work.get(key)
                uuid = key[1]
                if entry is not None and self.is_deleted(table, uuid):
                    del work[key]
                elif entry is not None:
                    written += self._materialise(uuid, entry, work)
        return written

    def _materialise(self, uuid: str, entry: Entry, work: dict[Key, Entry]) -> int:
        table, record = entry.table, entry.record
        notnull = self._not_null(table)
        references = REFERENCES[table]
        carried = tables.table(table).carried
        defaults = self._defaults(table)
        values = {
            name: record.get(name, defaults.get(name)) for name in carried if name != "id" and name not in references
        }
        for name in tables.table(table).bools:
            values[name] = int(bool(record.get(name)))
        entry.complete, parked = True, False
        for column, (target, key) in references.items():
            wanted = record.get(key)
            found = None if wanted is None else self.local_id(target, wanted)
            if wanted is not None and found is None:
                entry.complete = False
                parked = parked or notnull[column] or (table, column) in NEEDED
            values[column] = found
        existing = self.local_id(table, uuid)
        if table == "goals":  # parents are set by the loop check, for all goals at once
            values["parent_id"] = self.scalar("SELECT parent_id FROM goals WHERE id = ?", [existing])
        if parked:
            if existing is not None:
                self._remove_row(table, existing, work)
            return 1 if existing is not None else 0
        links = self._links_of(table, record, entry)
        if table == "people":
            values["name"] = self._free_name(str(values["name"]), uuid, existing)
            values["name_key"] = validate.name_key(str(values["name"]))
        if existing is None:
            names = list(values)
            cursor = self.db.execute(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
                [values[name] for name in names],
            )
            existing = int(cursor.lastrowid or 0)
            changed = True
        else:
            current = self.row(f"SELECT * FROM {table} WHERE id = ?", [existing]) or {}
            differ = {name: value for name, value in values.items() if current.get(name) != value}
            if differ:
                assignments = ", ".join(f"{name} = ?" for name in differ)
                self.db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*differ.values(), existing])
            changed = bool(differ)
        changed = self._write_links(table, existing, links) or changed
        self.db.execute("UPDATE sync_records SET row_id = ? WHERE table_name = ? AND uuid = ?", [existing, table, uuid])
        return int(changed)

    def _links_of(self, table: str, record: dict[str, Any], entry: Entry) -> dict[str, list[Any]]:
        links: dict[str, list[Any]] = {}
        if table in TAGGED:
            links["tags"] = sorted(dict.fromkeys(record.get("tags") or []))
        if table in GOAL_LINKS:
            goal_ids = []
            for goal_uuid in record.get("goal_uuids") or []:
                found = self.local_id("goals", goal_uuid)
                if found is None:
                    entry.complete = False
                else:
                    goal_ids.append(found)
            links["goals"] = sorted(set(goal_ids))
        return links

    def _write_links(self, table: str, row_id: int, links: dict[str, list[Any]]) -> bool:
        changed = False
        if "tags" in links:
            link, column = TAGGED[table]
            current = sorted(r["tag"] for r in self.rows(f"SELECT tag FROM {link} WHERE {column} = ?", [row_id]))
            if current != links["tags"]:
                self.db.execute(f"DELETE FROM {link} WHERE {column} = ?", [row_id])
                self.db.executemany(
                    f"INSERT INTO {link} ({column}, tag) VALUES (?, ?)", [(row_id, t) for t in links["tags"]]
                )
                changed = True
        if "goals" in links:
            link, column = GOAL_LINKS[table]
            current = sorted(
                r["goal_id"] for r in self.rows(f"SELECT goal_id FROM {link} WHERE {column} = ?", [row_id])
            )
            if current != links["goals"]:
                self.db.execute(f"DELETE FROM {link} WHERE {column} = ?", [row_id])
                self.db.executemany(
                    f"INSERT INTO {link} ({column}, goal_id) VALUES (?, ?)", [(row_id, g) for g in links["goals"]]
                )
                changed = True
        return changed

    # goal loops and people's names -----------------------------------------------------------------

    def _cut_goal_loops(self, work: dict[Key, Entry], before: set[str]) -> list[LoopCut]:
        """Goal parents as the winning changes say, with each loop cut at its oldest link."""
        goals = {row["id"]: row for row in self.rows("SELECT id, uuid, title, parent_id FROM goals")}
        by_uuid = {row["uuid"]: row["id"] for row in goals.values()}
        wanted: dict[int, int | None] = {}
        for goal_id, row in goals.items():
            entry = work.get(("goals", row["uuid"]))
            if entry is None:
                wanted[goal_id] = row["parent_id"]
            else:
                parent_uuid = entry.record.get("parent_uuid")
                wanted[goal_id] = by_uuid.get(parent_uuid) if parent_uuid else None
        final = dict(wanted)
        done: set[int] = set()
        for start in sorted(goals):
            trail: list[int] = []
            node: int | None = start
            while node is not None and node not in done and node not in trail:
                trail.append(node)
                node = wanted[node]
            if node is not None and node in trail:
                loop = trail[trail.index(node) :]
                clocks = self._stored([("goals", goals[g]["uuid"]) for g in loop])
                oldest = min(loop, key=lambda g: (clocks.get(("goals", goals[g]["uuid"]), ""), goals[g]["uuid"]))
                final[oldest] = None
            done.update(trail)
        cuts: list[LoopCut] = []
        for goal_id, parent in final.items():
            row = goals[goal_id]
            if parent == row["parent_id"]:
                if wanted[goal_id] != parent:
                    work[("goals", row["uuid"])].complete = False
                continue
            self._aside("goals", goal_id, row["uuid"], work)
            self.db.execute("UPDATE goals SET parent_id = ? WHERE id = ?", [parent, goal_id])
            if wanted[goal_id] != parent:
                work[("goals", row["uuid"])].complete = False
                cut_from = wanted[goal_id]
                if row["uuid"] not in before and cut_from is not None:
                    cuts.append(LoopCut(goal_id, row["title"], cut_from, goals[cut_from]["title"]))
        return cuts

    def _free_name(self, name: str, uuid: str, existing: int | None) -> str:
        """NAME, or for now a name no other person has (people's names are unique; sorted out afterwards)."""
        for candidate in (name, f"{name} ({uuid[:8]})", f"{name} ({uuid})"):
            other = self.scalar(
                "SELECT id FROM people WHERE name_key = ? AND id IS NOT ?", [validate.name_key(candidate), existing]
            )
            if other is None:
                return candidate
        return uuid  # a uuid is no one's name (as in `_tell_people_apart`)

    def _tell_people_apart(self, work: dict[Key, Entry]) -> None:
        """People whose names collide: the one with the older newest change keeps the name."""
        people = self.rows(
            "SELECT p.id, p.uuid, p.name, r.hlc FROM people p "
            "LEFT JOIN sync_records r ON r.table_name = 'people' AND r.uuid = p.uuid"
        )
        wanted = {row["id"]: str(work[("people", row["uuid"])].record["name"]) if ("people", row["uuid"]) in work
                  else row["name"] for row in people}  # fmt: skip
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in people:
            groups.setdefault(validate.name_key(wanted[row["id"]]), []).append(row)
        final: dict[int, str] = {}
        later: list[dict[str, Any]] = []
        for members in groups.values():
            members.sort(key=lambda row: (row["hlc"] or "", row["uuid"]))
            final[members[0]["id"]] = wanted[members[0]["id"]]
            later += members[1:]
        taken = {validate.name_key(name) for name in final.values()}
        for row in sorted(later, key=lambda row: (row["hlc"] or "", row["uuid"])):
            # the uuid's start tells them apart; uuids a folder chose alike (or a name already `X (abcd1234)`)
            # take the whole uuid, then a number: every machine picks the same names in the same order
            name = wanted[row["id"]]
            candidates = [f"{name} ({row['uuid'][:8]})", f"{name} ({row['uuid']})"]
            candidates += (f"{name} ({row['uuid']}) {n}" for n in range(2, len(later) + 3))
            final[row["id"]] = next(c for c in candidates if validate.name_key(c) not in taken)
            taken.add(validate.name_key(final[row["id"]]))
        changing = [row for row in people if final[row["id"]] != row["name"]]
        for row in changing:  # first out of each other's way (a uuid is no one's name), then the final names
            self._aside("people", row["id"], row["uuid"], work)
            self.db.execute(
                "UPDATE people SET name = ?, name_key = ? WHERE id = ?", [row["uuid"], row["uuid"], row["id"]]
            )
        for row in changing:
            name = final[row["id"]]
            self.db.execute(
                "UPDATE people SET name = ?, name_key = ? WHERE id = ?", [name, validate.name_key(name), row["id"]]
            )
        for row in people:
            entry = work.get(("people", row["uuid"]))
            if entry is not None and final[row["id"]] != wanted[row["id"]]:
                entry.complete = False

    # set-aside values --------------------------------------------------------------------------------

    def set_aside(self) -> list[SetAside]:
        """The values set aside in conflicts whose kept value is still the field's value here (newest first):
        once the field changes again (the other value restored, or a new one), or the record is gone, it is
        settled and no longer listed."""
        found: list[SetAside] = []
        rows = self.rows(
            "SELECT c.*, s.record AS merged, s.deleted FROM sync_conflicts c JOIN sync_records s "
            "USING (table_name, uuid) "
            "ORDER BY c.id DESC"
        )
        seen: set[tuple[str, str, str]] = set()
        for row in rows:
            if row["deleted"] or not row["merged"] or (row["table_name"], row["uuid"], row["field"]) in seen:
                continue
            kept = json.loads(row["kept"])
            record_id = self.local_id(row["table_name"], row["uuid"])
            if record_id is None:
                continue
            if comparable(self.serialise(row["table_name"], record_id).get(row["field"])) != comparable(kept):
                continue
            seen.add((row["table_name"], row["uuid"], row["field"]))
            found.append(
                SetAside(
                    row["id"],
                    row["table_name"],
                    row["uuid"],
                    record_id,
                    row["field"],
                    kept,
                    row["kept_hlc"],
                    json.loads(row["set_aside"]),
                    row["set_aside_hlc"],
                )
            )
        return found

    def title_of(self, table: str, uuid: str) -> str:
        """What a record is called in messages: a person's or skill's name, a goal's or session's title, a text."""
        found = self.row(f"SELECT * FROM {table} WHERE uuid = ?", [uuid]) or {}
        return next((str(found[key]) for key in ("name", "title", "text", "notes") if found.get(key)), "")

    def reference(self, table: str, uuid: str) -> tuple[int, str] | None:
        """A referenced record here: its id and its name (people) or id as text; None when it is absent."""
        found = self.row(f"SELECT * FROM {table} WHERE uuid = ?", [uuid])
        if found is None:
            return None
        return int(found["id"]), str(found["name"] if table == "people" else found["id"])


class SetAside(msgspec.Struct, frozen=True):
    """A value a conflict set aside, and the value kept (as in the dump: references as uuids)."""

    id: int
    table: str
    uuid: str
    record_id: int
    field: str
    kept: Any
    kept_hlc: str
    set_aside: Any
    set_aside_hlc: str
