"""records: each kind's JSON shape (the one product.md promises) field by field, and the values derived
from the fields (a person's being active, whose rating, a skill's levels, a hit's plain snippet)."""

from __future__ import annotations

from typing import Any

import pytest

from mentorlog.core.hits import Hit
from mentorlog.core.records import (
    MATCH_CLOSE,
    MATCH_OPEN,
    Action,
    Goal,
    Person,
    ProgressUpdate,
    Rating,
    Record,
    Reflection,
    Session,
    Skill,
    Topic,
)

# every field a value of its own, so that a key that reads the wrong field shows
PERSON: dict[str, Any] = {
    "id": 10,
    "uuid": "uuid-person",
    "name": "name-person",
    "role": "role-person",
    "cadence_days": 14,
    "note": "note-person",
    "created_at": "created_at-person",
    "updated_at": "updated_at-person",
    "last_session": "last_session-person",
    "next_session": "next_session-person",
    "open_actions": 20,
    "started": "started-person",
    "ends": "ends-person",
    "agreement": "agreement-person",
    "status": "status-person",
    "closed_at": "closed_at-person",
    "meets_day": 1,
    "meets_time": "10:00",
    "next_time": "next_time-person",
    "template": "template-person",
}
SESSION: dict[str, Any] = {
    "id": 10,
    "uuid": "uuid-session",
    "date": "date-session",
    "time": "time-session",
    "person_id": 14,
    "with_name": "with_name-session",
    "title": "title-session",
    "notes": "notes-session",
    "feedback": "feedback-session",
    "confidence": 19,
    "next": "next-session",
    "next_time": "next_time-session",
    "private": True,
    "created_at": "created_at-session",
    "updated_at": "updated_at-session",
    "goal_ids": [114, 214],
    "action_ids": [115, 215],
    "tags": ["tags-1", "tags-2"],
}
GOAL: dict[str, Any] = {
    "id": 10,
    "uuid": "uuid-goal",
    "title": "title-goal",
    "description": "description-goal",
    "horizon": "horizon-goal",
    "status": "status-goal",
    "progress": 16,
    "target": "target-goal",
    "parent_id": 18,
    "person_id": 19,
    "with_name": "with_name-goal",
    "created_at": "created_at-goal",
    "updated_at": "updated_at-goal",
    "achieved_at": "achieved_at-goal",
    "tags": ["tags-1", "tags-2"],
    "milestone_total": 25,
    "milestone_achieved": 26,
}
PROGRESSUPDATE: dict[str, Any] = {
    "id": 10,
    "uuid": "uuid-progressupdate",
    "goal_id": 12,
    "date": "date-progressupdate",
    "progress_before": 14,
    "progress": 15,
    "note": "note-progressupdate",
    "created_at": "created_at-progressupdate",
}
ACTION: dict[str, Any] = {
    "id": 10,
    "uuid": "uuid-action",
    "text": "text-action",
    "owner": "owner-action",
    "owner_id": 14,
    "due": "due-action",
    "status": "status-action",
    "person_id": 17,
    "with_name": "with_name-action",
    "session_id": 19,
    "goal_id": 20,
    "created_at": "created_at-action",
    "updated_at": "updated_at-action",
    "done_at": "done_at-action",
}
REFLECTION: dict[str, Any] = {
    "id": 10,
    "uuid": "uuid-reflection",
    "date": "date-reflection",
    "text": "text-reflection",
    "goal_id": 14,
    "person_id": 15,
    "with_name": "with_name-reflection",
    "created_at": "created_at-reflection",
    "updated_at": "updated_at-reflection",
    "tags": ["tags-1", "tags-2"],
}
TOPIC: dict[str, Any] = {
    "id": 10,
    "uuid": "uuid-topic",
    "text": "text-topic",
    "person_id": 13,
    "with_name": "with_name-topic",
    "status": "status-topic",
    "session_id": 16,
    "created_at": "created_at-topic",
    "updated_at": "updated_at-topic",
    "discussed_at": "discussed_at-topic",
}
RATING: dict[str, Any] = {
    "id": 10,
    "uuid": "uuid-rating",
    "skill_id": 12,
    "date": "date-rating",
    "level": 14,
    "rater_id": 15,
    "rater_name": "rater_name-rating",
    "session_id": 17,
    "note": "note-rating",
    "created_at": "created_at-rating",
    "updated_at": "updated_at-rating",
}
HIT: dict[str, Any] = {
    "kind": "kind-hit",
    "id": 11,
    "date": "date-hit",
    "title": "title-hit",
    "snippet": "snippet-hit",
    "score": 1.23456,
    "with_name": "with_name-hit",
}


