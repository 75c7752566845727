"""A consistent, verified copy of the journal through SQLite's backup API."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from mentorlog.errors import MentorlogError
from mentorlog.store.db import BOOKKEEPING, resolve, sqlite_problem


def _counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        if not row[0].startswith("search_index")
    ]
    return {name: int(db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names}


def backup_journal(source: Path, target: Path, *, busy_timeout: float) -> dict[str, int]:
    """Copy SOURCE to TARGET (which must not exist; created 0600), then check the copy: SQLite's integrity
    check passes and every table has as many rows as the source had at that moment. Returns the row counts.
    Any failure removes the partial copy."""
    source, target = resolve(source), resolve(target)
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise MentorlogError(f"{target} already exists; not overwriting it", "Give another PATH.") from None
    except OSError as exc:
        raise MentorlogError(f"cannot write the backup {target}: {exc.strerror}") from None
    os.fchmod(fd, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(source.as_uri() + "?mode=ro", uri=True, timeout=busy_timeout)
        dst = sqlite3.connect(target.as_uri(), uri=True)
        try:
            src.execute("BEGIN")  # one snapshot: the counts and the copy see the same journal
            expected = _counts(src)
            src.backup(dst)
            src.execute("COMMIT")
            dst.execute("PRAGMA journal_mode = DELETE")
            checked = dst.execute("PRAGMA integrity_check").fetchone()[0]
            copied = _counts(dst)
        finally:
            dst.close()
            src.close()
        if checked != "ok" or copied != expected:
            raise MentorlogError(
                f"the backup {target} did not verify (integrity: {checked}); it was removed",
                "Try again; if it keeps failing, copy the journal while no mentorlog runs.",
            )
    except sqlite3.Error as exc:
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
