"""The figures behind `health`, per relationship and window; each query bounded by the window through an
index (sessions by person and day, actions by person or owner and due day, or by person and day done)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from mentorlog.base.errors import MentorlogError
from mentorlog.base.i18n import _
from mentorlog.base.safe import inert
from mentorlog.core.dates import parse_since
from mentorlog.core.health import RECENT, WINDOW, Figures, Health, Side, assess
from mentorlog.core.records import Person
from mentorlog.core.spans import STALE_DAYS, expected_meetings, utc_bounds
from mentorlog.store.base import Repo


class HealthRepo(Repo):
    def health(self, since: date, until: date, *, person_id: int | None = None) -> list[Health]:
        """Every active relationship (or the one asked for, even closed), judged over SINCE to UNTIL."""
        if person_id is not None:
            person = self.journal.people.get_person(person_id)
            if person.started and person.started > until.isoformat():
                raise MentorlogError(
                    _("the relationship with {name} starts on {day}: nothing to judge yet").format(
                        name=inert(person.name), day=person.started
                    )
                )
            people = [person]
        else:  # a relationship that has not started yet has nothing to judge
            people = [p for p in self.journal.people.list_people() if not (p.started and p.started > until.isoformat())]
        return [assess(self.health_figures(person, since, until)) for person in people]

    def attention_for(self, person: Person) -> list[str]:
        """The `needs attention` reasons of PERSON's relationship over the default window (agenda, today)."""
        if person.status == "closed" or (person.started and person.started > self.today.isoformat()):
            return []
        since = parse_since(WINDOW, today=self.today)
        return assess(self.health_figures(person, since, self.today, closing_days=False)).attention

    def health_figures(self, person: Person, since: date, until: date, *, closing_days: bool = True) -> Figures:
        """The figures of PERSON's relationship over SINCE..UNTIL. Without CLOSING_DAYS, the days each item took to
        be done are left out (empty): no verdict uses them, only the `health` view and its JSON show them."""
        started = date.fromisoformat(person.started) if person.started else since
        start = max(since, started)
        end = min(until, date.fromisoformat(person.closed_at)) if person.closed_at else until
        if end < start:
            start = end
        sessions = self.rows(
            "SELECT date, confidence FROM sessions WHERE person_id = ? AND date BETWEEN ? AND ? ORDER BY date, id",
            [person.id, start.isoformat(), end.isoformat()],
        )
        before = self.scalar(
            "SELECT max(date) FROM sessions WHERE person_id = ? AND date < ?", [person.id, start.isoformat()]
        )
        days = [date.fromisoformat(before)] if before else [start]
        days += [date.fromisoformat(row["date"]) for row in sessions] + [end]
        gaps = [(later - earlier).days for earlier, later in pairwise(days)]
        me, them = self._sides(person.id, start, end)
        return Figures(
            person=person,
            since=start,
            until=end,
            held=len(sessions),
            expected=expected_meetings(since, end, started, person.cadence_days),
            longest_gap_days=max(gaps) if gaps else None,
            me=me,
            them=them,
            days_to_done=self._days_to_done(person.id, start, end) if closing_days else (),
            confidences=tuple(row["confidence"] for row in sessions if row["confidence"] is not None),
            topics_carried=self._topics_carried(person.id, start, end),
            stalled_goal_ids=tuple(
                row["id"]
                for row in self.rows(
                    "SELECT g.id FROM goals g WHERE g.person_id = ? AND g.status = 'active' AND coalesce("
                    "(SELECT max(u.date) FROM progress_updates u WHERE u.goal_id = g.id AND u.date <= ?),"
                    " date(g.created_at, 'localtime')) < ? ORDER BY g.id",
                    [person.id, end.isoformat(), (end - timedelta(days=STALE_DAYS)).isoformat()],
                )
            ),
            active_goals=int(
                self.scalar("SELECT count(*) FROM goals WHERE person_id = ? AND status = 'active'", [person.id])
            ),
        )

    def _topics_carried(self, person_id: int, start: date, end: date) -> int:
        """Topics that stayed open through two or more sessions with the person up to END (sessions after the day
        they were queued and before the day they were discussed), open at some time in the window; a dropped topic
        is not counted (someone decided it no longer matters)."""
        closed = "coalesce(d.date, date(t.discussed_at, 'localtime'))"
        # discussed in the window: in a session on or after START (the ids of those sessions are read once, from
        # the index by day), or without a session on or after START; decided from the topic's own row, so that only
        # these topics look up their session (each lookup reads a page of the sessions table)
        discussed_since = (
            "(t.session_id IN (SELECT id FROM sessions WHERE date >= ?2)"
            " OR t.session_id IS NULL AND date(t.discussed_at, 'localtime') >= ?2)"
        )
        return int(
            self.scalar(
                f"SELECT count(*) FROM topics t LEFT JOIN sessions d ON d.id = t.session_id"
                f" WHERE t.person_id = ?1 AND (t.status = 'open' OR t.status = 'discussed' AND {discussed_since})"
                f" AND EXISTS (SELECT 1 FROM sessions s WHERE s.person_id = t.person_id"  # a second such session:
                f" AND s.date > date(t.created_at, 'localtime') AND s.date <= ?3"  # the count stops at two
                f" AND (t.status = 'open' OR s.date < {closed}) LIMIT 1 OFFSET 1)",
                [person_id, start.isoformat(), end.isoformat()],
            )
        )

    def _sides(self, person_id: int, start: date, end: date) -> tuple[Side, Side]:
        """Action items due in the window, mine (no owner, in this relationship) and theirs (owned by them):
        done by their due day, done later, or still open after it. Counted in SQL; only the last RECENT of each
        side are read."""
        outcome = (
            "CASE WHEN status = 'done' THEN CASE WHEN coalesce(date(done_at, 'localtime'), '') <= due THEN 'on_time'"
            " ELSE 'late' END ELSE 'overdue' END"
        )
        due = " AND due BETWEEN ? AND ? AND status != 'dropped' AND (status = 'done' OR due < ?)"
        window = [start.isoformat(), end.isoformat(), self.today.isoformat()]
        sides = {True: "person_id = ? AND owner_id IS NULL", False: "owner_id = ?"}
        found = []
        for side in sides.values():
            counts = {
                row["outcome"]: row["n"]
                for row in self.rows(
                    f"SELECT {outcome} AS outcome, count(*) AS n FROM actions WHERE {side}{due} GROUP BY outcome",
                    [person_id, *window],
                )
            }
            recent = self.rows(
                f"SELECT {outcome} AS outcome FROM actions WHERE {side}{due} ORDER BY due DESC, id DESC LIMIT {RECENT}",
                [person_id, *window],
            )
            found.append(
                Side(
                    on_time=counts.get("on_time", 0),
                    late=counts.get("late", 0),
                    overdue=counts.get("overdue", 0),
                    recent=tuple(row["outcome"] != "on_time" for row in reversed(recent)),
                )
            )
        return found[0], found[1]

    def _days_to_done(self, person_id: int, start: date, end: date) -> tuple[int, ...]:
        low, high = utc_bounds(start, end)
        rows = self.rows(  # how many took each number of days, from the day the item was agreed: its session's
            # date, else the day it was added (a few dozen rows, whatever the window holds)
            "SELECT max(0, CAST(julianday(date(a.done_at, 'localtime')) - julianday(coalesce(s.date,"
            " date(a.created_at, 'localtime'))) AS INTEGER)) AS days, count(*) AS n FROM actions a"
            " LEFT JOIN sessions s ON s.id = a.session_id"
            " WHERE a.person_id = ? AND a.status = 'done' AND a.done_at >= ? AND a.done_at < ? GROUP BY 1 ORDER BY 1",
            [person_id, low, high],
        )
        return tuple(int(row["days"]) for row in rows for _ in range(row["n"]))
