"""The journal with the skills repository: what `repo.Journal` becomes when a command first calls it."""

from __future__ import annotations

from mentorlog.store import journal as repo
from mentorlog.store.records.skills import SkillsRepo


class Journal(repo.Journal, SkillsRepo):
    """The record repositories and skills."""
