"""The command registry: every top-level command, the module that defines it, its section of the root
--help and its one-line summary there (and in zsh/fish completion).

It drives the root group (cli/root.py, click's "lazily loading subcommands" pattern): a command's module
is imported only when that command runs, its help is shown or a TAB completes it, so Typer builds one
command instead of all of them. The module defines the command as its own Typer app named `<name>_app`
(`note_app`, `goal_app`, `import_app`). A new command is one function in its noun module and one entry here.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from mentorlog.base.i18n import N_, _

RECORD, REVIEW, DATA, OTHER = N_("Record"), N_("Review"), N_("Data"), N_("Other")


class Command:  # a plain class: a typing.NamedTuple compiles its constructor and annotations at every start
    """NAME is defined in mentorlog/cli/MODULE.py as `NAME_app`; the root --help lists it under PANEL with
    SUMMARY, one whole line (at 80 columns), never cut with "..."."""

    __slots__ = ("module", "name", "panel", "summary")

    def __init__(self, name: str, module: str, panel: str, summary: str) -> None:
        self.name, self.module, self.panel, self.summary = name, module, panel, summary

    def app(self) -> Any:
        """The command's Typer app (imports its module)."""
        return getattr(import_module(f"mentorlog.cli.{self.module}"), f"{self.name}_app")


# In the order of the root --help: what to run after a meeting, what to read before one, what to do with the file.
COMMANDS = (
    Command("note", "notes", RECORD, N_("Record a session: notes, feedback, confidence, actions")),
    Command("reflect", "reflections", RECORD, N_("Write down what went well, what was hard, what is next")),
    Command("action", "actions", RECORD, N_("Add action items; mark them done, dropped or open")),
    Command("goal", "goals", RECORD, N_("Add goals and milestones, record progress, change status")),
    Command("topic", "people", RECORD, N_("Queue a topic for the next meeting with someone")),
    Command("skill", "skills", RECORD, N_("Track a skill; rate it, in my view or theirs")),
    Command("person", "people", RECORD, N_("Add, change, close or reopen a relationship")),
    Command("templates", "templates", RECORD, N_("Note templates: list them; `templates init` to edit them")),
    Command("edit", "records", RECORD, N_("Change a record, by flags or in $EDITOR")),
    Command("delete", "records", RECORD, N_("Delete a record (asks first)")),
    Command("undo", "records", RECORD, N_("Undo the last command; --list, --dry-run")),
    Command("today", "views", REVIEW, N_("The day's dashboard (also plain `mentorlog`)")),
    Command("agenda", "views", REVIEW, N_("Prepare the next meeting with someone")),
    Command("actions", "actions", REVIEW, N_("Open action items, overdue first; --by-person")),
    Command("goals", "goals", REVIEW, N_("Goals with progress bars and milestones")),
    Command("sessions", "notes", REVIEW, N_("Sessions, newest first")),
    Command("people", "people", REVIEW, N_("People, their meetings and whether the cadence is kept")),
    Command("topics", "people", REVIEW, N_("Topics to raise at the next meetings")),
    Command("reflections", "reflections", REVIEW, N_("Reflections, newest first")),
    Command("show", "records", REVIEW, N_("One record in full")),
    Command("questions", "templates", REVIEW, N_("Questions to ask, by topic; those not asked yet with someone")),
    Command("search", "search", REVIEW, N_("Search everything; word forms and prefixes match")),
    Command("timeline", "views", REVIEW, N_("Progress over time, month by month")),
    Command("summary", "views", REVIEW, N_("A period condensed: meetings, actions, goals, confidence")),
    Command("health", "views", REVIEW, N_("How each relationship is doing, both sides, with reasons")),
    Command("skills", "skills", REVIEW, N_("Skills: latest levels in both views, change, gaps")),
    Command("browse", "browse", REVIEW, N_("The journal full-screen, with keys to change it (extra tui)")),
    Command("export", "data", DATA, N_("A review (md, html), data (json, csv) or a calendar (ics)")),
    Command("import", "data", DATA, N_("Merge a JSON dump; importing twice changes nothing")),
    Command("backup", "data", DATA, N_("A checked, consistent copy of the journal")),
    Command("sync", "sync", DATA, N_("Share the journal with your other machines through a folder")),
    Command("encrypt", "crypto", DATA, N_("Encrypt the journal with a passphrase (SQLCipher)")),
    Command("decrypt", "crypto", DATA, N_("Make an encrypted journal plain SQLite again")),
    Command("passphrase", "crypto", DATA, N_("Change the passphrase of an encrypted journal")),
    Command("demo", "data", DATA, N_("Try mentorlog on a new journal with half a year of examples")),
)
BY_NAME = {command.name: command for command in COMMANDS}
DASHBOARD = "today"  # what a bare `mentorlog` (perhaps with --db PATH) runs


def kind_commands() -> tuple[Command, ...]:
    """The commands of record kinds that the table registry (store/tables.py) names and that have no entry above
    yet (a new kind): under Other, with the summary their own help gives."""
    from mentorlog.store import tables

    return tuple(
        Command(word, module, OTHER, "") for word, module in tables.noun_commands().items() if word not in BY_NAME
    )


def names() -> list[str]:
    return [command.name for command in (*COMMANDS, *kind_commands())]


def find(name: str) -> Command | None:
    return BY_NAME.get(name) or next((command for command in kind_commands() if command.name == name), None)


def panels() -> list[tuple[str, list[tuple[str, str]]]]:
    """The root --help's sections in the chosen language: (panel, [(name, summary), ...]), in this order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for command in (*COMMANDS, *kind_commands()):
        text = _(command.summary) if command.summary else _first_line(command.app().info.help)
        found.setdefault(command.panel, []).append((command.name, text))
    return [(_(panel), rows) for panel, rows in found.items()]


def _first_line(help_text: object) -> str:
    return _(str(help_text)).split("\n", 1)[0] if help_text else ""


def summary(name: str) -> str | None:
    """NAME's one-line summary in the chosen language (None for a command that is not in the registry)."""
    command = BY_NAME.get(name)
    return _(command.summary) if command is not None else None
