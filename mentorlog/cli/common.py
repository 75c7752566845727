"""What every command needs: the journal, config-aware dates, people, text from arg/stdin/editor, output."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from mentorlog import config as configuration
from mentorlog.cli.clickapi import get_current_context
from mentorlog.errors import MentorlogError, NotFound, UsageError
from mentorlog.safe import CONTROL, inert

if TYPE_CHECKING:
    from mentorlog.dates import Direction, When
    from mentorlog.store.repo import Journal

MAX_TEXT_BYTES = 10 * 1024 * 1024
ROLE_PROMPT = "Role of {name} (mentor/mentee)"


@dataclass
class AppState:
    db_option: str | None = None
    _config: configuration.Config | None = field(default=None, repr=False)

    @property
    def config(self) -> configuration.Config:
        if self._config is None:
            self._config = configuration.load_config()
        return self._config


def state() -> AppState:
    root = get_current_context().find_root()
    if root.obj is None:
        root.obj = AppState()
    return root.obj  # type: ignore[no-any-return]


def today() -> date:
    return configuration.today()


@contextlib.contextmanager
def journal(*, write: bool, logged: bool = True) -> Iterator[Journal]:
    """The journal inside one transaction for this command; a write is logged for `undo` unless LOGGED is off."""
    from mentorlog.store.repo import open_for_command

    path = configuration.db_path(state().db_option)
    command = get_current_context().command_path if write and logged else None
    with open_for_command(path, write=write, today=today(), now=configuration.now_stamp, command=command) as opened:
        yield opened


# dates ----------------------------------------------------------------------------------------


def when(text: str, *, direction: Direction, period_end: bool = False) -> When:
    from mentorlog.dates import parse_when

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
    from mentorlog.dates import parse_since

    settings = state().config
    return parse_since(text, today=today(), dayfirst=settings.dayfirst, week_start=settings.week_start)


# people ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonPlan:
    """A person to use: an existing id, or a name and role to create in the write transaction."""

    id: int | None
    name: str
    role: str = "mentor"

    def person_id(self, opened: Journal) -> int:
        if self.id is not None:
            return self.id
        return opened.add_person(self.name, self.role).id


def with_name(option: str | None) -> str | None:
    """--with, or the config's default_with when it was not given."""
    return option or state().config.default_with


def plan_person(name: str | None, *, create: bool) -> PersonPlan | None:
    """Find the person for --with before anything is written; offer to create an unknown one."""
    if name is None:
        return None
    with journal(write=False) as opened:
        try:
            found = opened.find_person(name)
            return PersonPlan(found["id"], found["name"])
        except NotFound as missing:
            cleaned = " ".join(name.split())
            if create:
                return PersonPlan(None, cleaned)
            if not stdin_is_terminal():
                raise NotFound(missing.message, f"Add them with --create, or {missing.hint}") from None
    if not typer.confirm(f"No person named {inert(cleaned)!r} yet. Add them?", default=True, err=True):
        raise MentorlogError("nothing recorded: unknown person", "Add them with `mentorlog person add`.")
    while True:
        role = str(typer.prompt(ROLE_PROMPT.format(name=inert(cleaned)), default="mentor", err=True)).strip().lower()
        if role in ("mentor", "mentee"):
            return PersonPlan(None, cleaned, role)
        typer.echo("Please answer mentor or mentee.", err=True)


def find_person_id(opened: Journal, name: str | None) -> int | None:
    """A person named in a filter (no creating): their id, or None when no name was given."""
    if name is None:
        return None
    return int(opened.find_person(name)["id"])


def owner_id(opened: Journal, owner: str | None, person_id: int | None) -> int | None:
    """`me` (or nothing) is None; `them` is the person of the session; else a person's name."""
    if owner is None or owner.strip().lower() == "me":
        return None
    if owner.strip().lower() == "them":
        if person_id is None:
            raise UsageError("owner 'them' needs a person", "Give --with NAME.")
        return person_id
    return int(opened.find_person(owner)["id"])


# text -----------------------------------------------------------------------------------------


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def read_stdin() -> str:
    """All of stdin as UTF-8 text; invalid bytes or an absurd size are a clear error."""
    stream = typer.get_binary_stream("stdin")
    data = stream.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise UsageError(f"the text on stdin is larger than {MAX_TEXT_BYTES // (1024 * 1024)} MB")
    try:
        return str(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise UsageError(f"stdin is not valid UTF-8 (byte {exc.start})", "Convert the text to UTF-8.") from None


def editor_command() -> str:
    return state().config.editor or os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"


def edit_text(template: str) -> str:
    """Let the user write in their editor, starting from TEMPLATE; closing without saving records nothing."""
    import shlex
    import subprocess
    import tempfile

    editor = editor_command()
    fd, name = tempfile.mkstemp(prefix="mentorlog-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(template)
        os.utime(name, (0, 0))  # so that any save is seen, even within the same second
        try:
            finished = subprocess.run([*shlex.split(editor), name], check=False)
        except (OSError, ValueError) as exc:
            raise MentorlogError(
                f"cannot start the editor {editor!r} ({exc})", "Set $EDITOR, or `editor` in config.toml."
            ) from None
        if finished.returncode != 0:
            raise MentorlogError(f"the editor exited with status {finished.returncode}; nothing was recorded")
        if os.stat(name).st_mtime == 0:
            raise UsageError("nothing recorded: the editor was closed without saving")
        with open(name, encoding="utf-8", errors="strict") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise UsageError("the edited text is not valid UTF-8; nothing was recorded") from None
    finally:
        os.unlink(name)


def text_from(argument: str | None, template: str | None) -> tuple[str, bool]:
    """TEXT from the argument, else stdin when piped, else the editor. The flag says 'from the editor'."""
    if argument is not None:
        return argument, False
    if not stdin_is_terminal() or template is None:
        return read_stdin(), False
    return edit_text(template), True


# output ---------------------------------------------------------------------------------------


def print_json(data: Any) -> None:
    """JSON on stdout and nothing else; DEL and C1 controls escaped too, so the output is inert."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)
    typer.echo(CONTROL.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text))


def say(message: str) -> None:
    """One short confirmation line; user text inside it is already inert via inert()."""
    typer.echo(message)


TABLE_LIMIT = 25


def list_limit(limit: int | None, as_json: bool) -> int | None:
    """How many rows a list shows: --limit (0 = all), else 50 in a table and all as JSON."""
    if limit is None:
        return None if as_json else TABLE_LIMIT
    return None if limit == 0 else limit


def quoted(text: str) -> str:
    return repr(inert(text))


def tags_from(options: list[str] | None, *texts: str | None) -> list[str]:
    from mentorlog.textparse import find_tags, normalise_tag

    given = [normalise_tag(tag) for tag in options or []]
    if any(not tag for tag in given):
        raise UsageError("a --tag is empty")
    return list(dict.fromkeys([*given, *find_tags(*texts)]))
