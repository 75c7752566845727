"""The record types: one plain value class per kind with its JSON form; msgspec Structs and dataclasses elsewhere."""

from __future__ import annotations

import dataclasses
import datetime
import importlib
import inspect
import pkgutil
import subprocess
import sys

import msgspec
import pytest

import mentorlog
from mentorlog.base.config import Clock, Environment
from mentorlog.core.hits import Hit
from mentorlog.core.records import (
    JSON_ATTRIBUTE,
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
    from_rows,
    replace,
)
from mentorlog.store.crypto.cipher import RawKey
from tests.processes import tree_env

KINDS = (Person, Session, Goal, ProgressUpdate, Action, Reflection, Topic, Rating, Skill)
STAMP = "2026-11-26T09:00:00.000000+00:00"


def action(**changes: object) -> Action:
    made = Action(1, "u", "t", "me", None, None, "open", None, None, None, None, STAMP, STAMP, None)
    return replace(made, **changes)


def test_every_record_type_knows_its_fields_right_after_import() -> None:
    """The bug the issue names: `@datarecord` made a class a dataclass only at its first instance."""
    code = (
        "from mentorlog.core import records\n"
        "from mentorlog.base import config\n"
        "print(len(records.fields(records.Skill)), len(config.Environment.__slots__))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=tree_env(), capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["11", "10"]


def classes_of_mentorlog() -> list[type]:
    found: list[type] = []
    for module in pkgutil.walk_packages(mentorlog.__path__, "mentorlog."):
        if module.name.startswith(("mentorlog.tui", "mentorlog.__main__")):
            continue
        loaded = importlib.import_module(module.name)
        found += [
            value for value in vars(loaded).values() if inspect.isclass(value) and value.__module__ == module.name
        ]
    return found


def test_every_struct_and_dataclass_of_the_package_lists_its_fields_before_any_instance() -> None:
    """Every Struct names its fields (`__struct_fields__`; some annotate types only imported for mypy), every
    dataclass too, and every record kind its `__slots__`: the parameters of its `__init__`, in their order."""
    classes = classes_of_mentorlog()
    structs = [kind for kind in classes if issubclass(kind, msgspec.Struct)]
    dataclass_types = [kind for kind in classes if dataclasses.is_dataclass(kind)]
    kinds = [kind for kind in classes if issubclass(kind, Record) and kind is not Record]
    assert set(kinds) == set(KINDS) and Hit not in structs and len(structs) > 20
    for kind in KINDS:
        assert list(inspect.signature(kind).parameters) == list(kind.__slots__) and len(kind.__slots__) > 5
        assert all(hasattr(kind, JSON_ATTRIBUTE.get(key, key)) for key in kind.JSON), kind
    assert all(kind.__struct_fields__ for kind in structs)
    assert [kind.__name__ for kind in dataclass_types if not dataclasses.fields(kind)] == ["Patch"]
    assert {"RawKey", "Keys"} <= {kind.__name__ for kind in dataclass_types}
    for kind in (Clock, Environment):  # plain frozen values now (a dataclass costs ~0.4 ms to define at start-up)
        assert list(inspect.signature(kind).parameters) == list(kind.__slots__) and not dataclasses.is_dataclass(kind)


def test_the_json_form_lists_its_keys_in_order_with_with_for_with_name() -> None:
    done = action(owner="Anna", owner_id=2, person_id=2, with_name="Anna", due="2026-12-01")
    assert list(done.to_json()) == [
        "id", "uuid", "text", "owner", "due", "status", "with", "session_id", "goal_id", "created_at", "updated_at",
        "done_at",
    ]  # fmt: skip
    assert done.to_json()["with"] == "Anna" and done.to_json()["done_at"] is None
    assert "person_id" not in done.to_json() and "owner_id" not in done.to_json()


def test_computed_keys_come_from_properties_and_nested_records_from_their_json_form() -> None:
    ratings = [
        Rating(1, "r1", 1, "2026-11-01", 2, None, None, None, "", STAMP, STAMP),
        Rating(2, "r2", 1, "2026-11-02", 4, 5, "Anna", 3, "ok", STAMP, STAMP),
    ]
    skill = Skill(1, "u", "feedback", "growth", None, None, "", STAMP, STAMP, [7], ratings)
    shown = skill.to_json()
    assert (shown["level"], shown["level_by_others"], shown["goal_ids"]) == (2, 4, [7])
    assert shown["ratings"][1] == {
        "id": 2, "uuid": "r2", "date": "2026-11-02", "level": 4, "by": "Anna", "note": "ok", "session_id": 3,
        "created_at": STAMP,
    }  # fmt: skip
    goal = Goal(1, "u", "t", "", "short", "active", 0, None, None, None, None, STAMP, STAMP, None, [], 3, 1)
    assert goal.to_json()["milestones"] == {"total": 3, "achieved": 1}


def test_records_are_made_from_rows_by_column_name() -> None:
    row = {
        "id": 1, "uuid": "u", "date": "2026-11-26", "time": None, "person_id": None, "with_name": None, "title": "",
        "notes": "n", "feedback": "", "confidence": None, "next": None, "private": 1, "created_at": STAMP,
        "updated_at": STAMP, "next_date": None,
    }  # fmt: skip
    session, other = from_rows(Session, [{**row, "tags": ["a"]}, row])
    assert session.private is True and session.tags == ["a"] and session.goal_ids == [] and other.tags == []
    assert other.goal_ids is not from_rows(Session, [row])[0].goal_ids


def test_records_compare_by_value_and_only_frozen_ones_hash() -> None:
    assert action() == action() and action() != action(text="other")
    assert action() != Topic(1, "u", "t", 1, "Anna", "open", None, STAMP, STAMP, None)
    with pytest.raises(TypeError, match="unhashable"):
        hash(action())
    hit = Hit("session", 1, None, "t", "s", 1.0)
    assert len({hit, Hit("session", 1, None, "t", "s", 1.0)}) == 1
    with pytest.raises(AttributeError):
        hit.id = 2  # type: ignore[misc]
    with pytest.raises(AttributeError, match=r"^Hit is frozen: id cannot be removed$"):
        del hit.id  # type: ignore[misc]
    assert hit.id == 1 and hash(hit) != hash(Hit("session", 2, None, "t", "s", 1.0))  # a hash of the fields


def test_a_secret_never_shows_in_a_repr() -> None:
    """A passphrase or a key never reaches a traceback or a debug log."""
    environment = Environment(passphrase="correct horse", new_passphrase="battery staple")
    assert "correct horse" not in repr(environment) and "battery staple" not in repr(environment)
    assert "passphrase" not in repr(environment) and "language='en'" in repr(environment)
    secret = bytes(range(32))
    assert secret.hex() not in repr(RawKey(secret, b"salt")) and repr(secret) not in repr(RawKey(secret, b"salt"))


def test_the_clock_compares_by_day_and_frozen_helpers_refuse_assignment() -> None:
    day = datetime.date(2026, 11, 26)
    assert Clock(day) == Clock.pinned(day) and hash(Clock(day)) == hash(Clock.pinned(day))
    assert Clock(day) != Clock(day + datetime.timedelta(days=1)) and repr(Clock(day)) == f"Clock(today={day!r})"
    with pytest.raises(AttributeError, match="frozen"):
        Clock(day).today = day  # type: ignore[misc]
    with pytest.raises(AttributeError, match="frozen"):
        Environment().db = "other.db"  # type: ignore[misc]


def test_a_kind_made_from_its_required_fields_has_the_documented_defaults() -> None:
    """What a row without the optional columns becomes (a person not yet met, a session without links)."""
    person = Person(1, "u", "Ada", "mentee", None, "", STAMP, STAMP)
    assert {key: person.to_json()[key] for key in person.JSON if key not in ("id", "uuid", "name", "role")} == {
        "cadence_days": None, "note": "", "last_session": None, "next_session": None, "open_actions": 0,
        "status": "active", "started": None, "ends": None, "agreement": "", "closed_at": None, "created_at": STAMP,
        "updated_at": STAMP, "meets": None, "next_time": None, "template": "",
    }  # fmt: skip
    assert person.active and not replace(person, status="closed").active
    session = Session(1, "u", "2026-11-26", None, None, None, "", "n", "", None, None, 0, STAMP, STAMP)
    assert (session.private, session.goal_ids, session.action_ids, session.tags) == (False, [], [], [])
    assert session.tags is not Session(2, "u", "2026-11-26", None, None, None, "", "", "", None, None, 1, "", "").tags
    goal = Goal(1, "u", "t", "", "short", "active", 0, None, None, None, None, STAMP, STAMP, None)
    assert (goal.tags, goal.to_json()["milestones"]) == ([], {"total": 0, "achieved": 0})
    reflection = Reflection(1, "u", "2026-11-26", "text", None, None, None, STAMP, STAMP)
    skill = Skill(1, "u", "feedback", "growth", None, None, "", STAMP, STAMP)
    assert (reflection.tags, skill.goal_ids, skill.ratings, skill.level, skill.level_by_others) == (
        [],
        [],
        [],
        None,
        None,
    )
    with pytest.raises(TypeError, match=r"^Person has no field 'colour'$"):
        replace(person, colour="red")
    assert "Person(id=1, uuid='u', name='Ada'" in repr(person)
