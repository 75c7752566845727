"""The brief before the next meeting with one person, each list cut to size in SQL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from mentorlog.core.health import agreement_reminder
from mentorlog.core.meetings import Agenda, cadence_kept, pick_agenda_person
from mentorlog.core.records import Person
from mentorlog.core.spans import STALE_DAYS
from mentorlog.store.base import Repo, placeholders
from mentorlog.store.records.actions import ACTION_SELECT, _action
from mentorlog.store.records.goals import GOAL_SELECT
from mentorlog.store.records.reflections import REFLECTION_SELECT
from mentorlog.store.records.sessions import SESSION_SELECT
from mentorlog.store.records.skills import ORDER, SKILL_SELECT, related

GROWTH_SINCE = 182  # days: the change a growth area shows in the agenda


class AgendaRepo(Repo):
    def agenda_person(self) -> Person | None:
        """Without --with: the person whose next meeting is soonest; else the one longest not met."""
        return pick_agenda_person(self.journal.people.list_people(), self.today)

    def agenda_for(self, person_id: int, *, items: int = 10) -> Agenda:
        """The brief for PERSON: each list cut to ITEMS, with how many more there are."""
        person = self.journal.people.get_person(person_id)
        today = self.today.isoformat()
        last = self.rows(
            SESSION_SELECT + " WHERE s.person_id = ? AND s.date <= ? ORDER BY s.date DESC, s.id DESC LIMIT 1",
            [person_id, today],
        )
        last_session = self.journal.sessions.from_rows(last)[0] if last else None
        sides = {
            "mine": " AND a.owner_id IS NULL AND a.person_id = ?",
            "theirs": " AND a.owner_id IS NOT NULL AND (a.person_id = ? OR a.owner_id = ?)",
        }
        lists: dict[str, list[Any]] = {}
        more: dict[str, int] = {}
        for side, condition in sides.items():
            params = [person_id] * condition.count("?")
            found = self.rows(
                ACTION_SELECT + " WHERE a.status = 'open'" + condition + " ORDER BY a.due IS NULL, a.due, a.id LIMIT ?",
                [*params, items],
            )
            lists[side] = [_action(item) for item in found]
            total = self.scalar("SELECT count(*) FROM actions a WHERE a.status = 'open'" + condition, params)
            more[side] = int(total) - len(found)
        stale, more["stale_goals"] = self.stale_goals(person_id, items)
        since = last_session.date if last_session else "0000"
        reflections = self.journal.reflections.from_rows(
            self.rows(
                REFLECTION_SELECT + " WHERE r.person_id = ? AND r.date >= ? ORDER BY r.date DESC, r.id DESC LIMIT ?",
                [person_id, since, items // 2],
            )
        )
        days = (self.today - date.fromisoformat(last_session.date)).days if last_session else None
        skills = self.journal.skills.from_rows(self.rows(SKILL_SELECT + " WHERE " + related() + ORDER, [person_id] * 3))
        active = {row["id"] for row in self.rows("SELECT id FROM goals WHERE status = 'active'")}
        growing = [skill for skill in skills if skill.kind == "growth" and active & set(skill.goal_ids)]
        from mentorlog.core.trends import gaps  # the agenda's own: today and health do not load the trends

        return Agenda(
            person=person,
            today=self.today,
            days_since_last=days,
            cadence_kept=cadence_kept(person, days, self.today),
            last_session=last_session,
            mine=lists["mine"],
            theirs=lists["theirs"],
            topics=self.journal.topics.list_topics(person_id=person_id),
            stale_goals=stale,
            reflections=reflections,
            more=more,
            attention=self.journal.health.attention_for(person),
            agreement_reminder=agreement_reminder(person, self.today),
            growth=self.journal.skills.skill_trends(growing, self.today - timedelta(days=GROWTH_SINCE), self.today),
            gaps=[gap for skill in skills for gap in gaps(skill, by=person_id)],
        )

    def stale_goals(self, person_id: int, items: int = 10) -> tuple[list[Any], int]:
        """Active goals with the person and no progress for STALE_DAYS: the first ITEMS, and how many more."""
        stale_before = (self.today - timedelta(days=STALE_DAYS)).isoformat()
        stale_sql = (
            " FROM goals g WHERE g.person_id = ? AND g.status = 'active' AND coalesce("
            "(SELECT max(u.date) FROM progress_updates u WHERE u.goal_id = g.id), date(g.created_at, 'localtime')) < ?"
        )
        ids = [
            row["id"]
            for row in self.rows("SELECT g.id" + stale_sql + " ORDER BY g.id LIMIT ?", [person_id, stale_before, items])
        ]
        total = int(self.scalar("SELECT count(*)" + stale_sql, [person_id, stale_before]))
        goals = (
            self.journal.goals.from_rows(self.rows(GOAL_SELECT + f" WHERE g.id IN ({placeholders(ids)})", ids))
            if ids
            else []
        )
        return goals, total - len(ids)
