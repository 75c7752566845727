"""Importing a dump as it streams in, a batch of records at a time, inside the caller's one transaction.

Into an empty journal (a restore) the records go in with `executemany`, the ids restored, while the triggers of
the record tables (search index, undo log) are set aside; afterwards the search index is built in one statement
per table, the triggers come back, and every inserted row is logged for `undo` as one change, as the triggers
would have done. Into a journal that has records, each batch is looked up by uuid in one query; only the records
that are new or newer are written, row by row, with their triggers.

Memory holds one batch, and uuid -> id of the tables that others refer to (people, goals, sessions, skills); a
merge also holds the uuids of the table it is reading (each must be in the file once: a set, ~10 MB per 100k).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import islice
from operator import itemgetter
from typing import Any

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.core import validate
from mentorlog.store import tables
from mentorlog.store.base import Repo
from mentorlog.store.dump.write import (
    GOAL_LINKS,
    REFERENCES,
    TAGGED,
    ImportReport,
    Progress,
    _columns,
    _parents_first,
    _resolve,
)

BATCH = 2000  # records read, checked and written together
CACHE_KB = 8 * 1024  # SQLite's page cache for a restore (2 MB by default; more buys little, costs memory)
FTS_HASH = 32 * 1024 * 1024  # the search index's in-memory terms before it writes a segment, during a restore
FTS_HASH_DEFAULT = 1024 * 1024  # FTS5's own, restored afterwards (the setting is kept in the journal)
# the tables other records refer to by uuid (people, goals, sessions, skills)
REFERRED = tuple(
    dict.fromkeys(
        [parent.table for table in tables.dumped() for parent in table.parents]
        + [link.target for _table, link in tables.links() if link.target]
    )
)
LINKS = (*(link for link, _column in TAGGED.values()), *(link for link, _column in GOAL_LINKS.values()))
Tables = Iterable[tuple[str, Iterator[dict[str, Any]]]]


def _batches(records: Iterator[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    while batch := list(islice(records, size)):
        yield batch


class LoadRepo(Repo):
    def load(self, data: dict[str, Any], *, progress: Progress | None = None) -> ImportReport:
        """Merge a dump parsed whole (parse_dump) into the journal, inside the caller's transaction."""
        from mentorlog.store.dump.read import in_memory

        return self.load_stream(in_memory(data), progress=progress)

    def load_stream(self, tables: Tables, *, source: str = "dump", progress: Progress | None = None) -> ImportReport:
        """Merge the tables of a dump (each a stream of checked records, in schema.TABLES order)."""
        empty = self.journal.dump.is_empty()
        report = ImportReport(restored_ids=empty)
        ids: dict[str, dict[str, int]] = {table: {} for table in REFERRED}
        bulk = _Bulk(self) if empty else None
        if bulk is None:
            for table in REFERRED:
                ids[table] = dict(self.db.execute(f"SELECT uuid, id FROM {table}").fetchall())
        for table, records in tables:
            loader = _Table(self, table, ids, source)
            if table == "people":
                records = self._closed_by_today(records, source)
            if table == "goals":  # a few thousand: held, to put every parent before its milestones
                goals = _parents_first(list(records))
                if bulk is not None:
                    bulk.goal_order = [goal["id"] for goal in goals]
                records = iter(goals)
            for batch in _batches(records):
                if bulk is not None:
                    loader.insert(batch)
                else:
                    loader.merge(batch)
                if progress:
                    progress(len(batch))
            if bulk is not None:
                bulk.table_done(table)
            report.added[table], report.updated[table] = loader.added, loader.updated
        if bulk is not None:
            bulk.finish()
        report.cut_links = self.journal.dump.cut_goal_loops()
        return report

    def _closed_by_today(self, records: Iterator[dict[str, Any]], source: str) -> Iterator[dict[str, Any]]:
        """People as they come, each closed relationship's day checked against today (the rest of its days
        were checked with the record)."""
        from mentorlog.store.dump.schema import check_across

        for index, record in enumerate(records):
            check_across("people", record, f"{source}: people[{index}]", self.today)
            yield record


