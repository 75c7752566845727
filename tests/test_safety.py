"""User text is shown inert: no Rich markup, no terminal escapes; errors never show a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentorlog.base.safe import inert, one_line

from .conftest import Run, counts

HOSTILE = "[bold red]boom[/] \x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \x9b2J \x07bell"


def test_inert_makes_every_control_character_visible() -> None:
    shown = inert(HOSTILE)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "\\x1b[31mred" in shown and "[bold red]boom[/]" in shown
    assert inert("tab\tand\nnewline") == "tab\tand\nnewline"
    assert one_line("a\nb   c", 4) == "a b…"


@pytest.mark.parametrize("command", [["sessions"], ["show", "session", "1"], ["actions"], ["people"], ["topics"],
                                     ["show", "person", "1"], ["goals"], ["reflections"]])  # fmt: skip
def test_markup_and_escapes_in_user_text_are_displayed_literally(run: Run, command: list[str]) -> None:
    run("person", "add", f"Eve {HOSTILE}", "--role", "mentee")
    run("note", "--with", "eve", "--title", HOSTILE, f"{HOSTILE}\n- [ ] {HOSTILE}")
    run("goal", "add", HOSTILE, "--with", "eve")
    run("topic", "add", HOSTILE, "--with", "eve")
    run("reflect", HOSTILE)
    result = run(*command, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\x9b" not in result.stdout
    assert "[bold red]boom[/]" in result.stdout
    assert "\\x1b[31mred" in result.stdout


def test_confirmations_and_errors_are_inert_too(run: Run) -> None:
    added = run("person", "add", f"Eve {HOSTILE}", "--role", "mentee")
    assert "\x1b" not in added.stdout and "\\x1b" in added.stdout
    failed = run("note", "--with", "\x1b[2Jghost", "x")
    assert failed.exit_code == 1 and "\x1b" not in failed.stderr and "\\x1b[2Jghost" in failed.stderr


def test_json_output_escapes_control_characters(run: Run) -> None:
    run("note", HOSTILE)
    result = run("show", "session", "1", "--json")
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
    assert json.loads(result.stdout)["notes"] == HOSTILE


def test_nul_in_text_is_refused(run: Run, db_path: Path) -> None:
    result = run("action", "add", "bad\x00text")
    assert result.exit_code == 2 and "NUL" in result.stderr
    assert counts(db_path) == {}


def test_invalid_utf8_on_stdin_is_a_clear_error(run: Run, db_path: Path) -> None:
    result = run("note", input=b"caf\xe9 \xff\xfe")
    assert result.exit_code == 2 and "not valid UTF-8" in result.stderr
    assert counts(db_path) == {}


def test_unexpected_errors_hide_the_traceback_unless_debugging(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorlog.store.records import actions

    def broken(*args: object, **kwargs: object) -> None:
        message = "secret " + "note text"  # as if it came from the journal: not on the traceback's source line
        raise RuntimeError(message)

    monkeypatch.setattr(actions.ActionsRepo, "list_actions", broken)
    run("note", "something to list")
    result = run("actions")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Error: unexpected RuntimeError; nothing was changed"
    assert "secret note text" not in result.stderr and "Traceback" not in result.stderr
    debug = run("actions", env={"MENTORLOG_DEBUG": "1"})
    assert debug.exit_code == 1
    assert "Traceback (most recent call last)" in debug.stderr and "list_actions" in debug.stderr
    assert "RuntimeError: (message hidden)" in debug.stderr and "secret note text" not in debug.stderr


def test_usage_errors_are_two_plain_lines(run: Run) -> None:
    result = run("actions", "--bogus")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == ["Error: No such option: --bogus", "See 'mentorlog actions --help'."]


def test_a_corrupt_journal_is_exit_1_and_left_alone(run: Run, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = db_path.read_bytes()
    for command in (["actions"], ["note", "x"]):
        result = run(*command)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error:") and "Traceback" not in result.output
    assert db_path.read_bytes() == before


def test_a_folder_as_journal_is_exit_1(run: Run, tmp_path: Path) -> None:
    result = run("--db", str(tmp_path), "actions")
    assert result.exit_code == 1 and "is a folder" in result.stderr
