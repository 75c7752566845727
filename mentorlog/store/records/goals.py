"""Goals, their milestones (goals with a parent) and dated progress updates."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.base.i18n import _, ngettext
from mentorlog.core import validate
from mentorlog.core.records import Goal, ProgressUpdate, from_rows
from mentorlog.store.base import Repo

if TYPE_CHECKING:  # the patches are types here; only the editing commands load them
    from mentorlog.core.patches import GoalPatch

GOAL_SELECT = """
SELECT g.*, p.name AS with_name,
    (SELECT count(*) FROM goals m WHERE m.parent_id = g.id) AS milestone_total,
    (SELECT count(*) FROM goals m WHERE m.parent_id = g.id AND m.status = 'achieved') AS milestone_achieved
FROM goals g LEFT JOIN people p ON p.id = g.person_id
"""


def progress_update(row: dict[str, Any]) -> ProgressUpdate:
    return from_rows(ProgressUpdate, [row])[0]


class GoalsRepo(Repo):
    def add_goal(
        self,
        title: str,
        *,
        horizon: str = "short",
        target: date | None = None,
        parent_id: int | None = None,
        person_id: int | None = None,
        description: str = "",
        tags: list[str] | None = None,
    ) -> Goal:
        if parent_id is not None:
            parent = self.require("goals", "goal", parent_id)
            if person_id is None:
                person_id = parent["person_id"]
        goal_id = self.insert(
            "goals",
            {
                "title": validate.text(title, "goal title"),
                "description": validate.text(description, "description", required=False),
                "horizon": validate.horizon(horizon),
                "target": validate.day(target, "target").isoformat() if target else None,
                "parent_id": parent_id,
                "person_id": person_id,
            },
        )
        self.set_tags("goal", goal_id, tags or [])
        return self.get_goal(goal_id)

    def from_rows(self, found: list[dict[str, Any]]) -> list[Goal]:
        tags = self.tags_for("goal", [item["id"] for item in found])
        for item in found:
            item["tags"] = tags[item["id"]]
        return from_rows(Goal, found)

    def get_goal(self, goal_id: int) -> Goal:
        self.require("goals", "goal", goal_id)
        return self.from_rows(self.rows(GOAL_SELECT + " WHERE g.id = ?", [goal_id]))[0]

    def list_goals(
        self, *, statuses: list[str] | None = None, person_id: int | None = None, limit: int | None = None
    ) -> list[Goal]:
        """Goals, long-term first, then by target date."""
        where, params = self._goal_filters(statuses, person_id)
        sql = GOAL_SELECT + where + " ORDER BY g.horizon = 'short', coalesce(g.target, '9999'), g.id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self.from_rows(self.rows(sql, params))

    def count_goals(self, *, statuses: list[str] | None = None, person_id: int | None = None) -> int:
        where, params = self._goal_filters(statuses, person_id)
        return int(self.scalar("SELECT count(*) FROM goals g" + where, params))

    def _goal_filters(self, statuses: list[str] | None, person_id: int | None) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if statuses:
            where.append(f"g.status IN ({', '.join('?' for _ in statuses)})")
            params.extend(statuses)
        if person_id is not None:
            where.append("g.person_id = ?")
            params.append(person_id)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def milestones(self, goal_id: int) -> list[Goal]:
        return self.from_rows(
            self.rows(GOAL_SELECT + " WHERE g.parent_id = ? ORDER BY coalesce(g.target, '9999'), g.id", [goal_id])
        )

    def progress_updates(self, goal_id: int) -> list[ProgressUpdate]:
        return from_rows(
            ProgressUpdate, self.rows("SELECT * FROM progress_updates WHERE goal_id = ? ORDER BY date, id", [goal_id])
        )

    def record_progress(self, goal_id: int, progress: int, note: str = "") -> Goal:
        current = self.require("goals", "goal", goal_id)
        validate.progress(progress)
        self.insert(
            "progress_updates",
            {
                "goal_id": goal_id,
                "date": self.today.isoformat(),
                "progress_before": current["progress"],
                "progress": progress,
                "note": validate.text(note, "note", required=False),
            },
        )
        self.update_fields("goals", goal_id, {"progress": progress})
        return self.get_goal(goal_id)

    def set_goal_status(self, goal_id: int, status: str) -> tuple[Goal, bool]:
        """Change a goal's status; the flag says whether anything changed."""
        current = self.require("goals", "goal", goal_id)
        status = validate.goal_status(status)
        if current["status"] == status:
            return self.get_goal(goal_id), False
        fields: dict[str, Any] = {"status": status}
        if status == "achieved":
            fields["achieved_at"] = self.today.isoformat()
            if current["progress"] != 100:
                self.record_progress(goal_id, 100, _("achieved"))  # the note, in the language of the journal's writer
        else:
            fields["achieved_at"] = None
        self.update_fields("goals", goal_id, fields)
        return self.get_goal(goal_id), True

    def update_goal(self, goal_id: int, patch: GoalPatch) -> Goal:
        self.require("goals", "goal", goal_id)
        fields = patch.changes()
        tags = fields.pop("tags", None)
        if "title" in fields:
            fields["title"] = validate.text(fields["title"], "goal title")
        if "description" in fields:
            fields["description"] = validate.text(fields["description"], "description", required=False)
        if "horizon" in fields:
            fields["horizon"] = validate.horizon(fields["horizon"])
        if "target" in fields:
            fields["target"] = validate.day(fields["target"], "target").isoformat() if fields["target"] else None
        if fields.get("parent_id") is not None:
            self._check_parent(goal_id, fields["parent_id"])
        self.update_fields("goals", goal_id, fields)
        if tags is not None and self.set_tags("goal", goal_id, tags) and not fields:
            self.touch("goals", goal_id)
        return self.get_goal(goal_id)

    def _check_parent(self, goal_id: int, parent_id: int) -> None:
        ancestor: int | None = parent_id
        while ancestor is not None:
            if ancestor == goal_id:
                raise UsageError(
                    _("goal {parent_id} cannot be the parent of goal {goal_id}: that makes a loop").format(
                        parent_id=parent_id, goal_id=goal_id
                    )
                )
            ancestor = self.require("goals", "goal", ancestor)["parent_id"]

    def delete_goal(self, goal_id: int) -> None:
        self.check_goal_deletable(goal_id)
        self.db.execute("DELETE FROM goals WHERE id = ?", [goal_id])

    def check_goal_deletable(self, goal_id: int) -> None:
        """Raise why the goal cannot be deleted (asked before `delete` asks for confirmation)."""
        self.require("goals", "goal", goal_id)
        children = self.scalar("SELECT count(*) FROM goals WHERE parent_id = ?", [goal_id])
        if children:
            raise MentorlogError(
                ngettext(
                    "goal {goal_id} has {children} milestone", "goal {goal_id} has {children} milestones", children
                ).format(goal_id=goal_id, children=children),
                _("Delete the milestones first, or drop the goal with `mentorlog goal drop`."),
            )
