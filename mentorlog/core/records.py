"""The records of a journal as plain dataclasses; `to_json` gives the shapes product.md promises."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from mentorlog.base.datarecord import datarecord

ROLES = ("mentor", "mentee")
HORIZONS = ("short", "long")
GOAL_STATUSES = ("active", "achieved", "paused", "dropped")
ACTION_STATUSES = ("open", "done", "dropped")
TOPIC_STATUSES = ("open", "discussed")
PERSON_STATUSES = ("active", "closed")
SKILL_KINDS = ("strength", "growth")
KINDS = ("session", "goal", "action", "reflection", "person", "topic", "skill")


@datarecord
class Person:
    """A relationship: the person, my role toward them, its cadence, agreement and status."""

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

    @property
    def active(self) -> bool:
        return self.status == "active"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "name": self.name,
            "role": self.role,
            "cadence_days": self.cadence_days,
            "note": self.note,
            "last_session": self.last_session,
            "next_session": self.next_session,
            "open_actions": self.open_actions,
            "status": self.status,
            "started": self.started,
            "ends": self.ends,
            "agreement": self.agreement,
            "closed_at": self.closed_at,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@datarecord
class Session:
    """A meeting with someone (or a note with no one): notes, feedback, confidence, tags, goals."""

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
    goal_ids: list[int] = field(default_factory=list)
    action_ids: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "date": self.date,
            "time": self.time,
            "with": self.with_name,
            "title": self.title,
            "notes": self.notes,
            "feedback": self.feedback,
            "confidence": self.confidence,
            "next": self.next,
            "private": self.private,
            "goal_ids": self.goal_ids,
            "action_ids": self.action_ids,
            "tags": self.tags,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@datarecord
class Goal:
    """A goal or milestone (parent_id), with its progress and the relationship it belongs to."""

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
    tags: list[str] = field(default_factory=list)
    milestone_total: int = 0
    milestone_achieved: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "title": self.title,
            "description": self.description,
            "horizon": self.horizon,
            "status": self.status,
            "progress": self.progress,
            "target": self.target,
            "parent_id": self.parent_id,
            "with": self.with_name,
            "tags": self.tags,
            "milestones": {"total": self.milestone_total, "achieved": self.milestone_achieved},
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "achieved_at": self.achieved_at,
        }


@datarecord
class ProgressUpdate:
    """A dated progress figure of a goal, with an optional note."""

    id: int
    uuid: str
    goal_id: int
    date: str
    progress_before: int
    progress: int
    note: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "goal_id": self.goal_id,
            "date": self.date,
            "progress_before": self.progress_before,
            "progress": self.progress,
            "note": self.note,
            "created_at": self.created_at,
        }


@datarecord
class Action:
    """An action item: what, whose, due when, with whom, and whether it is open, done or dropped."""

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

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "text": self.text,
            "owner": self.owner,
            "due": self.due,
            "status": self.status,
            "with": self.with_name,
            "session_id": self.session_id,
            "goal_id": self.goal_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "done_at": self.done_at,
        }


@datarecord
class Reflection:
    """A dated reflection: what went well, what was hard, what is next."""

    id: int
    uuid: str
    date: str
    text: str
    goal_id: int | None
    person_id: int | None
    with_name: str | None
    created_at: str
    updated_at: str
    tags: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "date": self.date,
            "text": self.text,
            "goal_id": self.goal_id,
            "with": self.with_name,
            "tags": self.tags,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@datarecord
class Topic:
    """A topic queued for the next meeting with someone; discussed_at once talked about."""

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

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "text": self.text,
            "with": self.with_name,
            "status": self.status,
            "session_id": self.session_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "discussed_at": self.discussed_at,
        }


@datarecord
class Rating:
    """A dated level 1-5 of a skill: by me (rater_id None, a self-assessment) or by a person (their view)."""

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

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "date": self.date,
            "level": self.level,
            "by": self.by,
            "note": self.note,
            "session_id": self.session_id,
            "created_at": self.created_at,
        }


@datarecord
class Skill:
    """An ability someone is developing (`growth`) or relies on (`strength`): mine, or a person's (with_name)."""

    id: int
    uuid: str
    name: str
    kind: str
    person_id: int | None
    with_name: str | None
    description: str
    created_at: str
    updated_at: str
    goal_ids: list[int] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)  # oldest first

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

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "name": self.name,
            "kind": self.kind,
            "with": self.with_name,
            "description": self.description,
            "goal_ids": self.goal_ids,
            "level": self.level,
            "level_by_others": self.level_by_others,
            "ratings": [rating.to_json() for rating in self.ratings],
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


# search -----------------------------------------------------------------------------------------

SEARCH_KINDS = ("session", "reflection", "goal", "action", "topic", "person", "skill")
MATCH_OPEN, MATCH_CLOSE = "\x02", "\x03"  # marks a matched word in a snippet; never in shown text (made inert)


@datarecord(frozen=True)
class Hit:
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

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "date": self.date,
            "title": self.title,
            "snippet": self.plain_snippet(),
            "score": round(self.score, 4),
        }
