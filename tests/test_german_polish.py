"""Issue 16, the last English and awkward German found by a German-speaking tester: usage placeholders and
argument names, defaults, German words for horizon and skill kind, dates in forms and confirmations, per-kind
"not found" errors, names instead of `sie/er`, calendar categories, config warnings and dump reasons."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from .conftest import Run

DE = {"MENTORLOG_LANG": "de"}


@pytest.fixture
def anna(run: Run) -> None:
    assert run("person", "add", "Anna Schmidt", "--role", "mentee").exit_code == 0


def test_usage_lines_and_argument_names_are_german_and_option_names_stay(run: Run) -> None:
    root = run("--help", env=DE).stdout
    assert root.startswith("Aufruf: mentorlog [OPTIONEN] BEFEHL [ARGUMENTE]...\n")
    progress = run("goal", "progress", "--help", env=DE).stdout
    assert progress.startswith("Aufruf: mentorlog goal progress [OPTIONEN] {ID} {PROZENT}\n")
    assert "\n  PROZENT  " in progress and "PERCENT" not in progress
    show = run("show", "--help", env=DE).stdout
    assert "{ART} {ID}" in show.splitlines()[0] and "\n  ART  " in show
    edit = run("edit", "--help", env=DE).stdout
    assert "--title <Text>" in edit and "--titel" not in edit  # an option's name is never translated
    english = run("goal", "progress", "--help").stdout
    assert english.startswith("Usage: mentorlog goal progress [OPTIONS] {ID} {PERCENT}\n")
    bad = run("goal", "progress", "1", "abc", env=DE)
    assert bad.exit_code == 2 and "Ungültiger Wert für 'PROZENT'" in bad.stderr


def test_defaults_that_are_words_are_shown_as_the_german_word_mentorlog_accepts(run: Run) -> None:
    assert "[Standard: kurzfristig]" in run("goal", "add", "--help", env=DE).stdout
    assert "[Standard: offen]" in run("actions", "--help", env=DE).stdout
    assert "[Standard: heute]" in run("note", "--help", env=DE).stdout
    assert "[Standard: Entwicklungsfeld]" in run("skill", "add", "--help", env=DE).stdout
    assert "[default: short]" in run("goal", "add", "--help").stdout


def test_german_words_for_horizon_and_skill_kind_are_accepted_and_stored_in_english(run: Run, anna: None) -> None:
    def added(*args: str) -> dict[str, str]:
        result = run(*args, "--json", env=DE)
        assert result.exit_code == 0, result.output
        return dict(json.loads(result.stdout))

    assert added("goal", "add", "Vortrag", "--horizon", "langfristig")["horizon"] == "long"
    assert added("goal", "add", "Kurs", "--horizon", "kurz")["horizon"] == "short"
    assert added("skill", "add", "Zuhören", "--kind", "Stärke", "--with", "Anna")["kind"] == "strength"
    bad = run("goal", "add", "X", "--horizon", "mittel", env=DE)
    assert bad.exit_code == 2
    assert "Der Horizont muss 'kurzfristig' oder 'langfristig' sein, nicht 'mittel'" in bad.stderr


def test_status_errors_list_the_german_words(run: Run, anna: None) -> None:
    actions = run("actions", "--status", "xyz", env=DE)
    assert actions.exit_code == 2
    assert "Der Status muss offen, erledigt, verworfen oder alle sein, nicht 'xyz'" in actions.stderr
    goals = run("goals", "--status", "xyz", env=DE)
    assert "Der Status eines Ziels muss aktiv, erreicht, pausiert oder verworfen sein" in goals.stderr
    english = run("actions", "--status", "xyz")
    assert "status must be one of open, done, dropped, all; not 'xyz'" in english.stderr


def test_not_found_names_the_kind_with_its_article(run: Run, anna: None) -> None:
    said = {kind: run("show", kind, "99", env=DE).stderr.splitlines()[0] for kind in ("goal", "action", "topic")}
    assert said == {
        "goal": "Fehler: Kein Ziel mit der ID 99",
        "action": "Fehler: Keine Aufgabe mit der ID 99",
        "topic": "Fehler: Kein Thema mit der ID 99",
    }
    assert run("show", "goal", "99").stderr.splitlines()[0] == "Error: no goal with id 99"


def test_edit_confirmations_name_the_field_in_german_with_german_dates(run: Run, anna: None) -> None:
    assert run("action", "add", "Folien", "--with", "Anna").exit_code == 0
    assert run("edit", "action", "1", "--due", "2026-12-04", env=DE).stdout.strip() == (
        "Aufgabe 1 geändert: fällig Fr, 04.12.2026."
    )
    assert run("edit", "person", "1", "--until", "2026-12-31", env=DE).stdout.strip() == (
        "Person 1 geändert: bis Do, 31.12.2026."
    )
    assert run("edit", "action", "1", "--due", "2026-12-05").stdout.strip() == (
        "Updated action 1: due 2026-12-05, Sat."
    )


def _recording_editor(tmp_path: Path) -> tuple[str, Path]:
    """An $EDITOR that keeps a copy of what it was shown and then closes without saving."""
    seen = tmp_path / "seen.txt"
    script = tmp_path / "look.py"
    script.write_text(f"import shutil, sys\nshutil.copy(sys.argv[1], {str(seen)!r})\n")
    return f"{sys.executable} {script}", seen


def test_the_note_form_and_the_person_form_show_german_dates(
    run: Run, anna: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorlog.cli import common

    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)  # no TEXT and a terminal: the editor opens
    editor, seen = _recording_editor(tmp_path)
    note = run("note", "--with", "Anna", "--date", "2026-11-25", env={**DE, "EDITOR": editor})
    assert note.exit_code == 2
    assert "am 25.11.2026" in seen.read_text() and "2026-11-25" not in seen.read_text()
    assert run("edit", "person", "1", "--since", "2026-03-02").exit_code == 0
    edit = run("edit", "person", "1", env={**DE, "EDITOR": editor})
    assert edit.exit_code == 2 and edit.stderr.startswith("Fehler: Nichts geändert: Der Editor wurde ohne Speichern")
    assert "Beginn: 02.03.2026" in seen.read_text() and "Since:" not in seen.read_text()


def test_a_german_date_in_the_person_form_is_read_back(run: Run, run_json, anna: None, tmp_path: Path) -> None:
    script = tmp_path / "since.py"
    script.write_text(
        "import sys\np = sys.argv[1]\nt = open(p, encoding='utf-8').read()\n"
        "import re\nopen(p, 'w', encoding='utf-8').write(re.sub('(?m)^Beginn:.*$', 'Since: 01.02.2026', t))\n"
    )
    assert run("edit", "person", "1", env={**DE, "EDITOR": f"{sys.executable} {script}"}).exit_code == 0
    assert run_json("show", "person", "1")["started"] == "2026-02-01"


def test_actions_by_person_says_sie_er_and_the_markdown_review_names_the_person(run: Run, anna: None) -> None:
    assert run("note", "--with", "Anna", "Plan", "--action", "Folien schicken owner:anna due:fri").exit_code == 0
    listed = run("actions", "--by-person", env=DE).stdout
    # issue 24.8: the owner column says `sie/er` (the word `owner:sie/er` takes), not the surname as before
    assert "sie/er" in listed and "Anna Schmidt" in listed and "  Schmidt  " not in listed
    review = run("export", "--format", "md", env=DE).stdout
    assert "ihre/seine" not in review and "Folien schicken" in review
    assert "them" in run("actions", "--by-person").stdout  # English keeps its word


def test_calendar_categories_are_german(run: Run, anna: None) -> None:
    assert run("action", "add", "Folien", "--with", "Anna", "--due", "2026-12-04").exit_code == 0
    calendar = Calendar.from_ical(run("export", "--format", "ics", env=DE).stdout_bytes)
    categories = [[str(c) for c in todo["CATEGORIES"].cats] for todo in calendar.walk("VTODO")]
    assert categories == [["Mentoring", "Aufgabe"]]
    english = Calendar.from_ical(run("export", "--format", "ics").stdout_bytes)
    assert [[str(c) for c in todo["CATEGORIES"].cats] for todo in english.walk("VTODO")] == [["mentoring", "action"]]


def test_achieving_a_goal_notes_it_in_german(run: Run, run_json) -> None:
    assert run("goal", "add", "Vortrag").exit_code == 0
    assert run("goal", "done", "1", env=DE).exit_code == 0
    updates = run_json("show", "goal", "1")["progress_updates"]
    assert [(u["progress"], u["note"]) for u in updates] == [(100, "erreicht")]


def test_config_warnings_are_german(run: Run, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "de"\nweek_strat = "monday"\n')
    result = run("people", env={"MENTORLOG_CONFIG": str(config)})
    assert (
        f"Warnung: Konfigurationsdatei {config}: unbekannter Schlüssel 'week_strat' ignoriert "
        "(meintest du 'week_start'?)"
    ) in result.stderr


def test_a_bad_dump_record_is_explained_in_german(run: Run, anna: None, tmp_path: Path) -> None:
    dump = tmp_path / "dump.json"
    assert run("export", "--format", "json", "--all", "-o", str(dump)).exit_code == 0
    data = json.loads(dump.read_text())
    data["people"][0]["cadence_days"] = "oft"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = run("--db", str(tmp_path / "new.db"), "import", str(bad), env=DE)
    assert result.exit_code == 2
    assert "muss eine ganze Zahl sein, nicht 'oft'" in result.stderr


def test_people_at_fifty_columns_keep_each_name_on_one_line(run: Run) -> None:
    for name in ("Anna Schmidt", "Dr. Weber"):
        assert run("person", "add", name, "--role", "mentee", "--cadence", "2w").exit_code == 0
    for env in (DE, {}):
        shown = run("people", "--all", env={**env, "COLUMNS": "50"}).stdout
        lines = shown.splitlines()
        assert len(lines) == 3, shown
        assert "A. Schmidt" in shown and all(len(line) <= 50 for line in lines)


def test_a_german_question_takes_j_and_ja_and_says_a_bad_answer_in_german(run: Run, anna: None) -> None:
    assert run("topic", "add", "Gehalt", "--with", "Anna").exit_code == 0
    assert run("topic", "add", "Urlaub", "--with", "Anna").exit_code == 0
    first = run("delete", "topic", "1", input="vielleicht\nj\n", env=DE)
    assert first.exit_code == 0, first.output
    assert "[j/N]: " in first.stderr and "Fehler: ungültige Eingabe" in first.stderr
    assert run("delete", "topic", "2", input="ja\n", env=DE).exit_code == 0
    assert run("topics", "--json").stdout.strip() == "[]"


def test_a_session_refuses_to_rate_another_mentees_skill(run: Run, anna: None, db_path: Path) -> None:
    assert run("person", "add", "Ben Okafor", "--role", "mentee").exit_code == 0
    assert run("skill", "add", "SQL", "--with", "Anna").exit_code == 0
    result = run("note", "--with", "Ben", "Datenbanken", "--rate", "SQL=3", env=DE)
    assert result.exit_code == 2
    assert result.stderr.startswith("Fehler: Die Fähigkeit 'SQL' gehört zu Anna Schmidt; eine Sitzung schätzt nur")
    assert run("sessions", "--json").stdout.strip() == "[]"  # nothing written
    english = run("note", "--with", "Ben", "Databases", "--rate", "SQL=3")
    assert "skill 'SQL' is Anna Schmidt's; a session rates the skills of its person and yours" in english.stderr


def test_the_forms_speak_german_and_read_either_language(run: Run, run_json, anna: None, tmp_path: Path) -> None:
    assert run("goal", "add", "Vortrag", "--description", "30 Minuten").exit_code == 0
    editor, seen = _recording_editor(tmp_path)
    run("edit", "goal", "1", env={**DE, "EDITOR": editor})
    assert "Titel: Vortrag\n@@ Beschreibung @@\n30 Minuten\n" in seen.read_text()
    script = tmp_path / "english.py"
    script.write_text(
        "import sys\ntext = 'Title: Talk\\n@@ description @@\\nhalf an hour\\n'\n"
        "open(sys.argv[1], 'w', encoding='utf-8').write(text)\n"
    )
    assert run("edit", "goal", "1", env={**DE, "EDITOR": f"{sys.executable} {script}"}).exit_code == 0
    goal = run_json("show", "goal", "1")
    assert (goal["title"], goal["description"]) == ("Talk", "half an hour")


def test_closing_in_german_tags_the_reflection_abschluss(run: Run, run_json, anna: None) -> None:
    result = run("person", "close", "Anna", "--reflection", "Gut gelaufen.", env=DE)
    assert "(Schlagwort #Abschluss)" in result.stdout
    assert run_json("reflections", "--json")[0]["tags"] == ["Abschluss"]


def test_more_errors_in_german(run: Run, anna: None) -> None:
    what = run("export", "--format", "csv", "--what", "foo", env=DE)
    assert "--what muss einer der Werte sessions, actions, goals, reflections, skills sein, nicht 'foo'" in what.stderr
    since = run("summary", "--since", "2027-01-01", env=DE)
    assert since.exit_code == 2 and "--since 01.01.2027 liegt nach --until 26.11.2026" in since.stderr
    assert run("goal", "add", "Vortrag").exit_code == 0
    percent = run("goal", "progress", "1", "130", env=DE)
    assert percent.exit_code == 2 and percent.stderr.startswith(
        "Fehler: Der Fortschritt muss 0 bis 100 sein, nicht 130 (PROZENT)"
    )
    assert run("skill", "add", "SQL").exit_code == 0
    assert "Keine Fähigkeit passt zu --with und --kind." in run("skills", "--with", "Anna", env=DE).stdout


def test_the_systems_reasons_are_german(run: Run, anna: None, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "review.md"
    result = run("export", "-o", str(missing), env=DE)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Fehler: {missing} lässt sich nicht schreiben: Datei oder Ordner gibt es nicht")
    assert "No such file or directory" in run("export", "-o", str(missing)).stderr
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    broken = run("--db", str(junk), "people", env=DE)
    assert broken.exit_code == 1 and "(keine Datenbank)" in broken.stderr


def test_sync_status_says_its_dates_in_german(run: Run, anna: None, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    assert run("sync", str(shared)).exit_code == 0
    status = run("sync", "--status", env=DE).stdout
    assert re.search(r"Sync aktiv seit \d\d\.\d\d\.\d{4}, letzter Abgleich \d\d\.\d\d\.\d{4} \d\d:\d\d UTC", status), (
        status
    )
    assert "ORDNER/mentorlog-sync/<Gerät>/" in run("sync", "--help", env=DE).stdout
