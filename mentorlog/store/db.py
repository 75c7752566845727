"""Opening the journal file: permissions, pragmas, migrations, and one transaction per command."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from mentorlog.errors import StoreError

# The migrations this version knows, in order (store/migrations.py registers them; a test checks both
# agree). Kept here so that opening an up-to-date journal needs no sqlite-utils import at all.
SCHEMA = ("m001_initial_schema", "m002_full_text_search", "m003_period_indexes", "m004_change_log")
MIGRATION_SET = "mentorlog"

BUSY_TIMEOUT_MS = int(float(os.environ.get("MENTORLOG_BUSY_TIMEOUT", "5")) * 1000)  # how long to wait for a lock
LOCKED_HINT = "Another mentorlog is writing to the journal; try again in a moment."


def _sqlite_problem(path: Path | str, exc: sqlite3.Error) -> StoreError:
    """Turn a sqlite3 error into a message a person can act on."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(f"the journal {path} is locked (waited {BUSY_TIMEOUT_MS / 1000:g} s)", LOCKED_HINT)
    if "readonly" in text or "read-only" in text:
        return StoreError(f"the journal {path} is not writable", "Check the file's permissions.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            f"{path} is not a readable mentorlog journal ({exc})",
            "Restore it from a backup, or point --db / MENTORLOG_DB at another file.",
        )
    if "unable to open" in text:
        return StoreError(f"cannot open the journal {path}", "Check that its folder exists and is writable.")
    return StoreError(f"database error in {path}: {exc}")


def _create_file(path: Path) -> list[Path]:
    """Create the folder (0700) and the empty file (0600), whatever the umask; returns the new folders."""
    missing = []
    folder = path.parent
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    try:
        for created in reversed(missing):
            created.mkdir()
            os.chmod(created, 0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.fchmod(fd, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(
            f"cannot create the journal {path}: {exc.strerror}",
            "Check that the folder is writable, or choose another file with --db.",
        ) from None
    return missing


def _connect(target: str) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def applied_migrations(db: sqlite3.Connection) -> list[str]:
    """The names recorded in `_sqlite_migrations` (the sqlite-utils Migrations table), oldest first."""
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone()
    if not exists:
        return []
    rows = db.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
    ).fetchall()
    return [row[0] for row in rows]


def _apply_migrations(db: sqlite3.Connection) -> None:
    from sqlite_utils import Database

    from mentorlog.store.migrations import migrations

    migrations.apply(Database(db, execute_plugins=False))


def _backup_before_migration(db: sqlite3.Connection, path: Path) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    copy = path.with_name(f"{path.name}.before-upgrade-{stamp}.bak")
    target = sqlite3.connect(str(copy))
    try:
        db.backup(target)
    finally:
        target.close()
    os.chmod(copy, 0o600)


def _migrate(db: sqlite3.Connection, path: Path | None) -> None:
    applied = applied_migrations(db)
    unknown = sorted(set(applied) - set(SCHEMA))
    if unknown:
        raise StoreError(
            f"the journal {path} was written by a newer mentorlog (schema {unknown[-1]})",
            "Upgrade mentorlog to open it; the file was left unchanged.",
        )
    if len(applied) == len(SCHEMA):
        return
    if path is not None and applied:
        _backup_before_migration(db, path)
    _apply_migrations(db)


def remove_new_journal(path: Path, folders: list[Path]) -> None:
    """Take back a journal file (and folders) that a failed first command created."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def open_journal(path: Path, *, write: bool, created: list[Path] | None = None) -> sqlite3.Connection:
    """Open (and on first write, create) the journal at PATH, migrated to the current schema.

    Reading a journal that does not exist yet gives an empty in-memory one, so that listing
    commands on a fresh machine say "nothing yet" without leaving a file behind. When a file is
    created, its folders (and the file itself, first) are appended to CREATED.
    """
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a journal file", "Give a file path with --db or MENTORLOG_DB.")
    if not path.exists():
        if not write:
            db = _connect(":memory:")
            _apply_migrations(db)
            return db
        folders = _create_file(path)
        if created is not None:
            created.extend([path, *folders])
    try:
        db = _connect(str(path))
        db.execute("PRAGMA schema_version").fetchone()
        if write:
            mode = db.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                db.execute("PRAGMA journal_mode = WAL")
        _migrate(db, path)
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from None
    return db


@contextlib.contextmanager
def transaction(db: sqlite3.Connection, path: Path | str, *, write: bool) -> Iterator[sqlite3.Connection]:
    """All of a command's reads and writes in one transaction; any error leaves nothing behind.

    Writers take the lock at the start (BEGIN IMMEDIATE), so two writers never deadlock halfway.
    """
    try:
        db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from None
    try:
        yield db
    except sqlite3.Error as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise _sqlite_problem(path, exc) from None
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    try:
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise _sqlite_problem(path, exc) from None
