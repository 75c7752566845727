"""The whole journal: every repository, with sync and the lossless dump."""

from __future__ import annotations

from mentorlog.store import journal_views
from mentorlog.store.dump.load import LoadRepo
from mentorlog.store.sync.run import SyncRepo


class Journal(journal_views.Journal, SyncRepo, LoadRepo):
    """All reads and writes of one journal file."""
