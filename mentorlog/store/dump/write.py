"""The lossless JSON dump: every table and field, references by uuid; and its merge-by-uuid import.

The format is documented in docs/export-format.md. Records are matched by uuid; an incoming record
replaces the local one only when its `updated_at` is newer, so importing the same dump twice changes
nothing. Into an empty journal the ids are restored too, so a restore is exact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import msgspec

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.store import tables
from mentorlog.store.base import Repo

# table -> {id column: (referenced table, key in the dump)}, in an order where references come first
REFERENCES: dict[str, dict[str, tuple[str, str]]] = {
    table.name: {parent.column: (parent.table, parent.key) for parent in table.parents} for table in tables.dumped()
}
# table -> (link table, its column for the record), for the records with tags (`tags`) and linked goals (`goal_uuids`)
TAGGED = {link.owner: (table.name, link.column) for table, link in tables.links("tags")}
GOAL_LINKS = {link.owner: (table.name, link.column) for table, link in tables.links("goal_uuids")}
# table -> the columns of its references whose private record it is left out with (actions, skill ratings)
WITH_PRIVATE = {
    table.name: {parent.column for parent in table.parents if parent.with_private} for table in tables.dumped()
}
Progress = Callable[[int], None]
BATCH = 1000  # records encoded and escaped together


class ImportReport(msgspec.Struct):
    added: dict[str, int] = msgspec.field(default_factory=dict)
    updated: dict[str, int] = msgspec.field(default_factory=dict)
    restored_ids: bool = False
    cut_links: list[str] = msgspec.field(default_factory=list)  # goal-parent links cut because they made a loop

    @property
    def changed(self) -> int:
        return sum(self.added.values()) + sum(self.updated.values())


# Columns the store derives from others (a person's folded name, for comparing names): never in a dump or a change
# file, computed again wherever a record comes in.
DERIVED: dict[str, tuple[str, ...]] = {"people": ("name_key",)}


def _columns(repo: Repo, table: str) -> list[str]:
    """TABLE's columns that a dump carries, in the schema's order (the registry's; a derived column is not)."""
    return list(tables.table(table).carried)


class DumpRepo(Repo):
    def dump(
        self, *, exported_at: str, progress: Progress | None = None, include_private: bool = True
    ) -> dict[str, Any]:
        """The whole journal as one JSON-ready dict (for tests and small journals; the CLI streams)."""
        from mentorlog.store.dump.schema import FORMAT, VERSION  # the schema's checks are for imports: loaded on demand

        result: dict[str, Any] = {"format": FORMAT, "version": VERSION, "exported_at": exported_at}
        for table, records in self.dump_tables(progress=progress, include_private=include_private):
            result[table] = list(records)
        return result

    def dump_json(
        self, *, exported_at: str, progress: Progress | None = None, include_private: bool = True
    ) -> Iterator[str]:
        """The dump as JSON text in pieces, one record a line, so that a large journal never sits in memory whole.
        A batch of records is encoded in one call (the same text as `json_text` of each record, control characters
        escaped): every record starts with its `id` key, and `}, {"id": ` cannot occur inside a JSON string (its
        quotes are escaped), so the records of the batch are split onto lines by one replace."""
        import json

        from mentorlog.base.safe import CONTROL, json_text
        from mentorlog.store.dump.schema import FORMAT, VERSION

        encode = json.JSONEncoder(ensure_ascii=False).encode
        controls = re.compile(CONTROL)

        def escaped(match: re.Match[str]) -> str:
            return f"\\u{ord(match.group(0)):04x}"

        yield json_text({"format": FORMAT, "version": VERSION, "exported_at": exported_at})[:-1]
        for table, batches in self._dump_batches(include_private=include_private):
            yield f', "{table}": ['
            first = True
            for batch in batches:
                text = encode(batch)[1:-1].replace('}, {"id": ', '},\n{"id": ')
                if not text.isascii() or "\x7f" in text:  # a JSON text never holds a raw newline: safe to escape
                    text = controls.sub(escaped, text)
                yield ("\n" if first else ",\n") + text
                first = False
                if progress:
                    progress(len(batch))
            yield "\n]"
        yield "}\n"

    def dump_tables(
        self, *, progress: Progress | None = None, include_private: bool = True
    ) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
        """Each table with its records in id order, references as uuids (see _dump_batches)."""

        def records(batches: Iterator[list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
            for batch in batches:
                yield from batch
                if progress:
                    progress(len(batch))

        for table, batches in self._dump_batches(include_private=include_private):
            yield table, records(batches)

    def _dump_batches(self, *, include_private: bool) -> Iterator[tuple[str, Iterator[list[dict[str, Any]]]]]:
        """Each table with its records in id order in batches; without INCLUDE_PRIVATE, private sessions and the
        records that go with them (tables.Parent.with_private: action items, skill ratings) are left out, and the
        others keep no link to them (topics), in SQL.
        The referenced uuids come by join and the rows stream: memory holds tags and links, not the tables."""

        def batches(table: str, references: dict[str, tuple[str, str]]) -> Iterator[list[dict[str, Any]]]:
            tags = self._tags(table)
            goal_links = self._goal_links(table)
            columns = [f"t.{name}" for name in _columns(self, table) if name not in references]
            joins, where = [], []
            own = tables.table(table)
            for number, (column, (target, key)) in enumerate(references.items()):
                uuid = f"j{number}.uuid"
                private = tables.table(target).private
                if not include_private and private:
                    if column in WITH_PRIVATE[table]:
                        where.append(f"j{number}.{private} IS NOT 1")
                    else:  # a topic keeps no link to a private session
                        uuid = f"CASE WHEN j{number}.{private} = 1 THEN NULL ELSE j{number}.uuid END"
                columns.append(f"{uuid} AS {key}")
                joins.append(f" LEFT JOIN {target} j{number} ON j{number}.id = t.{column}")
            if own.private and not include_private:
                where.append(f"t.{own.private} = 0")
            condition = f" WHERE {' AND '.join(where)}" if where else ""
            cursor = self.db.execute(
                f"SELECT {', '.join(columns)} FROM {table} t{''.join(joins)}{condition} ORDER BY t.id"
            )
            names = [column[0] for column in cursor.description]
            assert names[0] == "id", "dump_json splits batches on the id key"
            while rows := cursor.fetchmany(BATCH):
                batch = [dict(zip(names, values, strict=True)) for values in rows]
                for name in own.bools:
                    for record in batch:
                        record[name] = bool(record[name])
                if table in TAGGED:
                    for record in batch:
                        record["tags"] = tags.get(record["id"], [])
                if table in GOAL_LINKS:
                    for record in batch:
                        record["goal_uuids"] = goal_links.get(record["id"], [])
                yield batch

        for table, references in REFERENCES.items():
            yield table, batches(table, references)

    def dump_records(self, table: str, ids: list[int]) -> list[dict[str, Any]]:
        """The dump records of TABLE's rows with IDS (private ones too), exactly as dump_tables writes them."""
        found = self.rows_in(f"SELECT * FROM {table} WHERE id IN ({{ids}}) ORDER BY id", ids)
        uuids: dict[str, dict[int, str]] = {}
        for column, (target, _key) in REFERENCES[table].items():
            wanted = sorted({row[column] for row in found if row[column] is not None})
            known = self.rows_in(f"SELECT id, uuid FROM {target} WHERE id IN ({{ids}})", wanted)
            uuids.setdefault(target, {}).update({row["id"]: row["uuid"] for row in known})
        tags: dict[int, list[str]] = {}
        if table in TAGGED:
            link, column = TAGGED[table]
            for row in self.rows_in(f"SELECT {column} AS id, tag FROM {link} WHERE {column} IN ({{ids}})", ids):
                tags.setdefault(row["id"], []).append(row["tag"])
            tags = {record_id: sorted(found_tags) for record_id, found_tags in tags.items()}
        goal_links: dict[int, list[str]] = {}
        if table in GOAL_LINKS:
            link, column = GOAL_LINKS[table]
            links = self.rows_in(
                f"SELECT l.{column} AS id, g.uuid FROM {link} l JOIN goals g ON g.id = l.goal_id"
                f" WHERE l.{column} IN ({{ids}}) ORDER BY l.goal_id",
                ids,
            )
            for row in links:
                goal_links.setdefault(row["id"], []).append(row["uuid"])
        return [_record(table, row, uuids, tags, goal_links) for row in found]

    def record_count(self, tables: tuple[str, ...] = tuple(REFERENCES)) -> int:
        """How many records TABLES (by default the dump's) hold together (to size a progress bar)."""
        return sum(int(self.scalar(f"SELECT count(*) FROM {table}")) for table in tables)

    def private_session_count(self) -> int:
        return int(self.scalar("SELECT count(*) FROM sessions INDEXED BY idx_sessions_private WHERE private = 1"))

    def _tags(self, table: str) -> dict[int, list[str]]:
        if table not in TAGGED:
            return {}
        link, column = TAGGED[table]
        found: dict[int, list[str]] = {}
        for row in self.rows(f"SELECT {column} AS id, tag FROM {link} ORDER BY tag"):
            found.setdefault(row["id"], []).append(row["tag"])
        return found

    def _goal_links(self, table: str) -> dict[int, list[str]]:
        if table not in GOAL_LINKS:
            return {}
        link, column = GOAL_LINKS[table]
        found: dict[int, list[str]] = {}
        for row in self.rows(
            f"SELECT l.{column} AS id, g.uuid FROM {link} l JOIN goals g ON g.id = l.goal_id ORDER BY l.goal_id"
        ):
            found.setdefault(row["id"], []).append(row["uuid"])
        return found

    def knows_any(self, uuids: list[str]) -> bool:
        """Whether any of UUIDS is the uuid of a record of this journal (a vault's, a file's: is it this journal's?)."""
        for table in REFERENCES:
            for start in range(0, len(uuids), 500):
                part = uuids[start : start + 500]
                if self.db.execute(
                    f"SELECT 1 FROM {table} WHERE uuid IN ({', '.join('?' * len(part))}) LIMIT 1", part
                ).fetchone():
                    return True
        return False

    def is_empty(self) -> bool:
        return not any(self.scalar(f"SELECT count(*) FROM {table}") for table in REFERENCES)

    def cut_goal_loops(self) -> list[str]:
        """Cut every goal-parent loop at its older link (the goal changed longest ago loses its parent);
        returns what was cut, in words. A merge of two machines' edits can form a loop; nothing may keep one."""
        goals = {row["id"]: row for row in self.rows("SELECT id, uuid, title, parent_id, updated_at FROM goals")}
        cut: list[str] = []
        for start in sorted(goals):
            trail: list[int] = []
            seen: set[int] = set()
            current: int | None = start
            while current is not None and current not in seen:
                seen.add(current)
                trail.append(current)
                current = goals[current]["parent_id"]
            if current is None or current not in trail:
                continue
            loop = trail[trail.index(current) :]
            oldest = min(loop, key=lambda goal_id: (goals[goal_id]["updated_at"], goals[goal_id]["uuid"]))
            parent = goals[oldest]["parent_id"]
            self.update_fields("goals", oldest, {"parent_id": None})
            goals[oldest] = {**goals[oldest], "parent_id": None}
            cut.append(f"goal {oldest} ({goals[oldest]['title']!r}) is no longer a milestone of goal {parent}")
        return cut


def _record(
    table: str,
    row: dict[str, Any],
    uuids: dict[str, dict[int, str]],
    tags: dict[int, list[str]],
    goal_links: dict[int, list[str]],
) -> dict[str, Any]:
    """One row as a dump record: references as uuids, tags and linked goals inline, flags as true/false."""
    references = REFERENCES[table]
    record = {name: row[name] for name in tables.table(table).carried if name not in references}
    for column, (target, key) in references.items():
        record[key] = uuids[target].get(row[column]) if row[column] is not None else None
    if table in TAGGED:
        record["tags"] = tags.get(row["id"], [])
    if table in GOAL_LINKS:
        record["goal_uuids"] = goal_links.get(row["id"], [])
    for name in tables.table(table).bools:
        record[name] = bool(record[name])
    return record


def _parents_first(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Goals ordered so that every milestone comes after its parent (iteratively: chains may be deep)."""
    by_uuid = {goal["uuid"]: goal for goal in goals}
    ordered: list[dict[str, Any]] = []
    placed: set[str] = set()
    for goal in goals:
        chain: list[dict[str, Any]] = []
        seen: set[str] = set()
        current: dict[str, Any] | None = goal
        while current is not None and current["uuid"] not in placed:
            if current["uuid"] in seen:
                raise UsageError(
                    _("the dump's goals form a loop through {current}").format(current=current["uuid"]),
                    _("Nothing was imported."),
                )
            seen.add(current["uuid"])
            chain.append(current)
            current = by_uuid.get(current.get("parent_uuid") or "")
        for item in reversed(chain):
            placed.add(item["uuid"])
            ordered.append(item)
    return ordered


def _resolve(local: dict[str, dict[str, int]], table: str, wanted: str, owner: str, owner_uuid: str) -> int:
    found = local[table].get(wanted)
    if found is None:
        raise UsageError(
            _("the dump's {owner} record {owner_uuid} refers to a missing {table} record {wanted}").format(
                owner=owner, owner_uuid=owner_uuid, table=table, wanted=wanted
            ),
            _("The file is incomplete; nothing was imported."),
        )
    return found


def parse_dump(text: str, source: str) -> dict[str, Any]:
    """Read and check the whole dump before anything is written: every field of every record against
    the dump schema's rules, unique uuids per table. Every problem is a clear error naming the record."""
    import json

    from mentorlog.store.dump.schema import ADDED_LATER, TABLES, check_header, check_record

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            _("{source} is not valid JSON (line {lineno}, column {colno})").format(
                source=source, lineno=exc.lineno, colno=exc.colno
            )
        ) from None
    except RecursionError:
        raise UsageError(_("{source} nests too deeply to be a mentorlog dump").format(source=source)) from None
    check_header(data, source)
    checked: dict[str, Any] = {"format": data["format"], "version": data["version"]}
    for table in TABLES:
        records = data.get(table, [] if table in ADDED_LATER else None)
        if not isinstance(records, list):
            raise UsageError(_("{source} has no list of {table}").format(source=source, table=table))
        seen: set[str] = set()
        clean = []
        for index, record in enumerate(records):
            item = check_record(table, record, f"{source}: {table}[{index}]")
            if item["uuid"] in seen:
                raise UsageError(
                    _("{source}: {table} has the uuid {item} twice").format(
                        source=source, table=table, item=item["uuid"]
                    )
                )
            seen.add(item["uuid"])
            clean.append(item)
        checked[table] = clean
    return checked