@pytest.mark.parametrize(
    ("kind", "fields", "shape"),
    [
        (
            Person,
            PERSON,
            {
                "id": 10,
                "uuid": "uuid-person",
                "name": "name-person",
                "role": "role-person",
                "cadence_days": 14,
                "meets": "tue 10:00",
                "note": "note-person",
                "last_session": "last_session-person",
                "next_session": "next_session-person",
                "next_time": "next_time-person",
                "open_actions": 20,
                "status": "status-person",
                "started": "started-person",
                "ends": "ends-person",
                "agreement": "agreement-person",
                "closed_at": "closed_at-person",
                "template": "template-person",
                "created_at": "created_at-person",
                "updated_at": "updated_at-person",
            },
        ),
        (
            Session,
            SESSION,
            {
                "id": 10,
                "uuid": "uuid-session",
                "date": "date-session",
                "time": "time-session",
                "with": "with_name-session",
                "title": "title-session",
                "notes": "notes-session",
                "feedback": "feedback-session",
                "confidence": 19,
                "next": "next-session",
                "next_time": "next_time-session",
                "private": True,
                "goal_ids": [114, 214],
                "action_ids": [115, 215],
                "tags": ["tags-1", "tags-2"],
                "created_at": "created_at-session",
                "updated_at": "updated_at-session",
            },
        ),
        (
            Goal,
            GOAL,
            {
                "id": 10,
                "uuid": "uuid-goal",
                "title": "title-goal",
                "description": "description-goal",
                "horizon": "horizon-goal",
                "status": "status-goal",
                "progress": 16,
                "target": "target-goal",
                "parent_id": 18,
                "with": "with_name-goal",
                "tags": ["tags-1", "tags-2"],
                "milestones": {"total": 25, "achieved": 26},
                "created_at": "created_at-goal",
                "updated_at": "updated_at-goal",
                "achieved_at": "achieved_at-goal",
            },
        ),
        (
            ProgressUpdate,
            PROGRESSUPDATE,
            {
                "id": 10,
                "uuid": "uuid-progressupdate",
                "goal_id": 12,
                "date": "date-progressupdate",
                "progress_before": 14,
                "progress": 15,
                "note": "note-progressupdate",
                "created_at": "created_at-progressupdate",
            },
        ),
        (
            Action,
            ACTION,
            {
                "id": 10,
                "uuid": "uuid-action",
                "text": "text-action",
                "owner": "owner-action",
                "due": "due-action",
                "status": "status-action",
                "with": "with_name-action",
                "session_id": 19,
                "goal_id": 20,
                "created_at": "created_at-action",
                "updated_at": "updated_at-action",
                "done_at": "done_at-action",
            },
        ),
        (
            Reflection,
            REFLECTION,
            {
                "id": 10,
                "uuid": "uuid-reflection",
                "date": "date-reflection",
                "text": "text-reflection",
                "goal_id": 14,
                "with": "with_name-reflection",
                "tags": ["tags-1", "tags-2"],
                "created_at": "created_at-reflection",
                "updated_at": "updated_at-reflection",
            },
        ),
        (
            Topic,
            TOPIC,
            {
                "id": 10,
                "uuid": "uuid-topic",
                "text": "text-topic",
                "with": "with_name-topic",
                "status": "status-topic",
                "session_id": 16,
                "created_at": "created_at-topic",
                "updated_at": "updated_at-topic",
                "discussed_at": "discussed_at-topic",
            },
        ),
        (
            Rating,
            RATING,
            {
                "id": 10,
                "uuid": "uuid-rating",
                "date": "date-rating",
                "level": 14,
                "by": "rater_name-rating",
                "note": "note-rating",
                "session_id": 17,
                "created_at": "created_at-rating",
            },
        ),
        (
            Hit,
            HIT,
            {
                "kind": "kind-hit",
                "id": 11,
                "date": "date-hit",
                "title": "title-hit",
                "snippet": "snippet-hit",
                "score": 1.2346,
            },
        ),
    ],
)
def test_each_record_kind_has_its_json_shape(kind: Any, fields: dict[str, Any], shape: dict[str, Any]) -> None:
    assert kind(**fields).to_json() == shape


