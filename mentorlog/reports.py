"""Pure figures for summary, agenda and timeline, computed from records; no I/O, no Rich."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple, Protocol, TypeVar

from mentorlog.models import Action, Goal, Person, ProgressUpdate, Reflection, Session

STALE_DAYS = 28
SPARK = "▁▂▃▄▅▆▇█"
SPARK_POINTS = 60  # the latest ratings shown in a sparkline


class GoalRef(NamedTuple):
    """Just enough of a goal to place it in the tree."""

    id: int
    parent_id: int | None


@dataclass
class Period:
    """Everything a view needs about one stretch of time (already filtered by person or goal)."""

    since: date
    until: date
    today: date
    sessions: list[Session] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    updates: list[ProgressUpdate] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


def day_of(timestamp: str | None) -> date | None:
    """The date part of a stored timestamp or date."""
    return date.fromisoformat(timestamp[:10]) if timestamp else None


def progress_at(goal: Goal, updates: list[ProgressUpdate], day: date) -> int:
    """A goal's progress at the end of DAY, from its dated updates."""
    own = sorted((u for u in updates if u.goal_id == goal.id), key=lambda u: (u.date, u.id))
    before = [u for u in own if u.date <= day.isoformat()]
    if before:
        return before[-1].progress
    if own:
        return own[0].progress_before
    return goal.progress if (day_of(goal.created_at) or day) <= day else 0


def updates_by_goal(updates: list[ProgressUpdate]) -> dict[int, list[ProgressUpdate]]:
    """Each goal's updates, so that progress_at looks at one goal's list, not all of them."""
    grouped: dict[int, list[ProgressUpdate]] = {}
    for update in updates:
        grouped.setdefault(update.goal_id, []).append(update)
    return grouped


def sparkline(values: list[int], low: int = 1, high: int = 5) -> str:
    span = max(high - low, 1)
    return "".join(SPARK[round((value - low) / span * (len(SPARK) - 1))] for value in values)


# summary ------------------------------------------------------------------------------------


