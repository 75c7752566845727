"""The records of a journal, one plain class per kind; `to_json` gives the shapes product.md promises.

Each kind lists the keys of its JSON form, in order (`JSON`): a field, or a property of that name, with
`with` read from `with_name`. One encoder (`Record.to_json`) builds them all. Each kind names its fields in
`__slots__` and takes them in `__init__` (positionally in that order, or by name); records compare by value and
are not hashable. Plain value classes (base/values.py): the listings start without msgspec, which a Struct per
kind would load into every command (4-5 ms).
`from_rows` makes them from rows of the store by column name.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, TypeVar

from mentorlog.base.values import Value
from mentorlog.base.values import replace as replace  # (a copy with changes: every value class, records too)

ROLES = ("mentor", "mentee")
HORIZONS = ("short", "long")
GOAL_STATUSES = ("active", "achieved", "paused", "dropped")
ACTION_STATUSES = ("open", "done", "dropped")
TOPIC_STATUSES = ("open", "discussed", "dropped")
SKILL_KINDS = ("strength", "growth")


JSON_ATTRIBUTE = {"with": "with_name"}  # JSON keys that are no Python name: the attribute that holds them

R = TypeVar("R", bound="Record")


class Record(Value):
    """One kind of record: its fields as the store reads them (`__slots__`, in the order `__init__` takes them),
    and `JSON`, the keys of its JSON form in order."""

    __slots__: ClassVar[tuple[str, ...]] = ()
    JSON: ClassVar[tuple[str, ...]] = ()
    NESTED: ClassVar[tuple[str, ...]] = ()  # keys of JSON that hold a list of records: shown in their JSON form
    _json_values: ClassVar[Callable[[Record], tuple[Any, ...]]]
    __hash__: ClassVar[None] = None  # type: ignore[assignment]  # records change (`replace`): compared, never hashed

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        if cls.JSON:
            cls._json_values = attrgetter(*(JSON_ATTRIBUTE.get(key, key) for key in cls.JSON))

    def to_json(self) -> dict[str, Any]:
        """The JSON form: each key of `JSON`, in order, from the field or property of that name."""
        shown = dict(zip(self.JSON, type(self)._json_values(self), strict=True))
        for key in self.NESTED:
            shown[key] = [record.to_json() for record in shown[key]]
        return shown


def fields(kind: type[Record]) -> tuple[str, ...]:
    """KIND's fields, in the order its constructor takes them."""
    return kind.__slots__


def from_rows(kind: type[R], rows: list[dict[str, Any]]) -> list[R]:
    """Records made from rows of the store by column name: a column with no field is left out (a kind turns
    SQLite's 0/1 into a bool itself)."""
    names = kind.__slots__
    return [kind(**{name: row[name] for name in names if name in row}) for row in rows]


class Person(Record):
    """A relationship: the person, my role toward them, its cadence, agreement and status."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "id", "uuid", "name", "role", "cadence_days", "note", "created_at", "updated_at", "last_session",
        "next_session", "open_actions", "started", "ends", "agreement", "status", "closed_at", "meets_day",
        "meets_time", "next_time", "template",
    )  # fmt: skip
    JSON = (
        "id",
        "uuid",
        "name",
        "role",
        "cadence_days",
        "meets",
        "note",
        "last_session",
        "next_session",
        "next_time",
        "open_actions",
        "status",
        "started",
        "ends",
        "agreement",
        "closed_at",
        "template",
        "created_at",
        "updated_at",
    )

    def __init__(
        self,
        id: int,
        uuid: str,
        name: str,
        role: str,
        cadence_days: int | None,
        note: str,
        created_at: str,
        updated_at: str,
        last_session: str | None = None,
        next_session: str | None = None,
        open_actions: int = 0,
        started: str | None = None,
        ends: str | None = None,
        agreement: str = "",
        status: str = "active",
        closed_at: str | None = None,
        meets_day: int | None = None,  # the usual slot (`person edit --meets "tue 10:00"`): weekday 0-6
        meets_time: str | None = None,  # and time of day HH:MM
        next_time: str | None = None,  # HH:MM of the planned next meeting, when one was given
        template: str = "",  # the default note template's name; '' for the usual one
    ) -> None:
        self.id, self.uuid, self.name, self.role, self.cadence_days = id, uuid, name, role, cadence_days
        self.note, self.created_at, self.updated_at = note, created_at, updated_at
        self.last_session, self.next_session, self.open_actions = last_session, next_session, open_actions
        self.started, self.ends, self.agreement, self.status, self.closed_at = (
            started,
            ends,
            agreement,
            status,
            closed_at,
        )
        self.meets_day, self.meets_time, self.next_time = meets_day, meets_time, next_time
        self.template = template

    @property
    def meets(self) -> str | None:
        """The usual slot as JSON says it: `tue 10:00`, `10:00`, `tue`; None when there is none."""
        if self.meets_day is None and self.meets_time is None:
            return None
        day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[self.meets_day] if self.meets_day is not None else ""
        return " ".join(part for part in (day, self.meets_time or "") if part)

    @property
    def active(self) -> bool:
        return self.status == "active"


class Session(Record):
    """A meeting with someone (or a note with no one): notes, feedback, confidence, tags, goals."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "id", "uuid", "date", "time", "person_id", "with_name", "title", "notes", "feedback", "confidence", "next",
        "private", "created_at", "updated_at", "next_time", "goal_ids", "action_ids", "tags",
    )  # fmt: skip
    JSON = (
        "id",
        "uuid",
        "date",
        "time",
        "with",
        "title",
        "notes",
        "feedback",
        "confidence",
        "next",
        "next_time",
        "private",
        "goal_ids",
        "action_ids",
        "tags",
        "created_at",
        "updated_at",
    )

    def __init__(
        self,
        id: int,
        uuid: str,
        date: str,
        time: str | None,
        person_id: int | None,
        with_name: str | None,
        title: str,
        notes: str,
        feedback: str,
        confidence: int | None,
        next: str | None,
        private: bool | int,
        created_at: str,
        updated_at: str,
        next_time: str | None = None,  # HH:MM of the next meeting, when one was given (`--next "fri 14:00"`)
        goal_ids: list[int] | None = None,
        action_ids: list[int] | None = None,
        tags: list[str] | None = None,
    ) -> None:
        self.id, self.uuid, self.date, self.time = id, uuid, date, time
        self.person_id, self.with_name, self.title, self.notes = person_id, with_name, title, notes
        self.feedback, self.confidence, self.next = feedback, confidence, next
        self.private = bool(private)  # SQLite's 0/1
        self.created_at, self.updated_at, self.next_time = created_at, updated_at, next_time
        self.goal_ids: list[int] = [] if goal_ids is None else goal_ids
        self.action_ids: list[int] = [] if action_ids is None else action_ids
        self.tags: list[str] = [] if tags is None else tags


