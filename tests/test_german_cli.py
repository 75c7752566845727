"""mentorlog in German (issue 16), the command line's part: --help, click's own words, confirmations, errors and
hints, plurals, and the German words people type (`--role mentorin`, `owner:ich`, `--status offen`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mentorlog.base.i18n import ngettext, use

from .conftest import Run

DE = {"MENTORLOG_LANG": "de"}
# Words of the English interface that must not appear in German output (checked as whole words).
ENGLISH = [
    "Usage", "Options", "Arguments", "Commands", "Show this message", "Error:", "session", "sessions",
    "action item", "action items", "overdue", "Record", "Review", "Added", "Recorded", "Deleted", "Updated",
    "Invalid value", "No such option", "Missing argument", "unexpected extra", "See '", "Try:", "default:",
    "required", "goal", "milestone", "reflection", "relationship", "with the", "the journal", "Print",
]  # fmt: skip


def english_words(text: str) -> list[str]:
    """The UI's English words in TEXT, leaving out what stays English: command words (the first column of a
    command list, the usage line), option names, and commands quoted in backticks or after `mentorlog`."""
    prose = re.sub(r"(?m)^(Aufruf: .*|  [a-z-]+(?=  ))", "", text)
    prose = re.sub(r"`[^`]*`|--[\w-]+|mentorlog [a-z ]+|\[Standard:\s[^\]]*\]", "", prose)
    prose = re.sub(r"\b[a-z]+(?:,\s+[a-z]+)+\s+oder\s+[a-z]+\b", "", prose)  # a list of values to type: `a, b oder c`
    return [word for word in ENGLISH if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", prose)]


def commands() -> list[list[str]]:
    """Every command path of the CLI: `note`, `goal add`, … (sub-groups too)."""
    import typer

    from mentorlog.cli import app

    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="mentorlog")
    found: list[list[str]] = []
    for name in sorted(root.list_commands(ctx)):  # type: ignore[attr-defined]  # the root loads each lazily
        found.append([name])
        command = root.get_command(ctx, name)  # type: ignore[attr-defined]
        for sub in sorted(command.list_commands(ctx) if hasattr(command, "list_commands") else []):
            found.append([name, sub])
    return found


def test_the_root_help_is_german_in_every_panel(run: Run) -> None:
    result = run("--help", env=DE)
    assert result.exit_code == 0
    for heading in ("Aufruf: mentorlog", "Optionen:", "Festhalten:", "Nachlesen:", "Daten:"):
        assert heading in result.stdout
    assert "Eine Sitzung festhalten: Notizen, Feedback, Zuversicht, Aufgaben" in result.stdout
    assert "Diese Hilfe anzeigen und beenden." in result.stdout
    assert english_words(result.stdout) == []


@pytest.mark.parametrize("path", commands(), ids=" ".join)
def test_every_command_help_is_german(run: Run, path: list[str]) -> None:
    result = run(*path, "--help", env={**DE, "COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "Aufruf: mentorlog" in result.stdout
    assert english_words(result.stdout) == [], result.stdout


def test_a_sub_group_lists_its_commands_in_german(run: Run) -> None:
    result = run("goal", "--help", env=DE)
    assert "Befehle:" in result.stdout
    assert "Ziele und Meilensteine hinzufügen, Fortschritt festhalten" in result.stdout
    assert "Ein Ziel vorerst pausieren." in result.stdout


def test_click_metavars_and_defaults_are_german(run: Run) -> None:
    out = run("note", "--help", env=DE).stdout
    assert "<Text>" in out and "<Zahl>" in out
    assert "[Standard: heute]" in out
    assert "<str>" not in out and "[default" not in out


def test_a_bad_flag_is_german_with_exit_2(run: Run) -> None:
    result = run("note", "--bogus", env=DE)
    assert result.exit_code == 2
    assert result.stderr == "Fehler: Unbekannte Option: --bogus\nSiehe 'mentorlog note --help'.\n"


def test_a_mistyped_command_is_german_with_its_suggestions(run: Run) -> None:
    result = run("actoins", env=DE)
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[0]
        == "Fehler: Unbekannter Befehl 'actoins'. Meintest du 'actions', 'action', 'topics'?"
    )


def test_a_bad_number_a_missing_argument_and_an_extra_argument_are_german(run: Run, empty_journal: Path) -> None:
    bad = run("actions", "--limit", "x", env=DE)
    assert bad.exit_code == 2
    assert "Fehler: Ungültiger Wert für '--limit' / '-l': 'x' ist keine gültige ganze Zahl." in bad.stderr
    missing = run("show", env=DE)
    assert missing.exit_code == 2
    assert "Fehler: Argument 'ART' fehlt." in missing.stderr
    extra = run("actions", "surplus", env=DE)
    assert extra.exit_code == 2
    assert "Fehler: Unerwartete zusätzliche Argumente (surplus)" in extra.stderr
    for result in (bad, missing, extra):
        assert english_words(result.stderr) == [], result.stderr


def test_a_bad_date_is_german_with_a_hint(run: Run) -> None:
    run("person", "add", "Anna Berg", "--role", "mentee")
    result = run("note", "--with", "anna", "--date", "blah", "x", env=DE)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "Fehler: 'blah' lässt sich nicht als Datum lesen"
    assert lines[1].startswith("Zum Beispiel: 2026-12-03, 3.12., 3. Dez, morgen, fr")


def test_an_unknown_person_and_a_missing_record_are_german(run: Run) -> None:
    run("person", "add", "Anna Berg", "--role", "mentee")
    unknown = run("actions", "--with", "zora", env=DE)
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("Fehler: Keine Person namens 'zora'\nFüge sie hinzu mit `mentorlog person add")
    missing = run("show", "session", "99", env=DE)
    assert missing.exit_code == 1
    assert missing.stderr == "Fehler: Keine Sitzung mit der ID 99\nListe sie auf mit `mentorlog sessions`.\n"


def test_confirmations_are_german_with_german_dates(run: Run) -> None:
    person = run("person", "add", "Anna Berg", "--role", "mentorin", "--cadence", "2w", env=DE)
    assert person.stdout == "Person 1 hinzugefügt: Anna Berg (Mentor, Treffen alle 14 Tage).\n"
    note = run("note", "--with", "anna", "Wir haben geredet", "-a", "Entwurf schicken due:fr", "-n", "+2w", env=DE)
    assert note.exit_code == 0, note.output
    assert note.stdout.splitlines() == [
        "Festgehalten: Sitzung 1 mit Anna Berg am Do, 26.11.2026; 1 Aufgabe:",  # issue 24.8: reads naturally
        "  1 für mich, fällig Fr, 27.11.2026: 'Entwurf schicken'",
        "Nächstes Treffen Do, 10.12.2026.",
    ]
    action = run("action", "add", "Folien bauen", "--with", "anna", "--owner", "sie", "--due", "morgen", env=DE)
    assert action.stdout == "Aufgabe 2 für Anna Berg hinzugefügt: 'Folien bauen', fällig Fr, 27.11.2026.\n"
    goal = run("goal", "add", "Vortrag halten", "--target", "2027-03", env=DE)
    assert goal.stdout == "Ziel 1 hinzugefügt: 'Vortrag halten', Zieldatum Mi, 31.03.2027.\n"
    done = run("action", "done", "1", env=DE)
    assert done.stdout == "Erledigt: 1 Entwurf schicken\n"


@pytest.mark.parametrize(
    ("singular", "plural", "expected"),
    [
        ("{n} action item", "{n} action items", ["0 Aufgaben", "1 Aufgabe", "2 Aufgaben"]),
        ("{n} open topic", "{n} open topics", ["0 offene Themen", "1 offenes Thema", "2 offene Themen"]),
        ("{n} topic marked discussed", "{n} topics marked discussed",
         ["0 Themen als besprochen markiert", "1 Thema als besprochen markiert", "2 Themen als besprochen markiert"]),
        (", for goal {ids}", ", for goals {ids}", [", für Ziele 7", ", für Ziel 7", ", für Ziele 7"]),
    ],
)  # fmt: skip
def test_plural_forms_at_0_1_and_2(singular: str, plural: str, expected: list[str]) -> None:
    use("de")
    try:
        said = [ngettext(singular, plural, n).format(n=n, ids=7) for n in (0, 1, 2)]
    finally:
        use("en")
    assert said == expected


def test_the_actions_footer_counts_in_german(run: Run) -> None:
    run("person", "add", "Anna Berg", "--role", "mentee")
    run("action", "add", "Eins", "--with", "anna", "--due", "2026-11-20")
    one = run("actions", env={**DE, "COLUMNS": "120"})
    assert "1 Aufgabe, 1 überfällig" in one.stdout
    run("action", "add", "Zwei", "--with", "anna")
    two = run("actions", env={**DE, "COLUMNS": "120"})
    assert "2 Aufgaben, 1 überfällig" in two.stdout


def test_german_words_in_the_input_are_stored_as_english_values(run: Run) -> None:
    run("person", "add", "Anna Berg", "--role", "mentorin")
    run("person", "add", "Ben Ott", "--role", "mentee")
    people = json.loads(run("people", "--json").stdout)
    assert [p["role"] for p in people if p["name"] == "Anna Berg"] == ["mentor"]
    mine = json.loads(run("action", "add", "Lesen owner:ich", "--with", "ben", "--json").stdout)
    theirs = json.loads(run("action", "add", "Schreiben owner:sie", "--with", "ben", "--json").stdout)
    his = json.loads(run("action", "add", "Rechnen", "--owner", "er", "--with", "ben", "--json").stdout)
    assert (mine["owner"], theirs["owner"], his["owner"]) == ("me", "Ben Ott", "Ben Ott")
    run("action", "done", str(mine["id"]))
    done = json.loads(run("actions", "--status", "erledigt", "--json").stdout)
    assert [(a["id"], a["status"]) for a in done] == [(mine["id"], "done")]
    still_open = json.loads(run("actions", "--status", "offen", "--json").stdout)
    assert {a["status"] for a in still_open} == {"open"} and len(still_open) == 2
    assert json.loads(run("actions", "--status", "verworfen", "--json").stdout) == []
    run("goal", "add", "Vortrag halten")
    assert [g["status"] for g in json.loads(run("goals", "--status", "aktiv", "--json").stdout)] == ["active"]


def test_english_is_unchanged_after_a_german_command(run: Run) -> None:
    run("note", "--bogus", env=DE)
    result = run("note", "--bogus")
    assert result.stderr == "Error: No such option: --bogus\nSee 'mentorlog note --help'.\n"
    assert "Usage: mentorlog" in run("--help").stdout


def test_undo_and_a_refused_delete_count_their_records_in_german(run: Run) -> None:
    run("person", "add", "Anna Berg", "--role", "mentee")
    run("note", "--with", "anna", "Wir haben geredet", "-a", "Lesen", "-a", "Schreiben")
    refused = run("delete", "person", "1", "--yes", env=DE)
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Fehler: Person 1 hat noch 1 Sitzung, 2 Aufgaben\n")
    plan = run("undo", "--dry-run", env=DE)
    assert plan.stdout.startswith("Würde `note` vom 26.11.2026 ")
    assert plan.stdout.endswith(" rückgängig machen: Sitzung 1, Aufgaben 1, 2 entfernen.\n")  # by id (issue 24.6)


def test_a_rating_is_confirmed_in_german(run: Run) -> None:
    run("skill", "add", "Feedback geben", "--kind", "growth")
    run("skill", "rate", "1", "3")
    second = run("skill", "rate", "1", "4", env=DE)
    assert second.stdout == "Fähigkeit 1 eingeschätzt: 'Feedback geben' 4 von mir am Do, 26.11.2026 (vorher 3).\n"


def test_a_bad_config_is_said_in_the_language_the_environment_asks_for(run: Run, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "xx"\n', encoding="utf-8")
    result = run("actions", env={**DE, "MENTORLOG_CONFIG": str(config)})
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Fehler: Konfigurationsdatei {config}: language = 'xx' ist nicht erlaubt",
        "language nimmt 'en' oder 'de'.",
    ]
