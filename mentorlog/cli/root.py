"""The root command, its global options, and the one place where errors become messages and exit codes."""

from __future__ import annotations

import contextlib
import errno
import sys
from difflib import get_close_matches
from typing import Any

import typer
from typer.core import TyperGroup

from mentorlog import __version__
from mentorlog.base.errors import BadValue, MentorlogError
from mentorlog.base.i18n import N_, _
from mentorlog.base.safe import inert
from mentorlog.cli import helptext, registry

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


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that what is still in its buffer cannot fail again when Python exits (which
    would print "Exception ignored" and exit 120 instead of our message and code)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _broken_pipe() -> typer.Exit:
    """The reader went away (`| head`): stop quietly, as git does."""
    _silence_stdout()
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
    if isinstance(exc, OSError):
        _silence_stdout()  # a full disk or a dead device: what is left in the buffer would fail again at exit
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


class MentorlogGroup(TyperGroup):
    """Turns every error into two plain lines and an exit code; no traceback unless MENTORLOG_DEBUG=1.

    It also records the path of the command being run (`mentorlog goal add`), for the undo log.
    """

    context_class = helptext.Context

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
        return helptext.one_line_help(super().shell_complete(ctx, incomplete))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        panels = self.help_panels(ctx)
        width = max((len(name) for _, rows in panels for name, _ in rows), default=0)
        for panel, rows in panels:  # one column for all panels, so the summaries line up
            with formatter.section(panel):
                formatter.write_dl([(name.ljust(width), summary) for name, summary in rows])

    def help_panels(self, ctx: Any) -> list[tuple[str, list[tuple[str, str]]]]:
        """A group's commands (`mentorlog goal --help`): each with its first sentence, uncut."""
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        rows = [(name, command.get_short_help_str(200)) for name, command in commands if command and not command.hidden]
        return [(_("Commands"), rows)]

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, SystemExit):
            raise
        except BaseException as exc:
            raise translate(exc) from None


COMPLETION_HELP = {
    "install_completion": N_("Install completion for SHELL (bash, zsh or fish; default: the current shell)."),
    "show_completion": N_("Print the completion script of SHELL (bash, zsh or fish; default: the current shell)."),
}


class RootGroup(MentorlogGroup):
    """`mentorlog` itself: its commands come from the command registry, each module imported only when its
    command is run, shown or completed (click's documented pattern for lazily loading subcommands)."""

    def list_commands(self, ctx: Any) -> list[str]:
        return registry.names()

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for param in params:  # Typer's completion options, which take a SHELL here (completion.shell_option)
            param.help = COMPLETION_HELP.get(param.name or "", param.help)
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from mentorlog.cli import completion

        completion.shell_option(self, args)  # `--show-completion zsh`: that shell's script, not the current shell's
        result: list[str] = super().parse_args(ctx, args)
        return result

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = registry.find(cmd_name)
        return typer.main.get_command(found.app()) if found is not None else None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException as exc:  # `No such command 'sesions'.`: said with the names it is close to
            if _is_usage_error(exc) and self.suggest_commands and args:
                matches = get_close_matches(args[0], self.list_commands(ctx))
                if matches:
                    exc.message = f"{exc.message.rstrip('.')}. Did you mean {', '.join(map(repr, matches))}?"
            raise

    def help_panels(self, ctx: Any) -> list[tuple[str, list[tuple[str, str]]]]:
        """The root --help, grouped as a person uses mentorlog, from the registry (no command module imported)."""
        return registry.panels()

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """TAB after `mentorlog`: each command with its whole one-line summary (zsh and fish show it)."""
        found: list[Any] = super().shell_complete(ctx, incomplete)
        for item in found:
            item.help = registry.summary(item.value) or item.help
        return found


def _print_redacted_traceback(exc: BaseException) -> None:
    """Where it went wrong, for MENTORLOG_DEBUG=1: the frames, never the message (it may quote a note)."""
    import traceback

    frames = "".join(traceback.format_tb(exc.__traceback__))
    _echo_err(f"Traceback (most recent call last):\n{frames}{type(exc).__qualname__}: (message hidden)")


app = helptext.Typer(
    cls=RootGroup,
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
    if ctx.invoked_subcommand is None:  # bare `mentorlog`: the day's dashboard, as `mentorlog today` shows it
        dashboard = typer.main.get_command(registry.BY_NAME[registry.DASHBOARD].app())
        with dashboard.make_context(registry.DASHBOARD, [], parent=ctx) as dashboard_ctx:
            dashboard.invoke(dashboard_ctx)


def command_app() -> typer.Typer:
    """The Typer app of one top-level command (`note_app`): the registry names it, the root loads it when needed."""
    return helptext.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)


def sub_app(name: str, help_text: str) -> typer.Typer:
    """A command group (goal, action, topic, person) with the same plain help and error handling as the root."""
    return helptext.Typer(
        cls=MentorlogGroup,
        name=name,
        help=help_text,
        callback=_group,  # a group even with one command (`topic add`)
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=False,
    )


def _group() -> None:
    pass  # a group's own step: nothing (its help is the sub_app's help text)
