"""A sqlite3 error as a message a person can act on (in the chosen language)."""

from __future__ import annotations

from pathlib import Path

from mentorlog.base.config import DEFAULT_BUSY_TIMEOUT
from mentorlog.base.errors import StoreError
from mentorlog.base.i18n import N_, _

LOCKED_HINT = N_("Another mentorlog is writing to the journal; try again in a moment.")


def sqlite_problem(path: Path | str, exc: Exception, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> StoreError:
    """Turn a sqlite3 error into a message a person can act on."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            _("the journal {path} is locked (waited {busy_timeout:g} s)").format(path=path, busy_timeout=busy_timeout),
            _(LOCKED_HINT),
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(_("the journal {path} is not writable").format(path=path), _("Check the file's permissions."))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            _("{path} is not a readable mentorlog journal ({exc})").format(
                path=path, exc=_("file is not a database") if "not a database" in text else exc
            ),
            _("Restore it from a backup, or point --db / MENTORLOG_DB at another file."),
        )
    if "unable to open" in text:
        return StoreError(
            _("cannot open the journal {path}").format(path=path), _("Check that its folder exists and is writable.")
        )
    return StoreError(_("database error in {path}: {exc}").format(path=path, exc=exc))
