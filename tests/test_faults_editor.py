"""Issue 10, the $EDITOR flows: what a person typed is never lost, any text survives an edit byte for byte,
a BOM changes nothing, an emptied file cancels, and odd editors end in a clear message."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorlog.cli.kinds import KINDS
from mentorlog.core import editform

from .conftest import Run, counts


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make stdin look like a terminal, so commands without TEXT open the editor."""
    from mentorlog.cli import common

    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)


def editor(tmp_path: Path, code: str, name: str = "editor.py") -> str:
    """An $EDITOR that runs CODE with `path` and `text` (the file's text, BOM kept) in scope."""
    script = tmp_path / name
    script.write_text("import sys\npath = sys.argv[1]\ntext = open(path, encoding='utf-8', newline='').read()\n" + code)
    return f"{sys.executable} {script}"


def writes(tmp_path: Path, content: str | bytes) -> str:
    data = tmp_path / "content.bin"
    data.write_bytes(content.encode() if isinstance(content, str) else content)
    return editor(tmp_path, f"open(path, 'wb').write(open({str(data)!r}, 'rb').read())\n", "writer.py")


def drafts(db_path: Path) -> list[Path]:
    folder = db_path.with_name(db_path.name + ".drafts")
    return sorted(folder.iterdir()) if folder.exists() else []


# drafts -----------------------------------------------------------------------------------------------


def test_a_bad_confidence_after_the_editor_keeps_the_text_as_a_draft(
    run: Run, db_path: Path, tmp_path: Path, terminal: None
) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    before = counts(db_path)
    text = "Title: Long talk\nConfidence: 9\n@@ notes @@\nAn hour of careful notes I do not want to type again.\n"
    result = run("note", "--with", "anna", env={"EDITOR": writes(tmp_path, text)})
    assert result.exit_code == 2 and "Confidence must be 1 to 5" in result.stderr
    [draft] = drafts(db_path)
    assert draft.read_text() == text and draft.stat().st_mode & 0o777 == 0o600
    assert str(draft) in result.stderr and "mentorlog note --draft" in result.stderr
    assert counts(db_path) == before
    fixed = editor(tmp_path, "open(path, 'w').write(text.replace('Confidence: 9', 'Confidence: 4'))\n", "fix.py")
    again = run("note", "--with", "anna", "--draft", env={"EDITOR": fixed})
    assert again.exit_code == 0, again.output
    session = json.loads(run("show", "session", "1", "--json").stdout)
    assert session["confidence"] == 4 and session["notes"].startswith("An hour of careful notes")
    assert drafts(db_path) == []


def test_a_bad_due_date_after_the_editor_keeps_the_text_too(
    run: Run, db_path: Path, tmp_path: Path, terminal: None
) -> None:
    text = "Title: x\n@@ notes @@\n- [ ] send it due:someday\n"
    result = run("note", env={"EDITOR": writes(tmp_path, text)})
    assert result.exit_code == 2 and "cannot read 'someday'" in result.stderr
    assert [d.read_text() for d in drafts(db_path)] == [text]


def test_an_edit_that_cannot_be_saved_is_kept_and_can_be_continued(
    run: Run, db_path: Path, tmp_path: Path, terminal: None
) -> None:
    run("note", "Kickoff", "--title", "Kickoff")
    bad = editor(tmp_path, "open(path, 'w').write(text.replace('Confidence: ', 'Confidence: six'))\n")
    result = run("edit", "session", "1", env={"EDITOR": bad})
    assert result.exit_code == 2 and "edit session 1 --draft" in result.stderr
    assert len(drafts(db_path)) == 1
    fixed = editor(tmp_path, "open(path, 'w').write(text.replace('Confidence: six', 'Confidence: 2'))\n", "f.py")
    assert run("edit", "session", "1", "--draft", env={"EDITOR": fixed}).exit_code == 0
    assert json.loads(run("show", "session", "1", "--json").stdout)["confidence"] == 2
    assert drafts(db_path) == []


