"""Reflections: dated free text, optionally about a goal or a person."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from mentorlog.core import validate
from mentorlog.core.records import Reflection, from_rows
from mentorlog.store.base import Repo

if TYPE_CHECKING:  # the patches are types here; only the editing commands load them
    from mentorlog.core.patches import ReflectionPatch

REFLECTION_SELECT = "SELECT r.*, p.name AS with_name FROM reflections r LEFT JOIN people p ON p.id = r.person_id"


class ReflectionsRepo(Repo):
    def add_reflection(
        self,
        text: str,
        *,
        day: date,
        goal_id: int | None = None,
        person_id: int | None = None,
        tags: list[str] | None = None,
    ) -> Reflection:
        if goal_id is not None:
            self.require("goals", "goal", goal_id)
        reflection_id = self.insert(
            "reflections",
            {
                "text": validate.text(text, "reflection"),
                "date": validate.day(day).isoformat(),
                "goal_id": goal_id,
                "person_id": person_id,
            },
        )
        self.set_tags("reflection", reflection_id, tags or [])
        return self.get_reflection(reflection_id)

    def from_rows(self, found: list[dict[str, Any]]) -> list[Reflection]:
        tags = self.tags_for("reflection", [item["id"] for item in found])
        for item in found:
            item["tags"] = tags[item["id"]]
        return from_rows(Reflection, found)

    def get_reflection(self, reflection_id: int) -> Reflection:
        self.require("reflections", "reflection", reflection_id)
        return self.from_rows(self.rows(REFLECTION_SELECT + " WHERE r.id = ?", [reflection_id]))[0]

    def list_reflections(
        self,
        *,
        person_id: int | None = None,
        goal_id: int | None = None,
        since: date | None = None,
        limit: int | None = 20,
    ) -> list[Reflection]:
        where, params = _filters(person_id, goal_id, since)
        sql = REFLECTION_SELECT + where + " ORDER BY r.date DESC, r.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self.from_rows(self.rows(sql, params))

    def count_reflections(
        self, *, person_id: int | None = None, goal_id: int | None = None, since: date | None = None
    ) -> int:
        where, params = _filters(person_id, goal_id, since)
        return int(self.scalar("SELECT count(*) FROM reflections r" + where, params))

    def update_reflection(self, reflection_id: int, patch: ReflectionPatch) -> Reflection:
        self.require("reflections", "reflection", reflection_id)
        fields = patch.changes()
        tags = fields.pop("tags", None)
        if "text" in fields:
            fields["text"] = validate.text(fields["text"], "reflection")
        if "day" in fields:
            fields["date"] = validate.day(fields.pop("day")).isoformat()
        if fields.get("goal_id") is not None:
            self.require("goals", "goal", fields["goal_id"])
        self.update_fields("reflections", reflection_id, fields)
        if tags is not None and self.set_tags("reflection", reflection_id, tags) and not fields:
            self.touch("reflections", reflection_id)
        return self.get_reflection(reflection_id)

    def delete_reflection(self, reflection_id: int) -> None:
        self.require("reflections", "reflection", reflection_id)
        self.db.execute("DELETE FROM reflections WHERE id = ?", [reflection_id])


def _filters(person_id: int | None, goal_id: int | None, since: date | None) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if person_id is not None:
        where.append("r.person_id = ?")
        params.append(person_id)
    if goal_id is not None:
        where.append("r.goal_id = ?")
        params.append(goal_id)
    if since is not None:
        where.append("r.date >= ?")
        params.append(since.isoformat())
    return (" WHERE " + " AND ".join(where) if where else ""), params
