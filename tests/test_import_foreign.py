"""Coming from jrnl, Taskwarrior and Markdown notes (`import --from`), and leaving as a vault (`export --format
vault`). The jrnl and Taskwarrior files under tests/fixtures/peers/ were written by the real tools
(tests/fixtures/peers/make.sh says how; a slow test makes them again when the tools are installed)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import Run, assert_refused, counts, require_program

PEERS = Path(__file__).parent / "fixtures" / "peers"
JRNL = PEERS / "jrnl.json"
TASKS = PEERS / "taskwarrior.json"


def listing(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def imported(run: Run, *args: str) -> str:
    result = run("import", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


# -- jrnl ---------------------------------------------------------------------------------------------------------


def test_jrnl_entries_become_sessions_with_their_time_tags_and_star(run: Run) -> None:
    out = imported(run, "--from", "jrnl", str(JRNL))
    assert "added 4 sessions" in out
    sessions = {s["date"]: s for s in listing(run, "sessions")}
    first = listing(run, "show", "session", str(sessions["2026-10-05"]["id"]))
    assert first["title"] == "1:1 with Anna."
    assert first["notes"] == "We talked about the #conference talk and her #career plan."
    assert first["time"] == "14:30"
    assert first["tags"] == ["career", "conference"]
    assert "anna" in listing(run, "show", "session", str(sessions["2026-10-19"]["id"]))["tags"]  # @anna
    assert listing(run, "show", "session", str(sessions["2026-11-02"]["id"]))["tags"] == ["starred"]
    german = listing(run, "show", "session", str(sessions["2026-11-03"]["id"]))
    assert german["notes"] == "Umlaute und Emoji 🚀 bleiben erhalten. #reflexion"


def test_jrnl_entries_as_reflections_keep_title_and_body(run: Run) -> None:
    imported(run, "--from", "jrnl", "--as", "reflections", str(JRNL))
    texts = {r["date"]: r for r in listing(run, "reflections")}
    assert set(texts) == {"2026-10-05", "2026-10-19", "2026-11-02", "2026-11-03"}
    shown = listing(run, "show", "reflection", str(texts["2026-10-19"]["id"]))
    assert shown["text"] == (
        "Second session. Anna feels more confident about speaking.\n"
        "She will draft the abstract by Friday. @anna #conference"
    )


def test_an_import_twice_changes_nothing_and_one_undo_takes_it_back(run: Run, db_path: Path) -> None:
    run("person", "add", "Anna Schmidt", "--role", "mentee")
    imported(run, "--from", "jrnl", "--with", "anna", str(JRNL))
    before = counts(db_path)
    again = imported(run, "--from", "jrnl", "--with", "anna", str(JRNL))
    assert again.startswith("Nothing to import: the journal already has everything in")
    assert counts(db_path) == before
    assert all(s["with"] == "Anna Schmidt" for s in listing(run, "sessions"))
    undone = run("undo", "--yes")
    assert "removed sessions 1–4" in undone.stdout
    assert listing(run, "sessions") == []


def test_a_jrnl_entry_without_a_date_is_skipped_with_the_reason(run: Run, tmp_path: Path) -> None:
    data = json.loads(JRNL.read_text())
    data["entries"][1]["date"] = None
    data["entries"].append(dict(data["entries"][0]))  # the same entry twice
    data["entries"].append({**data["entries"][0], "date": "1850-01-01"})
    file = tmp_path / "jrnl.json"
    file.write_text(json.dumps(data))
    out = imported(run, "--from", "jrnl", str(file))
    assert "added 3 sessions" in out
    assert "Skipped 3 records:" in out
    assert "entry 2: it has no date" in out
    assert "entry 5: the same as an earlier one in" in out
    assert "entry 6: created_at lies outside the years 1900–2200" in out


# -- Taskwarrior --------------------------------------------------------------------------------------------------


def tasks_by_text(run: Run) -> dict[str, dict[str, Any]]:
    return {a["text"].split(" #")[0].split(" —")[0]: a for a in listing(run, "actions", "--status", "all")}


def test_taskwarrior_tasks_become_action_items_of_the_relationship(run: Run) -> None:
    run("person", "add", "Anna Schmidt", "--role", "mentee")
    out = imported(run, "--from", "taskwarrior", "--with", "anna", str(TASKS))
    assert "a recurring task's template (its instances are imported as they come)" in out
    found = tasks_by_text(run)
    deck = found["Send the deck to Anna"]
    assert deck["text"] == "Send the deck to Anna #conference #talk"  # project and tags as tags of the text
    assert (deck["status"], deck["due"], deck["with"], deck["owner"]) == ("open", "2026-12-04", "Anna Schmidt", "me")
    assert (
        found["Book the room for the kickoff"]["text"] == "Book the room for the kickoff #admin — ask facilities first"
    )
    cv = found["Review Ben's CV"]
    assert cv["status"] == "done" and cv["done_at"] is not None and cv["due"] == "2026-11-20"
    assert found["Old idea we gave up"]["status"] == "dropped"
    assert found["Wait for feedback"]["status"] == "open"  # waiting is open
    raw = json.loads(TASKS.read_text())
    assert len(listing(run, "actions", "--status", "all")) == len([t for t in raw if t["status"] != "recurring"])


def test_a_later_taskwarrior_export_updates_what_changed(run: Run, tmp_path: Path) -> None:
    imported(run, "--from", "taskwarrior", "--owner", "me", str(TASKS))
    raw = json.loads(TASKS.read_text())
    deck = next(t for t in raw if t["description"] == "Send the deck to Anna")
    deck.update(status="completed", end="20261125T100000Z", modified="20271125T100000Z")
    later = tmp_path / "later.json"
    later.write_text(json.dumps(raw))
    out = imported(run, "--from", "taskwarrior", str(later))
    assert "updated 1 action item" in out and "added" not in out
    assert tasks_by_text(run)["Send the deck to Anna"]["status"] == "done"


def test_the_owner_may_be_them(run: Run) -> None:
    run("person", "add", "Ben", "--role", "mentee")
    imported(run, "--from", "taskwarrior", "--with", "ben", "--owner", "them", str(TASKS))
    assert {a["owner"] for a in listing(run, "actions", "--status", "all")} == {"Ben"}


def test_an_unknown_person_is_an_error_unless_create(run: Run, db_path: Path) -> None:
    run("person", "add", "Ben", "--role", "mentee")
    assert_refused(run, db_path, ["import", "--from", "taskwarrior", "--with", "zoe", str(TASKS)], 1, "no person named")
    out = imported(run, "--from", "taskwarrior", "--with", "Zoe", "--create", str(TASKS))
    assert "added 1 person" in out


@pytest.mark.parametrize(
    ("source", "file", "message", "hint"),
    [
        ("taskwarrior", JRNL, "is not a Taskwarrior export (task export)", "use --from jrnl"),
        ("jrnl", TASKS, "is not a jrnl export (jrnl --export json)", "use --from taskwarrior"),
        ("jrnl", PEERS / ".." / "dump-v1-indented.json", "is not a jrnl export", "import it without --from"),
    ],
)
def test_a_file_of_the_wrong_kind_is_a_clear_error(
    run: Run, db_path: Path, source: str, file: Path, message: str, hint: str
) -> None:
    run("person", "add", "Ben", "--role", "mentee")
    before = counts(db_path)
    result = run("import", "--from", source, str(file))
    assert result.exit_code == 2, result.output
    assert message in result.stderr and hint in result.stderr
    assert "Traceback" not in result.output
    assert counts(db_path) == before


def test_a_foreign_export_given_as_a_dump_names_its_from(run: Run, db_path: Path) -> None:
    run("person", "add", "Ben", "--role", "mentee")
    assert_refused(run, db_path, ["import", str(JRNL)], 2, "It looks like a jrnl export: use --from jrnl.")
    assert_refused(
        run, db_path, ["import", str(TASKS)], 2, "It looks like a Taskwarrior export: use --from taskwarrior."
    )


def test_broken_json_and_a_folder_are_clear_errors(run: Run, db_path: Path, tmp_path: Path) -> None:
    run("person", "add", "Ben", "--role", "mentee")
    broken = tmp_path / "broken.json"
    broken.write_text('{"entries": [')
    assert_refused(run, db_path, ["import", "--from", "jrnl", str(broken)], 2, "is not valid JSON (line 1")
    assert_refused(run, db_path, ["import", "--from", "markdown", str(broken)], 2, "is not a folder")
    assert_refused(run, db_path, ["import", "--from", "taskwarrior", str(tmp_path)], 2, "is a folder, not a file")
    assert_refused(run, db_path, ["import", "--from", "evernote", str(broken)], 2, "--from must be one of")


def test_a_failure_midway_leaves_nothing_imported(run: Run, db_path: Path, tmp_path: Path) -> None:
    run("person", "add", "Ben", "--role", "mentee")
    raw = json.loads(TASKS.read_text())
    raw.append({**raw[0], "description": 17})  # a type error deep in the file: the whole file is refused
    file = tmp_path / "tasks.json"
    file.write_text(json.dumps(raw))
    assert_refused(run, db_path, ["import", "--from", "taskwarrior", str(file)], 2, "is not a valid taskwarrior export")


# -- Markdown notes -----------------------------------------------------------------------------------------------


def write_note(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_markdown_notes_become_sessions_actions_and_reflections(run: Run, tmp_path: Path, db_path: Path) -> None:
    run("person", "add", "Anna Schmidt", "--role", "mentee")
    notes = tmp_path / "notes"
    write_note(notes, "1-1/2026-10-05.md", "---\ndate: 2026-10-05\nwith: '[[Anna Schmidt]]'\ntitle: Career plan\n"
               "tags: [career]\nconfidence: 4\n---\nWe talked about the #conference.\n\n"
               "- [ ] send the deck due:2026-12-04\n- [x] book the room owner:them\n")  # fmt: skip
    write_note(notes, "thoughts.md", "---\nkind: reflection\ndate: 2026-11-01\n---\nI rush when I am nervous.\n")
    write_note(notes, "undated.md", "---\ntitle: no date here\n---\ntext\n")
    write_note(notes, "zoe.md", "---\ndate: 2026-11-02\nwith: Zoe\n---\nfirst talk\n")
    write_note(notes, ".obsidian/workspace.md", "not a note")
    out = imported(run, "--from", "markdown", str(notes))
    assert "added 1 session, 2 action items, 1 reflection" in out
    assert "undated.md: it has no date (front matter `date: YYYY-MM-DD`)" in out
    assert "zoe.md: no person named 'Zoe' (--create adds them)" in out
    (session,) = listing(run, "sessions")
    shown = listing(run, "show", "session", str(session["id"]))
    assert (shown["title"], shown["with"], shown["confidence"]) == ("Career plan", "Anna Schmidt", 4)
    assert shown["notes"] == "We talked about the #conference."
    assert sorted(shown["tags"]) == ["career", "conference"]
    actions = {a["text"]: a for a in listing(run, "actions", "--status", "all")}
    assert actions["send the deck"]["due"] == "2026-12-04" and actions["send the deck"]["status"] == "open"
    assert actions["book the room"]["status"] == "done" and actions["book the room"]["owner"] == "Anna Schmidt"
    assert listing(run, "reflections")[0]["text"] == "I rush when I am nervous."
    before = counts(db_path)
    assert imported(run, "--from", "markdown", str(notes)).startswith("Nothing to import")
    assert counts(db_path) == before
    out = imported(run, "--from", "markdown", "--create", str(notes))
    assert "added 1 person, 1 session" in out
    write_note(notes, "short.md", "---\ndate: 2026-11-03\nwith: anna\n---\nby the first name\n")
    imported(run, "--from", "markdown", str(notes))
    assert {s["with"] for s in listing(run, "sessions")} == {"Anna Schmidt", "Zoe"}  # `anna` as --with matches


# -- the vault ----------------------------------------------------------------------------------------------------


@pytest.fixture
def demo(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    assert run("--db", str(path), "demo").exit_code == 0
    assert run("--db", str(path), "note", "--with", "anna", "--private", "secret plan #hush").exit_code == 0
    return path


def dump_without_ids(run: Run, db: Path) -> dict[str, list[dict[str, Any]]]:
    result = run("--db", str(db), "export", "--format", "json", "--all", "--include-private")
    data = json.loads(result.stdout)
    tables = ("people", "goals", "sessions", "progress_updates", "actions", "reflections", "topics")
    return {
        table: sorted(({k: v for k, v in r.items() if k != "id"} for r in data[table]), key=lambda r: r["uuid"])
        for table in tables
    }


def test_a_vault_imported_into_an_empty_journal_gives_the_same_journal_back(
    run: Run, demo: Path, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    result = run("--db", str(demo), "export", "--format", "vault", "-o", str(vault), "--include-private")
    assert result.exit_code == 0, result.output
    back = tmp_path / "back.db"
    out = run("--db", str(back), "import", "--from", "markdown", str(vault))
    assert out.exit_code == 0, out.output
    assert "added 4 people, 9 goals, 43 sessions" in out.stdout
    assert dump_without_ids(run, back) == dump_without_ids(run, demo)
    again = run("--db", str(demo), "import", "--from", "markdown", str(vault))  # into the journal it came from
    assert again.exit_code == 0 and again.stdout.startswith("Nothing to import"), again.output


def test_the_vault_is_linked_notes_with_front_matter(run: Run, demo: Path, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    assert run("--db", str(demo), "export", "--format", "vault", "-o", str(vault)).exit_code == 0
    anna = (vault / "People" / "Anna Schmidt.md").read_text()
    assert anna.startswith('---\nkind: "person"\n') and 'name: "Anna Schmidt"' in anna
    sessions = sorted((vault / "Sessions").iterdir())
    text = next(p.read_text() for p in sessions if "Anna Schmidt" in p.name)
    assert 'with: "[[Anna Schmidt]]"' in text
    assert "secret plan" not in "".join(p.read_text() for p in sessions)  # private: only with --include-private
    assert all(oct(p.stat().st_mode)[-3:] == "600" for p in vault.rglob("*.md"))


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A second reader: PyYAML itself, and the front matter cut off by hand."""
    import yaml

    assert text.startswith("---\n")
    head, _sep, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def test_a_second_front_matter_parser_reads_the_same_fields(run: Run, demo: Path, tmp_path: Path) -> None:
    import frontmatter

    vault = tmp_path / "vault"
    run("--db", str(demo), "note", "--with", "anna", "--title", 'Tricky: "quotes" \u2028 and \x85 #x', "x")
    assert run("--db", str(demo), "export", "--format", "vault", "-o", str(vault)).exit_code == 0
    dump = json.loads(run("--db", str(demo), "export", "--format", "json", "--all").stdout)
    sessions = {s["uuid"]: s for s in dump["sessions"]}
    files = list((vault / "Sessions").glob("*.md"))
    assert len(files) == len(sessions)
    for path in files:
        text = path.read_text(encoding="utf-8")
        mine, body = split_front_matter(text)
        theirs = frontmatter.loads(text)
        session = sessions[mine["uuid"]]
        for key in ("uuid", "title", "confidence", "tags", "feedback", "private", "created_at", "goal_uuids"):
            assert mine[key] == theirs[key] == session[key], (path, key)
        assert str(mine["date"]) == str(theirs["date"]) == session["date"]
        assert body.strip().startswith(session["notes"].strip())


