"""`mentorlog health` through the CLI, on a relationship whose figures are computed here by hand (issue 13)."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Run


@pytest.fixture
def ada(run: Run) -> None:
    """Ada, a mentee since 2026-09-01 with a 14-day cadence; today is 2026-11-26.

    Sessions: 09-01 (confidence 4), 09-15 (5), 10-20 (4), 11-03 (3), 11-17 (2).
    Mine:   due 09-10 done 09-08 (on time), due 09-20 done 09-25 (late), due 10-01 open (overdue),
            due 12-05 open (not due yet), due 10-15 dropped (not counted).
    Theirs: due 09-05 done 09-05, 09-12 done 09-11, 09-30 done 10-02 (late), 10-10 done 10-09,
            10-25 done 10-25, 11-20 open (overdue).
    Topics: one queued 10-01 (three meetings since: carried), one queued 11-10 (one meeting since).
    Goals:  one with its last progress 09-20 (stalled), one with progress 11-20.
    """

    def on(day: str, *args: str) -> None:
        result = run(*args, env={"MENTORLOG_TODAY": day})
        assert result.exit_code == 0, (args, result.output)

    on("2026-09-01", "person", "add", "Ada Lovelace", "--role", "mentee", "--cadence", "2w", "--since", "2026-09-01")
    for day, confidence in (("09-01", 4), ("09-15", 5), ("10-20", 4), ("11-03", 3), ("11-17", 2)):
        on("2026-11-26", "note", "--with", "ada", "--date", f"2026-{day}", "--confidence", str(confidence), "met")
    actions = [  # (owner, due, done on or None, dropped)
        ("me", "09-10", "09-08"), ("me", "09-20", "09-25"), ("me", "10-01", None), ("me", "12-05", None),
        ("me", "10-15", "drop"),
        ("them", "09-05", "09-05"), ("them", "09-12", "09-11"), ("them", "09-30", "10-02"),
        ("them", "10-10", "10-09"), ("them", "10-25", "10-25"), ("them", "11-20", None),
    ]  # fmt: skip
    for number, (owner, due, _) in enumerate(actions, start=1):
        on("2026-09-01", "action", "add", f"item {number}", "--with", "ada", "--owner", owner, "--due", f"2026-{due}")
    for number, (_, _, done) in enumerate(actions, start=1):
        if done == "drop":
            on("2026-10-20", "action", "drop", str(number))
        elif done:
            on(f"2026-{done}", "action", "done", str(number))
    on("2026-10-01", "topic", "add", "Conference budget", "--with", "ada")
    on("2026-11-10", "topic", "add", "Holiday cover", "--with", "ada")
    on("2026-09-01", "goal", "add", "Finish the thesis", "--with", "ada")
    on("2026-09-01", "goal", "add", "Learn SQL", "--with", "ada")
    on("2026-09-20", "goal", "progress", "1", "30")
    on("2026-11-20", "goal", "progress", "2", "40")


def test_health_figures_of_both_sides_are_exact(ada: None, run_json: Any) -> None:
    [health] = run_json("health")
    assert health == {
        "person": "Ada Lovelace",
        "since": "2026-09-01",  # the relationship's start, not six months back
        "until": "2026-11-26",
        "meetings": {"expected": 7, "held": 5, "longest_gap_days": 35},
        "follow_through": {
            "me": {"due": 3, "on_time": 1, "late": 1, "overdue": 1, "rate": 0.33},
            "them": {"due": 6, "on_time": 4, "late": 1, "overdue": 1, "rate": 0.67},
        },
        "days_to_done_median": 24.0,  # 4, 7, 10, 24, 31, 38, 54 days from creation to done
        "confidence": {"first": 4, "last": 2, "average": 3.6, "falling": True},
        "topics_carried": 1,
        "stalled_goal_ids": [1],
        "verdicts": {
            "meetings": "watch",
            "follow_through_me": "needs attention",
            "follow_through_them": "watch",
            "confidence": "needs attention",
            "topics": "watch",
            "goals": "watch",
        },
        "reasons": [
            "5 of 7 expected meetings held; the longest gap was 35 days (cadence 14)",
            "My actions: 1 of 3 done on time, 1 late, 1 overdue",
            "Their actions: 4 of 6 done on time, 1 late, 1 overdue",
            "confidence fell from 4 to 2 over the last 3 sessions",
            "1 topic carried over two meetings or more",
            "1 of 2 active goals without progress for 4 weeks",
        ],
    }


def test_the_view_and_the_needs_attention_lines_of_agenda_and_today(ada: None, run: Run, run_json: Any) -> None:
    view = run("health").stdout
    assert "Ada Lovelace (mentee)  ⚠ needs attention" in view
    assert "my actions     ⚠ needs attention  My actions: 1 of 3 done on time, 1 late, 1 overdue" in view
    assert "actions take 24 days to close (median)" in view
    attention = [
        "My actions: 1 of 3 done on time, 1 late, 1 overdue",
        "confidence fell from 4 to 2 over the last 3 sessions",
    ]
    assert run_json("agenda", "--with", "ada")["needs_attention"] == attention
    assert run_json("today")["needs_attention"] == {"Ada Lovelace": attention}
    agenda = run("agenda", "--with", "ada").stdout
    assert "Needs attention (mentorlog health)" in agenda and "• confidence fell from 4 to 2" in agenda
    assert "⚠ Ada Lovelace: My actions: 1 of 3 done on time, 1 late, 1 overdue" in run("today").stdout


def test_a_shorter_window_and_a_closed_relationship(ada: None, run: Run, run_json: Any) -> None:
    [month] = run_json("health", "--since", "2026-11-01")
    assert month["since"] == "2026-11-01" and month["meetings"] == {"expected": 2, "held": 2, "longest_gap_days": 14}
    assert month["follow_through"]["them"] == {"due": 1, "on_time": 0, "late": 0, "overdue": 1, "rate": 0.0}
    assert run("person", "close", "ada", "--date", "2026-11-20").exit_code == 0
    assert run_json("health") == []  # only active relationships by default
    [closed] = run_json("health", "--with", "ada")
    assert closed["until"] == "2026-11-20"  # never past the close
    assert (
        closed["meetings"]["expected"] == 6 and closed["follow_through"]["them"]["overdue"] == 1
    )  # due on the close day
    assert run_json("today")["needs_attention"] == {}
    assert "No active relationships" in run("health").stdout


def test_health_rejects_bad_input(run: Run) -> None:
    run("person", "add", "Ada", "--role", "mentee")
    assert run("health", "--since", "soon").exit_code == 2
    missing = run("health", "--with", "ghost")
    assert missing.exit_code == 1 and "no person named 'ghost'" in missing.stderr


def test_the_review_exports_carry_a_health_section_per_person(ada: None, run: Run) -> None:
    from html.parser import HTMLParser

    markdown = run("export", "--format", "md", "--since", "2026-09-01").stdout
    section = markdown.split("## With Ada Lovelace (mentee)", 1)[1]
    assert "**Health: needs attention**" in section
    assert "- my actions: needs attention — 1 of 3 done on time, 1 late, 1 overdue" in section
    assert "- confidence: needs attention — confidence fell from 4 to 2 over the last 3 sessions" in section
    assert "- their actions: watch — 4 of 6 done on time, 1 late, 1 overdue" in section

    class Items(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.items: list[str] = []
            self.inside = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "div" and ("class", "health") in attrs:
                self.inside = 1
            elif tag == "li" and self.inside:
                self.items.append("")

        def handle_endtag(self, tag: str) -> None:
            if tag == "div":
                self.inside = 0

        def handle_data(self, data: str) -> None:
            if self.inside and self.items:
                self.items[-1] += data

    parser = Items()
    parser.feed(run("export", "--format", "html", "--since", "2026-09-01").stdout)
    assert parser.items[:2] == [
        "meetings: watch — 5 of 7 expected meetings held; the longest gap was 35 days (cadence 14)",
        "my actions: needs attention — 1 of 3 done on time, 1 late, 1 overdue",
    ]


def test_the_days_to_close_are_counted_only_where_they_are_shown(
    ada: None, run: Run, run_json: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`health` shows how long items take to close; today, agenda and the reviews show only verdicts, so they
    leave that query out (each relationship's slowest one) and judge the same."""
    from mentorlog.store.views.health import HealthRepo

    attention = run_json("today")["needs_attention"]
    review = run("export", "--format", "md", "--since", "2026-09-01").stdout
    assert run_json("health")[0]["days_to_done_median"] == 24

    def counted(*_args: object) -> tuple[int, ...]:
        raise AssertionError("the days to close were counted")

    monkeypatch.setattr(HealthRepo, "_days_to_done", counted)
    assert run_json("today")["needs_attention"] == attention
    assert run_json("agenda", "--with", "ada")["needs_attention"] == attention["Ada Lovelace"]
    assert run("export", "--format", "md", "--since", "2026-09-01").stdout == review
    assert run("health").exit_code != 0  # the one view that shows them still counts them
