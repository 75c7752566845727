"""The reports as typed values — Summary, Timeline, Agenda, Review — and the small pure rules they share.

The store computes every figure once, in SQL, and returns these; the terminal views and the export
templates read them. Nothing here does I/O or reads a clock.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mentorlog.base.values import Frozen, Value
from mentorlog.core.records import Action, Goal, Person, ProgressUpdate, Reflection, Session, Skill, Topic
from mentorlog.core.spans import DONE_LISTED as DONE_LISTED
from mentorlog.core.spans import MARKS_PER_ROW as MARKS_PER_ROW  # re-exported: these live in the light spans.py
from mentorlog.core.spans import OPEN_LISTED as OPEN_LISTED
from mentorlog.core.spans import STALE_DAYS as STALE_DAYS  # (today and health need them, not the report dataclasses)
from mentorlog.core.spans import Confidence as Confidence
from mentorlog.core.spans import expected_meetings as expected_meetings
from mentorlog.core.spans import local_day as local_day
from mentorlog.core.spans import utc_bounds as utc_bounds
from mentorlog.core.trees import SPARK as SPARK  # re-exported: these live in the light trees.py (the goals and
from mentorlog.core.trees import SPARK_POINTS as SPARK_POINTS  # skills lists need them, not the report dataclasses)
from mentorlog.core.trees import TreeNode as TreeNode
from mentorlog.core.trees import goal_tree as goal_tree
from mentorlog.core.trees import sparkline as sparkline

if TYPE_CHECKING:
    from mentorlog.core.health import Health
    from mentorlog.core.trends import SkillChange

MARK_ORDER = ("closed", "achieved", "progress", "session", "rating", "reflection", "action")  # first in each turn


# goals ---------------------------------------------------------------------------------------------


class GoalChange(Frozen):
    """A goal's progress at the start and the end of a period, placed in the goal tree."""

    __slots__ = ("id", "title", "status", "horizon", "target", "parent_id", "depth", "start", "end", "moves")  # noqa: RUF023

    id: int
    title: str
    status: str
    horizon: str
    target: str | None
    parent_id: int | None
    depth: int
    start: int
    end: int
    moves: tuple[ProgressUpdate, ...]  # the progress updates inside the period (reviews list them)

    def __init__(
        self,
        id: int,
        title: str,
        status: str,
        horizon: str,
        target: str | None,
        parent_id: int | None,
        depth: int,
        start: int,
        end: int,
        moves: tuple[ProgressUpdate, ...] = (),
    ) -> None:
        self._fields(
            id=id, title=title, status=status, horizon=horizon, target=target, parent_id=parent_id, depth=depth,
            start=start, end=end, moves=moves,
        )  # fmt: skip

    @property
    def delta(self) -> int:
        return self.end - self.start

    def summary_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "progress_start": self.start, "progress_end": self.end}

    def timeline_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "start": self.start,
            "end": self.end,
            "parent_id": self.parent_id,
            "depth": self.depth,
        }


# summary -------------------------------------------------------------------------------------------


class ActionFigures(Frozen):
    """Action items in a period: created, done, still open and overdue."""

    __slots__ = ("created", "done", "open", "overdue", "completion_rate", "created_done")  # noqa: RUF023

    created: int
    done: int
    open: int
    overdue: int
    completion_rate: float | None  # of the items created in the period, the share done
    created_done: int  # of the items created in the period, how many are done (whenever that was)

    def __init__(
        self, created: int, done: int, open: int, overdue: int, completion_rate: float | None, created_done: int = 0
    ) -> None:
        self._fields(
            created=created, done=done, open=open, overdue=overdue, completion_rate=completion_rate,
            created_done=created_done,
        )  # fmt: skip


class Quote(Frozen):
    """A highlight: a piece of feedback (with whom) or a reflection."""

    __slots__ = ("date", "text", "with_name")

    date: str
    text: str
    with_name: str | None

    def __init__(self, date: str, text: str, with_name: str | None = None) -> None:
        self._fields(date=date, text=text, with_name=with_name)


class PersonFigures(Frozen):
    """One relationship in a period: its own meetings, confidence trend and open items."""

    __slots__ = ("person_id", "name", "role", "sessions", "expected", "confidence", "open", "overdue")  # noqa: RUF023

    person_id: int
    name: str
    role: str
    sessions: int
    expected: int
    confidence: Confidence
    open: int
    overdue: int

    def __init__(
        self,
        person_id: int,
        name: str,
        role: str,
        sessions: int,
        expected: int,
        confidence: Confidence,
        open: int,
        overdue: int,
    ) -> None:
        self._fields(
            person_id=person_id, name=name, role=role, sessions=sessions, expected=expected, confidence=confidence,
            open=open, overdue=overdue,
        )  # fmt: skip

    def to_json(self) -> dict[str, Any]:  # computed: nested figures under other names
        return {
            "person": self.name,
            "role": self.role,
            "sessions": {"count": self.sessions, "expected": self.expected},
            "confidence": self.confidence.to_json(),
            "actions": {"open": self.open, "overdue": self.overdue},
        }


