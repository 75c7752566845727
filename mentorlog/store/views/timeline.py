"""The timeline of a period, computed in SQL: per row (month or week) the count of everything and its most
telling marks, and each goal's progress from the one goal-progress function."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from mentorlog.core.spans import MARKS_PER_ROW, utc_bounds
from mentorlog.store.base import Repo
from mentorlog.store.records.skills import related
from mentorlog.store.views.period import scope

if TYPE_CHECKING:
    from mentorlog.core.reports import Row, Timeline

# a rating's mark: the skill, and `2 → 3 · me` (from the same rater's previous rating) or `level 3 · Dr. Weber`;
# my rating of a person's skill names them too: `level 3 · me · Anna Schmidt`
RATING_MARK = (
    "r.date AS day, k.name AS text, coalesce((SELECT q.level || ' → ' FROM skill_ratings q"
    " WHERE q.skill_id = r.skill_id AND q.rater_id IS r.rater_id AND (q.date < r.date OR (q.date = r.date"
    " AND q.id < r.id)) ORDER BY q.date DESC, q.id DESC LIMIT 1), 'level ') || r.level || ' · ' || coalesce(b.name,"
    " 'me' || coalesce(' · ' || kp.name, '')) AS detail"
)
RATED = (
    "skill_ratings r JOIN skills k ON k.id = r.skill_id LEFT JOIN people b ON b.id = r.rater_id"
    " LEFT JOIN people kp ON kp.id = k.person_id"
)
# the kind whose marks a row shows first, before the others take turns: the meetings
FIRST_KIND = "session"


# kind -> (columns of a mark, FROM ... WHERE with the row's two bounds first, newest day first (the first written
# first within a day), the other parameters, whether the bounds are stamps)
Branches = dict[str, tuple[str, str, str, list[Any], bool]]


class TimelineRepo(Repo):
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
        from mentorlog.core.reports import Timeline, timeline_rows  # today and health do not load them

        family = self.journal.period.goal_family(goal_id) if goal_id is not None else None
        branches = _branches(person_id, family)
        rows = timeline_rows(since, until)
        for row in rows:  # each row (month or week) on its own: its counts, and its newest marks of each kind
            self._fill(row, branches, marks_per_row)
        goals = self.journal.period.goal_changes(since, until, person_id=person_id, goal_ids=family)
        return Timeline(since, until, rows, goals)

    def _fill(self, row: Row, branches: Branches, marks_per_row: int | None) -> None:
        """ROW's count of each kind, and its newest marks (at most MARKS_PER_ROW, None: all)."""
        from mentorlog.core.reports import MARK_ORDER, Mark

        candidates: list[tuple[int, int, Mark]] = []
        for kind, (columns, source, newest, extra, stamps) in sorted(branches.items()):  # counts by kind
            bounds = list(utc_bounds(row.start, row.end)) if stamps else [row.start.isoformat(), row.end.isoformat()]
            count = int(self.scalar(f"SELECT count(*) FROM {source}", [*bounds, *extra]))
            if not count:
                continue
            row.counts[kind] = count
            newest_first = self._newest(columns, source, newest, [*bounds, *extra], marks_per_row)
            for turn, item in enumerate(newest_first):
                mark = Mark(item[0], kind, item[1], item[2])
                candidates.append((turn, MARK_ORDER.index(kind), mark))
        # the row's sessions first (the newest if more than fit, leaving one place for each other kind while the
        # sessions keep at least half of them), then every other kind takes turns (the newest of each first,
        # achievements before progress before ...); shown in that order: sessions, then the rest, each by day
        sessions = [found for found in candidates if found[2].kind == FIRST_KIND]
        others = sorted((found for found in candidates if found[2].kind != FIRST_KIND), key=lambda f: (f[0], f[1]))
        if marks_per_row is not None:
            other_kinds = len({found[2].kind for found in others})
            sessions = sessions[: max(marks_per_row - other_kinds, marks_per_row // 2)]
            others = others[: marks_per_row - len(sessions)]
        for kept in (sessions, others):
            kept.sort(key=lambda found: (found[2].day, found[1], found[0]))
            row.marks.extend(mark for _, _, mark in kept)

    def _newest(self, columns: str, source: str, newest: str, params: list[Any], wanted: int | None) -> list[Any]:
        """The WANTED (None: all) newest marks of one kind in one row: newest day first, and within a day the first
        written first. Read in index order (newest first) only as far as the day of the last one wanted."""
        cursor = self.db.execute(
            f"SELECT {columns}, {newest.split()[0]} AS tie FROM {source} ORDER BY {newest}", params
        )
        found: list[Any] = []
        for item in cursor:
            if wanted is not None and len(found) >= wanted and item[0] != found[wanted - 1][0]:
                break
            found.append(item)
        cursor.close()
        found.sort(key=lambda item: item[3])  # within a day: first written first (a stable sort keeps id order)
        found.sort(key=lambda item: item[0], reverse=True)
        return found if wanted is None else found[:wanted]


def _filters(person_id: int | None, family: list[int] | None) -> dict[str, tuple[str, list[Any]]]:
    """Each kind's filters (SQL after WHERE, and its parameters): by the person, and by the goal FAMILY."""
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
    rated = " AND " + related() if person_id is not None else ""
    if family is not None:
        rated += f" AND k.id IN (SELECT skill_id FROM skill_goals WHERE goal_id IN ({', '.join('?' for _ in family)}))"
    where["rating"] = (rated, [*([person_id] * 3 if person_id is not None else []), *(family or [])])
    # a relationship's close: with --with only that person's, with --goal none
    closed_where = " AND c.id = ?" if person_id is not None else " AND 0" if family is not None else ""
    where["closed"] = (closed_where, [person_id] if person_id is not None else [])
    return where


def _branches(person_id: int | None, family: list[int] | None) -> Branches:
    """How each kind's marks are counted and read (see Branches), filtered by the person and the goal FAMILY."""
    where = _filters(person_id, family)
    return {
        "session": (
            "s.date AS day, coalesce(nullif(s.title, ''), substr(s.notes, 1, 120)) AS text,"
            " coalesce(p.name, '') AS detail",
            f"sessions s LEFT JOIN people p ON p.id = s.person_id WHERE s.date BETWEEN ? AND ?{where['session'][0]}",
            "s.date DESC, s.id",
            where["session"][1],
            False,
        ),
        "progress": (
            "u.date AS day, g.title AS text, u.progress_before || '% → ' || u.progress || '%' AS detail",
            "progress_updates u JOIN goals g ON g.id = u.goal_id WHERE u.date BETWEEN ? AND ?"
            " AND u.progress != u.progress_before AND NOT (u.progress = 100 AND g.achieved_at = u.date)"
            f"{where['progress'][0]}",
            "u.date DESC, u.id",
            where["progress"][1],
            False,
        ),
        "achieved": (
            "g.achieved_at AS day, g.title AS text, '' AS detail",
            f"goals g WHERE g.achieved_at BETWEEN ? AND ?{where['achieved'][0]}",
            "g.achieved_at DESC, g.id",
            where["achieved"][1],
            False,
        ),
        "action": (
            # whose: the owner, or `me · Dr. Weber` for mine in a relationship
            "date(a.done_at, 'localtime') AS day, a.text AS text, coalesce(o.name, 'me · ' || w.name, '') AS detail",
            "actions a LEFT JOIN people o ON o.id = a.owner_id LEFT JOIN people w ON w.id = a.person_id"
            f" WHERE a.done_at >= ? AND a.done_at < ? AND a.status = 'done'{where['action'][0]}",
            "a.done_at DESC, a.id",
            where["action"][1],
            True,
        ),
        "reflection": (
            "r.date AS day, substr(r.text, 1, 200) AS text, coalesce(w.name, '') AS detail",
            f"reflections r LEFT JOIN people w ON w.id = r.person_id WHERE r.date BETWEEN ? AND ?"
            f"{where['reflection'][0]}",
            "r.date DESC, r.id",
            where["reflection"][1],
            False,
        ),
        "rating": (
            RATING_MARK,
            f"{RATED} WHERE r.date BETWEEN ? AND ?{where['rating'][0]}",
            "r.date DESC, r.id",
            where["rating"][1],
            False,
        ),
        "closed": (
            "c.closed_at AS day, 'Relationship with ' || c.name || ' closed' AS text, '' AS detail",
            f"people c WHERE c.closed_at BETWEEN ? AND ?{where['closed'][0]}",
            "c.closed_at DESC, c.id",
            where["closed"][1],
            False,
        ),
    }
