"""How `sync` merges: per field, the newest change wins; a field changed on two machines without either seeing
the other's change keeps the loser set aside (`sync --conflicts`, with the command that restores it); a record
deleted on one machine and changed or referred to on another comes back, with what was deleted with it.
Two journals (each its own --db, so its own device id) share one folder, driven through the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorlog.store.sync.files import FOLDER

from .conftest import Run


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Sync"
    folder.mkdir()
    return folder


Machine = Callable[..., object]


@pytest.fixture
def machines(run: Run, tmp_path: Path, shared: Path) -> tuple[Callable[..., object], Callable[..., object]]:
    """Two journals, A and B: a call runs a command on one (`a("actions", "--json")`); `a.sync()` syncs it."""

    class On:
        def __init__(self, name: str) -> None:
            self.db = ["--db", str(tmp_path / f"{name}.db")]

        def __call__(self, *args: str, env: dict[str, str] | None = None) -> object:
            result = run(*self.db, *args, env=env)
            assert result.exit_code == 0, result.output
            return result

        def sync(self, env: dict[str, str] | None = None) -> str:
            return str(self("sync", str(shared), env=env).stdout)  # type: ignore[attr-defined]

        def json(self, *args: str) -> object:
            return json.loads(self(*args, "--json").stdout)  # type: ignore[attr-defined]

    return On("a"), On("b")


def both_synced(a: object, b: object) -> None:
    for machine in (a, b, a, b):
        machine.sync()  # type: ignore[attr-defined]


def action(machine: object, number: int = 1) -> dict[str, object]:
    found = machine.json("show", "action", str(number))  # type: ignore[attr-defined]
    assert isinstance(found, dict)
    return found


# field merge (fault 13) -----------------------------------------------------------------------------------


def test_a_due_date_set_on_one_machine_and_a_text_changed_later_on_the_other_both_survive(machines: tuple) -> None:
    a, b = machines
    a("action", "add", "send the deck")
    both_synced(a, b)
    a("edit", "action", "1", "--due", "2026-12-04")
    b("edit", "action", "1", "--text", "send the deck to Anna")  # later, without having seen the due date
    both_synced(a, b)
    for machine in (a, b):
        found = action(machine)
        assert (found["text"], found["due"]) == ("send the deck to Anna", "2026-12-04")
    assert a.json("sync", "--conflicts") == [] == b.json("sync", "--conflicts")  # different fields: no conflict


def test_a_change_made_after_seeing_the_other_is_no_conflict(machines: tuple) -> None:
    a, b = machines
    a("action", "add", "draft")
    both_synced(a, b)
    a("edit", "action", "1", "--text", "first")
    both_synced(a, b)
    b("edit", "action", "1", "--text", "second, having seen first")
    both_synced(a, b)
    assert action(a)["text"] == action(b)["text"] == "second, having seen first"
    assert "conflict" not in a.sync() and a.json("sync", "--conflicts") == []


# conflicts ------------------------------------------------------------------------------------------------


def test_one_field_changed_on_two_machines_keeps_the_loser_and_says_how_to_restore_it(machines: tuple) -> None:
    a, b = machines
    a("action", "add", "draft")
    both_synced(a, b)
    b("edit", "action", "1", "--text", "B text")
    a("edit", "action", "1", "--text", "A text")  # later: it wins
    b.sync()
    told = a.sync()
    assert "1 conflict: action 1 text — kept 'A text' (this machine, " in told
    assert ", set aside 'B text' (" in told and "mentorlog sync --conflicts" in told
    told_b = b.sync()
    assert "1 conflict: action 1 text — kept 'A text' (" in told_b and "set aside 'B text' (this machine, " in told_b
    assert action(a)["text"] == action(b)["text"] == "A text"
    listed = b("sync", "--conflicts").stdout  # type: ignore[attr-defined]
    assert "action 1 text — kept 'A text'" in listed
    assert "restore it: mentorlog edit action 1 --text 'B text'" in listed
    (item,) = b.json("sync", "--conflicts")
    assert {key: item[key] for key in ("kind", "id", "field", "kept", "set_aside", "restore")} == {
        "kind": "action", "id": 1, "field": "text", "kept": "A text", "set_aside": "B text",
        "restore": "mentorlog edit action 1 --text 'B text'",
    }  # fmt: skip
    b("edit", "action", "1", "--text", "B text")  # the command it gave: restored, the conflict is settled
    assert b.json("sync", "--conflicts") == []
    both_synced(a, b)
    assert action(a)["text"] == "B text"
    assert a.json("sync", "--conflicts") == []


def test_conflicts_name_the_command_for_each_kind_of_field(machines: tuple) -> None:
    a, b = machines
    a("person", "add", "Anna", "--role", "mentee")
    a("goal", "add", "Talk")
    a("action", "add", "call", "--owner", "me")
    both_synced(a, b)
    b("goal", "progress", "1", "20")
    b("action", "done", "1")
    b("edit", "goal", "1", "--target", "2027-03-01")
    a("goal", "progress", "1", "60")
    a("action", "drop", "1")
    a("edit", "goal", "1", "--target", "2027-06-30")
    b.sync()
    a.sync()
    restore = {(item["kind"], item["field"]): item["restore"] for item in b.json("sync", "--conflicts")}
    assert restore == {}  # B has not seen A's changes yet
    b.sync()
    restore = {(item["kind"], item["field"]): item["restore"] for item in b.json("sync", "--conflicts")}
    assert restore[("goal", "progress")] == "mentorlog goal progress 1 20"
    assert restore[("action", "status")] == "mentorlog action done 1"
    assert restore[("goal", "target")] == "mentorlog edit goal 1 --target 2027-03-01"


def test_conflicting_text_is_shown_inert_and_in_german(machines: tuple) -> None:
    a, b = machines
    a("topic", "add", "plan", "--with", "anna", "--create")
    both_synced(a, b)
    b("edit", "topic", "1", "--text", "[bold]loud[/bold] \x1b[31mred")
    a("edit", "topic", "1", "--text", "calm")
    b.sync()
    told = a.sync(env={"MENTORLOG_LANG": "de"})
    assert "1 Konflikt: topic 1 text — behalten 'calm' (dieser Rechner, " in told
    assert "\x1b" not in told and "[bold]loud[/bold]" in told
    listed = a("sync", "--conflicts", env={"MENTORLOG_LANG": "de"}).stdout  # type: ignore[attr-defined]
    assert "wiederherstellen: mentorlog edit topic 1 --text" in listed and "\x1b" not in listed


# deleted, then changed or referred to elsewhere -------------------------------------------------------------


def test_a_goal_deleted_on_one_machine_and_updated_later_on_the_other_comes_back_with_its_progress(
    machines: tuple,
) -> None:
    a, b = machines
    a("goal", "add", "Give a talk")
    a("goal", "progress", "1", "30", "--note", "outline")
    a("goal", "progress", "1", "50", "--note", "slides")
    both_synced(a, b)
    b("delete", "goal", "1", "--yes")
    a("edit", "goal", "1", "--title", "Give a talk at the meetup")  # later, unaware of the deletion
    b.sync()
    told_a = a.sync()
    assert "Kept 2 progress updates that another machine deleted with goal 1 'Give a talk at the meetup'" in told_a
    told_b = b.sync()
    assert "goal 1 'Give a talk at the meetup' came back: deleted here, but changed later on another machine." in (
        told_b
    )
    assert "With it came back what was deleted with it: 2 progress updates." in told_b
    both_synced(a, b)
    for machine in (a, b):
        goal = machine.json("show", "goal", "1")
        assert (goal["title"], goal["progress"]) == ("Give a talk at the meetup", 50)
        assert sorted((u["progress"], u["note"]) for u in goal["progress_updates"]) == [(30, "outline"), (50, "slides")]


def test_a_person_deleted_while_the_other_machine_adds_a_session_action_topic_and_rating_comes_back(
    machines: tuple,
) -> None:
    """Fault 7: nothing a user typed is lost, nothing becomes mine, and sync says what happened."""
    a, b = machines
    a("person", "add", "Anna", "--role", "mentee")
    both_synced(a, b)
    b("delete", "person", "1", "--yes")
    a("note", "--with", "anna", "talked about the talk", "--action", "send the deck")
    a("action", "add", "call back", "--owner", "anna")
    a("topic", "add", "career steps", "--with", "anna")
    a("skill", "add", "Listening", "--with", "anna")
    a("skill", "rate", "Listening", "4", "--note", "much better")
    b.sync()
    told_a = a.sync()
    assert "Brought back person 1 'Anna', deleted on another machine: 2 action items, 1 session, 1 skill, 1 topic" in (
        told_a
    )
    assert ", 0 deleted." in told_a
    told_b = b.sync()
    assert "Brought back person 1 'Anna', deleted here: 2 action items, 1 session, 1 skill, 1 topic made meanwhile" in (
        told_b
    )
    assert "1 deleted" not in told_b
    both_synced(a, b)
    for machine in (a, b):
        actions = machine.json("actions")
        assert sorted((x["text"], x["owner"], x["with"]) for x in actions) == [
            ("call back", "Anna", "Anna"), ("send the deck", "Anna", "Anna"),
        ]  # fmt: skip
        assert [s["with"] for s in machine.json("sessions")] == ["Anna"]
        assert [(t["text"], t["with"]) for t in machine.json("topics")] == [("career steps", "Anna")]
        (skill,) = machine.json("skills")
        assert skill["with"] == "Anna"
        assert [(r["level"], r["note"]) for r in skill["ratings"]] == [(4, "much better")]


def test_change_files_of_the_first_format_whole_records_still_apply(run: Run, shared: Path, tmp_path: Path) -> None:
    """A file written before field merge: every field has the change's clock, the newest record wins whole."""
    from mentorlog.store.sync.files import Change, encode, hlc_text, micros

    run("goal", "add", "Mine")
    assert run("sync", str(shared)).exit_code == 0
    record = json.loads(run("export", "--format", "json", "--all").stdout)["goals"][0]
    record.pop("id")
    device = "00000000000000ee"
    # an hour after the record was made here (a clock more than a day ahead would be refused)
    wall = micros(record["updated_at"]) + 3_600_000_000
    old = Change("goals", record["uuid"], hlc_text(wall, 0, device), {**record, "title": "Renamed there"})
    (shared / FOLDER / device).mkdir()
    (shared / FOLDER / device / "00000001.jsonl").write_bytes(encode(device, 1, "2026-11-26T10:00:00+00:00", [old]))
    assert b'"f"' not in (shared / FOLDER / device / "00000001.jsonl").read_bytes()
    told = run("sync", str(shared))
    assert "Applied 1 file from 1 device: 1 record changed, 0 deleted." in told.stdout, told.output
    assert [goal["title"] for goal in json.loads(run("goals", "--json").stdout)] == ["Renamed there"]


