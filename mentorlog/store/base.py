"""Shared plumbing of the repository: clock, ids, rows, tags and person lookup."""

from __future__ import annotations

import re
import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from mentorlog.errors import AmbiguousName, NotFound, UsageError

TAG_TABLES = {
    "session": ("session_tags", "session_id"),
    "goal": ("goal_tags", "goal_id"),
    "reflection": ("reflection_tags", "reflection_id"),
}
WORD = re.compile(r"\w+")


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def clean_text(value: str, what: str, *, required: bool = True) -> str:
    """User text as stored: surrounding blank lines and spaces trimmed; NUL refused."""
    if "\x00" in value:
        raise UsageError(f"the {what} contains a NUL character", "Remove it and try again.")
    cleaned = value.strip()
    if required and not cleaned:
        raise UsageError(f"the {what} is empty", "Give some text.")
    return cleaned


def placeholders(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


class Repo:
    """Base for the per-noun repositories; a Journal is all of them together."""

    def __init__(self, db: sqlite3.Connection, *, today: date, now: Callable[[], str] = utc_now) -> None:
        self.db = db
        self.today = today
        self.now = now

    # rows -------------------------------------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params if isinstance(params, Mapping) else list(params))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def row(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def rows_in(self, sql: str, ids: list[int]) -> list[dict[str, Any]]:
        """Rows for `... IN ({ids})` over any number of ids (SQLite limits the variables per statement)."""
        found: list[dict[str, Any]] = []
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            found += self.rows(sql.format(ids=placeholders(chunk)), chunk)
        return found

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = self.db.execute(sql, list(params)).fetchone()
        return found[0] if found else None

    def insert(self, table: str, record: dict[str, Any]) -> int:
        stamp = self.now()
        record = {"uuid": new_uuid(), "created_at": stamp, "updated_at": stamp, **record}
        columns = ", ".join(record)
        cursor = self.db.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders(list(record))})", list(record.values())
        )
        return int(cursor.lastrowid or 0)

    def update_fields(self, table: str, record_id: int, fields: dict[str, Any]) -> None:
        if not fields:
            return
        fields = {**fields, "updated_at": self.now()}
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self.db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*fields.values(), record_id])

    def require(self, table: str, kind: str, record_id: int) -> dict[str, Any]:
        in_range = 0 < record_id < 2**63  # SQLite's integers; a larger number cannot be an id
        found = self.row(f"SELECT * FROM {table} WHERE id = ?", [record_id]) if in_range else None
        if found is None:
            raise NotFound(f"no {kind} with id {record_id}", f"List them with `mentorlog {kind_list(kind)}`.")
        return found

    # tags -------------------------------------------------------------------------------------

    def tags_for(self, kind: str, ids: Iterable[int]) -> dict[int, list[str]]:
        table, column = TAG_TABLES[kind]
        wanted = list(ids)
        result: dict[int, list[str]] = {record_id: [] for record_id in wanted}
        if not wanted:
            return result
        for found in sorted(
            self.rows_in(f"SELECT {column} AS id, tag FROM {table} WHERE {column} IN ({{ids}})", wanted),
            key=lambda row: row["tag"],
        ):
            result[found["id"]].append(found["tag"])
        return result

    def set_tags(self, kind: str, record_id: int, tags: Iterable[str]) -> None:
        table, column = TAG_TABLES[kind]
        self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", [record_id])
        for tag in dict.fromkeys(tags):
            self.db.execute(f"INSERT INTO {table} ({column}, tag) VALUES (?, ?)", [record_id, tag])

    # people -----------------------------------------------------------------------------------

    def find_person(self, name: str) -> dict[str, Any]:
        """A person by full name or unique prefix of the name or of a word in it, case-insensitive."""
        wanted = " ".join(name.split()).casefold()
        if not wanted:
            raise UsageError("the person's name is empty")
        everyone = self.rows("SELECT id, name, role, cadence_days FROM people ORDER BY name")
        exact = [person for person in everyone if person["name"].casefold() == wanted]
        if exact:
            return exact[0]
        candidates = [
            person
            for person in everyone
            if person["name"].casefold().startswith(wanted)
            or any(word.startswith(wanted) for word in WORD.findall(person["name"].casefold()))
        ]
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            names = ", ".join(person["name"] for person in candidates)
            raise AmbiguousName(f"{name!r} matches several people: {names}", "Type more of the name.")
        raise NotFound(
            f"no person named {name!r}",
            f"Add them with `mentorlog person add {quote_arg(name)} --role mentor` (or mentee), or pass --create.",
        )

    def person_name(self, person_id: int | None) -> str | None:
        if person_id is None:
            return None
        return str(self.scalar("SELECT name FROM people WHERE id = ?", [person_id]))


def kind_list(kind: str) -> str:
    return {"person": "people", "session": "sessions", "goal": "goals --all", "action": "actions --status all"}.get(
        kind, f"{kind}s"
    )


def quote_arg(text: str) -> str:
    import shlex

    return shlex.quote(text)
