"""Issue 24, point 1: a topic's life. `note` marks discussed only the open topics queued on or before the
session's date that the session names (ticked in the editor, `--discussed`, asked on a terminal); `topic
done/drop/reopen`, `topics --status`; and health's "topics carried over", counted here by hand."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from mentorlog.cli import common

from .conftest import Run, counts


def on(run: Run, day: str, *args: str, code: int = 0) -> Any:
    result = run(*args, env={"MENTORLOG_TODAY": day})
    assert result.exit_code == code, (args, result.output)
    return result


@pytest.fixture
def anna(run: Run) -> None:
    """Anna (mentee); topic 1 queued 2026-11-20, topic 2 queued 2026-11-25 (today is 2026-11-26)."""
    on(run, "2026-11-01", "person", "add", "Anna Schmidt", "--role", "mentee")
    on(run, "2026-11-20", "topic", "add", "Conference budget", "--with", "anna")
    on(run, "2026-11-25", "topic", "add", "Holiday cover", "--with", "anna")


def statuses(run_json: Any) -> dict[int, str]:
    return {topic["id"]: topic["status"] for topic in run_json("topics", "--status", "all")}


def test_a_note_without_a_terminal_and_without_discussed_leaves_the_topics_open(
    run: Run, run_json: Any, anna: None
) -> None:
    result = run("note", "--with", "anna", "We met")
    assert result.stdout == "Recorded session 1 with Anna Schmidt on 2026-11-26, Thu.\n"
    assert statuses(run_json) == {1: "open", 2: "open"}


def test_discussed_all_on_a_back_dated_note_closes_only_the_topics_queued_by_then(
    run: Run, run_json: Any, anna: None
) -> None:
    result = run("note", "--with", "anna", "--date", "2026-11-22", "--discussed", "all", "We met")
    assert result.stdout.splitlines() == [
        "Recorded session 1 with Anna Schmidt on 2026-11-22, Sun.",
        "1 topic marked discussed.",
    ]
    assert statuses(run_json) == {1: "discussed", 2: "open"}  # topic 2 was queued on 11-25, after the session
    assert run_json("show", "topic", "1")["session_id"] == 1


def test_discussed_ids_mark_those_and_a_topic_queued_later_is_refused(
    run: Run, run_json: Any, anna: None, db_path: Path
) -> None:
    before = counts(db_path)
    refused = run("note", "--with", "anna", "--date", "2026-11-22", "--discussed", "2", "We met")
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        "Error: --discussed: topic 2 is not an open topic of this session's person queued by 2026-11-22",
        "Open topics this session can discuss: 1.",
    ]
    assert counts(db_path) == before  # no session stored either
    assert run("note", "--with", "anna", "--discussed", "2", "We met").exit_code == 0
    assert statuses(run_json) == {1: "open", 2: "discussed"}
    assert run("note", "--with", "anna", "--discussed", "x", "Again").exit_code == 2


def test_ticked_topics_in_the_editor_are_discussed_and_unticked_ones_stay_open_and_become_no_action(
    run: Run, run_json: Any, anna: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    seen = tmp_path / "template.txt"
    script = tmp_path / "tick.py"
    script.write_text(
        "import sys\npath = sys.argv[1]\ntext = open(path, encoding='utf-8').read()\n"
        f"open({str(seen)!r}, 'w', encoding='utf-8').write(text)\n"
        "text = text.replace('- [ ] Holiday cover (#2)', '- [x] Holiday cover (#2)')\n"
        "open(path, 'w', encoding='utf-8').write(text + 'Talked it through.\\n- [ ] book the room due:fri\\n')\n"
    )
    result = run("note", "--with", "anna", env={"EDITOR": f"{sys.executable} {script}"})
    assert result.exit_code == 0, result.output
    template = seen.read_text(encoding="utf-8")
    assert "- [ ] Conference budget (#1)\n- [ ] Holiday cover (#2)\n" in template
    assert "@@ Tick the topics you discussed ([x]); the others stay open for the next meeting." in template
    assert result.stdout.splitlines()[-1] == "1 topic marked discussed."
    assert statuses(run_json) == {1: "open", 2: "discussed"}
    assert [action["text"] for action in run_json("actions")] == ["book the room"]  # no topic line became one
    assert run_json("show", "session", "1")["notes"] == "Talked it through."


def test_on_a_terminal_the_note_asks_which_topics_were_discussed(
    run: Run, run_json: Any, anna: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    result = run("note", "--with", "anna", "We met", input="5\n1\n")
    assert result.exit_code == 0, result.output
    assert "2 open topics:\n  1 Conference budget\n  2 Holiday cover\n" in result.stderr
    assert "Please answer with ids of the topics listed, all, or nothing." in result.stderr  # 5 is not listed
    assert statuses(run_json) == {1: "discussed", 2: "open"}
    # Enter: none
    on(run, "2026-11-26", "topic", "reopen", "1")
    assert run("note", "--with", "anna", "Again", input="\n").exit_code == 0
    assert statuses(run_json) == {1: "open", 2: "open"}


def test_topic_done_drop_reopen_and_topics_by_status(run: Run, run_json: Any, anna: None) -> None:
    assert run("topic", "done", "1").stdout == "Discussed: 1 Conference budget\n"
    assert run("topic", "drop", "1,2").stdout.splitlines() == [
        "Dropped: 1 Conference budget",
        "Dropped: 2 Holiday cover",
    ]
    assert run("topic", "drop", "2").stdout == "Already dropped: 2 Holiday cover\n"
    assert [t["id"] for t in run_json("topics", "--status", "dropped")] == [1, 2]
    assert run_json("topics") == []
    assert run("topics").stdout.startswith("No open topics.")
    assert run("topic", "reopen", "1-2").stdout.splitlines() == [
        "Reopened: 1 Conference budget",
        "Reopened: 2 Holiday cover",
    ]
    assert [t["id"] for t in run_json("topics")] == [1, 2]
    wrong = run("topics", "--status", "closed")
    assert wrong.exit_code == 2 and "status must be one of open, discussed, dropped, all" in wrong.stderr
    assert run("topic", "done", "9").exit_code == 1


def test_a_dropped_topic_is_undone_dumped_and_restored(run: Run, run_json: Any, anna: None, tmp_path: Path) -> None:
    run("topic", "drop", "2")
    assert run("undo").exit_code == 0
    assert statuses(run_json) == {1: "open", 2: "open"}
    run("topic", "drop", "2")
    dump = tmp_path / "dump.json"
    assert run("export", "--format", "json", "--all", "-o", str(dump)).exit_code == 0
    assert [t["status"] for t in json.loads(dump.read_text())["topics"]] == ["open", "dropped"]
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "import", str(dump)).exit_code == 0
    restored = run("--db", str(fresh), "topics", "--status", "all", "--json")
    assert [t["status"] for t in json.loads(restored.stdout)] == ["open", "dropped"]
    assert "Holiday cover" in run("search", "holiday", "--kind", "topic").stdout


@pytest.fixture
def bea(run: Run) -> None:
    """Bea, a mentee since 2026-09-01 (cadence 2w); each command runs on the day it names.

    Topics: 1, 2 and 3 queued 09-02 (3 dropped 11-21), 4 queued 10-10.
    Sessions: 09-15 (names none), 10-01 (discusses 2), 10-20 (none), 11-05 (discusses 1), 11-20 (none).
    """
    on(run, "2026-09-01", "person", "add", "Bea Berg", "--role", "mentee", "--cadence", "2w", "--since", "2026-09-01")
    for day, text in (("09-02", "Conference budget"), ("09-02", "Holiday cover"), ("09-02", "Team move")):
        on(run, f"2026-{day}", "topic", "add", text, "--with", "bea")
    on(run, "2026-10-10", "topic", "add", "Promotion case", "--with", "bea")  # id 4
    for day, discussed in (("09-15", None), ("10-01", "2"), ("10-20", None), ("11-05", "1"), ("11-20", None)):
        extra = ["--discussed", discussed] if discussed else []
        on(run, f"2026-{day}", "note", "--with", "bea", *extra, "met")
    on(run, "2026-11-21", "topic", "drop", "3")


def test_health_counts_the_topics_carried_over_two_meetings_by_hand(bea: None, run: Run, run_json: Any) -> None:
    # By hand, sessions after the day a topic was queued and before the day it was discussed, up to today:
    #   topic 1 (09-02, discussed 11-05): 09-15, 10-01, 10-20 = 3 -> carried
    #   topic 2 (09-02, discussed 10-01): 09-15             = 1 -> not carried
    #   topic 3 (09-02, dropped 11-21):   dropped            -> not counted
    #   topic 4 (10-10, still open):      10-20, 11-05, 11-20 = 3 -> carried
    # -> 2 topics carried: watch (needs attention from 3).
    [health] = run_json("health")
    assert health["topics_carried"] == 2
    assert health["verdicts"]["topics"] == "watch"
    assert "2 topics carried over two meetings or more" in health["reasons"]
    # From 11-10: topic 1 was discussed (11-05) before the window, so only topic 4 -> 1.
    [recent] = run_json("health", "--since", "2026-11-10")
    assert recent["topics_carried"] == 1
    # Seen on 10-25 (health's window ends today): topic 1 was open then (discussed later) with 09-15, 10-01,
    # 10-20 behind it -> carried; topic 4 had only 10-20 -> 1.
    [autumn] = json.loads(on(run, "2026-10-25", "health", "--json").stdout)
    assert autumn["topics_carried"] == 1


def test_a_dropped_topic_travels_by_sync_and_is_deleted_and_undone(run: Run, tmp_path: Path) -> None:
    folder, laptop, desk = tmp_path / "sync", str(tmp_path / "laptop.db"), str(tmp_path / "desk.db")
    folder.mkdir()
    for args in (
        ["--db", laptop, "person", "add", "Anna", "--role", "mentee"],
        ["--db", laptop, "topic", "add", "Conference budget", "--with", "anna"],
        ["--db", laptop, "sync", str(folder)],
        ["--db", desk, "sync", str(folder)],
        ["--db", laptop, "topic", "drop", "1"],
        ["--db", laptop, "sync", str(folder)],
        ["--db", desk, "sync", str(folder)],
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
    on_desk = json.loads(run("--db", desk, "topics", "--status", "all", "--json").stdout)
    assert [(t["text"], t["status"]) for t in on_desk] == [("Conference budget", "dropped")]
    assert run("--db", desk, "delete", "topic", "1", "--yes").stdout == "Deleted topic 1.\n"
    assert run("--db", desk, "undo").exit_code == 0
    assert json.loads(run("--db", desk, "show", "topic", "1", "--json").stdout)["status"] == "dropped"


def test_a_topic_closed_without_a_session_counts_by_the_day_it_was_closed(bea: None, run: Run, run_json: Any) -> None:
    # Topic 5 queued 09-02, closed with `topic done` on 11-12 (no session): 09-15, 10-01, 10-20, 11-05 before it
    # -> carried, in a window that it was open in (from 11-10) but not in one that starts after (from 11-15).
    on(run, "2026-09-02", "topic", "add", "Offsite agenda", "--with", "bea")
    on(run, "2026-11-12", "topic", "done", "5")
    assert [health["topics_carried"] for health in run_json("health")] == [3]
    assert [health["topics_carried"] for health in run_json("health", "--since", "2026-11-10")] == [2]
    assert [health["topics_carried"] for health in run_json("health", "--since", "2026-11-15")] == [1]