def test_draft_without_a_kept_text_is_a_clear_error(run: Run, terminal: None) -> None:
    result = run("note", "--draft", env={"EDITOR": "true"})
    assert result.exit_code == 1 and "there is no draft to continue" in result.stderr


def test_an_editor_that_fails_after_writing_keeps_the_text(
    run: Run, db_path: Path, tmp_path: Path, terminal: None
) -> None:
    crash = editor(tmp_path, "open(path, 'w').write(text + 'typed before the crash')\nsys.exit(3)\n")
    result = run("note", env={"EDITOR": crash})
    assert result.exit_code == 1 and "exited with status 3" in result.stderr
    assert "typed before the crash" in drafts(db_path)[0].read_text()


# the form keeps any text --------------------------------------------------------------------------------


def test_markdown_headings_and_multi_line_feedback_survive_an_edit(
    run: Run, run_json: object, tmp_path: Path, terminal: None
) -> None:
    notes = "# Agenda\nIntro\n## Details\n#tagged line\n@@ notes @@ written by hand"
    feedback = "First line.\n\nSecond paragraph."
    assert run("note", notes, "--title", "T", "--feedback", feedback).exit_code == 0
    resave = editor(tmp_path, "open(path, 'w', encoding='utf-8').write(text + ' ')\n")
    result = run("edit", "session", "1", env={"EDITOR": resave})
    assert result.exit_code == 0, result.output
    session = json.loads(run("show", "session", "1", "--json").stdout)
    assert session["notes"] == notes and session["feedback"] == feedback and session["title"] == "T"


TEXTS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=300).map(
    lambda text: text.strip()
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=TEXTS, feedback=TEXTS, title=TEXTS.map(lambda t: " ".join(t.split())))
def test_any_session_text_round_trips_through_its_form_unchanged(notes: str, feedback: str, title: str) -> None:
    from mentorlog.core.textparse import parse_note

    if parse_note(notes).actions:
        return  # checkbox lines are taken as new action items by design
    kind = KINDS["session"]
    record = type("R", (), {"title": title, "confidence": None, "next": None, "notes": notes, "feedback": feedback})
    text = editform.render(kind.form.fill(record))
    form = editform.parse(text, kind.form.fields, kind.form.sections)
    assert form.section("notes") == notes
    assert editform.session_feedback(form) == feedback
    assert form.field("Title") == title


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
@pytest.mark.parametrize("word", ["reflection", "action", "topic"])
def test_any_item_text_round_trips_through_its_form_unchanged(word: str, text: str) -> None:
    kind = KINDS[word]
    record = type("R", (), {"text": text})
    form = editform.parse(editform.render(kind.form.fill(record)), kind.form.fields, kind.form.sections)
    assert form.section("text") == text


# BOM, empty files, odd editors --------------------------------------------------------------------------


def test_an_editor_that_saves_a_bom_changes_nothing_else(
    run: Run, run_json: object, tmp_path: Path, terminal: None
) -> None:
    run("note", "notes", "--title", "Kickoff", "--confidence", "3", "--feedback", "good", "--next", "2026-12-10")
    bom = editor(tmp_path, "open(path, 'w', encoding='utf-8-sig').write(text.replace('Kickoff', 'Kick-off'))\n")
    assert run("edit", "session", "1", env={"EDITOR": bom}).exit_code == 0
    session = json.loads(run("show", "session", "1", "--json").stdout)
    assert (session["title"], session["confidence"], session["feedback"], session["next"], session["notes"]) == (
        "Kick-off",
        3,
        "good",
        "2026-12-10",
        "notes",
    )