class Summary(Frozen):
    """The figures of a period (the `summary` view): sessions, actions, goals, people, skills."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "since", "until", "sessions", "expected", "actions", "goals", "confidence", "tags", "feedback", "reflections",
        "people", "skills",
    )  # fmt: skip

    since: date
    until: date
    sessions: int
    expected: int
    actions: ActionFigures
    goals: list[GoalChange]
    confidence: Confidence
    tags: list[tuple[str, int]]
    feedback: list[Quote]
    reflections: list[Quote]
    people: list[PersonFigures]  # per relationship, in name order
    skills: list[SkillChange]  # skills rated in the period

    def __init__(
        self,
        since: date,
        until: date,
        sessions: int,
        expected: int,
        actions: ActionFigures,
        goals: list[GoalChange],
        confidence: Confidence,
        tags: list[tuple[str, int]],
        feedback: list[Quote],
        reflections: list[Quote],
        people: list[PersonFigures] | None = None,
        skills: list[SkillChange] | None = None,
    ) -> None:
        self._fields(
            since=since, until=until, sessions=sessions, expected=expected, actions=actions, goals=goals,
            confidence=confidence, tags=tags, feedback=feedback, reflections=reflections,
            people=[] if people is None else people, skills=[] if skills is None else skills,
        )  # fmt: skip

    @property
    def is_empty(self) -> bool:
        return (
            not self.sessions
            and not self.actions.created
            and not self.goals
            and not self.skills
            and not self.reflections
        )

    def to_json(self) -> dict[str, Any]:  # computed: product.md's summary shape, nested and renamed
        a = self.actions
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "sessions": {"count": self.sessions, "expected": self.expected},
            "actions": {
                "created": a.created,
                "done": a.done,
                "open": a.open,
                "overdue": a.overdue,
                "completion_rate": a.completion_rate,
                "created_done": a.created_done,
            },
            "goals": [goal.summary_json() for goal in self.goals],
            "confidence": self.confidence.to_json(),
            "tags": [{"tag": tag, "count": count} for tag, count in self.tags],
            "skills": [skill.summary_json() for skill in self.skills],
            "highlights": {
                "feedback": [{"date": q.date, "with": q.with_name, "text": q.text} for q in self.feedback],
                "reflections": [{"date": q.date, "text": q.text} for q in self.reflections],
            },
            "people": [person.to_json() for person in self.people],
        }


# timeline ------------------------------------------------------------------------------------------


class Mark(Value):
    """One event on the timeline: a session, an update, an achieved goal, a rating, ..."""

    __slots__ = ("day", "kind", "text", "detail")  # noqa: RUF023

    def __init__(self, day: str, kind: str, text: str, detail: str = "") -> None:
        self.day, self.kind, self.text, self.detail = day, kind, text, detail  # kind: one of MARK_ORDER

    def to_json(self) -> dict[str, Any]:
        return {"day": self.day, "kind": self.kind, "text": self.text, "detail": self.detail}


class Row(Value):
    """One month (or week) of the timeline with its marks."""

    __slots__ = ("label", "key", "start", "end", "marks", "counts")  # noqa: RUF023

    def __init__(
        self,
        label: str,
        key: str,  # YYYY-MM for a month, the Monday's date for a week
        start: date,
        end: date,
        marks: list[Mark] | None = None,
        counts: dict[str, int] | None = None,  # everything in the row, by kind
    ) -> None:
        self.label, self.key, self.start, self.end = label, key, start, end
        self.marks: list[Mark] = [] if marks is None else marks
        self.counts: dict[str, int] = {} if counts is None else counts

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict[str, Any]:  # computed: the key is left out, the days as ISO text
        return {
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "counts": self.counts,
            "marks": [mark.to_json() for mark in self.marks],
        }


class Timeline(Value):
    """The `timeline` view: rows of marks per month or week, and the goals that moved."""

    __slots__ = ("since", "until", "rows", "goals")  # noqa: RUF023

    def __init__(self, since: date, until: date, rows: list[Row], goals: list[GoalChange]) -> None:
        self.since, self.until, self.rows, self.goals = since, until, rows, goals

    @property
    def is_empty(self) -> bool:
        return not any(row.marks for row in self.rows) and not self.goals

    def to_json(self) -> dict[str, Any]:  # computed: the goals in their timeline form
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "rows": [row.to_json() for row in self.rows],
            "goals": [goal.timeline_json() for goal in self.goals],
        }


def weekly(since: date, until: date) -> bool:
    return (until - since).days <= 56


def timeline_rows(since: date, until: date) -> list[Row]:
    """Months as rows; weeks (Monday to Sunday) when the period is 8 weeks or less."""
    rows: list[Row] = []
    if weekly(since, until):
        start = since - timedelta(days=since.weekday())
        while start <= until:
            end = start + timedelta(days=6)
            label = (
                f"{start.strftime('%b')} {start.day}–{end.day if end.month == start.month else end.strftime('%b %d')}"
            )
            rows.append(Row(label, start.isoformat(), max(start, since), min(end, until)))
            start = end + timedelta(days=1)
        return rows
    for index in range(_month_index(since), _month_index(until) + 1):
        first, nxt = _first_of_month(index), _first_of_month(index + 1)
        rows.append(
            Row(first.strftime("%b %Y"), first.isoformat()[:7], max(first, since), min(nxt - timedelta(days=1), until))
        )
    return rows


def _month_index(day: date) -> int:
    """Months since January of year 0: consecutive months have consecutive indexes."""
    return day.year * 12 + day.month - 1


def _first_of_month(index: int) -> date:
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


# review (what an export shows) ------------------------------------------------------------------


class Review(Value):
    """One period's records for a review, private sessions (and what came of them) left out unless asked."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "since", "until", "today", "people", "with_name", "summary", "sessions", "goals", "goal_records", "updates",
        "actions", "actions_done", "actions_open", "reflections", "topics", "next_meetings", "private_left_out",
        "private_days", "skills", "open_more", "done_more", "health", "targets",
    )  # fmt: skip

    def __init__(
        self,
        since: date,
        until: date,
        today: date,
        people: list[Person],
        with_name: str | None,
        summary: Summary,
        sessions: list[Session],  # in the period, oldest first
        goals: list[GoalChange],  # in tree order, with their moves in the period
        goal_records: list[Goal],  # the same goals as records (csv, json)
        updates: list[ProgressUpdate],  # progress updates in the period
        actions: list[Action],  # created or done in the period, and the listed open ones
        actions_done: list[Action],  # done in the period, the latest DONE_LISTED
        actions_open: list[Action],  # open, the most urgent OPEN_LISTED
        reflections: list[Reflection],
        topics: list[Topic],
        next_meetings: list[Session],  # per person, the latest session naming a next meeting on or after today
        private_left_out: int = 0,
        private_days: list[str] | None = None,  # the dates of the private sessions left out
        skills: list[Skill] | None = None,  # skills rated in the period, with those ratings
        open_more: int = 0,  # open action items not listed
        done_more: int = 0,  # action items done in the period but not listed
        health: list[Health] | None = None,  # per relationship in the period (md and html reviews)
        targets: list[Goal] | None = None,  # active goals with a target date, whatever the period (ics)
    ) -> None:
        self.since, self.until, self.today, self.people, self.with_name = since, until, today, people, with_name
        self.summary, self.sessions, self.goals, self.goal_records = summary, sessions, goals, goal_records
        self.updates, self.actions, self.actions_done, self.actions_open = updates, actions, actions_done, actions_open
        self.reflections, self.topics, self.next_meetings = reflections, topics, next_meetings
        self.private_left_out, self.open_more, self.done_more = private_left_out, open_more, done_more
        self.private_days: list[str] = [] if private_days is None else private_days
        self.skills: list[Skill] = [] if skills is None else skills
        self.health: list[Health] = [] if health is None else health
        self.targets: list[Goal] = [] if targets is None else targets

    @property
    def people_in_period(self) -> list[Person]:
        """The relationships open at some time in the period, for the review's `People:` line (a forty-year
        journal's review of six months names the dozen people of those months, not all 160)."""
        first, last = self.since.isoformat(), self.until.isoformat()
        return [
            person
            for person in self.people
            if (person.started or str(local_day(person.created_at))) <= last
            and (person.closed_at is None or person.closed_at >= first)
        ]

    @property
    def title(self) -> str:
        """`Mentoring review with Anna: 2026-06-01 to 2026-11-26`, in the chosen language."""
        from mentorlog.base.i18n import _
        from mentorlog.core.humane import day

        since, until = day(self.since), day(self.until)
        if self.with_name:
            return _("Mentoring review with {name}: {since} to {until}").format(
                name=self.with_name, since=since, until=until
            )
        return _("Mentoring review: {since} to {until}").format(since=since, until=until)
