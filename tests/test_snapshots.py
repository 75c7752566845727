"""The views as people see them, on the pinned demo journal, at 50, 80 and 120 columns (syrupy snapshots).

A change to any view shows up here as a diff to review; `pytest --snapshot-update` records the new look.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from .conftest import Run

VIEWS = [
    ["today"],
    ["timeline"],
    ["agenda", "--with", "weber"],
    ["agenda", "--with", "anna"],
    ["goals"],
    ["people"],
    ["actions"],
    ["sessions", "--limit", "5"],
    ["summary", "--since", "3m"],
    ["show", "goal", "1"],
    ["show", "session", "1"],
    ["show", "person", "2"],
    ["health"],
    ["people", "--all"],
    ["skills"],
    ["show", "skill", "1"],
]
WIDTHS = [50, 80, 120]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from mentorlog.cli import app

    db = tmp_path_factory.mktemp("snapshots") / "demo.db"
    result = CliRunner().invoke(app, ["--db", str(db), "demo", "--json"], env={"MENTORLOG_TODAY": "2026-11-26"})
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_view_looks_as_recorded(
    run: Run, demo_db: Path, snapshot: SnapshotAssertion, view: list[str], width: int
) -> None:
    result = run("--db", str(demo_db), *view, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert max((len(line) for line in lines), default=0) <= width
    assert "\n".join(lines) == snapshot


@pytest.mark.parametrize("form", ["md", "html"])
def test_the_review_exports_are_as_recorded(run: Run, demo_db: Path, snapshot: SnapshotAssertion, form: str) -> None:
    """The Markdown and HTML reviews byte for byte: their rendering is hand-tuned for speed (sessions written by
    one Python function, the template shipped compiled), so any change to what they print shows up here."""
    result = run("--db", str(demo_db), "export", "--format", form, "--since", "3m")
    assert result.exit_code == 0, result.output
    assert "Anna" in result.stdout
    assert result.stdout == snapshot
