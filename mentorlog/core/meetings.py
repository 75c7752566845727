"""The meeting-side reports: the agenda before a meeting with one person, and the day's dashboard. Pure."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mentorlog.base.values import Value
from mentorlog.core.records import Action, Goal, Person, Reflection, Session, Topic

if TYPE_CHECKING:
    from mentorlog.core.trends import Gap, SkillTrend

# agenda --------------------------------------------------------------------------------------------


class Agenda(Value):
    """What to bring to the next meeting with one person (the `agenda` view)."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "person", "today", "days_since_last", "cadence_kept", "last_session", "mine", "theirs", "topics",
        "stale_goals", "reflections", "more", "attention", "agreement_reminder", "growth", "gaps",
    )  # fmt: skip
    __hash__ = None  # type: ignore[assignment]  # holds lists: compared, never hashed

    def __init__(
        self,
        person: Person,
        today: date,
        days_since_last: int | None,
        cadence_kept: bool | None,
        last_session: Session | None,
        mine: list[Action],
        theirs: list[Action],
        topics: list[Topic],
        stale_goals: list[Goal],
        reflections: list[Reflection],
        more: dict[str, int] | None = None,  # items not listed: mine, theirs, stale_goals
        attention: list[str] | None = None,  # the relationship's `needs attention` reasons (health)
        agreement_reminder: str | None = None,  # `first month` / `last planned month`: the agreement is shown
        growth: list[SkillTrend] | None = None,  # growth areas linked to active goals
        gaps: list[Gap] | None = None,  # where my rating and theirs are 2 or more apart
    ) -> None:
        self.person, self.today, self.days_since_last, self.cadence_kept = person, today, days_since_last, cadence_kept
        self.last_session, self.mine, self.theirs, self.topics = last_session, mine, theirs, topics
        self.stale_goals, self.reflections, self.agreement_reminder = stale_goals, reflections, agreement_reminder
        self.more: dict[str, int] = {} if more is None else more
        self.attention: list[str] = [] if attention is None else attention
        self.growth: list[SkillTrend] = [] if growth is None else growth
        self.gaps: list[Gap] = [] if gaps is None else gaps

    def _reminder(self) -> dict[str, Any] | None:
        if not self.agreement_reminder:
            return None
        return {"when": self.agreement_reminder, "agreement": self.person.agreement}

    def to_json(self) -> dict[str, Any]:  # computed: the agenda's parts, the last session in short
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
            "growth_areas": [trend.to_json() for trend in self.growth],
            "skill_gaps": [gap.to_json() for gap in self.gaps],
            "not_listed": self.more,
            "needs_attention": list(self.attention),
            "agreement_reminder": self._reminder(),
        }


def cadence_kept(person: Person, days_since_last: int | None, today: date) -> bool | None:
    """Is the meeting rhythm kept? None when the person has no cadence."""
    if not person.cadence_days:
        return None
    planned = person.next_session is not None and person.next_session >= today.isoformat()
    return planned or (days_since_last is not None and days_since_last <= person.cadence_days)


def pick_agenda_person(people: list[Person], today: date) -> Person | None:
    """Without --with: the person whose next meeting is soonest; else the one longest not met."""
    planned = [p for p in people if p.next_session and p.next_session >= today.isoformat()]
    if planned:
        return min(planned, key=lambda p: (p.next_session, p.name))
    met = [p for p in people if p.last_session]
    if met:
        return min(met, key=lambda p: (p.last_session, p.name))
    return people[0] if people else None


# today ------------------------------------------------------------------------------------------


class Meeting(Value):
    """A meeting coming up (or overdue) with someone: planned with --next, else due by cadence; AT is HH:MM (the
    --next time, else the relationship's usual slot), None for a day only."""

    __slots__ = ("person", "day", "planned", "at")  # noqa: RUF023 (in the order __init__ takes them)
    __hash__ = None  # type: ignore[assignment]  # a person changes: compared, never hashed

    def __init__(self, person: Person, day: date, planned: bool, at: str | None = None) -> None:
        # PLANNED: a --next date or a future session; not planned: the last session + cadence
        self.person, self.day, self.planned, self.at = person, day, planned, at


