"""Every file mentorlog writes besides the journal (exports, agendas, drafts, backups): private (0600),
written whole or not at all (temp file, fsync, rename), through symlinks, never onto the journal itself."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.base.i18n import _, os_reason
from mentorlog.store.db import resolve

JOURNAL_SUFFIXES = ("", "-wal", "-shm", "-journal")


def refuse_journal_files(target: Path, journal: Path) -> Path:
    """TARGET resolved; an error (exit 2) when it is the journal or one of its companion files."""
    real = resolve(target)
    own = {resolve(Path(f"{journal}{suffix}")) for suffix in JOURNAL_SUFFIXES}
    own |= {Path(f"{resolve(journal)}{suffix}") for suffix in JOURNAL_SUFFIXES}
    if real in own:
        raise UsageError(
            _("{target} is this journal's own file").format(target=target),
            _("mentorlog never writes over its journal; give another file name."),
        )
    return real


def write_atomic(target: Path, pieces: Iterable[str | bytes], *, journal: Path) -> Path:
    """Write PIECES to TARGET as a private file that appears whole or not at all; returns the real path.

    A symlink is written through (the link stays); the temporary file is removed on any error or Ctrl-C.
    """
    if target.is_dir():
        raise UsageError(_("{target} is a folder").format(target=target), _("Give a file name."))
    real = refuse_journal_files(target, journal)
    folder = real.parent
    temporary: str | None = None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".part", dir=folder)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, real)
        temporary = None
        with contextlib.suppress(OSError):
            folder_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(folder_fd)
            finally:
                os.close(folder_fd)
    except OSError as exc:
        raise MentorlogError(
            _("cannot write {target}: {strerror}").format(target=target, strerror=os_reason(exc))
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return real