class _Bulk:
    """A restore into an empty journal: the triggers and secondary indexes of the record and link tables set
    aside (inside the transaction, so a failed import keeps them); each table's indexes and search rows built
    in one statement each once its records are in (an index built over the rows costs less than one kept up
    row by row); at the end the triggers back and every inserted row logged for `undo` as this one change."""

    def __init__(self, repo: LoadRepo) -> None:
        self.db = repo.db
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        # fewer, larger segments: the search rows of a restore go in ~40% faster, with nothing left to merge
        self.db.execute("INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?)", [FTS_HASH])
        from mentorlog.store.migrations import SEARCH_SOURCES_V2

        record_tables = [*REFERENCES, *LINKS]
        marks = ", ".join("?" * len(record_tables))
        # search rows this restore builds itself (table_done, finish); a searchable kind it does not know keeps its
        # search triggers, so that its rows are indexed as they go in
        rebuilt = {source for source, *_rest in SEARCH_SOURCES_V2.values()} | {"skills", "skill_ratings"}
        self.saved: list[tuple[str, str, str, str]] = [
            (kind, name, of, sql)
            for kind, name, of, sql in self.db.execute(
                f"SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'index')"
                f" AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({marks})",
                record_tables,
            )
            if not (kind == "trigger" and "_search_" in name and of not in rebuilt)
        ]
        for kind, name, _table, _sql in self.saved:
            self.db.execute(f'DROP {kind.upper()} "{name}"')
        self.goal_order: list[int] = []

    def table_done(self, table: str) -> None:
        """TABLE's indexes and search rows (a skill's row waits for its ratings: finish)."""
        from mentorlog.store.migrations import SEARCH_SOURCES_V2, search_row

        for kind, _name, of, sql in self.saved:
            if kind == "index" and of == table:
                self.db.execute(sql)
        for kind, (source, *_rest) in SEARCH_SOURCES_V2.items():
            if source == table:
                self.db.execute(
                    f"INSERT INTO search_index (rowid, kind, record_id, person_id, day, title, body)"
                    f" SELECT {search_row(kind, '')[1]} FROM {table} ORDER BY 1"  # FTS5 flushes on a smaller rowid
                )

    def finish(self) -> None:
        from mentorlog.store.migrations import SKILL_SEARCH_ROW_V3

        self.db.execute(SKILL_SEARCH_ROW_V3.format(skill="k.id"))  # every skill's row (`k.id = k.id`)
        self.db.execute("INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?)", [FTS_HASH_DEFAULT])
        for kind, _name, of, sql in self.saved:
            if kind == "trigger" or of in LINKS:
                self.db.execute(sql)
        current = self.db.execute("SELECT current FROM change_state").fetchone()[0]
        if current is None:
            return
        logged = {name.removesuffix("_log_insert") for kind, name, _of, _sql in self.saved if kind == "trigger"}
        log = "INSERT INTO change_rows (change_id, table_name, op, row_id, old) "
        for table in [*REFERENCES, *LINKS]:
            if table not in logged:  # a table the undo log does not watch
                continue
            if table == "goals":  # parents before their milestones, so undo removes the milestones first
                rows = [(current, goal_id) for goal_id in self.goal_order]
                self.db.executemany(log + "VALUES (?, 'goals', 'insert', ?, NULL)", rows)
            else:
                self.db.execute(
                    log + f"SELECT ?, ?, 'insert', rowid, NULL FROM {table} ORDER BY rowid", [current, table]
                )


