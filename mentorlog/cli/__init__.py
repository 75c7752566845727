"""The command line: the root app and one module per noun. The only package that imports typer.

The root group loads a command's module only when that command is run, shown or completed
(cli/registry.py), so Typer builds one command instead of all of them: a measurable part of every
command's start-up. `--help` needs no command module at all; an unknown command loads none either.
"""

from __future__ import annotations

import sys
from typing import Any

GLOBAL_OPTIONS_WITH_VALUE = ("--db",)
UNBOUNDED = (None, "data", "sync", "crypto")  # modules whose commands may handle every record: garbage collected


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
        from mentorlog.cli.root import app

        return app
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
    from mentorlog.cli import completion, registry

    if completion.asked():  # a shell asks for completions: the root group loads only the command being completed
        completion.plain_help()
    else:
        args = sys.argv[1:]
        found = registry.find(command_name(args) or "")
        if found is None and not _asks_for_something(args):
            found = registry.find(registry.DASHBOARD)  # bare `mentorlog` (perhaps with --db PATH)
        if (found.module if found else None) not in UNBOUNDED:
            import gc

            gc.disable()  # a short command's objects die by reference count; collecting costs ~5 ms of start-up
    import typer

    from mentorlog.cli.root import app

    command = typer.main.get_command(app)
    if completion.asked():
        completion.use_typed_words()  # after Typer registered its shell classes (get_command)
    command.main(prog_name="mentorlog")
