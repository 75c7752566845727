"""The one family of errors the domain raises; the CLI turns them into `Error: ...` and an exit code."""

from __future__ import annotations


class MentorlogError(Exception):
    """Something that could not be done (exit 1)."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(MentorlogError):
    """Bad usage or a bad value given by the user (exit 2)."""

    exit_code = 2


class DateError(UsageError):
    """A date the parser cannot read."""


class NotFound(MentorlogError):
    """An id or a person that does not exist (exit 1)."""


class AmbiguousName(UsageError):
    """A name that matches more than one person (exit 2)."""


class StoreError(MentorlogError):
    """The database file cannot be used: locked, corrupt, unwritable or too new (exit 1)."""


class NoPassphrase(MentorlogError):
    """An encrypted journal, and no source gave a passphrase or key (exit 1); `browse` then asks inside the app."""


class WrongPassphrase(MentorlogError):
    """A passphrase or key that does not open the encrypted journal (exit 1)."""


class BadValue(UsageError):
    """A value that breaks its rule, said in domain words; the CLI names the flag it came from (exit 2)."""

    def __init__(self, field: str, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.field = field


class Interrupted(MentorlogError):
    """Ctrl-C: nothing was changed (exit 130)."""

    exit_code = 130
