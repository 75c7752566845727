"""A yes/no question answered in German: click's confirm knows only y/n, and says its error in English."""

from __future__ import annotations

import typer

from mentorlog.base.i18n import _

YES, NO = ("j", "ja", "y", "yes"), ("n", "nein", "no")


def german_confirm(question: str, default: bool) -> bool:
    """click's confirm, German: `[j/N]`, answered with j/ja/n/nein (y/yes/no work too)."""
    while True:
        typer.echo(question + (" [J/n]: " if default else " [j/N]: "), err=True, nl=False)
        try:
            answer = input().strip().lower()
        except EOFError as ended:
            raise typer.Abort() from ended
        except KeyboardInterrupt:
            raise typer.Abort() from None
        if not answer:
            return default
        if answer in YES or answer in NO:
            return answer in YES
        typer.echo(_("Error: invalid input"), err=True)
