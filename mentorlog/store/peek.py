"""A glance into a journal for shell completion: read-only plain sqlite3, one indexed query, no migration,
no key, no lock wait worth noticing. Anything unexpected (missing, encrypted, busy, damaged) reads as
nothing, because a TAB must never fail or change a file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mentorlog.store import tables

TAG_TABLES = tuple(table.name for table, _link in tables.links("tags") if table.peek)


def _values(path: Path, sql: str, params: Iterable[Any] = ()) -> list[str]:
    if not path.is_file():
        return []
    try:
        db = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=0.05)
        try:
            return [str(row[0]) for row in db.execute(sql, list(params)) if row[0]]
        finally:
            db.close()
    except (sqlite3.Error, OSError):
        return []


def person_names(path: Path) -> list[str]:
    return _values(path, "SELECT name FROM people ORDER BY name")


def skill_names(path: Path) -> list[str]:
    return _values(path, "SELECT DISTINCT name FROM skills ORDER BY name")


def tags_starting(path: Path, prefix: str) -> list[str]:
    """Tags starting with PREFIX, through each tag table's index on tag."""
    found: set[str] = set()
    for table in TAG_TABLES:
        found.update(
            _values(
                path, f"SELECT DISTINCT tag FROM {table} WHERE tag >= ? AND tag < ?", [prefix, prefix + "\U0010ffff"]
            )
        )
    return sorted(found)
