"""Applying changes from other devices: per record the change with the newest hybrid logical clock wins.

What the journal shows is a function of the winning changes alone, whatever order they came in:
- a record whose newest change is a deletion (a tombstone) is absent;
- a reference to an absent record is left empty (the record keeps it aside, in `sync_pending`, and gets it back
  when the referenced record comes back); a record that cannot exist without it (a progress update without its
  goal, a topic without its person) is absent until then;
- goal-parent links that form a loop are cut at the older link (the goal whose newest change is older);
- two people with one name (the names are unique): the newer one is shown as "Name (uuid prefix)".
Rows are only rewritten where they differ, so applying the same changes again changes nothing.
"""

from __future__ import annotations

import json
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


class Applied(msgspec.Struct):
    changed: int = 0
    deleted: int = 0
    loops: list[LoopCut] = msgspec.field(default_factory=list)


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
        clean.append(Change(change.table, change.uuid, change.hlc, record))
    return clean


class SyncApplyRepo(Repo):
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

    # the whole step -----------------------------------------------------------------------------

    def apply_changes(self, changes: list[Change], *, local_device: str) -> Applied:
        """Apply CHANGES (from any files, in any order) inside the caller's transaction."""
        newest: dict[Key, Change] = {}  # a record is named by its table and uuid together
        for change in changes:
            key = (change.table, change.uuid)
            if key not in newest or change.hlc > newest[key].hlc:
                newest[key] = change
        stored = self._stored(list(newest))
        winners = [c for k, c in newest.items() if k not in stored or c.hlc > stored[k]]
        self.db.executemany(
            "INSERT INTO sync_records (uuid, table_name, hlc, deleted) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (table_name, uuid) DO UPDATE SET hlc = excluded.hlc, deleted = excluded.deleted",
            [(c.uuid, c.table, c.hlc, int(c.record is None)) for c in winners],
        )
        applied = Applied()
        work = self._pending_entries()
        before_cut = {uuid for table, uuid in work if table == "goals"}
        for change in sorted((c for c in winners if c.record is None), key=lambda c: -ORDER.index(c.table)):
            work.pop((change.table, change.uuid), None)
            found = self.local_id(change.table, change.uuid)
            if found is not None:
                self._remove_row(change.table, found, work)
                applied.deleted += 1
        for change in winners:
            if change.record is not None:
                work[(change.table, change.uuid)] = Entry(change.table, dict(change.record))
        applied.changed = self._settle(work)
        applied.loops = self._cut_goal_loops(work, before_cut)
        self._tell_people_apart(work)
        self._keep_pending(work)
        return applied

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

    def _pending_entries(self) -> dict[Key, Entry]:
        return {
            (row["table_name"], row["uuid"]): Entry(row["table_name"], json.loads(row["record"]))
            for row in self.rows("SELECT uuid, table_name, record FROM sync_pending")
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
            work[(table, uuid)] = Entry(table, self.serialise(table, row_id))

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
        other = self.scalar(
            "SELECT id FROM people WHERE name_key = ? AND id IS NOT ?", [validate.name_key(name), existing]
        )
        return name if other is None else f"{name} ({uuid[:8]})"

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
        for members in groups.values():
            members.sort(key=lambda row: (row["hlc"] or "", row["uuid"]))
            for number, row in enumerate(members):
                name = wanted[row["id"]]
                final[row["id"]] = name if number == 0 else f"{name} ({row['uuid'][:8]})"
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
