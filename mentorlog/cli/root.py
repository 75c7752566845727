"""The root command, its global options, and the one place where errors become messages and exit codes."""

from __future__ import annotations

import contextlib
import errno
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from mentorlog import __version__
from mentorlog.base.errors import BadValue, MentorlogError
from mentorlog.base.i18n import N_, _
from mentorlog.base.safe import inert
from mentorlog.cli import helptext

EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # what a shell reports for `git log | head`: killed by SIGPIPE, quietly


def fail(message: str, hint: str | None, exit_code: int) -> typer.Exit:
    """Print `Error: MESSAGE` (and a hint) on stderr as plain, inert text; the caller raises the result."""
    _echo_err(_("Error: {message}").format(message=inert(message)))
    if hint:
        _echo_err(inert(hint))
    return typer.Exit(exit_code)


def _echo_err(line: str) -> None:
    with contextlib.suppress(OSError, UnicodeError, ValueError):  # stderr is gone or cannot encode: nothing to add
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


def _is_usage_error(exc: BaseException) -> bool:
    """A click usage error (bad option, missing argument), as raised by Typer's bundled click."""
    return isinstance(exc, typer.TyperException) and getattr(exc, "exit_code", 1) == 2


def _usage(exc: BaseException) -> typer.Exit:
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "mentorlog"
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    return fail(helptext.click_message(message), _("See '{command} --help'.").format(command=command), 2)


def _bad_value(exc: BadValue) -> typer.Exit:
    from mentorlog.cli import common

    flag = common.flag_for(exc.field)
    message = f"{exc.message} ({flag})" if flag and flag not in exc.message else exc.message
    return fail(message, exc.hint, exc.exit_code)


def _interrupted() -> typer.Exit:
    from mentorlog.cli import common

    _echo_err("")
    saved = common.committed()
    _echo_err(_("Interrupted; the change was saved.") if saved else _("Interrupted; nothing was changed."))
    return typer.Exit(EXIT_INTERRUPTED)


def _broken_pipe() -> typer.Exit:
    """The reader went away (`| head`): stop quietly, as git does."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return typer.Exit(EXIT_BROKEN_PIPE)


def _unexpected(exc: BaseException) -> typer.Exit:
    from mentorlog.cli import common

    if common.debugging():
        _print_redacted_traceback(exc)
    if common.committed():
        return fail(
            _("the change was saved, but printing the result failed ({name})").format(name=type(exc).__name__),
            _("Check with `mentorlog undo --dry-run`; do not run the command again."),
            1,
        )
    return fail(
        _("unexpected {name}; nothing was changed").format(name=type(exc).__name__),
        _("Run again with MENTORLOG_DEBUG=1 to see where, and please report it."),
        1,
    )


def _output_failed(exc: OSError | UnicodeError) -> typer.Exit:
    from mentorlog.base.i18n import os_reason
    from mentorlog.cli import common

    reason = os_reason(exc) if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
    if common.committed():
        return fail(
            _("the change was saved, but its confirmation could not be printed ({reason})").format(reason=reason),
            None,
            1,
        )
    return fail(_("cannot write the output ({reason}); nothing was changed").format(reason=reason), None, 1)


def translate(exc: BaseException) -> BaseException:
    """The exception a command ended with, as what leaves mentorlog: a typer.Exit with its message shown."""
    if isinstance(exc, typer.Exit):
        return exc
    if isinstance(exc, BadValue):
        return _bad_value(exc)
    if isinstance(exc, MentorlogError):
        return fail(exc.message, exc.hint, exc.exit_code)
    if isinstance(exc, (KeyboardInterrupt, typer.Abort)):
        return _interrupted()
    if isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno == errno.EPIPE):
        return _broken_pipe()
    if _is_usage_error(exc):
        return _usage(exc)
    if isinstance(exc, typer.TyperException):
        return fail(str(exc), None, int(getattr(exc, "exit_code", 1)))
    if isinstance(exc, UnicodeEncodeError) or (isinstance(exc, OSError) and _is_output_error(exc)):
        return _output_failed(exc)
    return _unexpected(exc)


def _is_output_error(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EIO, errno.EBADF) and exc.filename is None


# The root --help, grouped as a person uses mentorlog: what to run after a meeting, what to read before
# one, what to do with the file. One whole line each (at 80 columns), never cut with "...".
HELP_INDEX: dict[str, dict[str, str]] = {
    N_("Record"): {
        "note": N_("Record a session: notes, feedback, confidence, actions"),
        "reflect": N_("Write down what went well, what was hard, what is next"),
        "action": N_("Add action items; mark them done, dropped or open"),
        "goal": N_("Add goals and milestones, record progress, change status"),
        "topic": N_("Queue a topic for the next meeting with someone"),
        "skill": N_("Track a skill; rate it, in my view or theirs"),
        "person": N_("Add, change, close or reopen a relationship"),
        "edit": N_("Change a record, by flags or in $EDITOR"),
        "delete": N_("Delete a record (asks first)"),
        "undo": N_("Undo the last command; --list, --dry-run"),
    },
    N_("Review"): {
        "today": N_("The day's dashboard (also plain `mentorlog`)"),
        "agenda": N_("Prepare the next meeting with someone"),
        "actions": N_("Open action items, overdue first; --by-person"),
        "goals": N_("Goals with progress bars and milestones"),
        "sessions": N_("Sessions, newest first"),
        "people": N_("People, their meetings and whether the cadence is kept"),
        "topics": N_("Topics to raise at the next meetings"),
        "reflections": N_("Reflections, newest first"),
        "show": N_("One record in full"),
        "search": N_("Search everything; word forms and prefixes match"),
        "timeline": N_("Progress over time, month by month"),
        "summary": N_("A period condensed: meetings, actions, goals, confidence"),
        "health": N_("How each relationship is doing, both sides, with reasons"),
        "skills": N_("Skills: latest levels in both views, change, gaps"),
    },
    N_("Data"): {
        "export": N_("A review (md, html), data (json, csv) or a calendar (ics)"),
        "import": N_("Merge a JSON dump; importing twice changes nothing"),
        "backup": N_("A checked, consistent copy of the journal"),
        "sync": N_("Share the journal with your other machines through a folder"),
        "encrypt": N_("Encrypt the journal with a passphrase (SQLCipher)"),
        "decrypt": N_("Make an encrypted journal plain SQLite again"),
        "passphrase": N_("Change the passphrase of an encrypted journal"),
        "demo": N_("Try mentorlog on a new journal with half a year of examples"),
    },
}
OTHER_PANEL = N_("Other")  # a command missing from HELP_INDEX lands here (a test keeps it empty)


def help_rows(group: Any, ctx: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """The command list of a --help: panels of (name, whole summary), in the index's order."""
    names = [name for name in group.list_commands(ctx) if not group.get_command(ctx, name).hidden]
    if ctx.parent is not None:  # a sub-group (`mentorlog goal --help`): its commands, first sentence, uncut
        return [(_("Commands"), [(name, group.get_command(ctx, name).get_short_help_str(200)) for name in names])]
    panels: list[tuple[str, list[tuple[str, str]]]] = []
    for panel, summaries in HELP_INDEX.items():
        rows = [(name, _(summary)) for name, summary in summaries.items() if name in names]
        if rows:
            panels.append((_(panel), rows))
    listed = {name for summaries in HELP_INDEX.values() for name in summaries}
    other = [(name, group.get_command(ctx, name).get_short_help_str(200)) for name in names if name not in listed]
    return panels + ([(_(OTHER_PANEL), other)] if other else [])


