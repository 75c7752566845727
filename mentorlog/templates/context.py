"""What a template's placeholders say: {{ person }}, {{ date }}, {{ last_session }}, {{ open_topics }},
{{ open_actions }} and {{ goals }}, each plain text (lists as `- ` lines, never `- [ ]`, which would make action
items of them)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.base.i18n import _
from mentorlog.base.safe import one_line
from mentorlog.core import humane

if TYPE_CHECKING:
    from mentorlog.store.journal import Journal

PLACEHOLDERS = ("person", "date", "last_session", "open_topics", "open_actions", "goals")
MOST = 20  # items per list: a template is a start, not a report


def _lines(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items[:MOST]) if items else _("(none)")


def values(journal: Journal, person_id: int | None, day: date) -> dict[str, str]:
    """Each placeholder's text for a note or reflection with PERSON (or nobody) on DAY."""
    person = journal.people.get_person(person_id) if person_id is not None else None
    found = {"person": person.name if person else "", "date": humane.day(day)}
    if person is None:
        goals = journal.goals.list_goals(statuses=["active"])
        found.update(last_session=_("(none)"), open_topics=_("(none)"), open_actions=_("(none)"))
    else:
        last = journal.sessions.list_sessions(person_id=person.id, until=day, limit=1)
        if last:
            title = one_line(last[0].title or last[0].notes, 70)
            found["last_session"] = f"{humane.day(last[0].date)} {title}".rstrip()
        else:
            found["last_session"] = _("(none yet)")
        topics = journal.topics.list_topics(person_id=person.id)
        found["open_topics"] = _lines([f"{one_line(topic.text, 100)} (#{topic.id})" for topic in topics])
        actions = journal.actions.list_actions(person_id=person.id, limit=MOST)
        found["open_actions"] = _lines(
            [_action(action.text, action.owner, action.due, action.id) for action in actions]
        )
        goals = journal.goals.list_goals(statuses=["active"], person_id=person.id)
    found["goals"] = _lines([f"{one_line(goal.title, 100)} ({goal.progress} %)" for goal in goals])
    return found


def _action(text: str, owner: str, due: str | None, action_id: int) -> str:
    who = _("me") if owner == "me" else owner
    when = _(", due {day}").format(day=humane.day(due)) if due else ""
    return f"{one_line(text, 100)} ({who}{when}) (#{action_id})"
