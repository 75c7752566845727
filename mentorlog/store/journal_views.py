"""The journal with every view (agenda, today, health, review, relationships, the shared agenda)."""

from __future__ import annotations

from mentorlog.store import journal_period
from mentorlog.store.views.agenda import AgendaRepo
from mentorlog.store.views.health import HealthRepo
from mentorlog.store.views.relationships import RelationshipRepo
from mentorlog.store.views.review import ReviewRepo
from mentorlog.store.views.shared_agenda import SharedAgendaRepo
from mentorlog.store.views.today import TodayRepo


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