def test_a_change_whose_field_clocks_are_later_than_its_own_is_skipped_as_damaged(
    run: Run, shared: Path, tmp_path: Path
) -> None:
    from mentorlog.store.sync.files import Change, encode, hlc_text, micros

    run("goal", "add", "Mine")
    assert run("sync", str(shared)).exit_code == 0
    record = json.loads(run("export", "--format", "json", "--all").stdout)["goals"][0]
    record.pop("id")
    device = "00000000000000ee"
    clock = hlc_text(micros(record["updated_at"]) + 3_600_000_000, 0, device)  # within a day: not refused
    later = hlc_text(
        micros(record["updated_at"]) + 7_200_000_000, 0, device
    )  # a field "changed" after the change itself: forged
    forged = Change("goals", record["uuid"], clock, {**record, "title": "Forged"}, {"title": later}, {"title": None})
    (shared / FOLDER / device).mkdir()
    (shared / FOLDER / device / "00000001.jsonl").write_bytes(encode(device, 1, "2026-11-26T10:00:00+00:00", [forged]))
    told = run("sync", str(shared))
    assert "has a field clock that is no clock or later than its own" in told.stderr
    assert [goal["title"] for goal in json.loads(run("goals", "--json").stdout)] == ["Mine"]


def test_applying_the_same_files_again_sets_nothing_aside_twice(machines: tuple, tmp_path: Path) -> None:
    import sqlite3

    a, b = machines
    a("action", "add", "draft")
    both_synced(a, b)
    b("edit", "action", "1", "--text", "B text")
    a("edit", "action", "1", "--text", "A text")
    b.sync()
    a.sync()
    before = a.json("sync", "--conflicts")
    with sqlite3.connect(tmp_path / "a.db") as db:
        db.execute("DELETE FROM sync_files")  # as if every file were new again
    told = a.sync()
    assert "0 records changed" in told and "conflict" not in told
    assert a.json("sync", "--conflicts") == before and len(before) == 1


