"""Next meetings and due action items as calendar events, with UIDs from the records' uuids.

Re-importing the file into a calendar updates the events instead of duplicating them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from mentorlog.reports import Review
from mentorlog.safe import inert

PRODID = "-//mentorlog//mentoring journal//EN"


def render(review: Review) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "mentorlog")
    stamp = datetime.combine(review.today, time(0, 0), tzinfo=UTC)
    for session in review.next_meetings:
        name = session.with_name or ""
        next_day = date.fromisoformat(session.next or "")
        event = Event()
        event.add("uid", f"{session.uuid}-next@mentorlog")
        event.add("summary", inert(f"Mentoring: {name}"))
        event.add("dtstart", next_day)
        event.add("dtend", next_day + timedelta(days=1))
        event.add("dtstamp", stamp)
        agreed = f"Agreed in the session of {session.date}" + (f" ({session.title})" if session.title else "")
        event.add("description", inert(agreed + "."))
        event.add("categories", ["mentoring"])
        calendar.add_component(event)
    for action in review.actions_open:
        if not action.due:
            continue
        due = date.fromisoformat(action.due)
        event = Event()
        event.add("uid", f"{action.uuid}@mentorlog")
        event.add("summary", inert(f"Due: {action.text}" + ("" if action.owner == "me" else f" ({action.owner})")))
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add(
            "description", inert(f"Action item {action.id}" + (f" with {action.with_name}" if action.with_name else ""))
        )
        event.add("categories", ["mentoring", "action"])
        calendar.add_component(event)
    return bytes(calendar.to_ical())
