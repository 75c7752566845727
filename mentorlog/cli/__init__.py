"""The command line: the root app and one module per noun. The only package that imports typer."""

from __future__ import annotations

from mentorlog.cli import actions, goals, notes, people, records, reflections  # noqa: F401  (register commands)
from mentorlog.cli.app import app


def main() -> None:
    app(prog_name="mentorlog")
