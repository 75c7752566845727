"""Plain value classes: the fields are named in `__slots__` and set by the class's own `__init__`; instances
compare by value, hash by value and show their fields in repr.

Every command defines a few dozen such types at start-up. A class like this costs a few µs to define and imports
nothing; a typing.NamedTuple compiles its constructor and every annotation (~0.5 ms a class under
`from __future__ import annotations`), a dataclass six methods (~0.4 ms), and msgspec's Struct needs msgspec
itself (4-5 ms to import, typing_extensions 2 of them).
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar


class Value:
    """A base for plain value classes (see the module's docstring)."""

    __slots__: ClassVar[tuple[str, ...]] = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in self.__slots__))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


class Frozen(Value):
    """A value class whose fields are set once, in `__init__` (through `_fields`), and refused afterwards."""

    __slots__ = ()

    def _fields(self, **values: object) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be removed")


V = TypeVar("V", bound=Value)  # (bound to the class, not its name: a name is compiled at start-up)


def replace(value: V, **changes: Any) -> V:
    """A copy of VALUE with CHANGES (field names) made: its `__init__` takes its `__slots__` by name."""
    values = {name: getattr(value, name) for name in value.__slots__}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(value).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(value)(**values)
