"""`@datarecord`: the same equality, repr and hashing as the standard dataclass, from shared methods."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import field

import pytest

from mentorlog.base.config import Clock, Environment
from mentorlog.base.datarecord import datarecord
from mentorlog.core.records import Action


@datarecord
class Mutable:
    name: str
    tags: list[str] = field(default_factory=list)
    secret: str = field(default="", repr=False)
    noise: int = field(default=0, compare=False)


@datarecord(frozen=True)
class Frozen:
    a: int
    b: str = "x"


def test_equal_by_compared_fields_only() -> None:
    assert Mutable("a", ["t"], noise=1) == Mutable("a", ["t"], noise=2)
    assert Mutable("a", ["t"]) != Mutable("a", ["u"])
    assert Mutable("a", secret="s") != Mutable("a", secret="t")


def test_another_class_with_the_same_fields_is_not_equal() -> None:
    @datarecord
    class Other:
        name: str
        tags: list[str] = field(default_factory=list)
        secret: str = field(default="", repr=False)
        noise: int = field(default=0, compare=False)

    assert Mutable("a") != Other("a")  # type: ignore[comparison-overlap]
    assert (Mutable("a") == 3) is False  # type: ignore[comparison-overlap]


def test_repr_names_the_fields_in_order_and_hides_repr_false() -> None:
    assert repr(Mutable("a", ["t"], secret="hunter2", noise=3)) == "Mutable(name='a', tags=['t'], noise=3)"


def test_frozen_hashes_by_value_and_refuses_assignment() -> None:
    assert hash(Frozen(1)) == hash(Frozen(1))
    assert len({Frozen(1), Frozen(1), Frozen(2)}) == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        Frozen(1).a = 2  # type: ignore[misc]


def test_mutable_is_unhashable_like_a_dataclass() -> None:
    with pytest.raises(TypeError, match="unhashable"):
        hash(Mutable("a"))


def test_still_a_dataclass_for_fields_replace_and_asdict() -> None:
    assert [f.name for f in dataclasses.fields(Frozen)] == ["a", "b"]
    assert dataclasses.replace(Frozen(1), b="y") == Frozen(1, "y")
    assert dataclasses.asdict(Mutable("a", ["t"])) == {"name": "a", "tags": ["t"], "secret": "", "noise": 0}


def test_the_journal_types_keep_their_promises() -> None:
    """The passphrase never shows in a repr (a traceback or a debug log), and the clock compares by day."""
    environment = Environment(passphrase="correct horse", new_passphrase="battery staple")
    assert "correct horse" not in repr(environment) and "battery staple" not in repr(environment)
    day = datetime.date(2026, 11, 26)
    assert Clock(day) == Clock.pinned(day)
    action = Action(
        id=1, uuid="u", text="t", owner="me", owner_id=None, due=None, status="open", person_id=None,
        with_name=None, session_id=None, goal_id=None, created_at="c", updated_at="c", done_at=None,
    )  # fmt: skip
    assert action == dataclasses.replace(action) and action != dataclasses.replace(action, text="other")


def test_a_record_is_made_a_dataclass_when_its_first_instance_is() -> None:
    @datarecord
    class Lazy:
        a: int
        tags: list[str] = field(default_factory=list)

    made_at_once = dataclasses.is_dataclass(Lazy)
    assert not made_at_once  # nothing compiled for a class the command never uses
    first, second = Lazy(1), Lazy(2, ["x"])
    made_now = dataclasses.is_dataclass(Lazy)
    assert made_now and (first.tags, second.tags) == ([], ["x"])
    assert first.tags is not Lazy(1).tags
    assert Lazy.__init__.__qualname__.endswith("__init__")  # the stand-in is gone after the first instance


def test_a_record_derived_from_a_record_made_before_its_base() -> None:
    @datarecord(frozen=True)
    class Base:
        a: int

    @datarecord(frozen=True)
    class Derived(Base):
        b: str = "b"

    assert Derived(1) == Derived(1, "b") and repr(Derived(1)).endswith("Derived(a=1, b='b')")
    assert Base(1) != Derived(1) and repr(Base(2)).endswith("Base(a=2)")
    with pytest.raises(TypeError):
        Derived()  # type: ignore[call-arg]


def test_a_record_with_its_own_init_keeps_it() -> None:
    @datarecord
    class Own:
        a: int

        def __init__(self, text: str) -> None:
            self.a = len(text)

    assert Own("four").a == 4 and Own("four") == Own("nope")