class Goal(Record):
    """A goal or milestone (parent_id), with its progress and the relationship it belongs to."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "id", "uuid", "title", "description", "horizon", "status", "progress", "target", "parent_id", "person_id",
        "with_name", "created_at", "updated_at", "achieved_at", "tags", "milestone_total", "milestone_achieved",
    )  # fmt: skip
    JSON = (
        "id",
        "uuid",
        "title",
        "description",
        "horizon",
        "status",
        "progress",
        "target",
        "parent_id",
        "with",
        "tags",
        "milestones",
        "created_at",
        "updated_at",
        "achieved_at",
    )

    def __init__(
        self,
        id: int,
        uuid: str,
        title: str,
        description: str,
        horizon: str,
        status: str,
        progress: int,
        target: str | None,
        parent_id: int | None,
        person_id: int | None,
        with_name: str | None,
        created_at: str,
        updated_at: str,
        achieved_at: str | None,
        tags: list[str] | None = None,
        milestone_total: int = 0,
        milestone_achieved: int = 0,
    ) -> None:
        self.id, self.uuid, self.title, self.description = id, uuid, title, description
        self.horizon, self.status, self.progress, self.target = horizon, status, progress, target
        self.parent_id, self.person_id, self.with_name = parent_id, person_id, with_name
        self.created_at, self.updated_at, self.achieved_at = created_at, updated_at, achieved_at
        self.tags: list[str] = [] if tags is None else tags
        self.milestone_total, self.milestone_achieved = milestone_total, milestone_achieved

    @property
    def milestones(self) -> dict[str, int]:
        return {"total": self.milestone_total, "achieved": self.milestone_achieved}


class ProgressUpdate(Record):
    """A dated progress figure of a goal, with an optional note."""

    __slots__ = ("id", "uuid", "goal_id", "date", "progress_before", "progress", "note", "created_at")  # noqa: RUF023
    JSON = ("id", "uuid", "goal_id", "date", "progress_before", "progress", "note", "created_at")

    def __init__(
        self,
        id: int,
        uuid: str,
        goal_id: int,
        date: str,
        progress_before: int,
        progress: int,
        note: str,
        created_at: str,
    ) -> None:
        self.id, self.uuid, self.goal_id, self.date = id, uuid, goal_id, date
        self.progress_before, self.progress, self.note, self.created_at = progress_before, progress, note, created_at


class Action(Record):
    """An action item: what, whose, due when, with whom, and whether it is open, done or dropped."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "id", "uuid", "text", "owner", "owner_id", "due", "status", "person_id", "with_name", "session_id",
        "goal_id", "created_at", "updated_at", "done_at",
    )  # fmt: skip
    JSON = (
        "id",
        "uuid",
        "text",
        "owner",
        "due",
        "status",
        "with",
        "session_id",
        "goal_id",
        "created_at",
        "updated_at",
        "done_at",
    )

    def __init__(
        self,
        id: int,
        uuid: str,
        text: str,
        owner: str,
        owner_id: int | None,
        due: str | None,
        status: str,
        person_id: int | None,
        with_name: str | None,
        session_id: int | None,
        goal_id: int | None,
        created_at: str,
        updated_at: str,
        done_at: str | None,
    ) -> None:
        self.id, self.uuid, self.text, self.owner, self.owner_id = id, uuid, text, owner, owner_id
        self.due, self.status, self.person_id, self.with_name = due, status, person_id, with_name
        self.session_id, self.goal_id = session_id, goal_id
        self.created_at, self.updated_at, self.done_at = created_at, updated_at, done_at


