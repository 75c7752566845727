"""Issue 25: note templates in the config folder (rendered sandboxed) and the question bank."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from mentorlog.templates.bank import BANK, TOPICS

from .conftest import Run, counts


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make stdin look like a terminal, so commands without TEXT open the editor."""
    from mentorlog.cli import common

    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)


@pytest.fixture
def folder() -> Path:
    """The templates folder: `templates/` beside the test's config.toml."""
    return Path(os.environ["MENTORLOG_CONFIG"]).parent / "templates"


def editor(tmp_path: Path, code: str, name: str = "editor.py") -> str:
    """An $EDITOR (a real program) that runs CODE with `path` and `text` (what mentorlog gave it) in scope; it
    keeps a copy of what it was given in seen.md."""
    script = tmp_path / name
    seen = tmp_path / "seen.md"
    script.write_text(
        "import sys\npath = sys.argv[1]\ntext = open(path, encoding='utf-8').read()\n"
        f"open({str(seen)!r}, 'w', encoding='utf-8').write(text)\n" + code
    )
    return f"{sys.executable} {script}"


def fill(tmp_path: Path, *replacements: tuple[str, str]) -> str:
    """An $EDITOR that replaces each OLD with NEW in the text and saves it."""
    steps = "".join(f"text = text.replace({old!r}, {new!r}, 1)\n" for old, new in replacements)
    return editor(tmp_path, steps + "open(path, 'w', encoding='utf-8').write(text)\n")


def seen(tmp_path: Path) -> str:
    return (tmp_path / "seen.md").read_text(encoding="utf-8")


def drafts(db_path: Path) -> list[Path]:
    drafts_folder = db_path.with_name(db_path.name + ".drafts")
    return sorted(drafts_folder.iterdir()) if drafts_folder.exists() else []


def session(run: Run, session_id: int = 1) -> dict:
    return json.loads(run("show", "session", str(session_id), "--json").stdout)


# templates init and the listing -------------------------------------------------------------------------------


def test_templates_lists_the_built_ins_and_init_writes_them_keeping_edits(run: Run, folder: Path) -> None:
    before = run("templates")
    assert before.exit_code == 0, before.output
    assert [line.split()[0] for line in before.stdout.splitlines()[:4]] == ["session", "kickoff", "retro", "closing"]
    assert "built-in (no file yet)" in before.stdout and "mentorlog templates init" in before.stdout
    first = run("templates", "init")
    assert first.exit_code == 0, first.output
    assert first.stdout.count("Wrote ") == 5  # four templates and questions.md
    kickoff = (folder / "kickoff.md").read_text()
    assert "## Expectations" in kickoff and "{{ person }}" in kickoff and "## Agreement" in kickoff
    assert oct((folder / "kickoff.md").stat().st_mode & 0o777) == "0o600"
    (folder / "retro.md").write_text("## My own retro\n{{ goals }}\n")
    (folder / "weekly.md").write_text("## Weekly with {{ person }}\n")
    again = run("templates", "init")
    assert "Kept " + str(folder / "retro.md") + " (your edits)" in again.stdout
    assert "Wrote" not in again.stdout
    assert (folder / "retro.md").read_text() == "## My own retro\n{{ goals }}\n"
    listed = {item["name"]: item for item in json.loads(run("templates", "--json").stdout)}
    assert listed["session"]["source"] == "built-in file"
    assert listed["retro"]["source"] == "edited"
    assert listed["weekly"] == {"name": "weekly", "source": "own", "path": str(folder / "weekly.md")}
    shown = run("templates").stdout
    assert "retro    built-in, edited" in shown and "weekly   your own" in shown


def test_templates_init_in_german_writes_german_templates(run: Run, folder: Path) -> None:
    result = run("templates", "init", env={"MENTORLOG_LANG": "de"})
    assert result.exit_code == 0, result.output
    assert "Geschrieben: " in result.stdout
    assert "## Erwartungen" in (folder / "kickoff.md").read_text()
    assert "## Nächste Schritte" in (folder / "session.md").read_text()
    assert "- [thema] Frage" in (folder / "questions.md").read_text()
    # an unchanged German built-in is still the built-in: an English init puts the English one there
    run("templates", "init")
    assert "## Expectations" in (folder / "kickoff.md").read_text()


