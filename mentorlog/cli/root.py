"""The root command, its global options, and the one place where errors become messages and exit codes."""

from __future__ import annotations

import os
from typing import Any

import typer
from typer.core import TyperGroup

from mentorlog import __version__
from mentorlog.cli.clickapi import ClickException, UsageError
from mentorlog.errors import MentorlogError
from mentorlog.safe import inert


class CliError(ClickException):
    """A MentorlogError on its way out: `Error: ...` and a hint on stderr, and its exit code."""

    def __init__(self, message: str, hint: str | None, exit_code: int) -> None:
        super().__init__(message)
        self.hint = hint
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        typer.echo(f"Error: {inert(self.message)}", err=True)
        if self.hint:
            typer.echo(inert(self.hint), err=True)


def _usage_error(exc: UsageError) -> CliError:
    command = exc.ctx.command_path if exc.ctx else "mentorlog"
    return CliError(exc.format_message(), f"See '{command} --help'.", exc.exit_code)


class MentorlogGroup(TyperGroup):
    """Turns domain errors and click usage errors into two plain lines; no traceback unless MENTORLOG_DEBUG=1."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except UsageError as exc:
            raise _usage_error(exc) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except MentorlogError as exc:
            raise CliError(exc.message, exc.hint, exc.exit_code) from None
        except UsageError as exc:
            raise _usage_error(exc) from None
        except (ClickException, typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if os.environ.get("MENTORLOG_DEBUG") == "1":
                _print_redacted_traceback(exc)
            raise CliError(
                f"unexpected {type(exc).__name__}; nothing was changed",
                "Run again with MENTORLOG_DEBUG=1 to see where, and please report it.",
                1,
            ) from None


def _print_redacted_traceback(exc: BaseException) -> None:
    """Where it went wrong, for MENTORLOG_DEBUG=1: the frames, never the message (it may quote a note)."""
    import traceback

    frames = "".join(traceback.format_tb(exc.__traceback__))
    typer.echo(f"Traceback (most recent call last):\n{frames}{type(exc).__qualname__}: (message hidden)", err=True)


app = typer.Typer(
    cls=MentorlogGroup,
    name="mentorlog",
    help="A personal mentoring journal: sessions, goals, action items, reflections and topics.",
    epilog="Dates: 2026-12-03, 3.12., Dec 3, tomorrow, fri, next friday, in 2 weeks, +1m, eom. "
    "Data: MENTORLOG_DB or --db; config: MENTORLOG_CONFIG.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"mentorlog {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None, "--db", metavar="PATH", help="The journal file (default: MENTORLOG_DB, else the user data folder)."
    ),
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """A personal mentoring journal: sessions, goals, action items, reflections and topics."""
    from mentorlog.cli.common import AppState

    ctx.obj = AppState(db_option=db)


def sub_app(help_text: str) -> typer.Typer:
    """A command group (goal, action, topic, person) with the same plain help as the root."""
    return typer.Typer(help=help_text, no_args_is_help=True, rich_markup_mode=None, add_completion=False)