class Reflection(Record):
    """A dated reflection: what went well, what was hard, what is next."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "id", "uuid", "date", "text", "goal_id", "person_id", "with_name", "created_at", "updated_at", "tags",
    )  # fmt: skip
    JSON = ("id", "uuid", "date", "text", "goal_id", "with", "tags", "created_at", "updated_at")

    def __init__(
        self,
        id: int,
        uuid: str,
        date: str,
        text: str,
        goal_id: int | None,
        person_id: int | None,
        with_name: str | None,
        created_at: str,
        updated_at: str,
        tags: list[str] | None = None,
    ) -> None:
        self.id, self.uuid, self.date, self.text, self.goal_id = id, uuid, date, text, goal_id
        self.person_id, self.with_name, self.created_at, self.updated_at = person_id, with_name, created_at, updated_at
        self.tags: list[str] = [] if tags is None else tags


class Topic(Record):
    """A topic queued for the next meeting with someone; discussed_at once talked about."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "id", "uuid", "text", "person_id", "with_name", "status", "session_id", "created_at", "updated_at",
        "discussed_at",
    )  # fmt: skip
    JSON = ("id", "uuid", "text", "with", "status", "session_id", "created_at", "updated_at", "discussed_at")

    def __init__(
        self,
        id: int,
        uuid: str,
        text: str,
        person_id: int,
        with_name: str,
        status: str,
        session_id: int | None,
        created_at: str,
        updated_at: str,
        discussed_at: str | None,
    ) -> None:
        self.id, self.uuid, self.text, self.person_id, self.with_name = id, uuid, text, person_id, with_name
        self.status, self.session_id, self.created_at, self.updated_at = status, session_id, created_at, updated_at
        self.discussed_at = discussed_at


class Rating(Record):
    """A dated level 1-5 of a skill: by me (rater_id None, a self-assessment) or by a person (their view)."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "id", "uuid", "skill_id", "date", "level", "rater_id", "rater_name", "session_id", "note", "created_at",
        "updated_at",
    )  # fmt: skip
    JSON = ("id", "uuid", "date", "level", "by", "note", "session_id", "created_at")

    def __init__(
        self,
        id: int,
        uuid: str,
        skill_id: int,
        date: str,
        level: int,
        rater_id: int | None,
        rater_name: str | None,
        session_id: int | None,
        note: str,
        created_at: str,
        updated_at: str,
    ) -> None:
        self.id, self.uuid, self.skill_id, self.date, self.level = id, uuid, skill_id, date, level
        self.rater_id, self.rater_name, self.session_id, self.note = rater_id, rater_name, session_id, note
        self.created_at, self.updated_at = created_at, updated_at

    @property
    def by(self) -> str:
        return self.rater_name if self.rater_id is not None and self.rater_name else "me"

    @property
    def mine(self) -> bool:
        return self.rater_id is None


class Skill(Record):
    """An ability someone is developing (`growth`) or relies on (`strength`): mine, or a person's (with_name)."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "id", "uuid", "name", "kind", "person_id", "with_name", "description", "created_at", "updated_at",
        "goal_ids", "ratings",
    )  # fmt: skip
    NESTED = ("ratings",)
    JSON = (
        "id",
        "uuid",
        "name",
        "kind",
        "with",
        "description",
        "goal_ids",
        "level",
        "level_by_others",
        "ratings",
        "created_at",
        "updated_at",
    )

    def __init__(
        self,
        id: int,
        uuid: str,
        name: str,
        kind: str,
        person_id: int | None,
        with_name: str | None,
        description: str,
        created_at: str,
        updated_at: str,
        goal_ids: list[int] | None = None,
        ratings: list[Rating] | None = None,
    ) -> None:
        self.id, self.uuid, self.name, self.kind, self.person_id = id, uuid, name, kind, person_id
        self.with_name, self.description, self.created_at, self.updated_at = (
            with_name, description, created_at, updated_at
        )  # fmt: skip
        self.goal_ids: list[int] = [] if goal_ids is None else goal_ids
        self.ratings: list[Rating] = [] if ratings is None else ratings  # oldest first

    @property
    def level(self) -> int | None:
        """My latest rating (my view)."""
        mine = [rating for rating in self.ratings if rating.mine]
        return mine[-1].level if mine else None

    @property
    def level_by_others(self) -> int | None:
        """The latest rating by anyone else (their view)."""
        theirs = [rating for rating in self.ratings if not rating.mine]
        return theirs[-1].level if theirs else None


# search -----------------------------------------------------------------------------------------

MATCH_OPEN, MATCH_CLOSE = "\x02", "\x03"  # marks a matched word in a snippet; never in shown text (made inert)
