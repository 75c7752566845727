"""People and the topics queued for them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from mentorlog.base.errors import AmbiguousName, MentorlogError, NotFound, UsageError
from mentorlog.base.i18n import _
from mentorlog.core import validate
from mentorlog.core.records import Person, Topic, from_rows
from mentorlog.store.base import WORD, Repo, quote_arg
from mentorlog.store.undo import counted

if TYPE_CHECKING:  # the patches are types here; only the editing commands load them
    from mentorlog.core.patches import PersonPatch, TopicPatch

PERSON_SELECT = """
SELECT p.*,
    (SELECT max(s.date) FROM sessions s WHERE s.person_id = p.id AND s.date <= :today) AS last_session,
    (SELECT s.next_date || coalesce(' ' || s.next_time, '') FROM sessions s WHERE s.person_id = p.id
        ORDER BY s.date DESC, s.id DESC LIMIT 1) AS planned_next,
    (SELECT min(s.date) FROM sessions s WHERE s.person_id = p.id AND s.date > :today) AS future_session,
    (SELECT count(*) FROM actions a WHERE a.person_id = p.id AND a.status = 'open') AS open_actions,
    coalesce(p.started, (SELECT min(s.date) FROM sessions s WHERE s.person_id = p.id),
             date(p.created_at, 'localtime')) AS start_day