def test_a_snapshot_sent_again_carries_each_fields_clock_as_sync_knows_it() -> None:
    """For a snapshot into a new folder: a record sync knows is sent merged, not restamped whole, so an older
    field of it cannot win over a newer one elsewhere."""
    from datetime import timedelta

    from mentorlog.core.patches import GoalPatch
    from mentorlog.store.sync.files import HybridClock

    from .syncdriver import Machine, SharedFolder

    folder = SharedFolder()
    a, b = Machine("a", folder, timedelta()), Machine("b", folder, timedelta())
    with a.command() as journal:
        journal.goals.add_goal("Talk")
    a.sync()
    folder.propagate_all()
    b.sync()
    with b.command() as journal:
        journal.goals.update_goal(1, GoalPatch(description="from b"))
    b.sync()
    folder.propagate_all()
    a.sync()
    with a.command("sync") as journal:
        state = journal.sync.sync_state() or {}
        (change,) = journal.sync._snapshot(state["device"], HybridClock.parse(state["clock"]))
    assert change.record is not None and change.fields is not None
    assert change.record["description"] == "from b"
    assert change.fields["title"] < change.fields["description"] == change.hlc  # the title keeps its older clock


def test_an_edit_made_on_a_journal_synced_before_field_merge_is_sent(machines: tuple, tmp_path: Path) -> None:
    """A journal that synced before field merge (m025) keeps no merged content: an edit made after the upgrade
    is sent whole, as before, not taken for what sync last left."""
    import sqlite3

    a, b = machines
    a("action", "add", "draft")
    both_synced(a, b)
    for name in ("a", "b"):
        with sqlite3.connect(tmp_path / f"{name}.db") as db:
            db.execute("UPDATE sync_records SET record = NULL, stamps = NULL")  # as m025 leaves an older journal
    a("edit", "action", "1", "--text", "edited after the upgrade")
    assert "Sent 1 change" in a.sync()
    b.sync()
    assert action(b)["text"] == "edited after the upgrade"
    b("edit", "action", "1", "--due", "2026-12-04")
    a("edit", "action", "1", "--text", "and merged per field from then on")
    both_synced(a, b)
    for machine in (a, b):
        assert (action(machine)["text"], action(machine)["due"]) == ("and merged per field from then on", "2026-12-04")
