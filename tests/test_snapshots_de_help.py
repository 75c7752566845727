"""Every --help in German (MENTORLOG_LANG=de) at 50, 80 and 120 columns, as syrupy snapshots (issue 16).

A change to a help text or its German shows up here as a diff to review; `pytest --snapshot-update` records it.
"""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from .conftest import Run
from .test_german_cli import commands, english_words

WIDTHS = [50, 80, 120]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [[], *commands()], ids=lambda path: " ".join(path) or "root")
def test_german_help_looks_as_recorded(run: Run, snapshot: SnapshotAssertion, path: list[str], width: int) -> None:
    result = run(*path, "--help", env={"MENTORLOG_LANG": "de", "COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert english_words(result.stdout) == []
    assert "\n".join(lines) == snapshot