def test_safe_file_names_no_clashes_and_no_way_out(run: Run, tmp_path: Path) -> None:
    for title in ("../../etc/passwd", "CON", "a/b:c?*<>|", "Talk", "talk", "\x1b[31mred", "..."):
        assert run("goal", "add", title).exit_code == 0, title
    vault = tmp_path / "vault"
    assert run("export", "--format", "vault", "-o", str(vault)).exit_code == 0
    names = sorted(p.name for p in (vault / "Goals").iterdir())
    # a folder part, a device name, Windows' and a wiki link's characters, a clash of case, an escape, only dots
    assert names == sorted(["etc passwd.md", "_CON.md", "a b c.md", "Talk.md", "talk (2).md", "31mred.md", "Goal.md"])
    assert {p.resolve().parent for p in vault.rglob("*.md")} == {(vault / "Goals").resolve()}


def test_reexport_updates_in_place_and_refuses_a_foreign_folder(run: Run, tmp_path: Path) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    run("note", "--with", "anna", "--title", "First", "notes")
    vault = tmp_path / "vault"
    assert run("export", "--format", "vault", "-o", str(vault)).exit_code == 0
    (vault / "My own note.md").write_text("kept")
    run("edit", "session", "1", "--title", "Renamed")
    out = run("export", "--format", "vault", "-o", str(vault))
    assert out.exit_code == 0, out.output
    assert "1 written, 1 unchanged, 1 removed" in out.stdout
    assert sorted(p.name for p in (vault / "Sessions").iterdir()) == ["2026-11-26 Anna - Renamed.md"]
    assert (vault / "My own note.md").read_text() == "kept"
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    result = run("export", "--format", "vault", "-o", str(other))
    assert result.exit_code == 1 and "is not empty and is not a vault mentorlog wrote" in result.stderr
    elsewhere = tmp_path / "elsewhere.db"
    run("--db", str(elsewhere), "person", "add", "Zoe", "--role", "mentor")
    result = run("--db", str(elsewhere), "export", "--format", "vault", "-o", str(vault))
    assert result.exit_code == 1 and "is a vault of another journal" in result.stderr
    assert (vault / "People" / "Anna.md").exists()


