"""The change log and `undo`: every command's row changes are logged by triggers (migration m004);
undo replays them backwards, as one transaction, and marks the command undone."""

from __future__ import annotations

from typing import Any

from mentorlog.base.i18n import _, ngettext
from mentorlog.base.values import Value
from mentorlog.store import tables
from mentorlog.store.base import Repo

# table -> what a person calls one of its rows (`action item`, `tag`), for the record tables undo logs
NOUNS = {table.name: table.noun for table in tables.logged() if table.noun}
LINKS = tuple(table.name for table in tables.link_tables())  # come and go with records
ORDER = {table.name: number for number, table in enumerate(tables.TABLES)}  # people, goals, sessions, ...
LINK_NOUNS = {NOUNS[name] for name in LINKS if name in NOUNS}  # said as a count (`2 tags`), not by row id


class Undone(Value):
    """What `undo` reverted: the command, when it ran, and the rows per table (their ids, newest first)."""

    __slots__ = ("command", "created_at", "removed", "restored", "reverted")
    __hash__ = None  # type: ignore[assignment]  # holds dicts: compared, never hashed

    def __init__(
        self,
        command: str,
        created_at: str,
        removed: dict[str, list[int]],
        restored: dict[str, list[int]],
        reverted: dict[str, list[int]],
    ) -> None:
        self.command, self.created_at = command, created_at
        self.removed, self.restored, self.reverted = removed, restored, reverted

    @property
    def name(self) -> str:
        """The command as typed after `mentorlog` (`note`, `action done`)."""
        return self.command.removeprefix("mentorlog ").strip() or self.command

    def did(self) -> str:
        """What the command itself did: `added session 4, action items 7, 8`; `deleted goal 2`."""
        return self._said(
            {"removed": _("added {things}"), "restored": _("deleted {things}"), "changed back": _("changed {things}")}
        )

    def plan(self) -> str:
        """What undoing it will do: `remove session 4, action items 7, 8`."""
        return self._said(
            {
                "removed": _("remove {things}"),
                "restored": _("restore {things}"),
                "changed back": _("change back {things}"),
            }
        )

    def describe(self) -> str:
        """What undoing it did: `removed session 4, action items 7, 8`."""
        return self._said(
            {
                "removed": _("removed {things}"),
                "restored": _("restored {things}"),
                "changed back": _("changed back {things}"),
            }
        )

    def _said(self, said: dict[str, str]) -> str:
        parts = []
        for verb, rows in (("removed", self.removed), ("restored", self.restored), ("changed back", self.reverted)):
            by_noun: dict[str, list[int]] = {}
            for table, ids in sorted(
                rows.items(), key=lambda item: ORDER.get(item[0], len(ORDER))
            ):  # session, goal and reflection tags are all just "tags"
                by_noun.setdefault(NOUNS.get(table, table), []).extend(ids)
            if by_noun:
                things = ", ".join(
                    counted(noun, len(ids)) if noun in LINK_NOUNS else named(noun, ids) for noun, ids in by_noun.items()
                )
                parts.append(said[verb].format(things=things))
        return "; ".join(parts) or _("nothing left to revert")


def counted(noun: str, n: int) -> str:
    """`1 session`, `2 people` (German `1 Sitzung`, `2 Personen`) for the nouns of the record tables."""
    forms = {
        "person": ngettext("{n} person", "{n} people", n),
        "session": ngettext("{n} session", "{n} sessions", n),
        "goal": ngettext("{n} goal", "{n} goals", n),
        "progress update": ngettext("{n} progress update", "{n} progress updates", n),
        "action item": ngettext("{n} action item", "{n} action items", n),
        "reflection": ngettext("{n} reflection", "{n} reflections", n),
        "topic": ngettext("{n} topic", "{n} topics", n),
        "goal link": ngettext("{n} goal link", "{n} goal links", n),
        "tag": ngettext("{n} tag", "{n} tags", n),
        "skill": ngettext("{n} skill", "{n} skills", n),
        "skill rating": ngettext("{n} skill rating", "{n} skill ratings", n),
        "asked question": ngettext("{n} asked question", "{n} asked questions", n),
    }
    return forms[noun].format(n=n) if noun in forms else f"{n} {noun if n == 1 else noun + 's'}"


def named(noun: str, ids: list[int]) -> str:
    """`session 4`, `action items 7, 8`, `action items 3-9` (an en dash) for the record tables, by their ids."""
    shown = _id_list(sorted(set(ids)))
    n = len(set(ids))
    forms = {
        "person": ngettext("person {ids}", "people {ids}", n),
        "session": ngettext("session {ids}", "sessions {ids}", n),
        "goal": ngettext("goal {ids}", "goals {ids}", n),
        "progress update": ngettext("progress update {ids}", "progress updates {ids}", n),
        "action item": ngettext("action item {ids}", "action items {ids}", n),
        "reflection": ngettext("reflection {ids}", "reflections {ids}", n),
        "topic": ngettext("topic {ids}", "topics {ids}", n),
        "skill": ngettext("skill {ids}", "skills {ids}", n),
        "skill rating": ngettext("skill rating {ids}", "skill ratings {ids}", n),
        "asked question": ngettext("asked question {ids}", "asked questions {ids}", n),
    }
    return forms[noun].format(ids=shown) if noun in forms else f"{noun} {shown}"


