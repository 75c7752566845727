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


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
PLAIN = "-_.,:@%+=/"  # characters bash takes as they are in a word


def _bash() -> bool:
    return os.environ.get(COMPLETE_VAR, "").endswith("bash")


def raw_words(line: str) -> list[str]:
    """A command line split into words as the shell typed them, quotes and backslashes kept (`"Anna S`,
    `Anna\\ S`): what `shlex` would split, without undoing the quoting."""
    words: list[str] = []
    current = ""
    quote = ""
    escaped = False
    for char in line:
        if escaped:
            current += char
            escaped = False
        elif char == "\\" and quote != "'":
            current += char
            escaped = True
        elif quote:
            current += char
            if char == quote:
                quote = ""
        elif char in "'\"":
            current += char
            quote = char
        elif char.isspace():
            if current:
                words.append(current)
            current = ""
        else:
            current += char
    if current:
        words.append(current)
    return words


def _bash_word() -> str:
    """The word bash is completing, as typed (`COMP_WORDS` holds the words joined by spaces)."""
    words = raw_words(os.environ.get("COMP_WORDS", ""))
    try:
        return words[int(os.environ.get("COMP_CWORD", "0"))]
    except (IndexError, ValueError):
        return ""


def _in_quotes() -> bool:
    """Whether bash completes inside a quote the user opened (`--with "Anna S`): readline then inserts the
    completion after that quote and closes it, so the completion must be the bare name."""
    return _bash() and _bash_word()[:1] in ("'", '"')


def _unescaped(typed: str) -> str:
    """`Anna\\ S` as the name it means (`Anna S`): bash hands a word it completes over with its backslashes."""
    out, escaped = "", False
    for char in typed:
        if char == "\\" and not escaped:
            escaped = True
            continue
        out += char
        escaped = False
    return out


def _for_shell(value: str, quote: str) -> str:
    """A value as the shell must insert it. zsh and fish escape completions themselves; inside a quote the user
    opened, bash inserts the bare name and closes the quote; elsewhere bash inserts a completion as it is, so it
    gets backslashes before spaces and the like, and stays one word."""
    if not _bash():
        return quote + value
    if quote or _in_quotes():
        return value
    return "".join("\\" + char if not (char.isalnum() or char in PLAIN) else char for char in value)


def use_typed_words() -> None:
    """For bash, complete the word as typed: Typer hands a completer the word with its quoting undone
    (`Anna\\ S` becomes `Anna S`) and keeps only completions that start with it, so a name with a space could
    not be completed further (`Anna\\ Schmidt` does not start with `Anna S`). This bash class, a subclass of
    Typer's, passes the typed word instead (a quoted one stays unquoted: there the bare name is inserted).
    Click's public `shell_completion` API: `get_completion_class`, `add_completion_class`."""
    from typer.completion import shell_completion  # type: ignore[attr-defined]  # Typer's bundled click module

    base: Any = shell_completion.get_completion_class("bash")
    if base is None or getattr(base, "mentorlog", False):
        return

    class Bash(base):  # type: ignore[misc]
        mentorlog = True

        def get_completion_args(self) -> tuple[list[str], str]:
            args, incomplete = super().get_completion_args()
            typed = _bash_word()
            if typed and typed[:1] not in ("'", '"') and _unescaped(typed) == incomplete:
                return args, typed
            return args, incomplete

    shell_completion.add_completion_class(Bash, "bash")


def shell_option(command: Any, args: list[str]) -> None:
    """`--show-completion SHELL` / `--install-completion SHELL` write that shell's script, whatever shell runs
    mentorlog (Typer's own options take no value and detect the current shell). Without a SHELL word they are
    left to Typer. Exits when it has done one. COMMAND: the root command, whose completions the script asks."""
    import typer

    from mentorlog.base.errors import UsageError
    from mentorlog.base.i18n import _
    from mentorlog.cli import registry

    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg == "--" or not arg.startswith("-"):
            return  # a command begins: its arguments are its own
        option, _sep, value = arg.partition("=")
        if option not in ("--show-completion", "--install-completion"):
            skip = arg == "--db"
            continue
        if not value and index + 1 < len(args) and not args[index + 1].startswith("-"):
            value = args[index + 1]
            if registry.find(value) is not None:
                return  # `--show-completion note`: a command, not a shell
        if not value:
            return
        shell = value.strip().lower()
        shells = SHELLS if option == "--show-completion" else INSTALLED
        if shell not in shells:
            raise UsageError(
                _("{option} takes a shell, not {value!r}").format(option=option, value=value),
                _("One of: {shells}.").format(shells=", ".join(shells[:3])),
            )
        script = _script(command, shell)
        if option == "--show-completion":
            typer.echo(script)
        else:
            path = _install(shell, script)
            typer.echo(_("{shell} completion installed in {path}").format(shell=shell, path=path))
            typer.echo(_("Completion will take effect once you restart the terminal."))
        raise typer.Exit(0)


