"""dumpschema: every rule a dump's record is checked by before an import writes anything, each refusal's exact
words, the header check, and the JSON Schema made of the same table (docs/dump.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.core import validate
from mentorlog.store.dump.schema import TABLES, _fields, check_header, check_record, json_schema

STAMP = "2026-11-19T10:00:00+00:00"
BASE = {"id": 1, "uuid": "x-1", "created_at": STAMP, "updated_at": STAMP}
RECORDS: dict[str, dict[str, Any]] = {
    "people": {**BASE, "name": "Ada", "role": "mentee", "cadence_days": 14, "note": ""},
    "sessions": {
        **BASE, "date": "2026-11-19", "time": "10:00", "title": "", "notes": "", "feedback": "", "confidence": None,
        "next_date": None, "private": False, "person_uuid": None, "tags": [], "goal_uuids": [],
    },
    "goals": {
        **BASE, "title": "T", "description": "", "horizon": "long", "status": "active", "progress": 0,
        "target": None, "achieved_at": None, "parent_uuid": None, "person_uuid": None, "tags": [],
    },
}  # fmt: skip


def checked(table: str, **changes: Any) -> dict[str, Any]:
    return check_record(table, {**RECORDS[table], **changes}, f"{table}[0]")


def refusal(table: str, **changes: Any) -> str:
    with pytest.raises(UsageError) as caught:
        checked(table, **changes)
    return caught.value.message


def test_a_valid_record_comes_back_with_its_values_and_unknown_keys_dropped() -> None:
    assert checked("people", extra="dropped") == RECORDS["people"]
    assert checked("people", started=None, ends="2200-12-31") == {**RECORDS["people"], "started": None,
                                                                  "ends": "2200-12-31"}  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", 3, "people[0]: name must be text"),
        ("name", "", "people[0]: name is empty"),
        ("name", "a\x00", "people[0]: name contains a NUL character"),
        ("note", "\ud800", "people[0]: note contains a lone surrogate (not valid Unicode)"),
        ("note", "\ud800é", "people[0]: note contains a lone surrogate (not valid Unicode)"),
        ("note", 3, "people[0]: note must be text"),
        ("note", "a\x00", "people[0]: note contains a NUL character"),
        ("note", "x" * (validate.MAX_TEXT_CHARS + 1), "people[0]: note is longer than 10 MB"),
        ("cadence_days", 0, f"people[0]: cadence_days must be 1 to {validate.MAX_CADENCE_DAYS}, not 0"),
        (
            "cadence_days",
            validate.MAX_CADENCE_DAYS + 1,
            f"people[0]: cadence_days must be 1 to {validate.MAX_CADENCE_DAYS}, not {validate.MAX_CADENCE_DAYS + 1}",
        ),
        ("cadence_days", True, "people[0]: cadence_days must be a whole number, not True"),
        ("cadence_days", "3", "people[0]: cadence_days must be a whole number, not '3'"),
        ("cadence_days", "x" * 100, "people[0]: cadence_days must be a whole number, not '" + "x" * 45),
        ("uuid", "-x", "people[0]: uuid is not a valid uuid: '-x'"),
        ("uuid", 5, "people[0]: uuid is not a valid uuid: '5'"),
        ("uuid", "y" * 100, "people[0]: uuid is not a valid uuid: '" + "y" * 70 + "'"),
        ("role", "boss", "people[0]: role must be one of mentor, mentee"),
        ("created_at", "2026-11-19T10:00:00", "people[0]: created_at has no UTC offset: '2026-11-19T10:00:00'"),
        ("created_at", "x" * 41, "people[0]: created_at must be an ISO 8601 timestamp with an offset"),
        ("created_at", 5, "people[0]: created_at must be an ISO 8601 timestamp with an offset"),
        ("created_at", "nope+00:00", "people[0]: created_at is not an ISO 8601 timestamp: 'nope+00:00'"),
        ("created_at", "nope+02:00", "people[0]: created_at is not an ISO 8601 timestamp: 'nope+02:00'"),
        (
            "created_at",
            "1899-12-31T23:00:00+00:00",
            "people[0]: created_at lies outside the years 1900–2200: '1899-12-31T23:00:00+00:00'",
        ),
        (
            "created_at",
            "2201-01-01T00:00:00+00:00",
            "people[0]: created_at lies outside the years 1900–2200: '2201-01-01T00:00:00+00:00'",
        ),
        (
            "created_at",
            "1899-12-31T23:00:00-02:00",
            "people[0]: created_at lies outside the years 1900–2200: '1899-12-31T23:00:00-02:00'",
        ),
        (
            "created_at",
            "2201-01-01T00:00:00+02:00",
            "people[0]: created_at lies outside the years 1900–2200: '2201-01-01T00:00:00+02:00'",
        ),
        ("started", "2026-2-1", "people[0]: started must be a date YYYY-MM-DD, not '2026-2-1'"),
        ("started", 20260101, "people[0]: started must be a date YYYY-MM-DD, not '20260101'"),
        ("started", "2026-02-30", "people[0]: started is not a calendar day: '2026-02-30'"),
        ("started", "1899-12-31", "people[0]: started lies outside the years 1900–2200: '1899-12-31'"),
        ("started", "2201-01-01", "people[0]: started lies outside the years 1900–2200: '2201-01-01'"),
        ("id", 0, "people[0]: id must be 1 to 9007199254740992, not 0"),
        ("id", 2**53 + 1, "people[0]: id must be 1 to 9007199254740992, not 9007199254740993"),
        ("name", None, "people[0]: name must not be null"),
    ],
)
def test_a_person_breaking_a_rule_is_refused_with_where_and_why(field: str, value: Any, message: str) -> None:
    assert refusal("people", **{field: value}).startswith(message)


def test_a_refused_whole_number_is_quoted_in_at_most_80_characters() -> None:
    assert len(refusal("people", cadence_days="x" * 100)) == len("people[0]: cadence_days ") + 80


@pytest.mark.parametrize(
    ("stamp", "stored"),
    [
        ("2026-11-19T10:00:00Z", "2026-11-19T10:00:00+00:00"),
        ("2026-11-19T12:00:00+02:00", "2026-11-19T10:00:00.000000+00:00"),
        ("2026-11-19T10:00:00.5+00:00", "2026-11-19T10:00:00.5+00:00"),
        ("1900-01-01T00:00:00+00:00", "1900-01-01T00:00:00+00:00"),
        ("2200-12-31T23:59:59+00:00", "2200-12-31T23:59:59+00:00"),
        ("1900-01-01T02:00:00+02:00", "1900-01-01T00:00:00.000000+00:00"),
        ("2200-12-31T23:00:00-00:30", "2200-12-31T23:30:00.000000+00:00"),
        ("2026-11-19T10:00:00+00:00:00", "2026-11-19T10:00:00+00:00:00"),
    ],
)
def test_a_timestamp_is_kept_in_utc_and_one_in_another_offset_is_moved_to_utc(stamp: str, stored: str) -> None:
    assert checked("people", created_at=stamp)["created_at"] == stored


def test_a_timestamp_of_exactly_40_characters_is_read_and_a_longer_one_refused() -> None:
    forty = "2026-11-19T10:00:00.123456+00:00".ljust(40, "0")
    assert "ISO 8601 timestamp" in refusal("people", created_at=forty)
    assert refusal("people", created_at=forty + "0") == (
        "people[0]: created_at must be an ISO 8601 timestamp with an offset"
    )
    assert checked("people", created_at="2026-11-19T10:00:00.123456+01:00")["created_at"] == (
        "2026-11-19T09:00:00.123456+00:00"
    )


def test_a_required_field_missing_is_named_and_an_optional_one_may_be_missing() -> None:
    record = dict(RECORDS["people"])
    del record["name"]
    with pytest.raises(UsageError) as caught:
        check_record("people", record, "people[3]")
    assert caught.value.message == "people[3] has no 'name'"
    assert "started" not in checked("people")


def test_a_record_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(UsageError) as caught:
        check_record("people", ["Ada"], "people[2]")
    assert caught.value.message == "people[2] is not an object"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time", "24:00", "sessions[0]: time must be HH:MM"),
        ("time", 1000, "sessions[0]: time must be HH:MM"),
        ("private", 0, "sessions[0]: private must be true or false"),
        ("tags", "a", "sessions[0]: tags must be a list of at most 200 tags"),
        ("tags", ["a"] * 201, "sessions[0]: tags must be a list of at most 200 tags"),
        ("tags", ["a b"], "sessions[0]: tags has a tag that is not one word: 'a b'"),
        ("tags", [""], "sessions[0]: tags has a tag that is not one word: ''"),
        ("tags", [" "], "sessions[0]: tags has a tag that is not one word: ' '"),
        ("tags", [3], "sessions[0]: tags has a tag that is not one word: '3'"),
        ("tags", ["x" * 201], "sessions[0]: tags has a tag that is not one word: '" + "x" * 40 + "'"),
        ("tags", ["a\x00"], "sessions[0]: tags contains a NUL character"),
        ("tags", ["\ud800"], "sessions[0]: tags contains a lone surrogate (not valid Unicode)"),
        ("goal_uuids", "g-1", "sessions[0]: goal_uuids must be a list of uuids"),
        ("goal_uuids", ["-"], "sessions[0]: goal_uuids is not a valid uuid: '-'"),
        ("confidence", 6, "sessions[0]: confidence must be 1 to 5, not 6"),
        ("confidence", 0, "sessions[0]: confidence must be 1 to 5, not 0"),
        ("private", None, "sessions[0]: private must not be null"),
    ],
)
def test_a_session_breaking_a_rule_is_refused(field: str, value: Any, message: str) -> None:
    assert refusal("sessions", **{field: value}) == message


def test_tags_are_folded_and_kept_once_in_their_first_order_up_to_200_of_200_characters() -> None:
    assert checked("sessions", tags=["B", "a", "b", "A"])["tags"] == ["b", "a"]
    assert checked("sessions", tags=["a"] * 200)["tags"] == ["a"]
    assert checked("sessions", tags=["x" * 200])["tags"] == ["x" * 200]
    assert checked("sessions", goal_uuids=["g-1", "g-2"], confidence=5, time="23:59", private=True) == {
        **RECORDS["sessions"], "goal_uuids": ["g-1", "g-2"], "confidence": 5, "time": "23:59", "private": True,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "goals[0]: title is empty"),
        ("title", "  ", "goals[0]: title is empty"),
        ("title", "a\x00", "goals[0]: title contains a NUL character"),
        ("title", "\ud800", "goals[0]: title contains a lone surrogate (not valid Unicode)"),
        ("progress", 101, "goals[0]: progress must be 0 to 100, not 101"),
        ("progress", -1, "goals[0]: progress must be 0 to 100, not -1"),
    ],
)
def test_a_goal_breaking_a_rule_is_refused(field: str, value: Any, message: str) -> None:
    assert refusal("goals", **{field: value}) == message


def test_a_required_text_keeps_its_value() -> None:
    assert checked("goals", title="Speak up", progress=100)["title"] == "Speak up"
    assert checked("goals", progress=0)["progress"] == 0


@pytest.mark.parametrize(
    ("data", "message", "hint"),
    [
        (None, "dump.json is not a mentorlog dump", "Make one with: mentorlog export --format json --all -o FILE"),
        (
            {"format": "x", "version": 1},
            "dump.json is not a mentorlog dump",
            "Make one with: mentorlog export --format json --all -o FILE",
        ),
        ({"format": "mentorlog-dump"}, "dump.json has no valid format version (found None)", None),
        ({"format": "mentorlog-dump", "version": True}, "dump.json has no valid format version (found True)", None),
        ({"format": "mentorlog-dump", "version": 0}, "dump.json has no valid format version (found 0)", None),
        ({"format": "mentorlog-dump", "version": "1"}, "dump.json has no valid format version (found '1')", None),
    ],
)
def test_a_header_that_is_not_a_dump_or_has_no_version_is_refused(data: Any, message: str, hint: str | None) -> None:
    with pytest.raises(UsageError) as caught:
        check_header(data, "dump.json")
    assert (caught.value.message, caught.value.hint) == (message, hint)


def test_a_header_of_a_newer_version_asks_for_an_upgrade_and_version_1_is_read() -> None:
    assert check_header({"format": "mentorlog-dump", "version": 1}, "dump.json") == 1
    with pytest.raises(MentorlogError) as caught:
        check_header({"format": "mentorlog-dump", "version": 2}, "dump.json")
    assert not isinstance(caught.value, UsageError)
    assert caught.value.message == "dump.json is a version 2 dump; this mentorlog reads up to version 1"
    assert caught.value.hint == "Upgrade mentorlog to import it; nothing was imported."


def test_the_json_schema_is_the_one_in_the_docs() -> None:
    documented = Path(__file__).resolve().parent.parent / "docs" / "dump.schema.json"
    assert json_schema() == json.loads(documented.read_text(encoding="utf-8"))


def test_every_table_starts_with_id_uuid_and_both_timestamps() -> None:
    # _fields runs when the module is imported, before mutmut picks a mutant: called here, its mutants are tested
    from mentorlog.store import tables

    for table in tables.TABLES:
        if table.name in TABLES:
            fields = _fields(table)
            assert fields == TABLES[table.name]
            assert [(name, fields[name].rule) for name in list(fields)[:4]] == [
                ("id", "id"), ("uuid", "uuid"), ("created_at", "stamp"), ("updated_at", "stamp")
            ]  # fmt: skip
    assert len(TABLES) == 10  # asked_questions joined in m050


def test_an_optional_text_is_kept_exactly_as_it_is() -> None:
    assert checked("people", note="  two\r\nlines  ")["note"] == "  two\r\nlines  "
    assert checked("people", note="")["note"] == ""
    assert len(checked("people", note="x" * validate.MAX_TEXT_CHARS)["note"]) == validate.MAX_TEXT_CHARS


def test_a_timestamp_of_40_characters_in_another_offset_is_read() -> None:
    assert checked("people", created_at="2026-11-19T10:00:00.1234+01:00:00.123456")["created_at"] == (
        "2026-11-19T08:59:59.999944+00:00"
    )


def test_a_timestamp_is_moved_to_utc_whatever_the_local_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Etc/GMT-13")
    time.tzset()
    try:
        assert checked("people", created_at="2026-11-19T12:00:00+02:00")["created_at"] == (
            "2026-11-19T10:00:00.000000+00:00"
        )
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_refused_date_is_quoted_up_to_40_characters_and_1900_is_in_range() -> None:
    assert refusal("people", started="x" * 50) == "people[0]: started must be a date YYYY-MM-DD, not '" + "x" * 40 + "'"
    assert checked("people", started="1900-01-01")["started"] == "1900-01-01"


def test_a_missing_optional_field_does_not_stop_the_check_of_the_fields_after_it() -> None:
    assert checked("people", agreement="Every two weeks.")["agreement"] == "Every two weeks."
    assert refusal("people", ends="soon") == "people[0]: ends must be a date YYYY-MM-DD, not 'soon'"


def test_the_first_check_of_a_table_builds_its_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    from mentorlog.store.dump import schema as dumpschema

    monkeypatch.setattr(dumpschema, "_PLANS", {})
    assert checked("people") == RECORDS["people"]
    assert checked("people") == RECORDS["people"]
    assert checked("sessions") == RECORDS["sessions"]  # each table its own plan
    assert checked("sessions") == RECORDS["sessions"]
