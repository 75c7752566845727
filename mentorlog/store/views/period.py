"""Figures of one period, computed once in SQL: goal progress (the one function), and the summary."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mentorlog.core.records import ProgressUpdate, Skill
from mentorlog.core.spans import Confidence, expected_meetings, utc_bounds
from mentorlog.core.trees import SPARK_POINTS, goal_tree
from mentorlog.store.base import PRIVATE_SESSION_IDS, Repo, placeholders
from mentorlog.store.records.goals import progress_update

if TYPE_CHECKING:  # the report dataclasses are built by the methods below, not by today and health
    from mentorlog.core.reports import GoalChange, PersonFigures, Quote, Summary

ACTIVE = ("active", "paused")
# open action items are few and the journal's items many: count them from their own partial index (m010), which
# the planner, without statistics, would otherwise pass over for an index on all items
OPEN = " INDEXED BY idx_actions_open"
NO_CONFIDENCE = Confidence.of([])
# a period's sessions counted and their confidence summed from a covering index (m010)
FIGURES = " INDEXED BY idx_sessions_figures"


def scope(alias: str, goal_filter: str, person_id: int | None, goal_ids: list[int] | None) -> tuple[str, list[Any]]:
    """The person and goal filters for the table under ALIAS; GOAL_FILTER has `{ids}` for the goal ids."""
    where, params = "", list[Any]()
    if person_id is not None:
        where += f" AND {alias}.person_id = ?"
        params.append(person_id)
    if goal_ids is not None:
        where += " AND " + goal_filter.format(ids=placeholders(goal_ids))
        params += goal_ids
    return where, params


def private_actions(alias: str, include_private: bool) -> str:
    """Leaves out the action items that came from a private session (unless INCLUDE_PRIVATE)."""
    if include_private:
        return ""
    return f" AND ({alias}.session_id IS NULL OR {alias}.session_id NOT IN ({PRIVATE_SESSION_IDS}))"


class PeriodRepo(Repo):
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

    def goal_changes(
        self,
        since: date,
        until: date,
        *,
        person_id: int | None = None,
        goal_ids: list[int] | None = None,
        keep: str = "changed",
    ) -> list[GoalChange]:
        """Each goal's progress at the start and at the end of the period, in tree order — the one place
        goal progress over time is computed. KEEP `changed`: active and paused goals and those whose
        progress differs; `moved`: active and paused goals and those with an update in the period."""
        start, end = since.isoformat(), until.isoformat()
        _, created_by_end = utc_bounds(until, until)
        before_start, created_by_start = utc_bounds(since - timedelta(days=1), since - timedelta(days=1))
        where, params = scope("g", "g.id IN ({ids})", person_id, goal_ids)

        from mentorlog.core.reports import GoalChange

        def at(day: str, created_by: str) -> str:
            return (
                "coalesce("
                f"(SELECT u.progress FROM progress_updates u WHERE u.goal_id = g.id AND u.date <= '{day}'"
                "  ORDER BY u.date DESC, u.id DESC LIMIT 1),"
                "(SELECT u.progress_before FROM progress_updates u WHERE u.goal_id = g.id"
                " ORDER BY u.date, u.id LIMIT 1),"
                f"CASE WHEN g.created_at < '{created_by}' THEN g.progress ELSE 0 END)"
            )

        rows = self.rows(
            f"SELECT g.id, g.title, g.status, g.horizon, g.target, g.parent_id,"
            f" {at((since - timedelta(days=1)).isoformat(), created_by_start)} AS progress_start,"
            f" {at(end, created_by_end)} AS progress_end"
            # the goals that can show (running ones, those created or updated in the period) found through three
            # indexes, not by asking every goal ever written whether it qualifies
            " FROM goals g WHERE g.id IN (SELECT id FROM goals WHERE status IN ('active', 'paused')"
            "  UNION SELECT id FROM goals WHERE created_at >= ? AND created_at < ?"
            "  UNION SELECT goal_id FROM progress_updates WHERE date BETWEEN ? AND ?)"
            f" AND g.created_at < ?{where} ORDER BY g.horizon = 'short', g.id",
            [before_start, created_by_end, start, end, created_by_end, *params],
        )
        moves: dict[int, list[ProgressUpdate]] = {}
        if rows and keep == "moved":  # only reviews list the moves (and keep goals by them)
            ids = [row["id"] for row in rows]
            for update in self.rows_in(
                f"SELECT * FROM progress_updates WHERE date BETWEEN '{start}' AND '{end}' AND goal_id IN ({{ids}})",
                ids,
            ):
                moves.setdefault(update["goal_id"], []).append(progress_update(update))
        for found in moves.values():
            found.sort(key=lambda update: (update.date, update.id))
        kept = [
            row
            for row in rows
            if row["status"] in ACTIVE
            or (row["progress_start"] != row["progress_end"] if keep == "changed" else bool(moves.get(row["id"])))
        ]
        return [
            GoalChange(
                id=ref.row["id"],
                title=ref.row["title"],
                status=ref.row["status"],
                horizon=ref.row["horizon"],
                target=ref.row["target"],
                parent_id=ref.row["parent_id"],
                depth=depth,
                start=ref.row["progress_start"],
                end=ref.row["progress_end"],
                moves=tuple(moves.get(ref.id, [])),
            )
            for ref, depth in goal_tree([_Ref(row) for row in kept])
        ]

    def expected_by_person(self, since: date, until: date, person_id: int | None = None) -> dict[int, int]:
        """Meetings each relationship's cadence asks for in the period, counted from the relationship's start
        (`--since`, else its first session, else the day the person was added) and not after its close."""
        person = [person_id] if person_id is not None else []
        rows = self.rows(
            "SELECT p.id, p.cadence_days, p.closed_at, coalesce(p.started, (SELECT min(s.date) FROM sessions s"
            " WHERE s.person_id = p.id), date(p.created_at, 'localtime')) AS start_day FROM people p"
            " WHERE p.cadence_days IS NOT NULL" + (" AND p.id = ?" if person else ""),
            person,
        )
        expected = {}
        for row in rows:
            start = date.fromisoformat(row["start_day"])
            last = min(until, date.fromisoformat(row["closed_at"])) if row["closed_at"] else until
            expected[row["id"]] = expected_meetings(since, last, start, row["cadence_days"])
        return expected

    def expected_meetings(self, since: date, until: date, person_id: int | None) -> int:
        """Meetings the cadences ask for in the period (see expected_by_person)."""
        return sum(self.expected_by_person(since, until, person_id).values())

    def summary(
        self,
        since: date,
        until: date,
        *,
        person_id: int | None = None,
        include_private: bool = True,
        period_skills: list[Skill] | None = None,
    ) -> Summary:
        """The figures of `summary`, aggregated in SQL. Without INCLUDE_PRIVATE, private sessions and the
        action items that came from them do not count. PERIOD_SKILLS: the period's rated_skills, when the caller (a
        review) reads them anyway."""
        from mentorlog.core.reports import ActionFigures, Quote, Summary

        start, end = since.isoformat(), until.isoformat()
        start_stamp, end_stamp = utc_bounds(since, until)
        who = " AND person_id = ?" if person_id is not None else ""
        public = "" if include_private else " AND private = 0"
        person = [person_id] if person_id is not None else []
        # a private session is a meeting held like any other: only its content (confidence, tags, feedback) stays out
        sessions = int(
            self.scalar(f"SELECT count(*) FROM sessions WHERE date BETWEEN ? AND ?{who}", [start, end, *person])
        )

        def count_actions(condition: str, values: list[Any], index: str = "") -> int:
            sql = f"SELECT count(*) FROM actions a{index} WHERE {condition}{who}{private_actions('a', include_private)}"
            return int(self.scalar(sql, [*values, *person]))

        created = count_actions("created_at >= ? AND created_at < ?", [start_stamp, end_stamp])
        created_done = count_actions("created_at >= ? AND created_at < ? AND status = 'done'", [start_stamp, end_stamp])
        done = count_actions("done_at >= ? AND done_at < ?", [start_stamp, end_stamp])
        still_open = count_actions("status = 'open' AND created_at < ?", [end_stamp], OPEN)
        cutoff = min(until, self.today).isoformat()
        overdue = count_actions("status = 'open' AND due < ? AND created_at < ?", [cutoff, end_stamp], OPEN)
        rated = self._confidence(f"date BETWEEN ? AND ?{who}{public}", [start, end, *person])
        return Summary(
            since=since,
            until=until,
            sessions=sessions,
            expected=self.expected_meetings(since, until, person_id),
            actions=ActionFigures(
                created, done, still_open, overdue, round(created_done / created, 2) if created else None, created_done
            ),
            goals=self.goal_changes(since, until, person_id=person_id),
            confidence=rated,
            tags=self._top_tags(start, end, who, public, person),
            feedback=self._feedback(start, end, who, public, person),
            people=self._per_person(since, until, person_id, include_private),
            reflections=[
                Quote(row["date"], row["text"])
                for row in self.rows(
                    f"SELECT date, text FROM reflections WHERE date BETWEEN ? AND ?{who}"
                    " ORDER BY date DESC, id DESC LIMIT 3",
                    [start, end, *person],
                )
            ],
            skills=self.journal.skills.skill_changes(
                since, until, person_id=person_id, include_private=include_private, rated=period_skills
            ),
        )

    def _per_person(
        self, since: date, until: date, person_id: int | None, include_private: bool
    ) -> list[PersonFigures]:
        """Each relationship of the period on its own: a mentor's confidence is never averaged with a mentee's."""
        from mentorlog.core.reports import PersonFigures

        start, end = since.isoformat(), until.isoformat()
        _, end_stamp = utc_bounds(since, until)
        who = " AND person_id = ?" if person_id is not None else ""
        person = [person_id] if person_id is not None else []
        public = "" if include_private else " AND private = 0"
        figures = self.rows(
            "SELECT person_id, count(*) AS held, count(confidence) AS n, sum(confidence) AS total"
            f" FROM sessions{FIGURES} WHERE date BETWEEN ? AND ?{who}{public} AND person_id IS NOT NULL"
            " GROUP BY person_id",
            [start, end, *person],
        )
        held = {row["person_id"]: row["held"] for row in figures}
        if not include_private:  # a private session is still a meeting held: counted, its confidence left out
            held = {
                row["person_id"]: row["held"]
                for row in self.rows(
                    f"SELECT person_id, count(*) AS held FROM sessions{FIGURES} WHERE date BETWEEN ? AND ?{who}"
                    " AND person_id IS NOT NULL GROUP BY person_id",
                    [start, end, *person],
                )
            }
        ratings = {
            row["person_id"]: self._confidence(
                f"person_id = ? AND date BETWEEN ? AND ?{public}", [row["person_id"], start, end], row
            )
            for row in figures
        }
        cutoff = min(until, self.today).isoformat()
        items = {
            row["person_id"]: row
            for row in self.rows(
                "SELECT person_id, count(*) AS open, sum(due < ?) AS overdue FROM actions a"
                " INDEXED BY idx_actions_open_person"
                f" WHERE status = 'open' AND created_at < ?{who}{private_actions('a', include_private)}"
                " AND person_id IS NOT NULL GROUP BY person_id",
                [cutoff, end_stamp, *person],
            )
        }
        expected = self.expected_by_person(since, until, person_id)
        people = self.rows(
            "SELECT id, name, role, status FROM people" + (" WHERE id = ?" if person else "") + " ORDER BY name", person
        )
        return [
            PersonFigures(
                row["id"], row["name"], row["role"], held.get(row["id"], 0), expected.get(row["id"], 0),
                ratings.get(row["id"], NO_CONFIDENCE), int(items[row["id"]]["open"]) if row["id"] in items else 0,
                int(items[row["id"]]["overdue"] or 0) if row["id"] in items else 0,
            )
            for row in people
            if row["status"] == "active" or row["id"] in held or expected.get(row["id"])
        ]  # fmt: skip

    def _confidence(self, where: str, params: list[Any], figures: dict[str, Any] | None = None) -> Confidence:
        """The confidence of the sessions WHERE: averaged from an index (or FIGURES, their n and total), first and
        latest read from the two ends of the date index."""
        where = f"{where} AND confidence IS NOT NULL"
        if figures is None:
            sql = f"SELECT count(*) AS n, sum(confidence) AS total FROM sessions{FIGURES} WHERE {where}"
            figures = self.rows(sql, params)[0]
        if not figures["n"]:
            return NO_CONFIDENCE
        first = self.scalar(f"SELECT confidence FROM sessions WHERE {where} ORDER BY date, id LIMIT 1", params)
        latest = self.rows(
            f"SELECT confidence FROM sessions WHERE {where} ORDER BY date DESC, id DESC LIMIT {SPARK_POINTS}", params
        )
        return Confidence.of_parts(
            first, [row["confidence"] for row in reversed(latest)], figures["total"], figures["n"]
        )

    def _top_tags(self, start: str, end: str, who: str, public: str, person: list[int]) -> list[tuple[str, int]]:
        rows = self.rows(
            "SELECT tag, count(*) AS count FROM ("
            " SELECT t.tag FROM session_tags t JOIN sessions s ON s.id = t.session_id"
            f"  WHERE s.date BETWEEN ? AND ?{who.replace('person_id', 's.person_id')}"
            f"{public.replace('private', 's.private')}"
            " UNION ALL SELECT t.tag FROM reflection_tags t JOIN reflections r ON r.id = t.reflection_id"
            f"  WHERE r.date BETWEEN ? AND ?{who.replace('person_id', 'r.person_id')}"
            ") GROUP BY tag ORDER BY count DESC, tag LIMIT 10",
            [start, end, *person, start, end, *person],
        )
        return [(row["tag"], row["count"]) for row in rows]

    def _feedback(self, start: str, end: str, who: str, public: str, person: list[int]) -> list[Quote]:
        from mentorlog.core.reports import Quote

        rows = self.rows(
            "SELECT s.date, p.name AS with_name, s.feedback FROM sessions s LEFT JOIN people p ON p.id = s.person_id"
            f" WHERE s.date BETWEEN ? AND ? AND s.feedback != ''{who.replace('person_id', 's.person_id')}"
            f"{public.replace('private', 's.private')}"
            " ORDER BY s.date DESC, s.id DESC LIMIT 3",
            [start, end, *person],
        )
        return [Quote(row["date"], row["feedback"], row["with_name"]) for row in rows]

    def first_day(self) -> date:
        """The earliest date anything in the journal refers to (today for an empty journal)."""
        found = self.scalar(
            "SELECT min(day) FROM (SELECT min(date) AS day FROM sessions UNION ALL SELECT min(date) FROM reflections"
            " UNION ALL SELECT date(min(created_at), 'localtime') FROM goals"
            " UNION ALL SELECT date(min(created_at), 'localtime') FROM actions"
            " UNION ALL SELECT min(date) FROM progress_updates UNION ALL SELECT min(date) FROM skill_ratings)"
        )
        return min(date.fromisoformat(found), self.today) if found else self.today


class _Ref:
    """A goal row as a tree node."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.row = row
        self.id: int = row["id"]
        self.parent_id: int | None = row["parent_id"]
