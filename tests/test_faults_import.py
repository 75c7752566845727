"""Issue 10, import: every field is checked before anything is written; a merge can never store a goal loop;
hostile dumps are refused whole or accepted with every view still working."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import Run, counts

VIEWS = [["sessions"], ["actions"], ["goals"], ["people"], ["timeline", "--since", "1y"], ["summary", "--since", "1y"],
         ["agenda"], ["export"], ["export", "-f", "html"], ["export", "-f", "ics"], ["export", "-f", "json", "--all"],
         ["search", "plan"], ["show", "goal", "1"]]  # fmt: skip


@pytest.fixture
def dump(run: Run) -> dict[str, Any]:
    run("person", "add", "Anna", "--role", "mentee", "--cadence", "2w")
    run("goal", "add", "Plan", "--with", "anna", "--tag", "growth")
    run("goal", "add", "Milestone", "--parent", "1")
    run("note", "--with", "anna", "A plan #growth", "--action", "do it due:fri", "--goal", "1")
    run("goal", "progress", "1", "40")
    run("reflect", "Learned #growth", "--with", "anna")
    run("topic", "add", "Budget", "--with", "anna")
    return json.loads(run("export", "--format", "json", "--all").stdout)  # type: ignore[no-any-return]


def import_into_new(run: Run, tmp_path: Path, data: Any, name: str = "dump.json") -> Any:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return run("--db", str(tmp_path / "target.db"), "import", str(path))


BAD = [
    ("impossible date", ("sessions", 0, "date", "2026-13-45"), "date is not a calendar day"),
    ("markdown in a date", ("sessions", 0, "date", "# Heading\n[x](javascript:alert(1))"), "must be a date"),
    ("year 1", ("sessions", 0, "date", "0001-01-01"), "outside the years 1900–2200"),
    ("year 9999 target", ("goals", 0, "target", "9999-12-31"), "outside the years 1900–2200"),
    ("float progress", ("goals", 0, "progress", 40.5), "progress must be a whole number"),
    ("progress 101", ("goals", 0, "progress", 101), "progress must be 0 to 100"),
    ("id beyond 2^53", ("actions", 0, "id", 2**53 + 1), "id must be 1 to"),
    ("negative id", ("people", 0, "id", -1), "id must be 1 to"),
    ("zero id", ("people", 0, "id", 0), "id must be 1 to"),
    ("bool id", ("people", 0, "id", True), "id must be a whole number"),
    ("huge cadence", ("people", 0, "cadence_days", 2**70), "cadence_days must be 1 to"),
    ("nested tags", ("goals", 0, "tags", [["a"]]), "tag that is not one word"),
    ("lone surrogate", ("sessions", 0, "notes", "\ud800"), "lone surrogate"),
    ("missing key", ("actions", 0, "text", None), "text must not be null"),
    ("bad status", ("actions", 0, "status", "finished"), "status must be one of"),
    ("private as text", ("sessions", 0, "private", "no"), "private must be true or false"),
    ("naive stamp", ("people", 0, "created_at", "2026-11-26T10:00:00"), "has no UTC offset"),
    ("bad uuid", ("topics", 0, "uuid", "../../etc"), "not a valid uuid"),
    ("bad time", ("sessions", 0, "time", "25:99"), "time must be HH:MM"),
    ("zero-width name", ("people", 0, "name", "An\u200bna"), "invisible characters"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "change", "message"), BAD, ids=[case[0] for case in BAD])
def test_a_bad_value_anywhere_refuses_the_whole_import(
    run: Run, dump: dict[str, Any], tmp_path: Path, case: str, change: tuple[str, int, str, Any], message: str
) -> None:
    table, index, key, value = change
    data = copy.deepcopy(dump)
    data[table][index][key] = value
    result = import_into_new(run, tmp_path, json.dumps(data, ensure_ascii=False) if "surrogate" not in case
                             else json.dumps(data))  # fmt: skip
    assert result.exit_code == 2, (case, result.output)
    assert message in result.stderr and f"{table}[{index}]" in result.stderr
    assert not (tmp_path / "target.db").exists() or counts(tmp_path / "target.db").get("people", 0) == 0


def test_a_missing_required_key_is_named(run: Run, dump: dict[str, Any], tmp_path: Path) -> None:
    data = copy.deepcopy(dump)
    del data["goals"][1]["updated_at"]
    result = import_into_new(run, tmp_path, data)
    assert result.exit_code == 2 and "goals[1] has no 'updated_at'" in result.stderr


@pytest.mark.parametrize("version", [0, -1, True, "1", None, 1.0])
def test_an_odd_version_is_refused(run: Run, dump: dict[str, Any], tmp_path: Path, version: Any) -> None:
    result = import_into_new(run, tmp_path, {**dump, "version": version})
    assert result.exit_code == 2 and "no valid format version" in result.stderr


def test_a_newer_version_is_exit_1(run: Run, dump: dict[str, Any], tmp_path: Path) -> None:
    result = import_into_new(run, tmp_path, {**dump, "version": 99})
    assert result.exit_code == 1 and "version 99 dump" in result.stderr


def test_a_dump_with_a_bom_imports(run: Run, dump: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(dump).encode())
    assert run("--db", str(tmp_path / "t.db"), "import", str(path)).exit_code == 0


def test_a_3000_deep_milestone_chain_imports_and_every_view_runs(run: Run, tmp_path: Path) -> None:
    goals = []
    for number in range(1, 3001):
        goals.append({
            "id": number, "uuid": f"g{number}", "title": f"step {number}", "description": "", "horizon": "short",
            "status": "active", "progress": 0, "target": None, "created_at": "2026-11-01T10:00:00+00:00",
            "updated_at": "2026-11-01T10:00:00+00:00", "achieved_at": None,
            "parent_uuid": f"g{number - 1}" if number > 1 else None, "person_uuid": None, "tags": [],
        })  # fmt: skip
    data = {"format": "mentorlog-dump", "version": 1, "people": [], "goals": list(reversed(goals)), "sessions": [],
            "progress_updates": [], "actions": [], "reflections": [], "topics": []}  # fmt: skip
    db = ["--db", str(tmp_path / "deep.db")]
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(data))
    assert run(*db, "import", str(path)).exit_code == 0
    for view in (["goals", "--limit", "0"], ["timeline"], ["summary"], ["export"], ["show", "goal", "1"]):
        result = run(*db, *view)
        assert result.exit_code == 0, (view, result.output[-300:])


def test_a_two_machine_merge_that_would_loop_cuts_the_older_link(run: Run, tmp_path: Path) -> None:
    """Both machines start from A and B. Here B becomes a milestone of A; there, later, A of B. Merging both
    edits would make a loop: the older link (B under A) is cut and the import says so."""
    first = ["--db", str(tmp_path / "first.db")]
    run(*first, "goal", "add", "A")
    run(*first, "goal", "add", "B")
    base = tmp_path / "base.json"
    base.write_text(run(*first, "export", "-f", "json", "--all").stdout)
    second = ["--db", str(tmp_path / "second.db")]
    assert run(*second, "import", str(base)).exit_code == 0
    assert run(*first, "edit", "goal", "2", "--parent", "1").exit_code == 0
    assert run(*second, "edit", "goal", "1", "--parent", "2").exit_code == 0
    theirs = tmp_path / "theirs.json"
    theirs.write_text(run(*second, "export", "-f", "json", "--all").stdout)
    result = run(*first, "import", str(theirs))
    assert result.exit_code == 0, result.output
    assert "goal 2 ('B') is no longer a milestone of goal 1" in result.stderr and "loop" in result.stderr
    goals = {g["id"]: g["parent_id"] for g in json.loads(run(*first, "goals", "--all", "--json").stdout)}
    assert goals == {1: 2, 2: None}
    for view in (["summary"], ["timeline"], ["export"], ["goals"]):
        assert run(*first, *view).exit_code == 0, view
    again = tmp_path / "again.json"
    again.write_text(run(*first, "export", "-f", "json", "--all").stdout)
    assert run("--db", str(tmp_path / "restore.db"), "import", str(again)).exit_code == 0
    assert run(*first, "delete", "goal", "1", "--yes").exit_code == 0


def test_edit_cannot_make_a_loop(run: Run) -> None:
    run("goal", "add", "A")
    run("goal", "add", "B", "--parent", "1")
    result = run("edit", "goal", "1", "--parent", "2")
    assert result.exit_code == 2 and "makes a loop" in result.stderr


# hostile dumps, generated ---------------------------------------------------------------------------

ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
    st.text(max_size=20), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.none(), max_size=1),
    st.sampled_from(["2026-02-30", "0000-01-01", "9999-12-31", "2026-11-26", "1900-01-01", "x" * 50, "", "∞"]),
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_hostile_dumps_are_refused_whole_or_leave_every_view_working(
    run: Run, dump: dict[str, Any], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    tmp_path = tmp_path_factory.mktemp("hostile")
    hostile = copy.deepcopy(dump)
    for _ in range(data.draw(st.integers(1, 3))):
        table = data.draw(st.sampled_from([t for t in hostile if isinstance(hostile[t], list) and hostile[t]]))
        record = data.draw(st.sampled_from(hostile[table]))
        key = data.draw(st.sampled_from(sorted(record)))
        record[key] = data.draw(ODD_VALUES)
    if data.draw(st.booleans()) and hostile["goals"]:
        hostile["goals"][0]["parent_uuid"] = hostile["goals"][-1]["uuid"]  # a loop through the dump
    result = import_into_new(run, tmp_path, json.dumps(hostile, allow_nan=True))
    target = tmp_path / "target.db"
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output and "unexpected" not in result.stderr
    if result.exit_code:
        assert not target.exists() or counts(target).get("people", 0) == 0
        return
    for view in VIEWS:
        shown = run("--db", str(target), *view)
        assert shown.exit_code in (0, 1), (view, shown.output[-400:])
        assert "unexpected" not in shown.stderr, (view, shown.stderr)
