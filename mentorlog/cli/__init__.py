"""The command line: the root app and one module per noun. The only package that imports typer."""

from __future__ import annotations

from mentorlog.cli import (  # noqa: F401 (each module registers its commands)
    actions,
    data,
    goals,
    notes,
    people,
    records,
    reflections,
    search,
    views,
)
from mentorlog.cli.app import app


def main() -> None:
    app(prog_name="mentorlog")
