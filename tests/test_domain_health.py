"""health.assess(): every threshold at its edge, and the README's table in step with the constants."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mentorlog.base import i18n
from mentorlog.core import health
from mentorlog.core.health import NEEDS_ATTENTION, ON_TRACK, WATCH, Figures, Side, assess
from mentorlog.core.records import Person, replace

TODAY = date(2026, 11, 26)


def person(cadence: int | None = 10) -> Person:
    return Person(id=1, uuid="u", name="Ada", role="mentee", cadence_days=cadence, note="", created_at="",
                  updated_at="", started="2026-01-01", status="active")  # fmt: skip


def figures(**changes: object) -> Figures:
    base: dict[str, object] = {
        "person": person(), "since": date(2026, 6, 1), "until": TODAY, "held": 10, "expected": 10,
        "longest_gap_days": 10, "me": Side(), "them": Side(), "days_to_done": (), "confidences": (),
        "topics_carried": 0, "stalled_goal_ids": (), "active_goals": 0,
    }  # fmt: skip
    base.update(changes)
    return Figures(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("held", "expected", "gap", "level"),
    [
        (8, 10, 15, ON_TRACK),  # exactly 80 % held, gap exactly 1.5 cadences
        (7, 10, 15, WATCH),
        (8, 10, 16, WATCH),  # a gap just over 1.5 cadences
        (5, 10, 25, WATCH),  # exactly 50 %, gap exactly 2.5 cadences
        (4, 10, 10, NEEDS_ATTENTION),
        (10, 10, 26, NEEDS_ATTENTION),  # every meeting held, but a gap over 2.5 cadences
        (0, 0, 5, ON_TRACK),  # nothing expected yet
    ],
)
def test_meetings(held: int, expected: int, gap: int, level: str) -> None:
    assert assess(figures(held=held, expected=expected, longest_gap_days=gap)).verdicts["meetings"] == level


@pytest.mark.parametrize(
    ("held", "gap", "level"), [(3, 90, ON_TRACK), (3, 91, WATCH), (0, 20, WATCH)]
)  # fmt: skip
def test_meetings_without_a_cadence(held: int, gap: int, level: str) -> None:
    found = assess(figures(person=person(None), held=held, expected=0, longest_gap_days=gap))
    assert found.verdicts["meetings"] == level


@pytest.mark.parametrize(
    ("side", "level", "reason"),
    [
        (Side(), ON_TRACK, "My actions: none fell due"),
        (Side(on_time=4, late=1), ON_TRACK, "My actions: 4 of 5 done on time, 1 late"),  # exactly 80 %
        (Side(on_time=3, late=1), WATCH, "My actions: 3 of 4 done on time, 1 late"),
        (Side(on_time=1, late=1), WATCH, "My actions: 1 of 2 done on time, 1 late"),  # exactly 50 %
        (Side(on_time=1, late=1, overdue=1), NEEDS_ATTENTION, "My actions: 1 of 3 done on time, 1 late, 1 overdue"),
        (Side(on_time=9, late=3, recent=(True, False, True, False, True)), NEEDS_ATTENTION,
         "My actions: 3 of the last 5 were late or are still open"),
        (Side(on_time=10, late=2, recent=(True, False, True, False, False)), ON_TRACK,
         "My actions: 10 of 12 done on time, 2 late"),  # only 2 of the last 5
    ],
)  # fmt: skip
def test_follow_through(side: Side, level: str, reason: str) -> None:
    found = assess(figures(me=side))
    assert found.verdicts["follow_through_me"] == level and found.reasons[1] == reason
    assert assess(figures(them=side)).reasons[2] == reason.replace("My", "Their")


@pytest.mark.parametrize(
    ("confidences", "level", "falling"),
    [
        ((), ON_TRACK, False),
        ((3, 4, 4), ON_TRACK, False),
        ((5, 4), WATCH, False),  # down by one
        ((4, 4, 3, 2), NEEDS_ATTENTION, True),  # 4 → 2 over the last three
        ((5, 3, 4, 4), WATCH, False),  # down over the period, not over the last three
        ((3, 3, 2), WATCH, False),  # low: the last is 2
        ((3, 3), ON_TRACK, False),
    ],
)
def test_confidence(confidences: tuple[int, ...], level: str, falling: bool) -> None:
    found = assess(figures(confidences=confidences))
    assert found.verdicts["confidence"] == level and found.to_json()["confidence"]["falling"] is falling


@pytest.mark.parametrize(("carried", "level"), [(0, ON_TRACK), (1, WATCH), (2, WATCH), (3, NEEDS_ATTENTION)])
def test_topics(carried: int, level: str) -> None:
    assert assess(figures(topics_carried=carried)).verdicts["topics"] == level


@pytest.mark.parametrize(
    ("stalled", "active", "level", "reason"),
    [
        ((), 0, ON_TRACK, "no active goals"),
        ((), 2, ON_TRACK, "no goal stalled"),
        ((1,), 1, WATCH, "1 of 1 active goals without progress for 4 weeks"),
        ((1,), 2, WATCH, "1 of 2 active goals without progress for 4 weeks"),
        ((1, 2), 2, NEEDS_ATTENTION, "both active goals without progress for 4 weeks"),
        ((1, 2, 3), 3, NEEDS_ATTENTION, "all 3 active goals without progress for 4 weeks"),
    ],
)
def test_goals(stalled: tuple[int, ...], active: int, level: str, reason: str) -> None:
    found = assess(figures(stalled_goal_ids=stalled, active_goals=active))
    assert found.verdicts["goals"] == level and found.reasons[5] == reason


def test_overall_and_attention_lines() -> None:
    found = assess(figures(held=4, confidences=(5, 4, 3)))
    assert found.overall == NEEDS_ATTENTION
    assert found.attention == ["4 of 10 expected meetings held", "confidence fell from 5 to 3 over the last 3 sessions"]
    assert assess(figures()).overall == ON_TRACK and assess(figures()).attention == []


def test_the_agreement_is_recalled_in_the_first_and_the_last_planned_month() -> None:
    span = {"started": "2026-11-01", "ends": "2027-06-30", "agreement": "Every two weeks."}
    with_agreement = replace(person(14), **span)
    assert health.agreement_reminder(with_agreement, date(2026, 11, 30)) == "first month"
    assert health.agreement_reminder(with_agreement, date(2026, 12, 1)) is None
    assert health.agreement_reminder(with_agreement, date(2027, 5, 30)) == "last planned month"
    assert health.agreement_reminder(with_agreement, date(2027, 5, 29)) is None
    assert health.agreement_reminder(with_agreement, date(2027, 7, 1)) is None
    silent = replace(with_agreement, agreement="")
    assert health.agreement_reminder(silent, date(2026, 11, 30)) is None


def test_the_agreement_is_recalled_up_to_the_planned_end_day_itself() -> None:
    span = {"started": "2026-01-01", "ends": "2027-06-30", "agreement": "Every two weeks."}
    with_agreement = replace(person(14), **span)
    assert health.agreement_reminder(with_agreement, date(2027, 6, 30)) == "last planned month"
    assert health.agreement_reminder(with_agreement, date(2027, 7, 1)) is None


def test_a_closed_relationship_recalls_no_agreement() -> None:
    span = {"started": "2026-11-01", "ends": "2027-06-30", "agreement": "Every two weeks."}
    closed = replace(person(14), **span, status="closed")
    assert health.agreement_reminder(closed, date(2026, 11, 30)) is None
    assert health.agreement_reminder(closed, date(2027, 6, 30)) is None
    paused = replace(person(14), **span, status="active")
    assert health.agreement_reminder(paused, date(2026, 11, 30)) == "first month"


def test_the_readme_states_the_thresholds_in_use() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    table = readme.split("How `health` judges", 1)[1].split("\n\n", 2)[1]
    for phrase in (
        f"held ≥ {health.MEETINGS_HELD_OK:.0%}".replace("%", " %"),
        f"held ≥ {health.MEETINGS_HELD_WATCH:.0%}".replace("%", " %"),
        f"gap over {health.GAP_WATCH:g} cadences",
        f"gap over {health.GAP_ATTENTION:g} cadences",
        f"gap over {health.QUIET_DAYS} days",
        f"≥ {health.ON_TIME_OK:.0%}".replace("%", " %"),
        f"{health.SLIPPED} of the last {health.RECENT} late",
        f"down by {health.CONFIDENCE_DROP} or more over the last three",
        f"last one ≤ {health.CONFIDENCE_LOW}",
        f"{health.TOPICS_ATTENTION} or more",
    ):
        assert phrase in table, phrase


def test_a_plain_text_reason_is_shown_as_it_is() -> None:
    assert health.shown("a reason of my own") == "a reason of my own"


def test_health_json_has_the_figures_verdicts_and_reasons() -> None:
    judged = assess(
        figures(
            me=Side(on_time=3, late=1, overdue=1), them=Side(on_time=1), days_to_done=(4, 1, 9, 2),
            confidences=(4, 3, 2), topics_carried=2, stalled_goal_ids=(5, 8), active_goals=3, held=7,
            longest_gap_days=12,
        )
    )  # fmt: skip
    assert judged.to_json() == {
        "person": "Ada",
        "since": "2026-06-01",
        "until": "2026-11-26",
        "meetings": {"expected": 10, "held": 7, "longest_gap_days": 12},
        "follow_through": {
            "me": {"due": 5, "on_time": 3, "late": 1, "overdue": 1, "rate": 0.6},
            "them": {"due": 1, "on_time": 1, "late": 0, "overdue": 0, "rate": 1.0},
        },
        "days_to_done_median": 3.0,
        "confidence": {"first": 4, "last": 2, "average": 3.0, "falling": True},
        "topics_carried": 2,
        "stalled_goal_ids": [5, 8],
        "verdicts": {
            "meetings": WATCH,
            "follow_through_me": WATCH,
            "follow_through_them": ON_TRACK,
            "confidence": NEEDS_ATTENTION,
            "topics": WATCH,
            "goals": WATCH,
        },
        "reasons": [
            "7 of 10 expected meetings held",
            "My actions: 3 of 5 done on time, 1 late, 1 overdue",
            "Their actions: 1 of 1 done on time",
            "confidence fell from 4 to 2 over the last 3 sessions",
            "2 topics carried over two meetings or more",
            "2 of 3 active goals without progress for 4 weeks",
        ],
    }


def test_health_json_of_a_quiet_relationship_has_no_median_and_no_confidence() -> None:
    found = assess(figures()).to_json()
    assert found["days_to_done_median"] is None
    assert found["confidence"] == {"first": None, "last": None, "average": None, "falling": False}
    assert found["follow_through"]["me"] == {"due": 0, "on_time": 0, "late": 0, "overdue": 0, "rate": None}


def test_meetings_without_a_cadence_say_why_in_words() -> None:
    no_cadence = person(None)
    assert assess(figures(person=no_cadence, held=0, expected=0)).reasons[0] == (
        "no meeting yet in this period, and no cadence set to plan by"
    )
    assert assess(figures(person=no_cadence, held=3, expected=0, longest_gap_days=91)).reasons[0] == (
        "no meeting for 91 days, and no cadence set to plan by"
    )
    assert assess(figures(person=no_cadence, held=3, expected=0, longest_gap_days=20)).reasons[0] == (
        "3 meetings held (no cadence set)"
    )


def test_a_relationship_younger_than_its_cadence_is_on_track_before_its_first_meeting() -> None:
    fresh = replace(person(14), started="2026-11-20")
    found = assess(figures(person=fresh, held=0, expected=1, longest_gap_days=6))
    assert (found.verdicts["meetings"], found.reasons[0]) == (
        ON_TRACK,
        "just started: the first meeting is not due yet",
    )
    due = replace(person(14), started="2026-11-12")
    assert assess(figures(person=due, held=0, expected=1, longest_gap_days=14)).verdicts["meetings"] == NEEDS_ATTENTION


def test_meetings_of_a_relationship_without_a_start_day_are_judged_by_the_share_held() -> None:
    unstarted = replace(person(14), started=None)
    assert assess(figures(person=unstarted, held=8, expected=10)).reasons[0] == "8 of 10 expected meetings held"


@pytest.mark.parametrize(
    ("confidences", "fell"),
    [((5, 3), True), ((5, 4), False), ((1, 5, 4, 3), True), ((5, 1, 3, 4), False), ((4,), False), ((), False)],
)
def test_confidence_falls_by_two_over_the_last_three_ratings(confidences: tuple[int, ...], fell: bool) -> None:
    assert health.falling(confidences) is fell


def test_the_confidence_average_has_one_decimal() -> None:
    assert assess(figures(confidences=(1, 2, 2))).to_json()["confidence"]["average"] == 1.7


@pytest.mark.parametrize(
    ("changes", "judged"),
    [
        ({"held": 1, "expected": 1, "longest_gap_days": 14}, ("on track", "1 of 1 expected meetings held")),
        ({"held": 1, "expected": 1, "longest_gap_days": 15}, ("on track", "1 of 1 expected meetings held")),
        (
            {"held": 1, "expected": 1, "longest_gap_days": 26},
            ("needs attention", "1 of 1 expected meetings held; the longest gap was 26 days (cadence 10)"),
        ),
        ({"held": 0, "expected": 0, "longest_gap_days": None}, ("on track", "0 of 0 expected meetings held")),
        (
            {"held": 6, "expected": 10, "longest_gap_days": 16},
            ("watch", "6 of 10 expected meetings held; the longest gap was 16 days (cadence 10)"),
        ),
        (
            {"held": 4, "expected": 10, "longest_gap_days": 26},
            ("needs attention", "4 of 10 expected meetings held; the longest gap was 26 days (cadence 10)"),
        ),
        ({"held": 4, "expected": 10, "longest_gap_days": 16}, ("needs attention", "4 of 10 expected meetings held")),
        ({"held": 9, "expected": 10, "longest_gap_days": None}, ("on track", "9 of 10 expected meetings held")),
    ],
)
def test_meetings_with_a_cadence_give_the_held_share_and_the_longest_gap(
    changes: dict[str, Any], judged: tuple[str, str]
) -> None:
    found = assess(figures(**changes))
    assert (found.verdicts["meetings"], found.reasons[0]) == judged


@pytest.mark.parametrize(
    ("side", "judged", "german"),
    [
        (
            Side(on_time=0, late=0, overdue=0, recent=()),
            ("on track", "My actions: none fell due", "Their actions: none fell due"),
            ("Meine Aufgaben: keine war fällig", "Aufgaben von Ada: keine war fällig"),
        ),
        (
            Side(on_time=1, late=3, overdue=0, recent=(True, True, True, False, False)),
            (
                "needs attention",
                "My actions: 3 of the last 5 were late or are still open",
                "Their actions: 3 of the last 5 were late or are still open",
            ),
            (
                "Meine Aufgaben: 3 der letzten 5 waren verspätet oder sind noch offen",
                "Aufgaben von Ada: 3 der letzten 5 waren verspätet oder sind noch offen",
            ),
        ),
        (
            Side(on_time=4, late=1, overdue=0, recent=(True, True, False, False)),
            ("on track", "My actions: 4 of 5 done on time, 1 late", "Their actions: 4 of 5 done on time, 1 late"),
            (
                "Meine Aufgaben: 4 von 5 pünktlich erledigt, 1 verspätet",
                "Aufgaben von Ada: 4 von 5 pünktlich erledigt, 1 verspätet",
            ),
        ),
        (
            Side(on_time=2, late=0, overdue=1, recent=()),
            ("watch", "My actions: 2 of 3 done on time, 1 overdue", "Their actions: 2 of 3 done on time, 1 overdue"),
            (
                "Meine Aufgaben: 2 von 3 pünktlich erledigt, 1 überfällig",
                "Aufgaben von Ada: 2 von 3 pünktlich erledigt, 1 überfällig",
            ),
        ),
        (
            Side(on_time=2, late=1, overdue=0, recent=()),
            ("watch", "My actions: 2 of 3 done on time, 1 late", "Their actions: 2 of 3 done on time, 1 late"),
            (
                "Meine Aufgaben: 2 von 3 pünktlich erledigt, 1 verspätet",
                "Aufgaben von Ada: 2 von 3 pünktlich erledigt, 1 verspätet",
            ),
        ),
        (
            Side(on_time=1, late=1, overdue=1, recent=()),
            (
                "needs attention",
                "My actions: 1 of 3 done on time, 1 late, 1 overdue",
                "Their actions: 1 of 3 done on time, 1 late, 1 overdue",
            ),
            (
                "Meine Aufgaben: 1 von 3 pünktlich erledigt, 1 verspätet, 1 überfällig",
                "Aufgaben von Ada: 1 von 3 pünktlich erledigt, 1 verspätet, 1 überfällig",
            ),
        ),
        (
            Side(on_time=3, late=0, overdue=0, recent=()),
            ("on track", "My actions: 3 of 3 done on time", "Their actions: 3 of 3 done on time"),
            ("Meine Aufgaben: 3 von 3 pünktlich erledigt", "Aufgaben von Ada: 3 von 3 pünktlich erledigt"),
        ),
    ],
)
def test_follow_through_says_what_was_done_on_time_in_english_and_german(
    side: Side, judged: tuple[str, str, str], german: tuple[str, str]
) -> None:
    found = assess(figures(me=side, them=side))
    assert (found.verdicts["follow_through_me"], found.reasons[1], found.reasons[2]) == judged
    assert found.verdicts["follow_through_them"] == judged[0]
    i18n.use("de")
    try:
        assert (health.shown(found.reasons[1]), health.shown(found.reasons[2])) == german
    finally:
        i18n.use("en")


@pytest.mark.parametrize(
    ("confidences", "judged"),
    [
        ((), ("on track", "no confidence recorded in this period")),
        ((3,), ("on track", "confidence 3 → 3")),
        ((2,), ("watch", "the last confidence was 2 of 5")),
        ((4, 3), ("watch", "confidence went from 4 to 3")),
        ((4, 4), ("on track", "confidence 4 → 4")),
        ((3, 5), ("on track", "confidence 3 → 5")),
        ((5, 4, 3), ("needs attention", "confidence fell from 5 to 3 over the last 3 sessions")),
        ((1, 5, 4, 3), ("needs attention", "confidence fell from 5 to 3 over the last 3 sessions")),
        ((4, 5, 3), ("watch", "confidence went from 4 to 3")),
        ((5, 3, 4), ("watch", "confidence went from 5 to 4")),
    ],
)
def test_confidence_verdict_and_its_reason(confidences: tuple[int, ...], judged: tuple[str, str]) -> None:
    found = assess(figures(confidences=confidences))
    assert (found.verdicts["confidence"], found.reasons[3]) == judged


def test_no_topic_carried_over_is_said_so() -> None:
    found = assess(figures(topics_carried=0))
    assert (found.verdicts["topics"], found.reasons[4]) == (ON_TRACK, "no topic carried over")
