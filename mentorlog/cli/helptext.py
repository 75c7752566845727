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

from mentorlog.i18n import _, german

F = TypeVar("F", bound=Callable[..., Any])
_ANNOTATION = re.compile(r"^(?P<text>.*?)(?P<notes>(?:\s+\[[^\]]*\])*)$", re.S)


def translated(text: str) -> str:
    """TEXT from the catalogue; a trailing `[default: …]` / `[required]` / `[x>=0]` is kept and its words translated."""
    if not german() or not text:
        return text
    found = _(text)
    if found != text:
        return found
    match = _ANNOTATION.match(text)
    if match is None or not match.group("notes"):
        return text
    notes = re.sub(r"\[(default|required)", lambda m: "[" + _(m.group(1)), match.group("notes"))
    return _(match.group("text")) + notes


class Formatter(typer.Context.formatter_class):  # type: ignore[misc,valid-type]
    """Click's help formatter, each text looked up in the catalogue before it is wrapped."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else _("Usage:") + " ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(translated(heading))

    def write_text(self, text: str) -> None:
        super().write_text(translated(text))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, translated(text)) for term, text in rows], col_max, col_spacing)


class Context(typer.Context):
    formatter_class = Formatter


class Command(TyperCommand):
    """Every mentorlog command: help in the chosen language."""

    context_class = Context


class Typer(typer.Typer):
    """A Typer whose commands use the translating help (`app.command` as usual)."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        kwargs.setdefault("cls", Command)
        decorate: Callable[[F], F] = super().command(*args, **kwargs)
        return decorate
