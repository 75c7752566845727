"""Shell completion (Typer's `--install-completion` / `--show-completion`): what a TAB offers beyond
commands and options — person names and tags from the journal, KIND words, fixed choices.

A completion runs on every TAB, so it stays cheap: the journal is read through plain sqlite3, read-only,
with one indexed query; nothing is written, migrated or prompted for. An encrypted or missing journal,
or any error at all, simply offers nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

COMPLETE_VAR = "_MENTORLOG_COMPLETE"


def asked() -> bool:
    """Whether this run is a shell asking for completions (a TAB), not a command."""
    return bool(os.environ.get(COMPLETE_VAR))


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


def plain_help() -> None:
    """zsh and fish show each completion's help. Typer renders those texts through Rich when Rich can be
    imported: about 60 ms per TAB, and a long text is wrapped at the terminal's width. mentorlog's help
    texts are plain, so a completion runs as if Rich were not installed, and Typer writes them as they
    are (its form for installations without Rich). Nothing a TAB runs needs Rich: the completers read
    the journal with plain sqlite3, and every help text is one line (MentorlogGroup, helptext.Command)."""
    sys.modules.setdefault("rich", None)  # type: ignore[arg-type]  # `import rich` fails: Python's documented way
