"""A consistent, verified copy of the journal through SQLite's backup API."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.base.errors import MentorlogError
from mentorlog.base.i18n import _, os_reason
from mentorlog.store.db import BOOKKEEPING, db_errors, file_connection, resolve
from mentorlog.store.problems import sqlite_problem

if TYPE_CHECKING:
    from mentorlog.store.crypto.cipher import RawKey


def table_counts(db: sqlite3.Connection) -> dict[str, int]:
    """Rows per table (the full-text index's own tables left out)."""
    names = [
        row[0]
        for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        if not row[0].startswith("search_index")
    ]
    return {name: int(db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names}


def backup_journal(source: Path, target: Path, *, busy_timeout: float, key: RawKey | None = None) -> dict[str, int]:
    """Copy SOURCE to TARGET (which must not exist; created 0600), then check the copy: SQLite's integrity
    check passes and every table has as many rows as the source had at that moment. Returns the row counts.
    Any failure removes the partial copy. An encrypted journal (KEY) gives a copy with the same key and salt,
    so the same passphrase opens it."""
    source, target = resolve(source), resolve(target)
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise MentorlogError(
            _("{target} already exists; not overwriting it").format(target=target), _("Give another PATH.")
        ) from None
    except OSError as exc:
        raise MentorlogError(
            _("cannot write the backup {target}: {strerror}").format(target=target, strerror=os_reason(exc))
        ) from None
    os.fchmod(fd, 0o600)
    os.close(fd)
    try:
        src = file_connection(source.as_uri() + "?mode=ro", key, busy_timeout)
        dst = file_connection(target.as_uri(), key)
        try:
            src.execute("BEGIN")  # one snapshot: the counts and the copy see the same journal
            expected = table_counts(src)
            src.backup(dst)
            src.execute("COMMIT")
            dst.execute("PRAGMA journal_mode = DELETE")
            checked = dst.execute("PRAGMA integrity_check").fetchone()[0]
            copied = table_counts(dst)
        finally:
            dst.close()
            src.close()
        if checked != "ok" or copied != expected:
            raise MentorlogError(
                _("the backup {target} did not verify (integrity: {checked}); it was removed").format(
                    target=target, checked=checked
                ),
                _("Try again; if it keeps failing, copy the journal while no mentorlog runs."),
            )
    except db_errors() as exc:
        _remove(target)
        raise sqlite_problem(source, exc, busy_timeout) from None
    except BaseException:
        _remove(target)
        raise
    return {name: count for name, count in expected.items() if name not in BOOKKEEPING}


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")
