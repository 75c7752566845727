"""Shell completion (Typer's `--install-completion` / `--show-completion`): what a TAB offers beyond
commands and options — person names and tags from the journal, KIND words, fixed choices.

A completion runs on every TAB, so it stays cheap: the journal is read through plain sqlite3, read-only,
with one indexed query; nothing is written, migrated or prompted for. An encrypted or missing journal,
or any error at all, simply offers nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

COMPLETE_VAR = "_MENTORLOG_COMPLETE"


def words_before_cursor() -> list[str] | None:
    """While a shell asks for completions: the words typed before the one being completed (without the
    program name); None when this run is not a completion."""
    shell = os.environ.get(COMPLETE_VAR)
    if not shell:
        return None
    from shlex import split

    def words(text: str) -> list[str]:
        try:
            return split(text)
        except ValueError:  # an open quote: the word being typed
            return text.split()

    if shell.endswith("bash"):
        typed = words(os.environ.get("COMP_WORDS", ""))
        cursor = int(os.environ.get("COMP_CWORD", "0") or 0)
        return typed[1:cursor]
    line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
    typed = words(line)[1:]
    return typed if line.endswith(" ") else typed[:-1]


def _journal(ctx: Any) -> Path | None:
    from mentorlog.base import config

    root = ctx.find_root() if ctx is not None else None
    option = root.params.get("db") if root is not None else None
    try:
        return config.db_path(option)
    except Exception:  # a bad MENTORLOG_* value: no completions, and no error in the middle of a command line
        return None


def _names(ctx: Any) -> list[str]:
    from mentorlog.store import peek

    path = _journal(ctx)
    return peek.person_names(path) if path else []


def _bare(incomplete: str) -> str:
    return incomplete.lstrip("'\"").lower()


def _for_shell(value: str, quote: str) -> str:
    """A value as the shell must insert it. Typer keeps only completions that start with what was typed,
    so an opening quote the user typed is kept; bash inserts completions as they are, so it gets a closed
    quote or backslashes before spaces (zsh and fish escape completions themselves)."""
    if not os.environ.get(COMPLETE_VAR, "").endswith("bash"):
        return quote + value
    if quote == "'":
        return "'" + value.replace("'", "'\\''") + "'"
    if quote == '"':
        return '"' + "".join("\\" + char if char in '"$`\\' else char for char in value) + '"'
    return "".join("\\" + char if not (char.isalnum() or char in "-_.,:@%+=/") else char for char in value)


def person_names(ctx: Any, incomplete: str) -> list[str]:
    """People whose name, or any word of it, starts with what was typed, in any case (as `--with` finds
    them). The completion continues what was typed: `dr` becomes `dr. Weber`, `we` becomes `weber` —
    both find Dr. Weber."""
    quote = incomplete[:1] if incomplete[:1] in ("'", '"') else ""
    typed = incomplete[len(quote) :]
    found: list[str] = []
    for name in _names(ctx):
        words = [name, *name.split()[1:]]
        match = next((word for word in words if word.lower().startswith(typed.lower())), None)
        if match is not None:
            found.append(_for_shell(typed + match[len(typed) :], quote))
    return found


def owners(ctx: Any, incomplete: str) -> list[str]:
    typed = _bare(incomplete)
    return [word for word in ("me", "them") if word.startswith(typed)] + person_names(ctx, incomplete)


def tags(ctx: Any, incomplete: str) -> list[str]:
    """Tags already in the journal that start with what was typed."""
    from mentorlog.store import peek

    path = _journal(ctx)
    return peek.tags_starting(path, _bare(incomplete).lstrip("#")) if path else []


def choices(values: Iterable[str]) -> Callable[[str], list[str]]:
    """A completer for a fixed set of words (KIND, --format, --role, ...)."""
    fixed = tuple(values)

    def complete(incomplete: str) -> list[str]:
        return [value for value in fixed if value.startswith(incomplete.lower())]

    return complete


def kind_words(incomplete: str) -> list[str]:
    """The KIND words of show, edit and delete: the table registry's (store/tables.py)."""
    from mentorlog.store import tables

    return choices(tables.kind_words())(incomplete)


def plain_help_shells() -> None:
    """zsh and fish show each completion's help. Typer renders those texts through rich, which costs about
    60 ms per TAB; mentorlog's help texts are plain, so they are escaped as they are. Without Typer's
    classes (a future Typer), completion still works, only slower."""
    try:
        from typer._click.shell_completion import CompletionItem, add_completion_class
        from typer._completion_classes import FishComplete, ZshComplete
    except ImportError:  # pragma: no cover - depends on Typer's internals
        return

    def zsh_escape(text: str) -> str:
        for old, new in (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", r"\\:")):
            text = text.replace(old, new)
        return text

    class PlainZsh(ZshComplete):
        def format_completion(self, item: CompletionItem) -> str:
            value = f'"{zsh_escape(item.value)}"'
            return f'{value}:"{zsh_escape(" ".join(item.help.split()))}"' if item.help else value

    class PlainFish(FishComplete):
        def format_completion(self, item: CompletionItem) -> str:
            return f"{item.value}\t{' '.join(item.help.split())}" if item.help else str(item.value)

    add_completion_class(PlainZsh, "zsh")
    add_completion_class(PlainFish, "fish")
