"""Reading another tool's JSON export whole (msgspec, into typed records: a few hundred bytes a record), with a
clear error for a file that is not JSON, or JSON of another kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import msgspec

from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.base.i18n import _, os_reason

T = TypeVar("T")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise MentorlogError(_("no file {file}").format(file=path)) from None
    except IsADirectoryError:
        raise UsageError(_("{file} is a folder, not a file").format(file=path)) from None
    except OSError as exc:
        raise MentorlogError(_("cannot read {file}: {strerror}").format(file=path, strerror=os_reason(exc))) from None


def decode_file(path: Path, kind: type[T], wanted: str) -> T:
    """The file at PATH as KIND; a file of another shape is an error saying what it seems to be."""
    from mentorlog.store.foreign.plan import wrong_kind

    data = read_bytes(path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return msgspec.json.decode(data, type=kind)
    except msgspec.ValidationError as exc:
        shape: Any = _any(path, data)
        if shape is not None and _kind_matches(shape, wanted):
            raise UsageError(
                _("{file} is not a valid {what} export: {problem}").format(file=path, what=wanted, problem=str(exc))
            ) from None
        raise wrong_kind(str(path), shape, wanted) from None
    except msgspec.DecodeError:
        _any(path, data)
        raise  # _any raised already: unreachable


def _kind_matches(shape: Any, wanted: str) -> bool:
    from mentorlog.store.foreign.plan import looks_like

    return looks_like(shape) == wanted


def _any(path: Path, data: bytes) -> Any:
    """DATA as any JSON; not JSON at all is an error naming the place."""
    import json

    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise UsageError(_("{file} is not UTF-8 text").format(file=path)) from None
    except json.JSONDecodeError as exc:
        raise UsageError(
            _("{file} is not valid JSON (line {lineno}, column {colno})").format(
                file=path, lineno=exc.lineno, colno=exc.colno
            )
        ) from None
