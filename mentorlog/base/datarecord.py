"""`@datarecord`: a standard dataclass whose `__eq__`, `__repr__` and `__hash__` are shared, not compiled per class.

`dataclasses.dataclass` writes and compiles three functions for each class (`__init__`, `__repr__`,
`__eq__`), six for a frozen one. mentorlog defines 25 to 50 such classes before a command prints
anything, and compiling them cost ~12-22 ms of a ~110-200 ms command (measured with a counting
wrapper around the standard decorator). `datarecord` keeps what has to be per class (the `__init__`, and
a frozen class's guards against assignment) and attaches one shared equality, repr and (when frozen)
hash that use the same fields, in field order, as the standard ones would: those whose
`field(compare=…)` or `field(repr=…)` is true. A method the class defines itself is kept.

A class becomes a dataclass when its first instance is made, so a command pays only for the classes it
uses (`actions`: 9 of the 25 it imports). Until then `dataclasses.fields(TheClass)` and `is_dataclass`
do not know it: ask an instance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar, cast, dataclass_transform, overload

T = TypeVar("T", bound=type)


def _compared(self: Any) -> tuple[Any, ...]:
    return tuple([getattr(self, name) for name in self.__record_compare__])


def _eq(self: Any, other: object) -> object:  # bool, or NotImplemented for another class
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_repr__)
    return f"{self.__class__.__qualname__}({shown})"


def _hash(self: Any) -> int:
    return hash(_compared(self))


@overload
def datarecord(cls: T, /) -> T: ...
@overload
def datarecord(*, frozen: bool = False) -> Callable[[T], T]: ...


@dataclass_transform(field_specifiers=(field,))
def datarecord(cls: T | None = None, /, *, frozen: bool = False) -> T | Callable[[T], T]:
    """`@datarecord` or `@datarecord(frozen=True)`: the class as a dataclass, with the shared methods.

    The dataclass is made when the first instance is (most commands make few of the classes they
    import): until then `__init__` is a stand-in that makes it, then calls the real one."""

    def make(cls: T) -> T:
        own = cls.__dict__
        keep = {name: name in own for name in ("__eq__", "__repr__", "__hash__")}
        if "__init__" in own:  # the class's own __init__: no stand-in can take its place
            return _made(cls, frozen, keep)

        def first(self: Any, *args: Any, **kwargs: Any) -> None:
            kind: Any = type(self)
            for base in reversed(kind.__mro__):  # a record's record bases first, then itself
                if base.__dict__.get("__init__") in _WAITING:
                    waiting = _WAITING.pop(base.__dict__["__init__"])
                    delattr(base, "__init__")
                    _made(base, *waiting)
            kind.__init__(self, *args, **kwargs)

        _WAITING[first] = (frozen, keep)
        cls.__init__ = first  # type: ignore[misc]
        return cls

    return make if cls is None else make(cls)


_WAITING: dict[Callable[..., None], tuple[bool, dict[str, bool]]] = {}  # stand-in -> how to make its class


def _made(cls: T, frozen: bool, keep: dict[str, bool]) -> T:
    made: Any = dataclass(cls, repr=False, eq=False, frozen=frozen)
    listed = fields(made)
    made.__record_compare__ = tuple(f.name for f in listed if f.compare)
    made.__record_repr__ = tuple(f.name for f in listed if f.repr)
    if not keep["__repr__"]:
        made.__repr__ = _repr
    if not keep["__eq__"]:
        made.__eq__ = _eq
        if not keep["__hash__"]:  # as the standard decorator: a frozen record hashes its fields, a mutable one none
            made.__hash__ = _hash if frozen else None
    return cast(T, made)
