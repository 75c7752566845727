"""humane.relative_days: how far a day is from today, in words, at every boundary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentorlog.core.humane import relative_days

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (2, "in 2 days"),
        (-2, "2 days ago"),
        (13, "in 13 days"),
        (-13, "13 days ago"),
        (14, "in 2 weeks"),
        (-14, "2 weeks ago"),
        (20, "in 2 weeks"),
        (21, "in 3 weeks"),
        (59, "in 8 weeks"),
        (-59, "8 weeks ago"),
        (60, "in 2 months"),
        (-60, "2 months ago"),
        (89, "in 2 months"),
        (90, "in 3 months"),
        (729, "in 24 months"),
        (-729, "24 months ago"),
        (730, "in 2 years"),
        (-730, "2 years ago"),
        (1094, "in 2 years"),
        (1095, "in 3 years"),
    ],
)
def test_relative_days_at_every_boundary(delta: int, words: str) -> None:
    assert relative_days(TODAY + timedelta(days=delta), TODAY) == words
