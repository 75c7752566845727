"""The journal: every per-noun repository in one object, used inside one transaction per command.

A command imports only the repositories it calls. `Journal` is the record repositories (people, sessions,
actions, goals, reflections, search, undo); the first time a command asks it for a method they lack, it
becomes the next larger journal in `_TIERS` (skills; the period figures and timeline; the other views; sync
and dump), whose modules are imported then. To the type checker (and to every caller) it is simply all of
them at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from mentorlog.store.db import DEFAULT_BUSY_TIMEOUT, open_journal, transaction
from mentorlog.store.records.actions import ActionsRepo
from mentorlog.store.records.goals import GoalsRepo
from mentorlog.store.records.people import PeopleRepo
from mentorlog.store.records.reflections import ReflectionsRepo
from mentorlog.store.records.sessions import SessionsRepo
from mentorlog.store.search import SearchRepo
from mentorlog.store.undo import UndoRepo

if TYPE_CHECKING:
    from mentorlog.base.config import Clock
    from mentorlog.store.crypto.cipher import Keys
    from mentorlog.store.dump.load import LoadRepo
    from mentorlog.store.records.skills import SkillsRepo
    from mentorlog.store.sync.run import SyncRepo
    from mentorlog.store.views.agenda import AgendaRepo
    from mentorlog.store.views.health import HealthRepo
    from mentorlog.store.views.relationships import RelationshipRepo
    from mentorlog.store.views.review import ReviewRepo
    from mentorlog.store.views.shared_agenda import SharedAgendaRepo
    from mentorlog.store.views.timeline import TimelineRepo
    from mentorlog.store.views.today import TodayRepo


class Records(UndoRepo, ActionsRepo, PeopleRepo, SessionsRepo, GoalsRepo, ReflectionsRepo, SearchRepo):
    """The record repositories: what listings, `show` and the writes of records call."""


if TYPE_CHECKING:

    class Journal(
        Records,
        SyncRepo,
        LoadRepo,
        TimelineRepo,
        AgendaRepo,
        ReviewRepo,
        TodayRepo,
        HealthRepo,
        RelationshipRepo,
        SharedAgendaRepo,
        SkillsRepo,
    ):
        """All reads and writes of one journal file."""

else:

    class Journal(Records):
        """All reads and writes of one journal file (the larger repositories attached on first use)."""

        def __getattr__(self, name: str) -> Any:
            if not name.startswith("__"):
                for tier in _TIERS:
                    larger = import_module(tier).Journal
                    if not isinstance(self, larger) and hasattr(larger, name):
                        self.__class__ = larger  # the same journal, now with the repository that has NAME
                        return getattr(self, name)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


_TIERS = (
    "mentorlog.store.journal_skills",
    "mentorlog.store.journal_period",
    "mentorlog.store.journal_views",
    "mentorlog.store.journal_full",
)


class Outcome(msgspec.Struct):
    """What happened to a command's transaction: the CLI needs to know whether a later error came after the commit."""

    committed: bool = False


@contextlib.contextmanager
def open_for_command(
    path: Path,
    *,
    write: bool,
    clock: Clock,
    command: str | None = None,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    pause_file: str | None = None,
    outcome: Outcome | None = None,
    keys: Callable[[], Keys] | None = None,
) -> Iterator[Journal]:
    """The journal at PATH inside one transaction: committed when the block ends, rolled back on error.

    A command that fails on a journal it had just created takes the new file away again (when no other
    process has it open). A write with a COMMAND name logs its row changes, so that `undo` can revert them.
    """
    opened = open_journal(path, write=write, clock=clock, busy_timeout=busy_timeout, keys=keys)
    try:
        with transaction(opened.db, opened.path, write=write, busy_timeout=busy_timeout, pause_file=pause_file):
            journal = Journal(opened.db, clock)
            logged = write and command is not None
            if logged:
                journal.begin_change(str(command))
            yield journal
            if logged:
                journal.end_change()
    except BaseException:
        opened.close(failed=True)
        raise
    if outcome is not None:
        outcome.committed = write
    opened.close()
