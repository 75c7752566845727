"""The dump's rules (store/dump/schema.py) that test_domain_dumpschema.py leaves open: a sync change without its
local id, the rules between a person's days, and the hint for another tool's export given to `import`."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from mentorlog.base.errors import UsageError
from mentorlog.store.dump.schema import check_across, check_header, check_record

STAMP = "2026-11-19T10:00:00+00:00"
PERSON = {"id": 1, "uuid": "x-1", "created_at": STAMP, "updated_at": STAMP, "name": "Ada", "role": "mentee",
          "cadence_days": 14, "note": ""}  # fmt: skip


def refusal(rule: Any, *args: Any, **kwargs: Any) -> tuple[str, str | None]:
    with pytest.raises(UsageError) as caught:
        rule(*args, **kwargs)
    return caught.value.message, caught.value.hint


def test_a_sync_change_carries_no_local_id_and_its_other_fields_are_still_checked() -> None:
    change = {key: value for key, value in PERSON.items() if key != "id"}
    assert check_record("people", change, "change 1", local_id=False) == change
    assert check_record("people", {**change, "id": "not an id"}, "change 1", local_id=False) == change
    assert refusal(check_record, "people", {**change, "role": "boss"}, "change 1", local_id=False) == (
        "change 1: role must be one of mentor, mentee", None
    )  # fmt: skip
    assert refusal(check_record, "people", change, "people[0]") == ("people[0] has no 'id'", None)


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ({"started": "2026-02-01", "ends": "2026-01-31"}, "people[3]: started 2026-02-01 lies after ends 2026-01-31"),
        ({"status": "closed", "closed_at": None},
         "people[3]: status is closed, but closed_at is empty (the day it closed)"),
        ({"started": "2026-02-01", "closed_at": "2026-01-31", "status": "closed"},
         "people[3]: closed_at 2026-01-31 lies before started 2026-02-01"),
        ({"closed_at": "2026-11-21", "status": "closed"}, "people[3]: closed_at 2026-11-21 lies in the future"),
    ],
)  # fmt: skip
def test_a_person_whose_days_contradict_each_other_is_refused_naming_where(days: dict[str, Any], message: str) -> None:
    assert refusal(check_record, "people", {**PERSON, **days}, "people[3]") == (message, None)


def test_the_rules_between_fields_hold_for_people_only_and_know_today_when_given() -> None:
    closed = {"status": "closed", "closed_at": "2026-11-20", "updated_at": "2026-12-01T00:00:00+00:00"}
    assert check_across("people", closed, "people[0]") is None
    assert check_across("people", closed, "people[0]", date(2026, 11, 20)) is None
    assert refusal(check_across, "people", closed, "people[0]", date(2026, 11, 19)) == (
        "people[0]: closed_at 2026-11-20 lies in the future", None
    )  # fmt: skip
    assert check_across("goals", {"status": "closed"}, "goals[0]") is None


@pytest.mark.parametrize(
    ("data", "hint"),
    [
        ({"entries": [], "tags": {}}, "It looks like a jrnl export: use --from jrnl."),
        ([{"description": "x", "status": "pending"}], "It looks like a Taskwarrior export: use --from taskwarrior."),
        ([{"description": "x"}], "Make one with: mentorlog export --format json --all -o FILE"),
    ],
)
def test_another_tools_export_given_as_a_dump_names_the_from_that_reads_it(data: Any, hint: str) -> None:
    assert refusal(check_header, data, "export.json") == ("export.json is not a mentorlog dump", hint)
