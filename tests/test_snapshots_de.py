"""The views in German (MENTORLOG_LANG=de) on the German demo journal, at 50, 80 and 120 columns (syrupy
snapshots, issue 16). `pytest --snapshot-update` records a new look after a reviewed change."""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from .conftest import Run

GERMAN = {"MENTORLOG_LANG": "de"}
VIEWS = [
    ["today"],
    ["agenda", "--with", "weber"],
    ["agenda", "--with", "anna"],
    ["actions"],
    ["goals"],
    ["sessions", "--limit", "5"],
    ["people"],
    ["people", "--all"],
    ["topics"],
    ["reflections"],
    ["show", "session", "1"],
    ["show", "goal", "1"],
    ["show", "action", "1"],
    ["show", "reflection", "1"],
    ["show", "person", "2"],
    ["show", "topic", "1"],
    ["show", "skill", "1"],
    ["search", "Vortrag"],
    ["timeline"],
    ["timeline", "--since", "6w"],
    ["summary", "--since", "3m"],
    ["health"],
    ["skills"],
]
WIDTHS = [50, 80, 120]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_german_view_looks_as_recorded(
    run: Run, german_demo: Path, snapshot: SnapshotAssertion, view: list[str], width: int
) -> None:
    result = run("--db", str(german_demo), *view, env={"COLUMNS": str(width), **GERMAN})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert max((len(line) for line in lines), default=0) <= width
    assert "\n".join(lines) == snapshot
