"""What every command needs: the journal, config-aware dates, people, text from arg/stdin/editor, output."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from mentorlog.base import config as configuration
from mentorlog.base.errors import BadValue, MentorlogError, UsageError
from mentorlog.base.i18n import N_, _
from mentorlog.base.safe import inert

if TYPE_CHECKING:
    from mentorlog.core.dates import Direction, When
    from mentorlog.store.crypto.cipher import Keys, RawKey
    from mentorlog.store.journal import Journal, Outcome

MAX_TEXT_BYTES = 10 * 1024 * 1024
ROLE_PROMPT = N_("Role of {name} (mentor/mentee)")
T = TypeVar("T")


class AppState:
    """One command line's state: set up by the root command, read by the command that runs."""

    __slots__ = ("_keys", "_settings", "command_path", "db_option", "outcome")

    def __init__(self, db_option: str | None = None, command_path: str = "mentorlog") -> None:
        self.db_option, self.command_path = db_option, command_path
        self.outcome: Outcome | None = None
        self._settings: configuration.Settings | None = None
        self._keys: Keys | None = None

    def __repr__(self) -> str:
        return f"AppState(db_option={self.db_option!r}, command_path={self.command_path!r}, outcome={self.outcome!r})"

    @property
    def settings(self) -> configuration.Settings:
        if self._settings is None:
            self._settings = configuration.Settings.load(self.db_option)
        return self._settings

    @property
    def config(self) -> configuration.Config:
        return self.settings.config

    @property
    def db_path(self) -> Path:
        return configuration.db_path(self.db_option, self.settings.environment)


_STATE = AppState()


def reset() -> None:
    """Forget the last command line (the CLI runs many in one process under test)."""
    global _STATE
    _STATE = AppState()


def choose_language() -> None:
    """Before anything is shown (help texts too): the language of this command line. A bad config or
    environment is left to the command to report."""
    from mentorlog.base import i18n

    try:
        i18n.use(_STATE.settings.language)
    except MentorlogError:  # a bad config file: its error is said in the language the environment asks for
        import os

        i18n.use(i18n.choose(None, os.environ))


def start(db_option: str | None) -> None:
    """The root command: read the environment and the config once, and say what in them was ignored."""
    if db_option != _STATE.db_option:
        _STATE.db_option = db_option
        _STATE._settings = None
    for warning in _STATE.settings.config.warnings:
        typer.echo(_("Warning: {warning}").format(warning=inert(warning)), err=True)


def set_command_path(path: str) -> None:
    _STATE.command_path = path


def state() -> AppState:
    return _STATE


def committed() -> bool:
    """Whether this command's change is already saved (so a later error must not claim otherwise)."""
    return bool(_STATE.outcome and _STATE.outcome.committed)


def debugging() -> bool:
    try:
        return _STATE.settings.environment.debug
    except MentorlogError:
        return configuration.debug_requested()


def clock() -> configuration.Clock:
    return _STATE.settings.clock


def today() -> date:
    return clock().today


@contextlib.contextmanager
def journal(*, write: bool, logged: bool = True, missing_ok: bool = False) -> Iterator[Journal]:
    """The journal inside one transaction for this command; a write is logged for `undo` unless LOGGED is off.

    Reading a journal that does not exist is an error naming the path, unless MISSING_OK (then it reads
    as empty, for the checks a write makes before it creates the journal)."""
    from mentorlog.store.journal import Outcome, open_for_command

    settings = _STATE.settings
    outcome = Outcome()
    if write:
        _STATE.outcome = outcome
    if not write and not missing_ok and not _STATE.db_path.exists():
        raise MentorlogError(
            _("there is no journal at {db_path}").format(db_path=_STATE.db_path),
            _("Start with `mentorlog person add NAME --role mentee`, or try `mentorlog demo`."),
        )
    with open_for_command(
        _STATE.db_path,
        write=write,
        clock=settings.clock,
        command=_STATE.command_path if write and logged else None,
        busy_timeout=settings.environment.busy_timeout,
        pause_file=settings.environment.test_pause,
        outcome=outcome,
        keys=keys,
        told=_warn_line,
    ) as opened:
        yield opened


