"""`mentorlog sync`: each conflict resolved as docs/sync.md says, damaged and newer files, undo, private sessions,
the command's messages and --status."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest

from mentorlog.core.patches import GoalPatch, SessionPatch
from mentorlog.store.sync.files import FOLDER

from .conftest import Run
from .syncdriver import Machine, SharedFolder


def world(*skews: timedelta) -> tuple[SharedFolder, list[Machine]]:
    folder = SharedFolder()
    return folder, [Machine(f"m{n}", folder, skew) for n, skew in enumerate(skews or (timedelta(0), timedelta(0)))]


def everyone_syncs(folder: SharedFolder, machines: list[Machine]) -> None:
    for _ in range(2):
        for machine in machines:
            folder.propagate_all()
            machine.sync()


def goal_by_title(machine: Machine, title: str) -> int:
    return int(machine.db.execute("SELECT id FROM goals WHERE title = ?", [title]).fetchone()[0])


def titles(machine: Machine) -> list[str]:
    return [row[0] for row in machine.db.execute("SELECT title FROM goals ORDER BY title")]


def later(machines: list[Machine], seconds: int = 60) -> None:
    for machine in machines:
        machine.world += timedelta(seconds=seconds)


# conflicts ----------------------------------------------------------------------------------------


def test_the_newer_of_two_concurrent_edits_wins_on_every_machine() -> None:
    folder, (a, b) = world()
    with a.command() as journal:
        journal.goals.add_goal("Draft")
    everyone_syncs(folder, [a, b])
    with a.command() as journal:
        journal.goals.update_goal(goal_by_title(a, "Draft"), GoalPatch(title="Edited on A"))
    later([a, b])
    with b.command() as journal:
        journal.goals.update_goal(goal_by_title(b, "Draft"), GoalPatch(title="Edited on B, later"))
    everyone_syncs(folder, [a, b])
    assert titles(a) == titles(b) == ["Edited on B, later"]


def test_a_clock_hours_behind_cannot_make_an_old_edit_win_but_its_next_edit_after_syncing_does() -> None:
    folder, (right, behind) = world(timedelta(0), timedelta(hours=-20))
    with right.command() as journal:
        journal.goals.add_goal("Draft")
    everyone_syncs(folder, [right, behind])
    with behind.command() as journal:  # made first, stamped 20 hours in the past
        journal.goals.update_goal(goal_by_title(behind, "Draft"), GoalPatch(title="old edit"))
    later([right, behind])
    with right.command() as journal:
        journal.goals.update_goal(goal_by_title(right, "Draft"), GoalPatch(title="newer edit"))
    everyone_syncs(folder, [right, behind])
    assert titles(right) == titles(behind) == ["newer edit"]
    with behind.command() as journal:  # after seeing "newer edit", the slow clock's edit is later by causality
        journal.goals.update_goal(goal_by_title(behind, "newer edit"), GoalPatch(title="edit after syncing"))
    everyone_syncs(folder, [right, behind])
    assert titles(right) == titles(behind) == ["edit after syncing"]


def test_a_clock_a_year_behind_refuses_the_others_files_until_it_is_set_right() -> None:
    # a change stamped more than a day ahead of this machine is refused, not adopted (a far-future stamp would
    # otherwise win over every later edit): a machine whose clock is a year behind sees every present-day file so
    right_folder, (right, behind) = world(timedelta(0), timedelta(days=-365))
    with right.command() as journal:
        journal.goals.add_goal("Draft")
    right.sync()
    right_folder.propagate_all()
    report = behind.sync()
    assert report.files_applied == 0 and [s.refused for s in report.skipped] == [True]
    assert "more than a day ahead of this machine" in report.skipped[0].reason and titles(behind) == []
    behind.skew = timedelta(0)  # its clock set right: the same file is read again and applied
    assert behind.sync().files_applied == 1 and titles(behind) == ["Draft"]


def test_a_deletion_wins_over_an_older_edit_and_a_later_edit_wins_over_a_deletion() -> None:
    folder, (a, b) = world()
    with a.command() as journal:
        journal.goals.add_goal("One")
        journal.goals.add_goal("Two")
    everyone_syncs(folder, [a, b])
    with b.command() as journal:
        journal.goals.update_goal(goal_by_title(b, "One"), GoalPatch(description="edited first"))
    later([a, b])
    with a.command() as journal:
        journal.goals.delete_goal(goal_by_title(a, "One"))
        journal.goals.delete_goal(goal_by_title(a, "Two"))
    later([a, b])
    with b.command() as journal:
        journal.goals.update_goal(goal_by_title(b, "Two"), GoalPatch(description="edited after the deletion"))
    everyone_syncs(folder, [a, b])
    assert titles(a) == titles(b) == ["Two"]
    assert a.dump() == b.dump()


def test_goal_parents_that_form_a_loop_after_merging_are_cut_at_the_older_link() -> None:
    folder, (a, b) = world()
    with a.command() as journal:
        journal.goals.add_goal("A")
        journal.goals.add_goal("B")
    everyone_syncs(folder, [a, b])
    with a.command() as journal:
        journal.goals.update_goal(goal_by_title(a, "A"), GoalPatch(parent_id=goal_by_title(a, "B")))
    later([a, b])
    with b.command() as journal:
        journal.goals.update_goal(goal_by_title(b, "B"), GoalPatch(parent_id=goal_by_title(b, "A")))
    b.sync()
    folder.propagate_all()
    report = a.sync()
    assert [(cut.goal_title, cut.parent_title) for cut in report.loops] == [("A", "B")]
    everyone_syncs(folder, [a, b])
    for machine in (a, b):
        found = machine.db.execute("SELECT g.title, p.title FROM goals g LEFT JOIN goals p ON p.id = g.parent_id")
        parents = dict(found.fetchall())
        assert parents == {"A": None, "B": "A"}
    assert a.dump() == b.dump()


def test_two_people_added_with_one_name_on_two_machines_are_told_apart_the_same_way() -> None:
    folder, (a, b) = world()
    with a.command() as journal:
        journal.people.add_person("Anna", "mentee")
    later([a, b])
    with b.command() as journal:
        journal.people.add_person("anna", "mentor")
    everyone_syncs(folder, [a, b])
    names = [row[0] for row in a.db.execute("SELECT name FROM people ORDER BY name")]
    assert names[0] == "Anna" and names[1].startswith("anna (") and len(names) == 2
    assert a.dump() == b.dump()


def test_an_action_item_of_a_session_deleted_elsewhere_but_edited_later_here_brings_its_session_back() -> None:
    folder, (a, b) = world()
    with a.command() as journal:
        from mentorlog.store.records.sessions import NewAction

        journal.sessions.add_session(day=journal.clock.today, notes="talk", actions=[NewAction("send deck")])
    everyone_syncs(folder, [a, b])
    with a.command() as journal:
        journal.sessions.delete_session(1)
    later([a, b])
    with b.command() as journal:
        journal.actions.set_action_status([1], "done")
    everyone_syncs(folder, [a, b])
    for machine in (a, b):  # the item still refers to its session: the session comes back (docs/sync.md)
        assert machine.db.execute(
            "SELECT a.text, a.status, s.notes FROM actions a JOIN sessions s ON s.id = a.session_id"
        ).fetchall() == [("send deck", "done", "talk")]
    assert a.dump() == b.dump()


def test_undo_of_a_synced_change_travels_as_a_new_change() -> None:
    folder, (a, b) = world()
    with a.command() as journal:
        journal.goals.add_goal("Keep")
    everyone_syncs(folder, [a, b])
    with a.command() as journal:
        journal.goals.update_goal(goal_by_title(a, "Keep"), GoalPatch(title="Oops"))
    everyone_syncs(folder, [a, b])
    assert titles(b) == ["Oops"]
    with a.command(None) as journal:
        journal.undo.undo_last()
    everyone_syncs(folder, [a, b])
    assert titles(a) == titles(b) == ["Keep"]


def test_private_sessions_sync_too() -> None:
    folder, (a, b) = world()
    with a.command() as journal:
        session = journal.sessions.add_session(day=journal.clock.today, notes="just for me", private=True)
        journal.sessions.update_session(session.id, SessionPatch(tags=("inner",)))
    everyone_syncs(folder, [a, b])
    assert b.db.execute("SELECT notes, private FROM sessions").fetchall() == [("just for me", 1)]


def test_a_half_copied_file_is_skipped_then_applied_once_it_is_whole() -> None:
    folder, (a, b) = world()
    with a.command() as journal:
        journal.goals.add_goal("Whole")
    a.sync()
    (key,) = folder.files
    folder.views["m1"][key] = folder.files[key][:-10]
    report = b.sync()
    assert [skipped.reason for skipped in report.skipped] == ["incomplete (no end line)"]
    assert titles(b) == []
    folder.views["m1"][key] = folder.files[key]
    assert b.sync().files_applied == 1 and titles(b) == ["Whole"]


def test_a_file_whose_values_this_journal_refuses_is_skipped_whole() -> None:
    from mentorlog.store.sync.files import Change, encode, hlc_text, micros

    folder, (a, b) = world()
    with a.command() as journal:
        journal.goals.add_goal("Fine")
    everyone_syncs(folder, [a, b])
    record = a.dump()["goals"].popitem()[1]
    bad = Change(
        "goals",
        "00000000-0000-4000-8000-000000000001",
        hlc_text(micros("2026-11-26T09:00:00+00:00"), 0, "00000000000000ee"),
        {**record, "uuid": "00000000-0000-4000-8000-000000000001", "title": "New", "progress": 101},
    )
    good = Change(
        "goals",
        record["uuid"],
        hlc_text(micros("2026-11-26T09:00:00+00:00"), 1, "00000000000000ee"),
        {**record, "title": "Renamed"},
    )
    folder.files[("00000000000000ee", "00000001.jsonl")] = encode(
        "00000000000000ee", 1, "2026-11-26T09:00:00+00:00", [good, bad]
    )
    folder.propagate_all()
    report = b.sync()
    assert [(s.reason, s.refused) for s in report.skipped] == [
        ("goals 00000000-0000-4000-8000-000000000001: progress must be 0 to 100, not 101", True)
    ]  # refused by the checks import makes, before anything was written (the file's good change neither)
    assert titles(b) == ["Fine"]


def test_applying_the_same_files_again_changes_nothing() -> None:
    folder, (a, b) = world()
    with a.command() as journal:
        journal.goals.add_goal("Once")
    everyone_syncs(folder, [a, b])
    before = b.dump()
    b.db.execute("DELETE FROM sync_files")
    again = b.sync()
    assert again.files_applied == 1 and (again.received, again.changed, again.deleted) == (1, 0, 0)
    assert b.dump() == before


def test_an_encrypted_journal_writes_age_files_that_only_the_passphrase_opens() -> None:
    from mentorlog.store.sync.files import AgeCodec

    folder, (a, b, stranger) = world(timedelta(0), timedelta(0), timedelta(0))
    with a.command() as journal:
        journal.sessions.add_session(day=journal.clock.today, notes="confidential salary talk", private=True)
    a.sync(AgeCodec("correct horse"))
    files = {name: data for (_, name), data in folder.files.items()}
    assert sorted(files) == ["00000001.jsonl.age", "key.age"]
    assert all(data.startswith(b"age-encryption.org/v1") and b"salary" not in data for data in files.values())
    folder.propagate_all()
    assert b.sync(AgeCodec("correct horse")).files_applied == 1
    assert b.db.execute("SELECT notes FROM sessions").fetchall() == [("confidential salary talk",)]
    assert b.db.execute("SELECT count(*) FROM sync_keys").fetchone() == (1,)
    wrong = stranger.sync(AgeCodec("wrong guess"))
    assert [s.reason.split(" (")[0] for s in wrong.skipped] == [
        "its device key does not open with this journal's passphrase"
    ]
    plain_machine = Machine("m3", folder, timedelta(0))
    folder.propagate_all()
    plain = plain_machine.sync()
    assert [s.reason for s in plain.skipped] == ["it is encrypted and this journal is not, so it cannot be read here"]


# the command ---------------------------------------------------------------------------------------


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Sync"
    folder.mkdir()
    return folder


def test_sync_sends_a_snapshot_first_and_says_the_files_are_plain(run: Run, shared: Path) -> None:
    run("goal", "add", "Learn Rust")
    first = run("sync", str(shared))
    assert first.exit_code == 0, first.output
    assert "Sync is on for this journal: device " in first.stdout
    assert "Sent a snapshot of 1 change (00000001.jsonl)." in first.stdout
    assert "are plain text" in first.stderr
    (device,) = os.listdir(shared / FOLDER)
    assert oct((shared / FOLDER / device / "00000001.jsonl").stat().st_mode & 0o777) == "0o600"
    second = run("sync", str(shared))
    assert second.stdout == "Nothing new to send.\nNothing new from other devices.\n"
    assert "plain text" not in second.stderr


def test_two_journals_share_work_through_the_folder(run: Run, shared: Path, tmp_path: Path) -> None:
    other = ["--db", str(tmp_path / "other.db")]
    run("person", "add", "Anna", "--role", "mentee")
    run("note", "--with", "anna", "--private", "Talked #growth", "--action", "send the deck")
    assert run("sync", str(shared)).exit_code == 0
    result = run(*other, "sync", str(shared), "--json")
    data = json.loads(result.stdout)
    assert (data["files_applied"], data["changed"], data["deleted"]) == (1, 3, 0)
    assert run(*other, "action", "done", "1").exit_code == 0
    run(*other, "sync", str(shared))
    assert "Applied 1 file from 1 device: 1 record changed, 0 deleted." in run("sync", str(shared)).stdout
    assert json.loads(run("actions", "--status", "done", "--json").stdout)[0]["text"] == "send the deck"


def test_sync_takes_the_folder_from_the_config_and_says_when_there_is_none(run: Run, shared: Path) -> None:
    result = run("sync")
    assert result.exit_code == 2 and "Error: no sync folder given" in result.stderr
    Path(os.environ["MENTORLOG_CONFIG"]).write_text(f'sync_dir = "{shared}"\n')
    run("goal", "add", "One")
    assert run("sync").exit_code == 0
    assert (shared / FOLDER).is_dir()
    missing = run("sync", str(shared / "nope"))
    assert missing.exit_code == 1 and "does not exist" in missing.stderr


def test_a_file_from_a_newer_format_is_refused_with_a_clear_message(run: Run, shared: Path) -> None:
    device = shared / FOLDER / "00000000000000ff"
    device.mkdir(parents=True)
    header = {"format": "mentorlog-sync", "version": 99, "device": "00000000000000ff", "seq": 1}
    (device / "00000001.jsonl").write_text(json.dumps(header) + "\n{}\n{}\n")
    result = run("sync", str(shared))
    assert result.exit_code == 0
    assert "was written by a newer mentorlog (format version 99; this mentorlog reads up to version 1)" in (
        result.stderr
    )
    assert "upgrade mentorlog here" in result.stderr


def test_status_lists_devices_their_last_sync_and_what_is_not_sent_yet(
    run: Run, shared: Path, tmp_path: Path, empty_journal: Path
) -> None:
    assert "Sync is not on yet" in run("sync", "--status").stdout
    run("goal", "add", "One")
    run("sync", str(shared))
    run("--db", str(tmp_path / "other.db"), "goal", "add", "Elsewhere")
    run("--db", str(tmp_path / "other.db"), "sync", str(shared))
    run("goal", "add", "Two")
    run("goal", "add", "Three")
    data = json.loads(run("sync", "--status", str(shared), "--json").stdout)
    assert data["unsent"] == 2
    assert [(d["this"], d["files"], d["applied"]) for d in data["devices"]] == [(True, 1, 1), (False, 1, 0)]
    text = run("sync", "--status", str(shared)).stdout
    assert "Changes not yet sent: 2" in text and "this device, 1 file\n" in text and "1 not applied yet" in text
