"""The command line: the root app and one module per noun. The only package that imports typer.

`main()` imports only the module of the command being run, so Typer builds one command instead of
thirty (a measurable part of every command's start-up); `--help` and unknown commands load them all.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any

MODULES = ("notes", "goals", "actions", "reflections", "people", "records", "views", "search", "data", "crypto")
COMMANDS = {
    "note": "notes", "sessions": "notes", "goal": "goals", "goals": "goals", "action": "actions",
    "actions": "actions", "reflect": "reflections", "reflections": "reflections", "person": "people",
    "people": "people", "topic": "people", "topics": "people", "show": "records", "edit": "records",
    "delete": "records", "undo": "records", "timeline": "views", "summary": "views", "agenda": "views",
    "search": "search", "export": "data", "import": "data", "backup": "data", "demo": "data",
    "encrypt": "crypto", "decrypt": "crypto", "passphrase": "crypto",
}  # fmt: skip
GLOBAL_OPTIONS_WITH_VALUE = ("--db",)


def load(modules: tuple[str, ...] = MODULES) -> Any:
    """Register the commands of MODULES on the root app and return it."""
    for module in modules:
        import_module(f"mentorlog.cli.{module}")
    from mentorlog.cli.root import app

    return app


def command_name(args: list[str]) -> str | None:
    """The command a command line asks for, skipping the global options before it."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
        elif arg in ("--help", "-h"):
            return None
        elif not arg.startswith("-"):
            return arg
    return None


def __getattr__(name: str) -> Any:
    if name == "app":  # `from mentorlog.cli import app`: the whole command line, for tests and tools
        return load()
    raise AttributeError(name)


def main() -> None:
    module = COMMANDS.get(command_name(sys.argv[1:]) or "")
    application = load((module,) if module else MODULES)
    application(prog_name="mentorlog")