PASSPHRASE_PROMPT = N_("{what} (not shown)")


def ask_passphrase(what: str, *, twice: bool = False) -> str:
    """A passphrase typed on the terminal, not echoed (TWICE: typed again to confirm)."""
    return str(
        typer.prompt(_(PASSPHRASE_PROMPT).format(what=what), hide_input=True, confirmation_prompt=twice, err=True)
    )


def _debug_line(line: str) -> None:
    typer.echo(f"mentorlog: {inert(line)}", err=True)


def _warn_line(line: str) -> None:
    typer.echo(_("Warning: {line}").format(line=inert(line)), err=True)


def keys() -> Keys:
    """Where an encrypted journal's key comes from in this command (made on first need: never for a plain one)."""
    if _STATE._keys is None:
        from mentorlog.store.crypto.cipher import Keys

        settings = _STATE.settings
        _STATE._keys = Keys(
            passphrase_command=settings.config.passphrase_command,
            passphrase=settings.environment.passphrase,
            passphrase_timeout=settings.config.passphrase_timeout,
            ask=ask_passphrase if stdin_is_terminal() else None,
            debug=_debug_line if settings.environment.debug else (lambda _line: None),
            warn=_warn_line,
            hints=configuration.keyring_hints_file(),
        )
    return _STATE._keys


def journal_key() -> RawKey | None:
    """The key of the journal this command opened last; None when it is plain (or none was opened)."""
    return _STATE._keys.last if _STATE._keys is not None else None


FLAGS = {
    "confidence": "--confidence",
    "horizon": "--horizon",
    "role": "--role",
    "cadence": "--cadence",
    "target": "--target",
    "due date": "--due",
    "done date": "--date",
    "next meeting": "--next",
}


def flag_for(field_name: str) -> str | None:
    """The command-line flag a domain field is usually given with, to name it in an error."""
    return FLAGS.get(field_name)


def form_value(field: str, rule: Callable[..., T], *args: Any) -> T:
    """RULE(*ARGS) for a value read from an editor form's FIELD line; the error names the line."""
    try:
        return rule(*args)
    except BadValue as exc:
        message = exc.message
        if message.lower().startswith(field.lower()):
            message = field + message[len(field) :]
        raise UsageError(_("{message}; nothing was recorded").format(message=message), exc.hint) from None


