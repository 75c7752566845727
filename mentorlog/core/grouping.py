"""A review grouped per relationship: each person's goals, sessions and action items together. Pure."""

from __future__ import annotations

from mentorlog.base.i18n import N_, _
from mentorlog.base.values import Value
from mentorlog.core.health import Health, shown, verdict_word
from mentorlog.core.records import Action, Session
from mentorlog.core.reports import GoalChange, PersonFigures, Review

NOBODY = ""  # the group of records that are with no one


class Part(Value):
    """One relationship's share of a review (or, with NAME empty, what is with nobody)."""

    __slots__ = ("name", "role", "figures", "goals", "sessions", "open", "done", "health")  # noqa: RUF023

    def __init__(
        self,
        name: str,
        role: str = "",
        figures: PersonFigures | None = None,
        goals: list[GoalChange] | None = None,
        sessions: list[Session] | None = None,
        open: list[Action] | None = None,
        done: list[Action] | None = None,
        health: Health | None = None,
    ) -> None:
        self.name, self.role, self.figures, self.health = name, role, figures, health
        self.goals: list[GoalChange] = [] if goals is None else goals
        self.sessions: list[Session] = [] if sessions is None else sessions
        self.open: list[Action] = [] if open is None else open
        self.done: list[Action] = [] if done is None else done

    @property
    def empty(self) -> bool:
        return not (self.goals or self.sessions or self.open or self.done)


def by_person(review: Review) -> list[Part]:
    """The review's goals, sessions and action items per person (in the order of review.people), then what
    is with nobody. Milestones stay with their goal's group, so a goal tree is never split."""
    parts: dict[str, Part] = {person.name: Part(person.name, person.role) for person in review.people}
    for figures in review.summary.people:
        if figures.name in parts:
            parts[figures.name].figures = figures
    for judged in review.health:
        if judged.person.name in parts:
            parts[judged.person.name].health = judged
    parts[NOBODY] = Part(NOBODY)
    whose = {goal.id: goal.with_name or NOBODY for goal in review.goal_records}
    root = NOBODY
    for goal in review.goals:
        if goal.depth == 0:
            root = whose.get(goal.id, NOBODY)
        parts.setdefault(root, Part(root)).goals.append(goal)
    for session in review.sessions:
        parts.setdefault(session.with_name or NOBODY, Part(session.with_name or NOBODY)).sessions.append(session)
    for action in review.actions_open:
        parts.setdefault(action.with_name or NOBODY, Part(action.with_name or NOBODY)).open.append(action)
    for action in review.actions_done:
        parts.setdefault(action.with_name or NOBODY, Part(action.with_name or NOBODY)).done.append(action)
    return [part for part in parts.values() if not part.empty or (part.figures and part.figures.expected)]


HEALTH_LABELS = {  # a label may name the other person: {name}
    "meetings": N_("meetings"),
    "follow_through_me": N_("my actions"),
    "follow_through_them": N_("their actions"),
    "confidence": N_("confidence"),
    "topics": N_("topics"),
    "goals": N_("goals"),
}


def health_lines(health: Health) -> list[tuple[str, str, str]]:
    """(dimension, verdict, reason) for every dimension not on track, in the chosen language: what a review says
    about health. The verdict is the English level (a CSS class is made of it): verdict_word says it."""
    name = health.person.name
    return [
        (
            _(HEALTH_LABELS[key]).format(name=name),
            level,
            shown(reason).rpartition(": ")[2] if key.startswith("follow_through") else shown(reason),
        )
        for (key, level), reason in zip(health.verdicts.items(), health.reasons, strict=True)
        if level != "on track"
    ]


def health_verdict(level: str) -> str:
    """`needs attention` in the chosen language."""
    return verdict_word(level)


def one_line_session(session: Session) -> bool:
    """A session short enough for one line: no feedback, no rating or next date, notes of one short line."""
    return (
        not session.feedback
        and not session.confidence
        and not session.next
        and "\n" not in session.notes
        and len(session.notes) + len(session.title) <= 160
    )
