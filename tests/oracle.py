"""The pure-Python summary: kept only as the oracle the SQL summary is checked against (tests/test_reports.py).

It reads every record of a period into memory and counts in Python — simple enough to trust, too slow to ship.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from mentorlog.core.records import Action, Goal, Person, ProgressUpdate, Rating, Reflection, Session, Skill
from mentorlog.core.reports import SPARK_POINTS, goal_tree, local_day, sparkline
from mentorlog.store.journal import Journal


@dataclass
class Period:
    """Everything about one stretch of time (already filtered by person)."""

    since: date
    until: date
    today: date
    sessions: list[Session] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    updates: list[ProgressUpdate] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)


def period(journal: Journal, since: date, until: date, *, person_id: int | None = None) -> Period:
    """Every record that could matter for the period, through the repository's plain list methods."""
    goals = journal.goals.list_goals(person_id=person_id)
    updates = [update for goal in goals for update in journal.goals.progress_updates(goal.id)]
    return Period(
        since,
        until,
        journal.clock.today,
        sessions=journal.sessions.list_sessions(person_id=person_id, since=since, until=until, limit=None),
        actions=journal.actions.list_actions(status="all", person_id=person_id),
        goals=goals,
        updates=updates,
        reflections=journal.reflections.list_reflections(person_id=person_id, since=since, limit=None),
        people=[p for p in journal.people.list_people() if person_id is None or p.id == person_id],
        skills=[
            s
            for s in journal.skills.list_skills(include_closed=True)
            if person_id is None or concerns(s, goals, person_id)
        ],
    )


def concerns(skill: Skill, goals: list[Goal], person_id: int) -> bool:
    """A skill is about a person when it is theirs, or mine and they rated it or it serves a goal with them."""
    if skill.person_id is not None:
        return skill.person_id == person_id
    theirs = {goal.id for goal in goals if goal.person_id == person_id}
    return any(r.rater_id == person_id for r in skill.ratings) or bool(theirs & set(skill.goal_ids))


def side(ratings: list[Rating], since: date, until: date) -> tuple[int | None, int | None, int | None, int]:
    """Level at the start (the latest before, else the first inside), at the end, the change, ratings inside."""
    upto = sorted((r for r in ratings if r.date <= until.isoformat()), key=lambda r: (r.date, r.id))
    before = [r for r in upto if r.date < since.isoformat()]
    inside = [r for r in upto if r.date >= since.isoformat()]
    if not upto:
        return None, None, None, 0
    start = (before or inside)[-1 if before else 0].level
    end = upto[-1].level
    return start, end, (end - start if before or len(inside) > 1 else None), len(inside)


def skill_changes(period: Period) -> list[dict[str, Any]]:
    found = []
    for skill in period.skills:
        me = side([r for r in skill.ratings if r.rater_id is None], period.since, period.until)
        them = side([r for r in skill.ratings if r.rater_id is not None], period.since, period.until)
        if me[3] + them[3]:
            found.append(
                {
                    "id": skill.id,
                    "name": skill.name,
                    "kind": skill.kind,
                    "with": skill.with_name,
                    "level_start": me[0],
                    "level_end": me[1],
                    "change": me[2],
                    "level_by_others_start": them[0],
                    "level_by_others_end": them[1],
                    "change_by_others": them[2],
                    "ratings": me[3] + them[3],
                }
            )
    return found


def day_of(timestamp: str | None) -> date | None:
    return local_day(timestamp)


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


def summary(period: Period) -> dict[str, Any]:
    """The figures of product.md's summary shape, plus a sparkline and highlights."""
    since, until, today = period.since, period.until, period.today
    days = (until - since).days + 1
    in_period = [s for s in period.sessions if since.isoformat() <= s.date <= until.isoformat()]
    expected = 0  # counted from each relationship's start (issue 11), never before it, and not after its close
    for person in period.people:
        if not person.cadence_days or not person.started:
            continue
        started = date.fromisoformat(person.started)
        last = min(until, date.fromisoformat(person.closed_at)) if person.closed_at else until
        if last < max(since, started):
            continue
        if started >= since:  # the first meeting at the start, then one every cadence
            expected += (last - started).days // person.cadence_days + 1
        else:
            expected += round(((last - since).days + 1) / person.cadence_days)
    assert days > 0

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
            "created_done": len(created_done),
        },
        "goals": goals,
        "confidence": confidence,
        "tags": tags[:10],
        "skills": skill_changes(period),
        "highlights": {
            "feedback": [{"date": s.date, "with": s.with_name, "text": s.feedback} for s in newest if s.feedback][:3],
            "reflections": [
                {"date": r.date, "text": r.text}
                for r in sorted(reflections, key=lambda r: (r.date, r.id), reverse=True)
            ][:3],
        },
    }
