"""Every command explains itself; --version is plain."""

from __future__ import annotations

import pytest

from mentorlog import __version__

from .conftest import Run

COMMANDS = [
    ["note"], ["sessions"], ["show"], ["edit"], ["delete"], ["goal"], ["goal", "add"], ["goal", "progress"],
    ["goal", "done"], ["goal", "drop"], ["goal", "pause"], ["goal", "resume"], ["goals"], ["action"],
    ["action", "add"], ["action", "done"], ["action", "drop"], ["action", "reopen"], ["actions"], ["reflect"],
    ["reflections"], ["topic"], ["topic", "add"], ["topics"], ["person"], ["person", "add"], ["people"], ["search"],
    ["timeline"], ["summary"], ["agenda"], ["export"], ["import"], ["backup"], ["demo"], ["undo"],
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_text(run: Run, command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert f"Usage: mentorlog {' '.join(command)}" in result.stdout.replace("  ", " ")
    description = result.stdout.split("\n\n")[1].strip()
    assert len(description) > 10, result.stdout


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"mentorlog {__version__}"


def test_root_help_lists_the_main_commands_and_date_forms(run: Run) -> None:
    result = run("--help")
    for name in ("note", "actions", "goal", "reflect", "people", "topics"):
        assert f"  {name} " in result.stdout
    assert "next friday" in result.stdout
