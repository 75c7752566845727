"""`show`, `edit` and `delete` over every kind of record."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from .conftest import Run, counts


@pytest.fixture
def filled(run: Run) -> None:
    for args in (
        ["person", "add", "Anna", "--role", "mentee"],
        ["person", "add", "Bob", "--role", "mentee"],
        ["goal", "add", "Lead a project", "--with", "anna"],
        ["note", "--with", "anna", "--title", "Kickoff", "Notes here\n- [ ] plan due:fri"],
        ["reflect", "Good start"],
        ["topic", "add", "Budget", "--with", "anna"],
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("kind", ["session", "goal", "action", "reflection", "person", "topic"])
def test_show_every_kind_as_text_and_json(run: Run, run_json, filled: None, kind: str) -> None:
    result = run("show", kind, "1")
    assert result.exit_code == 0, result.output
    assert f"{kind.capitalize()} 1" in result.stdout
    assert run_json("show", kind, "1")["id"] == 1


def test_show_session_includes_its_action_items(run: Run, filled: None) -> None:
    view = run("show", "session", "1").stdout
    assert "Kickoff" in view and "Notes here" in view and "plan" in view


def test_show_unknown_kind_or_id(run: Run, filled: None) -> None:
    unknown_kind = run("show", "meeting", "1")
    assert unknown_kind.exit_code == 2 and "unknown kind 'meeting'" in unknown_kind.stderr
    unknown_id = run("show", "goal", "99")
    assert unknown_id.exit_code == 1 and unknown_id.stderr.startswith("Error: no goal with id 99")


def test_edit_with_flags_sets_single_fields(run: Run, run_json, filled: None) -> None:
    assert run("edit", "session", "1", "--confidence", "5", "--with", "bob", "--tag", "x").stdout.strip() == (
        "Updated session 1."
    )
    session = run_json("show", "session", "1")
    assert session["confidence"] == 5 and session["with"] == "Bob" and session["tags"] == ["x"]
    assert run_json("show", "action", "1")["with"] == "Bob"  # the session's actions follow it
    run("edit", "action", "1", "--due", "none", "--text", "plan properly", "--owner", "bob")
    action = run_json("show", "action", "1")
    assert (action["due"], action["text"], action["owner"]) == (None, "plan properly", "Bob")
    run("edit", "goal", "1", "--target", "2027-03", "--horizon", "long", "--title", "Lead a big project")
    goal = run_json("show", "goal", "1")
    assert (goal["target"], goal["horizon"], goal["title"]) == ("2027-03-31", "long", "Lead a big project")
    run("edit", "person", "2", "--name", "Bob Marsh", "--cadence", "3w")
    assert run_json("show", "person", "2")["cadence_days"] == 21
    run("edit", "reflection", "1", "--date", "2026-11-01", "--text", "Changed")
    assert run_json("show", "reflection", "1")["date"] == "2026-11-01"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["edit", "action", "1", "--title", "x"], 2, "--title does not apply to a action"),
        (["edit", "session", "1", "--confidence", "9"], 2, "confidence must be 1 to 5"),
        (["edit", "session", "1", "--date", "whenever"], 2, "cannot read 'whenever'"),
        (["edit", "session", "1", "--with", "nobody"], 1, "no person named 'nobody'"),
        (["edit", "goal", "1", "--parent", "1"], 2, "makes a loop"),
        (["edit", "person", "2", "--name", "anna"], 1, "already named"),
        (["edit", "action", "1", "--text", " "], 2, "action item is empty"),
        (["edit", "goal", "77", "--title", "x"], 1, "no goal with id 77"),
    ],
)
def test_bad_edits_change_nothing(
    run: Run, db_path: Path, filled: None, args: list[str], code: int, message: str
) -> None:
    before = run("show", "session", "1", "--json").stdout
    result = run(*args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert run("show", "session", "1", "--json").stdout == before


def fake_editor(tmp_path: Path, body: str) -> str:
    """An $EDITOR that replaces the file with BODY, as a person would after typing."""
    script = tmp_path / "fake-editor.py"
    script.write_text(f"import sys\nopen(sys.argv[1], 'w', encoding='utf-8').write({body!r})\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return f"{sys.executable} {script}"


def test_edit_without_flags_opens_the_editor(run: Run, run_json, filled: None, tmp_path: Path) -> None:
    editor = fake_editor(
        tmp_path,
        "Title: Kickoff!\nConfidence: 3\nNext: 2026-12-10\nFeedback: Clear goals\n\n"
        "New notes #focus\n- [ ] new action due:mon\n",
    )
    result = run("edit", "session", "1", env={"EDITOR": editor})
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Updated session 1 and added 1 action item."
    session = run_json("show", "session", "1")
    assert (session["title"], session["confidence"], session["next"], session["feedback"]) == (
        "Kickoff!",
        3,
        "2026-12-10",
        "Clear goals",
    )
    assert session["notes"] == "New notes #focus" and "focus" in session["tags"]
    assert len(session["action_ids"]) == 2


def test_edit_in_editor_closed_without_saving_changes_nothing(run: Run, run_json, filled: None) -> None:
    result = run("edit", "reflection", "1", env={"EDITOR": f"{sys.executable} -c pass"})
    assert result.exit_code == 2 and "without saving" in result.stderr
    assert run_json("show", "reflection", "1")["text"] == "Good start"


def test_edit_in_editor_saved_unchanged_says_so(run: Run, filled: None, tmp_path: Path) -> None:
    script = tmp_path / "resave.py"
    script.write_text("import sys\np = sys.argv[1]\ntext = open(p).read()\nopen(p, 'w').write(text)\n")
    result = run("edit", "goal", "1", env={"EDITOR": f"{sys.executable} {script}"})
    assert result.exit_code == 0 and result.stdout.strip() == "No changes to goal 1."


def test_edit_in_editor_rejects_a_bad_confidence(run: Run, filled: None, tmp_path: Path) -> None:
    editor = fake_editor(tmp_path, "Title: x\nConfidence: 8\n\nnotes\n")
    result = run("edit", "session", "1", env={"EDITOR": editor})
    assert result.exit_code == 2 and "Confidence must be 1 to 5" in result.stderr


def test_delete_asks_and_respects_no(run: Run, db_path: Path, filled: None) -> None:
    before = counts(db_path)
    result = run("delete", "session", "1", input="n\n")
    assert result.exit_code == 0 and "Nothing deleted." in result.stdout  # declining is not an error (issue 24.6)
    assert "and its 1 action item?" in result.stderr
    assert counts(db_path) == before


def test_delete_with_confirmation_or_yes(run: Run, run_json, filled: None) -> None:
    assert run("delete", "session", "1", input="y\n").exit_code == 0
    assert run_json("sessions") == [] and run_json("actions", "--status", "all") == []
    assert run_json("topics", "--all")[0]["status"] == "open"  # no longer discussed
    assert run("delete", "reflection", "1", "--yes").stdout.strip() == "Deleted reflection 1."
    assert run("delete", "topic", "1", "--yes").exit_code == 0


def test_delete_a_person_still_in_use_is_refused(run: Run, run_json, filled: None) -> None:
    result = run("delete", "person", "1", "--yes")
    assert result.exit_code == 1 and "still has" in result.stderr
    assert len(run_json("people")) == 2
    assert run("delete", "person", "2", "--yes").exit_code == 0


def test_delete_a_goal_with_milestones_is_refused(run: Run, filled: None) -> None:
    run("goal", "add", "Milestone", "--parent", "1")
    result = run("delete", "goal", "1", "--yes")
    assert result.exit_code == 1 and "milestone" in result.stderr
    assert run("delete", "goal", "2", "--yes").exit_code == 0


def test_delete_says_it_cannot_before_asking_to_confirm(run: Run, run_json, filled: None) -> None:
    """issue 11.13: no `Delete person 1? [y/N]` for something that cannot be deleted anyway."""
    refused = run("delete", "person", "1", input="y\n")
    assert refused.exit_code == 1 and "?" not in refused.stderr and "[y/N]" not in refused.stderr
    assert refused.stderr.splitlines()[0].startswith("Error: person 1 still has 1 session")
    assert "mentorlog person close" in refused.stderr
    run("goal", "add", "Milestone", "--parent", "1")
    refused = run("delete", "goal", "1", input="y\n")
    assert refused.exit_code == 1 and "[y/N]" not in refused.stderr and "goal 1 has 1 milestone\n" in refused.stderr
    assert [goal["id"] for goal in run_json("goals", "--all")] == [1, 2]