# -- the real tools -----------------------------------------------------------------------------------------------


def _jrnl() -> str:
    return os.environ.get("MENTORLOG_JRNL") or require_program("jrnl", why="it writes the jrnl fixture")


@pytest.mark.slow
def test_the_fixtures_come_from_the_real_tools(run: Run, tmp_path: Path) -> None:
    """Makes the exports again with jrnl and Taskwarrior (make.sh) and imports them as the committed ones import."""
    jrnl = _jrnl()
    require_program("task", why="Taskwarrior writes the taskwarrior fixture (Debian package taskwarrior)")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    subprocess.run(["bash", str(PEERS / "make.sh"), str(fresh), jrnl], check=True, timeout=120)

    def entries(path: Path) -> list[dict[str, Any]]:  # jrnl lists an entry's tags in no fixed order
        return [{**e, "tags": sorted(e["tags"])} for e in json.loads(path.read_text())["entries"]]

    assert entries(fresh / "jrnl.json") == entries(JRNL)
    made = json.loads((fresh / "taskwarrior.json").read_text())
    kept = json.loads(TASKS.read_text())
    assert sorted((t["description"], t["status"], t.get("due")) for t in made) == sorted(
        (t["description"], t["status"], t.get("due")) for t in kept
    )
    for name, source in (("jrnl.json", "jrnl"), ("taskwarrior.json", "taskwarrior")):
        out = run("--db", str(tmp_path / f"{source}.db"), "import", "--from", source, str(fresh / name))
        expected = run("--db", str(tmp_path / f"{source}-kept.db"), "import", "--from", source, str(PEERS / name))
        assert out.exit_code == expected.exit_code == 0
        # the same summary, but for the folder and Taskwarrior's random uuids
        assert re.sub(r"\(\w{8}\)", "", out.stdout.replace(str(fresh), "")) == re.sub(
            r"\(\w{8}\)", "", expected.stdout.replace(str(PEERS), "")
        )


