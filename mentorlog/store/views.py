"""Reads for the views: one period's records (summary, timeline) and one person's brief (agenda)."""

from __future__ import annotations

from datetime import date
from typing import Any

from mentorlog.reports import Agenda, Period, agenda
from mentorlog.store.actions import ACTION_SELECT, _action
from mentorlog.store.base import placeholders
from mentorlog.store.goals import GOAL_SELECT, GoalsRepo
from mentorlog.store.people import PeopleRepo
from mentorlog.store.reflections import REFLECTION_SELECT, ReflectionsRepo
from mentorlog.store.sessions import SESSION_SELECT, SessionsRepo


class ViewsRepo(PeopleRepo, SessionsRepo, GoalsRepo, ReflectionsRepo):
    def goal_family(self, goal_id: int) -> list[int]:
        """A goal and all its milestones, at any depth."""
        self.require("goals", "goal", goal_id)
        found = [goal_id]
        frontier = [goal_id]
        while frontier:
            children = [
                item["id"]
                for item in self.rows(f"SELECT id FROM goals WHERE parent_id IN ({placeholders(frontier)})", frontier)
            ]
            frontier = [child for child in children if child not in found]
            found.extend(frontier)
        return found

    def period(self, since: date, until: date, *, person_id: int | None = None, goal_id: int | None = None) -> Period:
        start, end = since.isoformat(), until.isoformat()
        goal_ids = self.goal_family(goal_id) if goal_id is not None else None

        def scoped(alias: str, person_column: str = "person_id") -> tuple[str, list[Any]]:
            where, params = "", []
            if person_id is not None:
                where += f" AND {alias}.{person_column} = ?"
                params.append(person_id)
            return where, params

        where, params = scoped("s")
        if goal_ids is not None:
            where += f" AND s.id IN (SELECT session_id FROM session_goals WHERE goal_id IN ({placeholders(goal_ids)}))"
            params += goal_ids
        sessions = self._sessions(
            self.rows(
                SESSION_SELECT + f" WHERE s.date BETWEEN ? AND ?{where} ORDER BY s.date, s.id", [start, end, *params]
            )
        )
        where, params = scoped("a")
        if goal_ids is not None:
            where += f" AND a.goal_id IN ({placeholders(goal_ids)})"
            params += goal_ids
        actions = [
            _action(item)
            for item in self.rows(
                ACTION_SELECT
                + " WHERE (substr(a.created_at, 1, 10) BETWEEN ? AND ? OR substr(a.done_at, 1, 10) BETWEEN ? AND ?"
                + " OR (a.status = 'open' AND substr(a.created_at, 1, 10) <= ?))"
                + where
                + " ORDER BY a.id",
                [start, end, start, end, end, *params],
            )
        ]
        where, params = scoped("g")
        if goal_ids is not None:
            where += f" AND g.id IN ({placeholders(goal_ids)})"
            params += goal_ids
        goals = self._goals(self.rows(GOAL_SELECT + f" WHERE 1 = 1{where} ORDER BY g.horizon = 'short', g.id", params))
        updates = self._updates([goal.id for goal in goals])
        where, params = scoped("r")
        if goal_ids is not None:
            where += f" AND r.goal_id IN ({placeholders(goal_ids)})"
            params += goal_ids
        reflections = self._reflections(
            self.rows(
                REFLECTION_SELECT + f" WHERE r.date BETWEEN ? AND ?{where} ORDER BY r.date, r.id", [start, end, *params]
            )
        )
        people = [p for p in self.list_people() if person_id is None or p.id == person_id]
        return Period(since, until, self.today, sessions, actions, goals, updates, reflections, people)

    def _updates(self, goal_ids: list[int]) -> list[Any]:
        found = []
        for goal_id in goal_ids:
            found.extend(self.progress_updates(goal_id))
        return found

    def first_day(self) -> date:
        """The earliest date anything in the journal refers to (today for an empty journal)."""
        found = self.scalar(
            "SELECT min(day) FROM (SELECT min(date) AS day FROM sessions UNION ALL SELECT min(date) FROM reflections"
            " UNION ALL SELECT min(substr(created_at, 1, 10)) FROM goals"
            " UNION ALL SELECT min(substr(created_at, 1, 10)) FROM actions"
            " UNION ALL SELECT min(date) FROM progress_updates)"
        )
        return min(date.fromisoformat(found), self.today) if found else self.today

    def agenda_for(self, person_id: int) -> Agenda:
        person = self.get_person(person_id)
        today = self.today.isoformat()
        last = self.rows(
            SESSION_SELECT + " WHERE s.person_id = ? AND s.date <= ? ORDER BY s.date DESC, s.id DESC LIMIT 1",
            [person_id, today],
        )
        open_actions = [
            _action(item)
            for item in self.rows(
                ACTION_SELECT + " WHERE a.status = 'open' AND (a.person_id = ? OR a.owner_id = ?)"
                " ORDER BY a.due IS NULL, a.due, a.id",
                [person_id, person_id],
            )
        ]
        goals = self._goals(self.rows(GOAL_SELECT + " WHERE g.person_id = ? AND g.status = 'active'", [person_id]))
        return agenda(
            person,
            today=self.today,
            last_session=self._sessions(last)[0] if last else None,
            open_actions=open_actions,
            topics=self.list_topics(person_id=person_id),
            goals=goals,
            updates=self._updates([goal.id for goal in goals]),
            reflections=self.list_reflections(person_id=person_id, limit=None),
        )
