"""issue 11.13: hints and confirmations fit 80 columns (paths and the user's own words aside)."""

from __future__ import annotations

from pathlib import Path

from .conftest import Run

WIDTH = 80


def lines_of(text: str, tmp_path: Path) -> list[str]:
    """The lines a person reads, with the test's own folder (any length on another machine) as `P`."""
    return text.replace(str(tmp_path), "P").splitlines()


def test_hints_and_confirmations_fit_80_columns(run: Run, tmp_path: Path) -> None:
    seen: list[tuple[list[str], str]] = []

    def go(*args: str, code: int | None = 0, input: str | None = None) -> None:
        result = run(*args, input=input, env={"COLUMNS": str(WIDTH)})
        assert code is None or result.exit_code == code, (args, result.output)
        for line in lines_of(result.stderr, tmp_path):
            seen.append((list(args), line))
        if not any(view in args for view in ("sessions", "actions", "people", "--help")):
            for line in lines_of(result.stdout, tmp_path):
                seen.append((list(args), line))

    go("sessions", code=1)  # no journal yet: names the path, suggests the first command
    go("person", "add", "Ann Lee", "--role", "mentee", "--cadence", "2w", "--since", "2026-09-01")
    go("person", "add", "Dr. Weber", "--role", "mentor")
    go("note", "--with", "Zed", "met", code=1)  # unknown person, stdin not a terminal
    go("note", "--with", "ann", "--date", "last tue", "--next", "next fri", "Met #career", "--action", "read it")
    go("note", "--with", "ann", "--private", "secret", "--action", "private homework", "--action", "two")
    go("action", "add", "Draft the abstract", "--with", "ann", "--due", "next friday")
    go("action", "add", "x", "--due", "Dec 32", code=2)
    go("action", "done", "1,3", "9", code=1)
    go("action", "done", "1,3")
    go("goal", "add", "Give a talk", "--with", "weber", "--target", "eoy")
    go("goal", "add", "Talk outline", "--parent", "1")
    go("delete", "goal", "1", code=1)
    go("delete", "person", "1", code=1)
    go("topic", "add", "Conference budget", "--with", "ann")
    go("reflect", "--with", "ann", "Listening works")
    go("undo", "--dry-run")
    go("undo", "--list")
    go("export", "--format", "md", "-o", str(tmp_path / "review.md"))
    go("export", "--format", "md", "-o", str(tmp_path / "data" / "journal.db"), code=2)
    go("sync", "--status")
    go("search", "zzzz")
    go("demo", "--json")
    (tmp_path / "config.toml").write_text('default_with = "ann"\nweek_start = "friday"\n')
    go("actions", code=2)
    (tmp_path / "config.toml").write_text('default_with = "ann"\ncolour = 1\n')
    go("actions")
    go("timeline", "--since", "1y")
    too_wide = [(args, line) for args, line in seen if len(line) > WIDTH]
    assert not too_wide, "\n".join(f"{' '.join(args)}: {line!r} ({len(line)})" for args, line in too_wide)
    assert len(seen) > 30  # the scenario really printed what it is meant to check


def test_an_unknown_person_gets_one_hint_valid_for_that_command(run: Run) -> None:
    """issue 11.13: `--create` is offered only by commands that have it."""
    run("person", "add", "Anna", "--role", "mentee")
    for command in (["actions", "--with", "ghost"], ["sessions", "--with", "ghost"], ["agenda", "--with", "ghost"],
                    ["summary", "--with", "ghost"], ["export", "--with", "ghost"]):  # fmt: skip
        result = run(*command)
        lines = result.stderr.splitlines()
        assert result.exit_code == 1 and len(lines) == 2, (command, result.stderr)
        assert lines[0] == "Error: no person named 'ghost'" and "--create" not in lines[1], command
        assert "mentorlog person add ghost" in lines[1]
    for command in (["note", "--with", "ghost", "x"], ["action", "add", "x", "--with", "ghost"],
                    ["goal", "add", "x", "--with", "ghost"], ["topic", "add", "x", "--with", "ghost"],
                    ["reflect", "x", "--with", "ghost"]):  # fmt: skip
        result = run(*command)
        lines = result.stderr.splitlines()
        assert result.exit_code == 1 and len(lines) == 2 and "--create" in lines[1], (command, result.stderr)