def test_the_progress_bar_counts_every_task(monkeypatch: pytest.MonkeyPatch, run: Run, tmp_path: Path) -> None:
    """The bar (render.progress: on a terminal, past one second) is told the number of tasks, and reaches it."""
    import contextlib
    from collections.abc import Iterator

    from mentorlog.render import progress as render_progress

    seen: dict[str, Any] = {"steps": []}

    @contextlib.contextmanager
    def bar(total: int, label: str, **_kwargs: Any) -> Iterator[Any]:
        seen.update(total=total, label=label)
        yield seen["steps"].append

    monkeypatch.setattr(render_progress, "progress_bar", bar)
    raw = json.loads(TASKS.read_text())
    many = [{**task, "uuid": f"{n:08x}-{task['uuid'][9:]}"} for n in range(500) for task in raw]
    file = tmp_path / "many.json"
    file.write_text(json.dumps(many))
    imported(run, "--from", "taskwarrior", str(file))
    assert (seen["total"], seen["label"]) == (len(many), "Importing")
    assert sum(seen["steps"]) == len(many) and len(seen["steps"]) > 1  # the skipped templates count too


@pytest.mark.parametrize("parts", [("taskwarrior", "d4397a14-6cf2-493f-af4e-f01e51358ce4"), ("jrnl", "Ü 🚀", "")])
def test_derived_uuids_are_rfc_4122_uuid5(parts: tuple[str, ...]) -> None:
    import uuid

    from mentorlog.store.foreign.plan import NAMESPACE, stable_uuid

    assert stable_uuid(*parts) == str(uuid.uuid5(NAMESPACE, "\x00".join(parts)))


