"""The journal: every per-noun repository in one object, used inside one transaction per command."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from mentorlog.store.actions import ActionsRepo
from mentorlog.store.db import open_journal, remove_new_journal, transaction
from mentorlog.store.dump import DumpRepo
from mentorlog.store.goals import GoalsRepo
from mentorlog.store.people import PeopleRepo
from mentorlog.store.reflections import ReflectionsRepo
from mentorlog.store.search import SearchRepo
from mentorlog.store.sessions import SessionsRepo
from mentorlog.store.views import ViewsRepo


class Journal(SearchRepo, DumpRepo, ViewsRepo, PeopleRepo, SessionsRepo, GoalsRepo, ActionsRepo, ReflectionsRepo):
    """All reads and writes of one journal file."""


@contextlib.contextmanager
def open_for_command(
    path: Path, *, write: bool, today: date, now: Callable[[], str] | None = None
) -> Iterator[Journal]:
    """The journal at PATH inside one transaction: committed when the block ends, rolled back on error.

    A command that fails on a journal it had just created takes the new file away again.
    """
    created: list[Path] = []
    db = open_journal(path, write=write, created=created)
    try:
        with transaction(db, path, write=write):
            yield Journal(db, today=today) if now is None else Journal(db, today=today, now=now)
    except BaseException:
        db.close()
        if created:
            remove_new_journal(created[0], created[1:])
        raise
    db.close()