# note --template: a real editor round trip ------------------------------------------------------------------


def test_note_with_the_kickoff_template_fills_placeholders_and_collects_the_headings(
    run: Run, tmp_path: Path, terminal: None
) -> None:
    run("person", "add", "Anna Berg", "--role", "mentee")
    run("goal", "add", "Give a conference talk", "--with", "anna")
    run("topic", "add", "Budget for the course", "--with", "anna")
    filled = fill(
        tmp_path,
        ("## Expectations\n", "## Expectations\nShe wants honest reviews of her drafts.\n"),
        ("## Feedback\n", "## Feedback\nAsk more questions in the team meeting.\n"),
        ("## Next steps\n", "## Next steps\n- [ ] send the talk abstract due:fri\n"),
    )
    result = run("note", "--with", "anna", "--template", "kickoff", env={"EDITOR": filled})
    assert result.exit_code == 0, result.output
    given = seen(tmp_path)
    assert "First meeting with Anna Berg on 2026-11-26." in given
    assert "- Give a conference talk (0 %)" in given
    assert "@@ template: kickoff" in given
    assert "Feedback:" not in given  # the template's heading collects the feedback
    recorded = session(run)
    assert recorded["feedback"] == "Ask more questions in the team meeting."
    assert "## Expectations\nShe wants honest reviews of her drafts." in recorded["notes"]
    assert "## Feedback" not in recorded["notes"]
    assert "## Agreement" in recorded["notes"]  # its text was kept from the template
    assert "## Next steps" not in recorded["notes"]  # only the action line was under it, and that became an item
    [action] = json.loads(run("actions", "--json").stdout)
    assert (action["text"], action["due"], action["session_id"]) == ("send the talk abstract", "2026-11-27", 1)


def test_reflect_with_a_template_drops_empty_headings(run: Run, tmp_path: Path, terminal: None) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    filled = fill(tmp_path, ("## What went well\n", "## What went well\nThe pairing sessions.\n"))
    result = run("reflect", "--with", "anna", "--template", "retro", env={"EDITOR": filled})
    assert result.exit_code == 0, result.output
    assert "Looking back with Anna on 2026-11-26; last session: (none yet)." in seen(tmp_path)
    [reflection] = json.loads(run("reflections", "--json").stdout)
    assert "## What went well\nThe pairing sessions." in reflection["text"]
    assert "## What was hard" not in reflection["text"] and "## Feedback" not in reflection["text"]


