"""Action items: who committed to what, by when, and whether it got done."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from mentorlog.core import validate
from mentorlog.core.records import Action, from_rows
from mentorlog.core.spans import local_day
from mentorlog.store.base import Repo

if TYPE_CHECKING:  # the patches are types here; only the editing commands load them
    from mentorlog.core.patches import ActionPatch

ACTION_SELECT = """
SELECT a.*, p.name AS with_name, o.name AS owner_name
FROM actions a
LEFT JOIN people p ON p.id = a.person_id
LEFT JOIN people o ON o.id = a.owner_id
"""

ME = "me"


def _actions(found: list[dict[str, Any]]) -> list[Action]:
    for item in found:
        item["owner"] = item["owner_name"] or ME
    return from_rows(Action, found)


def _action(item: dict[str, Any]) -> Action:
    return _actions([item])[0]


class ActionsRepo(Repo):
    def add_action(
        self,
        text: str,
        *,
        owner_id: int | None = None,
        due: date | None = None,
        person_id: int | None = None,
        goal_id: int | None = None,
        session_id: int | None = None,
    ) -> Action:
        if goal_id is not None:
            self.require("goals", "goal", goal_id)
        if session_id is not None:
            session = self.require("sessions", "session", session_id)
            if person_id is None:
                person_id = session["person_id"]
        if person_id is None and owner_id is not None:
            person_id = owner_id
        action_id = self.insert(
            "actions",
            {
                "text": validate.text(text, "action item"),
                "owner_id": owner_id,
                "due": validate.day(due, "due date").isoformat() if due else None,
                "person_id": person_id,
                "goal_id": goal_id,
                "session_id": session_id,
            },
        )
        return self.get_action(action_id)

    def get_action(self, action_id: int) -> Action:
        self.require("actions", "action", action_id)
        return _action(self.rows(ACTION_SELECT + " WHERE a.id = ?", [action_id])[0])

    def actions_by_ids(self, ids: list[int]) -> list[Action]:
        found = _actions(self.rows_in(ACTION_SELECT + " WHERE a.id IN ({ids})", ids))
        return sorted(found, key=lambda action: action.id)

    def _action_filters(
        self,
        *,
        status: str = "open",
        person_id: int | None = None,
        owner_id: int | None = None,
        owner_is_me: bool = False,
        owner_is_them: bool = False,
        overdue: bool = False,
        due_before: date | None = None,
        goal_id: int | None = None,
        session_id: int | None = None,
    ) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        status = validate.action_status(status, allow_all=True)
        if status != "all":
            where.append("a.status = ?")
            params.append(status)
        if person_id is not None:
            where.append("a.person_id = ?")
            params.append(person_id)
        elif session_id is None and goal_id is None:  # closed relationships leave the lists unless named
            where.append("(a.person_id IS NULL OR a.person_id IN (SELECT id FROM people WHERE status = 'active'))")
        if owner_is_me:
            where.append("a.owner_id IS NULL")
        elif owner_is_them:
            where.append("a.owner_id IS NOT NULL")
        elif owner_id is not None:
            where.append("a.owner_id = ?")
            params.append(owner_id)
        if overdue:
            where.append("a.status = 'open' AND a.due < ?")
            params.append(self.today.isoformat())
        if due_before is not None:
            where.append("a.due < ?")
            params.append(due_before.isoformat())
        if goal_id is not None:
            where.append("a.goal_id = ?")
            params.append(goal_id)
        if session_id is not None:
            where.append("a.session_id = ?")
            params.append(session_id)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def list_actions(self, *, limit: int | None = None, **filters: Any) -> list[Action]:
        """Action items, overdue first (earliest due first), then those without a due date."""
        where, params = self._action_filters(**filters)
        # Dated items come straight from the (status, due) index in order; undated ones follow.
        dated = ACTION_SELECT + where + (" AND" if where else " WHERE") + " a.due IS NOT NULL ORDER BY a.due, a.id"
        undated = ACTION_SELECT + where + (" AND" if where else " WHERE") + " a.due IS NULL ORDER BY a.id"
        suffix = " LIMIT ?" if limit is not None else ""
        found = self.rows(dated + suffix, [*params, limit] if limit is not None else params)
        if limit is None or len(found) < limit:
            rest = None if limit is None else limit - len(found)
            found += self.rows(undated + suffix, [*params, rest] if rest is not None else params)
        return _actions(found)

    def count_actions(self, **filters: Any) -> int:
        where, params = self._action_filters(**filters)
        return int(self.scalar("SELECT count(*) FROM actions a" + where, params))

    def set_action_status(
        self, ids: list[int], status: str, *, done_on: date | None = None
    ) -> tuple[list[Action], list[Action]]:
        """Set the status of every id (all must exist); returns (changed, already so). DONE_ON: the day they
        were really done (default today), checked per item; a done item given a day gets that day."""
        status = validate.action_status(status)
        for action_id in ids:
            self.require("actions", "action", action_id)
        changed, unchanged = [], []
        for action in self.actions_by_ids(list(dict.fromkeys(ids))):
            stamp = self.done_stamp(action, done_on) if status == "done" else None
            if action.status == status and (done_on is None or local_day(action.done_at) == done_on):
                unchanged.append(action)
                continue
            self.update_fields("actions", action.id, {"status": status, "done_at": stamp})
            changed.append(action.id)
        return self.actions_by_ids(changed), unchanged

    def done_stamp(self, action: Action, day: date | None) -> str:
        """When ACTION was done, as stored: now when DAY is None or today; else that local day at the time of day it
        is now (on the day the item was written, never before it was)."""
        if day is None or day == self.today:
            return self.now()
        session_day = self.scalar("SELECT date FROM sessions WHERE id = ?", [action.session_id])
        created = datetime.fromisoformat(action.created_at)
        written = local_day(action.created_at) or self.today
        agreed = min(written, date.fromisoformat(session_day)) if session_day else written
        validate.done_day(day, agreed=agreed, today=self.today)
        now = self.journal.clock.now().astimezone()
        at = datetime.combine(day, now.timetz().replace(tzinfo=None)).astimezone(UTC)
        if day == written:
            at = max(at, created)
        return at.astimezone(UTC).isoformat(timespec="microseconds")

    def update_action(self, action_id: int, patch: ActionPatch) -> Action:
        self.require("actions", "action", action_id)
        fields = patch.changes()
        if "text" in fields:
            fields["text"] = validate.text(fields["text"], "action item")
        if fields.get("goal_id") is not None:
            self.require("goals", "goal", fields["goal_id"])
        if fields.get("session_id") is not None:
            self.require("sessions", "session", fields["session_id"])
        if "due" in fields:
            fields["due"] = validate.day(fields["due"], "due date").isoformat() if fields["due"] else None
        self.update_fields("actions", action_id, fields)
        return self.get_action(action_id)

    def delete_action(self, action_id: int) -> None:
        self.require("actions", "action", action_id)
        self.db.execute("DELETE FROM actions WHERE id = ?", [action_id])
