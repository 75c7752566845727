"""Where a command's time goes: the profile behind each missed target (issue #12: "why, with the profile").

Each command runs as a fresh process through `explain_driver.py`, which times the whole command from the
driver's first line and, within it: importing modules (each timed at its outermost import, so nothing is
counted twice; module code such as building dataclasses counts as importing); SQLite (every `execute`,
`executemany`, fetch and `commit` of the connections mentorlog opens, through a timing subclass of
`sqlite3.Connection`), by kind of statement; and drawing the output (Rich's `Console.print`, the Markdown
and HTML reviews' `render`). What is left is Python running mentorlog itself: the CLI, turning rows into
records, working out the figures. The floor app is profiled the same way, so the two compare part by part.
Medians of RUNS runs. The interpreter's own start (before the driver's first line) is not in these parts.
"""

from __future__ import annotations

import json
import statistics
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "explain_driver.py"
RUNS = 5


def profile(
    python: Path, argv: list[str], env: dict[str, str], runs: int = RUNS, before: Callable[[], None] | None = None
) -> dict[str, Any]:
    """Median parts of ARGV (a mentorlog command line or a script) over RUNS fresh processes, in milliseconds;
    BEFORE runs (untimed) before each."""
    found: list[dict[str, Any]] = []
    for _ in range(runs):
        if before is not None:
            before()
        done = subprocess.run([str(python), str(DRIVER), *argv], env=env, capture_output=True, text=True, check=False)
        report = next((line for line in done.stderr.splitlines() if line.startswith("EXPLAIN ")), None)
        if report is None:
            raise RuntimeError(f"{' '.join(argv)}: {done.stderr[-400:]}")
        found.append(json.loads(report[len("EXPLAIN ") :]))
    median = lambda key: statistics.median(run[key] for run in found)  # noqa: E731
    total, imports, sqlite, drawing = (median(key) for key in ("total_ms", "imports_ms", "sqlite_ms", "drawing_ms"))
    kinds = sorted({kind for run in found for kind in run["sqlite_by_kind"]})
    return {
        "total_ms": total,
        "imports_ms": imports,
        "sqlite_ms": sqlite,
        "drawing_ms": drawing,
        "python_ms": max(total - imports - sqlite - drawing, 0.0),
        "statements": median("statements"),
        "sqlite_by_kind": {
            kind: statistics.median(run["sqlite_by_kind"].get(kind, 0.0) for run in found) for kind in kinds
        },
        "runs": runs,
    }
