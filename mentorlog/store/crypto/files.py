"""encrypt, decrypt and passphrase as file operations: a new file beside the journal, checked, moved over it.

One function does all three: `convert(path, source=KEY or None, target=KEY or None)`. Under an exclusive lock
on the journal (every mentorlog holds a shared one while it has the journal open, so none is using it, and
the next ones wait), it

1. checkpoints the journal's WAL into the file and notes every table's row count;
2. writes `sqlcipher_export` of it into `.NAME.mentorlog-new-PID` beside it (0600, locked too);
3. checks that copy on its own connection: integrity check, the same row counts, the full-text index's own
   integrity check and the same hits for a word from the journal;
4. makes the copy durable (fsync), refuses to go on if the journal's `-wal` or `-journal` still holds
   anything (SQLite would replay it onto the new file), and renames the copy over the journal (atomic on
   one file system), then fsyncs the folder;
5. removes the journal's old `-wal`/`-shm` (nobody can be using the new file yet: it is locked too).

A kill before the rename leaves the old journal as it was (and a stray copy, removed and reported by the next
command that opens the journal, store/db.py); a
kill after it leaves the new one. There is no moment with neither. MENTORLOG_TEST_PAUSE (tests only) stops
at every step: the step's name is written to that file, and the operation waits while the file exists.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.base.errors import MentorlogError, StoreError
from mentorlog.base.i18n import N_, _, os_reason
from mentorlog.store.backup import table_counts
from mentorlog.store.crypto import cipher as crypto
from mentorlog.store.db import db_errors, resolve, stray_prefix
from mentorlog.store.problems import sqlite_problem

if TYPE_CHECKING:
    import sqlite3

    from mentorlog.store.crypto.cipher import RawKey

STEPS = ("locked", "checkpointed", "exported", "verified", "moved", "cleaned")
IN_USE_HINT = N_("Another mentorlog has the journal open; try again when it is done.")
WORD = re.compile(r"[^\W\d_]{4,}")


def temporary_name(path: Path) -> str:
    return stray_prefix(path)


def _step(pause: str | None, name: str) -> None:
    """The test-only pause between steps: NAME into the marker file, then wait while it exists."""
    if not pause:
        return
    Path(pause).write_text(f"{os.getpid()} {name}")
    deadline = time.monotonic() + 60
    while os.path.exists(pause) and time.monotonic() < deadline:
        time.sleep(0.005)


def _lock_exclusive(fd: int, path: Path, busy_timeout: float) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Windows, where db.py takes no shared locks either
        return
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise StoreError(
                    _("the journal {path} is in use (waited {busy_timeout:g} s)").format(
                        path=path, busy_timeout=busy_timeout
                    ),
                    _(IN_USE_HINT),
                ) from None
            time.sleep(0.02)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_strays(path: Path) -> None:
    """Copies a killed run left beside the journal (they are never the journal: that is only ever renamed)."""
    for stray in path.parent.glob(temporary_name(path) + "*"):
        with contextlib.suppress(OSError):
            stray.unlink()


def _probe_word(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT title || ' ' || body FROM search_index LIMIT 1").fetchone()
    found = WORD.search(row[0]) if row else None
    return found.group(0) if found else None


def _hits(db: sqlite3.Connection, word: str | None) -> int:
    if word is None:
        return 0
    return int(db.execute("SELECT count(*) FROM search_index WHERE search_index MATCH ?", [f'"{word}"']).fetchone()[0])


def _verify(temp: Path, key: RawKey | None, expected: dict[str, int], word: str | None, hits: int) -> None:
    db = crypto.connect(temp.as_uri(), key)
    try:
        checked = db.execute("PRAGMA integrity_check").fetchone()[0]
        counts = table_counts(db)
        db.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        found = _hits(db, word)
        db.execute("PRAGMA journal_mode = WAL")  # as every journal is (persistent in the file's header)
    finally:
        db.close()  # the last connection: its -wal is checkpointed and removed
    if checked != "ok" or counts != expected or found != hits:
        raise StoreError(
            _("the new copy did not verify (integrity: {checked}); the journal was left as it was").format(
                checked=checked
            ),
            _("Try again; if it keeps failing, make a backup and report it."),
        )


def _leftover(path: Path, suffix: str) -> bool:
    try:
        return os.path.getsize(f"{path}{suffix}") > 0
    except FileNotFoundError:
        return False


def convert(
    path: Path, *, source: RawKey | None, target: RawKey | None, busy_timeout: float, pause: str | None = None
) -> dict[str, int]:
    """Replace the journal at PATH (opened with SOURCE, None: plain) by a copy keyed with TARGET (None: plain).
    Returns the row counts that were checked. Any failure before the rename leaves the journal as it was."""
    path = resolve(path)
    try:
        lock = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise MentorlogError(
            _("cannot open the journal {path}: {strerror}").format(path=path, strerror=os_reason(exc))
        ) from None
    temp_fd: int | None = None
    temp: Path | None = None
    try:
        _lock_exclusive(lock, path, busy_timeout)
        if os.fstat(lock).st_ino != os.stat(path).st_ino:
            raise StoreError(
                _("the journal {path} was replaced while waiting for it").format(path=path), _("Run the command again.")
            )
        _remove_strays(path)
        _step(pause, "locked")
        temp = path.with_name(f"{temporary_name(path)}{os.getpid()}")
        temp_fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.fchmod(temp_fd, 0o600)
        _lock_exclusive(temp_fd, temp, busy_timeout)
        expected, word, hits = _export(path, source, temp, target, busy_timeout, pause)
        _step(pause, "exported")
        _verify(temp, target, expected, word, hits)
        os.fsync(temp_fd)
        _step(pause, "verified")
        if _leftover(temp, "-wal") or _leftover(path, "-wal") or _leftover(path, "-journal"):
            raise StoreError(
                _("another program has the journal {path} open").format(path=path), _("Close it, then try again.")
            )
        os.replace(temp, path)
        temp = None
        _fsync_folder(path.parent)
        _step(pause, "moved")
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{path}{suffix}")
        _fsync_folder(path.parent)
        _step(pause, "cleaned")
    except db_errors() as exc:
        raise sqlite_problem(path, exc, busy_timeout) from None
    finally:
        if temp is not None:
            for suffix in ("", "-journal"):
                with contextlib.suppress(OSError):
                    os.unlink(f"{temp}{suffix}")
        if temp_fd is not None:
            os.close(temp_fd)
        os.close(lock)
    return expected


def _export(
    path: Path, source: RawKey | None, temp: Path, target: RawKey | None, busy_timeout: float, pause: str | None
) -> tuple[dict[str, int], str | None, int]:
    """sqlcipher_export of the journal into TEMP; the row counts and a search probe of the journal."""
    db = crypto.connect(path.as_uri(), source, busy_timeout=busy_timeout)
    try:
        busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            raise StoreError(_("the journal {path} is in use").format(path=path), _(IN_USE_HINT))
        _step(pause, "checkpointed")
        expected = table_counts(db)
        word = _probe_word(db)
        hits = _hits(db, word)
        db.execute("ATTACH DATABASE ? AS target KEY ?", [str(temp), target.pragma if target else ""])
        db.execute("SELECT sqlcipher_export('target')")
        db.execute("DETACH DATABASE target")
    finally:
        db.close()  # the last connection: SQLite checkpoints and removes the -wal
    return expected, word, hits


def plain_copies(path: Path) -> list[Path]:
    """Plain copies of journal text that mentorlog left beside the journal: backups and upgrade backups of it
    while it was plain, and drafts kept after a failed save (JOURNAL.drafts/)."""
    from mentorlog.store.db import PLAIN_HEADER

    patterns = (f"{path.stem}-backup-*", f"{path.name}.before-upgrade-*.bak")
    found = sorted({copy for pattern in patterns for copy in path.parent.glob(pattern) if copy.is_file()})
    plain = []
    for copy in found:
        with contextlib.suppress(OSError), open(copy, "rb") as handle:
            if handle.read(16) == PLAIN_HEADER:
                plain.append(copy)
    drafts = path.with_name(f"{path.name}.drafts")
    return plain + sorted(draft for draft in drafts.glob("*.md") if draft.is_file())
