"""How a relationship is doing: meetings, follow-through of both sides, confidence, topics and goals, each
judged `on track`, `watch` or `needs attention` with a reason a person can act on. Pure: the figures come
from store/health.py, the thresholds are here (and in the README, which a test keeps in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mentorlog.models import Person

ON_TRACK, WATCH, NEEDS_ATTENTION = "on track", "watch", "needs attention"
LEVELS = (ON_TRACK, WATCH, NEEDS_ATTENTION)

# The thresholds (README "How `health` judges"; tests check each at its edge).
MEETINGS_HELD_OK = 0.8  # held / expected at least this: on track
MEETINGS_HELD_WATCH = 0.5  # at least this: watch; below: needs attention
GAP_WATCH = 1.5  # longest gap above this many cadences: watch
GAP_ATTENTION = 2.5  # above this many cadences: needs attention
ON_TIME_OK = 0.8  # on-time rate at least this: on track
ON_TIME_WATCH = 0.5  # at least this: watch; below: needs attention
RECENT = 5  # the last RECENT actions due: SLIPPED or more late or still open is needs attention
SLIPPED = 3
CONFIDENCE_DROP = 2  # down by at least this over the last three confidences: falling, needs attention
CONFIDENCE_LOW = 2  # a last confidence at or below this: watch
TOPICS_WATCH = 1  # topics carried over two meetings or more: this many is watch
TOPICS_ATTENTION = 3  # this many is needs attention
QUIET_DAYS = 90  # without a cadence: no meeting for this long is watch
WINDOW = "6m"  # `health` without --since, and the needs-attention lines of agenda and today


@dataclass(frozen=True)
class Side:
    """One side's action items due in the window: done on time, done late, still open past their due day."""

    on_time: int = 0
    late: int = 0
    overdue: int = 0
    recent: tuple[bool, ...] = ()  # the last RECENT due items, oldest first: True when late or still open

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.overdue

    @property
    def rate(self) -> float | None:
        return round(self.on_time / self.due, 2) if self.due else None

    def to_json(self) -> dict[str, Any]:
        return {"due": self.due, "on_time": self.on_time, "late": self.late, "overdue": self.overdue, "rate": self.rate}


@dataclass(frozen=True)
class Figures:
    """What happened in one relationship from SINCE to UNTIL (already clipped to its start and close)."""

    person: Person
    since: date
    until: date
    held: int
    expected: int
    longest_gap_days: int | None
    me: Side
    them: Side
    days_to_done: tuple[int, ...]
    confidences: tuple[int, ...]  # in session order
    topics_carried: int
    stalled_goal_ids: tuple[int, ...]
    active_goals: int


@dataclass
class Health:
    figures: Figures
    verdicts: dict[str, str]
    reasons: list[str] = field(default_factory=list)

    @property
    def person(self) -> Person:
        return self.figures.person

    @property
    def overall(self) -> str:
        return max(self.verdicts.values(), key=LEVELS.index)

    @property
    def attention(self) -> list[str]:
        """The reasons behind `needs attention` verdicts: what agenda and today show."""
        return [
            reason for reason, level in zip(self.reasons, self._reason_levels, strict=True) if level == NEEDS_ATTENTION
        ]

    _reason_levels: list[str] = field(default_factory=list, repr=False)

    def to_json(self) -> dict[str, Any]:
        f = self.figures
        confidence = _confidence(f.confidences)
        return {
            "person": f.person.name,
            "since": f.since.isoformat(),
            "until": f.until.isoformat(),
            "meetings": {"expected": f.expected, "held": f.held, "longest_gap_days": f.longest_gap_days},
            "follow_through": {"me": f.me.to_json(), "them": f.them.to_json()},
            "days_to_done_median": _median(f.days_to_done),
            "confidence": confidence,
            "topics_carried": f.topics_carried,
            "stalled_goal_ids": list(f.stalled_goal_ids),
            "verdicts": dict(self.verdicts),
            "reasons": list(self.reasons),
        }


def _median(values: tuple[int, ...]) -> float | None:
    from statistics import median  # loaded only when a median is wanted

    return float(median(values)) if values else None


def falling(confidences: tuple[int, ...]) -> bool:
    """Down by CONFIDENCE_DROP or more over the last three sessions with a confidence."""
    last = confidences[-3:]
    return len(last) >= 2 and last[0] - last[-1] >= CONFIDENCE_DROP


def _confidence(confidences: tuple[int, ...]) -> dict[str, Any]:
    if not confidences:
        return {"first": None, "last": None, "average": None, "falling": False}
    return {
        "first": confidences[0],
        "last": confidences[-1],
        "average": round(sum(confidences) / len(confidences), 1),
        "falling": falling(confidences),
    }


