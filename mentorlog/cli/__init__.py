"""The command line: the root app and one module per noun. The only package that imports typer."""

from __future__ import annotations

from mentorlog.cli import actions, data, goals, notes, people, records, reflections, views  # noqa: F401 (commands)
from mentorlog.cli.app import app


def main() -> None:
    app(prog_name="mentorlog")
