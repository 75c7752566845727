"""Sessions (meetings), with their tags, linked goals and the action items that came out of them."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, Any

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.base.values import Value
from mentorlog.core import validate
from mentorlog.core.records import Session, from_rows
from mentorlog.store.base import Repo

if TYPE_CHECKING:  # the patches are types here; only the editing commands load them
    from mentorlog.core.patches import SessionPatch

SESSION_SELECT = "SELECT s.*, p.name AS with_name FROM sessions s LEFT JOIN people p ON p.id = s.person_id"


class NewAction(Value):
    """An action item recorded together with a session (`note --action`)."""

    __slots__ = ("text", "owner_id", "due", "done", "person_id")  # noqa: RUF023 (in the order __init__ takes them)

    def __init__(
        self,
        text: str,
        owner_id: int | None = None,
        due: date | None = None,
        done: bool = False,
        person_id: int | None = None,  # another relationship than the session's (`with:NAME` on its line)
    ) -> None:
        self.text, self.owner_id, self.due, self.done, self.person_id = text, owner_id, due, done, person_id


class SessionsRepo(Repo):
    def add_session(
        self,
        *,
        day: date,
        at: time | None = None,
        person_id: int | None = None,
        title: str = "",
        notes: str = "",
        feedback: str = "",
        confidence: int | None = None,
        next_day: date | None = None,
        next_at: time | None = None,
        private: bool = False,
        goal_ids: list[int] | None = None,
        tags: list[str] | None = None,
        actions: list[NewAction] | None = None,
    ) -> Session:
        title = validate.text(title, "title", required=False)
        notes = validate.text(notes, "notes", required=False)
        feedback = validate.text(feedback, "feedback", required=False)
        actions = actions or []
        if not (title or notes or feedback or actions):
            raise UsageError(
                _("the session is empty"), _("Give notes as TEXT, on stdin, or with --title/--feedback/--action.")
            )
        for goal_id in goal_ids or []:
            self.require("goals", "goal", goal_id)
        session_id = self.insert(
            "sessions",
            {
                "date": validate.day(day).isoformat(),
                "time": at.strftime("%H:%M") if at else None,
                "person_id": person_id,
                "title": title,
                "notes": notes,
                "feedback": feedback,
                "confidence": validate.confidence(confidence),
                "next_date": validate.day(next_day, "next meeting").isoformat() if next_day else None,
                "next_time": next_at.strftime("%H:%M") if next_day and next_at else None,
                "private": int(private),
            },
        )
        self.set_tags("session", session_id, tags or [])
        self.set_session_goals(session_id, goal_ids or [])
        stamp = self.now()
        for action in actions:
            self.insert(
                "actions",
                {
                    "text": validate.text(action.text, "action item"),
                    "owner_id": action.owner_id,
                    "due": validate.day(action.due, "due date").isoformat() if action.due else None,
                    "status": "done" if action.done else "open",
                    "person_id": action.person_id or person_id,
                    "session_id": session_id,
                    "done_at": stamp if action.done else None,
                },
            )
        return self.get_session(session_id)

    def set_session_goals(self, session_id: int, goal_ids: list[int]) -> bool:
        """Link the session to exactly GOAL_IDS; True when that changed anything."""
        for goal_id in goal_ids:
            self.require("goals", "goal", goal_id)
        wanted = list(dict.fromkeys(goal_ids))
        current = [
            row["goal_id"] for row in self.rows("SELECT goal_id FROM session_goals WHERE session_id = ?", [session_id])
        ]
        if sorted(current) == sorted(wanted):
            return False
        self.db.execute("DELETE FROM session_goals WHERE session_id = ?", [session_id])
        for goal_id in wanted:
            self.db.execute("INSERT INTO session_goals (session_id, goal_id) VALUES (?, ?)", [session_id, goal_id])
        return True

    def from_rows(self, found: list[dict[str, Any]], *, action_ids: bool = True) -> list[Session]:
        ids = [item["id"] for item in found]
        tags = self.tags_for("session", ids)
        goals: dict[int, list[int]] = {session_id: [] for session_id in ids}
        actions: dict[int, list[int]] = {session_id: [] for session_id in ids}
        if ids:
            links = self.rows_in("SELECT session_id, goal_id FROM session_goals WHERE session_id IN ({ids})", ids)
            for link in sorted(links, key=lambda row: row["goal_id"]):
                goals[link["session_id"]].append(link["goal_id"])
            made = (
                self.rows_in("SELECT session_id, id FROM actions WHERE session_id IN ({ids})", ids)
                if action_ids
                else []
            )
            for link in sorted(made, key=lambda row: row["id"]):
                actions[link["session_id"]].append(link["id"])
        for item in found:
            key = item["id"]
            item.update(next=item["next_date"], goal_ids=goals[key], action_ids=actions[key], tags=tags[key])
        return from_rows(Session, found)

    def get_session(self, session_id: int) -> Session:
        self.require("sessions", "session", session_id)
        return self.from_rows(self.rows(SESSION_SELECT + " WHERE s.id = ?", [session_id]))[0]

    def list_sessions(
        self,
        *,
        person_id: int | None = None,
        since: date | None = None,
        until: date | None = None,
        tag: str | None = None,
        limit: int | None = 20,
    ) -> list[Session]:
        where, params = self._session_filters(person_id, since, until, tag)
        sql = SESSION_SELECT + where + " ORDER BY s.date DESC, coalesce(s.time, '') DESC, s.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self.from_rows(self.rows(sql, params))

    def count_sessions(
        self,
        *,
        person_id: int | None = None,
        since: date | None = None,
        until: date | None = None,
        tag: str | None = None,
    ) -> int:
        where, params = self._session_filters(person_id, since, until, tag)
        return int(self.scalar("SELECT count(*) FROM sessions s" + where, params))

    def _session_filters(
        self, person_id: int | None, since: date | None, until: date | None, tag: str | None
    ) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if person_id is not None:
            where.append("s.person_id = ?")
            params.append(person_id)
        if since is not None:
            where.append("s.date >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("s.date <= ?")
            params.append(until.isoformat())
        if tag is not None:
            where.append("EXISTS (SELECT 1 FROM session_tags t WHERE t.session_id = s.id AND t.tag = ?)")
            params.append(tag)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def update_session(self, session_id: int, patch: SessionPatch) -> Session:
        """Apply PATCH; tags, goal links and a new person count as changes of the session too."""
        current = self.require("sessions", "session", session_id)
        fields: dict[str, Any] = {}
        for name in ("title", "notes", "feedback"):
            value = getattr(patch, name)
            if isinstance(value, str):
                fields[name] = validate.text(value, name, required=False)
        changes = patch.changes()
        if "day" in changes:
            fields["date"] = validate.day(changes["day"]).isoformat()
        if "confidence" in changes:
            fields["confidence"] = validate.confidence(changes["confidence"])
        if "next_day" in changes:
            value = changes["next_day"]
            next_day, next_at = (value, None) if value is None or isinstance(value, date) else (value.day, value.at)
            fields["next_date"] = validate.day(next_day, "next meeting").isoformat() if next_day else None
            fields["next_time"] = next_at.strftime("%H:%M") if next_day and next_at else None
        if "private" in changes:
            fields["private"] = int(bool(changes["private"]))
        if "person_id" in changes:
            fields["person_id"] = changes["person_id"]
        merged = {**current, **fields}
        has_actions = self.scalar("SELECT count(*) FROM actions WHERE session_id = ?", [session_id])
        if not (merged["title"] or merged["notes"] or merged["feedback"] or has_actions):
            raise UsageError(_("the session would be empty"), _("Keep a title, notes or feedback."))
        self.update_fields("sessions", session_id, fields)
        linked = False
        if "tags" in changes:
            linked = self.set_tags("session", session_id, changes["tags"]) or linked
        if "goal_ids" in changes:
            linked = self.set_session_goals(session_id, list(changes["goal_ids"])) or linked
        if linked and not fields:
            self.touch("sessions", session_id)
        if "person_id" in changes:
            stamp = self.now()
            self.db.execute(
                "UPDATE actions SET person_id = ?, updated_at = ? WHERE session_id = ? AND person_id IS NOT ?",
                [fields["person_id"], stamp, session_id, fields["person_id"]],
            )
        return self.get_session(session_id)

    def delete_session(self, session_id: int) -> int:
        """Delete a session and its action items; its discussed topics become open again."""
        self.require("sessions", "session", session_id)
        actions = int(self.scalar("SELECT count(*) FROM actions WHERE session_id = ?", [session_id]))
        self.db.execute(
            "UPDATE topics SET status = 'open', discussed_at = NULL, updated_at = ? WHERE session_id = ?",
            [self.now(), session_id],
        )
        self.db.execute("DELETE FROM sessions WHERE id = ?", [session_id])
        return actions