def checked(flag: str, rule: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """RULE(*ARGS), with the flag named in the error when the value breaks the rule."""
    try:
        return rule(*args, **kwargs)
    except BadValue as exc:
        named = _(flag) if flag.isupper() else flag  # an argument (`PERCENT`) is named as --help names it
        raise UsageError(f"{exc.message} ({named})", exc.hint) from None


# dates ----------------------------------------------------------------------------------------


def when(text: str, *, direction: Direction, period_end: bool = False) -> When:
    from mentorlog.core.dates import parse_when

    settings = state().config
    return parse_when(
        text,
        today=today(),
        direction=direction,
        dayfirst=settings.dayfirst,
        week_start=settings.week_start,
        period_end=period_end,
    )


def day(text: str | None, *, direction: Direction, period_end: bool = False) -> date | None:
    """A date option, or None when it was not given."""
    if text is None:
        return None
    return when(text, direction=direction, period_end=period_end).day


def since(text: str | None) -> date | None:
    if text is None:
        return None
    from mentorlog.core.dates import parse_since

    settings = state().config
    return parse_since(text, today=today(), dayfirst=settings.dayfirst, week_start=settings.week_start)


# text -----------------------------------------------------------------------------------------


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def confirm(question: str, *, default: bool, unanswered: str) -> bool:
    """Ask QUESTION on stderr. Input that ends before an answer (a script, `</dev/null`) is not an interrupt:
    exit 1, nothing changed, with UNANSWERED as the hint (e.g. `Pass --yes to delete without asking.`). Ctrl-C
    stays an interrupt (exit 130)."""
    from mentorlog.base.i18n import german
    from mentorlog.cli.answers import german_confirm

    try:
        return german_confirm(question, default) if german() else typer.confirm(question, default=default, err=True)
    except typer.Abort as stopped:
        if not isinstance(stopped.__context__, EOFError):
            raise  # Ctrl-C: interrupted
        typer.echo("", err=True)
        raise MentorlogError(_("no answer: standard input ended before one"), unanswered) from None


def prompt(question: str, *, unanswered: str) -> str:
    """Ask QUESTION on stderr for a line (Enter gives ''); input that ends first is exit 1 with UNANSWERED as the
    hint, as in confirm()."""
    try:
        return str(typer.prompt(question, default="", show_default=False, err=True))
    except typer.Abort as stopped:
        if not isinstance(stopped.__context__, EOFError):
            raise  # Ctrl-C: interrupted
        typer.echo("", err=True)
        raise MentorlogError(_("no answer: standard input ended before one"), unanswered) from None


def warn_past_due(day: date | None) -> None:
    """A due date typed in the past is stored as typed (a late entry is real), and said on stderr."""
    if day is not None and day < today():
        say_err(
            _("Warning: the due date {day} is in the past ({ago}); stored as typed.").format(
                day=shown_day(day), ago=_relative(day)
            )
        )


def _relative(day: date) -> str:
    from mentorlog.core.humane import relative_days

    return relative_days(day, today())


def say_err(message: str) -> None:
    """A line for the person at the terminal (a list before a question, a warning): stderr, so stdout stays
    the command's result."""
    typer.echo(message, err=True)


def read_stdin() -> str:
    """All of stdin as UTF-8 text (a leading BOM dropped); invalid bytes or an absurd size are a clear error."""
    stream = typer.get_binary_stream("stdin")
    data = stream.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise UsageError(
            _("the text on stdin is larger than {MAX_TEXT_BYTES} MB").format(
                MAX_TEXT_BYTES=MAX_TEXT_BYTES // (1024 * 1024)
            )
        )
    try:
        return str(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise UsageError(
            _("stdin is not valid UTF-8 (byte {start})").format(start=exc.start), _("Convert the text to UTF-8.")
        ) from None


# output ---------------------------------------------------------------------------------------


def print_json(data: Any) -> None:
    """JSON on stdout and nothing else; DEL and C1 controls escaped too, so the output is inert."""
    from mentorlog.base.safe import json_text

    typer.echo(json_text(data, indent=2))


def say(message: str) -> None:
    """One short confirmation line; user text inside it is already inert via inert(). Written to the
    text stream itself, so a stream that cannot encode `→` gets the ASCII fallback (cli.degrade_output)."""
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def quoted(text: str) -> str:
    """TEXT made inert, in quotes as Python would choose them (`'x'`, `"don't"`); inert's `\\x1b` stays one
    backslash, as every list shows it."""
    shown = inert(text)
    mark = '"' if "'" in shown and '"' not in shown else "'"
    return f"{mark}{shown}{mark}"


def one_line(text: str, width: int = 70) -> str:
    from mentorlog.base.safe import one_line as flat

    return flat(text, width)


def shown_day(day: date | str | None) -> str:
    """A stored date as confirmations echo it: `2026-12-04, Fri`, so a misread is seen at once."""
    from mentorlog.base.i18n import language
    from mentorlog.core.dates import format_day

    if day is None:
        return _("none")
    value = date.fromisoformat(day) if isinstance(day, str) else day
    return format_day(value, today(), language=language())


def for_owner(owner: str) -> str:
    """`for me`, `for Dr. Weber` (German: `für mich`, `für Dr. Weber`)."""
    return _("for me") if owner == "me" else _("for {name}").format(name=inert(owner))


def plain_day(day: date | str) -> str:
    """A date without its weekday: `2026-12-04` (German: `04.12.2026`)."""
    from mentorlog.base.i18n import german

    if not german():
        return str(day)
    value = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def tags_from(options: list[str] | None, *texts: str | None) -> list[str]:
    from mentorlog.core.textparse import find_tags, normalise_tag

    given = [normalise_tag(tag) for tag in options or []]
    if any(not tag for tag in given):
        raise UsageError(_("a --tag is empty"))
    return list(dict.fromkeys([*given, *find_tags(*texts)]))
