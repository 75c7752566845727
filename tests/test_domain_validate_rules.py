"""The rules of core/validate.py that the CLI, import and sync share and test_domain_validate.py does not cover:
a relationship's days, the close and done days, template names, stored words and topic statuses — with the
messages the person reads after `Error:`."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from mentorlog.base import i18n
from mentorlog.base.errors import BadValue
from mentorlog.core.validate import (
    Invalid,
    closing_day,
    done_day,
    relationship_days,
    stored_id,
    stored_word,
    template_name,
    topic_status,
)

TODAY = date(2026, 11, 26)
TEMPLATE_HINT = "A name is lower-case letters, digits, - and _ (like kickoff); `mentorlog templates` lists them."


def refusal(rule: Any, *args: Any, **kwargs: Any) -> tuple[str, str, str | None]:
    with pytest.raises(BadValue) as raised:
        rule(*args, **kwargs)
    assert raised.value.exit_code == 2
    return raised.value.field, raised.value.message, raised.value.hint


# a relationship's days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "today"),
    [
        ({"started": "2026-02-01", "ends": "2026-02-01"}, None),
        ({"started": "2026-02-01", "ends": None}, None),
        ({"status": "active"}, TODAY),
        ({"status": "closed", "closed_at": "2026-02-01", "started": "2026-02-01"}, TODAY),
        ({"closed_at": "2026-11-26"}, TODAY),
        ({"closed_at": "2026-11-21", "updated_at": "2026-11-20T23:00:00+00:00"}, None),  # its zone's day may be one on
        ({"closed_at": "2999-11-22", "updated_at": "soon"}, None),  # no day to compare with
        ({"closed_at": "2999-11-22", "updated_at": 20261120}, None),
    ],
)
def test_days_that_agree_pass(record: dict[str, Any], today: date | None) -> None:
    assert relationship_days(record, today) is None


@pytest.mark.parametrize(
    ("record", "today", "message"),
    [
        ({"started": "2026-02-01", "ends": "2026-01-31"}, None, "started 2026-02-01 lies after ends 2026-01-31"),
        ({"status": "closed"}, None, "status is closed, but closed_at is empty (the day it closed)"),
        ({"status": "closed", "closed_at": ""}, TODAY, "status is closed, but closed_at is empty (the day it closed)"),
        ({"closed_at": "2026-01-31", "started": "2026-02-01"}, None,
         "closed_at 2026-01-31 lies before started 2026-02-01"),
        ({"closed_at": "2026-11-27"}, TODAY, "closed_at 2026-11-27 lies in the future"),
        ({"closed_at": "2026-11-22", "updated_at": "2026-11-20T23:00:00+00:00"}, None,
         "closed_at 2026-11-22 lies in the future"),
        ({"closed_at": "2026-11-22", "updated_at": "2026-11-20T23:00:00+00:00"}, TODAY,
         "closed_at 2026-11-22 lies in the future"),
        ({"closed_at": "2026-11-25", "updated_at": "2026-11-30T23:00:00+00:00"}, date(2026, 11, 24),
         "closed_at 2026-11-25 lies in the future"),  # the earlier of today and the record's last change
    ],
)  # fmt: skip
def test_days_that_contradict_each_other_are_refused(record: dict[str, Any], today: date | None, message: str) -> None:
    assert refusal(relationship_days, record, today) == ("", message, None)


def test_a_stored_value_error_names_no_flag_the_caller_says_where() -> None:
    error = Invalid("must be HH:MM")
    assert (error.field, error.message, error.hint, error.exit_code) == ("", "must be HH:MM", None, 2)


# closing a relationship, a done day -------------------------------------------------------------


def test_a_relationship_closes_today_or_earlier_after_its_start_and_last_session() -> None:
    assert closing_day(TODAY, today=TODAY, started="2026-11-26", last_session="2026-11-26") == TODAY
    assert closing_day(date(2026, 3, 1), today=TODAY, started=None, last_session=None) == date(2026, 3, 1)
    assert refusal(closing_day, date(2026, 11, 27), today=TODAY, started=None, last_session=None) == (
        "date", "a relationship is closed today or on a past day, not on 2026-11-27", None
    )  # fmt: skip
    assert refusal(closing_day, date(2026, 1, 1), today=TODAY, started="2026-01-02", last_session=None) == (
        "date", "the close 2026-01-01 lies before the start 2026-01-02", None
    )  # fmt: skip
    assert refusal(closing_day, date(2026, 1, 1), today=TODAY, started=None, last_session="2026-01-02") == (
        "date", "the close 2026-01-01 lies before the last session, on 2026-01-02", "Close it on 2026-01-02 or later."
    )  # fmt: skip


def test_a_close_in_the_future_is_refused_in_german_with_the_german_day() -> None:
    i18n.use("de")
    try:
        refused = refusal(closing_day, date(2026, 11, 27), today=TODAY, started=None, last_session=None)
    finally:
        i18n.use("en")
    german = "Eine Beziehung wird heute oder an einem vergangenen Tag beendet, nicht am 27.11.2026"
    assert refused == ("date", german, None)


def test_an_action_item_is_done_between_the_day_it_was_agreed_and_today() -> None:
    assert done_day(date(2026, 1, 2), agreed=date(2026, 1, 2), today=TODAY) == date(2026, 1, 2)
    assert done_day(TODAY, agreed=date(2026, 1, 2), today=TODAY) == TODAY
    assert refusal(done_day, date(2026, 11, 27), agreed=date(2026, 1, 1), today=TODAY) == (
        "done date", "the done date 2026-11-27 is in the future", "Give the day it was done, today or earlier."
    )  # fmt: skip
    assert refusal(done_day, date(2026, 1, 1), agreed=date(2026, 1, 2), today=TODAY) == (
        "done date", "the done date 2026-01-01 is before the action item was agreed on 2026-01-02", None
    )  # fmt: skip


# names and words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "name"),
    [(" Kickoff.md ", "kickoff"), ("", ""), (" ", ""), ("1on1", "1on1"), ("a_b-c", "a_b-c"), ("x" * 40, "x" * 40)],
)
def test_a_template_name_is_kept_lower_case_without_md(typed: str, name: str) -> None:
    assert template_name(typed) == name


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("bad name", "'bad name'"), ("-x", "'-x'"), ("x" * 41, repr("x" * 41)), (5, "5"), ("ä", "'ä'")],
)
def test_what_is_not_a_template_name_is_refused(typed: Any, shown: str) -> None:
    assert refusal(template_name, typed) == ("template", f"{shown} is not a template name", TEMPLATE_HINT)


def test_a_stored_word_is_lower_case_letters_digits_dash_and_underscore() -> None:
    assert stored_word("kick-off_2") == "kick-off_2"
    assert stored_word("") == ""
    word = "must be lower-case letters, digits, - and _, not {!r}"
    assert refusal(stored_word, "", required=True) == ("", word.format(""), None)
    assert refusal(stored_word, "Kick") == ("", word.format("Kick"), None)
    assert refusal(stored_word, "x" * 60) == ("", word.format("x" * 50), None)  # quoted up to 50 characters
    assert refusal(stored_word, 5) == ("", "must be text", None)


def test_a_topic_status_is_one_of_three_or_all_where_allowed() -> None:
    assert topic_status(" Offen ") == "open"
    assert topic_status("verworfen") == "dropped"
    assert topic_status("alle", allow_all=True) == "all"
    assert refusal(topic_status, "all") == ("status", "status must be one of open, discussed, dropped; not 'all'", None)
    assert refusal(topic_status, "done", allow_all=True) == (
        "status", "status must be one of open, discussed, dropped, all; not 'done'", None
    )  # fmt: skip
    i18n.use("de")
    try:
        refused = refusal(topic_status, "done", allow_all=True)
    finally:
        i18n.use("en")
    assert refused == ("status", "Der Status muss offen, besprochen, verworfen oder alle sein, nicht 'done'", None)


@pytest.mark.parametrize(
    ("value", "message"),
    [(True, "must be a whole number, not True"), (5.0, "must be a whole number, not 5.0"),
     ("5", "must be a whole number, not '5'"), (0, "must be 1 to 9007199254740992, not 0"),
     (2**53 + 1, "must be 1 to 9007199254740992, not 9007199254740993")],
)  # fmt: skip
def test_a_stored_id_is_a_whole_number_from_1_to_2_to_the_53(value: Any, message: str) -> None:
    assert stored_id(1) == 1
    assert stored_id(2**53) == 2**53
    assert refusal(stored_id, value) == ("", message, None)