def test_an_untouched_template_saved_with_a_bom_records_nothing(
    run: Run, db_path: Path, tmp_path: Path, terminal: None
) -> None:
    resave = editor(tmp_path, "open(path, 'w', encoding='utf-8-sig').write(text)\n")
    assert run("reflect", env={"EDITOR": resave}).exit_code == 2
    assert run("note", env={"EDITOR": resave}).exit_code == 2
    assert not db_path.exists() or counts(db_path).get("sessions", 0) == 0


def test_an_emptied_file_cancels_whatever_the_flags_said(
    run: Run, db_path: Path, tmp_path: Path, terminal: None
) -> None:
    empty = writes(tmp_path, "")
    result = run("note", "--title", "T", "--feedback", "F", "--action", "a", env={"EDITOR": empty})
    assert result.exit_code == 2 and "emptied" in result.stderr
    assert not db_path.exists() or counts(db_path).get("sessions", 0) == 0
    assert drafts(db_path) == []
    run("note", "x")
    assert run("edit", "session", "1", env={"EDITOR": empty}).exit_code == 2
    assert json.loads(run("show", "session", "1", "--json").stdout)["notes"] == "x"


def test_an_editor_that_deletes_its_file_is_a_clear_error(run: Run, tmp_path: Path, terminal: None) -> None:
    remover = editor(tmp_path, "import os\nos.unlink(path)\n")
    result = run("note", env={"EDITOR": remover})
    assert result.exit_code == 1 and "the editor removed the file" in result.stderr
    assert "unexpected" not in result.stderr


def test_a_latin_1_editor_file_is_kept_as_a_draft(run: Run, db_path: Path, tmp_path: Path, terminal: None) -> None:
    result = run("note", env={"EDITOR": writes(tmp_path, "Title: Jürgen\n".encode("latin-1"))})
    assert result.exit_code == 2 and "not valid UTF-8" in result.stderr
    assert drafts(db_path)[0].read_bytes() == "Title: Jürgen\n".encode("latin-1")


def test_editor_values_with_tilde_and_home_are_expanded_by_the_shell(
    run: Run, tmp_path: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "bin").mkdir(parents=True)
    script = home / "bin" / "ed"
    script.write_text(
        f"#!/bin/sh\nexec {sys.executable} -c \"import sys; open(sys.argv[1], 'a').write('kept')\" \"$1\"\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("HOME", str(home))
    for value in ("~/bin/ed", "$HOME/bin/ed"):
        result = run("reflect", env={"EDITOR": value, "HOME": str(home)})
        assert result.exit_code == 0, (value, result.output)
    assert len(json.loads(run("reflections", "--json").stdout)) == 2


def test_ctrl_c_at_a_confirmation_is_exit_130_and_changes_nothing(
    run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer

    def ctrl_c(*args: object, **kwargs: object) -> bool:
        try:  # as the prompt does when the person presses Ctrl-C
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise typer.Abort() from None

    run("note", "x")
    before = counts(db_path)
    monkeypatch.setattr(typer, "confirm", ctrl_c)
    result = run("delete", "session", "1")
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == "Interrupted; nothing was changed."
    assert counts(db_path) == before


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["delete", "session", "1"], "Pass --yes to delete without asking."),
        (["undo"], None),  # undo asks only on a terminal; without one it undoes, as before
    ],
)
def test_input_that_ends_before_an_answer_is_exit_1_with_the_flag_that_skips_the_question(
    run: Run, db_path: Path, args: list[str], hint: str | None
) -> None:
    """`mentorlog delete session 1 </dev/null` in a script: no answer is not an interrupt (issue 13 QA)."""
    run("note", "x", "--with", "Kim", "--create", "--action", "call back")
    before = counts(db_path)
    result = run(*args, input="")
    if hint is None:
        assert result.exit_code == 0
        return
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-2:] == ["Error: no answer: standard input ended before one", hint]
    assert counts(db_path) == before


def test_the_environment_of_tests_has_no_editor() -> None:
    assert "EDITOR" not in os.environ and "VISUAL" not in os.environ
