"""The command line: the root app and one module per noun. The only package that imports typer.

`main()` imports only the module of the command being run, so Typer builds one command instead of
thirty (a measurable part of every command's start-up); `--help` and unknown commands load them all.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from importlib import import_module
from typing import Any

from mentorlog.store import tables

# the noun modules in the order their commands are registered (that order shows in completion); a record kind's
# module that the table registry names and this list lacks comes after them
MODULES: tuple[str, ...] = (
    "notes", "goals", "actions", "reflections", "people", "records", "views", "search", "data", "sync", "crypto",
    "skills",
)  # fmt: skip
# command word -> its module: the record kinds' nouns from the table registry (store/tables.py), then the rest
COMMANDS = {
    **tables.noun_commands(),
    "show": "records", "edit": "records", "delete": "records", "undo": "records", "timeline": "views",
    "summary": "views", "agenda": "views", "search": "search", "health": "views", "export": "data", "import": "data",
    "backup": "data", "demo": "data", "today": "views", "sync": "sync", "encrypt": "crypto", "decrypt": "crypto",
    "passphrase": "crypto",
}  # fmt: skip
MODULES += tuple(module for module in dict.fromkeys(COMMANDS.values()) if module not in MODULES)
GLOBAL_OPTIONS_WITH_VALUE = ("--db",)
UNBOUNDED = (None, "data", "sync", "crypto")  # modules whose commands may handle every record: garbage collected
COMPLETION_OPTIONS = ("--install-completion", "--show-completion")  # the root's, added by Typer


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


def degrade_output() -> None:
    """On a stream that cannot encode the views' glyphs (a cp1252 redirect, an old server's C locale),
    print ASCII look-alikes instead of crashing: `█` becomes `#`, `→` becomes `->`."""
    import codecs

    from mentorlog.base.safe import ascii_fallback

    codecs.register_error("mentorlog-ascii", ascii_fallback)
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "█→●".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="mentorlog-ascii")


def _asks_for_something(args: list[str]) -> bool:
    """Anything on the command line besides the global --db option (help, version, a command)?"""
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg in GLOBAL_OPTIONS_WITH_VALUE:
            if rest:
                rest.pop(0)
        elif not arg.startswith("--db="):
            return True
    return False


def main() -> None:
    degrade_output()
    from mentorlog.cli import completion

    typed = completion.words_before_cursor()
    if typed is not None:  # a shell asks for completions: the command's module, or every one for its name
        import typer

        wanted = COMMANDS.get(command_name(typed) or "")
        command = typer.main.get_command(load((wanted,) if wanted else MODULES))
        completion.plain_help_shells()  # after Typer registered its own shell classes
        command.main(prog_name="mentorlog")
        return
    args = sys.argv[1:]
    word = command_name(args) or ""
    module: str | None = COMMANDS.get(word)
    if module is None and not _asks_for_something(args):
        module = "views"  # bare `mentorlog` (perhaps with --db PATH) shows the day's dashboard
    if module not in UNBOUNDED:
        import gc

        gc.disable()  # a short command's objects die by reference count; collecting costs ~5 ms of start-up
    application = load((module,) if module else MODULES)
    if word in COMMANDS:
        import typer

        completion_asked = any(arg.startswith(COMPLETION_OPTIONS) for arg in args)
        with only(application, word, completion=completion_asked):  # Typer builds one command, not its module's
            command = typer.main.get_command(application)
        command.main(prog_name="mentorlog")
        return
    application(prog_name="mentorlog")


@contextlib.contextmanager
def only(application: Any, word: str, *, completion: bool) -> Iterator[None]:
    """The root app with only the command (or group) WORD registered, for as long as the block runs; without
    COMPLETION, also without the root's --install-completion/--show-completion (Typer inspects them slowly)."""
    commands, groups = application.registered_commands, application.registered_groups
    add_completion = application._add_completion
    application._add_completion = add_completion and completion
    application.registered_commands = [
        info for info in commands if (info.name or info.callback.__name__.lower().replace("_", "-")) == word
    ]
    application.registered_groups = [info for info in groups if info.name == word]
    try:
        yield
    finally:
        application.registered_commands, application.registered_groups = commands, groups
        application._add_completion = add_completion