class Today(Value):
    """The day's dashboard (`today`): items due, meetings ahead, what needs attention."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "today", "mine", "theirs", "meetings", "overdue", "stale_goals", "topics", "empty", "more", "attention",
    )  # fmt: skip
    __hash__ = None  # type: ignore[assignment]  # holds lists: compared, never hashed

    def __init__(
        self,
        today: date,
        mine: list[Action],  # my open items overdue or due within the week
        theirs: dict[str, list[Action]],  # per person: theirs, overdue or due within the week
        meetings: list[Meeting],  # in the next 7 days
        overdue: list[Meeting],  # relationships whose meeting is overdue by cadence
        stale_goals: list[Goal],
        topics: dict[str, list[Topic]],  # open topics per person
        empty: bool = False,  # nothing at all in the journal yet
        more: dict[str, int] | None = None,
        attention: dict[str, list[str]] | None = None,  # per person: `needs attention` reasons
    ) -> None:
        self.today, self.mine, self.theirs, self.meetings, self.overdue = today, mine, theirs, meetings, overdue
        self.stale_goals, self.topics, self.empty = stale_goals, topics, empty
        self.more: dict[str, int] = {} if more is None else more
        self.attention: dict[str, list[str]] = {} if attention is None else attention

    def to_json(self) -> dict[str, Any]:  # computed: grouped by person, meetings in short
        def meeting(m: Meeting) -> dict[str, Any]:
            return {"person": m.person.name, "date": m.day.isoformat(), "planned": m.planned}

        return {
            "today": self.today.isoformat(),
            "my_actions": [a.to_json() for a in self.mine],
            "their_actions": {name: [a.to_json() for a in items] for name, items in self.theirs.items()},
            "meetings": [meeting(m) for m in self.meetings],
            "overdue_meetings": [meeting(m) for m in self.overdue],
            "stale_goals": [g.to_json() for g in self.stale_goals],
            "topics": {name: [t.to_json() for t in items] for name, items in self.topics.items()},
            "not_listed": self.more,
            "needs_attention": {name: list(reasons) for name, reasons in self.attention.items()},
        }


def next_meeting(person: Person, today: date) -> Meeting | None:
    """The next meeting with PERSON: a planned date on or after today, else the last session + cadence (moved to
    the usual slot's weekday when there is one); its time is the one planned, else the usual slot's."""
    if person.next_session and person.next_session >= today.isoformat():
        return Meeting(person, date.fromisoformat(person.next_session), True, person.next_time or person.meets_time)
    if person.cadence_days:
        since = person.last_session or person.started
        if since:
            due = date.fromisoformat(since) + timedelta(days=person.cadence_days)
            if person.meets_day is not None:  # the usual slot's weekday, on or after the day the cadence says
                due += timedelta(days=(person.meets_day - due.weekday()) % 7)
            return Meeting(person, due, False, person.meets_time)
    return None


# the agenda to share ----------------------------------------------------------------------------


class SharedAgenda(Value):
    """What `agenda --format md` shows the other person: open items of both sides (none from a private
    session), open topics, the goals shared with them and the next meeting; no notes, feedback or reflections."""

    __slots__ = ("person", "today", "meeting", "mine", "theirs", "topics", "goals")  # noqa: RUF023 (__init__'s order)
    __hash__ = None  # type: ignore[assignment]  # holds lists: compared, never hashed

    def __init__(
        self,
        person: Person,
        today: date,
        meeting: Meeting | None,  # None for a closed relationship, or with neither a planned date nor a cadence
        mine: list[Action],
        theirs: list[Action],
        topics: list[Topic],
        goals: list[tuple[Goal, int]],  # active goals with the person, in tree order, with their depth
    ) -> None:
        self.person, self.today, self.meeting = person, today, meeting
        self.mine, self.theirs, self.topics, self.goals = mine, theirs, topics, goals