def test_the_summary_as_json_names_what_was_added_and_skipped(run: Run) -> None:
    result = run("import", "--from", "taskwarrior", str(TASKS), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    raw = json.loads(TASKS.read_text())
    assert data["added"]["actions"] == len(raw) - 1 and data["updated"]["actions"] == 0
    (skipped,) = data["skipped"]
    assert skipped["reason"].startswith("a recurring task's template") and skipped["where"].startswith("task ")


def test_the_vault_needs_a_folder_and_never_writes_through_a_link(run: Run, tmp_path: Path) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    result = run("export", "--format", "vault")
    assert result.exit_code == 2 and "--format vault writes a folder" in result.stderr
    file = tmp_path / "file.md"
    file.write_text("mine")
    result = run("export", "--format", "vault", "-o", str(file))
    assert result.exit_code == 2 and "is a file" in result.stderr
    result = run("export", "--format", "vault", "--since", "6m", "-o", str(tmp_path / "v"))
    assert result.exit_code == 2 and "writes the whole journal" in result.stderr
    vault = tmp_path / "vault"
    assert run("export", "--format", "vault", "-o", str(vault)).exit_code == 0
    note = vault / "People" / "Anna.md"
    note.unlink()
    note.symlink_to(file)  # a note replaced by a link to a file elsewhere
    result = run("export", "--format", "vault", "-o", str(vault))
    assert result.exit_code == 2 and "leads out of" in result.stderr
    assert file.read_text() == "mine"


def test_a_vault_with_notes_gone_or_broken_imports_the_rest(run: Run, demo: Path, tmp_path: Path) -> None:
    """A goal's note deleted: its links are cut. A session's note broken: it is skipped, and so are its action
    items (they would point at nothing); the rest comes in."""
    vault = tmp_path / "vault"
    assert run("--db", str(demo), "export", "--format", "vault", "-o", str(vault)).exit_code == 0
    (vault / "Goals" / "Give a talk at a conference.md").unlink()
    session = next(p for p in (vault / "Sessions").iterdir() if "## Action items" in p.read_text())
    broken = session.read_text().replace("confidence: ", "confidence: 9 #", 1)
    session.write_text(broken if "confidence: 9" in broken else broken.replace("---\n", "---\nconfidence: 9\n", 1))
    back = tmp_path / "back.db"
    out = run("--db", str(back), "import", "--from", "markdown", str(vault))
    assert out.exit_code == 0, out.output
    assert f"Sessions/{session.name}: confidence must be 1 to 5, not 9" in out.stdout
    assert "it refers to a session that is neither in" in out.stdout  # its action items
    goals = {g["title"]: g for g in listing(run, "--db", str(back), "goals", "--all")}
    assert "Give a talk at a conference" not in goals
    assert goals["Submit the abstract"]["parent_id"] is None  # a milestone of the goal that is gone
