"""patches.py: a patch names exactly the fields that were set, falsy values included."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from mentorlog.core.patches import (
    UNSET,
    ActionPatch,
    GoalPatch,
    Patch,
    PersonPatch,
    ReflectionPatch,
    SessionPatch,
    TopicPatch,
    Unset,
)


def test_unset_is_one_value_shown_as_unset() -> None:
    assert repr(UNSET) == "UNSET"
    assert UNSET is Unset.UNSET
    assert list(Unset) == [UNSET]


@pytest.mark.parametrize("kind", [SessionPatch, GoalPatch, ActionPatch, ReflectionPatch, PersonPatch, TopicPatch])
def test_an_empty_patch_has_no_changes_and_is_false(kind: type[Patch]) -> None:
    patch = kind()
    assert patch.changes() == {}
    assert not patch
    assert bool(patch) is False


def test_changes_are_the_set_fields_in_declaration_order_falsy_values_included() -> None:
    patch = SessionPatch(goal_ids=(), private=False, confidence=None, title="", day=date(2026, 11, 26))
    assert patch.changes() == {
        "title": "",
        "day": date(2026, 11, 26),
        "confidence": None,
        "private": False,
        "goal_ids": (),
    }
    assert list(patch.changes()) == ["title", "day", "confidence", "private", "goal_ids"]
    assert bool(patch) is True


@pytest.mark.parametrize(
    ("patch", "changes"),
    [
        (SessionPatch(next_day=None), {"next_day": None}),
        (GoalPatch(target=None, tags=("growth",)), {"target": None, "tags": ("growth",)}),
        (ActionPatch(due=None, owner_id=3), {"owner_id": 3, "due": None}),
        (ReflectionPatch(text="t", person_id=None), {"text": "t", "person_id": None}),
        (PersonPatch(cadence_days=None, note=""), {"cadence_days": None, "note": ""}),
        (TopicPatch(person_id=0), {"person_id": 0}),
    ],
)
def test_each_kind_reports_what_was_set(patch: Patch, changes: dict[str, object]) -> None:
    assert patch.changes() == changes
    assert bool(patch) is True


def test_a_patch_is_frozen() -> None:
    patch = PersonPatch(name="Ada")
    with pytest.raises(dataclasses.FrozenInstanceError):
        patch.name = "Bo"  # type: ignore[misc]
    assert patch.changes() == {"name": "Ada"}
