"""What a review (md, html, csv, json, ics export) shows of one period, read in SQL and cut to size."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from mentorlog.core.health import Health, assess
from mentorlog.core.records import Action, Goal, Person, Reflection, Session, replace
from mentorlog.core.spans import DONE_LISTED, OPEN_LISTED, utc_bounds
from mentorlog.store.base import Repo
from mentorlog.store.records.actions import ACTION_SELECT, _action
from mentorlog.store.records.goals import GOAL_SELECT
from mentorlog.store.views.period import private_actions, scope

if TYPE_CHECKING:
    from mentorlog.core.reports import GoalChange, Review
from mentorlog.store.records.reflections import REFLECTION_SELECT
from mentorlog.store.records.sessions import SESSION_SELECT


class _Actions(NamedTuple):
    """The action items of a review: the latest done ones listed, how many were done, the most urgent open
    ones listed, and every item the review carries (created or done in the period, and the listed open ones)."""

    done: list[Action]
    done_total: int
    still_open: list[Action]
    every: list[Action]


class ReviewRepo(Repo):
    def review(
        self,
        since: date,
        until: date,
        *,
        person_id: int | None = None,
        include_private: bool = False,
        open_listed: int | None = OPEN_LISTED,
        done_listed: int = DONE_LISTED,
        every_action: bool = True,
    ) -> Review:
        """The period for an export. Private sessions, and the action items that came from them, are left
        out unless INCLUDE_PRIVATE; the most urgent OPEN_LISTED open and the latest DONE_LISTED done items
        are listed (every one when OPEN_LISTED is None), the rest counted. Without EVERY_ACTION (the Markdown and
        HTML reviews, which list only those), `actions` holds just the listed items and sessions no action ids."""
        sessions, private_days = self._sessions(since, until, person_id, include_private, every_action)
        rated = self.journal.skills.rated_skills(since, until, person_id=person_id, include_private=include_private)
        summary = self.journal.period.summary(
            since, until, person_id=person_id, include_private=include_private, period_skills=rated
        )
        actions = self._actions(since, until, person_id, include_private, (open_listed, done_listed), every_action)
        goals = self.journal.period.goal_changes(since, until, person_id=person_id, keep="moved")
        goal_records = self._goal_records(since, until, person_id, goals)
        reflections = self._reflections(since, until, person_id)
        people = [
            p for p in self.journal.people.list_people(include_closed=True) if person_id is None or p.id == person_id
        ]
        from mentorlog.core.reports import Review  # the exports' own: today and health do not load the reports

        skills = [
            replace(skill, ratings=[rating for rating in skill.ratings if rating.date >= since.isoformat()])
            for skill in rated
        ]
        return Review(
            since=since,
            until=until,
            today=self.today,
            people=people,
            with_name=self.journal.people.person_name(person_id),
            summary=summary,
            sessions=sessions,
            goals=goals,
            goal_records=goal_records,
            updates=sorted((u for g in goals for u in g.moves), key=lambda u: (u.date, u.id)),
            actions=actions.every,
            actions_done=actions.done,
            actions_open=actions.still_open,
            reflections=reflections,
            topics=self.journal.topics.list_topics(person_id=person_id),
            next_meetings=self.next_meetings(person_id),
            private_left_out=len(private_days),
            private_days=private_days,
            skills=skills,
            open_more=max(summary.actions.open - len(actions.still_open), 0),
            done_more=max(actions.done_total - len(actions.done), 0),
            health=self._health(since, until, people),
            targets=self.goal_targets(person_id),
        )

    def _sessions(
        self, since: date, until: date, person_id: int | None, include_private: bool, action_ids: bool
    ) -> tuple[list[Session], list[str]]:
        """The period's sessions, oldest first (the private ones unless INCLUDE_PRIVATE), and the dates of the
        private ones left out (a meeting held all the same)."""
        start, end = since.isoformat(), until.isoformat()
        where, params = scope("s", "", person_id, None)
        public = "" if include_private else " AND s.private = 0"
        sessions = self.journal.sessions.from_rows(
            self.rows(
                SESSION_SELECT + f" WHERE s.date BETWEEN ? AND ?{where}{public} ORDER BY s.date, s.id",
                [start, end, *params],
            ),
            action_ids=action_ids,
        )
        private_days = (
            []
            if include_private
            else [
                str(row["date"])
                for row in self.rows(
                    f"SELECT s.date FROM sessions s WHERE s.date BETWEEN ? AND ? AND s.private = 1{where}"
                    " ORDER BY s.date",
                    [start, end, *params],
                )
            ]
        )
        return sessions, private_days

    def _actions(
        self,
        since: date,
        until: date,
        person_id: int | None,
        include_private: bool,
        listed: tuple[int | None, int],
        every_action: bool,
    ) -> _Actions:
        """The period's action items: LISTED (how many open, how many done) cut in SQL; with EVERY_ACTION, also
        each item created in the period."""
        open_listed, done_listed = listed
        start_stamp, end_stamp = utc_bounds(since, until)
        hidden = private_actions("a", include_private)
        where, params = scope("a", "", person_id, None)
        done_sql = f" WHERE a.status = 'done' AND a.done_at >= ? AND a.done_at < ?{where}{hidden}"
        done = [
            _action(row)
            for row in self.rows(
                ACTION_SELECT + done_sql + " ORDER BY a.done_at DESC, a.id DESC LIMIT ?",
                [start_stamp, end_stamp, *params, done_listed],
            )
        ]
        done.reverse()
        done_total = int(self.scalar("SELECT count(*) FROM actions a" + done_sql, [start_stamp, end_stamp, *params]))
        still_open = [
            _action(row)
            for row in self.rows(
                ACTION_SELECT + f" WHERE a.status = 'open' AND a.created_at < ?{where}{hidden}"
                " ORDER BY a.due IS NULL, a.due, a.id LIMIT ?",
                [end_stamp, *params, -1 if open_listed is None else open_listed],  # LIMIT -1: no limit
            )
        ]
        created = (
            {
                row["id"]
                for row in self.rows(
                    f"SELECT a.id FROM actions a WHERE a.created_at >= ? AND a.created_at < ?{where}{hidden}",
                    [start_stamp, end_stamp, *params],
                )
            }
            if every_action
            else set()
        )
        shown = {action.id for action in [*done, *still_open]}
        return _Actions(done, done_total, still_open, self.journal.actions.actions_by_ids(sorted(created | shown)))

    def _goal_records(self, since: date, until: date, person_id: int | None, goals: list[GoalChange]) -> list[Goal]:
        """GOALS (the period's goal changes) and the goals achieved in the period, as records, long-term first."""
        where, params = scope("g", "", person_id, None)
        achieved = [
            row["id"]
            for row in self.rows(
                f"SELECT g.id FROM goals g WHERE g.achieved_at BETWEEN ? AND ?{where}",
                [since.isoformat(), until.isoformat(), *params],
            )
        ]
        goal_ids = list(dict.fromkeys([*(goal.id for goal in goals), *achieved]))
        goal_records = (
            self.journal.goals.from_rows(self.rows_in(GOAL_SELECT + " WHERE g.id IN ({ids})", goal_ids))
            if goal_ids
            else []
        )
        goal_records.sort(key=lambda goal: (goal.horizon == "short", goal.id))
        return goal_records

    def _reflections(self, since: date, until: date, person_id: int | None) -> list[Reflection]:
        """The period's reflections, oldest first."""
        where, params = scope("r", "", person_id, None)
        return self.journal.reflections.from_rows(
            self.rows(
                REFLECTION_SELECT + f" WHERE r.date BETWEEN ? AND ?{where} ORDER BY r.date, r.id",
                [since.isoformat(), until.isoformat(), *params],
            )
        )

    def _health(self, since: date, until: date, people: list[Person]) -> list[Health]:
        """The verdict on each relationship open in the period (the reviews show verdicts, not how long items
        took to be done)."""
        return [
            assess(self.journal.health.health_figures(person, since, until, closing_days=False))
            for person in people
            if not (person.closed_at and person.closed_at < since.isoformat())
        ]

    def goal_targets(self, person_id: int | None = None) -> list[Goal]:
        """Active goals and milestones with a target date, soonest first: the calendar's goal targets."""
        where, params = scope("g", "", person_id, None)
        return self.journal.goals.from_rows(
            self.rows(
                GOAL_SELECT + f" WHERE g.status = 'active' AND g.target IS NOT NULL{where} ORDER BY g.target, g.id",
                params,
            )
        )

    def next_meetings(self, person_id: int | None = None) -> list[Session]:
        """Per person, the latest session that named a next meeting, when that meeting is today or later.

        The date of a meeting is never private; the notes of a private session are left out here."""
        where, params = scope("s", "", person_id, None)
        found = self.journal.sessions.from_rows(
            self.rows(
                # per person, from the newest end of their sessions (not every session that ever named a date)
                SESSION_SELECT + " WHERE s.id IN (SELECT (SELECT t.id FROM sessions t WHERE t.person_id = m.id"
                " AND t.next_date IS NOT NULL ORDER BY t.date DESC, t.id DESC LIMIT 1) FROM people m)"
                f" AND s.next_date >= ?{where} ORDER BY s.next_date, s.id",
                [self.today.isoformat(), *params],
            )
        )
        return [replace(s, title="", notes="", feedback="", tags=[]) if s.private else s for s in found]
