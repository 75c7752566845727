"""What an export shows: one period's records for one person or all, private sessions left out unless asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from mentorlog import reports
from mentorlog.models import Action, Person, ProgressUpdate, Reflection, Session, Topic

DONE_LISTED = 100  # action items done in the period that a review lists, the latest; the rest are counted


@dataclass
class GoalLine:
    id: int
    title: str
    status: str
    horizon: str
    target: str | None
    depth: int
    start: int
    end: int
    moves: list[ProgressUpdate] = field(default_factory=list)


@dataclass
class Review:
    since: date
    until: date
    today: date
    people: list[Person]
    with_name: str | None
    figures: dict[str, Any]
    sessions: list[Session]
    goals: list[GoalLine]
    actions_done: list[Action]
    actions_open: list[Action]
    reflections: list[Reflection]
    topics: list[Topic]
    period: reports.Period
    private_left_out: int = 0
    open_more: int = 0  # open action items not listed (the review lists the most urgent)
    done_more: int = 0  # action items done in the period but not listed (the review lists the latest)

    @property
    def title(self) -> str:
        who = f" with {self.with_name}" if self.with_name else ""
        return f"Mentoring review{who}: {self.since.isoformat()} to {self.until.isoformat()}"


def build_review(
    period: reports.Period,
    *,
    topics: list[Topic],
    with_name: str | None,
    include_private: bool,
    figures: dict[str, Any] | None = None,
    open_more: int = 0,
) -> Review:
    """Filter a period for export: private sessions (and the actions that came from them) go unless asked.

    FIGURES are the summary's (from SQL, when the period holds only the most urgent open items);
    OPEN_MORE counts the open items the period left out.
    """
    private_ids = {s.id for s in period.sessions if s.private}
    if not include_private:
        period.sessions = [s for s in period.sessions if not s.private]
        period.actions = [a for a in period.actions if a.session_id not in private_ids]
    since, until = period.since, period.until
    figures = figures if figures is not None else reports.summary(period)
    updates = reports.updates_by_goal(period.updates)
    lines = []
    for goal, depth in reports.goal_tree(period.goals):
        own = updates.get(goal.id, [])
        start = reports.progress_at(goal, own, since - timedelta(days=1))
        end = reports.progress_at(goal, own, until)
        moves = [u for u in own if since.isoformat() <= u.date <= until.isoformat()]
        if goal.status in ("active", "paused") or moves:
            lines.append(
                GoalLine(goal.id, goal.title, goal.status, goal.horizon, goal.target, depth, start, end, moves)
            )
    in_period = [s for s in period.sessions if since.isoformat() <= s.date <= until.isoformat()]
    done = [
        a
        for a in period.actions
        if a.status == "done" and a.done_at and since.isoformat() <= a.done_at[:10] <= until.isoformat()
    ]
    still_open = [a for a in period.actions if a.status == "open"]
    return Review(
        since=since,
        until=until,
        today=period.today,
        people=period.people,
        with_name=with_name,
        figures=figures,
        sessions=in_period,
        goals=lines,
        actions_done=sorted(done, key=lambda a: a.done_at or "")[-DONE_LISTED:],
        done_more=max(len(done) - DONE_LISTED, 0),
        actions_open=sorted(still_open, key=lambda a: (a.due is None, a.due or "", a.id)),
        reflections=period.reflections,
        topics=topics,
        period=period,
        private_left_out=0 if include_private else len(private_ids),
        open_more=open_more,
    )