def _id_list(ids: list[int]) -> str:
    """`1, 2`, `3-9, 12` (an en dash): runs of three or more as a range."""
    runs: list[list[int]] = []
    for one in ids:
        if runs and one == runs[-1][-1] + 1:
            runs[-1].append(one)
        else:
            runs.append([one])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) >= 3 else ", ".join(map(str, run)) for run in runs)


class UndoRepo(Repo):
    def begin_change(self, command: str) -> None:
        """Start logging this command's row changes (inside its transaction)."""
        cursor = self.db.execute("INSERT INTO changes (command, created_at) VALUES (?, ?)", [command, self.now()])
        self.db.execute("UPDATE change_state SET current = ?", [cursor.lastrowid])

    def end_change(self) -> None:
        """Stop logging; a command that changed nothing leaves no entry to undo."""
        current = self.scalar("SELECT current FROM change_state")
        if current is not None and not self.scalar("SELECT 1 FROM change_rows WHERE change_id = ? LIMIT 1", [current]):
            self.db.execute("DELETE FROM changes WHERE id = ?", [current])
        self.db.execute("UPDATE change_state SET current = NULL")

    def undoable(self, limit: int = 10) -> list[Undone]:
        """The newest LIMIT commands that undo can still revert, newest first, with what reverting would do."""
        found = []
        for change in self.rows(
            "SELECT id, command, created_at FROM changes WHERE undone_at IS NULL ORDER BY id DESC LIMIT ?", [limit]
        ):
            counts: dict[str, dict[str, list[int]]] = {"insert": {}, "update": {}, "delete": {}}
            for row in self.rows(
                "SELECT op, table_name, row_id FROM change_rows WHERE change_id = ? ORDER BY id DESC",
                [change["id"]],  # the order undo replays them in, so both say it the same way
            ):
                counts[row["op"]].setdefault(row["table_name"], []).append(row["row_id"])
            found.append(
                Undone(
                    command=change["command"],
                    created_at=change["created_at"],
                    removed=_visible(counts["insert"]),
                    restored=_visible(counts["delete"]),
                    reverted=_visible(counts["update"]),
                )
            )
        return found

    def undo_last(self) -> Undone | None:
        """Revert the newest command not yet undone; None when there is nothing to undo."""
        import json  # here, not at the top: every write command loads this repository, few undo

        last = self.row("SELECT id, command, created_at FROM changes WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1")
        if last is None:
            return None
        removed: dict[str, list[int]] = {}
        restored: dict[str, list[int]] = {}
        reverted: dict[str, list[int]] = {}
        self.db.execute("UPDATE change_state SET replaying = 1")
        for change in self.rows(
            "SELECT table_name, op, row_id, old FROM change_rows WHERE change_id = ? ORDER BY id DESC", [last["id"]]
        ):
            table, op, row_id = change["table_name"], change["op"], change["row_id"]
            if op == "insert":
                cursor = self.db.execute(f"DELETE FROM {table} WHERE rowid = ?", [row_id])
                if cursor.rowcount:
                    removed.setdefault(table, []).append(row_id)
            elif op == "update":
                values = _derived(table, json.loads(change["old"]))
                assignments = ", ".join(f"{name} = ?" for name in values)
                self.db.execute(f"UPDATE {table} SET {assignments} WHERE rowid = ?", [*values.values(), row_id])
                reverted.setdefault(table, []).append(row_id)
            else:
                values = _derived(table, json.loads(change["old"]))
                names = list(values)
                self.db.execute(
                    f"INSERT INTO {table} (rowid, {', '.join(names)}) VALUES (?, {', '.join('?' for _ in names)})",
                    [row_id, *values.values()],
                )
                restored.setdefault(table, []).append(row_id)
        self.db.execute("UPDATE change_state SET replaying = 0")
        self.db.execute("UPDATE changes SET undone_at = ? WHERE id = ?", [self.now(), last["id"]])
        return Undone(
            command=last["command"],
            created_at=last["created_at"],
            removed=_visible(removed),
            restored=_visible(restored),
            reverted=_visible(reverted),
        )


def _derived(table: str, values: dict[str, Any]) -> dict[str, Any]:
    """VALUES with their derived columns made again (a row logged before a column existed lacks it)."""
    if table == "people" and "name" in values:
        from mentorlog.core.validate import name_key

        values["name_key"] = name_key(values["name"])
    return values


def _visible(rows: dict[str, list[int]]) -> dict[str, list[int]]:
    """Rows worth telling: the records themselves, not the link rows that come and go with them."""
    main = {table: ids for table, ids in rows.items() if table not in LINKS and ids}
    return main or {table: ids for table, ids in rows.items() if ids}