INSTALLED = ("bash", "zsh", "fish")
# where each shell looks for a completion script, and the line its start-up file needs to load it (as Typer's
# own --install-completion does)
HOMES = {
    "bash": (".bash_completions/mentorlog.sh", ".bashrc", "source '{path}'"),
    "zsh": (".zfunc/_mentorlog", ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"),
    "fish": (".config/fish/completions/mentorlog.fish", None, None),
}


def _script(command: Any, shell: str) -> str:
    """SHELL's completion script, from the shell's completion class (Click's public `shell_completion` API;
    Typer registers its classes for bash, zsh, fish and PowerShell when it builds the root command)."""
    from typer.completion import shell_completion  # type: ignore[attr-defined]  # Typer's bundled click module

    found: Any = shell_completion.get_completion_class(shell)  # one of SHELLS: Typer registered them all
    return str(found(command, {}, "mentorlog", COMPLETE_VAR).source()).strip() + "\n"


def _install(shell: str, script: str) -> Path:
    """Write SCRIPT where SHELL finds it, and the line that loads it into the shell's start-up file (once)."""
    from mentorlog.store.files import write_atomic

    journal = _journal(None) or Path(os.devnull)
    where, startup, line = HOMES[shell]
    target = Path.home() / where
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, [script], journal=journal)
    if startup and line:
        rc = Path.home() / startup
        text = rc.read_text(encoding="utf-8") if rc.is_file() else ""
        wanted = line.format(path=target)
        if wanted not in text:
            write_atomic(
                rc, [text + ("" if not text or text.endswith("\n") else "\n") + wanted + "\n"], journal=journal
            )
    return target


def person_names(ctx: Any, incomplete: str) -> list[str]:
    """People whose name, or any word of it, starts with what was typed, in any case (as `--with` finds
    them). The completion continues what was typed: `dr` becomes `dr. Weber`, `we` becomes `weber` —
    both find Dr. Weber."""
    return _matching(_names(ctx), incomplete)


def _matching(names: list[str], incomplete: str) -> list[str]:
    """The NAMES whose whole or any later word starts with what was typed, continued from it, as the shell
    must insert them."""
    quote = incomplete[:1] if incomplete[:1] in ("'", '"') else ""
    typed = incomplete[len(quote) :]
    if _bash() and not quote:
        typed = _unescaped(typed)
    found: list[str] = []
    for name in names:
        words = [name, *name.split()[1:]]
        match = next((word for word in words if word.lower().startswith(typed.lower())), None)
        if match is not None:
            found.append(_for_shell(typed + match[len(typed) :], quote))
    return found


def record_names(ctx: Any, incomplete: str) -> list[str]:
    """The ID of `show person` / `show skill`: people's and skills' names (any other kind takes a number)."""
    word = str(ctx.params.get("kind_word") or "").strip().lower() if ctx is not None else ""
    if word == "person":
        return person_names(ctx, incomplete)
    if word == "skill":
        from mentorlog.store import peek

        path = _journal(ctx)
        return _matching(peek.skill_names(path) if path else [], incomplete)
    return []


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


def search_kinds(incomplete: str) -> list[str]:
    """The KIND words of `search --kind`: every kind the search index holds (store/tables.py)."""
    from mentorlog.store import tables

    return choices(tables.search_words())(incomplete)


def plain_help() -> None:
    """zsh and fish show each completion's help. Typer renders those texts through Rich when Rich can be
    imported: about 60 ms per TAB, and a long text is wrapped at the terminal's width. mentorlog's help
    texts are plain, so a completion runs as if Rich were not installed, and Typer writes them as they
    are (its form for installations without Rich). Nothing a TAB runs needs Rich: the completers read
    the journal with plain sqlite3, and every help text is one line (MentorlogGroup, helptext.Command)."""
    sys.modules.setdefault("rich", None)  # type: ignore[arg-type]  # `import rich` fails: Python's documented way
