"""Reads for the views: one period's records (summary, timeline) and one person's brief (agenda)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from mentorlog.reports import (
    MARK_ORDER,
    MARKS_PER_ROW,
    SPARK_POINTS,
    STALE_DAYS,
    Agenda,
    GoalRef,
    Mark,
    Period,
    agenda,
    goal_tree,
    timeline_rows,
    weekly,
)
from mentorlog.store.actions import ACTION_SELECT, ActionsRepo, _action
from mentorlog.store.base import placeholders
from mentorlog.store.goals import GOAL_SELECT, GoalsRepo, progress_update
from mentorlog.store.people import PeopleRepo
from mentorlog.store.reflections import REFLECTION_SELECT, ReflectionsRepo
from mentorlog.store.sessions import SESSION_SELECT, SessionsRepo


class ViewsRepo(ActionsRepo, PeopleRepo, SessionsRepo, GoalsRepo, ReflectionsRepo):
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

    def period(
        self,
        since: date,
        until: date,
        *,
        person_id: int | None = None,
        goal_id: int | None = None,
        open_limit: int | None = None,
    ) -> Period:
        """One period's records. Action items: those created or done in it, and those still open
        (the OPEN_LIMIT most urgent, or all)."""
        start, end = since.isoformat(), until.isoformat()
        goal_ids = self.goal_family(goal_id) if goal_id is not None else None

        def scoped(alias: str, goal_filter: str) -> tuple[str, list[Any]]:
            return _scope(alias, goal_filter, person_id, goal_ids)

        where, params = scoped("s", "s.id IN (SELECT session_id FROM session_goals WHERE goal_id IN ({ids}))")
        sessions = self._sessions(
            self.rows(
                SESSION_SELECT + f" WHERE s.date BETWEEN ? AND ?{where} ORDER BY s.date, s.id", [start, end, *params]
            )
        )
        where, params = scoped("a", "a.goal_id IN ({ids})")
        end_stamp = (until + timedelta(days=1)).isoformat()
        # Three index-friendly parts: created in the period, done in it, and (the most urgent) still open.
        open_part = " ORDER BY a.due IS NULL, a.due, a.id" + (" LIMIT ?" if open_limit is not None else "")
        ids: dict[int, None] = {}
        for sql, values in (
            ("a.created_at >= ? AND a.created_at < ?", [start, end_stamp]),
            ("a.done_at >= ? AND a.done_at < ?", [start, end_stamp]),
            ("a.status = 'open' AND a.created_at < ?" + where + open_part,
             [end_stamp, *params, *([open_limit] if open_limit is not None else [])]),
        ):  # fmt: skip
            clause = sql if "ORDER BY" in sql else sql + where
            extra = [] if "ORDER BY" in sql else params
            for row in self.rows("SELECT a.id FROM actions a WHERE " + clause, [*values, *extra]):
                ids.setdefault(row["id"], None)
        actions = self.actions_by_ids(list(ids))
        where, params = scoped("g", "g.id IN ({ids})")
        relevant = (
            " WHERE (g.status IN ('active', 'paused') OR g.achieved_at BETWEEN ? AND ?"
            " OR g.id IN (SELECT goal_id FROM progress_updates WHERE date BETWEEN ? AND ?))" + where
        )
        relevant_params = [start, end, start, end, *params]
        goals = self._goals(self.rows(GOAL_SELECT + relevant + " ORDER BY g.horizon = 'short', g.id", relevant_params))
        updates = [
            progress_update(row)
            for row in self.rows(
                "SELECT * FROM progress_updates WHERE goal_id IN (SELECT g.id FROM goals g" + relevant + ")"
                " ORDER BY date, id",
                relevant_params,
            )
        ]
        where, params = scoped("r", "r.goal_id IN ({ids})")
        reflections = self._reflections(
            self.rows(
                REFLECTION_SELECT + f" WHERE r.date BETWEEN ? AND ?{where} ORDER BY r.date, r.id", [start, end, *params]
            )
        )
        people = [p for p in self.list_people() if person_id is None or p.id == person_id]
        return Period(since, until, self.today, sessions, actions, goals, updates, reflections, people)

    def summary_figures(
        self, since: date, until: date, *, person_id: int | None = None, include_private: bool = True
    ) -> dict[str, Any]:
        """The figures of `summary`, aggregated in SQL (the same numbers as reports.summary on a Period).

        Without INCLUDE_PRIVATE, private sessions and the action items that came from them do not count.
        """
        start, end = since.isoformat(), until.isoformat()
        end_stamp = (until + timedelta(days=1)).isoformat()  # timestamps are compared as text
        who = " AND person_id = ?" if person_id is not None else ""
        public = "" if include_private else " AND private = 0"
        public_actions = (
            "" if include_private
            else " AND (session_id IS NULL OR session_id NOT IN (SELECT id FROM sessions WHERE private = 1))"
        )  # fmt: skip
        person = [person_id] if person_id is not None else []
        days = (until - since).days + 1
        cadences = self.rows(
            "SELECT cadence_days FROM people WHERE cadence_days IS NOT NULL" + (" AND id = ?" if person else ""), person
        )
        expected = sum(round(days / row["cadence_days"]) for row in cadences)
        sessions = int(
            self.scalar(f"SELECT count(*) FROM sessions WHERE date BETWEEN ? AND ?{who}{public}", [start, end, *person])
        )

        def count_actions(condition: str, values: list[Any]) -> int:
            sql = f"SELECT count(*) FROM actions WHERE {condition}{who}{public_actions}"
            return int(self.scalar(sql, [*values, *person]))

        created = count_actions("created_at >= ? AND created_at < ?", [start, end_stamp])
        created_done = count_actions("created_at >= ? AND created_at < ? AND status = 'done'", [start, end_stamp])
        done = count_actions("done_at >= ? AND done_at < ?", [start, end_stamp])
        still_open = count_actions("status = 'open' AND created_at < ?", [end_stamp])
        cutoff = min(until, self.today).isoformat()
        overdue = count_actions("status = 'open' AND due < ? AND created_at < ?", [cutoff, end_stamp])
        rated = [row["confidence"] for row in self.rows(
            f"SELECT confidence FROM sessions WHERE date BETWEEN ? AND ? AND confidence IS NOT NULL{who}{public}"
            " ORDER BY date, id", [start, end, *person],
        )]  # fmt: skip
        tags = self.rows(
            "SELECT tag, count(*) AS count FROM ("
            f" SELECT t.tag FROM session_tags t JOIN sessions s ON s.id = t.session_id"
            f"  WHERE s.date BETWEEN ? AND ?{who.replace('person_id', 's.person_id')}"
            f"{public.replace('private', 's.private')}"
            " UNION ALL SELECT t.tag FROM reflection_tags t JOIN reflections r ON r.id = t.reflection_id"
            f"  WHERE r.date BETWEEN ? AND ?{who.replace('person_id', 'r.person_id')}"
            ") GROUP BY tag ORDER BY count DESC, tag LIMIT 10",
            [start, end, *person, start, end, *person],
        )
        feedback = self.rows(
            "SELECT s.date, p.name AS with_name, s.feedback FROM sessions s LEFT JOIN people p ON p.id = s.person_id"
            f" WHERE s.date BETWEEN ? AND ? AND s.feedback != ''{who.replace('person_id', 's.person_id')}"
            f"{public.replace('private', 's.private')}"
            " ORDER BY s.date DESC, s.id DESC LIMIT 3",
            [start, end, *person],
        )
        reflections = self.rows(
            f"SELECT date, text FROM reflections WHERE date BETWEEN ? AND ?{who} ORDER BY date DESC, id DESC LIMIT 3",
            [start, end, *person],
        )
        from mentorlog.reports import sparkline

        return {
            "since": start,
            "until": end,
            "sessions": {"count": sessions, "expected": expected},
            "actions": {
                "created": created,
                "done": done,
                "open": still_open,
                "overdue": overdue,
                "completion_rate": round(created_done / created, 2) if created else None,
            },
            "goals": self._goal_progress(since, until, person_id),
            "confidence": {
                "first": rated[0] if rated else None,
                "last": rated[-1] if rated else None,
                "average": round(sum(rated) / len(rated), 1) if rated else None,
                "sparkline": sparkline(rated[-SPARK_POINTS:]),
            },
            "tags": [{"tag": row["tag"], "count": row["count"]} for row in tags],
            "highlights": {
                "feedback": [{"date": r["date"], "with": r["with_name"], "text": r["feedback"]} for r in feedback],
                "reflections": [{"date": r["date"], "text": r["text"]} for r in reflections],
            },
        }

    def _goal_progress(self, since: date, until: date, person_id: int | None) -> list[dict[str, Any]]:
        """Each goal's progress at the start and end of the period, from its dated updates."""
        before, end = (since - timedelta(days=1)).isoformat(), until.isoformat()

        def at(day: str) -> str:
            return (
                "coalesce("
                f"(SELECT u.progress FROM progress_updates u WHERE u.goal_id = g.id AND u.date <= '{day}'"
                "  ORDER BY u.date DESC, u.id DESC LIMIT 1),"
                "(SELECT u.progress_before FROM progress_updates u WHERE u.goal_id = g.id"
                " ORDER BY u.date, u.id LIMIT 1),"
                f"CASE WHEN substr(g.created_at, 1, 10) <= '{day}' THEN g.progress ELSE 0 END)"
            )

        rows = self.rows(
            f"SELECT id, title, status, parent_id, {at(before)} AS progress_start, {at(end)} AS progress_end"
            " FROM goals g WHERE substr(g.created_at, 1, 10) <= ?"
            + (" AND g.person_id = ?" if person_id is not None else "")
            + " ORDER BY g.horizon = 'short', g.id",
            [end, *([person_id] if person_id is not None else [])],
        )
        kept = [r for r in rows if r["status"] in ("active", "paused") or r["progress_start"] != r["progress_end"]]
        refs = [GoalRef(r["id"], r["parent_id"]) for r in kept]
        order = {goal.id: index for index, (goal, _depth) in enumerate(goal_tree(refs))}
        return [
            {
                "id": r["id"],
                "title": r["title"],
                "progress_start": r["progress_start"],
                "progress_end": r["progress_end"],
            }
            for r in sorted(kept, key=lambda r: order[r["id"]])
        ]

    def timeline_data(
        self, since: date, until: date, *, person_id: int | None = None, goal_id: int | None = None
    ) -> dict[str, Any]:
        """Rows (months, or weeks for 8 weeks or less) with their marks, at most MARKS_PER_ROW each
        (achievements and progress first), the count of everything per kind, and a bar per goal."""
        start, end = since.isoformat(), until.isoformat()
        end_stamp = (until + timedelta(days=1)).isoformat()
        family = self.goal_family(goal_id) if goal_id is not None else None
        scope: dict[str, tuple[str, list[Any]]] = {}
        for kind, alias, goal_clause in (
            ("session", "s", "s.id IN (SELECT session_id FROM session_goals WHERE goal_id IN ({ids}))"),
            ("progress", "g", "g.id IN ({ids})"),
            ("achieved", "g", "g.id IN ({ids})"),
            ("action", "a", "a.goal_id IN ({ids})"),
            ("reflection", "r", "r.goal_id IN ({ids})"),
        ):
            scope[kind] = _scope(alias, goal_clause, person_id, family)
        union = (
            "SELECT s.date AS day, 'session' AS kind, coalesce(nullif(s.title, ''), substr(s.notes, 1, 120)) AS text,"
            " coalesce(p.name, '') AS detail FROM sessions s LEFT JOIN people p ON p.id = s.person_id"
            f" WHERE s.date BETWEEN ? AND ?{scope['session'][0]}"
            " UNION ALL SELECT u.date, 'progress', g.title, u.progress_before || '% → ' || u.progress || '%'"
            " FROM progress_updates u JOIN goals g ON g.id = u.goal_id WHERE u.date BETWEEN ? AND ?"
            " AND u.progress != u.progress_before AND NOT (u.progress = 100 AND g.achieved_at = u.date)"
            f"{scope['progress'][0]}"
            " UNION ALL SELECT g.achieved_at, 'achieved', g.title, '' FROM goals g"
            f" WHERE g.achieved_at BETWEEN ? AND ?{scope['achieved'][0]}"
            " UNION ALL SELECT substr(a.done_at, 1, 10), 'action', a.text, coalesce(o.name, '') FROM actions a"
            " LEFT JOIN people o ON o.id = a.owner_id"
            f" WHERE a.status = 'done' AND a.done_at >= ? AND a.done_at < ?{scope['action'][0]}"
            " UNION ALL SELECT r.date, 'reflection', substr(r.text, 1, 200), '' FROM reflections r"
            f" WHERE r.date BETWEEN ? AND ?{scope['reflection'][0]}"
        )
        params: list[Any] = [
            start, end, *scope["session"][1], start, end, *scope["progress"][1], start, end, *scope["achieved"][1],
            start, end_stamp, *scope["action"][1], start, end, *scope["reflection"][1],
        ]  # fmt: skip
        if weekly(since, until):
            bucket = "date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days')"
        else:
            bucket = "substr(day, 1, 7)"
        order = "CASE kind " + " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(MARK_ORDER)) + " END"
        rows = {row.key: row for row in timeline_rows(since, until)}
        for item in self.rows(
            f"SELECT bucket, kind, count(*) AS n FROM (SELECT {bucket} AS bucket, kind FROM ({union}))"
            " GROUP BY bucket, kind",
            params,
        ):
            if item["bucket"] in rows:
                rows[item["bucket"]].counts[item["kind"]] = item["n"]
        for item in self.rows(
            # every kind takes turns (the newest of each first, achievements before progress before ...)
            f"SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY bucket ORDER BY turn, {order}) AS rank"
            f" FROM (SELECT *, {bucket} AS bucket, row_number() OVER (PARTITION BY {bucket}, kind ORDER BY day DESC)"
            f" AS turn FROM ({union}))) WHERE rank <= ? ORDER BY day, {order}",
            [*params, MARKS_PER_ROW],
        ):
            if item["bucket"] in rows:
                rows[item["bucket"]].marks.append(Mark(item["day"], item["kind"], item["text"], item["detail"]))
        goals = [g for g in self._goal_progress(since, until, person_id) if family is None or g["id"] in family]
        info = {
            row["id"]: row
            for row in self.rows(
                f"SELECT id, status, parent_id FROM goals WHERE id IN ({placeholders([g['id'] for g in goals])})",
                [g["id"] for g in goals],
            )
        } if goals else {}  # fmt: skip
        depths = dict(
            (ref.id, depth) for ref, depth in goal_tree([GoalRef(g["id"], info[g["id"]]["parent_id"]) for g in goals])
        )
        bars = [
            {"id": g["id"], "title": g["title"], "status": info[g["id"]]["status"], "start": g["progress_start"],
             "end": g["progress_end"], "parent_id": info[g["id"]]["parent_id"], "depth": depths[g["id"]]}
            for g in goals
        ]  # fmt: skip
        return {"since": start, "until": end, "rows": list(rows.values()), "goals": bars}

    def first_day(self) -> date:
        """The earliest date anything in the journal refers to (today for an empty journal)."""
        found = self.scalar(
            "SELECT min(day) FROM (SELECT min(date) AS day FROM sessions UNION ALL SELECT min(date) FROM reflections"
            " UNION ALL SELECT min(substr(created_at, 1, 10)) FROM goals"
            " UNION ALL SELECT min(substr(created_at, 1, 10)) FROM actions"
            " UNION ALL SELECT min(date) FROM progress_updates)"
        )
        return min(date.fromisoformat(found), self.today) if found else self.today

    def agenda_for(self, person_id: int, *, items: int = 10) -> Agenda:
        """The brief for PERSON: each list cut to ITEMS, with how many more there are."""
        person = self.get_person(person_id)
        today = self.today.isoformat()
        last = self.rows(
            SESSION_SELECT + " WHERE s.person_id = ? AND s.date <= ? ORDER BY s.date DESC, s.id DESC LIMIT 1",
            [person_id, today],
        )
        last_session = self._sessions(last)[0] if last else None
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
        stale_before = (self.today - timedelta(days=STALE_DAYS)).isoformat()
        stale_sql = (
            " FROM goals g WHERE g.person_id = ? AND g.status = 'active' AND coalesce("
            "(SELECT max(u.date) FROM progress_updates u WHERE u.goal_id = g.id), substr(g.created_at, 1, 10)) < ?"
        )
        stale_ids = [row["id"] for row in self.rows("SELECT g.id" + stale_sql + " ORDER BY g.id LIMIT ?",
                                                     [person_id, stale_before, items])]  # fmt: skip
        more["stale_goals"] = int(self.scalar("SELECT count(*)" + stale_sql, [person_id, stale_before])) - len(
            stale_ids
        )
        stale = (
            self._goals(self.rows(GOAL_SELECT + f" WHERE g.id IN ({placeholders(stale_ids)})", stale_ids))
            if stale_ids
            else []
        )
        since = last_session.date if last_session else "0000"
        reflections = self._reflections(
            self.rows(
                REFLECTION_SELECT + " WHERE r.person_id = ? AND r.date >= ? ORDER BY r.date DESC, r.id DESC LIMIT ?",
                [person_id, since, items // 2],
            )
        )
        return agenda(
            person,
            today=self.today,
            last_session=last_session,
            mine=lists["mine"],
            theirs=lists["theirs"],
            topics=self.list_topics(person_id=person_id),
            stale_goals=stale,
            reflections=reflections,
            more=more,
        )


def _scope(alias: str, goal_filter: str, person_id: int | None, goal_ids: list[int] | None) -> tuple[str, list[Any]]:
    """The person and goal filters for the table under ALIAS; GOAL_FILTER has `{ids}` for the goal ids."""
    where, params = "", list[Any]()
    if person_id is not None:
        where += f" AND {alias}.person_id = ?"
        params.append(person_id)
    if goal_ids is not None:
        where += " AND " + goal_filter.format(ids=placeholders(goal_ids))
        params += goal_ids
    return where, params
