"""Shared plumbing of the repository: clock, ids, rows, tags and person lookup."""

from __future__ import annotations

import re
import sqlite3
import uuid as uuidlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Self

from mentorlog.base.errors import AmbiguousName, NotFound, UsageError
from mentorlog.base.i18n import N_, _
from mentorlog.core import validate

if TYPE_CHECKING:
    from mentorlog.base.config import Clock

TAG_TABLES = {
    "session": ("session_tags", "session_id"),
    "goal": ("goal_tags", "goal_id"),
    "reflection": ("reflection_tags", "reflection_id"),
}
WORD = re.compile(r"\w+")
# the ids of the private sessions, from their own partial index (m010): a few, not every session of the journal
PRIVATE_SESSION_IDS = "SELECT id FROM sessions INDEXED BY idx_sessions_private WHERE private = 1"


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def placeholders(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


class Repo:
    """Base for the per-noun repositories; a Journal is all of them together."""

    def __init__(self, db: sqlite3.Connection, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    @property
    def today(self) -> date:
        """The user's local date, from the one clock."""
        return self.clock.today

    def now(self) -> str:
        """A UTC timestamp for what is written now, from the one clock."""
        return self.clock.stamp()

    def with_clock(self, clock: Clock) -> Self:
        """The same journal (same connection and transaction) seen at another moment: for the demo and tests."""
        return type(self)(self.db, clock)

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

    def update_fields(self, table: str, record_id: int, fields: Mapping[str, Any]) -> None:
        """Set FIELDS (column names) on one row and move its updated_at; nothing to set, nothing done."""
        if not fields:
            return
        values = {**fields, "updated_at": self.now()}
        assignments = ", ".join(f"{name} = ?" for name in values)
        self.db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), record_id])

    def touch(self, table: str, record_id: int) -> None:
        """Move a record's updated_at: its links (tags, goals, actions) changed, so it must travel in a dump."""
        self.db.execute(f"UPDATE {table} SET updated_at = ? WHERE id = ?", [self.now(), record_id])

    def require(self, table: str, kind: str, record_id: int) -> dict[str, Any]:
        in_range = 0 < record_id < 2**63  # SQLite's integers; a larger number cannot be an id
        found = self.row(f"SELECT * FROM {table} WHERE id = ?", [record_id]) if in_range else None
        if found is None:
            raise NotFound(
                _(NOT_FOUND.get(kind, N_("no {kind} with id {record_id}"))).format(kind=_(kind), record_id=record_id),
                _("List them with `mentorlog {kind}`.").format(kind=kind_list(kind)),
            )
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

    def set_tags(self, kind: str, record_id: int, tags: Iterable[str]) -> bool:
        """Give the record exactly TAGS; True when that changed anything."""
        table, column = TAG_TABLES[kind]
        wanted = list(dict.fromkeys(tags))
        current = [row["tag"] for row in self.rows(f"SELECT tag FROM {table} WHERE {column} = ?", [record_id])]
        if sorted(current) == sorted(wanted):
            return False
        self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", [record_id])
        for tag in wanted:
            self.db.execute(f"INSERT INTO {table} ({column}, tag) VALUES (?, ?)", [record_id, tag])
        return True

    # people -----------------------------------------------------------------------------------

    def find_person(self, name: str) -> dict[str, Any]:
        """A person by full name or unique prefix of the name or of a word in it; Unicode case-insensitive."""
        wanted = validate.name_key(name)
        if not wanted:
            raise UsageError(_("the person's name is empty"))
        everyone = self.rows("SELECT id, name, role, cadence_days FROM people ORDER BY name")
        keyed = [(validate.name_key(person["name"]), person) for person in everyone]
        exact = [person for key, person in keyed if key == wanted]
        if exact:
            return exact[0]
        candidates = [
            person
            for key, person in keyed
            if key.startswith(wanted) or any(word.startswith(wanted) for word in WORD.findall(key))
        ]
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            names = ", ".join(person["name"] for person in candidates)
            raise AmbiguousName(
                _("{name!r} matches several people: {names}").format(name=name, names=names),
                _("Type more of the name."),
            )
        raise NotFound(
            _("no person named {name!r}").format(name=name),
            _("Add them with `mentorlog person add {name} --role mentee` (or mentor).").format(name=quote_arg(name)),
        )

    def same_name(self, name: str, *, other_than: int | None = None) -> dict[str, Any] | None:
        """The person whose name equals NAME under Unicode case folding, if any."""
        return self.row(
            "SELECT id, name FROM people WHERE name_key = ? AND id IS NOT ?", [validate.name_key(name), other_than]
        )

    def person_name(self, person_id: int | None) -> str | None:
        if person_id is None:
            return None
        return str(self.scalar("SELECT name FROM people WHERE id = ?", [person_id]))


# One sentence per kind, so that German can say `Keine Aufgabe` and `Kein Ziel`.
NOT_FOUND = {
    "action": N_("no action with id {record_id}"), "goal": N_("no goal with id {record_id}"),
    "person": N_("no person with id {record_id}"), "reflection": N_("no reflection with id {record_id}"),
    "session": N_("no session with id {record_id}"), "skill": N_("no skill with id {record_id}"),
    "topic": N_("no topic with id {record_id}"),
}  # fmt: skip


def kind_list(kind: str) -> str:
    return {"person": "people", "session": "sessions", "goal": "goals --all", "action": "actions --status all"}.get(
        kind, f"{kind}s"
    )


def quote_arg(text: str) -> str:
    import shlex

    return shlex.quote(text)
