"""The migrated schema as data (tables, columns, keys, indexes, triggers), for docs/schema.md."""

from __future__ import annotations

import msgspec

from mentorlog.store.db import memory_journal


class Column(msgspec.Struct, frozen=True):
    name: str
    type: str
    required: bool
    default: str | None
    references: str | None  # "people (id), on delete restrict"


class Table(msgspec.Struct, frozen=True):
    name: str
    columns: list[Column]
    indexes: list[str] = msgspec.field(default_factory=list)  # "idx_actions_status_due (status, due)"
    triggers: list[str] = msgspec.field(default_factory=list)


def describe() -> list[Table]:
    """Every table of a freshly migrated journal, in creation order (FTS5 shadow tables left out)."""
    db = memory_journal()
    try:
        names = [
            row[0]
            for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")
            if not row[0].startswith(("sqlite_", "search_index_"))
        ]
        tables = []
        for name in names:
            keys = {
                row[3]: f"{row[2]} ({row[4]}), on delete {row[6].lower()}"
                for row in db.execute(f'PRAGMA foreign_key_list("{name}")')
            }
            columns = [
                Column(row[1], row[2] or "", bool(row[3]) or bool(row[5]), row[4], keys.get(row[1]))
                for row in db.execute(f'PRAGMA table_info("{name}")')
            ]
            indexes = []
            for index in db.execute(f'PRAGMA index_list("{name}")'):
                if index[1].startswith("sqlite_autoindex"):
                    continue
                parts = [row[2] for row in db.execute(f'PRAGMA index_info("{index[1]}")')]
                indexes.append(f"{index[1]} ({', '.join(str(p) for p in parts)}){' unique' if index[2] else ''}")
            triggers = [
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", [name]
                )
            ]
            tables.append(Table(name, columns, indexes, triggers))
        return tables
    finally:
        db.close()
