"""Every file mentorlog writes besides the journal (exports, agendas, drafts, backups): private (0600),
written whole or not at all (temp file, fsync, rename), through symlinks, never onto the journal itself."""

from __future__ import annotations

import contextlib
import os
import stat
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
    if _stream_target(real):
        return _write_stream(real, target, pieces)
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
        _fsync_folder(folder)
    except OSError as exc:
        raise MentorlogError(
            _("cannot write {target}: {strerror}").format(target=target, strerror=os_reason(exc))
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return real


def _stream_target(real: Path) -> bool:
    """Whether REAL is a device, a pipe or a socket (`-o /dev/null`, `-o /dev/stdout`, a FIFO, `>(gzip)`): written
    to as it is. A rename would put a regular file in its place (as root, even over /dev/null)."""
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_stream(real: Path, target: Path, pieces: Iterable[str | bytes]) -> Path:
    """PIECES written straight to the device or pipe REAL: it cannot appear whole or not at all, nor be made
    private; what reads it decides."""
    try:
        with open(real, "wb") as handle:
            for piece in pieces:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
    except OSError as exc:
        raise MentorlogError(
            _("cannot write {target}: {strerror}").format(target=target, strerror=os_reason(exc))
        ) from None
    return real


def write_files(folder: Path, files: Iterable[tuple[str, str]], *, journal: Path) -> tuple[int, int]:
    """Write FILES (a path inside FOLDER, `/`-separated, and its text) as write_atomic writes one: private, each
    whole or not at all, never onto the journal's own files, never outside FOLDER (a `..` or a symlink out is
    refused). A file whose text is already there is left alone. The new texts are forced to disk together (one
    sync, not one fsync per file) before each replaces its old version. Returns how many files were written and
    how many were left alone. Strings and os calls, not pathlib: a vault is tens of thousands of files."""
    root = resolve(folder)
    own = {str(resolve(Path(f"{journal}{suffix}"))) for suffix in JOURNAL_SUFFIXES}
    own |= {f"{resolve(journal)}{suffix}" for suffix in JOURNAL_SUFFIXES}
    temporaries: list[tuple[str, str]] = []
    unchanged = written = 0
    made: dict[str, str] = {}  # each folder written into (as given), and where it really is
    suffix = f".{os.getpid()}.part"
    try:
        for relative, text in files:
            parts = relative.split("/")
            if relative.startswith("/") or "\\" in relative or any(part in ("", ".", "..") for part in parts):
                raise UsageError(_("{path} is not a file name inside the folder").format(path=relative))
            parent = "/".join(parts[:-1])
            directory = made.get(parent)
            if directory is None:
                wanted = root.joinpath(*parts[:-1])
                wanted.mkdir(mode=0o700, parents=True, exist_ok=True)
                real_parent = resolve(wanted)
                if real_parent != root and root not in real_parent.parents:
                    raise UsageError(
                        _("{target} leads out of {folder}").format(target=wanted, folder=folder),
                        _("Remove the link, or give another folder."),
                    )
                directory = made[parent] = str(real_parent)
            real = f"{directory}/{parts[-1]}"
            data = text.encode("utf-8")
            try:
                found = os.lstat(real)
            except FileNotFoundError:
                found = None
            if found is not None and stat.S_ISLNK(found.st_mode):
                raise UsageError(
                    _("{target} leads out of {folder}").format(target=real, folder=folder),
                    _("Remove the link, or give another folder."),
                )
            if real in own:
                raise UsageError(
                    _("{target} is this journal's own file").format(target=real),
                    _("mentorlog never writes over its journal; give another file name."),
                )
            if found is not None and found.st_size == len(data):
                with open(real, "rb") as existing:
                    if existing.read() == data:
                        unchanged += 1
                        continue
            temporary = f"{directory}/.{parts[-1]}{suffix}"
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
            temporaries.append((temporary, real))
            try:
                os.fchmod(fd, 0o600)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                if not hasattr(os, "sync"):
                    os.fsync(fd)
            finally:
                os.close(fd)
        if temporaries and hasattr(os, "sync"):
            os.sync()  # every new text on disk before any replaces its old version
        written = len(temporaries)
        for index, (temporary, real) in enumerate(temporaries):
            os.replace(temporary, real)
            temporaries[index] = ("", real)
        for directory in made.values():
            _fsync_folder(directory)
    except OSError as exc:
        raise MentorlogError(
            _("cannot write into {folder}: {strerror}").format(folder=folder, strerror=os_reason(exc))
        ) from None
    finally:
        for temporary, _real in temporaries:
            if temporary:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
    return written, unchanged


def _fsync_folder(folder: str | Path) -> None:
    """Make a rename in FOLDER durable (best effort: some file systems cannot open a folder)."""
    with contextlib.suppress(OSError):
        folder_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)
