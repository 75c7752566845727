"""The click pieces Typer does not re-export: Typer 0.26+ carries its own copy of click (`typer._click`).

Everything else comes from Typer's public API (typer.echo, typer.confirm, typer.Exit, ...).
"""

from __future__ import annotations

from typer._click.exceptions import ClickException, UsageError
from typer._click.globals import get_current_context

__all__ = ["ClickException", "UsageError", "get_current_context"]
