"""Issue 24, point 3: an action item, topic or rating added for a closed relationship is refused (exit 1, nothing
stored) with a hint to `person reopen` or `--closed-ok`; before, it was stored and shown nowhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import Run, counts

HINT = "Take it up again with `mentorlog person reopen lovelace`, or give --closed-ok."


@pytest.fixture
def closed(run: Run) -> None:
    """Ada (mentee) with a skill of hers, closed on 2026-11-20; Dr. Weber (mentor, active) with a skill of mine."""
    for args in (
        ["person", "add", "Ada Lovelace", "--role", "mentee", "--since", "2026-09-01"],
        ["skill", "add", "Public speaking", "--with", "ada"],
        ["person", "close", "ada", "--date", "2026-11-20", "--reflection", ""],
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["action", "add", "send the paper", "--with", "ada"], "an action item"),
        (["action", "add", "send the paper", "--owner", "ada"], "an action item"),
        (["topic", "add", "Conference budget", "--with", "ada"], "a topic"),
        (["skill", "rate", "public", "4"], "a rating"),
        (["note", "--with", "ada", "Coffee", "--action", "send the paper"], "an action item"),
        (["note", "--with", "ada", "Coffee", "--rate", "public=4"], "a rating"),
    ],
)
def test_adding_for_a_closed_relationship_is_refused_with_a_hint(
    closed: None, run: Run, db_path: Path, args: list[str], what: str
) -> None:
    before = counts(db_path)
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: the relationship with Ada Lovelace is closed (since 2026-11-20): {what} for it would show nowhere",
        HINT,
    ]
    assert counts(db_path) == before
    stored = run(*args, "--closed-ok")
    assert stored.exit_code == 0, stored.output


def test_closed_ok_stores_the_item_which_with_names_the_person(closed: None, run: Run, run_json: Any) -> None:
    assert run("action", "add", "send the paper", "--with", "ada", "--closed-ok").exit_code == 0
    assert [a["text"] for a in run_json("actions", "--with", "ada")] == ["send the paper"]
    # reopened, the relationship takes items again without the flag
    assert run("person", "reopen", "ada").exit_code == 0
    assert run("topic", "add", "Conference budget", "--with", "ada").exit_code == 0
    assert run("skill", "rate", "public", "3").exit_code == 0
