"""How a relationship is doing: meetings, follow-through of both sides, confidence, topics and goals, each
judged `on track`, `watch` or `needs attention` with a reason a person can act on. Pure: the figures come
from store/health.py, the thresholds are here (and in the README, which a test keeps in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.base.values import Value
from mentorlog.core.records import Person

ON_TRACK, WATCH, NEEDS_ATTENTION = "on track", "watch", "needs attention"
LEVELS = (ON_TRACK, WATCH, NEEDS_ATTENTION)
# The verdicts stay English in --json; views show them in the chosen language (verdict_word).
LEVEL_WORDS = {ON_TRACK: N_("on track"), WATCH: N_("watch"), NEEDS_ATTENTION: N_("needs attention")}
REMINDER_WORDS = {"first month": N_("first month"), "last planned month": N_("last planned month")}


def verdict_word(level: str) -> str:
    return _(LEVEL_WORDS[level]) if level in LEVEL_WORDS else level


class Reason(str):
    """A reason, as English text (what --json and every string use of it see), that also knows its message and
    values, so that a view can say it in the chosen language: `shown(reason)`."""

    template: str
    plural: str | None
    number: int
    values: dict[str, Any]

    def __new__(cls, template: str, plural: str | None = None, count: int = 0, /, **values: Any) -> Reason:
        english = (plural if plural is not None and count != 1 else template).format(**values)
        reason = super().__new__(cls, english)
        reason.template, reason.plural, reason.number, reason.values = template, plural, count, values
        return reason

    @classmethod
    def ngettext(cls, template: str, plural: str, count: int, /, **values: Any) -> Reason:
        return cls(template, plural, count, **values)

    def shown(self) -> str:
        if self.plural is not None:
            return ngettext(self.template, self.plural, self.number).format(**self.values)
        return _(self.template).format(**self.values)


def shown(reason: str) -> str:
    """REASON in the chosen language (a plain string is shown as it is)."""
    return reason.shown() if isinstance(reason, Reason) else reason


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


class Side(Value):
    """One side's action items due in the window: done on time, done late, still open past their due day; RECENT:
    the last RECENT due items, oldest first, True when late or still open."""

    __slots__ = ("on_time", "late", "overdue", "recent")  # noqa: RUF023 (in the order __init__ takes them)

    def __init__(self, on_time: int = 0, late: int = 0, overdue: int = 0, recent: tuple[bool, ...] = ()) -> None:
        self.on_time, self.late, self.overdue, self.recent = on_time, late, overdue, recent

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.overdue

    @property
    def rate(self) -> float | None:
        return round(self.on_time / self.due, 2) if self.due else None

    def to_json(self) -> dict[str, Any]:  # computed: with the rate
        return {"due": self.due, "on_time": self.on_time, "late": self.late, "overdue": self.overdue, "rate": self.rate}


class Figures(Value):
    """What happened in one relationship from SINCE to UNTIL (already clipped to its start and close); the
    confidences in session order."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "person", "since", "until", "held", "expected", "longest_gap_days", "me", "them", "days_to_done",
        "confidences", "topics_carried", "stalled_goal_ids", "active_goals",
    )  # fmt: skip
    __hash__ = None  # type: ignore[assignment]  # a person changes: compared, never hashed

    def __init__(
        self,
        person: Person,
        since: date,
        until: date,
        held: int,
        expected: int,
        longest_gap_days: int | None,
        me: Side,
        them: Side,
        days_to_done: tuple[int, ...],
        confidences: tuple[int, ...],
        topics_carried: int,
        stalled_goal_ids: tuple[int, ...],
        active_goals: int,
    ) -> None:
        self.person, self.since, self.until, self.held, self.expected = person, since, until, held, expected
        self.longest_gap_days, self.me, self.them, self.days_to_done = longest_gap_days, me, them, days_to_done
        self.confidences, self.topics_carried, self.stalled_goal_ids = confidences, topics_carried, stalled_goal_ids
        self.active_goals = active_goals


@dataclass
class Health:
    """A relationship's figures with a verdict per measure and the reasons behind them."""

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

    def to_json(self) -> dict[str, Any]:  # computed: product.md's health shape from the figures
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


def _meetings(f: Figures) -> tuple[str, Reason]:
    cadence = f.person.cadence_days
    if not cadence:
        quiet = f.longest_gap_days or 0
        if f.held == 0:
            return WATCH, Reason(N_("no meeting yet in this period, and no cadence set to plan by"))
        if quiet > QUIET_DAYS:
            return WATCH, Reason(N_("no meeting for {days} days, and no cadence set to plan by"), days=quiet)
        return ON_TRACK, Reason(N_("{held} meetings held (no cadence set)"), held=f.held)
    started = date.fromisoformat(f.person.started) if f.person.started else None
    if f.held == 0 and started is not None and (f.until - started).days < cadence:
        return ON_TRACK, Reason(N_("just started: the first meeting is not due yet"))
    share = f.held / f.expected if f.expected else 1.0
    gap = (f.longest_gap_days or 0) / cadence
    level = ON_TRACK if share >= MEETINGS_HELD_OK else WATCH if share >= MEETINGS_HELD_WATCH else NEEDS_ATTENTION
    gap_level = ON_TRACK if gap <= GAP_WATCH else WATCH if gap <= GAP_ATTENTION else NEEDS_ATTENTION
    values = {"held": f.held, "expected": f.expected}
    if LEVELS.index(gap_level) >= LEVELS.index(level) and gap_level != ON_TRACK:
        return gap_level, Reason(
            N_("{held} of {expected} expected meetings held; the longest gap was {gap} days (cadence {cadence})"),
            gap=f.longest_gap_days,
            cadence=cadence,
            **values,
        )
    return level, Reason(N_("{held} of {expected} expected meetings held"), **values)


