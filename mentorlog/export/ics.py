"""The calendar: each active relationship's next meeting, open action items as to-dos, and goal targets.

Every UID comes from a record's uuid (the next meeting's from the person's), so a calendar that re-imports
the file updates its events instead of duplicating them. A private session's notes never reach the file,
its date may (a meeting's date is never private). Every text is inert.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from mentorlog.base.i18n import N_, _
from mentorlog.base.safe import inert, one_line
from mentorlog.core.humane import day as day_text
from mentorlog.core.humane import word
from mentorlog.core.meetings import Meeting, next_meeting
from mentorlog.core.reports import Review
from mentorlog.export.registry import Request

if TYPE_CHECKING:
    from icalendar import Event, Todo

    from mentorlog.core.records import Action, Goal

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
    owner = _("Me") if action.owner == "me" else action.owner
    if action.with_name and action.with_name != action.owner:
        return one_line(_("{owner}: {text} (with {name})").format(owner=owner, text=action.text, name=action.with_name))
    return one_line(_("{owner}: {text}").format(owner=owner, text=action.text))


def write(review: Review, request: Request) -> bytes:
    """`export --format ics` (export/registry.py): the export's moment is every component's DTSTAMP."""
    return render(review, stamp=datetime.fromisoformat(request.stamp))


def render(review: Review, *, stamp: datetime | None = None) -> bytes:
    """The calendar as iCalendar bytes; STAMP (default: today's midnight, UTC) is every component's DTSTAMP."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "mentorlog")
    stamp = stamp or datetime.combine(review.today, time(0, 0), tzinfo=UTC)
    meetings = next_meetings(review)
    for meeting in meetings:
        calendar.add_component(_meeting(meeting, review, stamp))
    if any(meeting.at for meeting in meetings):
        calendar.add_missing_timezones()  # a VTIMEZONE for the local zone the timed meetings name
    closed = {person.id for person in review.people if not person.active}  # as in `actions`: they left the lists
    for action in review.actions_open:
        if action.person_id not in closed:
            calendar.add_component(_todo(action, stamp))
    for goal in review.targets:
        if goal.person_id not in closed:
            calendar.add_component(_target(goal, stamp))
    return bytes(calendar.to_ical())


def _categories(kind: str) -> list[str]:
    """The event's CATEGORIES, words a calendar shows: `mentoring, action` (German `Mentoring, Aufgabe`)."""
    return [_("mentoring"), _(kind)]


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


def local_zone() -> tzinfo | None:
    """The local time zone by its IANA name (`TZ`, else what /etc/localtime points at), so a calendar shows a
    meeting at the time it was planned for; None when it has no name (the time is then written in UTC)."""
    import os
    from pathlib import Path
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    names = [os.environ.get("TZ", "").removeprefix(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        names.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    except OSError:
        pass
    for name in names:
        if name and not name.startswith("/"):
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None


def meeting_start(day: date, at: str) -> datetime:
    """A meeting's start: DAY at the local time AT, in the local zone (or as the same instant in UTC)."""
    local = datetime.combine(day, time.fromisoformat(at))
    zone = local_zone()
    return local.replace(tzinfo=zone) if zone is not None else local.astimezone().astimezone(UTC)


def _timed(uid: str, summary: str, start: datetime, description: str, stamp: datetime, categories: list[str]) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", one_line(summary))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(hours=1))  # an hour, the usual length of a mentoring meeting
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
            said = _("A session with them is recorded for this day.")
        elif source.title:
            said = _("Planned in the session of {day} ({title}).").format(
                day=day_text(source.date), title=one_line(source.title)
            )
        else:
            said = _("Planned in the session of {day}.").format(day=day_text(source.date))
    else:
        if person.last_session:
            after = _("Due by the cadence: every {days} days after the last session on {day}.")
        else:
            after = _("Due by the cadence: every {days} days after the start on {day}.")
        said = after.format(days=person.cadence_days, day=day_text(person.last_session or person.started))
        if meeting.day < review.today:
            said += " " + _("Overdue since {day}.").format(day=day_text(day))
    topics = [topic for topic in review.topics if topic.person_id == person.id]
    if topics:
        said += "\n\n" + _("Topics to raise:") + "\n" + "\n".join(f"- {one_line(topic.text)}" for topic in topics)
    summary = _("Mentoring: {name}").format(name=person.name)
    if meeting.at:
        start = meeting_start(meeting.day, meeting.at)
        return _timed(meeting_uid(person.uuid), summary, start, said, stamp, _categories(N_("meeting")))
    return _all_day(meeting_uid(person.uuid), summary, meeting.day, said, stamp, _categories(N_("meeting")))


def _todo(action: Action, stamp: datetime) -> Todo:
    from icalendar import Todo

    todo = Todo()
    todo.add("uid", action_uid(action.uuid))
    todo.add("dtstamp", stamp)
    todo.add("summary", whose(action))
    if action.due:
        todo.add("due", date.fromisoformat(action.due))
    todo.add("status", "NEEDS-ACTION")
    owner = _("me") if action.owner == "me" else action.owner
    if action.with_name:
        said = _("Action item {id}; owner: {owner}; with {name}.")
    else:
        said = _("Action item {id}; owner: {owner}.")
    todo.add("description", inert(said.format(id=action.id, owner=owner, name=action.with_name)))
    todo.add("categories", _categories(N_("action")))
    return todo


def _target(goal: Goal, stamp: datetime) -> Event:
    said = {
        (False, False): _("Goal {id}, {horizon}-term: {progress}% done."),
        (False, True): _("Goal {id}, {horizon}-term: {progress}% done; with {name}."),
        (True, False): _("Milestone {id}, {horizon}-term: {progress}% done."),
        (True, True): _("Milestone {id}, {horizon}-term: {progress}% done; with {name}."),
    }[(bool(goal.parent_id), bool(goal.with_name))]
    described = said.format(id=goal.id, horizon=word(goal.horizon), progress=goal.progress, name=goal.with_name)
    target = date.fromisoformat(goal.target or "")
    summary = _("Target: {title}").format(title=goal.title)
    return _all_day(target_uid(goal.uuid), summary, target, described, stamp, _categories(N_("goal")))
