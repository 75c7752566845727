"""The journal: every per-noun repository in one object, used inside one transaction per command."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from mentorlog.store.db import open_journal, remove_new_journal, transaction
from mentorlog.store.dump import DumpRepo
from mentorlog.store.search import SearchRepo
from mentorlog.store.undo import UndoRepo
from mentorlog.store.views import ViewsRepo


class Journal(UndoRepo, SearchRepo, DumpRepo, ViewsRepo):
    """All reads and writes of one journal file."""


@contextlib.contextmanager
def open_for_command(
    path: Path, *, write: bool, today: date, now: Callable[[], str] | None = None, command: str | None = None
) -> Iterator[Journal]:
    """The journal at PATH inside one transaction: committed when the block ends, rolled back on error.

    A command that fails on a journal it had just created takes the new file away again. A write
    with a COMMAND name logs its row changes, so that `undo` can revert them.
    """
    created: list[Path] = []
    db = open_journal(path, write=write, created=created)
    try:
        with transaction(db, path, write=write):
            journal = Journal(db, today=today) if now is None else Journal(db, today=today, now=now)
            logged = write and command is not None
            if logged:
                journal.begin_change(str(command))
            yield journal
            if logged:
                journal.end_change()
    except BaseException:
        db.close()
        if created:
            remove_new_journal(created[0], created[1:])
        raise
    db.close()