FOLLOW_THROUGH = {  # mine, then theirs: (nothing due, slipped lately, on time, ... some overdue, ... some late,
    # ... some late and some overdue)
    True: (
        N_("My actions: none fell due"),
        N_("My actions: {slipped} of the last {recent} were late or are still open"),
        N_("My actions: {on_time} of {due} done on time"),
        N_("My actions: {on_time} of {due} done on time, {overdue} overdue"),
        N_("My actions: {on_time} of {due} done on time, {late} late"),
        N_("My actions: {on_time} of {due} done on time, {late} late, {overdue} overdue"),
    ),
    False: (
        N_("Their actions: none fell due"),
        N_("Their actions: {slipped} of the last {recent} were late or are still open"),
        N_("Their actions: {on_time} of {due} done on time"),
        N_("Their actions: {on_time} of {due} done on time, {overdue} overdue"),
        N_("Their actions: {on_time} of {due} done on time, {late} late"),
        N_("Their actions: {on_time} of {due} done on time, {late} late, {overdue} overdue"),
    ),
}


def _follow_through(side: Side, mine: bool, name: str) -> tuple[str, Reason]:
    """NAME (the other person) is there for a language that names whose items they are."""
    none_due, slipping, on_time, with_overdue, with_late, late_and_overdue = FOLLOW_THROUGH[mine]
    if not side.due:
        return ON_TRACK, Reason(none_due, name=name)
    slipped = sum(side.recent)
    if len(side.recent) >= RECENT and slipped >= SLIPPED:
        return NEEDS_ATTENTION, Reason(slipping, slipped=slipped, recent=len(side.recent), name=name)
    rate = side.rate or 0.0
    level = ON_TRACK if rate >= ON_TIME_OK else WATCH if rate >= ON_TIME_WATCH else NEEDS_ATTENTION
    values = {"on_time": side.on_time, "due": side.due, "name": name}
    if side.late and side.overdue:
        return level, Reason(late_and_overdue, late=side.late, overdue=side.overdue, **values)
    if side.late:
        return level, Reason(with_late, late=side.late, **values)
    if side.overdue:
        return level, Reason(with_overdue, overdue=side.overdue, **values)
    return level, Reason(on_time, **values)


def _confidence_verdict(confidences: tuple[int, ...]) -> tuple[str, Reason]:
    if not confidences:
        return ON_TRACK, Reason(N_("no confidence recorded in this period"))
    last = confidences[-3:]
    if falling(confidences):
        return NEEDS_ATTENTION, Reason(
            N_("confidence fell from {first} to {last} over the last {count} sessions"),
            first=last[0],
            last=last[-1],
            count=len(last),
        )
    if confidences[-1] <= CONFIDENCE_LOW:
        return WATCH, Reason(N_("the last confidence was {level} of 5"), level=confidences[-1])
    if len(confidences) >= 2 and confidences[-1] < confidences[0]:
        return WATCH, Reason(N_("confidence went from {first} to {last}"), first=confidences[0], last=confidences[-1])
    return ON_TRACK, Reason(N_("confidence {first} → {last}"), first=confidences[0], last=confidences[-1])


def _topics(carried: int) -> tuple[str, Reason]:
    if carried >= TOPICS_WATCH:
        return NEEDS_ATTENTION if carried >= TOPICS_ATTENTION else WATCH, Reason.ngettext(
            "{carried} topic carried over two meetings or more",
            "{carried} topics carried over two meetings or more",
            carried,
            carried=carried,
        )
    return ON_TRACK, Reason(N_("no topic carried over"))


def _goals(stalled: int, active: int) -> tuple[str, Reason]:
    if not stalled:
        return ON_TRACK, Reason(N_("no goal stalled") if active else N_("no active goals"))
    if active >= 2 and stalled >= active:
        if active == 2:
            return NEEDS_ATTENTION, Reason(N_("both active goals without progress for 4 weeks"))
        return NEEDS_ATTENTION, Reason(N_("all {active} active goals without progress for 4 weeks"), active=active)
    return WATCH, Reason(
        N_("{stalled} of {active} active goals without progress for 4 weeks"), stalled=stalled, active=active
    )


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
        "follow_through_me": _follow_through(figures.me, True, figures.person.name),
        "follow_through_them": _follow_through(figures.them, False, figures.person.name),
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
