"""Skill trends (mentorlog/core/trends.py) and `--rate` values (textparse.parse_rating), on plain values."""

from __future__ import annotations

from datetime import date

import pytest

from mentorlog.base.errors import BadValue
from mentorlog.core.records import Rating, Skill
from mentorlog.core.textparse import RatingLine, parse_rating
from mentorlog.core.trends import gaps, signed, skill_change, view

SINCE, UNTIL = date(2026, 6, 1), date(2026, 11, 26)


def rating(number: int, day: str, level: int, rater: int | None = None, name: str | None = None) -> Rating:
    return Rating(number, f"u{number}", 1, day, level, rater, name, None, "", "", "")


def skill(*ratings: Rating) -> Skill:
    return Skill(1, "u", "giving feedback", "growth", None, None, "", "", "", [], list(ratings))


def test_change_is_measured_from_the_last_rating_before_the_period_else_the_first_inside() -> None:
    before = [rating(1, "2026-01-01", 1), rating(2, "2026-07-01", 3), rating(3, "2026-12-01", 5)]
    found = view(before, SINCE, UNTIL)
    assert (found.start, found.end, found.change, found.sparkline) == (1, 3, 2, "▅")  # the December one is later
    inside = view([rating(1, "2026-06-01", 4), rating(2, "2026-09-01", 2)], SINCE, UNTIL)
    assert (inside.start, inside.end, inside.change) == (4, 2, -2)
    single = view([rating(1, "2026-08-01", 3)], SINCE, UNTIL)
    assert (single.end, single.change) == (3, None)  # a level, no change yet
    old = view([rating(1, "2025-08-01", 3)], SINCE, UNTIL)
    assert (old.end, old.change, old.inside) == (3, 0, ())
    assert view([], SINCE, UNTIL).end is None


def test_a_gap_is_two_levels_or_more_per_rater_against_my_latest() -> None:
    rated = skill(
        rating(1, "2026-07-01", 2),
        rating(2, "2026-07-02", 4, 7, "Dr. Weber"),
        rating(3, "2026-07-03", 3, 8, "Anna"),
        rating(4, "2026-08-01", 5, 8, "Anna"),
    )
    assert [gap.sentence() for gap in gaps(rated)] == [
        "you rate 'giving feedback' 2, Dr. Weber rates it 4",
        "you rate 'giving feedback' 2, Anna rates it 5",
    ]
    assert [gap.by for gap in gaps(rated, by=8)] == ["Anna"]
    assert gaps(skill(rating(1, "2026-07-02", 4, 7, "Dr. Weber"))) == []  # no view of mine to compare
    assert gaps(skill(rating(1, "2026-07-01", 3), rating(2, "2026-07-02", 4, 7, "Dr. Weber"))) == []


def test_skill_change_only_for_skills_rated_in_the_period() -> None:
    assert skill_change(skill(rating(1, "2026-01-01", 2)), SINCE, UNTIL) is None
    change = skill_change(skill(rating(1, "2026-01-01", 2), rating(2, "2026-09-01", 4, 7, "W")), SINCE, UNTIL)
    assert change is not None and change.summary_json()["level_end"] == 2 and change.them.end == 4
    assert [signed(n) for n in (1, -2, 0, None)] == ["+1", "-2", "±0", "—"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("giving feedback=4", RatingLine("giving feedback", "4")),
        ("  giving   feedback = 4 by:them  much better ", RatingLine("giving feedback", "4", "them", "much better")),
        ("3=2 by:ich", RatingLine("3", "2", "me")),
        ("a=b=5 by:Weber", RatingLine("a=b", "5", "Weber")),
    ],
)
def test_a_rate_value_is_skill_level_whose_and_a_note(text: str, expected: RatingLine) -> None:
    assert parse_rating(text) == expected


@pytest.mark.parametrize("text", ["giving feedback", "=4", "feedback=", "  = "])
def test_a_rate_value_without_skill_or_level_is_refused(text: str) -> None:
    with pytest.raises(BadValue, match="a rating is SKILL=LEVEL"):
        parse_rating(text)
