"""The views as a user sees them: demo journal, widths from 50 to 200 columns, empty journals, colour."""

from __future__ import annotations

import json
import os
import pty
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from .conftest import Run

VIEWS = [
    ["timeline"], ["timeline", "--since", "6w"], ["summary", "--since", "6m"], ["agenda"], ["agenda", "--with", "anna"],
    ["people"], ["goals"], ["goals", "--all"], ["sessions"], ["actions"], ["actions", "--status", "all"], ["topics"],
    ["reflections"], ["show", "goal", "1"], ["show", "session", "3"], ["show", "person", "1"], ["show", "action", "1"],
]  # fmt: skip


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from mentorlog.cli import app

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(
        app, ["--db", str(path), "demo"], env={"MENTORLOG_TODAY": "2026-11-26", "NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    return path


def test_demo_journal_has_a_realistic_half_year(demo_db: Path, run_json) -> None:
    db = ["--db", str(demo_db)]
    people = run_json(*db, "people")
    roles = sorted(p["role"] for p in people)
    assert roles.count("mentor") >= 1 and roles.count("mentee") >= 2
    assert all(p["cadence_days"] for p in people)
    sessions = run_json(*db, "sessions", "--limit", "500")
    assert len(sessions) >= 12
    assert all(s["notes"] for s in sessions) and any(s["feedback"] for s in sessions)
    assert all(s["confidence"] for s in sessions)
    assert min(s["date"] for s in sessions) <= "2026-06-01"
    goals = run_json(*db, "goals", "--all")
    assert any(g["parent_id"] for g in goals) and any(g["status"] == "achieved" for g in goals)
    assert len(run_json(*db, "show", "goal", "1")["progress_updates"]) >= 3
    actions = run_json(*db, "actions", "--status", "all")
    statuses = {(a["status"], a["owner"] == "me") for a in actions}
    assert {("open", True), ("open", False), ("done", True), ("done", False)} <= statuses
    assert run_json(*db, "actions", "--overdue")
    assert run_json(*db, "reflections")
    assert run_json(*db, "topics")


def test_demo_prints_the_timeline_and_refuses_a_journal_with_entries(run: Run, demo_db: Path) -> None:
    again = run("--db", str(demo_db), "demo")
    assert again.exit_code == 1 and "already has entries" in again.stderr


def test_demo_without_db_writes_a_new_temp_file_and_says_where(run: Run, db_path: Path) -> None:
    result = run("demo")
    assert result.exit_code == 0, result.output
    # issue 11.10: MENTORLOG_DB is set (by the test fixture): the demo says it leaves that journal alone, and why
    assert f"MENTORLOG_DB is set ({db_path});\nthe demo leaves that journal alone" in result.stderr
    assert "no demo data mixes with yours" in result.stderr and not db_path.exists()
    first = result.stdout.splitlines()[0]
    assert first.startswith("Demo journal with") and "mentorlog-demo-" in first
    path = Path(first.split(" written to ")[1])
    assert path.exists()
    assert "Timeline" in result.stdout and "●" in result.stdout
    os.unlink(path)


@pytest.mark.parametrize("width", [50, 80, 140, 200])
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_views_fit_the_terminal_width(run: Run, demo_db: Path, view: list[str], width: int) -> None:
    result = run("--db", str(demo_db), *view, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 2
    assert max(cell_len(line) for line in lines) <= width
    assert "\x1b" not in result.stdout  # piped output is plain


def test_narrow_tables_keep_the_important_columns(run: Run, demo_db: Path) -> None:
    goals = run("--db", str(demo_db), "goals", env={"COLUMNS": "50"}).stdout
    assert "Give a talk" in goals and "70%" in goals and "2027-" in goals
    assert "Dr. Weber" in goals and "A. Schmidt" in goals  # issue 11: whose goal it is, at every width
    milestones = run("--db", str(demo_db), "show", "goal", "1", env={"COLUMNS": "50"}).stdout
    assert "Submit the" in milestones and "Final slides" in milestones
    wide = run("--db", str(demo_db), "actions", env={"COLUMNS": "140"}).stdout
    assert "ago)" in wide and "with" in wide.splitlines()[0]


@pytest.mark.parametrize(
    ("view", "sentence"),
    [
        (["timeline"], "Nothing happened between"),
        (["summary"], "Nothing recorded in this period yet"),
        (["agenda"], "No people yet"),
        (["people"], "No people yet"),
        (["goals"], "No active goals"),
        (["topics"], "No open topics"),
        (["reflections"], "No reflections yet"),
    ],
)
def test_empty_journal_views_say_what_to_run_first(
    run: Run, empty_journal: Path, view: list[str], sentence: str
) -> None:
    result = run(*view)
    assert result.exit_code == 0
    assert sentence in result.stdout and "mentorlog " in result.stdout


def test_summary_json_has_the_contract_shape(run: Run, run_json) -> None:
    run("person", "add", "Anna", "--role", "mentee", "--cadence", "1w")
    run("note", "--with", "anna", "--confidence", "3", "hello #x", "--action", "do it due:yesterday")
    figures = run_json("summary", "--since", "2w")
    assert set(figures) >= {"since", "until", "sessions", "actions", "goals", "confidence", "tags"}
    assert figures["sessions"] == {"count": 1, "expected": 1}  # the relationship started today (issue 11)
    assert figures["actions"] == {
        "created": 1, "done": 0, "open": 1, "overdue": 1, "completion_rate": 0.0, "created_done": 0,
    }  # fmt: skip
    assert figures["confidence"]["first"] == 3 and figures["tags"] == [{"tag": "x", "count": 1}]


def test_view_errors(run: Run) -> None:
    assert run("summary", "--since", "someday").exit_code == 2
    backwards = run("summary", "--since", "2026-12-01", "--until", "2026-11-01")
    assert backwards.exit_code == 2 and "is after" in backwards.stderr
    assert run("agenda", "--with", "ghost").exit_code == 1
    assert run("timeline", "--goal", "5").exit_code == 1


def test_agenda_and_timeline_json(run: Run, run_json) -> None:
    run("person", "add", "Anna", "--role", "mentee", "--cadence", "2w")
    run("note", "--with", "anna", "--date", "2026-11-20", "--feedback", "Good", "--next", "2026-12-04", "x")
    run("topic", "add", "Budget", "--with", "anna")
    brief = run_json("agenda")
    assert brief["person"]["name"] == "Anna" and brief["days_since_last_session"] == 6
    assert brief["last_session"]["feedback"] == "Good" and [t["text"] for t in brief["topics"]] == ["Budget"]
    timeline = run_json("timeline", "--since", "2w")
    marks = [m for row in timeline["rows"] for m in row["marks"]]
    assert [(m["kind"], m["day"]) for m in marks] == [("session", "2026-11-20")]


def read_pty(argv: list[str], env: dict[str, str]) -> bytes:
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    output = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.waitpid(pid, 0)
    return output


def test_colour_on_a_terminal_and_none_with_no_color(tmp_path: Path) -> None:
    from .processes import command_line, tree_env

    env = {k: v for k, v in tree_env(tmp_path / "j.db").items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", COLUMNS="100")
    import subprocess

    subprocess.run(
        command_line("action", "add", "late", "--due", "2026-11-01"), env=env, check=True, capture_output=True
    )
    coloured = read_pty(command_line("actions"), env)
    assert b"\x1b[" in coloured and b"late" in coloured
    plain = read_pty(command_line("actions"), {**env, "NO_COLOR": "1"})
    assert b"late" in plain
    assert b"\x1b[31" not in plain and b"\x1b[91" not in plain and b"38;5;" not in plain
    piped = subprocess.run(command_line("actions"), env=env, capture_output=True, text=True).stdout
    assert "\x1b" not in piped and "late" in piped
    assert json.loads(subprocess.run(command_line("actions", "--json"), env=env, capture_output=True, text=True).stdout)


@pytest.mark.parametrize("today", ["2031-02-14", "2049-07-01"])
def test_views_follow_the_pinned_day_years_away_from_the_real_date(
    run: Run, run_json: Callable[..., Any], tmp_path: Path, today: str
) -> None:
    """The clock is injected all the way down: a journal filled and read 'years from now' is self-consistent."""
    db = ["--db", str(tmp_path / "future.db")]
    env = {"MENTORLOG_TODAY": today}
    assert run(*db, "demo", "--json", env=env).exit_code == 0
    summary = json.loads(run(*db, "summary", "--since", "30d", "--json", env=env).stdout)
    assert summary["until"] == today and summary["sessions"]["count"] >= 3
    timeline = json.loads(run(*db, "timeline", "--json", env=env).stdout)
    assert timeline["until"] == today and sum(sum(row["counts"].values()) for row in timeline["rows"]) > 20
    assert timeline["rows"][-1]["end"] == today
    run(*db, "action", "add", "written today", env=env)
    action = next(a for a in json.loads(run(*db, "actions", "--json", env=env).stdout) if a["text"] == "written today")
    assert action["created_at"][:4] == today[:4]
    agenda = json.loads(run(*db, "agenda", "--with", "weber", "--json", env=env).stdout)
    assert 0 <= agenda["days_since_last_session"] <= 20  # the demo meets Dr. Weber every 14 days, give or take


def test_a_busy_month_shows_its_latest_items_and_all_shows_every_one(run: Run, run_json) -> None:
    """issue 11.14: when a month has more than fits, the newest stay; `--all` lists every one."""
    run("person", "add", "Anna", "--role", "mentee")
    for day in range(1, 13):  # twelve sessions in November, titled by their day
        run("note", "--with", "anna", "--date", f"2026-11-{day:02d}", "--title", f"Meeting of day {day:02d}", "n")
    cut = run("timeline", "--since", "2026-06-01", env={"COLUMNS": "120"}).stdout
    shown = [day for day in range(1, 13) if f"Meeting of day {day:02d}" in cut]
    assert shown == list(range(5, 13))  # the newest eight
    assert "… and 4 more (--all shows every one)" in cut
    every = run("timeline", "--since", "2026-06-01", "--all", env={"COLUMNS": "120"}).stdout
    assert all(f"Meeting of day {day:02d}" in every for day in range(1, 13)) and "more" not in every
    marks = run_json("timeline", "--since", "2026-06-01", "--all")
    november = next(row for row in marks["rows"] if row["label"].startswith("Nov"))
    assert len(november["marks"]) == 12


@pytest.mark.parametrize(("width", "length"), [(50, 5), (80, 5), (120, 10)])
def test_progress_bars_are_one_length_in_every_view(run: Run, demo_db: Path, width: int, length: int) -> None:
    """issue 11.14: goals, timeline, summary, agenda, today and show goal draw bars of one length per width."""
    import re

    found: dict[str, set[int]] = {}
    for view in (["goals"], ["timeline"], ["summary", "--since", "6m"], ["agenda", "--with", "weber"], ["today"],
                 ["show", "goal", "1"]):  # fmt: skip
        out = run("--db", str(demo_db), *view, env={"COLUMNS": str(width)}).stdout
        found[view[0]] = {len(match) for match in re.findall(r"([█░]+) +\d+%", out)}  # (not the sparklines)
    assert all(found.values()), found  # every view drew bars
    assert all(lengths == {length} for lengths in found.values()), found
