"""Typed changes to a record: every field a flag or the editor can set, UNSET when it is left alone.

A patch is a frozen value: the store reads it and never changes it, so an update cannot alter its argument.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import date, time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentorlog.core.dates import When


class Unset(enum.Enum):
    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET = Unset.UNSET


@dataclass(frozen=True)
class Patch:
    def changes(self) -> dict[str, Any]:
        """The fields that were set, by name."""
        return {item.name: getattr(self, item.name) for item in fields(self) if getattr(self, item.name) is not UNSET}

    def __bool__(self) -> bool:
        return bool(self.changes())


@dataclass(frozen=True)
class SessionPatch(Patch):
    title: str | Unset = UNSET
    notes: str | Unset = UNSET
    feedback: str | Unset = UNSET
    day: date | Unset = UNSET
    confidence: int | Unset | None = UNSET
    next_day: date | When | Unset | None = UNSET  # a When: the next meeting's day with its time of day
    private: bool | Unset = UNSET
    person_id: int | Unset | None = UNSET
    tags: tuple[str, ...] | Unset = UNSET
    goal_ids: tuple[int, ...] | Unset = UNSET


@dataclass(frozen=True)
class GoalPatch(Patch):
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    horizon: str | Unset = UNSET
    target: date | Unset | None = UNSET
    parent_id: int | Unset | None = UNSET
    person_id: int | Unset | None = UNSET
    tags: tuple[str, ...] | Unset = UNSET


@dataclass(frozen=True)
class ActionPatch(Patch):
    text: str | Unset = UNSET
    owner_id: int | Unset | None = UNSET
    due: date | Unset | None = UNSET
    person_id: int | Unset | None = UNSET
    goal_id: int | Unset | None = UNSET
    session_id: int | Unset | None = UNSET


@dataclass(frozen=True)
class ReflectionPatch(Patch):
    text: str | Unset = UNSET
    day: date | Unset = UNSET
    person_id: int | Unset | None = UNSET
    goal_id: int | Unset | None = UNSET
    tags: tuple[str, ...] | Unset = UNSET


@dataclass(frozen=True)
class PersonPatch(Patch):
    name: str | Unset = UNSET
    role: str | Unset = UNSET
    cadence_days: int | Unset | None = UNSET
    note: str | Unset = UNSET
    started: date | Unset | None = UNSET
    ends: date | Unset | None = UNSET
    agreement: str | Unset = UNSET
    meets: tuple[int | None, time | None] | Unset | None = UNSET  # the usual slot: weekday, time of day
    template: str | Unset = UNSET


@dataclass(frozen=True)
class TopicPatch(Patch):
    text: str | Unset = UNSET
    person_id: int | Unset = UNSET


@dataclass(frozen=True)
class SkillPatch(Patch):
    name: str | Unset = UNSET
    kind: str | Unset = UNSET
    description: str | Unset = UNSET
    person_id: int | Unset | None = UNSET
    goal_ids: tuple[int, ...] | Unset = UNSET
