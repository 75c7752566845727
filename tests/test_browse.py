"""`mentorlog browse`: the Textual app driven by its Pilot at 80x24, over the demo journal."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mentorlog.base import i18n
from mentorlog.store.journal import Journal, open_for_command
from tests.conftest import CLOCK, STRICT, Run

if os.environ.get(STRICT) != "1":  # CI installs the extra: there a missing Textual fails the run, never skips it
    pytest.importorskip("textual", reason="the extra `tui` (Textual) is not installed")

from textual.binding import Binding
from textual.widgets import OptionList, Static

from mentorlog.tui.app import BrowseApp


@pytest.fixture
def demo(run: Run, db_path: Path) -> Path:
    result = run("--db", str(db_path), "demo", "--json")
    assert result.exit_code == 0, result.output
    return db_path


def make_app(db: Path) -> BrowseApp:
    @contextlib.contextmanager
    def opener(write: bool, command: str | None) -> Iterator[Journal]:
        logged = f"mentorlog browse: {command}" if write and command else None
        with open_for_command(db, write=write, clock=CLOCK, command=logged) as journal:
            yield journal

    return BrowseApp(opener, CLOCK.today)


def drive(app: BrowseApp, steps: Callable[[Any], Awaitable[None]], size: tuple[int, int] = (80, 24)) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot)

    asyncio.run(main())


def lines(widget: OptionList) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def person_index(app: BrowseApp, name: str) -> int:
    people = app.query_one("#people", OptionList)
    return next(i for i, line in enumerate(lines(people)) if line.startswith(name))


def test_start_page_is_today_and_people_show_role_verdict_and_days(demo: Path, run_json: Any) -> None:
    app = make_app(demo)
    seen: dict[str, list[str]] = {}

    async def steps(pilot: Any) -> None:
        seen["people"] = lines(app.query_one("#people", OptionList))
        seen["detail"] = lines(app.query_one("#detail", OptionList))

    drive(app, steps)
    people = run_json("people")
    assert seen["people"][0] == "Today"
    assert seen["detail"][0].startswith("Today, 2026-11-26")
    first = people[0]
    line = next(line for line in seen["people"] if line.startswith(first["name"]))
    days = (CLOCK.today - __import__("datetime").date.fromisoformat(first["last_session"])).days
    assert first["role"] in line
    assert f"{days} days" in line or f"{days} day" in line
    assert any(word in line for word in ("on track", "watch", "needs attention"))
    assert len(seen["people"]) == 1 + len(people)  # closed ones are behind `c`


def choose_person(app: BrowseApp, pilot: Any, name: str) -> Any:
    async def go() -> None:
        people = app.query_one("#people", OptionList)
        people.focus()
        people.highlighted = person_index(app, name)
        await pilot.pause()

    return go()


def test_choosing_a_person_shows_agenda_actions_topics_goals_and_sessions(demo: Path, run_json: Any) -> None:
    person = run_json("people")[0]
    actions = run_json("actions", "--with", person["name"], "--limit", "0")
    skills = [s for s in run_json("skills", "--with", person["name"]) if s["level"] is not None]
    assert skills
    app = make_app(demo)
    seen: list[str] = []

    async def steps(pilot: Any) -> None:
        await choose_person(app, pilot, person["name"])
        seen.extend(lines(app.query_one("#detail", OptionList)))

    drive(app, steps)
    assert seen[0].startswith(person["name"])
    for header in ("Agenda", "My actions", "Their actions", "Topics", "Goals", "Skills", "Sessions"):
        assert any(line.startswith(header) for line in seen), header
    for action in actions:
        assert any(f"{action['id']:>4} {action['text'][:30]}" in line for line in seen), action["text"]
    for skill in skills:
        assert any(line.startswith(skill["name"]) and f"me {skill['level']}/5" in line for line in seen), skill


def test_enter_opens_a_session_in_full(demo: Path, run_json: Any) -> None:
    person = run_json("people")[0]
    newest = run_json("sessions", "--with", person["name"], "--limit", "1")[0]
    app = make_app(demo)
    shown: list[str] = []

    async def steps(pilot: Any) -> None:
        await choose_person(app, pilot, person["name"])
        detail = app.query_one("#detail", OptionList)
        detail.focus()
        ids = [detail.get_option_at_index(i).id for i in range(detail.option_count)]
        detail.highlighted = ids.index(f"session:{newest['id']}")
        await pilot.press("enter")
        await pilot.pause()
        shown.append(str(app.screen.query_one("#record", Static).content))
        await pilot.press("escape")
        await pilot.pause()
        shown.append(type(app.screen).__name__)

    drive(app, steps)
    assert f"session {newest['id']}" in shown[0]
    assert newest["notes"].splitlines()[0] in shown[0]
    assert shown[1] != "SessionScreen"


def test_d_marks_the_action_done_and_u_undoes_it_in_the_same_log_as_the_cli(
    demo: Path, run_json: Any, run: Run
) -> None:
    action = run_json("actions", "--limit", "0")[0]
    person_id = _person_id(run_json, action)
    app = make_app(demo)

    async def steps(pilot: Any) -> None:
        detail = app.query_one("#detail", OptionList)
        app.choose(f"person:{person_id}")
        detail.focus()
        ids = [detail.get_option_at_index(i).id for i in range(detail.option_count)]
        detail.highlighted = ids.index(f"action:{action['id']}")
        await pilot.press("d")
        await pilot.pause()

    drive(app, steps)
    assert run_json("show", "action", str(action["id"]))["status"] == "done"
    listed = run("undo", "--list")
    assert "browse: action done: changed action item" in listed.stdout

    app = make_app(demo)

    async def undo(pilot: Any) -> None:
        await pilot.press("u")
        await pilot.pause()

    drive(app, undo)
    assert run_json("show", "action", str(action["id"]))["status"] == "open"


def _person_id(run_json: Any, action: dict[str, Any]) -> int:
    names = {p["name"]: p["id"] for p in run_json("people", "--all")}
    return names[action["with"]]


def test_slash_finds_with_the_same_search_as_the_cli_and_opens_the_hit(demo: Path, run_json: Any) -> None:
    hit = run_json("search", "feedback")[1]  # the first hit is a skill, the second a reflection
    assert hit["kind"] == "reflection"
    app = make_app(demo)
    shown: list[str] = []

    async def steps(pilot: Any) -> None:
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"feedback")
        for _ in range(20):  # the palette searches in the background
            await pilot.pause(0.05)
        await pilot.press("down", "enter")
        await pilot.pause()
        shown.append(str(app.screen.query_one("#record", Static).content))

    drive(app, steps)
    assert shown[0].startswith(f"reflection {hit['id']}\n")
    assert hit["title"] in shown[0]


def test_ctrl_p_finds_too(demo: Path, run_json: Any) -> None:
    hit = run_json("search", "feedback")[0]
    app = make_app(demo)
    shown: list[str] = []

    async def steps(pilot: Any) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        shown.append(type(app.screen).__name__)
        await pilot.press(*"feedback")
        for _ in range(20):  # the palette searches in the background
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        shown.append(str(app.screen.query_one("#record", Static).content))

    drive(app, steps)
    assert shown[0] == "CommandPalette"
    assert shown[1].startswith(f"{hit['kind']} {hit['id']}\n")


def test_t_adds_a_topic_for_the_chosen_person_undoable(demo: Path, run_json: Any, run: Run) -> None:
    person = run_json("people")[0]
    app = make_app(demo)

    async def steps(pilot: Any) -> None:
        app.choose(f"person:{person['id']}")
        await pilot.press("t")
        await pilot.pause()
        from textual.widgets import Input

        app.screen.query_one(Input).value = "[bold]ask about the offsite"
        await pilot.press("enter")
        await pilot.pause()

    drive(app, steps)
    topics = run_json("topics", "--with", person["name"])
    assert "[bold]ask about the offsite" in [t["text"] for t in topics]
    assert run("undo", "--yes").exit_code == 0
    assert "[bold]ask about the offsite" not in [t["text"] for t in run_json("topics", "--with", person["name"])]


def test_user_text_is_shown_inert_not_as_markup(demo: Path, run: Run, run_json: Any) -> None:
    person = run_json("people")[0]
    assert run("topic", "add", "[red]not red[/red] \x1b[2J", "--with", person["name"]).exit_code == 0
    app = make_app(demo)
    seen: list[str] = []

    async def steps(pilot: Any) -> None:
        app.choose(f"person:{person['id']}")
        await pilot.pause()
        seen.extend(lines(app.query_one("#detail", OptionList)))

    drive(app, steps)
    assert "• [red]not red[/red] \\x1b[2J" in seen


def test_c_shows_closed_relationships_too(demo: Path, run: Run, run_json: Any) -> None:
    person = run_json("people")[-1]
    closed = run("person", "close", person["name"], "--reflection", "we are done", "--drop-open")
    assert closed.exit_code == 0, closed.output
    app = make_app(demo)
    seen: list[list[str]] = []

    async def steps(pilot: Any) -> None:
        seen.append(lines(app.query_one("#people", OptionList)))
        await pilot.press("c")
        await pilot.pause()
        seen.append(lines(app.query_one("#people", OptionList)))

    drive(app, steps)
    assert not any(line.startswith(person["name"]) for line in seen[0])
    assert any(line.startswith(person["name"]) and "closed" in line for line in seen[1])


def test_german_shows_german_words_at_80x24(german_demo: Path) -> None:
    i18n.use("de")
    app = make_app(german_demo)
    seen: dict[str, Any] = {}

    async def steps(pilot: Any) -> None:
        seen["people"] = lines(app.query_one("#people", OptionList))
        seen["detail"] = lines(app.query_one("#detail", OptionList))
        seen["status"] = str(app.query_one("#status", Static).content)
        app.choose(app.query_one("#people", OptionList).get_option_at_index(1).id or "")
        await pilot.pause()
        seen["person"] = lines(app.query_one("#detail", OptionList))
        seen["size"] = app.size

    drive(app, steps)
    assert seen["people"][0] == "Heute"
    assert seen["detail"][0] == "Heute, Do, 26.11.2026"
    assert "Hilfe" in seen["status"]
    assert any(line.startswith("Tagesordnung") or line.startswith("Agenda") for line in seen["person"])
    assert any(line.startswith("Sitzungen") for line in seen["person"])
    assert (seen["size"].width, seen["size"].height) == (80, 24)


def test_browse_without_textual_says_how_to_install_it(run: Run, demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "textual", None)  # `import textual` fails as when the extra is missing
    result = run("browse")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: browse needs Textual, which is not installed: pip install 'mentorlog[tui]'"
    ]


def test_browse_starts_the_app_on_the_journal_the_cli_opens(
    run: Run, demo: Path, monkeypatch: pytest.MonkeyPatch, run_json: Any
) -> None:
    started: list[BrowseApp] = []

    def fake_run(self: BrowseApp) -> None:
        started.append(self)
        with self.data.opener(True, "action done") as journal:  # the CLI's opener: logged for undo
            journal.actions.set_action_status([first], "done")

    first = run_json("actions")[0]["id"]
    monkeypatch.setattr(BrowseApp, "run", fake_run)
    result = run("browse")
    assert result.exit_code == 0, result.output
    assert started and started[0].today.isoformat() == "2026-11-26"
    assert "browse: action done: changed action item" in run("undo", "--list").stdout


@pytest.mark.slow
def test_other_commands_never_import_textual(demo: Path) -> None:
    from tests.processes import mentorlog, tree_env

    script = "import sys, runpy; sys.argv = ['mentorlog', 'actions']\n"
    script += "try:\n    runpy.run_module('mentorlog', run_name='__main__')\nexcept SystemExit:\n    pass\n"
    script += "print(sorted(m for m in sys.modules if m.startswith(('textual', 'mentorlog.tui'))))"
    env = tree_env(demo)
    done = __import__("subprocess").run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert mentorlog(env, "actions").returncode == 0


def test_browse_opens_an_encrypted_journal_with_the_cli_passphrase_sources(
    run: Run, demo: Path, monkeypatch: pytest.MonkeyPatch, run_json: Any
) -> None:
    from tests.conftest import require_module

    require_module("sqlcipher3", why="pip install '.[encryption]'")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse battery")
    assert run("encrypt").exit_code == 0
    assert not demo.read_bytes().startswith(b"SQLite format 3")
    action = run_json("actions")[0]
    person_id = _person_id(run_json, action)
    seen: list[list[str]] = []

    def piloted(self: BrowseApp) -> None:  # the real app, on the journal and opener the command made
        async def steps(pilot: Any) -> None:
            seen.append(lines(self.query_one("#people", OptionList)))
            self.choose(f"person:{person_id}")
            detail = self.query_one("#detail", OptionList)
            detail.focus()
            ids = [detail.get_option_at_index(i).id for i in range(detail.option_count)]
            detail.highlighted = ids.index(f"action:{action['id']}")
            await pilot.press("x")
            await pilot.pause()

        drive(self, steps)

    monkeypatch.setattr(BrowseApp, "run", piloted)
    result = run("browse")
    assert result.exit_code == 0, result.output
    assert any(line.startswith(action["with"]) for line in seen[0])
    assert run_json("show", "action", str(action["id"]))["status"] == "dropped"

    started: list[BrowseApp] = []
    monkeypatch.setattr(BrowseApp, "run", lambda self: started.append(self))
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "wrong")
    wrong = run("browse")
    assert wrong.exit_code == 1
    assert wrong.stderr.startswith("Error: wrong passphrase, or not a mentorlog journal")
    assert started == []


def test_no_color_is_honoured_and_the_screen_fits_120x40(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shots: dict[str, str] = {}
    app = make_app(demo)

    async def steps(pilot: Any) -> None:
        shots["svg"] = app.export_screenshot()

    drive(app, steps, size=(120, 40))
    assert app.no_color  # NO_COLOR=1 (tests/conftest.py): Textual draws in monochrome
    assert "Anna&#160;Schmidt" in shots["svg"] and "Today,&#160;2026-11-26" in shots["svg"]
    monkeypatch.delenv("NO_COLOR")
    assert not make_app(demo).no_color


def test_a_busy_relationship_lists_25_open_actions_a_side_and_says_how_many_more(run: Run, db_path: Path) -> None:
    assert run("person", "add", "Dr. Weber", "--role", "mentor").exit_code == 0
    for number in range(30):
        assert run("action", "add", f"step {number}", "--with", "weber", "--owner", "me").exit_code == 0
    app = make_app(db_path)
    seen: list[str] = []

    async def steps(pilot: Any) -> None:
        app.choose("person:1")
        await pilot.pause()
        seen.extend(lines(app.query_one("#detail", OptionList)))

    drive(app, steps)
    assert "My actions (30)" in seen
    assert sum(1 for line in seen if line.startswith("[ ]")) == 25
    assert "… 5 more: mentorlog actions --with 'Dr. Weber'" in seen


def test_n_records_a_note_with_the_chosen_person_and_shows_it(demo: Path, run: Run, run_json: Any) -> None:
    person = run_json("people")[0]
    asked: list[str] = []

    def note(name: str) -> None:  # what the CLI passes: `mentorlog note --with NAME` on the suspended terminal
        asked.append(name)
        assert run("note", "--with", name, "--title", "Hallway chat", "we talked").exit_code == 0

    app = make_app(demo)
    app.note = note
    seen: list[str] = []

    async def steps(pilot: Any) -> None:
        app.choose(f"person:{person['id']}")
        await pilot.press("n")
        await pilot.pause()
        seen.extend(lines(app.query_one("#detail", OptionList)))

    drive(app, steps)
    assert asked == [person["name"]]
    assert any(line.endswith("Hallway chat") for line in seen)


def test_german_says_the_health_reasons_in_german_as_agenda_and_today_do(german_demo: Path, run: Run) -> None:
    agenda = run("--db", str(german_demo), "agenda", "--with", "weber", env={"MENTORLOG_LANG": "de"})
    dashboard = run("--db", str(german_demo), "today", env={"MENTORLOG_LANG": "de"})
    assert "• Meine Aufgaben: 3 der letzten 5 waren verspätet oder sind noch offen" in agenda.stdout
    assert "⚠ Dr. Weber: Meine Aufgaben: 3 der letzten 5 waren verspätet oder sind noch offen" in dashboard.stdout
    i18n.use("de")
    app = make_app(german_demo)
    seen: dict[str, list[str]] = {}

    async def steps(pilot: Any) -> None:
        seen["today"] = lines(app.query_one("#detail", OptionList))
        app.choose(f"person:{_person_number(app, 'Dr. Weber')}")
        await pilot.pause()
        seen["weber"] = lines(app.query_one("#detail", OptionList))

    drive(app, steps)
    reason = "Meine Aufgaben: 3 der letzten 5 waren verspätet oder sind noch offen"
    assert "! " + reason in seen["weber"]
    today = seen["today"]
    assert today[today.index("Dr. Weber: braucht Aufmerksamkeit") + 1] == reason
    assert not any("My actions:" in line for line in seen["today"] + seen["weber"])


def _person_number(app: BrowseApp, name: str) -> int:
    return next(person.id for person in app.people.values() if person.name == name)


def test_question_mark_lists_every_key_and_escape_closes_it(demo: Path) -> None:
    app = make_app(demo)
    seen: dict[str, Any] = {}

    async def steps(pilot: Any) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        seen["screen"] = type(app.screen).__name__
        seen["help"] = str(app.screen.query_one("#help", Static).content).splitlines()
        await pilot.press("escape")
        await pilot.pause()
        seen["after"] = type(app.screen).__name__

    drive(app, steps)
    assert seen["screen"] == "HelpScreen"
    assert seen["help"][0] == "Keys"
    for line in (
        "↑ ↓ Tab    move; choose a person on the left, an item on the right",
        "Enter      open the session or record under the cursor",
        "d / x / r  mark the action done / dropped / open again",
        "t          add a topic for the next meeting with this person",
        "n          record a note with this person (`mentorlog note` in $EDITOR)",
        "u          undo the last change (the same log as `mentorlog undo`)",
        "/  Ctrl+P  find anything (the same search as `mentorlog search`)",
        "c          show or hide closed relationships",
        "R          read the journal again (also when the terminal gets focus)",
        "Esc        back",
        "q          quit",
    ):
        assert line in seen["help"], line
    # every key the app binds is explained there
    bound = {key for binding in app.BINDINGS if isinstance(binding, Binding) for key in binding.key.split(",")}
    named = {"question_mark": "?", "slash": "/", "ctrl+p": "Ctrl+P"}
    explained = " ".join(line[:11] for line in seen["help"][2:])  # the key column
    assert all(named.get(key, key) in explained for key in bound - {"question_mark"}), bound
    assert seen["after"] == "Screen"


def test_capital_r_reads_what_another_process_wrote_meanwhile(demo: Path, run: Run, run_json: Any) -> None:
    person = run_json("people")[0]
    app = make_app(demo)
    seen: dict[str, list[str]] = {}

    async def steps(pilot: Any) -> None:
        app.choose(f"person:{person['id']}")
        await pilot.pause()
        written = run("note", "--with", person["name"], "--title", "Written in another shell", "we met after all")
        assert written.exit_code == 0, written.output
        added = run("action", "add", "book the room", "--with", person["name"], "--owner", "me")
        assert added.exit_code == 0, added.output
        await pilot.pause()
        seen["before"] = lines(app.query_one("#detail", OptionList))
        await pilot.press("R")
        await pilot.pause()
        seen["after"] = lines(app.query_one("#detail", OptionList))
        seen["people"] = lines(app.query_one("#people", OptionList))

    drive(app, steps)
    assert not any("Written in another shell" in line for line in seen["before"])
    assert "2026-11-26, Thu  Written in another shell" in seen["after"]
    assert any(line.endswith(" book the room") for line in seen["after"])
    assert any(line.startswith(person["name"]) and "· 0 days" in line for line in seen["people"])
    assert seen["after"][0].startswith(person["name"])  # the same person stays chosen


def test_the_terminal_getting_focus_reads_the_journal_again(demo: Path, run: Run, run_json: Any) -> None:
    from textual import events

    action = run_json("actions", "--owner", "me")[0]
    app = make_app(demo)
    seen: dict[str, list[str]] = {}

    async def steps(pilot: Any) -> None:
        seen["before"] = lines(app.query_one("#detail", OptionList))
        assert run("action", "done", str(action["id"])).exit_code == 0  # another process, while we look away
        assert run("action", "add", "call the venue", "--owner", "me", "--due", "today").exit_code == 0
        await pilot.pause()
        seen["stale"] = lines(app.query_one("#detail", OptionList))
        app.post_message(events.AppFocus())  # what Textual posts when the terminal reports focus-in (ESC [ I)
        await pilot.pause()
        seen["after"] = lines(app.query_one("#detail", OptionList))

    drive(app, steps)
    mark = f"[ ] {action['id']:>4} {action['text'][:20]}"
    assert any(line.startswith(mark) for line in seen["before"])
    assert seen["stale"] == seen["before"]
    assert not any(line.startswith(mark) for line in seen["after"])
    assert any(" call the venue" in line for line in seen["after"])


class Tmux:
    """A real terminal for the real `mentorlog browse`: a tmux server of its own, 100x30, keys in, screen out."""

    def __init__(self, socket: Path, env: dict[str, str]) -> None:
        from tests.conftest import require_program

        self.tmux = require_program("tmux", why="apt-get install tmux")
        self.socket, self.env = socket, env

    def __call__(self, *args: str) -> str:
        import subprocess

        done = subprocess.run(
            [self.tmux, "-S", str(self.socket), *args], env=self.env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "browse")

    def wait_for(self, text: str, timeout: float = 30) -> str:
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on the screen:\n{self.screen()}")


@pytest.mark.slow
def test_n_in_a_real_terminal_suspends_to_mentorlog_note_in_editor_and_shows_the_session(
    run: Run, run_json: Any, db_path: Path, tmp_path: Path
) -> None:
    """The installed command in tmux: `n` hands the terminal to `mentorlog note --with NAME`, whose $EDITOR (a
    script) writes the note; Enter goes back to browse, which shows the new session. The terminal reporting
    focus-in (ESC [ I) reads the journal again too."""
    import shlex

    from tests.processes import command_line, mentorlog, tree_env

    assert run("person", "add", "Anna Schmidt", "--role", "mentee").exit_code == 0
    editor = tmp_path / "editor.py"
    seen = tmp_path / "seen.txt"
    editor.write_text(
        "import sys\npath = sys.argv[1]\ntext = open(path, encoding='utf-8').read()\n"
        f"open({str(seen)!r}, 'w', encoding='utf-8').write(text)\n"
        "text = text.replace('Title: ', 'Title: Hallway chat', 1) + '\\nWe talked about the offsite.\\n'\n"
        "open(path, 'w', encoding='utf-8').write(text)\n"
    )
    env = tree_env(db_path, EDITOR=f"{shlex.quote(sys.executable)} {shlex.quote(str(editor))}")
    tmux = Tmux(tmp_path / "tmux.socket", env)  # the test's own server, its socket in the test's folder
    browse = shlex.join(command_line("--db", str(db_path), "browse"))
    tmux("new-session", "-d", "-s", "browse", "-x", "100", "-y", "30", f"{browse}; echo browse exited $?; sleep 60")
    try:
        tmux.wait_for("Anna Schmidt")
        tmux("send-keys", "-t", "browse", "Down")
        tmux.wait_for("Sessions (0)")

        added = mentorlog(
            env, "--db", str(db_path), "action", "add", "book the room", "--with", "anna", "--owner", "me"
        )
        assert added.returncode == 0, added.stderr
        assert "book the room" not in tmux.screen()  # nothing polls: the screen is as it was
        tmux("send-keys", "-t", "browse", "-H", "1b", "5b", "49")  # ESC [ I: what a terminal sends on getting focus
        tmux.wait_for("book the room")

        tmux("send-keys", "-t", "browse", "n")
        tmux.wait_for("Press Enter to go back to browse")
        assert "Recorded session 1 with Anna Schmidt on 2026-11-26, Thu." in tmux.screen()
        tmux("send-keys", "-t", "browse", "Enter")
        back = tmux.wait_for("Hallway chat")
        assert "Sessions (1)" in back and "2026-11-26, Thu  Hallway chat" in back
        assert "mentee · on track · 0 days" in back

        tmux("send-keys", "-t", "browse", "q")
        tmux.wait_for("browse exited 0")
    finally:
        tmux("kill-server")
    assert "@@ Session with Anna Schmidt on 2026-11-26." in seen.read_text(encoding="utf-8")
    [session] = run_json("sessions")
    assert (session["with"], session["title"], session["notes"]) == (
        "Anna Schmidt",
        "Hallway chat",
        "We talked about the offsite.",
    )
    assert "  note: added session 1\n" in run("undo", "--list").stdout  # logged for undo as the CLI logs it


SECRET = "correct-horse-battery"


@pytest.fixture
def locked_journal(run: Run, demo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo journal encrypted with SECRET, and no source that gives it: no MENTORLOG_PASSPHRASE, no
    passphrase_command, no keyring; stdin is a terminal, where every other command would prompt."""
    from mentorlog.cli import common
    from tests.conftest import require_module

    require_module("sqlcipher3", why="pip install '.[encryption]'")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", SECRET)
    assert run("encrypt").exit_code == 0
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    return demo


def test_an_encrypted_journal_asks_its_passphrase_inside_the_app_and_says_when_it_is_wrong(
    run: Run, locked_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual import events
    from textual.widgets import Input

    seen: dict[str, Any] = {"notes": []}

    def piloted(self: BrowseApp) -> None:  # the real app, as `browse` made it
        self.notify = lambda message, **_options: seen["notes"].append(message)  # type: ignore[method-assign]

        async def steps(pilot: Any) -> None:
            seen["first"] = type(self.screen).__name__
            seen["prompt"] = [str(s.content) for s in self.screen.query(Static)]
            self.post_message(events.AppFocus())  # nothing to read yet: no error, the prompt stays
            await pilot.press("ctrl+p")
            await pilot.pause()
            seen["still"] = type(self.screen).__name__
            await pilot.press(*"wrong-horse")
            seen["masked"] = self.export_screenshot()
            await pilot.press("enter")
            await pilot.pause()
            seen["wrong"] = str(self.screen.query_one("#passphrase-said", Static).content)
            seen["emptied"] = self.screen.query_one(Input).value
            await pilot.press(*SECRET, "enter")
            await pilot.pause()
            seen["then"] = type(self.screen).__name__
            seen["people"] = lines(self.query_one("#people", OptionList))

        drive(self, steps)

    monkeypatch.setattr(BrowseApp, "run", piloted)
    result = run("browse")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert seen["first"] == seen["still"] == "PassphraseScreen"
    assert seen["prompt"][:2] == [
        f"{locked_journal} is encrypted.",
        "Passphrase (not shown); Enter opens the journal, Esc quits:",
    ]
    assert "wrong-horse" not in seen["masked"].replace("&#160;", " ") and "•••••••••••" in seen["masked"]
    assert seen["wrong"] == "Wrong passphrase. Type it again, or Esc to quit."
    assert seen["emptied"] == ""
    assert seen["then"] == "Screen"
    assert seen["people"][0] == "Today" and any(line.startswith("Anna Schmidt") for line in seen["people"])
    assert seen["notes"] == []  # no error while it was locked


@pytest.mark.parametrize("key", ["escape", "ctrl+c"])
def test_giving_up_on_the_passphrase_quits_with_exit_1_and_one_line(
    run: Run, locked_journal: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    def piloted(self: BrowseApp) -> None:
        async def steps(pilot: Any) -> None:
            await pilot.press(key)
            await pilot.pause()

        drive(self, steps)

    monkeypatch.setattr(BrowseApp, "run", piloted)
    result = run("browse")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {locked_journal} is encrypted, and no passphrase was typed"]


def test_without_a_terminal_a_locked_journal_is_the_usual_error(
    run: Run, locked_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorlog.cli import common

    monkeypatch.setattr(common, "stdin_is_terminal", lambda: False)
    started: list[BrowseApp] = []
    monkeypatch.setattr(BrowseApp, "run", lambda self: started.append(self))
    result = run("browse")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"Error: {locked_journal} is encrypted, and no passphrase was given"
    assert started == []


def test_the_passphrase_screen_speaks_german(demo: Path) -> None:
    from textual.widgets import Input

    i18n.use("de")
    tried: list[str] = []

    def unlock(typed: str) -> bool:
        tried.append(typed)
        return typed == "richtig"

    app = make_app(demo)
    app.unlock, app.where, app.locked = unlock, "/daten/journal.db", True
    seen: dict[str, Any] = {}

    async def steps(pilot: Any) -> None:
        seen["prompt"] = [str(s.content) for s in app.screen.query(Static)]
        await pilot.press(*"falsch", "enter")
        await pilot.pause()
        seen["wrong"] = str(app.screen.query_one("#passphrase-said", Static).content)
        app.screen.query_one(Input).value = "richtig"
        await pilot.press("enter")
        await pilot.pause()
        seen["people"] = lines(app.query_one("#people", OptionList))

    drive(app, steps)
    assert seen["prompt"][:2] == [
        "/daten/journal.db ist verschlüsselt.",
        "Passphrase (wird nicht angezeigt); Enter öffnet das Journal, Esc beendet:",
    ]
    assert seen["wrong"] == "Falsche Passphrase. Noch einmal eingeben, oder Esc zum Beenden."
    assert tried == ["falsch", "richtig"]
    assert seen["people"][0] == "Heute"
