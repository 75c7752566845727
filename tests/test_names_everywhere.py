"""Names that differ only in non-ASCII case or composition (Özlem / özlem, Émile / émile, a composed and a
decomposed Amélie) are one name on every way in, through the command line as a user meets them (issue #23,
fault 8): `person add` and `import` refuse a twin with a clear message, never a raw UNIQUE error, and two
journals that sync through one folder tell their twins apart the same way, with `--with` finding the right one."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from .conftest import Run
from .test_validation_paths import base_record, dump_text

TWINS = [("Özlem", "özlem"), ("Émile", "émile"), ("Amélie", "Ame\u0301lie"), ("Straße", "STRASSE")]


def people(run: Run, *db: str) -> list[str]:
    result = run(*db, "people", "--all", "--json")
    assert result.exit_code == 0, result.output
    return sorted(person["name"] for person in json.loads(result.stdout))


@pytest.mark.parametrize(("first", "second"), TWINS)
def test_import_of_a_twin_from_the_command_line_is_one_clear_line(
    run: Run, tmp_path: Path, first: str, second: str
) -> None:
    assert run("person", "add", first, "--role", "mentee").exit_code == 0
    dump = tmp_path / "twin.json"
    dump.write_text(dump_text([("people", {**base_record("people", 7), "name": second})]), encoding="utf-8")
    result = run("import", str(dump))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and f"has the name of '{first}'" in result.stderr
    assert "UNIQUE" not in result.output and "Traceback" not in result.output
    assert people(run) == [first]


@pytest.mark.parametrize(("first", "second"), TWINS)
def test_a_dump_holding_both_twins_is_refused_whole(run: Run, tmp_path: Path, first: str, second: str) -> None:
    assert run("goal", "add", "already here").exit_code == 0
    dump = tmp_path / "both.json"
    records = [("people", {**base_record("people", 1), "name": first}),
               ("people", {**base_record("people", 2), "name": second})]  # fmt: skip
    dump.write_text(dump_text(records), encoding="utf-8")
    result = run("import", str(dump))
    assert result.exit_code == 2 and "UNIQUE" not in result.output and result.stderr.startswith("Error: ")
    assert people(run) == []


@pytest.mark.parametrize(("first", "second"), TWINS)
def test_twins_added_on_two_machines_are_told_apart_and_with_finds_each(
    run: Run, tmp_path: Path, first: str, second: str
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    laptop, desk = ["--db", str(tmp_path / "laptop.db")], ["--db", str(tmp_path / "desk.db")]
    assert run(*laptop, "person", "add", first, "--role", "mentee").exit_code == 0
    assert run(*laptop, "note", "--with", first, "from the laptop").exit_code == 0
    assert run(*desk, "person", "add", second, "--role", "mentor").exit_code == 0
    assert run(*desk, "note", "--with", second, "from the desk").exit_code == 0
    said = {}
    for machine in (laptop, desk, laptop):
        synced = run(*machine, "sync", str(shared))
        assert synced.exit_code == 0 and "UNIQUE" not in synced.output and "Traceback" not in synced.output
        said[machine[1]] = said.get(machine[1], "") + synced.stdout
    names = people(run, *laptop)
    assert names == people(run, *desk) and len(names) == 2  # both kept, the same on both machines
    plain = next(name for name in names if "(" not in name)  # the older keeps the name, the newer gets its uuid
    other = next(name for name in names if name != plain)
    newer = unicodedata.normalize("NFC", second if plain == first else first)  # names are stored NFC
    assert other.startswith(newer + " (") and other.endswith(")")
    for machine in (laptop, desk):  # each machine is told, once, in words
        told = [line for line in said[machine[1]].splitlines() if "are one name" in line]
        assert len(told) == 1 and told[0].startswith(f"'{plain}' and '{newer}', added on two machines, are one name")
        assert f"is now '{other}'; `mentorlog edit person" in told[0]
    for machine in (laptop, desk):
        exact = run(*machine, "sessions", "--with", plain, "--json")
        assert exact.exit_code == 0, exact.output
        by_name = {session["with"] for session in json.loads(exact.stdout)}
        assert by_name == {plain}  # `--with Özlem` (or özlem) is the one still named so, never the other
        folded = run(*machine, "sessions", "--with", plain.swapcase(), "--json")
        assert {session["with"] for session in json.loads(folded.stdout)} == {plain}
        suffixed = run(*machine, "sessions", "--with", other, "--json")
        assert {session["with"] for session in json.loads(suffixed.stdout)} == {other}


def test_three_twins_whose_uuids_start_alike_get_names_that_differ_and_every_machine_agrees(
    run: Run, tmp_path: Path
) -> None:
    """Two newer twins whose uuids share their first 8 characters would both become `ana (abcd1234)`, one name:
    the second takes its whole uuid, on every machine alike, and no machine meets a UNIQUE error."""
    shared = tmp_path / "shared"
    shared.mkdir()
    machines = [["--db", str(tmp_path / f"{name}.db")] for name in ("one", "two", "three")]
    made = [("Ana", "ffff0000-0001", "2020"), ("ana", "abcd1234-aaaa", "2021"), ("ANA", "abcd1234-bbbb", "2022")]
    for machine, (name, uuid, year) in zip(machines, made, strict=True):
        stamp = f"{year}-01-01T00:00:00Z"
        record = {**base_record("people", 1), "name": name, "uuid": uuid, "created_at": stamp, "updated_at": stamp}
        dump = tmp_path / f"{uuid}.json"
        dump.write_text(dump_text([("people", record)]))
        assert run(*machine, "import", str(dump)).exit_code == 0
    for machine in (*machines, *machines):
        synced = run(*machine, "sync", str(shared))
        assert synced.exit_code == 0, synced.output
        assert "UNIQUE" not in synced.output and "Traceback" not in synced.output
    names = people(run, *machines[0])
    assert names == people(run, *machines[1]) == people(run, *machines[2])
    assert names == sorted(["Ana", "ana (abcd1234)", "ANA (abcd1234-bbbb)"])
