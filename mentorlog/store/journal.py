"""The journal: one connection and one clock, and a repository per subject, made on first use.

Each repository is a cached property that imports its module when a command first asks for it, so a command
loads only the repositories it calls (`journal.actions.list_actions(...)`, `journal.agenda.agenda_for(...)`).
A repository holds the journal, and a call from one repository to another goes through it, in plain sight:
`self.journal.people.get_person(...)`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.store.db import DEFAULT_BUSY_TIMEOUT, open_journal, transaction

if TYPE_CHECKING:
    import sqlite3

    from mentorlog.base.config import Clock
    from mentorlog.store.crypto.cipher import Keys
    from mentorlog.store.dump.load import LoadRepo
    from mentorlog.store.dump.write import DumpRepo
    from mentorlog.store.records.actions import ActionsRepo
    from mentorlog.store.records.goals import GoalsRepo
    from mentorlog.store.records.people import PeopleRepo, TopicsRepo
    from mentorlog.store.records.questions import QuestionsRepo
    from mentorlog.store.records.reflections import ReflectionsRepo
    from mentorlog.store.records.sessions import SessionsRepo
    from mentorlog.store.records.skills import SkillsRepo
    from mentorlog.store.search import SearchRepo
    from mentorlog.store.sync.run import SyncRepo
    from mentorlog.store.undo import UndoRepo
    from mentorlog.store.views.agenda import AgendaRepo
    from mentorlog.store.views.health import HealthRepo
    from mentorlog.store.views.period import PeriodRepo
    from mentorlog.store.views.relationships import RelationshipRepo
    from mentorlog.store.views.review import ReviewRepo
    from mentorlog.store.views.shared_agenda import SharedAgendaRepo
    from mentorlog.store.views.timeline import TimelineRepo
    from mentorlog.store.views.today import TodayRepo


class Journal:
    """All reads and writes of one journal file, each subject in its own repository."""

    def __init__(self, db: sqlite3.Connection, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def with_clock(self, clock: Clock) -> Journal:
        """The same journal (same connection and transaction) seen at another moment: for the demo and tests."""
        return Journal(self.db, clock)

    @cached_property
    def people(self) -> PeopleRepo:
        """People: names, roles, cadences, the relationship's span."""
        from mentorlog.store.records.people import PeopleRepo

        return PeopleRepo(self)

    @cached_property
    def topics(self) -> TopicsRepo:
        """The topics queued for the next meeting with a person."""
        from mentorlog.store.records.people import TopicsRepo

        return TopicsRepo(self)

    @cached_property
    def sessions(self) -> SessionsRepo:
        """Sessions (meetings), their tags and goal links."""
        from mentorlog.store.records.sessions import SessionsRepo

        return SessionsRepo(self)

    @cached_property
    def actions(self) -> ActionsRepo:
        """Action items."""
        from mentorlog.store.records.actions import ActionsRepo

        return ActionsRepo(self)

    @cached_property
    def goals(self) -> GoalsRepo:
        """Goals, milestones and progress updates."""
        from mentorlog.store.records.goals import GoalsRepo

        return GoalsRepo(self)

    @cached_property
    def questions(self) -> QuestionsRepo:
        """The questions of the question bank asked in each relationship."""
        from mentorlog.store.records.questions import QuestionsRepo

        return QuestionsRepo(self)

    @cached_property
    def reflections(self) -> ReflectionsRepo:
        """Reflections."""
        from mentorlog.store.records.reflections import ReflectionsRepo

        return ReflectionsRepo(self)

    @cached_property
    def skills(self) -> SkillsRepo:
        """Skills and their ratings."""
        from mentorlog.store.records.skills import SkillsRepo

        return SkillsRepo(self)

    @cached_property
    def search(self) -> SearchRepo:
        """Full-text search."""
        from mentorlog.store.search import SearchRepo

        return SearchRepo(self)

    @cached_property
    def undo(self) -> UndoRepo:
        """The change log: what `undo` reverts."""
        from mentorlog.store.undo import UndoRepo

        return UndoRepo(self)

    @cached_property
    def period(self) -> PeriodRepo:
        """A period's figures: goal progress over time, the summary."""
        from mentorlog.store.views.period import PeriodRepo

        return PeriodRepo(self)

    @cached_property
    def timeline(self) -> TimelineRepo:
        """The timeline of a period."""
        from mentorlog.store.views.timeline import TimelineRepo

        return TimelineRepo(self)

    @cached_property
    def agenda(self) -> AgendaRepo:
        """The brief before the next meeting with one person."""
        from mentorlog.store.views.agenda import AgendaRepo

        return AgendaRepo(self)

    @cached_property
    def review(self) -> ReviewRepo:
        """What a review (the exports) shows of a period."""
        from mentorlog.store.views.review import ReviewRepo

        return ReviewRepo(self)

    @cached_property
    def today(self) -> TodayRepo:
        """The day's dashboard."""
        from mentorlog.store.views.today import TodayRepo

        return TodayRepo(self)

    @cached_property
    def health(self) -> HealthRepo:
        """The health of each relationship."""
        from mentorlog.store.views.health import HealthRepo

        return HealthRepo(self)

    @cached_property
    def relationships(self) -> RelationshipRepo:
        """Closing a relationship and reopening it."""
        from mentorlog.store.views.relationships import RelationshipRepo

        return RelationshipRepo(self)

    @cached_property
    def shared_agenda(self) -> SharedAgendaRepo:
        """The agenda shared with the other person."""
        from mentorlog.store.views.shared_agenda import SharedAgendaRepo

        return SharedAgendaRepo(self)

    @cached_property
    def sync(self) -> SyncRepo:
        """Sync through a replicated folder."""
        from mentorlog.store.sync.run import SyncRepo

        return SyncRepo(self)

    @cached_property
    def dump(self) -> DumpRepo:
        """The lossless JSON dump."""
        from mentorlog.store.dump.write import DumpRepo

        return DumpRepo(self)

    @cached_property
    def imports(self) -> LoadRepo:
        """Importing a dump."""
        from mentorlog.store.dump.load import LoadRepo

        return LoadRepo(self)


class Outcome:
    """What happened to a command's transaction: the CLI needs to know whether a later error came after the commit."""

    __slots__ = ("committed",)

    def __init__(self, committed: bool = False) -> None:
        self.committed = committed


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
    told: Callable[[str], None] | None = None,
) -> Iterator[Journal]:
    """The journal at PATH inside one transaction: committed when the block ends, rolled back on error.

    A command that fails on a journal it had just created takes the new file away again (when no other
    process has it open). A write with a COMMAND name logs its row changes, so that `undo` can revert them.
    """
    opened = open_journal(path, write=write, clock=clock, busy_timeout=busy_timeout, keys=keys, told=told)
    try:
        with transaction(opened.db, opened.path, write=write, busy_timeout=busy_timeout, pause_file=pause_file):
            journal = Journal(opened.db, clock)
            logged = write and command is not None
            if logged:
                journal.undo.begin_change(str(command))
            yield journal
            if logged:
                journal.undo.end_change()
    except BaseException:
        opened.close(failed=True)
        raise
    if outcome is not None:
        outcome.committed = write
    opened.close()
