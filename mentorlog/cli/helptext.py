"""--help in the chosen language. Help texts are written in English where commands are defined (Typer reads
them then); they are translated where they are shown: a help formatter that looks each text up in the
catalogue, and a context and command class that use it. Click's own words (`Usage:`, `Options`, its error
messages) are in the catalogue too."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import typer
from typer.core import TyperCommand

from mentorlog.base.i18n import N_, _, german
from mentorlog.base.patterns import lazy

F = TypeVar("F", bound=Callable[..., Any])
_ANNOTATION = r"^(?P<text>.*?)(?P<notes>(?:\s+\[[^\]]*\])*)$"  # compiled on first use (re caches it): not at start-up

# Click's own words in a --help. Typer's bundled click writes them as plain English literals (no gettext), so they
# are marked here for the catalogue and looked up where the formatter shows them.
CLICK_WORDS = (
    N_("Usage:"), N_("Options"), N_("Arguments"), N_("Commands"), N_("Show this message and exit."),
    N_("default"), N_("required"), N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)  # fmt: skip
# The metavars click makes from a parameter's type (`<str>`, `<int range>`), as a person reads them.
METAVARS = {
    "<str>": N_("<text>"), "<int>": N_("<number>"), "<int range>": N_("<number>"), "<float>": N_("<number>"),
    "<float range>": N_("<number>"), "<path>": N_("<path>"), "<filename>": N_("<file>"),
}  # fmt: skip
# The placeholders of a usage line and the arguments' names (`[OPTIONS] COMMAND [ARGS]...`, `KIND`, `PERCENT`),
# as a person reads them; option names (`--title`) are never touched.
ARGUMENT_WORDS = {
    "OPTIONS": N_("OPTIONS"), "COMMAND": N_("COMMAND"), "ARGS": N_("ARGS"), "DIR": N_("DIR"), "FILE": N_("FILE"),
    "KIND": N_("KIND"), "LEVEL": N_("LEVEL"), "PATH": N_("PATH"), "PERCENT": N_("PERCENT"), "SKILL": N_("SKILL"),
    "name": N_("name"), "query": N_("query"), "text": N_("text"), "title": N_("title"),
}  # fmt: skip
_ARGUMENT_WORD = lazy(r"(?<![\w-])(" + "|".join(ARGUMENT_WORDS) + r")(?![\w-])")  # not at start-up
# Default values in `[default: …]` that are words a person types: said as the German word mentorlog also accepts.
DEFAULT_WORDS = {"today": "heute", "open": "offen", "short": "kurzfristig", "growth": "Entwicklungsfeld"}
# Click's usage errors, as typer's bundled click builds them (f-strings): each matched whole and said again from
# the catalogue; a reason inside (`'x' is not a valid integer.`) is translated the same way, names and values kept.
# Patterns, compiled (and cached by re) only when a German usage error is shown.
CLICK_ERRORS = (
    (r"No such option: (?P<option>\S+) Did you mean (?P<possibility>\S+)\?", N_("No such option: {option} Did you mean {possibility}?")),  # noqa: E501
    (r"No such option: (?P<option>\S+) \(Possible options: (?P<options>.+)\)", N_("No such option: {option} (Possible options: {options})")),  # noqa: E501
    (r"No such option: (?P<option>\S+)", N_("No such option: {option}")),
    (r"No such command (?P<name>'[^']*')\. Did you mean (?P<possibilities>.+)\?", N_("No such command {name}. Did you mean {possibilities}?")),  # noqa: E501
    (r"No such command (?P<name>.+)\.", N_("No such command {name}.")),
    (r"Missing command\.", N_("Missing command.")),
    (r"Missing argument (?P<name>\S+)\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>.+?)\.", N_("Missing option {name}.")),
    (r"Missing parameter(?::)? (?P<name>.+?)\.?", N_("Missing parameter {name}.")),
    (r"Invalid value for (?P<param>.+?): (?P<reason>.+)", N_("Invalid value for {param}: {reason}")),
    (r"Invalid value: (?P<reason>.+)", N_("Invalid value: {reason}")),
    (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", N_("Got unexpected extra argument(s) ({args})")),
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", N_("Got unexpected extra argument(s) ({args})")),
    (r"Option (?P<option>'.+?') requires an argument\.", N_("Option {option} requires an argument.")),
    (r"Option (?P<option>'.+?') requires (?P<n>\d+) arguments\.", N_("Option {option} requires {n} arguments.")),
    (r"Option (?P<option>'.+?') does not take a value\.", N_("Option {option} does not take a value.")),
    (r"(?P<value>.+) is not a valid int range\.", N_("{value} is not a valid whole number.")),
    (r"(?P<value>.+) is not a valid (?:int|integer)\.", N_("{value} is not a valid whole number.")),
    (r"(?P<value>.+) is not a valid (?:float|float range)\.", N_("{value} is not a valid number.")),
    (r"(?P<value>.+) is not a valid boolean\. Recognized values: (?P<values>.+)", N_("{value} is not a valid boolean. Recognized values: {values}")),  # noqa: E501
    (r"(?P<value>.+) is not in the range (?P<range>.+)\.", N_("{value} is not in the range {range}.")),
    (r"(?P<value>.+) is not one of (?P<choices>.+)\.", N_("{value} is not one of {choices}.")),
    (r"(?P<value>.+) does not match the formats (?P<formats>.+)\.", N_("{value} does not match the formats {formats}.")),  # noqa: E501
)  # fmt: skip


def click_message(message: str) -> str:
    """A click usage error's message in the chosen language (unchanged in English, or when it is not known)."""
    if not german():
        return message
    for pattern, said in CLICK_ERRORS:
        found = re.match(pattern + "$", message, re.S)
        if found is not None:
            parts = found.groupdict()
            if "reason" in parts:
                parts["reason"] = click_message(parts["reason"])
            for key in ("name", "param"):
                if key in parts:
                    parts[key] = argument_words(parts[key])
            return _(said).format(**parts)
    return message


