"""The timeline of a period, computed in SQL: per row (month or week) the count of everything and its most
telling marks, and each goal's progress from the one goal-progress function."""

from __future__ import annotations

from datetime import date
from typing import Any

from mentorlog.reports import MARK_ORDER, MARKS_PER_ROW, Mark, Timeline, timeline_rows, utc_bounds, weekly
from mentorlog.store.period import PeriodRepo, scope
from mentorlog.store.skills import related

# a rating's mark: the skill, and `2 → 3 · me` (from the same rater's previous rating) or `level 3 · Dr. Weber`
RATING_MARK = (
    " UNION ALL SELECT r.date, 'rating', k.name, coalesce((SELECT q.level || ' → ' FROM skill_ratings q"
    " WHERE q.skill_id = r.skill_id AND q.rater_id IS r.rater_id AND (q.date < r.date OR (q.date = r.date"
    " AND q.id < r.id)) ORDER BY q.date DESC, q.id DESC LIMIT 1), 'level ') || r.level || ' · ' || coalesce(b.name,"
    " 'me') FROM skill_ratings r JOIN skills k ON k.id = r.skill_id LEFT JOIN people b ON b.id = r.rater_id"
    " WHERE r.date BETWEEN ? AND ?"
)


class TimelineRepo(PeriodRepo):
    def timeline(
        self,
        since: date,
        until: date,
        *,
        person_id: int | None = None,
        goal_id: int | None = None,
        marks_per_row: int | None = MARKS_PER_ROW,
    ) -> Timeline:
        """Rows (months, or weeks for 8 weeks or less) with their marks, at most MARKS_PER_ROW each (None: all),
        the newest of each kind first, the count of everything per kind, and a bar per goal."""
        start, end = since.isoformat(), until.isoformat()
        start_stamp, end_stamp = utc_bounds(since, until)
        family = self.goal_family(goal_id) if goal_id is not None else None
        where: dict[str, tuple[str, list[Any]]] = {
            kind: scope(alias, goal_clause, person_id, family)
            for kind, alias, goal_clause in (
                ("session", "s", "s.id IN (SELECT session_id FROM session_goals WHERE goal_id IN ({ids}))"),
                ("progress", "g", "g.id IN ({ids})"),
                ("achieved", "g", "g.id IN ({ids})"),
                ("action", "a", "a.goal_id IN ({ids})"),
                ("reflection", "r", "r.goal_id IN ({ids})"),
            )
        }
        # a relationship's close: with --with only that person's, with --goal none
        closed_where = " AND c.id = ?" if person_id is not None else " AND 0" if family is not None else ""
        closed_params = [person_id] if person_id is not None else []
        rated = " AND " + related() if person_id is not None else ""
        if family is not None:
            rated += (
                f" AND k.id IN (SELECT skill_id FROM skill_goals WHERE goal_id IN ({', '.join('?' for _ in family)}))"
            )
        where["rating"] = (rated, [*([person_id] * 3 if person_id is not None else []), *(family or [])])
        union = (
            "SELECT s.date AS day, 'session' AS kind, coalesce(nullif(s.title, ''), substr(s.notes, 1, 120)) AS text,"
            " coalesce(p.name, '') AS detail FROM sessions s LEFT JOIN people p ON p.id = s.person_id"
            f" WHERE s.date BETWEEN ? AND ?{where['session'][0]}"
            " UNION ALL SELECT u.date, 'progress', g.title, u.progress_before || '% → ' || u.progress || '%'"
            " FROM progress_updates u JOIN goals g ON g.id = u.goal_id WHERE u.date BETWEEN ? AND ?"
            " AND u.progress != u.progress_before AND NOT (u.progress = 100 AND g.achieved_at = u.date)"
            f"{where['progress'][0]}"
            " UNION ALL SELECT g.achieved_at, 'achieved', g.title, '' FROM goals g"
            f" WHERE g.achieved_at BETWEEN ? AND ?{where['achieved'][0]}"
            " UNION ALL SELECT date(a.done_at, 'localtime'), 'action', a.text, coalesce(o.name, '') FROM actions a"
            " LEFT JOIN people o ON o.id = a.owner_id"
            f" WHERE a.status = 'done' AND a.done_at >= ? AND a.done_at < ?{where['action'][0]}"
            " UNION ALL SELECT r.date, 'reflection', substr(r.text, 1, 200), '' FROM reflections r"
            f" WHERE r.date BETWEEN ? AND ?{where['reflection'][0]}"
            f"{RATING_MARK}{where['rating'][0]}"
            " UNION ALL SELECT c.closed_at, 'closed', 'Relationship with ' || c.name || ' closed', '' FROM people c"
            f" WHERE c.closed_at BETWEEN ? AND ?{closed_where}"
        )
        params: list[Any] = [
            start, end, *where["session"][1], start, end, *where["progress"][1], start, end, *where["achieved"][1],
            start_stamp, end_stamp, *where["action"][1], start, end, *where["reflection"][1],
            start, end, *where["rating"][1],
            start, end, *closed_params,
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
            f" AS turn FROM ({union}))) WHERE ? < 0 OR rank <= ? ORDER BY day, {order}",
            [*params, *[-1 if marks_per_row is None else marks_per_row] * 2],
        ):
            if item["bucket"] in rows:
                rows[item["bucket"]].marks.append(Mark(item["day"], item["kind"], item["text"], item["detail"]))
        goals = self.goal_changes(since, until, person_id=person_id, goal_ids=family)
        return Timeline(since, until, list(rows.values()), goals)