def rating(rid: int, level: int, rater_id: int | None = None, rater_name: str | None = None) -> Rating:
    return Rating(
        id=rid, uuid=f"r-{rid}", skill_id=1, date="2026-11-19", level=level, rater_id=rater_id,
        rater_name=rater_name, session_id=None, note="", created_at="c", updated_at="u",
    )  # fmt: skip


def skill(*ratings: Rating) -> Skill:
    return Skill(
        id=1, uuid="k-1", name="feedback", kind="growth", person_id=None, with_name=None, description="",
        created_at="c", updated_at="u", goal_ids=[], ratings=list(ratings),
    )  # fmt: skip


def test_a_person_is_active_only_with_the_status_active() -> None:
    assert Person(**{**PERSON, "status": "active"}).active
    assert not Person(**{**PERSON, "status": "closed"}).active


def test_a_rating_is_mine_without_a_rater_and_by_the_raters_name_with_one() -> None:
    assert (rating(1, 3).by, rating(1, 3).mine) == ("me", True)
    assert (rating(1, 3, 7, "Weber").by, rating(1, 3, 7, "Weber").mine) == ("Weber", False)
    assert rating(1, 3, 7, None).by == "me"
    assert rating(1, 3, 7, "").by == "me"
    assert rating(1, 3, None, "Weber").by == "me"


def test_a_skills_level_is_my_latest_rating_and_the_others_their_latest() -> None:
    found = skill(rating(1, 2), rating(2, 4, 7, "Weber"), rating(3, 3), rating(4, 5, 8, "Anna"), rating(5, 1, 7, "W"))
    assert (found.level, found.level_by_others) == (3, 1)
    assert (skill().level, skill().level_by_others) == (None, None)
    assert (skill(rating(1, 2)).level, skill(rating(1, 2)).level_by_others) == (2, None)
    assert (skill(rating(1, 2, 7, "W")).level, skill(rating(1, 2, 7, "W")).level_by_others) == (None, 2)


def test_a_skills_json_lists_its_ratings_oldest_first_and_its_levels() -> None:
    found = skill(rating(1, 2), rating(2, 4, 7, "Weber")).to_json()
    assert (found["level"], found["level_by_others"]) == (2, 4)
    assert [r["by"] for r in found["ratings"]] == ["me", "Weber"]
    assert found == {
        "id": 1, "uuid": "k-1", "name": "feedback", "kind": "growth", "with": None, "description": "",
        "goal_ids": [], "level": 2, "level_by_others": 4, "ratings": [r.to_json() for r in found_ratings()],
        "created_at": "c", "updated_at": "u",
    }  # fmt: skip


def found_ratings() -> list[Rating]:
    return [rating(1, 2), rating(2, 4, 7, "Weber")]


def test_a_hits_snippet_is_shown_without_its_match_marks_and_its_score_rounded() -> None:
    hit = Hit("session", 3, None, "Talk", f"a {MATCH_OPEN}word{MATCH_CLOSE} b", 0.123456789)
    assert hit.plain_snippet() == "a word b"
    assert hit.to_json() == {"kind": "session", "id": 3, "date": None, "title": "Talk", "snippet": "a word b",
                             "score": 0.1235}  # fmt: skip


def test_a_new_kind_gets_its_json_form_from_the_keys_it_lists() -> None:
    # a kind defined here runs Record.__init_subclass__ now (the module's kinds ran it at import, out of reach)
    class Toy(Record):
        __slots__ = ("id", "with_name", "text")  # noqa: RUF023
        JSON = ("id", "with", "text")

        def __init__(self, id: int, with_name: str | None, text: str) -> None:
            self.id, self.with_name, self.text = id, with_name, text

    assert Toy(1, "Ana", "a line").to_json() == {"id": 1, "with": "Ana", "text": "a line"}
    assert list(Toy(2, None, "").to_json()) == ["id", "with", "text"]
