"""The click pieces Typer does not re-export, from wherever this Typer keeps them.

Typer 0.29 carries its own copy of click (`typer._click`); older Typer uses the click package.
Everything else comes from Typer's public API (typer.echo, typer.confirm, typer.Exit, ...).
"""

from __future__ import annotations

try:
    from typer._click.exceptions import ClickException, UsageError
    from typer._click.globals import get_current_context
except ImportError:  # pragma: no cover - Typer before 0.29
    from click import ClickException, UsageError, get_current_context  # type: ignore[assignment,no-redef,unused-ignore]

__all__ = ["ClickException", "UsageError", "get_current_context"]
