"""Ending a relationship well, and taking it up again: `person close` and `person reopen`."""

from __future__ import annotations

from datetime import date

import msgspec

from mentorlog.base.errors import MentorlogError
from mentorlog.base.i18n import N_, _
from mentorlog.core import humane, validate
from mentorlog.core.records import Action, Person, Reflection, Topic
from mentorlog.store.base import Repo
from mentorlog.store.records.actions import ACTION_SELECT, _action

CLOSING_TAG = N_("closing")  # the closing reflection's tag, in the language of its writer (`#Abschluss`)


class Closing(msgspec.Struct):
    """What closing a relationship did: its reflection, the dropped items and topics."""

    person: Person
    reflection: Reflection | None
    dropped: list[Action] = msgspec.field(default_factory=list)
    removed_topics: list[Topic] = msgspec.field(default_factory=list)
    kept: list[Action] = msgspec.field(default_factory=list)  # open items left open (no --drop-open)
    kept_topics: list[Topic] = msgspec.field(default_factory=list)


class RelationshipRepo(Repo):
    def open_items(self, person_id: int) -> tuple[list[Action], list[Topic]]:
        """The relationship's open action items (both sides) and open topics."""
        actions = [
            _action(row)
            for row in self.rows(
                ACTION_SELECT + " WHERE a.status = 'open' AND (a.person_id = ? OR a.owner_id = ?)"
                " ORDER BY a.due IS NULL, a.due, a.id",
                [person_id, person_id],
            )
        ]
        return actions, self.journal.topics.list_topics(person_id=person_id)

    def close_person(
        self, person_id: int, day: date, *, reflection: str | None, drop_open: bool, tags: list[str] | None = None
    ) -> Closing:
        """Close the relationship on DAY: a closing reflection (tagged `closing`) when given, and its open
        action items and open topics dropped when DROP_OPEN (`topics --status dropped` still lists them)."""
        person = self.journal.people.get_person(person_id)
        if person.status == "closed":
            raise MentorlogError(
                _("the relationship with {name} was already closed on {closed_at}").format(
                    name=person.name, closed_at=humane.day(person.closed_at)
                ),
                _("`mentorlog person reopen {lower}` takes it up again.").format(lower=person.name.split()[-1].lower()),
            )
        validate.closing_day(day, today=self.today, started=person.started, last_session=person.last_session)
        self.update_fields("people", person_id, {"status": "closed", "closed_at": day.isoformat()})
        written = (
            self.journal.reflections.add_reflection(
                reflection, day=day, person_id=person_id, tags=list(dict.fromkeys([_(CLOSING_TAG), *(tags or [])]))
            )
            if reflection
            else None
        )
        actions, topics = self.open_items(person_id)
        closing = Closing(self.journal.people.get_person(person_id), written)
        if not drop_open:
            closing.kept, closing.kept_topics = actions, topics
            return closing
        changed, _kept = self.journal.actions.set_action_status([action.id for action in actions], "dropped")
        closing.dropped = changed
        closing.removed_topics, _unchanged = self.journal.topics.set_topic_status(
            [topic.id for topic in topics], "dropped"
        )
        return closing

    def reopen_person(self, person_id: int) -> Person:
        person = self.journal.people.get_person(person_id)
        if person.status != "closed":
            raise MentorlogError(_("the relationship with {name} is not closed").format(name=person.name))
        self.update_fields("people", person_id, {"status": "active", "closed_at": None})
        return self.journal.people.get_person(person_id)