FROM people p
"""

TOPIC_SELECT = "SELECT t.*, p.name AS with_name FROM topics t JOIN people p ON p.id = t.person_id"


def _person(found: dict[str, Any]) -> Person:
    planned, _, planned_time = (found["planned_next"] or "").partition(" ")  # `2026-12-04 14:00`: with its time
    candidates = [day for day in (planned, found["future_session"]) if day]
    if found["status"] == "closed":
        candidates = []  # a closed relationship has no next meeting
    next_session = min(candidates) if candidates else None
    found.update(
        next_session=next_session,
        next_time=(planned_time or None) if next_session and next_session == planned else None,
        started=found["start_day"],
    )
    return from_rows(Person, [found])[0]


def _topic(found: dict[str, Any]) -> Topic:
    return from_rows(Topic, [found])[0]


def _check_span(person: Person) -> None:
    if person.ends and person.started and person.ends < person.started:
        raise UsageError(
            _("the planned end {ends} lies before the start {started}").format(ends=person.ends, started=person.started)
        )


class PeopleRepo(Repo):
    """People: the mentees and mentors, found by (part of) their name."""

    def add_person(
        self,
        name: str,
        role: str,
        cadence_days: int | None = None,
        note: str = "",
        *,
        started: date | None = None,
        ends: date | None = None,
        agreement: str = "",
        template: str = "",
    ) -> Person:
        name = validate.name(name)
        existing = self.same_name(name)
        if existing:
            raise MentorlogError(
                _("a person named {existing!r} already exists (id {existing2})").format(
                    existing=existing["name"], existing2=existing["id"]
                ),
                _("Use that one, or give the new person a distinguishing name."),
            )
        person_id = self.insert(
            "people",
            {
                "name": name,
                "name_key": validate.name_key(name),
                "role": validate.role(role),
                "cadence_days": validate.cadence_days(cadence_days),
                "note": validate.text(note, "note", required=False),
                "started": validate.day(started, "start").isoformat() if started else None,
                "ends": validate.day(ends, "planned end").isoformat() if ends else None,
                "agreement": validate.text(agreement, "agreement", required=False),
                "template": validate.template_name(template),
            },
        )
        _check_span(self.get_person(person_id))
        return self.get_person(person_id)

    def get_person(self, person_id: int) -> Person:
        self.require("people", "person", person_id)
        found = self.rows(PERSON_SELECT + " WHERE p.id = :id", {"today": self.today.isoformat(), "id": person_id})
        return _person(found[0])

    def list_people(self, *, include_closed: bool = False) -> list[Person]:
        """People by name; closed relationships only when asked."""
        where = "" if include_closed else " WHERE p.status = 'active'"
        found = self.rows(PERSON_SELECT + where + " ORDER BY p.name COLLATE NOCASE", {"today": self.today.isoformat()})
        return [_person(item) for item in found]

    def update_person(self, person_id: int, patch: PersonPatch) -> Person:
        self.require("people", "person", person_id)
        fields = patch.changes()
        if "name" in fields:
            fields["name"] = validate.name(fields["name"])
            clash = self.same_name(fields["name"], other_than=person_id)
            if clash:
                raise MentorlogError(
                    _("another person is already named {clash!r} (id {clash2})").format(
                        clash=clash["name"], clash2=clash["id"]
                    )
                )
            fields["name_key"] = validate.name_key(fields["name"])
        if "role" in fields:
            fields["role"] = validate.role(fields["role"])
        if "cadence_days" in fields:
            fields["cadence_days"] = validate.cadence_days(fields["cadence_days"])
        if "note" in fields:
            fields["note"] = validate.text(fields["note"], "note", required=False)
        if "agreement" in fields:
            fields["agreement"] = validate.text(fields["agreement"], "agreement", required=False)
        if "template" in fields:
            fields["template"] = validate.template_name(fields["template"])
        for name, what in (("started", "start"), ("ends", "planned end")):
            if name in fields:
                fields[name] = validate.day(fields[name], what).isoformat() if fields[name] else None
        if "meets" in fields:
            weekday, at = fields.pop("meets") or (None, None)
            fields["meets_day"] = weekday
            fields["meets_time"] = at.strftime("%H:%M") if at else None
        self.update_fields("people", person_id, fields)
        _check_span(self.get_person(person_id))
        return self.get_person(person_id)

    def delete_person(self, person_id: int) -> None:
        self.check_person_deletable(person_id)
        self.db.execute("DELETE FROM topics WHERE person_id = ?", [person_id])
        self.db.execute("DELETE FROM asked_questions WHERE person_id = ?", [person_id])
        self.db.execute("DELETE FROM people WHERE id = ?", [person_id])

    def check_person_deletable(self, person_id: int) -> None:
        """Raise why the person cannot be deleted (asked before `delete` asks for confirmation)."""
        self.require("people", "person", person_id)
        uses = {
            "session": self.scalar("SELECT count(*) FROM sessions WHERE person_id = ?", [person_id]),
            "goal": self.scalar("SELECT count(*) FROM goals WHERE person_id = ?", [person_id]),
            "action item": self.scalar(
                "SELECT count(*) FROM actions WHERE person_id = ? OR owner_id = ?", [person_id, person_id]
            ),
            "reflection": self.scalar("SELECT count(*) FROM reflections WHERE person_id = ?", [person_id]),
            "skill": self.scalar("SELECT count(*) FROM skills WHERE person_id = ?", [person_id]),
            "skill rating": self.scalar("SELECT count(*) FROM skill_ratings WHERE rater_id = ?", [person_id]),
        }
        used = ", ".join(counted(what, count) for what, count in uses.items() if count)
        if used:
            raise MentorlogError(
                _("person {person_id} still has {used}").format(person_id=person_id, used=used),
                _("To end the relationship, `mentorlog person close`; nothing was deleted."),
            )

    def find_person(self, name: str) -> dict[str, Any]:
        """A person by full name or unique prefix of the name or of a word in it; Unicode case-insensitive."""
        wanted = validate.name_key(name)
        if not wanted:
            raise UsageError(_("the person's name is empty"))
        everyone = self.rows("SELECT id, name, role, cadence_days FROM people ORDER BY name")
        keyed = [(validate.name_key(person["name"]), person) for person in everyone]
        exact = [person for key, person in keyed if key == wanted]
        if exact:
            return exact[0]
        candidates = [
            person
            for key, person in keyed
            if key.startswith(wanted) or any(word.startswith(wanted) for word in WORD.findall(key))
        ]
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            names = ", ".join(person["name"] for person in candidates)
            raise AmbiguousName(
                _("{name!r} matches several people: {names}").format(name=name, names=names),
                _("Type more of the name."),
            )
        raise NotFound(
            _("no person named {name!r}").format(name=name),
            _("Add them with `mentorlog person add {name} --role mentee` (or mentor).").format(name=quote_arg(name)),
        )

    def same_name(self, name: str, *, other_than: int | None = None) -> dict[str, Any] | None:
        """The person whose name equals NAME under Unicode case folding, if any."""
        return self.row(
            "SELECT id, name FROM people WHERE name_key = ? AND id IS NOT ?", [validate.name_key(name), other_than]
        )

    def person_name(self, person_id: int | None) -> str | None:
        if person_id is None:
            return None
        return str(self.scalar("SELECT name FROM people WHERE id = ?", [person_id]))


class TopicsRepo(Repo):
    """The topics queued for a person's next meeting."""

    def add_topic(self, text: str, person_id: int) -> Topic:
        topic_id = self.insert("topics", {"text": validate.text(text, "topic"), "person_id": person_id})
        return self.get_topic(topic_id)

    def get_topic(self, topic_id: int) -> Topic:
        self.require("topics", "topic", topic_id)
        return _topic(self.rows(TOPIC_SELECT + " WHERE t.id = ?", [topic_id])[0])

    def list_topics(self, *, person_id: int | None = None, status: str | None = "open") -> list[Topic]:
        """Topics by id; STATUS None (or `all`) for every status."""
        where: list[str] = []
        params: list[Any] = []
        status = None if status in (None, "all") else status
        if person_id is not None:
            where.append("t.person_id = ?")
            params.append(person_id)
        if status is not None:
            where.append("t.status = ?")
            params.append(status)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        return [_topic(item) for item in self.rows(TOPIC_SELECT + clause + " ORDER BY t.id", params)]

    def topics_to_discuss(self, person_id: int, day: date) -> list[Topic]:
        """The open topics with PERSON_ID that a session on DAY can discuss: those queued on or before DAY."""
        return [
            _topic(item)
            for item in self.rows(
                TOPIC_SELECT + " WHERE t.person_id = ? AND t.status = 'open' AND date(t.created_at, 'localtime') <= ?"
                " ORDER BY t.id",
                [person_id, day.isoformat()],
            )
        ]

    def mark_topics_discussed(self, person_id: int, session_id: int, day: date, wanted: list[int] | None) -> list[int]:
        """Mark discussed in SESSION_ID the topics WANTED (None: every one it can discuss); each must be an open
        topic with PERSON_ID queued on or before DAY, else nothing is marked (UsageError)."""
        offered = [topic.id for topic in self.topics_to_discuss(person_id, day)]
        ids = offered if wanted is None else list(dict.fromkeys(wanted))
        strays = [topic_id for topic_id in ids if topic_id not in offered]
        if strays:
            name = self.journal.people.person_name(person_id) or ""
            listed = ", ".join(str(topic_id) for topic_id in offered)
            raise UsageError(
                _("topic {ids} is not an open topic with {name} queued by {day}").format(
                    ids=", ".join(str(topic_id) for topic_id in strays), name=name, day=day.isoformat()
                ),
                _("Open topics this session can discuss: {ids}.").format(ids=listed)
                if offered
                else _("This session has no open topic to discuss."),
            )
        for topic_id in ids:
            self.update_fields(
                "topics", topic_id, {"status": "discussed", "session_id": session_id, "discussed_at": self.now()}
            )
        return ids

    def set_topic_status(self, ids: list[int], status: str) -> tuple[list[Topic], list[Topic]]:
        """Set the status of every id (all must exist): discussed outside a session, dropped, or open again;
        returns (changed, already so)."""
        status = validate.topic_status(status)
        for topic_id in ids:
            self.require("topics", "topic", topic_id)
        changed, unchanged = [], []
        for topic_id in dict.fromkeys(ids):
            topic = self.get_topic(topic_id)
            if topic.status == status:
                unchanged.append(topic)
                continue
            self.update_fields(
                "topics",
                topic_id,
                {"status": status, "session_id": None, "discussed_at": self.now() if status == "discussed" else None},
            )
            changed.append(self.get_topic(topic_id))
        return changed, unchanged

    def update_topic(self, topic_id: int, patch: TopicPatch) -> Topic:
        self.require("topics", "topic", topic_id)
        fields = patch.changes()
        if "text" in fields:
            fields["text"] = validate.text(fields["text"], "topic")
        self.update_fields("topics", topic_id, fields)
        return self.get_topic(topic_id)

    def delete_topic(self, topic_id: int) -> None:
        self.require("topics", "topic", topic_id)
        self.db.execute("DELETE FROM topics WHERE id = ?", [topic_id])