def test_a_relationship_s_default_template_starts_its_notes(run: Run, run_json, tmp_path: Path, terminal: None) -> None:
    added = run_json("person", "add", "Ben", "--role", "mentor", "--template", "kickoff")
    assert added["template"] == "kickoff"
    saving = fill(tmp_path, ("Title: ", "Title: First"))
    assert run("note", "--with", "ben", env={"EDITOR": saving}).exit_code == 0
    assert "First meeting with Ben" in seen(tmp_path)
    changed = run("person", "edit", "ben", "--template", "none")
    assert changed.stdout == "Person 1 Ben: notes start from the usual form.\n"
    assert run("note", "--with", "ben", env={"EDITOR": saving}).exit_code == 0
    assert "First meeting" not in seen(tmp_path) and "@@ template" not in seen(tmp_path)
    assert run("edit", "person", "1", "--template", "retro").exit_code == 0
    assert run_json("show", "person", "1")["template"] == "retro"
    shown = run("show", "person", "1")
    assert "note template" in shown.stdout and "retro" in shown.stdout, shown.output
    unknown = run("person", "edit", "ben", "--template", "nope")
    assert unknown.exit_code == 1 and "Error: there is no template 'nope'" in unknown.stderr
    assert run_json("show", "person", "1")["template"] == "retro"
    undone = run("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert run_json("show", "person", "1")["template"] == ""


def test_a_session_md_of_the_user_becomes_the_default_note_form(
    run: Run, folder: Path, tmp_path: Path, terminal: None
) -> None:
    saving = fill(tmp_path, ("Title: ", "Title: Weekly"))
    assert run("note", env={"EDITOR": saving}).exit_code == 0
    assert "@@ template" not in seen(tmp_path)  # no session.md yet: the usual form
    folder.mkdir(parents=True)
    (folder / "session.md").write_text("## Wins this week\n\n## Feedback\n")
    filled = fill(tmp_path, ("Title: ", "Title: Weekly"), ("## Wins this week\n", "## Wins this week\nShipped it\n"))
    assert run("note", env={"EDITOR": filled}).exit_code == 0
    assert "@@ template: session" in seen(tmp_path)
    assert session(run, 2)["notes"] == "## Wins this week\nShipped it"


def test_template_with_text_or_piped_input_is_a_usage_error(run: Run) -> None:
    result = run("note", "Talked", "--template", "kickoff")
    assert result.exit_code == 2 and "Error: --template fills the editor" in result.stderr
    piped = run("reflect", "--template", "retro", input="some text\n")
    assert piped.exit_code == 2 and "Error: --template fills the editor" in piped.stderr
    bad = run("person", "add", "Cy", "--role", "mentee", "--template", "Bad Name!")
    assert bad.exit_code == 2 and "is not a template name" in bad.stderr


# hostile and broken templates ---------------------------------------------------------------------------------

HOSTILE = {
    "attribute": ("{{ ''.__class__ }}\n", 1, "attribute access ('__class__') is not allowed"),
    "item": ("ok\n{{ person['__class__'] }}\n", 2, "not allowed in a template"),
    "include": ("## Notes\n{% include '/etc/passwd' %}\n", 2, "cannot include, import or extend other files"),
    "extends": ("{% extends '/etc/passwd' %}\n", 1, "cannot include, import or extend other files"),
    "endless": ("a\n{% for i in range(10**12) %}x{% endfor %}\n", 2, "a loop of 1000000000000 steps"),
    "nested": ("{% for i in range(9000) %}{% for j in range(9000) %}{% endfor %}{% endfor %}\n", 1, "more than"),
    "huge-text": ("{{ 'x' * 10**9 }}\n", 1, "a text of more than 100000 characters"),
    "format": ("{{ '%999999999d' % 1 }}\n", 1, "formatting with % is not allowed"),
    "filter": ("{{ person|center(10**9) }}\n", 1, "No filter named 'center'"),
    "typo": ("## Notes\n\n{{ persn }}\n", 3, "'persn' is undefined"),
    "syntax": ("## Notes\n{% for %}\n", 2, "Expected an expression"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_or_broken_template_is_refused_naming_file_and_line(
    run: Run, db_path: Path, folder: Path, tmp_path: Path, terminal: None, name: str
) -> None:
    text, line, reason = HOSTILE[name]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(text)
    run("person", "add", "Anna", "--role", "mentee")
    before = counts(db_path)
    never = editor(tmp_path, "open(path, 'w').write('Title: should never be seen')\n")
    result = run("note", "--with", "anna", "--template", name, env={"EDITOR": never})
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: template {folder / name}.md:{line}: ")
    assert reason in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "seen.md").exists()  # refused before the editor opened: nothing typed, nothing lost
    assert counts(db_path) == before and drafts(db_path) == []


def test_a_ten_megabyte_template_is_refused_before_it_is_read_as_a_template(
    run: Run, folder: Path, terminal: None
) -> None:
    folder.mkdir(parents=True)
    (folder / "big.md").write_text("x" * 10_000_000)
    result = run("reflect", "--template", "big", env={"EDITOR": "true"})
    assert result.exit_code == 2
    assert f"Error: template {folder / 'big.md'}: it is 10000 KB; a template may hold at most 100 KB" in result.stderr


def test_a_never_ending_loop_without_output_is_stopped_by_the_time_limit(
    run: Run, folder: Path, terminal: None
) -> None:
    folder.mkdir(parents=True)
    (folder / "spin.md").write_text(
        "{% for a in goals %}{% for b in goals %}{% for c in goals %}{% endfor %}{% endfor %}{% endfor %}\n"
    )
    from mentorlog.templates import sandbox

    with pytest.raises(sandbox.TemplateProblem, match=r"spin.md:1: it took longer than 2.0 seconds"):
        sandbox.render((folder / "spin.md").read_text(), {"goals": "x" * 3000}, where=str(folder / "spin.md"))


def test_text_typed_from_a_template_is_kept_as_a_draft_and_continued_even_when_the_template_breaks(
    run: Run, db_path: Path, folder: Path, tmp_path: Path, terminal: None
) -> None:
    folder.mkdir(parents=True)
    (folder / "mine.md").write_text("## Progress\n\n## Feedback\n")
    typed = fill(
        tmp_path,
        ("Confidence: ", "Confidence: 9"),
        ("## Progress\n", "## Progress\nAn hour of notes.\n"),
        ("## Feedback\n", "## Feedback\nClear structure.\n"),
    )
    result = run("note", "--template", "mine", env={"EDITOR": typed})
    assert result.exit_code == 2 and "Confidence must be 1 to 5" in result.stderr
    [draft] = drafts(db_path)
    assert "An hour of notes." in draft.read_text() and "mentorlog note --draft" in result.stderr
    (folder / "mine.md").write_text("{% for %}\n")  # the template breaks meanwhile: the draft does not need it
    fixed = fill(tmp_path, ("Confidence: 9", "Confidence: 4"))
    again = run("note", "--draft", env={"EDITOR": fixed})
    assert again.exit_code == 0, again.output
    recorded = session(run)
    assert (recorded["confidence"], recorded["notes"], recorded["feedback"]) == (
        4, "## Progress\nAn hour of notes.", "Clear structure.",
    )  # fmt: skip


# the question bank ------------------------------------------------------------------------------------------


def test_the_bank_has_at_least_sixty_questions_in_english_and_german_on_every_topic(run: Run) -> None:
    english = json.loads(run("questions", "--json").stdout)
    german = json.loads(run("questions", "--json", env={"MENTORLOG_LANG": "de"}).stdout)
    assert len(english) == len(german) == len(BANK) >= 60
    assert {q["topic"] for q in english} == set(TOPICS)
    assert all(sum(q["topic"] == topic for q in english) >= 8 for topic in TOPICS)
    assert sum(q["kickoff"] for q in english) >= 8
    assert all(en["text"] != de["text"] for en, de in zip(english, german, strict=True))
    assert len({q["text"] for q in english}) == len(english)  # no question twice
    kickoff = run("questions", "--topic", "kickoff").stdout
    assert "How do you prefer to receive feedback" in kickoff and "[closing]" not in kickoff
    career = run("questions", "--topic", "career", env={"MENTORLOG_LANG": "de"}).stdout
    assert "      1  [career]  Wo möchtest du in drei Jahren stehen" in career


def test_questions_not_yet_asked_with_a_person_leave_out_marked_and_said_ones(run: Run, run_json) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    growth = [q["id"] for q in run_json("questions", "--topic", "growth", "--with", "anna")]
    assert growth[:3] == ["45", "46", "47"]
    marked = run("questions", "--asked", "45", "--with", "anna")
    assert marked.exit_code == 0, marked.output
    assert marked.stdout.startswith("Marked question 45 asked with Anna on 2026-11-26, Thu: What skill would")
    again = run("questions", "--asked", "45", "--with", "anna")
    assert again.stdout.startswith("Already asked with Anna on 2026-11-26, Thu: 45 ")
    run("note", "--with", "anna", "We talked. what did you learn this month that you did NOT expect to learn")
    left = [q["id"] for q in run_json("questions", "--topic", "growth", "--with", "anna")]
    assert left[:2] == ["47", "48"] and "45" not in left and "46" not in left
    assert "45" in [q["id"] for q in run_json("questions", "--topic", "growth")]  # without --with: all of them
    assert run("undo").exit_code == 0 and run("undo").exit_code == 0  # the note, then the mark
    assert [q["id"] for q in run_json("questions", "--topic", "growth", "--with", "anna")][:2] == ["45", "46"]


def test_questions_bad_input_is_refused(run: Run, db_path: Path) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    before = counts(db_path)
    for args, code, message in (
        (["questions", "--asked", "45"], 2, "Error: --asked needs the person it was asked with"),
        (["questions", "--asked", "999", "--with", "anna"], 2, "Error: there is no question '999'"),
        (["questions", "--topic", "hobbies"], 2, "Error: unknown topic 'hobbies'"),
        (["questions", "--asked", "45", "--with", "nobody"], 1, "Error: "),
    ):
        result = run(*args)
        assert result.exit_code == code and message in result.stderr, (args, result.output)
        assert "Traceback" not in result.output
    assert counts(db_path) == before


def test_users_add_their_own_questions_and_a_bad_line_names_file_and_line(run: Run, run_json, folder: Path) -> None:
    run("templates", "init")
    with (folder / "questions.md").open("a") as handle:
        handle.write("- [career] What would you try with a free month?\n- [hobbies] What do you build at home?\n")
    own = [q for q in run_json("questions") if q["own"]]
    assert [(q["topic"], q["text"]) for q in own] == [
        ("career", "What would you try with a free month?"), ("hobbies", "What do you build at home?"),
    ]  # fmt: skip
    assert own[0]["id"].startswith("u") and len(own[0]["id"]) == 7
    assert [q["text"] for q in run_json("questions", "--topic", "hobbies")] == ["What do you build at home?"]
    run("person", "add", "Anna", "--role", "mentee")
    assert run("questions", "--asked", own[0]["id"], "--with", "anna").exit_code == 0
    assert own[0]["id"] not in [q["id"] for q in run_json("questions", "--topic", "career", "--with", "anna")]
    with (folder / "questions.md").open("a") as handle:
        handle.write("just a line without a topic\n")
    broken = run("questions")
    assert broken.exit_code == 2
    assert f"Error: {folder / 'questions.md'}:7: not a question line" in broken.stderr


def test_agenda_adds_questions_not_asked_yet_kickoff_first_for_a_new_relationship(run: Run, run_json) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    first = run_json("agenda", "--with", "anna", "--questions", "3")["questions"]
    assert [q["id"] for q in first] == ["1", "10", "12"] and all(q["kickoff"] for q in first)
    run("questions", "--asked", "10", "--with", "anna")
    shown = run("agenda", "--with", "anna", "--questions", "3")
    assert shown.exit_code == 0, shown.output
    assert "Questions to ask (mark one asked: mentorlog questions --asked ID --with NAME)" in shown.stdout
    assert "      1  [career]  Where would you like to be in three years" in shown.stdout
    assert "     34  [goals]  What do you want to get out of our mentoring" in shown.stdout
    assert "     10  [career]" not in shown.stdout
    run("note", "--with", "anna", "First talk")
    later = [q["id"] for q in run_json("agenda", "--with", "anna", "--questions", "3")["questions"]]
    assert later == ["1", "12", "23"]  # one topic after another once they have met; no closing questions yet
    shared = run("agenda", "--with", "anna", "--questions", "2", "--format", "md")
    assert "## Questions for our meeting\n\n- Where would you like to be in three years" in shared.stdout
    assert (
        "questions" not in run_json("agenda", "--with", "anna")
        or run_json("agenda", "--with", "anna")["questions"] == []
    )


def test_closing_questions_come_first_in_the_last_month_of_a_relationship(run: Run, run_json) -> None:
    run("person", "add", "Anna", "--role", "mentee", "--since", "2026-06-01", "--until", "2026-12-15")
    run("note", "--with", "anna", "Talked")
    ids = [q["id"] for q in run_json("agenda", "--with", "anna", "--questions", "2")["questions"]]
    assert ids == ["56", "57"]


def test_asked_marks_travel_in_the_dump_and_through_sync(run: Run, run_json, tmp_path: Path) -> None:
    run("person", "add", "Anna", "--role", "mentee", "--template", "kickoff")
    run("questions", "--asked", "12", "--with", "anna")
    dump = tmp_path / "dump.json"
    assert run("export", "--format", "json", "--all", "-o", str(dump)).exit_code == 0
    data = json.loads(dump.read_text())
    [mark] = data["asked_questions"]
    assert (mark["question"], mark["date"], mark["person_uuid"]) == ("12", "2026-11-26", data["people"][0]["uuid"])
    assert data["people"][0]["template"] == "kickoff"
    restored = ["--db", str(tmp_path / "restored.db")]
    assert run(*restored, "import", str(dump)).exit_code == 0
    assert "12" not in [q["id"] for q in run_json(*restored, "questions", "--with", "anna")]
    assert run_json(*restored, "show", "person", "1")["template"] == "kickoff"
    folder = tmp_path / "Sync"
    folder.mkdir()
    other = ["--db", str(tmp_path / "other.db")]
    assert run("sync", str(folder)).exit_code == 0
    assert run(*other, "sync", str(folder)).exit_code == 0
    assert run(*other, "questions", "--asked", "34", "--with", "anna").exit_code == 0
    assert run(*other, "sync", str(folder)).exit_code == 0
    assert run("sync", str(folder)).exit_code == 0
    not_asked = [q["id"] for q in run_json("questions", "--with", "anna", "--topic", "goals")]
    assert "34" not in not_asked and "35" in not_asked


def test_a_dump_with_a_bad_template_name_or_question_id_is_refused(run: Run, tmp_path: Path) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    run("questions", "--asked", "12", "--with", "anna")
    dump = tmp_path / "dump.json"
    run("export", "--format", "json", "--all", "-o", str(dump))
    data = json.loads(dump.read_text())
    data["asked_questions"][0]["question"] = "../../etc"
    dump.write_text(json.dumps(data))
    result = run("--db", str(tmp_path / "new.db"), "import", str(dump))
    assert result.exit_code == 2 and "question" in result.stderr and "lower-case letters" in result.stderr


# German and completion ------------------------------------------------------------------------------------


def test_german_messages_for_questions_and_templates(run: Run, folder: Path, terminal: None) -> None:
    de = {"MENTORLOG_LANG": "de"}
    run("person", "add", "Anna", "--role", "mentee")
    marked = run("questions", "--asked", "12", "--with", "anna", env=de)
    assert marked.stdout.startswith("Frage 12 als gestellt markiert mit Anna am Do, 26.11.2026")
    listed = run("templates", env=de)
    assert "eingebaut (noch keine Datei)" in listed.stdout
    folder.mkdir(parents=True)
    (folder / "bad.md").write_text("{{ ''.__class__ }}\n")
    refused = run("note", "--template", "bad", env={**de, "EDITOR": "true"})
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"Fehler: Vorlage {folder / 'bad.md'}:1: Attributzugriff ('__class__') ist")
    assert "Korrigiere die Vorlage" in refused.stderr


def test_completion_offers_template_names_and_topics(folder: Path) -> None:
    from mentorlog.cli.templates import template_names, topic_names

    assert template_names("") == ["closing", "kickoff", "retro", "session"]
    folder.mkdir(parents=True)
    (folder / "weekly.md").write_text("x")
    (folder / "questions.md").write_text("- [hobbies] What do you build?\n")
    assert template_names("w") == ["weekly"]
    assert topic_names("c") == ["career", "confidence", "closing"]
    assert "hobbies" in topic_names("h") and "kickoff" in topic_names("k")


# a real process under a pseudo-terminal, a real editor ---------------------------------------------------------


def _under_a_terminal(env: dict[str, str], *args: str) -> tuple[int, str]:
    """Run `mentorlog ARGS` as a real process whose stdin is a pseudo-terminal (so the editor opens)."""
    import pty

    from .processes import command_line

    pid, fd = pty.fork()
    if pid == 0:  # child: stdin/stdout/stderr are the pty
        os.execve(sys.executable, command_line(*args), env)
    output = b""
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", errors="replace")


def test_a_mentee_starts_with_the_kickoff_template_in_a_real_editor_and_a_hostile_one_is_refused(
    tmp_path: Path,
) -> None:
    from .processes import mentorlog, tree_env

    env = tree_env(tmp_path / "journal.db", MENTORLOG_CONFIG=str(tmp_path / "config" / "config.toml"))
    assert mentorlog(env, "person", "add", "Dr. Weber", "--role", "mentor").returncode == 0
    assert mentorlog(env, "templates", "init").returncode == 0
    env["EDITOR"] = fill(
        tmp_path,
        ("## Expectations\n", "## Expectations\nHonest feedback on my talks.\n"),
        ("## Feedback\n", "## Feedback\nStart with the story.\n"),
    )
    code, output = _under_a_terminal(env, "note", "--with", "weber", "--template", "kickoff")
    assert code == 0, output
    assert "Recorded session 1 with Dr. Weber" in output
    assert "First meeting with Dr. Weber on 2026-11-26." in seen(tmp_path)
    recorded = json.loads(mentorlog(env, "show", "session", "1", "--json").stdout)
    assert recorded["feedback"] == "Start with the story."
    assert recorded["notes"].startswith("First meeting with Dr. Weber on 2026-11-26.\n\n## Expectations\nHonest")
    loops = 9  # over the 9 letters of "Dr. Weber": 9**9 steps that print nothing, stopped by the time limit
    spin = "## Notes\n" + "{% for x in person %}" * loops + "{% endfor %}" * loops + "\n"
    (tmp_path / "config" / "templates" / "spin.md").write_text(spin)
    (tmp_path / "seen.md").unlink()
    code, output = _under_a_terminal(env, "note", "--with", "weber", "--template", "spin")
    assert code == 2, output
    assert "spin.md:2: it took longer than 2.0 seconds" in output and "Traceback" not in output
    assert not (tmp_path / "seen.md").exists()  # the editor never opened
    endless = "{% for i in range(10**12) %}x{% endfor %}\n"
    (tmp_path / "config" / "templates" / "endless.md").write_text(endless)
    code, output = _under_a_terminal(env, "reflect", "--template", "endless")
    assert code == 2 and "endless.md:1: a loop of 1000000000000 steps; at most 10000 are allowed" in output


def test_undo_names_the_asked_question_it_removes_in_both_languages(run: Run) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    run("questions", "--asked", "5", "--with", "anna")
    assert "remove asked question 1." in run("undo", "--dry-run").stdout  # by the id `undo` removes
    undone = run("undo", "--yes", env={"MENTORLOG_LANG": "de"})
    assert "gestellte Frage 1 entfernt" in undone.stdout


def test_a_note_from_a_template_still_offers_the_open_topics_to_tick(
    run: Run, run_json, tmp_path: Path, terminal: None
) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    run("topic", "add", "Budget for the course", "--with", "anna")
    run("topic", "add", "Conference travel", "--with", "anna")
    filled = fill(
        tmp_path,
        ("- [ ] Budget for the course (#1)", "- [x] Budget for the course (#1)"),
        ("## What went well\n", "## What went well\nThe budget is agreed.\n"),
    )
    result = run("note", "--with", "anna", "--template", "retro", env={"EDITOR": filled})
    assert result.exit_code == 0, result.output
    given = seen(tmp_path)
    assert "- [ ] Budget for the course (#1)\n- [ ] Conference travel (#2)" in given
    assert "@@ template: retro" in given and "@@ Tick the topics you discussed" in given
    assert "1 topic marked discussed." in result.stdout
    statuses = {topic["id"]: topic["status"] for topic in run_json("topics", "--status", "all")}
    assert statuses == {1: "discussed", 2: "open"}
    recorded = session(run)
    assert "## What went well\nThe budget is agreed." in recorded["notes"]
    assert "Budget for the course" not in recorded["notes"] and "Conference travel" not in recorded["notes"]
    assert run_json("actions") == []  # no topic line became an action item


def test_person_edit_sets_the_meeting_slot_and_the_template_in_one_command(run: Run, run_json) -> None:
    run("person", "add", "Ben", "--role", "mentor")
    both = run("person", "edit", "ben", "--meets", "tue 10:00", "--template", "retro")
    assert both.exit_code == 0, both.output
    assert both.stdout.splitlines()[-1] == "Person 1 Ben: notes start from the template retro."
    assert both.stdout.startswith("Updated person 1: Ben; meets ")
    shown = run_json("show", "person", "1")
    assert (shown["meets"], shown["template"]) == ("tue 10:00", "retro")
    assert run("edit", "person", "1", "--meets", "none", "--template", "none").exit_code == 0
    shown = run_json("show", "person", "1")
    assert (shown["meets"], shown["template"]) == (None, "")