def _meetings(f: Figures) -> tuple[str, str]:
    cadence = f.person.cadence_days
    if not cadence:
        quiet = f.longest_gap_days or 0
        if f.held == 0 or quiet > QUIET_DAYS:
            return WATCH, f"no cadence set, and {quiet} days without a meeting"
        return ON_TRACK, f"{f.held} meetings held (no cadence set)"
    share = f.held / f.expected if f.expected else 1.0
    gap = (f.longest_gap_days or 0) / cadence
    level = ON_TRACK if share >= MEETINGS_HELD_OK else WATCH if share >= MEETINGS_HELD_WATCH else NEEDS_ATTENTION
    gap_level = ON_TRACK if gap <= GAP_WATCH else WATCH if gap <= GAP_ATTENTION else NEEDS_ATTENTION
    reason = f"{f.held} of {f.expected} expected meetings held"
    if LEVELS.index(gap_level) >= LEVELS.index(level) and gap_level != ON_TRACK:
        level = gap_level
        reason += f"; the longest gap was {f.longest_gap_days} days (cadence {cadence})"
    return level, reason


def _follow_through(side: Side, whose: str) -> tuple[str, str]:
    if not side.due:
        return ON_TRACK, f"{whose} actions: none fell due"
    slipped = sum(side.recent)
    if len(side.recent) >= RECENT and slipped >= SLIPPED:
        return NEEDS_ATTENTION, f"{whose} actions: {slipped} of the last {len(side.recent)} were late or are still open"
    rate = side.rate or 0.0
    level = ON_TRACK if rate >= ON_TIME_OK else WATCH if rate >= ON_TIME_WATCH else NEEDS_ATTENTION
    reason = f"{whose} actions: {side.on_time} of {side.due} done on time"
    if side.overdue:
        reason += f", {side.overdue} overdue"
    return level, reason


def _confidence_verdict(confidences: tuple[int, ...]) -> tuple[str, str]:
    if not confidences:
        return ON_TRACK, "no confidence recorded in this period"
    last = confidences[-3:]
    if falling(confidences):
        return NEEDS_ATTENTION, f"confidence fell from {last[0]} to {last[-1]} over the last {len(last)} sessions"
    if confidences[-1] <= CONFIDENCE_LOW:
        return WATCH, f"the last confidence was {confidences[-1]} of 5"
    if len(confidences) >= 2 and confidences[-1] < confidences[0]:
        return WATCH, f"confidence went from {confidences[0]} to {confidences[-1]}"
    return ON_TRACK, f"confidence {confidences[0]} → {confidences[-1]}"


def _topics(carried: int) -> tuple[str, str]:
    if carried >= TOPICS_ATTENTION:
        return NEEDS_ATTENTION, f"{carried} topics carried over two meetings or more"
    if carried >= TOPICS_WATCH:
        return WATCH, f"{carried} topic{'s' if carried > 1 else ''} carried over two meetings or more"
    return ON_TRACK, "no topic carried over"


def _goals(stalled: int, active: int) -> tuple[str, str]:
    if not stalled:
        return ON_TRACK, "no goal stalled" if active else "no active goals"
    if active >= 2 and stalled >= active:
        every = "both" if active == 2 else f"all {active}"
        return NEEDS_ATTENTION, f"{every} active goals without progress for 4 weeks"
    return WATCH, f"{stalled} of {active} active goals without progress for 4 weeks"


def agreement_reminder(person: Person, today: date) -> str | None:
    """`first month` or `last planned month` of a relationship with an agreement (when agenda reminds of
    it), else None."""
    if not person.agreement or person.status == "closed":
        return None
    from dateutil.relativedelta import relativedelta

    if person.started and today < date.fromisoformat(person.started) + relativedelta(months=1):
        return "first month"
    if person.ends and date.fromisoformat(person.ends) - relativedelta(months=1) <= today <= date.fromisoformat(
        person.ends
    ):
        return "last planned month"
    return None


def assess(figures: Figures) -> Health:
    """Each dimension's verdict and its reason, in a fixed order."""
    judged = {
        "meetings": _meetings(figures),
        "follow_through_me": _follow_through(figures.me, "My"),
        "follow_through_them": _follow_through(figures.them, "Their"),
        "confidence": _confidence_verdict(figures.confidences),
        "topics": _topics(figures.topics_carried),
        "goals": _goals(len(figures.stalled_goal_ids), figures.active_goals),
    }
    return Health(
        figures,
        {key: level for key, (level, _) in judged.items()},
        [reason for _, reason in judged.values()],
        [level for level, _ in judged.values()],
    )
