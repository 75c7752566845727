"""Skill trends (mentorlog/core/trends.py) and `--rate` values (textparse.parse_rating), on plain values."""

from __future__ import annotations

from datetime import date

import pytest

from mentorlog.base.errors import BadValue
from mentorlog.core.records import Rating, Skill
from mentorlog.core.textparse import RatingLine, parse_rating
from mentorlog.core.trends import Gap, gaps, signed, skill_change, trend, view

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
    assert change.summary_json() == {
        "id": 1, "name": "giving feedback", "kind": "growth", "with": None, "level_start": 2, "level_end": 2,
        "change": 0, "level_by_others_start": 4, "level_by_others_end": 4, "change_by_others": None, "ratings": 1,
    }  # fmt: skip


def test_a_skill_change_tells_both_views_levels_and_changes() -> None:
    rated = Skill(9, "u", "listening", "strength", 3, "Ada", "", "", "", [], [
        rating(1, "2026-05-01", 2), rating(2, "2026-07-01", 3), rating(3, "2026-07-02", 1, 7, "W"),
        rating(4, "2026-08-01", 4, 7, "W"), rating(5, "2026-09-01", 5, 7, "W"),
    ])  # fmt: skip
    change = skill_change(rated, SINCE, UNTIL)
    assert change is not None
    assert change.summary_json() == {
        "id": 9, "name": "listening", "kind": "strength", "with": "Ada", "level_start": 2, "level_end": 3,
        "change": 1, "level_by_others_start": 1, "level_by_others_end": 5, "change_by_others": 4, "ratings": 4,
    }  # fmt: skip
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


def test_a_trend_shows_both_views_change_sparklines_goals_and_gaps_in_its_json() -> None:
    rated = skill(
        rating(1, "2026-05-01", 2), rating(2, "2026-07-01", 3, 7, "Weber"), rating(3, "2026-08-01", 4),
        rating(4, "2026-09-01", 1, 8, "Anna"), rating(5, "2026-10-01", 2, 8, "Anna"),
    )  # fmt: skip
    found = trend(rated, SINCE, UNTIL, ((3, "Speak up"),))
    assert found.latest_by == "Anna"
    assert found.to_json() == {
        **rated.to_json(),
        "change": {"since": "2026-06-01", "me": 2, "others": 1},
        "sparkline": "▆",
        "sparkline_by_others": "▁▃",
        "goals": [{"id": 3, "title": "Speak up"}],
        "gaps": [{"skill_id": 1, "skill": "giving feedback", "mine": 4, "theirs": 2, "by": "Anna"}],
    }
    earlier = trend(rated, date(2026, 4, 1), date(2026, 8, 15))
    assert (earlier.me.change, earlier.them.change, earlier.goals) == (2, None, ())
    assert (earlier.me.sparkline, earlier.them.sparkline) == ("▃▆", "")
    assert earlier.to_json()["change"] == {"since": "2026-04-01", "me": 2, "others": None}


def test_a_skill_nobody_else_rated_has_no_latest_rater() -> None:
    assert trend(skill(rating(1, "2026-07-01", 3)), SINCE, UNTIL).latest_by is None


def test_a_gap_says_both_ratings_and_who_gave_the_other() -> None:
    gap = Gap(4, "giving feedback", 2, 5, "Weber")
    assert gap.sentence() == "you rate 'giving feedback' 2, Weber rates it 5"
    assert gap.to_json() == {"skill_id": 4, "skill": "giving feedback", "mine": 2, "theirs": 5, "by": "Weber"}


def test_a_view_counts_a_rating_on_the_last_day_and_one_on_the_first_day_as_inside() -> None:
    ratings = [rating(1, "2026-06-01", 2), rating(2, "2026-11-26", 4)]
    found = view(ratings, SINCE, UNTIL)
    assert (found.start, found.end, [r.id for r in found.inside], found.change) == (2, 4, [1, 2], 2)
    assert view([rating(1, "2026-06-01", 3)], SINCE, UNTIL).change is None  # one rating, the first day: no change yet


def test_a_trend_keeps_its_period() -> None:
    found = trend(skill(rating(1, "2026-07-01", 3)), SINCE, UNTIL)
    assert (found.since, found.until) == (SINCE, UNTIL)
