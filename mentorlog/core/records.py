"""The records of a journal, one `msgspec.Struct` per kind; `to_json` gives the shapes product.md promises.

Each kind lists the keys of its JSON form, in order (`JSON`): a field, or a property of that name, with
`with` read from `with_name`. One encoder (`Record.to_json`) builds them all. A Struct costs ~0.03 ms to
define against ~0.45 ms for a dataclass (whose methods are compiled per class), and `msgspec.convert`
makes them from rows (`from_rows`).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, TypeVar

import msgspec

ROLES = ("mentor", "mentee")
HORIZONS = ("short", "long")
GOAL_STATUSES = ("active", "achieved", "paused", "dropped")
ACTION_STATUSES = ("open", "done", "dropped")
SKILL_KINDS = ("strength", "growth")


JSON_ATTRIBUTE = {"with": "with_name"}  # JSON keys that are no Python name: the attribute that holds them

R = TypeVar("R", bound="Record")


class Record(msgspec.Struct):
    """One kind of record: its fields as the store reads them, and `JSON`, the keys of its JSON form in order."""

    JSON: ClassVar[tuple[str, ...]] = ()
    NESTED: ClassVar[tuple[str, ...]] = ()  # keys of JSON that hold a list of records: shown in their JSON form
    _json_values: ClassVar[Callable[[Record], tuple[Any, ...]]]

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


def from_rows(kind: type[R], rows: list[dict[str, Any]]) -> list[R]:
    """Records made from rows of the store by column name: a column with no field is left out, SQLite's 0/1
    becomes a bool. One call for all rows (per row, msgspec.convert costs more than the constructor)."""
    return msgspec.convert(rows, list[kind], strict=False)  # type: ignore[valid-type]


class Person(Record):
    """A relationship: the person, my role toward them, its cadence, agreement and status."""

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
        "created_at",
        "updated_at",
    )

    id: int
    uuid: str
    name: str
    role: str
    cadence_days: int | None
    note: str
    created_at: str
    updated_at: str
    last_session: str | None = None
    next_session: str | None = None
    open_actions: int = 0
    started: str | None = None
    ends: str | None = None
    agreement: str = ""
    status: str = "active"
    closed_at: str | None = None
    meets_day: int | None = None  # the usual slot (`person edit --meets "tue 10:00"`): weekday 0-6
    meets_time: str | None = None  # and time of day HH:MM
    next_time: str | None = None  # HH:MM of the planned next meeting, when one was given

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

    id: int
    uuid: str
    date: str
    time: str | None
    person_id: int | None
    with_name: str | None
    title: str
    notes: str
    feedback: str
    confidence: int | None
    next: str | None
    private: bool
    created_at: str
    updated_at: str
    next_time: str | None = None  # HH:MM of the next meeting, when one was given (`--next "fri 14:00"`)
    goal_ids: list[int] = msgspec.field(default_factory=list)
    action_ids: list[int] = msgspec.field(default_factory=list)
    tags: list[str] = msgspec.field(default_factory=list)


class Goal(Record):
    """A goal or milestone (parent_id), with its progress and the relationship it belongs to."""

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

    id: int
    uuid: str
    title: str
    description: str
    horizon: str
    status: str
    progress: int
    target: str | None
    parent_id: int | None
    person_id: int | None
    with_name: str | None
    created_at: str
    updated_at: str
    achieved_at: str | None
    tags: list[str] = msgspec.field(default_factory=list)
    milestone_total: int = 0
    milestone_achieved: int = 0

    @property
    def milestones(self) -> dict[str, int]:
        return {"total": self.milestone_total, "achieved": self.milestone_achieved}


class ProgressUpdate(Record):
    """A dated progress figure of a goal, with an optional note."""

    JSON = ("id", "uuid", "goal_id", "date", "progress_before", "progress", "note", "created_at")

    id: int
    uuid: str
    goal_id: int
    date: str
    progress_before: int
    progress: int
    note: str
    created_at: str


class Action(Record):
    """An action item: what, whose, due when, with whom, and whether it is open, done or dropped."""

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

    id: int
    uuid: str
    text: str
    owner: str
    owner_id: int | None
    due: str | None
    status: str
    person_id: int | None
    with_name: str | None
    session_id: int | None
    goal_id: int | None
    created_at: str
    updated_at: str
    done_at: str | None


class Reflection(Record):
    """A dated reflection: what went well, what was hard, what is next."""

    JSON = ("id", "uuid", "date", "text", "goal_id", "with", "tags", "created_at", "updated_at")

    id: int
    uuid: str
    date: str
    text: str
    goal_id: int | None
    person_id: int | None
    with_name: str | None
    created_at: str
    updated_at: str
    tags: list[str] = msgspec.field(default_factory=list)


class Topic(Record):
    """A topic queued for the next meeting with someone; discussed_at once talked about."""

    JSON = ("id", "uuid", "text", "with", "status", "session_id", "created_at", "updated_at", "discussed_at")

    id: int
    uuid: str
    text: str
    person_id: int
    with_name: str
    status: str
    session_id: int | None
    created_at: str
    updated_at: str
    discussed_at: str | None


class Rating(Record):
    """A dated level 1-5 of a skill: by me (rater_id None, a self-assessment) or by a person (their view)."""

    JSON = ("id", "uuid", "date", "level", "by", "note", "session_id", "created_at")

    id: int
    uuid: str
    skill_id: int
    date: str
    level: int
    rater_id: int | None
    rater_name: str | None
    session_id: int | None
    note: str
    created_at: str
    updated_at: str

    @property
    def by(self) -> str:
        return self.rater_name if self.rater_id is not None and self.rater_name else "me"

    @property
    def mine(self) -> bool:
        return self.rater_id is None


class Skill(Record):
    """An ability someone is developing (`growth`) or relies on (`strength`): mine, or a person's (with_name)."""

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

    id: int
    uuid: str
    name: str
    kind: str
    person_id: int | None
    with_name: str | None
    description: str
    created_at: str
    updated_at: str
    goal_ids: list[int] = msgspec.field(default_factory=list)
    ratings: list[Rating] = msgspec.field(default_factory=list)  # oldest first

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


class Hit(msgspec.Struct, frozen=True):
    """One search result: the record's kind and id, its title and a snippet with the matches marked."""

    kind: str
    id: int
    date: str | None
    title: str
    snippet: str  # with MATCH_OPEN / MATCH_CLOSE around the matched words
    score: float
    with_name: str | None = None

    def plain_snippet(self) -> str:
        return self.snippet.replace(MATCH_OPEN, "").replace(MATCH_CLOSE, "")

    def to_json(self) -> dict[str, Any]:  # computed: the snippet without its marks, the score rounded
        return {
            "kind": self.kind,
            "id": self.id,
            "date": self.date,
            "title": self.title,
            "snippet": self.plain_snippet(),
            "score": round(self.score, 4),
        }
