"""The calendar: each active relationship's next meeting, open action items as to-dos, and goal targets.

Every UID comes from a record's uuid (the next meeting's from the person's), so a calendar that re-imports
the file updates its events instead of duplicating them. A private session's notes never reach the file,
its date may (a meeting's date is never private). Every text is inert.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from mentorlog.meetings import Meeting, next_meeting
from mentorlog.reports import Review
from mentorlog.safe import inert, one_line

if TYPE_CHECKING:
    from icalendar import Event, Todo

    from mentorlog.models import Action, Goal

PRODID = "-//mentorlog//mentoring journal//EN"


def meeting_uid(person_uuid: str) -> str:
    """One per person: the next meeting moves, its event stays the same."""
    return f"{person_uuid}-next-meeting@mentorlog"


def action_uid(action_uuid: str) -> str:
    return f"{action_uuid}-action@mentorlog"


def target_uid(goal_uuid: str) -> str:
    return f"{goal_uuid}-target@mentorlog"


def next_meetings(review: Review) -> list[Meeting]:
    """Each active relationship's next meeting (planned, else by cadence), soonest first; closed ones have none."""
    found = [meeting for person in review.people if person.active and (meeting := next_meeting(person, review.today))]
    return sorted(found, key=lambda meeting: (meeting.day, meeting.person.name.casefold()))


def whose(action: Action) -> str:
    """`Me: outline (with Dr. Weber)`, `Anna Schmidt: read the paper`: whose item, in which relationship."""
    owner = "Me" if action.owner == "me" else action.owner
    with_ = f" (with {action.with_name})" if action.with_name and action.with_name != action.owner else ""
    return one_line(f"{owner}: {action.text}{with_}")


def render(review: Review, *, stamp: datetime | None = None) -> bytes:
    """The calendar as iCalendar bytes; STAMP (default: today's midnight, UTC) is every component's DTSTAMP."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "mentorlog")
    stamp = stamp or datetime.combine(review.today, time(0, 0), tzinfo=UTC)
    for meeting in next_meetings(review):
        calendar.add_component(_meeting(meeting, review, stamp))
    closed = {person.id for person in review.people if not person.active}  # as in `actions`: they left the lists
    for action in review.actions_open:
        if action.person_id not in closed:
            calendar.add_component(_todo(action, stamp))
    for goal in review.targets:
        if goal.person_id not in closed:
            calendar.add_component(_target(goal, stamp))
    return bytes(calendar.to_ical())


def _all_day(uid: str, summary: str, day: date, description: str, stamp: datetime, categories: list[str]) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", one_line(summary))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder for the day, not a busy slot
    event.add("description", inert(description))
    event.add("categories", categories)
    return event


def _meeting(meeting: Meeting, review: Review, stamp: datetime) -> Event:
    person = meeting.person
    day = meeting.day.isoformat()
    if meeting.planned:
        source = next(
            (s for s in review.next_meetings if s.person_id == person.id and s.next == day), None
        )  # private sessions come here without title or notes
        if source is None:
            said = "A session with them is recorded for this day."
        else:
            titled = f" ({one_line(source.title)})" if source.title else ""
            said = f"Planned in the session of {source.date}{titled}."
    else:
        after = (
            f"the last session on {person.last_session}" if person.last_session else f"the start on {person.started}"
        )
        said = f"Due by the cadence: every {person.cadence_days} days after {after}."
        if meeting.day < review.today:
            said += f" Overdue since {day}."
    topics = [topic for topic in review.topics if topic.person_id == person.id]
    if topics:
        said += "\n\nTopics to raise:\n" + "\n".join(f"- {one_line(topic.text)}" for topic in topics)
    return _all_day(
        meeting_uid(person.uuid), f"Mentoring: {person.name}", meeting.day, said, stamp, ["mentoring", "meeting"]
    )


def _todo(action: Action, stamp: datetime) -> Todo:
    from icalendar import Todo

    todo = Todo()
    todo.add("uid", action_uid(action.uuid))
    todo.add("dtstamp", stamp)
    todo.add("summary", whose(action))
    if action.due:
        todo.add("due", date.fromisoformat(action.due))
    todo.add("status", "NEEDS-ACTION")
    owner = "me" if action.owner == "me" else action.owner
    said = f"Action item {action.id}; owner: {owner}" + (f"; with {action.with_name}" if action.with_name else "")
    todo.add("description", inert(said + "."))
    todo.add("categories", ["mentoring", "action"])
    return todo


def _target(goal: Goal, stamp: datetime) -> Event:
    kind = "Milestone" if goal.parent_id else "Goal"
    said = f"{kind} {goal.id}, {goal.horizon}-term: {goal.progress}% done" + (
        f"; with {goal.with_name}" if goal.with_name else ""
    )
    target = date.fromisoformat(goal.target or "")
    return _all_day(target_uid(goal.uuid), f"Target: {goal.title}", target, said + ".", stamp, ["mentoring", "goal"])
