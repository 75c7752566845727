"""The journal with every view (agenda, today, health, review, relationships, the shared agenda)."""

from __future__ import annotations

from mentorlog.store import journal_period
from mentorlog.store.agenda import AgendaRepo
from mentorlog.store.health import HealthRepo
from mentorlog.store.relationships import RelationshipRepo
from mentorlog.store.review import ReviewRepo
from mentorlog.store.shared_agenda import SharedAgendaRepo
from mentorlog.store.today import TodayRepo


class Journal(
    journal_period.Journal,
    AgendaRepo,
    ReviewRepo,
    TodayRepo,
    HealthRepo,
    RelationshipRepo,
    SharedAgendaRepo,
):
    """Every repository but sync and the dump."""
