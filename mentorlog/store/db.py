"""Opening the journal file: permissions, pragmas, migrations, and one transaction per command.

Every mentorlog process holds a shared `flock` on the journal while it has it open. Creation and
migration are serialised by SQLite's own write lock (the schema is checked again once it is held), and
a journal that a failed first command created is removed only when no other process has it open and it
holds no records.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.base.errors import StoreError
from mentorlog.base.i18n import _, os_reason
from mentorlog.store.problems import sqlite_problem
from mentorlog.store.tables import MIGRATIONS

if TYPE_CHECKING:
    from mentorlog.base.config import Clock
    from mentorlog.store.crypto.cipher import Keys, RawKey

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

# The migrations this version knows, in order: those whose schema the table registry describes (store/migrations.py
# registers them; a test checks both agree). Kept there so that opening an up-to-date journal needs no sqlite-utils
# import at all.
SCHEMA = MIGRATIONS
MIGRATION_SET = "mentorlog"
DEFAULT_BUSY_TIMEOUT = 5.0
PLAIN_HEADER = b"SQLite format 3\x00"  # a plain SQLite file starts so; an encrypted one starts with its salt
# Tables whose rows are bookkeeping, not records: a journal with rows only there is still empty.
BOOKKEEPING = ("_sqlite_migrations", "change_state", "sqlite_sequence")


def db_errors() -> tuple[type[Exception], ...]:
    """The error classes of the database layer: sqlite3's, and SQLCipher's once an encrypted journal was opened."""
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, cipher.Error) if cipher is not None else (sqlite3.Error,)


def resolve(path: Path) -> Path:
    """The real file behind PATH (through symlinks and `..`, even a dangling link's target)."""
    return Path(os.path.realpath(path))


def _create_file(path: Path) -> list[Path] | None:
    """Create the folder (0700) and the empty file (0600), whatever the umask; returns the new folders,
    or None when another process created the file first."""
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
        return None
    except OSError as exc:
        raise StoreError(
            _("cannot create the journal {path}: {strerror}").format(path=path, strerror=os_reason(exc)),
            _("Check that the folder is writable, or choose another file with --db."),
        ) from None
    return missing


def _connect(target: str, busy_timeout: float, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=busy_timeout, isolation_level=None, uri=uri)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
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


def file_connection(uri: str, key: RawKey | None, timeout: float = DEFAULT_BUSY_TIMEOUT) -> sqlite3.Connection:
    """A plain connection to URI, or a SQLCipher one keyed with KEY for an encrypted journal and its copies."""
    if key is None:
        return sqlite3.connect(uri, uri=True, timeout=timeout)
    from mentorlog.store.crypto.cipher import connect

    return connect(uri, key, busy_timeout=timeout)


def _backup_before_migration(path: Path, clock: Clock, key: RawKey | None = None) -> None:
    """Copy the journal aside before its schema changes. Called while this process holds the write lock,
    so it reads through a second, read-only connection (readers may read while a writer waits)."""
    stamp = clock.now().strftime("%Y%m%dT%H%M%S%fZ")
    copy = path.with_name(f"{path.name}.before-upgrade-{stamp}.bak")
    fd = os.open(copy, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    source = file_connection(path.as_uri() + "?mode=ro", key)
    target = file_connection(copy.as_uri(), key)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _check_known(applied: list[str], path: Path | None) -> None:
    unknown = sorted(set(applied) - set(SCHEMA))
    if unknown:
        raise StoreError(
            _("the journal {path} was written by a newer mentorlog (schema {unknown})").format(
                path=path, unknown=unknown[-1]
            ),
            _("Upgrade mentorlog to open it; the file was left unchanged."),
        )


def _migrate(db: sqlite3.Connection, path: Path, clock: Clock, key: RawKey | None = None) -> None:
    """Bring the schema up to date, once, even when several processes open an old journal together."""
    applied = applied_migrations(db)
    _check_known(applied, path)
    if len(applied) == len(SCHEMA):
        return
    db.execute("BEGIN IMMEDIATE")  # the write lock: whoever holds it migrates; the others wait, then see it done
    try:
        applied = applied_migrations(db)
        _check_known(applied, path)
        if len(applied) < len(SCHEMA):
            if applied:
                _backup_before_migration(path, clock, key)
            _apply_migrations(db)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def memory_journal() -> sqlite3.Connection:
    """An empty, migrated journal in memory (for reading a journal that does not exist yet)."""
    db = _connect(":memory:", DEFAULT_BUSY_TIMEOUT)
    _apply_migrations(db)
    return db


class Opened:
    """An open journal: the connection, the shared lock that says "in use", and what this open created (a plain
    class: a dataclass costs ~0.4 ms to define, at every start)."""

    __slots__ = ("db", "path", "busy_timeout", "created", "lock_fd", "key")  # noqa: RUF023 (__init__'s order)

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        created: list[Path] | None = None,  # the new file first, then new folders
        lock_fd: int | None = None,
        key: RawKey | None = None,  # an encrypted journal's key; None for a plain one (never in the repr)
    ) -> None:
        self.db, self.path, self.busy_timeout = db, path, busy_timeout
        self.created: list[Path] = [] if created is None else created
        self.lock_fd, self.key = lock_fd, key

    def __repr__(self) -> str:
        return f"Opened(path={self.path!r}, created={self.created!r}, lock_fd={self.lock_fd!r})"

    def close(self, *, failed: bool = False) -> None:
        if self.created and not failed:
            # A journal this open created ran its first transaction with a rollback journal: its pages went into
            # the file once (a write-ahead log writes each page twice, to the log and at the checkpoint; a restore
            # of a dump into a new journal takes ~10% less). From now on it is in WAL mode, as every journal is.
            try:
                _write_ahead(self.db)
            except db_errors():
                pass  # (busy, or still in a transaction): the next command that writes switches it
        self.db.close()
        try:
            if failed and self.created:
                _remove_if_unused(self)
        finally:
            if self.lock_fd is not None:
                os.close(self.lock_fd)  # only after SQLite closed: closing a descriptor drops its POSIX locks
                self.lock_fd = None


def _write_ahead(db: sqlite3.Connection) -> None:
    """The journal in WAL mode (readers go on while a command writes)."""
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.execute("PRAGMA journal_mode = WAL")


def _share_lock(path: Path) -> int | None:
    """A descriptor of PATH holding a shared flock, checked to be the file now at PATH."""
    if fcntl is None:
        return None
    for _attempt in range(50):
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        except OSError:
            return None  # unreadable: SQLite will say so in its own words
        fcntl.flock(fd, fcntl.LOCK_SH)
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # removed while we waited: open what is there now
        time.sleep(0.01)
    return None


def _remove_if_unused(opened: Opened) -> None:
    """Take back a journal a failed first command created, only if nobody else uses it and it is empty."""
    if opened.lock_fd is None or fcntl is None:
        return
    try:
        fcntl.flock(opened.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another process has it open: it is theirs now
    try:
        probe = sqlite3.connect(opened.path.as_uri() + "?mode=ro", uri=True)
        try:
            tables = [
                row[0]
                for row in probe.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
                )
                if row[0] not in BOOKKEEPING and not row[0].startswith("search_index")
            ]
            empty = all(probe.execute(f'SELECT NOT EXISTS (SELECT 1 FROM "{name}")').fetchone()[0] for name in tables)
        finally:
            probe.close()
    except sqlite3.Error:
        return
    if not empty:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{opened.path}{suffix}")
    for folder in opened.created[1:]:
        with contextlib.suppress(OSError):
            folder.rmdir()


def stray_prefix(path: Path) -> str:
    """The name `encrypt`, `decrypt` and `passphrase` give their new copy of the journal at PATH, up to the pid."""
    return f".{path.name}.mentorlog-new-"


def _remove_stray_copies(path: Path, told: Callable[[str], None] | None) -> None:
    """Remove what a killed `encrypt`/`decrypt`/`passphrase` left beside the journal: a full copy of it (plain
    text after a `decrypt`), which nothing else would ever remove. Called while this process holds its shared
    lock on the journal, so no such operation is running (each holds an exclusive one from before it makes its
    copy until after the copy is gone or renamed); each copy is also locked exclusively before it is removed."""
    prefix = stray_prefix(path)
    try:
        names = [name for name in os.listdir(path.parent) if name.startswith(prefix)]
    except OSError:
        return
    for name in sorted(names):
        stray = path.parent / name
        try:
            fd = os.open(stray, os.O_RDONLY)
        except OSError:
            continue
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # still being written: not a stray
            plain = os.pread(fd, 16, 0) == PLAIN_HEADER
            try:
                os.unlink(stray)
            except FileNotFoundError:
                continue  # another command removed it first
            except OSError as exc:
                if told:
                    told(
                        _(
                            "{stray} is a copy of the journal that an interrupted encrypt, decrypt or passphrase left; "
                            "it could not be removed ({reason}): remove it"
                        ).format(stray=stray, reason=os_reason(exc))
                    )
                continue
        finally:
            os.close(fd)
        if told and not name.endswith(("-journal", "-wal", "-shm")):
            told(
                (_("removed {stray}, a plain-text copy of the journal that an interrupted decrypt left behind")
                 if plain else
                 _("removed {stray}, a copy of the journal that an interrupted encrypt, decrypt or passphrase left "
                   "behind")).format(stray=stray)
            )  # fmt: skip


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_uri(path: Path) -> str:
    """How to read a journal this process cannot write: without touching anything beside it.

    With no pending write-ahead log, `immutable=1` reads the file as it is and creates no `-shm` (a
    read-only open would leave a `-shm` with the journal's read-only mode, which then blocks writers)."""
    wal = Path(f"{path}-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    return path.as_uri() + ("?mode=ro" if pending else "?immutable=1")


def _check_companions(path: Path) -> None:
    """Before a write: a `-wal`/`-shm` that is not writable is made writable when it is ours, else named."""
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        try:
            info = companion.stat()
        except FileNotFoundError:
            continue
        if os.access(companion, os.W_OK):
            continue
        if info.st_uid == os.geteuid():
            with contextlib.suppress(OSError):
                os.chmod(companion, 0o600)  # left by a read while the journal was read-only
            if os.access(companion, os.W_OK):
                continue
        raise StoreError(
            _("{companion} is not writable, so the journal {name} cannot be changed").format(
                companion=companion, name=path.name
            ),
            _("Make it writable (chmod u+w {companion}) or remove it while no mentorlog runs.").format(
                companion=companion
            ),
        )


def _encrypted_head(path: Path, lock_fd: int | None) -> bytes | None:
    """The first 16 bytes (SQLCipher's salt) of a file that is not plain SQLite but sized in whole pages, else
    None: plain, new and empty files, and other files (which SQLite then refuses), take the plain path."""
    try:
        if lock_fd is not None:
            head, size = os.pread(lock_fd, 16, 0), os.fstat(lock_fd).st_size
        else:
            with open(path, "rb") as handle:
                head, size = handle.read(16), os.fstat(handle.fileno()).st_size
    except OSError:
        return None
    if size == 0 or size % 512 or head == PLAIN_HEADER:
        return None
    return head


def open_journal(
    path: Path,
    *,
    write: bool,
    clock: Clock,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    keys: Callable[[], Keys] | None = None,
    told: Callable[[str], None] | None = None,
) -> Opened:
    """Open (and on first write, create) the journal at PATH, migrated to the current schema.

    Reading a journal that does not exist yet gives an empty in-memory one, so that listing
    commands on a fresh machine say "nothing yet" without leaving a file behind. An encrypted journal
    is opened by store/crypto.py with a key from KEYS (called only then). What an interrupted encrypt,
    decrypt or passphrase left beside it is removed, and TOLD each time.
    """
    path = resolve(path)
    if path.is_dir():
        raise StoreError(
            _("{path} is a folder, not a journal file").format(path=path),
            _("Give a file path with --db or MENTORLOG_DB."),
        )
    created: list[Path] = []
    if not path.exists():
        if not write:
            return Opened(memory_journal(), path, busy_timeout)
        folders = _create_file(path)
        if folders is not None:
            created = [path, *folders]
    if write and not os.access(path, os.W_OK):
        raise StoreError(
            _("the journal {path} is not writable").format(path=path),
            _("Check its permissions (chmod u+w {path}).").format(path=path),
        )
    if write and not os.access(path.parent, os.W_OK):
        raise StoreError(
            _("the folder {parent} is not writable; SQLite needs to write beside the journal").format(
                parent=path.parent
            ),
            _("Make the folder writable, or move the journal."),
        )
    if write:
        _check_companions(path)
    read_only = not write and not _writable(path)
    lock_fd = _share_lock(path)
    if lock_fd is not None and not read_only:
        _remove_stray_copies(path, told)
    head = _encrypted_head(path, lock_fd)
    key = None
    try:
        if head is None:
            db = _connect(_read_only_uri(path) if read_only else path.as_uri(), busy_timeout, uri=True)
        else:
            from mentorlog.store.crypto.cipher import open_encrypted

            db, key = open_encrypted(path, head, keys() if keys else None, busy_timeout)
    except BaseException as exc:
        if lock_fd is not None:
            os.close(lock_fd)
        if isinstance(exc, db_errors()):
            raise sqlite_problem(path, exc, busy_timeout) from None
        raise
    opened = Opened(db, path, busy_timeout, created, lock_fd, key)
    try:
        db.execute("PRAGMA schema_version").fetchone()
        if read_only and len(applied_migrations(db)) != len(SCHEMA):
            _check_known(applied_migrations(db), path)
            raise StoreError(
                _("the journal {path} needs an upgrade for this mentorlog, but it is read-only").format(path=path),
                _("Make it writable once (chmod u+w {path} and its folder), then run any command.").format(path=path),
            )
        _migrate(db, path, clock, key)  # first: switching the journal mode while another process migrates can deadlock
        if write and not created:  # a journal this open created keeps its rollback journal until it is closed
            _write_ahead(db)
    except db_errors() as exc:
        opened.close(failed=True)
        raise sqlite_problem(path, exc, busy_timeout) from None
    except BaseException:
        opened.close(failed=True)
        raise
    return opened


@contextlib.contextmanager
def transaction(
    db: sqlite3.Connection,
    path: Path | str,
    *,
    write: bool,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    pause_file: str | None = None,
) -> Iterator[sqlite3.Connection]:
    """All of a command's reads and writes in one transaction; any error leaves nothing behind.

    Writers take the lock at the start (BEGIN IMMEDIATE), so two writers never deadlock halfway.
    PAUSE_FILE (tests only) is created just before a write commits, and the commit waits while it exists.
    """
    try:
        db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    except db_errors() as exc:
        raise sqlite_problem(path, exc, busy_timeout) from None
    try:
        yield db
        if write and pause_file:
            _pause(pause_file)
    except db_errors() as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise sqlite_problem(path, exc, busy_timeout) from None
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    try:
        db.execute("COMMIT")
    except db_errors() as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise sqlite_problem(path, exc, busy_timeout) from None


def _pause(marker: str) -> None:
    """The test-only pause inside a write transaction: say so through MARKER, then wait while it exists."""
    Path(marker).write_text(str(os.getpid()))
    deadline = time.monotonic() + 30
    while os.path.exists(marker) and time.monotonic() < deadline:
        time.sleep(0.01)
