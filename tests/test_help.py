"""Every command explains itself; --version is plain; the command registry matches the real command tree."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer

from mentorlog import __version__
from mentorlog.cli import app, registry

from .conftest import Run
from .processes import tree_env


def command_tree() -> list[list[str]]:
    """Every command path of the real command tree (walked through click's Group API, not a hand-kept list)."""
    root = typer.main.get_command(app)
    found: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        ctx = typer.Context(command, info_name="mentorlog")
        for name in sorted(command.list_commands(ctx) if hasattr(command, "list_commands") else []):
            found.append([*path, name])
            walk(command.get_command(ctx, name), [*path, name])

    walk(root, [])
    return found


COMMAND_TREE = command_tree()


def test_the_tree_has_every_command_of_the_contract() -> None:
    names = {" ".join(path) for path in COMMAND_TREE}
    for expected in ("note", "sessions", "show", "edit", "delete", "goal add", "goal progress", "goal done",
                     "goals", "action add", "action done", "actions", "reflect", "topic add", "topics",
                     "person add", "people", "agenda", "timeline", "summary", "search", "export", "import",
                     "backup", "undo", "demo", "skill add", "skill rate", "skills"):  # fmt: skip
        assert expected in names


@pytest.mark.parametrize("command", COMMAND_TREE, ids=" ".join)
def test_every_command_has_help_text(run: Run, command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert f"Usage: mentorlog {' '.join(command)}" in result.stdout.replace("  ", " ")
    description = result.stdout.split("\n\n")[1].strip()
    assert len(description) > 10, result.stdout


def test_each_registered_command_is_defined_under_its_name() -> None:
    """The root imports only the module of the command run: the registry names each command's real module."""
    for entry in registry.COMMANDS:
        assert typer.main.get_command(entry.app()).name == entry.name, entry  # the module's `<name>_app`


def test_the_registry_is_the_whole_tree() -> None:
    assert len(registry.names()) == len(set(registry.names()))
    assert {path[0] for path in COMMAND_TREE} == set(registry.names())


@pytest.mark.slow
@pytest.mark.parametrize("name", registry.names())
def test_each_command_runs_with_only_its_own_module_loaded(name: str, tmp_path: Any) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mentorlog", name, "--help"],
        env=tree_env(tmp_path / "j.db"), capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"Usage: mentorlog {name}" in done.stdout.replace("  ", " ")


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"mentorlog {__version__}"


def test_root_help_lists_the_main_commands_and_date_forms(run: Run) -> None:
    result = run("--help")
    for name in ("note", "actions", "goal", "reflect", "people", "topics"):
        assert f"  {name} " in result.stdout
    assert "next friday" in result.stdout


def test_root_help_groups_every_command_with_a_whole_one_line_summary(run: Run) -> None:
    """issue 11.13: Record / Review / Data, every command in one of them, no summary cut with `...`."""
    result = run("--help", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    headings = [line for line in lines if line and not line.startswith(" ") and line.endswith(":")]
    assert headings == ["Options:", "Record:", "Review:", "Data:"]
    for entry in registry.COMMANDS:
        row = next(line for line in lines if line.split()[:1] == [entry.name])
        assert row.endswith(entry.summary), row  # whole, on its own line
    assert "..." not in result.stdout.split("\n", 1)[1]  # (the usage line ends in [ARGS]...)
    assert max(len(line) for line in lines) <= 80
    note_row = next(line for line in lines if line.startswith("  note "))
    demo_row = next(line for line in lines if line.startswith("  demo "))
    assert note_row.index("Record") == demo_row.index("Try")  # one column across the panels


def test_a_group_help_lists_whole_first_sentences(run: Run) -> None:
    result = run("goal", "--help", env={"COLUMNS": "80"})
    assert "Mark a goal achieved: progress becomes 100 and today is recorded." in result.stdout
    assert "..." not in result.stdout.split("\n", 1)[1]  # (the usage line ends in [ARGS]...)
