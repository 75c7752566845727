"""Every record kind carries the JSON keys product.md promises, with the promised formats."""

from __future__ import annotations

import re

from .conftest import Run

SHAPES = {
    "action": "id, uuid, text, owner, due, status, with, session_id, goal_id, created_at, done_at",
    "goal": "id, uuid, title, description, horizon, status, progress, target, parent_id, with, tags, created_at, "
    "achieved_at",
    "session": "id, uuid, date, with, title, notes, feedback, confidence, next, private, goal_ids, action_ids, tags, "
    "created_at",
    "reflection": "id, uuid, date, text, goal_id, with, tags, created_at",
    "person": "id, uuid, name, role, cadence_days, last_session, next_session, open_actions",
    "topic": "id, uuid, text, with, status, created_at",
    "skill": "id, uuid, name, kind, with, description, goal_ids, level, level_by_others, ratings, created_at",
}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?[+-]\d{2}:\d{2}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def test_every_kind_has_the_contract_keys_in_show_and_list(run: Run, run_json) -> None:
    for args in (
        ["person", "add", "Anna", "--role", "mentee", "--cadence", "2w"],
        ["goal", "add", "Lead", "--with", "anna", "--target", "2027-01"],
        ["note", "--with", "anna", "--goal", "1", "--next", "+2w", "Notes\n- [ ] act due:fri"],
        ["reflect", "Learned", "--goal", "1"],
        ["topic", "add", "Budget", "--with", "anna"],
        ["skill", "add", "Estimating", "--with", "anna", "--goal", "1"],
        ["skill", "rate", "1", "3", "--by", "anna", "--note", "her view"],
    ):
        assert run(*args).exit_code == 0
    lists = {"action": "actions", "goal": "goals", "session": "sessions", "reflection": "reflections",
             "person": "people", "topic": "topics", "skill": "skills"}  # fmt: skip
    for kind, keys in SHAPES.items():
        record = run_json("show", kind, "1")
        missing = [key for key in keys.split(", ") if key not in record]
        assert missing == [], f"{kind} lacks {missing}"
        assert UUID.match(record["uuid"])
        if "created_at" in record:
            assert TIMESTAMP.match(record["created_at"]), record["created_at"]
        listed = run_json(lists[kind])
        assert set(keys.split(", ")) <= set(listed[0]), kind
    action = run_json("show", "action", "1")
    assert action["due"] == "2026-11-27" and action["done_at"] is None
    session = run_json("show", "session", "1")
    assert session["date"] == "2026-11-26" and session["goal_ids"] == [1] and session["action_ids"] == [1]
    assert run_json("show", "person", "1")["last_session"] == "2026-11-26"
    rating = run_json("show", "skill", "1")["ratings"][0]
    assert {key: rating[key] for key in ("date", "level", "by", "note")} == {
        "date": "2026-11-26", "level": 3, "by": "Anna", "note": "her view"}  # fmt: skip


def test_write_commands_print_the_record_with_json(run_json) -> None:
    assert run_json("person", "add", "Anna", "--role", "mentee")["name"] == "Anna"
    assert run_json("action", "add", "x")["text"] == "x"
    assert [a["status"] for a in run_json("action", "done", "1")] == ["done"]
    assert run_json("goal", "add", "g")["status"] == "active"
    assert run_json("goal", "progress", "1", "20")["progress"] == 20
    assert run_json("topic", "add", "t", "--with", "anna")["status"] == "open"
    assert run_json("reflect", "r")["text"] == "r"


def test_empty_lists_are_empty_json_arrays(run_json, empty_journal: object) -> None:
    for command in ("actions", "goals", "sessions", "reflections", "people", "topics"):
        assert run_json(command) == []
