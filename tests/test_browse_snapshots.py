"""`mentorlog browse` as people see it: SVG screenshots of the main screens at 80x24 and 120x40 (and the
German person view and the passphrase screen at 80x24).

Each screen is drawn by Textual's own `App.export_screenshot()` (its public API) over a small journal built
here with a pinned today, and compared by syrupy with the .svg committed in tests/__snapshots__/
test_browse_snapshots/ (open one in a browser to see it). A change to what the app draws fails here with a
diff to review; after a reviewed, intended change record the new look with

    python -m pytest tests/test_browse_snapshots.py --snapshot-update

The screenshots hold for the Textual versions the extra `tui` allows (pyproject.toml): another Textual may
draw a border or a scrollbar differently, and is then a reviewed update of these files, not a surprise.

pytest-textual-snapshot (Textualize's plugin for the same thing) was tried first: it draws the same
screenshots on Textual 8.2, but pins syrupy==4.8.0, which needs pytest<9, so installing it would downgrade
this suite's syrupy 7 and pytest 9; and it takes its screenshot through Textual's private `textual._doc`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.image import SVGImageSnapshotExtension
from syrupy.types import SerializableData, SerializedData

from mentorlog.base import i18n
from tests.conftest import CLOCK, STRICT, TODAY

if os.environ.get(STRICT) != "1":  # CI installs the extra: there a missing Textual fails the run, never skips it
    pytest.importorskip("textual", reason="the extra `tui` (Textual) is not installed")

import textual
from textual.widgets import Input, OptionList

from mentorlog.store.journal import Journal, open_for_command
from mentorlog.tui.app import BrowseApp, SessionScreen

SIZES = [(80, 24), (120, 40)]
Steps = Callable[[Any, BrowseApp], Awaitable[None]]


class SVGSnapshot(SVGImageSnapshotExtension):
    """One .svg file per screenshot. Rich names the SVG's CSS classes after a hash of the whole picture; that
    number is cut, so a changed line is the only line of the diff."""

    def serialize(self, data: SerializableData, **kwargs: Any) -> SerializedData:
        return super().serialize(re.sub(r"\bterminal-\d+-", "terminal-", str(data)), **kwargs)


# The journal: two relationships, three sessions, actions of both sides (one late, one done), topics, a goal with
# progress and a skill rated by both sides. Dates are fixed around the pinned today, Thursday 2026-11-26.
JOURNAL = [
    ["person", "add", "Anna Schmidt", "--role", "mentee", "--cadence", "2w"],
    ["person", "add", "Dr. Weber", "--role", "mentor", "--cadence", "4w"],
    ["goal", "add", "Give the team talk in December", "--with", "anna", "--target", "2026-12-15"],
    ["goal", "progress", "1", "40", "--note", "outline done"],
    [
        "note",
        "--with",
        "anna",
        "--date",
        "2026-11-12",
        "--title",
        "Kick-off",
        "--confidence",
        "3",
        "--feedback",
        "Clear goals; say no more often.",
        "We agreed on two goals and a 2-week rhythm.\n"
        "- [ ] send Anna the reading list owner:me due:2026-11-20\n"
        "- [ ] draft the talk outline due:2026-11-24\n#kickoff",
    ],
    [
        "note",
        "--with",
        "anna",
        "--date",
        "2026-11-23",
        "--title",
        "Talk rehearsal",
        "--confidence",
        "4",
        "--next",
        "2026-12-07",
        "Ran through the slides once. Timing was 25 min for a 20 min slot.\n"
        "- [ ] review the new slides owner:me due:2026-11-27\n"
        "- [ ] cut the demo to five minutes due:2026-12-04",
    ],
    [
        "note",
        "--with",
        "weber",
        "--date",
        "2026-10-29",
        "--title",
        "First month as team lead",
        "--confidence",
        "2",
        "Delegation is hard. Weber suggests a weekly 1:1 with each report.\n"
        "- [ ] write the delegation plan owner:me due:2026-11-19\n"
        "- [ ] share the team charter due:2026-12-03",
    ],
    ["topic", "add", "How did the demo day go?", "--with", "anna"],
    ["topic", "add", "Is the talk too technical?", "--with", "weber"],
    ["skill", "add", "Public speaking", "--with", "anna", "--goal", "1"],
    ["skill", "rate", "Public speaking", "3", "--date", "2026-11-23"],
    ["skill", "rate", "Public speaking", "4", "--by", "anna", "--date", "2026-11-23"],
    ["action", "done", "1", "--date", "2026-11-18"],
]


@pytest.fixture(scope="module")
def small_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from mentorlog.cli import app

    db = tmp_path_factory.mktemp("browse-snapshots") / "journal.db"
    env = {"MENTORLOG_TODAY": TODAY.isoformat(), "MENTORLOG_CONFIG": str(db.parent / "none.toml")}
    for args in JOURNAL:
        result = CliRunner().invoke(app, ["--db", str(db), *args], env=env)
        assert result.exit_code == 0, (args, result.output)
    return db


@pytest.fixture
def snapshot_svg(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(SVGSnapshot)


@pytest.fixture(autouse=True)
def colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """The screens in colour, as most people see them (tests/test_browse.py checks NO_COLOR)."""
    monkeypatch.delenv("NO_COLOR")


def screenshot(
    db: Path, size: tuple[int, int], steps: Steps | None = None, unlock: Callable[[str], bool] | None = None
) -> str:
    """The SVG of the screen after STEPS, the app run headless at SIZE on DB with today pinned (UNLOCK: as on an
    encrypted journal whose passphrase no source gave)."""

    @contextlib.contextmanager
    def opener(write: bool, command: str | None) -> Iterator[Journal]:
        with open_for_command(db, write=write, clock=CLOCK, command=command) as journal:
            yield journal

    app = BrowseApp(opener, CLOCK.today, unlock=unlock, where="/home/kim/.local/share/mentorlog/mentorlog.db")
    shots: list[str] = []

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            if steps is not None:
                await steps(pilot, app)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            shots.append(app.export_screenshot(simplify=True))  # contiguous cells of one style as one text run

    asyncio.run(main())
    return shots[0]


def ids(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


UPDATE = (
    f"the screen differs from the recorded one (Textual {textual.__version__}); if the change is intended, review "
    "it and record it: python -m pytest tests/test_browse_snapshots.py --snapshot-update"
)


async def choose_anna(pilot: Any, app: BrowseApp) -> None:
    await pilot.press("down")  # from "Today" to the first person, as a user moves
    await pilot.pause()


async def open_rehearsal(pilot: Any, app: BrowseApp) -> None:
    await choose_anna(pilot, app)
    await pilot.press("enter")  # into the right side
    detail = app.query_one("#detail", OptionList)
    options = [detail.get_option_at_index(i).id for i in range(detail.option_count)]
    for _ in options:
        if detail.highlighted is not None and options[detail.highlighted] == "session:2":
            break
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, SessionScreen)


async def press_help(pilot: Any, app: BrowseApp) -> None:
    await pilot.press("question_mark")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_today_start_page_looks_as_recorded(
    small_journal: Path, snapshot_svg: SnapshotAssertion, size: tuple[int, int]
) -> None:
    svg = screenshot(small_journal, size)
    assert "Today,&#160;2026-11-26,&#160;Thu" in svg
    assert svg == snapshot_svg, UPDATE


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_a_chosen_person_looks_as_recorded(
    small_journal: Path, snapshot_svg: SnapshotAssertion, size: tuple[int, int]
) -> None:
    svg = screenshot(small_journal, size, choose_anna)
    assert "Anna&#160;Schmidt&#160;&#160;mentee" in svg
    assert svg == snapshot_svg, UPDATE


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_an_opened_session_looks_as_recorded(
    small_journal: Path, snapshot_svg: SnapshotAssertion, size: tuple[int, int]
) -> None:
    svg = screenshot(small_journal, size, open_rehearsal)
    assert "Talk&#160;rehearsal" in svg and "Confidence:&#160;4/5" in svg
    assert svg == snapshot_svg, UPDATE


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_the_help_screen_looks_as_recorded(
    small_journal: Path, snapshot_svg: SnapshotAssertion, size: tuple[int, int]
) -> None:
    svg = screenshot(small_journal, size, press_help)
    assert "undo&#160;the&#160;last&#160;change" in svg
    assert svg == snapshot_svg, UPDATE


def test_the_german_person_view_looks_as_recorded(small_journal: Path, snapshot_svg: SnapshotAssertion) -> None:
    i18n.use("de")
    svg = screenshot(small_journal, (80, 24), choose_anna)
    assert "Sitzungen" in svg or "Tagesordnung" in svg
    assert svg == snapshot_svg, UPDATE


def test_the_passphrase_screen_after_a_wrong_one_looks_as_recorded(
    small_journal: Path, snapshot_svg: SnapshotAssertion
) -> None:
    async def wrong_then_some(pilot: Any, app: BrowseApp) -> None:
        app.screen.query_one(Input).cursor_blink = False  # the cursor always drawn, however slow the machine
        await pilot.press(*"wrong", "enter", *"sec")
        await pilot.pause()

    svg = screenshot(small_journal, (80, 24), wrong_then_some, unlock=lambda typed: False)
    assert "Wrong&#160;passphrase." in svg and "wrong" not in svg.replace("Wrong", "")
    assert svg == snapshot_svg, UPDATE