class _Table:
    """Writing one table's records: the columns, the references and the links."""

    def __init__(self, repo: LoadRepo, table: str, ids: dict[str, dict[str, int]], source: str) -> None:
        self.repo, self.db, self.table, self.ids, self.source = repo, repo.db, table, ids, source
        self.references = REFERENCES[table]
        self.plain = [name for name in _columns(repo, table) if name not in self.references]  # id first
        self.get_plain = itemgetter(*self.plain)
        self.names = [*self.plain, *self.references]
        self.bools = tables.table(table).bools
        self.added = self.updated = 0
        self.seen: set[str] = set()  # a merge's uuids of this table so far: each must be in the file once
        # people: folded name -> (uuid, name) of the journal's and the file's people so far (names are unique)
        self.name_keys: dict[str, tuple[str, str]] | None = None
        self.key_of: dict[str, str] = {}
        if table == "people":
            self.names.append("name_key")
            rows = self.db.execute("SELECT uuid, name, name_key FROM people").fetchall()
            self.name_keys = {key: (uuid, name) for uuid, name, key in rows}
            self.key_of = {uuid: key for uuid, _name, key in rows}

    def _values(self, record: dict[str, Any]) -> tuple[list[str], list[Any]]:
        """The record's column names and values (references resolved; a column a record lacks takes its default)."""
        try:
            names, values = self.names, list(self.get_plain(record))
        except KeyError:
            names = [name for name in self.plain if name in record]
            values = [record[name] for name in names]
            names += self.references
        for name in self.bools:  # true/false in the dump, 0/1 in the journal
            values[names.index(name)] = int(bool(record[name]))
        ids = self.ids
        for target, key in self.references.values():
            wanted = record.get(key)
            if wanted is None:
                found = None
            else:
                found = ids[target].get(wanted) if target in ids else None
                if found is None:
                    found = _resolve(ids, target, wanted, self.table, record["uuid"])
            values.append(found)
        if self.name_keys is not None:
            if names is not self.names:
                names = [*names, "name_key"]
            values.append(self._name_key(record))
        return names, values

    def _name_key(self, record: dict[str, Any]) -> str:
        """The person's folded name, refused when another person of the journal or the file has it."""
        assert self.name_keys is not None
        key = validate.name_key(record["name"])
        other = self.name_keys.get(key)
        if other is not None and other[0] != record["uuid"]:
            raise UsageError(
                _(
                    "{source}: the person {name!r} has the name of {other!r} (names are compared regardless of case)"
                ).format(source=self.source, name=record["name"], other=other[1]),
                _("Rename one of them; nothing was imported."),
            )
        before = self.key_of.get(record["uuid"])
        if before is not None and before != key:  # renamed: its old name is free again
            self.name_keys.pop(before, None)
        self.name_keys[key] = (record["uuid"], record["name"])
        self.key_of[record["uuid"]] = key
        return key

    def _links(self, record_id: int, record: dict[str, Any]) -> Iterator[tuple[str, str, tuple[int, Any]]]:
        if self.table in TAGGED:
            link, column = TAGGED[self.table]
            for tag in dict.fromkeys(record.get("tags") or []):
                yield f"INSERT INTO {link} ({column}, tag) VALUES (?, ?)", link, (record_id, tag)
        if self.table in GOAL_LINKS:
            link, column = GOAL_LINKS[self.table]
            for goal_uuid in dict.fromkeys(record.get("goal_uuids") or []):
                goal_id = _resolve(self.ids, "goals", goal_uuid, self.table, record["uuid"])
                yield f"INSERT INTO {link} ({column}, goal_id) VALUES (?, ?)", link, (record_id, goal_id)

    def insert(self, batch: list[dict[str, Any]]) -> None:
        """Into an empty journal: the batch with its ids, in one executemany per shape of record."""
        groups: dict[tuple[str, ...], list[list[Any]]] = {}
        links: dict[str, list[tuple[int, Any]]] = {}
        known = self.ids.get(self.table)
        for record in batch:
            names, values = self._values(record)
            groups.setdefault(tuple(names), []).append(values)
            if known is not None:  # a milestone may follow its parent in the same batch
                known[record["uuid"]] = record["id"]
            for sql, _link, row in self._links(record["id"], record):
                links.setdefault(sql, []).append(row)
        self.db.execute("SAVEPOINT dump_batch")
        try:
            for shape, rows in groups.items():
                self.db.executemany(
                    f"INSERT INTO {self.table} ({', '.join(shape)}) VALUES ({', '.join('?' * len(shape))})", rows
                )
        except sqlite3.IntegrityError:
            self.db.execute("ROLLBACK TO dump_batch")
            self._twice(batch)
            raise
        finally:
            self.db.execute("RELEASE dump_batch")
        for sql, pairs in links.items():
            self.db.executemany(sql, pairs)
        self.added += len(batch)

    def _twice(self, batch: list[dict[str, Any]]) -> None:
        """The uuid or id of BATCH that the journal already has from this dump: a clear error."""
        for key in ("uuid", "id"):
            seen: set[Any] = set()
            for record in batch:
                value = record[key]
                known = self.db.execute(f"SELECT 1 FROM {self.table} WHERE {key} = ?", [value]).fetchone()
                if value in seen or known:
                    raise UsageError(
                        _("{source}: {table} has the {key} {item} twice").format(
                            source=self.source, table=self.table, key=key, item=value
                        )
                    )
                seen.add(value)

    def merge(self, batch: list[dict[str, Any]]) -> None:
        """Into a journal with records: the batch compared by uuid in one query; new and newer records written."""
        uuids = [record["uuid"] for record in batch]
        distinct = set(uuids)
        if len(distinct) != len(uuids) or not self.seen.isdisjoint(distinct):
            self._twice_in_file(uuids)
        self.seen |= distinct
        known = {
            uuid: (record_id, stamp)
            for uuid, record_id, stamp in self.db.execute(
                f"SELECT uuid, id, updated_at FROM {self.table} WHERE uuid IN ({', '.join('?' * len(uuids))})", uuids
            )
        }
        ids = self.ids
        for record in batch:
            existing = known.get(record["uuid"])
            if existing is not None and not record["updated_at"] > existing[1]:  # unchanged: its references checked
                for target, key in self.references.values():
                    wanted = record.get(key)
                    if wanted is not None and wanted not in ids[target]:
                        _resolve(ids, target, wanted, self.table, record["uuid"])
                continue
            names, values = self._values(record)
            if existing is None:
                names, values = names[1:], values[1:]  # a new id
                cursor = self.db.execute(
                    f"INSERT INTO {self.table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", values
                )
                record_id = int(cursor.lastrowid or 0)
                if self.table in self.ids:
                    self.ids[self.table][record["uuid"]] = record_id
                self.added += 1
            else:
                record_id = existing[0]
                assignments = ", ".join(f"{name} = ?" for name in names[1:])
                self.db.execute(f"UPDATE {self.table} SET {assignments} WHERE id = ?", [*values[1:], record_id])
                for linked in (TAGGED.get(self.table), GOAL_LINKS.get(self.table)):
                    if linked:
                        self.db.execute(f"DELETE FROM {linked[0]} WHERE {linked[1]} = ?", [record_id])
                self.updated += 1
            for sql, _link, row in self._links(record_id, record):
                self.db.execute(sql, row)

    def _twice_in_file(self, uuids: list[str]) -> None:
        """Name the first uuid of the batch that the file had already, in an earlier batch or in this one."""
        earlier = self.seen
        mine: set[str] = set()
        for uuid in uuids:
            if uuid in mine or uuid in earlier:
                raise UsageError(
                    _("{source}: {table} has the uuid {item} twice").format(
                        source=self.source, table=self.table, item=uuid
                    )
                )
            mine.add(uuid)