class MentorlogGroup(TyperGroup):
    context_class = helptext.Context

    """Turns every error into two plain lines and an exit code; no traceback unless MENTORLOG_DEBUG=1.

    It also records the path of the command being run (`mentorlog goal add`), for the undo log.
    """

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("parent") is None:
            from mentorlog.cli import common

            common.reset()  # a new command line: nothing left from the last one (tests run many in one process)
            common.choose_language()
        try:
            return super().make_context(*args, **kwargs)
        except (typer.Exit, SystemExit):
            raise
        except BaseException as exc:
            raise translate(exc) from None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        found = super().resolve_command(ctx, args)
        name = found[0]
        if name:
            from mentorlog.cli import common

            common.set_command_path(f"{ctx.command_path} {name}")
        return found

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """TAB after `mentorlog`: each command with its whole one-line summary (zsh and fish show it)."""
        found: list[Any] = super().shell_complete(ctx, incomplete)
        if ctx.parent is None:
            summaries = {name: _(summary) for panel in HELP_INDEX.values() for name, summary in panel.items()}
            for item in found:
                item.help = summaries.get(item.value, item.help)
        return found

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        panels = help_rows(self, ctx)
        width = max((len(name) for _, rows in panels for name, _ in rows), default=0)
        for panel, rows in panels:  # one column for all panels, so the summaries line up
            with formatter.section(panel):
                formatter.write_dl([(name.ljust(width), summary) for name, summary in rows])

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, SystemExit):
            raise
        except BaseException as exc:
            raise translate(exc) from None


def _print_redacted_traceback(exc: BaseException) -> None:
    """Where it went wrong, for MENTORLOG_DEBUG=1: the frames, never the message (it may quote a note)."""
    import traceback

    frames = "".join(traceback.format_tb(exc.__traceback__))
    _echo_err(f"Traceback (most recent call last):\n{frames}{type(exc).__qualname__}: (message hidden)")


app = helptext.Typer(
    cls=MentorlogGroup,
    name="mentorlog",
    help="A personal mentoring journal: sessions, goals, action items, reflections and topics.",
    epilog=N_(
        "Dates: 2026-12-03, 3.12., Dec 3, tomorrow, fri, next friday, in 2 weeks, +1m, eom. "
        "Data: MENTORLOG_DB or --db; config: MENTORLOG_CONFIG."
    ),
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish); see cli/completion.py
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
    from mentorlog.cli import common

    common.start(db_option=db)
    if ctx.invoked_subcommand is None:  # bare `mentorlog`: the day's dashboard
        from mentorlog.cli.views import today

        today(json_=False)


def sub_app(help_text: str) -> typer.Typer:
    """A command group (goal, action, topic, person) with the same plain help and error handling as the root."""
    return helptext.Typer(
        cls=MentorlogGroup, help=help_text, no_args_is_help=True, rich_markup_mode=None, add_completion=False
    )
