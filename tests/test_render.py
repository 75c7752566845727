"""Rendering with a recording Console at fixed widths: exact text for known figures."""

from __future__ import annotations

from datetime import date

from rich.console import Console

from mentorlog.core.records import Action, Goal
from mentorlog.core.reports import ActionFigures, Confidence, GoalChange, Quote, Summary
from mentorlog.render import lists as render
from mentorlog.render.reports import summary_view

TODAY = date(2026, 11, 26)


def rendered(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None, markup=False, emoji=False, highlight=False)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


FIGURES = Summary(
    since=date(2026, 10, 28),
    until=date(2026, 11, 26),
    sessions=3,
    expected=5,
    actions=ActionFigures(created=4, done=3, open=3, overdue=1, completion_rate=0.5, created_done=2),
    goals=[GoalChange(1, "Talk", "active", "short", None, None, 0, 20, 60)],
    confidence=Confidence(2, 3, 3.0, "▃▆▅"),
    tags=[("growth", 3)],
    feedback=[Quote("2026-11-02", "Speak up earlier", "Anna")],
    reflections=[],
)


def test_summary_view_snapshot_at_60_columns() -> None:
    assert rendered(summary_view(FIGURES), 60) == [
        "Summary 2026-10-28 → 2026-11-26",
        "sessions    3 held · 5 expected by cadence",
        "actions     4 created in the period, 2 of them done (50%)",
        "            3 done in the period · 3 open · 1 overdue",
        "confidence  ▃▆▅  first 2 · last 3 · average 3.0",
        "top tags    #growth (3)",
        "",
        "Goals",
        "goal  now              change",
        "Talk  ██████░░░░  60%     +40",
        "",
        "Highlights",
        "“ 2026-11-02 Speak up earlier (Anna)",
    ]


def action(number: int, due: str | None, status: str = "open", owner: str = "me") -> Action:
    stamp = "2026-11-01T10:00:00+00:00"
    return Action(number, "u", f"task {number}", owner, None, due, status, None, None, None, None, stamp, stamp, None)


def test_actions_table_wide_and_narrow() -> None:
    items = [action(1, "2026-11-20"), action(2, "2026-11-28"), action(3, None, "done")]
    wide = rendered(render.actions_table(items, TODAY, width=100), 100)
    assert wide[0].split() == ["id", "due", "owner", "with", "action", "status"]
    assert wide[1].split() == ["1", "2026-11-20", "(6", "days", "ago)", "me", "—", "task", "1", "open"]
    narrow = rendered(render.actions_table(items, TODAY, width=50), 50)
    assert narrow[0].split() == ["id", "due", "owner", "with", "action", "status"]  # issue 11: with stays
    assert narrow[2].split() == ["2", "2026-11-28", "me", "—", "task", "2", "open"]
    only_open = rendered(render.actions_table(items[:2], TODAY, width=100), 100)
    assert only_open[0].split() == ["id", "due", "owner", "with", "action"]  # no always-"open" status column
    stacked = rendered(render.actions_table(items[:1], TODAY, width=30), 30)
    assert stacked == ["1 2026-11-20", "  owner: me", "  with: —", "  action: task 1"]


def test_overdue_is_red_and_due_soon_is_yellow() -> None:
    overdue = render.when_text("2026-11-20", TODAY, open_item=True)
    soon = render.when_text("2026-11-28", TODAY, open_item=True)
    later = render.when_text("2026-12-20", TODAY, open_item=True)
    assert str(overdue.style) == "bold red" and str(soon.style) == "yellow" and str(later.style) == ""
    assert overdue.plain == "2026-11-20 (6 days ago)"


def test_progress_bar() -> None:
    assert render.bar(40, 120).plain == "████░░░░░░  40%"
    assert render.bar(100, 60).plain == "█████ 100%"  # narrow terminals: half the length


def _goal(description: str) -> Goal:
    stamp = "2026-11-01T10:00:00+00:00"
    return Goal(1, "u", "Delegate", description, "short", "active", 40, None, None, None, "Anna", stamp, stamp, None)


def test_a_record_box_drawn_without_measuring_is_the_box_rich_would_measure() -> None:
    """`show goal`/`session`/`person` skip Rich's measuring when a text line fills the width; the box
    must come out exactly as the measured one, at every width, whether or not the line fills it."""
    from mentorlog.render.records import show_goal

    actions = [action(number, "2026-12-01") for number in range(1, 4)]
    for description in ("short", "x " * 60, "a line of exactly forty-six characters here ok", "é" * 200):
        for width in (50, 80, 120):
            panel = show_goal(_goal(description), [], [], actions, TODAY, width=width)
            measured = show_goal(_goal(description), [], [], actions, TODAY, width=width)
            measured.expand = False
            assert rendered(panel, width) == rendered(measured, width)
            assert panel.expand == (len(description.rstrip()) >= width - 4)


def test_a_long_confidence_trend_leaves_the_names_whole() -> None:
    """A year of weekly sessions gives a 60-point sparkline; the per-relationship table shows the latest
    points that fit, and each relationship stays on one line (names were folded four letters wide)."""
    from mentorlog.base.values import replace
    from mentorlog.core.reports import PersonFigures

    trend = Confidence(1, 5, 3.0, "▁▃▅▆█" * 12)
    people = [
        PersonFigures(1, "Dora Novak", "mentee", 188, 12, trend, 425, 121),
        PersonFigures(2, "Eric Lopez", "mentee", 176, 26, trend, 381, 88),
    ]
    for width in (60, 100, 120):
        lines = rendered(summary_view(replace(FIGURES, people=people), width=width), width)
        rows = [line for line in lines if "mentee" in line]
        assert len(rows) == 2, lines
        assert all(len(line) <= width for line in lines)
        assert all(row.rstrip().endswith("overdue)") for row in rows)
        shown = rows[0].split("  ")[2] if width >= 90 else rows[0]
        assert "▁▃▅▆█" in shown
    wide = rendered(summary_view(replace(FIGURES, people=people), width=120), 120)
    assert "Dora Novak mentee" in "\n".join(wide)