def summary(period: Period) -> dict[str, Any]:
    """The figures of product.md's summary shape, plus a sparkline and highlights."""
    since, until, today = period.since, period.until, period.today
    days = (until - since).days + 1
    in_period = [s for s in period.sessions if since.isoformat() <= s.date <= until.isoformat()]
    expected = sum(round(days / p.cadence_days) for p in period.people if p.cadence_days)

    created = [a for a in period.actions if since <= (day_of(a.created_at) or since) <= until]
    done = [a for a in period.actions if a.done_at and since <= (day_of(a.done_at) or since) <= until]
    still_open = [a for a in period.actions if a.status == "open" and (day_of(a.created_at) or since) <= until]
    cutoff = min(until, today).isoformat()
    overdue = [a for a in still_open if a.due and a.due < cutoff]
    created_done = [a for a in created if a.status == "done"]
    rate = round(len(created_done) / len(created), 2) if created else None

    goals = []
    updates = updates_by_goal(period.updates)
    for goal, _depth in goal_tree(period.goals):
        if (day_of(goal.created_at) or since) > until:
            continue
        start, end = (
            progress_at(goal, updates.get(goal.id, []), since - timedelta(days=1)),
            progress_at(goal, updates.get(goal.id, []), until),
        )
        if goal.status in ("active", "paused") or start != end:
            goals.append({"id": goal.id, "title": goal.title, "progress_start": start, "progress_end": end})

    rated = [s for s in sorted(in_period, key=lambda s: (s.date, s.id)) if s.confidence]
    confidence = {
        "first": rated[0].confidence if rated else None,
        "last": rated[-1].confidence if rated else None,
        "average": round(sum(s.confidence or 0 for s in rated) / len(rated), 1) if rated else None,
        "sparkline": sparkline([s.confidence or 0 for s in rated][-SPARK_POINTS:]),
    }
    reflections = [r for r in period.reflections if since.isoformat() <= r.date <= until.isoformat()]
    tag_counts = Counter(tag for item in in_period for tag in item.tags)
    tag_counts.update(tag for item in reflections for tag in item.tags)
    tags = [{"tag": tag, "count": count} for tag, count in sorted(tag_counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    newest = sorted(in_period, key=lambda s: (s.date, s.id), reverse=True)
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "sessions": {"count": len(in_period), "expected": expected},
        "actions": {
            "created": len(created),
            "done": len(done),
            "open": len(still_open),
            "overdue": len(overdue),
            "completion_rate": rate,
        },
        "goals": goals,
        "confidence": confidence,
        "tags": tags[:10],
        "highlights": {
            "feedback": [{"date": s.date, "with": s.with_name, "text": s.feedback} for s in newest if s.feedback][:3],
            "reflections": [
                {"date": r.date, "text": r.text}
                for r in sorted(reflections, key=lambda r: (r.date, r.id), reverse=True)
            ][:3],
        },
    }


# agenda -------------------------------------------------------------------------------------


@dataclass
class Agenda:
    person: Person
    today: date
    days_since_last: int | None
    cadence_kept: bool | None
    last_session: Session | None
    mine: list[Action]
    theirs: list[Action]
    topics: list[Any]
    stale_goals: list[Goal]
    reflections: list[Reflection]
    more: dict[str, int] = field(default_factory=dict)  # items not listed: mine, theirs, stale_goals

    def to_json(self) -> dict[str, Any]:
        last = self.last_session
        return {
            "person": self.person.to_json(),
            "days_since_last_session": self.days_since_last,
            "cadence_kept": self.cadence_kept,
            "last_session": (
                {"id": last.id, "date": last.date, "title": last.title, "feedback": last.feedback, "next": last.next}
                if last
                else None
            ),
            "my_actions": [a.to_json() for a in self.mine],
            "their_actions": [a.to_json() for a in self.theirs],
            "topics": [t.to_json() for t in self.topics],
            "stale_goals": [g.to_json() for g in self.stale_goals],
            "reflections": [r.to_json() for r in self.reflections],
            "not_listed": self.more,
        }


def cadence_kept(person: Person, days_since_last: int | None, today: date) -> bool | None:
    """Is the meeting rhythm kept? None when the person has no cadence."""
    if not person.cadence_days:
        return None
    planned = person.next_session is not None and person.next_session >= today.isoformat()
    return planned or (days_since_last is not None and days_since_last <= person.cadence_days)


def agenda(
    person: Person,
    *,
    today: date,
    last_session: Session | None,
    mine: list[Action],
    theirs: list[Action],
    topics: list[Any],
    stale_goals: list[Goal],
    reflections: list[Reflection],
    more: dict[str, int] | None = None,
) -> Agenda:
    """The brief before the next meeting with PERSON, from lists the store has already cut to size."""
    days = (today - date.fromisoformat(last_session.date)).days if last_session else None
    return Agenda(
        person=person,
        today=today,
        days_since_last=days,
        cadence_kept=cadence_kept(person, days, today),
        last_session=last_session,
        mine=mine,
        theirs=theirs,
        topics=topics,
        stale_goals=stale_goals,
        reflections=reflections,
        more=more or {},
    )


def pick_agenda_person(people: list[Person], today: date) -> Person | None:
    """Without --with: the person whose next meeting is soonest; else the one longest not met."""
    planned = [p for p in people if p.next_session and p.next_session >= today.isoformat()]
    if planned:
        return min(planned, key=lambda p: (p.next_session or "", p.name))
    met = [p for p in people if p.last_session]
    if met:
        return min(met, key=lambda p: (p.last_session or "", p.name))
    return people[0] if people else None


# timeline -----------------------------------------------------------------------------------


MARKS_PER_ROW = 8
MARK_ORDER = ("achieved", "progress", "session", "reflection", "action")  # who goes first in each turn


@dataclass
class Mark:
    day: str
    kind: str  # one of MARK_ORDER
    text: str
    detail: str = ""


@dataclass
class Row:
    label: str
    key: str  # YYYY-MM for a month, the Monday's date for a week
    start: date
    end: date
    marks: list[Mark] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # everything in the row, by kind

    @property
    def total(self) -> int:
        return sum(self.counts.values())


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
    year, month = since.year, since.month
    while date(year, month, 1) <= until:
        first = date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        rows.append(
            Row(first.strftime("%b %Y"), first.isoformat()[:7], max(first, since), min(nxt - timedelta(days=1), until))
        )
        year, month = nxt.year, nxt.month
    return rows


class TreeNode(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...


Node = TypeVar("Node", bound=TreeNode)


def goal_tree(goals: list[Node]) -> list[tuple[Node, int]]:
    """Goals in tree order: each goal followed by its milestones (at any depth), with the depth."""
    ids = {goal.id for goal in goals}
    children: dict[int | None, list[Node]] = {}
    for goal in goals:
        children.setdefault(goal.parent_id if goal.parent_id in ids else None, []).append(goal)
    ordered: list[tuple[Node, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for goal in children.get(parent, []):
            ordered.append((goal, depth))
            walk(goal.id, depth + 1)

    walk(None, 0)
    return ordered
