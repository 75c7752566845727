"""The journal with the period figures and the timeline (what `summary` and `timeline` call)."""

from __future__ import annotations

from mentorlog.store import journal_skills
from mentorlog.store.views.timeline import TimelineRepo


class Journal(journal_skills.Journal, TimelineRepo):
    """The record repositories, skills, the period figures (PeriodRepo) and the timeline."""
