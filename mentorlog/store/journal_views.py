"""The journal with the period views (summary, timeline, agenda, today, health, review, relationships)."""

from __future__ import annotations

from mentorlog.store import journal_skills
from mentorlog.store.agenda import AgendaRepo
from mentorlog.store.health import HealthRepo
from mentorlog.store.relationships import RelationshipRepo
from mentorlog.store.review import ReviewRepo
from mentorlog.store.shared_agenda import SharedAgendaRepo
from mentorlog.store.timeline import TimelineRepo
from mentorlog.store.today import TodayRepo


class Journal(
    journal_skills.Journal,
    TimelineRepo,
    AgendaRepo,
    ReviewRepo,
    TodayRepo,
    HealthRepo,
    RelationshipRepo,
    SharedAgendaRepo,
):
    """Every repository but sync and the dump."""
