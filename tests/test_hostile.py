"""A table of hostile inputs across commands: each one a clear exit code and message, nothing written on
failure, nothing interpreted on display, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Run, counts

BIG = "x" * (5 * 1024 * 1024)
ESC = "\x1b[2J\x1b]0;pwned\x07"

# (name, args, stdin, exit code, part of the message on stderr; "" when the command succeeds)
CASES = [
    ("date words", ["action", "add", "x", "--due", "someday"], None, 2, "cannot read 'someday'"),
    ("impossible date", ["action", "add", "x", "--due", "2026-02-30"], None, 2, "day is out of range"),
    ("month 13", ["action", "add", "x", "--due", "32.13.2026"], None, 2, "cannot read '32.13.2026'"),
    ("date with escape", ["action", "add", "x", "--due", ESC], None, 2, "cannot read"),
    ("huge year", ["action", "add", "x", "--due", "+9999y"], None, 2, "cannot read"),
    ("progress 101", ["goal", "progress", "1", "101"], None, 2, "progress must be 0 to 100"),
    ("progress text", ["goal", "progress", "1", "lots"], None, 2, "Invalid value"),
    ("negative id", ["action", "done", "-1"], None, 2, ""),
    ("huge id", ["action", "done", "99999999999999999999"], None, 2, "is not an id or a range"),
    ("id text", ["show", "goal", "one"], None, 2, "is shown by its id, a number"),  # issue 24.5: names for person/skill
    ("unknown kind", ["show", "meeting", "1"], None, 2, "unknown kind"),
    ("confidence 0", ["note", "x", "--confidence", "0"], None, 2, "--confidence"),
    ("empty name", ["person", "add", "", "--role", "mentor"], None, 2, "name is empty"),
    ("whitespace name", ["person", "add", "   \t ", "--role", "mentor"], None, 2, "name is empty"),
    ("role markup", ["person", "add", "X", "--role", "[bold]boss[/]"], None, 2, "role must be"),
    ("unknown person", ["note", "--with", "nobody", "x"], None, 1, "no person named 'nobody'"),
    ("person with escapes", ["note", "--with", ESC, "x"], None, 1, "no person named"),
    ("empty note", ["note", ""], None, 2, "the session is empty"),
    ("whitespace note", ["note", " \n\t \n"], None, 2, "the session is empty"),
    ("empty stdin", ["note"], "", 2, "the session is empty"),
    ("empty action", ["action", "add", "   "], None, 2, "action item is empty"),
    ("empty topic", ["topic", "add", "", "--with", "anna"], None, 2, "topic is empty"),
    ("empty reflection", ["reflect", "\n\n"], None, 2, "reflection is empty"),
    ("NUL in note", ["note", "a\x00b"], None, 2, "NUL"),
    ("NUL on stdin", ["reflect"], "before\x00after", 2, "NUL"),
    ("invalid UTF-8 stdin", ["note"], b"\xff\xfe\xfd", 2, "not valid UTF-8"),
    ("huge stdin", ["note"], "y" * (11 * 1024 * 1024), 2, "larger than 10 MB"),
    ("SQL in search", ["search", "'; DROP TABLE sessions; --"], None, 0, ""),
    ("FTS syntax", ["search", 'NEAR(a "b'], None, 0, ""),
    ("FTS only operators", ["search", "AND OR NOT"], None, 0, ""),
    ("search nothing", ["search", "***"], None, 2, "nothing to search for"),
    ("unknown option", ["actions", "--everything"], None, 2, "No such option"),
    ("bad status", ["actions", "--status", "finished"], None, 2, "status must be one of"),
    ("bad format", ["export", "--format", "docx"], None, 2, "--format must be one of"),
    ("import a folder", ["import", "/"], None, 1, "cannot read"),
    ("edit wrong flag", ["edit", "action", "1", "--role", "mentor"], None, 2, "does not apply"),
    ("bad cadence", ["person", "add", "Y", "--role", "mentor", "--cadence", "0d"], None, 2, "meeting interval"),
]


@pytest.fixture
def seeded(run: Run) -> None:
    assert run("person", "add", "Anna", "--role", "mentee").exit_code == 0
    assert run("goal", "add", "A goal").exit_code == 0
    assert run("action", "add", "An action").exit_code == 0


@pytest.mark.parametrize(("name", "args", "stdin", "code", "message"), CASES, ids=[case[0] for case in CASES])
def test_hostile_input(
    run: Run,
    db_path: Path,
    seeded: None,
    name: str,
    args: list[str],
    stdin: str | bytes | None,
    code: int,
    message: str,
) -> None:
    before = counts(db_path)
    result = run(*args, input=stdin)
    assert result.exit_code == code, result.output[-500:]
    assert "Traceback" not in result.output
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "[bold" not in result.stderr or "[bold" in " ".join(args)  # markup is never produced, only echoed inert
    if code:
        assert message in result.stderr
        assert len(result.stderr.strip().splitlines()) <= 2
        assert counts(db_path) == before
    elif args[0] in READING:
        assert counts(db_path) == before, "a reading command wrote to the journal"


READING = {"search", "show", "actions", "sessions", "goals", "people", "export"}


def test_a_five_megabyte_note_is_stored_and_shown_whole(run: Run, run_json) -> None:
    result = run("note", input=BIG + "\n- [ ] follow up")
    assert result.exit_code == 0, result.output[-300:]
    session = run_json("show", "session", "1")
    assert len(session["notes"]) == len(BIG) and len(session["action_ids"]) == 1
    listed = run("sessions")
    assert listed.exit_code == 0 and "xxxx" in listed.stdout


@pytest.mark.parametrize(
    "text",
    [
        "[bold red]markup[/bold red] [link=http://x]link[/link]",
        "\x1b[31mred\x1b[0m and \x1b]8;;http://evil\x1b\\osc link\x1b]8;;\x1b\\",
        "\x9b31m C1 CSI and \x7f DEL and \x08 backspace \r carriage",
        "'; DROP TABLE actions; -- and \" OR 1=1",
        ":emoji: :smile: and [/] lone closing tag",
    ],
)
def test_stored_hostile_text_is_shown_inert_everywhere(run: Run, seeded: None, text: str) -> None:
    run("note", "--with", "anna", "--title", text, text, "--feedback", text, "--action", text)
    run("reflect", text, "--with", "anna")
    run("topic", "add", text, "--with", "anna")
    for command in (["sessions"], ["show", "session", "1"], ["actions"], ["agenda", "--with", "anna"], ["timeline"],
                    ["summary"], ["reflections"], ["topics"], ["search", "markup"], ["export"]):  # fmt: skip
        result = run(*command, env={"COLUMNS": "200"})
        assert result.exit_code == 0, (command, result.output[-300:])
        for raw in ("\x1b", "\x9b", "\x07", "\x08", "\x7f"):
            assert raw not in result.stdout, (command, raw)
        if "[bold red]markup" in text and command[0] in ("sessions", "show", "actions", "reflections", "topics"):
            assert "[bold red]markup[/bold red]" in result.stdout, command  # shown as typed, not styled
    assert run("actions", "--json").exit_code == 0
    shown = json.loads(run("show", "session", "1", "--json").stdout)
    # stored as written (line endings normalised to \n), only displayed inert
    assert shown["notes"] == "\n".join(line.rstrip() for line in text.strip().splitlines())