def translated(text: str) -> str:
    """TEXT from the catalogue; a trailing `[default: …]` / `[required]` / `[x>=0]` is kept and its words translated."""
    if not german() or not text:
        return text
    found = _(text)
    if found != text:
        return found
    match = re.match(_ANNOTATION, text, re.S)
    if match is None or not match.group("notes"):
        return text
    notes = re.sub(r"\[(default|required)", lambda m: "[" + _(m.group(1)), match.group("notes"))
    notes = re.sub(
        r"(\[[^:\]]+: )(\w+)\]", lambda m: m.group(1) + DEFAULT_WORDS.get(m.group(2), m.group(2)) + "]", notes
    )
    return _(match.group("text")) + notes


def argument_words(text: str) -> str:
    """TEXT with the usage placeholders and argument names in the chosen language (`[OPTIONEN]`, `PROZENT`)."""
    if not german():
        return text
    return _ARGUMENT_WORD.sub(lambda m: _(ARGUMENT_WORDS[m.group(1)]), text)


class Formatter(typer.Context.formatter_class):  # type: ignore[misc,valid-type]
    """Click's help formatter, each text looked up in the catalogue before it is wrapped."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, argument_words(args), prefix if prefix is not None else _("Usage:") + " ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(translated(heading))

    def write_text(self, text: str) -> None:
        super().write_text(translated(text))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(argument_words(metavars(term)), translated(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def metavars(term: str) -> str:
    """An option's column (`-l, --limit <int range>`) with click's type names in the chosen language."""
    if not german() or "<" not in term:
        return term
    return re.sub(r"<[a-z ]+>", lambda m: _(METAVARS[m.group(0)]) if m.group(0) in METAVARS else m.group(0), term)


class Context(typer.Context):
    formatter_class = Formatter


def one_line_help(items: list[Any]) -> list[Any]:
    """Completion items with each help text on one line, as zsh and fish show it beside the value."""
    for item in items:
        if item.help:
            item.help = " ".join(item.help.split())
    return items


class Command(TyperCommand):
    """Every mentorlog command: help in the chosen language."""

    context_class = Context

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        return one_line_help(super().shell_complete(ctx, incomplete))


class Typer(typer.Typer):
    """A Typer whose commands use the translating help (`app.command` as usual)."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        kwargs.setdefault("cls", Command)
        decorate: Callable[[F], F] = super().command(*args, **kwargs)
        return decorate
