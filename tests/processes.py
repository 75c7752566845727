"""Running mentorlog as a real process: the working tree's code (`python -m mentorlog` with this tree first
on the path), never whatever `mentorlog` happens to be installed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

TREE = Path(__file__).resolve().parent.parent
MENTORLOG = [sys.executable, "-m", "mentorlog"]


def tree_env(db: Path | None = None, **extra: str) -> dict[str, str]:
    """A clean environment: no MENTORLOG_* or editor settings from outside, this tree's code first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORLOG_", "VISUAL", "EDITOR"))}
    env["PYTHONPATH"] = os.pathsep.join([str(TREE), *filter(None, [os.environ.get("PYTHONPATH")])])
    env.update(MENTORLOG_TODAY="2026-11-26", NO_COLOR="1", COLUMNS="120")
    if db is not None:
        env["MENTORLOG_DB"] = str(db)
    env.update(extra)
    return env


def mentorlog(env: dict[str, str], *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run `mentorlog ARGS` from this tree and wait for it."""
    options: dict[str, Any] = {"capture_output": True, "text": True, "timeout": 120, "check": False}
    options.update(kwargs)
    return subprocess.run([*MENTORLOG, *args], env=env, **options)


def command_line(*args: str) -> list[str]:
    """`mentorlog ARGS` as an argv for Popen or a child script."""
    return [*MENTORLOG, *args]
