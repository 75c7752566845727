"""How much `mentorlog browse` does when it moves to a person (issue 27's speed targets; the timing itself is
benchmarks/browse.py): it reads only what the person screen shows, through indexes that hold just those rows, and
replaces the right side in one step instead of emptying it first."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run
from tests.test_browse import drive, make_app, person_index

textual = pytest.importorskip("textual", reason="the extra `tui` (Textual) is not installed")

from textual.widgets import OptionList  # noqa: E402


@pytest.fixture
def demo(run: Run, db_path: Path) -> Path:
    result = run("--db", str(db_path), "demo", "--json")
    assert result.exit_code == 0, result.output
    return db_path


def busiest(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(
            conn.execute(
                "SELECT p.name FROM people p JOIN actions a ON a.person_id = p.id WHERE p.status = 'active'"
                " AND a.status = 'open' GROUP BY p.id ORDER BY count(*) DESC, p.id"
            ).fetchone()[0]
        )
    finally:
        conn.close()


def plan(db: Path, sql: str) -> str:
    conn = sqlite3.connect(db)
    try:
        return " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
    finally:
        conn.close()


def test_moving_to_a_person_reads_what_the_screen_shows_through_its_own_indexes(demo: Path, traced: list[str]) -> None:
    name = busiest(demo)
    app = make_app(demo)
    moved: list[str] = []
    seen: list[str] = []

    async def steps(pilot: Any) -> None:
        people = app.query_one("#people", OptionList)
        people.focus()
        traced.clear()
        people.highlighted = person_index(app, name)
        await pilot.pause()
        moved.extend(traced)
        detail = app.query_one("#detail", OptionList)
        seen.extend(str(detail.get_option_at_index(i).prompt) for i in range(detail.option_count))

    drive(app, steps)
    assert seen[0].startswith(name)  # the move happened, and drew the person
    selects = [" ".join(sql.split()) for sql in moved if sql.lstrip().upper().startswith("SELECT")]
    # the agenda's other parts (reflections since the last meeting, skill trends and gaps, both sides' first ten
    # items) are not on this screen, so they are not read
    assert not [sql for sql in selects if re.search(r"\bFROM reflections\b", sql)]
    skill_lists = [sql for sql in selects if sql.startswith("SELECT k.*")]
    assert len(skill_lists) == 1, skill_lists  # the skills concerning the person: read once, not again for an agenda
    # each side's open items in due order come from the open items' own index (not every item the person ever had),
    # and the skills the person rated are found without walking each skill's whole rating history
    open_lists = [sql for sql in selects if "a.status = 'open'" in sql and sql.endswith("LIMIT 25")]
    assert len(open_lists) >= 2, selects
    for sql in open_lists:
        assert "idx_actions_open_person_due" in plan(demo, sql), (sql, plan(demo, sql))
    assert "idx_skill_ratings_skill_rater" in plan(demo, skill_lists[0]), plan(demo, skill_lists[0])


def test_moving_between_busy_people_replaces_the_right_side_in_one_step(demo: Path) -> None:
    """Emptying the list first hid its scrollbar and showed it again: a second layout and drawing per move."""
    app = make_app(demo)
    scrollbar: list[bool] = []
    counts: list[int] = []

    async def steps(pilot: Any) -> None:
        people = app.query_one("#people", OptionList)
        detail = app.query_one("#detail", OptionList)
        people.focus()
        first = next(i for i in range(people.option_count) if (people.get_option_at_index(i).id or "") != "today")
        people.highlighted = first
        await pilot.pause()
        assert detail.show_vertical_scrollbar  # a person's screen is longer than 80x24
        app.watch(detail, "show_vertical_scrollbar", lambda shown: scrollbar.append(shown), init=False)
        app.watch(detail, "virtual_size", lambda size: counts.append(detail.option_count), init=False)
        for index in range(first + 1, people.option_count):
            people.highlighted = index
            await pilot.pause()
            assert detail.show_vertical_scrollbar

    drive(app, steps)
    assert False not in scrollbar  # never hidden on the way
    assert counts and 0 not in counts  # the list never stood empty


def test_the_collector_leaves_what_lives_as_long_as_the_app_alone_until_it_ends(demo: Path) -> None:
    """A full garbage collection walked every object of the process (modules, styles, widgets): 20-40 ms of a move
    on the scale-4 journal, once in about thirty moves. After the first screen they are frozen; the app's end
    thaws them, so that a process going on (a test run) can collect them again."""
    import gc

    app = make_app(demo)
    frozen: list[int] = []

    async def steps(pilot: Any) -> None:
        frozen.append(gc.get_freeze_count())

    assert gc.get_freeze_count() == 0
    drive(app, steps)
    assert frozen[0] > 10_000  # the modules, Textual's styles and the app's widgets
    assert gc.get_freeze_count() == 0
