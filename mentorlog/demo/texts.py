"""The shape of the demo journal's words: one `Texts` per language (english.py, german.py), which the filler in
journal.py writes into the same half year, date for date."""

from __future__ import annotations

import msgspec


class Relationship(msgspec.Struct, frozen=True):
    name: str
    role: str
    cadence: int
    topics: tuple[str, ...]
    feedback: tuple[str, ...]
    actions_mine: tuple[str, ...]
    actions_theirs: tuple[str, ...]
    slipping: bool = False  # my follow-through slipped in the last two months (`health`: needs attention)
    falling: bool = False  # confidence fell over the last three sessions
    closed_days_ago: int | None = None  # a relationship that ended, with a closing reflection


class Texts(msgspec.Struct, frozen=True):
    """Every word the demo writes, in one language."""

    relationships: tuple[Relationship, Relationship, Relationship, Relationship]  # a mentor, two mentees, a closed one
    agreements: tuple[str, str]  # the mentor's, the first mentee's
    closing: str
    notes: tuple[str, ...]
    reflections: tuple[str, ...]
    goals: dict[str, str]  # key -> title
    talk_description: str
    progress_notes: tuple[str, str, str, str]
    topics: tuple[str, str, str, str]
    my_action: str
    session_title: tuple[str, str]  # with a mentor, with a mentee
    skills: tuple[tuple[str, str], ...]  # (name, description) in the order of journal.SKILL_PLAN
    notes_by_level: dict[int, str]
    tags: tuple[str, str]  # the talk's, the team-lead goal's
