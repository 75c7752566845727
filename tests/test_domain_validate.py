"""validate.py: every rule's boundaries, the clean value it returns and the exact words of its refusal."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from mentorlog.base.errors import BadValue
from mentorlog.core import validate


def refusal(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str, str | None]:
    """The field, message and hint of the BadValue that CALL raises (any other exception fails the test)."""
    with pytest.raises(BadValue) as caught:
        call(*args, **kwargs)
    return caught.value.field, caught.value.message, caught.value.hint


# text -------------------------------------------------------------------------------------------


def test_text_trims_surrounding_blank_lines_and_spaces_and_folds_line_ends() -> None:
    assert validate.text("\n  first\r\nsecond \r\n\n", "notes") == "first\nsecond"
    assert validate.text("a\rb", "notes") == "a\nb"  # a lone CR (old Mac) is a line end too, as the editor reads it


def test_text_refuses_what_is_not_text() -> None:
    assert refusal(validate.text, 5, "title") == ("title", "the title must be text", None)
    assert refusal(validate.text, b"x", "notes") == ("notes", "the notes must be text", None)


def test_text_refuses_a_nul_character() -> None:
    assert refusal(validate.text, "a\x00b", "title") == (
        "title",
        "the title contains a NUL character",
        "Remove it and try again.",
    )


def test_text_size_limit_is_ten_megabytes_exactly() -> None:
    limit = 10 * 1024 * 1024
    assert limit == validate.MAX_TEXT_CHARS
    assert len(validate.text("x" * limit, "notes")) == limit
    assert refusal(validate.text, "x" * (limit + 1), "notes") == ("notes", "the notes is longer than 10 MB", None)


def test_empty_text_is_refused_unless_it_is_optional() -> None:
    assert refusal(validate.text, " \r\n\t\n", "title") == ("title", "the title is empty", "Give some text.")
    assert refusal(validate.text, "", "title", required=True) == ("title", "the title is empty", "Give some text.")
    assert validate.text(" \r\n\t\n", "feedback", required=False) == ""
    assert validate.text(" kept ", "feedback", required=False) == "kept"


# names ------------------------------------------------------------------------------------------


def test_name_is_nfc_with_single_spaces() -> None:
    assert validate.name("  Jose\u0301   Mari\u0301a\tLo\u0301pez \n") == "José María López"


def test_an_empty_name_is_refused_as_a_name() -> None:
    assert refusal(validate.name, "  \n ") == ("name", "the name is empty", "Give some text.")
    assert refusal(validate.name, "A\x00") == ("name", "the name contains a NUL character", "Remove it and try again.")


@pytest.mark.parametrize(
    "mark",
    [
        *("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202e", "\u2066", "\u2069", "\u200e", "\u200f"),
        *(
            "\u00ad",
            "\u2061",
            "\u061c",
            "\U000e0001",
        ),  # other format (Cf) characters: soft hyphen, function application…
    ],
)
def test_a_name_with_an_invisible_character_is_refused(mark: str) -> None:
    assert refusal(validate.name, f"Ada{mark}Lovelace") == (
        "name",
        "the name contains invisible characters (zero-width or direction marks)",
        "Type the name plainly.",
    )


def test_name_length_limit_is_two_hundred_characters_after_cleaning() -> None:
    assert validate.name("é" * 200) == "é" * 200
    assert validate.name("e\u0301" * 200) == "é" * 200  # 400 code points before NFC, 200 after
    assert validate.name(" " + "a " * 100) == ("a " * 100).strip()  # 199 characters once the spaces are folded
    assert refusal(validate.name, "é" * 201) == ("name", "the name is longer than 200 characters", None)


def test_name_key_folds_case_and_compatibility_forms_and_spaces() -> None:
    assert validate.name_key("  Straße \t Weber ") == "strasse weber"
    assert validate.name_key("STRASSE WEBER") == "strasse weber"
    assert validate.name_key("\ufb01nn Ｏｌｓｅｎ") == "finn olsen"  # the fi ligature and full-width letters
    assert validate.name_key("") == ""


# whole numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number"),
    [(7, 7), (0, 0), (-3, -3), ("42", 42), (" 42 ", 42), ("+5", 5), ("-5", -5), ("007", 7), ("-0", 0)],
)
def test_integer_accepts_whole_numbers_as_int_or_text(value: Any, number: int) -> None:
    result = validate.integer(value, "count")
    assert result == number
    assert type(result) is int


@pytest.mark.parametrize(
    "value",
    ["", " ", "+", "-", "--5", "+-5", "5-", "5+", "1_000", "0x10", "1e3", "4.0", "\u0663", "\uff15", "five", "X5"],
)
def test_integer_refuses_text_that_is_not_a_plain_whole_number(value: str) -> None:
    assert refusal(validate.integer, value, "count") == (
        "count",
        f"the count must be a whole number, not {value!r}",
        None,
    )


@pytest.mark.parametrize("value", [True, False, 4.0, None, [1]])
def test_integer_refuses_bools_floats_and_other_types(value: Any) -> None:
    assert refusal(validate.integer, value, "id") == ("id", f"the id must be a whole number, not {value!r}", None)


# ranges -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, 1, 2, 5])
def test_confidence_accepts_none_and_one_to_five(value: int | None) -> None:
    assert validate.confidence(value) is value


@pytest.mark.parametrize("value", [0, 6, -1, True, False, 3.0, "3"])
def test_confidence_refuses_everything_else(value: Any) -> None:
    assert refusal(validate.confidence, value) == ("confidence", f"confidence must be 1 to 5, not {value!r}", None)


@pytest.mark.parametrize("value", [0, 1, 50, 99, 100])
def test_progress_accepts_zero_to_one_hundred(value: int) -> None:
    assert validate.progress(value) is value


@pytest.mark.parametrize("value", [-1, 101, True, False, 50.0, "50", None])
def test_progress_refuses_everything_else(value: Any) -> None:
    assert refusal(validate.progress, value) == ("progress", f"progress must be 0 to 100, not {value!r}", None)


@pytest.mark.parametrize("value", [None, 1, 2, 3659, 3660])
def test_cadence_accepts_none_and_one_to_3660_days(value: int | None) -> None:
    assert validate.cadence_days(value) is value


@pytest.mark.parametrize("value", [0, -7, 3661, True, False, 7.0, "7"])
def test_cadence_refuses_everything_else(value: Any) -> None:
    assert refusal(validate.cadence_days, value) == (
        "cadence",
        f"a cadence must be 1 to 3660 days, not {value!r}",
        None,
    )


@pytest.mark.parametrize("value", [1, 2, 2**53 - 1, 2**53])
def test_record_id_accepts_one_to_two_to_the_53(value: int) -> None:
    assert validate.record_id(value, "session") is value


@pytest.mark.parametrize("value", [0, -1, 2**53 + 1, 2**54, True, 1.0, "1", None])
def test_record_id_refuses_everything_else(value: Any) -> None:
    assert refusal(validate.record_id, value, "goal") == (
        "goal",
        f"a goal id must be a whole number from 1 to 2^53, not {value!r}",
        None,
    )


@pytest.mark.parametrize("value", [date(1900, 1, 1), date(1900, 12, 31), date(2200, 1, 1), date(2200, 12, 31)])
def test_day_accepts_the_years_1900_to_2200(value: date) -> None:
    assert validate.day(value) is value
    assert validate.day(value, "due date") is value


def test_day_refuses_days_outside_the_years() -> None:
    assert refusal(validate.day, date(1899, 12, 31)) == ("date", "the date 1899-12-31 is outside 1900–2200", None)
    assert refusal(validate.day, date(2201, 1, 1), "due date") == (
        "due date",
        "the due date 2201-01-01 is outside 1900–2200",
        None,
    )


# choices ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "clean"), [("short", "short"), (" Long\n", "long"), ("SHORT", "short")])
def test_horizon_is_trimmed_and_lower_cased(value: str, clean: str) -> None:
    assert validate.horizon(value) == clean


@pytest.mark.parametrize("value", ["medium", "", "sh ort", None, 1])
def test_horizon_refuses_other_values(value: Any) -> None:
    assert refusal(validate.horizon, value) == ("horizon", f"horizon must be 'short' or 'long', not {value!r}", None)


@pytest.mark.parametrize(
    ("value", "clean"), [("active", "active"), (" Achieved ", "achieved"), ("PAUSED", "paused"), ("dropped", "dropped")]
)
def test_goal_status_is_trimmed_and_lower_cased(value: str, clean: str) -> None:
    assert validate.goal_status(value) == clean


@pytest.mark.parametrize("value", ["open", "done", "", None])
def test_goal_status_refuses_other_values(value: Any) -> None:
    assert refusal(validate.goal_status, value) == (
        "status",
        f"goal status must be one of active, achieved, paused, dropped, not {value!r}",
        None,
    )


@pytest.mark.parametrize(("value", "clean"), [("open", "open"), (" Done ", "done"), ("DROPPED", "dropped")])
def test_action_status_is_trimmed_and_lower_cased(value: str, clean: str) -> None:
    assert validate.action_status(value) == clean
    assert validate.action_status(value, allow_all=True) == clean


def test_action_status_all_is_allowed_only_when_asked() -> None:
    assert validate.action_status(" ALL ", allow_all=True) == "all"
    assert refusal(validate.action_status, "all") == (
        "status",
        "status must be one of open, done, dropped; not 'all'",
        None,
    )
    assert refusal(validate.action_status, "all", allow_all=False) == (
        "status",
        "status must be one of open, done, dropped; not 'all'",
        None,
    )
    assert refusal(validate.action_status, "achieved", allow_all=True) == (
        "status",
        "status must be one of open, done, dropped, all; not 'achieved'",
        None,
    )
    assert refusal(validate.action_status, None) == (
        "status",
        "status must be one of open, done, dropped; not None",
        None,
    )


@pytest.mark.parametrize(("value", "clean"), [("mentor", "mentor"), (" Mentee ", "mentee"), ("MENTOR", "mentor")])
def test_role_is_trimmed_and_lower_cased(value: str, clean: str) -> None:
    assert validate.role(value) == clean


@pytest.mark.parametrize("value", ["coach", "", None, 0])
def test_role_refuses_other_values(value: Any) -> None:
    assert refusal(validate.role, value) == ("role", f"role must be 'mentor' or 'mentee', not {value!r}", None)


# levels and skills ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 3, 5])
def test_level_accepts_one_to_five(value: int) -> None:
    assert validate.level(value) == value


@pytest.mark.parametrize("value", [0, 6, -1, True, "3", 2.0, None])
def test_level_refuses_everything_else(value: Any) -> None:
    assert refusal(validate.level, value) == ("level", f"a level must be 1 to 5, not {value!r}", None)


@pytest.mark.parametrize(
    ("value", "clean"), [("growth", "growth"), (" Strength ", "strength"), ("Stärke", "strength"),
                         ("staerke", "strength"), ("Entwicklungsfeld", "growth")],
)  # fmt: skip
def test_skill_kind_is_trimmed_lower_cased_and_read_in_german_too(value: str, clean: str) -> None:
    assert validate.skill_kind(value) == clean


@pytest.mark.parametrize("value", ["weakness", "", None])
def test_skill_kind_refuses_other_values(value: Any) -> None:
    assert refusal(validate.skill_kind, value) == (
        "kind", f"a skill's kind must be 'strength' or 'growth', not {value!r}", None,
    )  # fmt: skip


def test_a_skill_name_is_cleaned_like_a_name_and_refused_as_a_skill_name() -> None:
    assert validate.skill_name("  Giving   feedback ") == "Giving feedback"
    assert refusal(validate.skill_name, " ") == ("skill name", "the skill name is empty", "Give some text.")
    assert refusal(validate.skill_name, "a\u200bb") == (
        "skill name", "the skill name contains invisible characters (zero-width or direction marks)",
        "Type the name plainly.",
    )  # fmt: skip
    assert refusal(validate.skill_name, "x" * 201) == ("skill name", "the skill name is longer than 200 characters",
                                                        None)  # fmt: skip


# German words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "value", "clean"),
    [
        (validate.goal_status, " Erreicht ", "achieved"),
        (validate.goal_status, "aktiv", "active"),
        (validate.goal_status, "pausiert", "paused"),
        (validate.goal_status, "verworfen", "dropped"),
        (validate.action_status, "Offen", "open"),
        (validate.action_status, "erledigt", "done"),
        (validate.action_status, "verworfen", "dropped"),
        (validate.role, "Mentorin", "mentor"),
        (validate.horizon, "Kurz", "short"),
        (validate.horizon, "langfristig", "long"),
        (validate.horizon, "kurzfristig", "short"),
        (validate.horizon, "lang", "long"),
    ],
)
def test_the_german_words_for_stored_values_are_read_in_any_language(check: Any, value: str, clean: str) -> None:
    assert check(value) == clean


def test_alle_is_all_only_when_all_is_allowed() -> None:
    assert validate.action_status("Alle", allow_all=True) == "all"
    assert refusal(validate.action_status, "alle")[1] == "status must be one of open, done, dropped; not 'alle'"


@pytest.fixture
def german() -> Any:
    from mentorlog.base import i18n

    i18n.use("de")
    yield
    i18n.use("en")


def test_a_refused_status_lists_the_german_words_in_german(german: None) -> None:
    assert refusal(validate.goal_status, "x")[1] == (
        "Der Status eines Ziels muss aktiv, erreicht, pausiert oder verworfen sein, nicht 'x'"
    )
    assert refusal(validate.action_status, "x")[1] == "Der Status muss offen, erledigt oder verworfen sein, nicht 'x'"
    assert refusal(validate.action_status, "x", allow_all=True)[1] == (
        "Der Status muss offen, erledigt, verworfen oder alle sein, nicht 'x'"
    )


def test_a_field_is_named_in_german_and_an_unknown_one_as_it_is(german: None) -> None:
    assert refusal(validate.text, "", "title") == ("title", "Titel darf nicht leer sein", "Gib etwas Text an.")
    assert refusal(validate.text, "", "odd") == ("odd", "odd darf nicht leer sein", "Gib etwas Text an.")
    assert refusal(validate.day, date(1899, 1, 1), "target") == (
        "target", "Zieldatum 1899-01-01 liegt außerhalb von 1900–2200", None,
    )  # fmt: skip


def test_choices_in_english_are_the_stored_words() -> None:
    assert validate.choices(("open", "done"), validate.ACTION_STATUS_ALIASES) == "open, done"


def test_choices_in_german_take_the_first_german_word_for_each(german: None) -> None:
    assert (
        validate.choices(("short", "long", "medium"), validate.HORIZON_ALIASES)
        == "kurzfristig, langfristig oder medium"
    )
    assert validate.choices(("strength", "growth"), validate.SKILL_KIND_ALIASES) == "stärke oder entwicklungsfeld"


# id lists ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "ids"),
    [
        (["4,7 9-11"], [4, 7, 9, 10, 11]),
        (["3", "3-4"], [3, 4]),
        (["11-9,10"], None),
        (["5", "2"], [5, 2]),
        ([" 8 ,, 8 "], [8]),
        (["1-1"], [1]),
    ],
)
def test_an_id_list_reads_ids_and_ranges_in_order_each_once(values: list[str], ids: list[int] | None) -> None:
    if ids is None:
        assert refusal(validate.id_list, values, "goal") == ("goal", "the range '11-9' runs backwards; write 9-11",
                                                              None)  # fmt: skip
    else:
        assert validate.id_list(values, "goal") == ids


def test_an_id_range_may_hold_ten_thousand_ids_and_no_more() -> None:
    assert len(validate.id_list(["1-10000"])) == 10_000
    assert validate.id_list(["5-10004"])[-1] == 10_004
    assert refusal(validate.id_list, ["1-10001"], "goal") == ("goal", "the range '1-10001' is longer than 10000 ids",
                                                             None)  # fmt: skip


@pytest.mark.parametrize("part", ["a", "0", "1-", "-1", "1-b", "2.5", str(2**53 + 1)])
def test_an_id_list_refuses_what_is_not_an_id_or_a_range(part: str) -> None:
    assert refusal(validate.id_list, [part], "goal") == ("goal", f"{part!r} is not an id or a range like 9-11", None)


def test_an_id_list_needs_at_least_one_id() -> None:
    assert refusal(validate.id_list, [" , "], "goal") == ("goal", "give at least one goal", None)
    assert refusal(validate.id_list, []) == ("id", "give at least one id", None)


def test_a_very_large_id_is_read() -> None:
    assert validate.id_list([str(2**53)]) == [2**53]


@pytest.mark.parametrize("value", [["mentor"], {"mentor": 1}])
def test_a_choice_that_is_a_list_or_an_object_is_refused_like_any_other(value: Any) -> None:
    assert refusal(validate.role, value) == ("role", f"role must be 'mentor' or 'mentee', not {value!r}", None)
    assert refusal(validate.horizon, value)[0] == "horizon"


def test_only_a_field_name_is_translated_not_any_word_the_catalogue_knows(german: None) -> None:
    assert refusal(validate.text, "", "open") == ("open", "open darf nicht leer sein", "Gib etwas Text an.")


# values as a dump or a change file carries them (import and sync call these) ------------------------


def invalid(call: Any, *args: Any) -> str:
    """The message of the Invalid that CALL raises (what follows the field's name in an error)."""
    with pytest.raises(validate.Invalid) as caught:
        call(*args)
    return caught.value.message


def test_stored_text_is_kept_as_written_unless_required() -> None:
    assert validate.stored_text("  kept  ") == "  kept  "
    assert validate.stored_text("  kept \r\n", required=True) == "kept"
    assert validate.stored_text("") == ""
    assert validate.stored_text("x" * validate.MAX_TEXT_CHARS) == "x" * validate.MAX_TEXT_CHARS
    assert invalid(validate.stored_text, "x" * (validate.MAX_TEXT_CHARS + 1)) == "is longer than 10 MB"
    assert invalid(validate.stored_text, "a\x00b") == "contains a NUL character"
    assert invalid(lambda value: validate.stored_text(value, required=True), " ") == "is empty"
    assert invalid(validate.stored_text, 5) == "must be text"
    assert invalid(validate.stored_text, None) == "must be text"
    assert invalid(validate.stored_text, "a\ud800") == "contains a lone surrogate (not valid Unicode)"
    assert invalid(lambda value: validate.stored_text(value, required=True), "\udfff") == (
        "contains a lone surrogate (not valid Unicode)"
    )


def test_stored_name_follows_the_rule_of_names() -> None:
    assert validate.stored_name(" Ame\u0301lie  Weber ") == "Amélie Weber"
    assert invalid(validate.stored_name, None) == "must be text"
    assert invalid(validate.stored_name, "\ud800") == "contains a lone surrogate (not valid Unicode)"
    assert invalid(validate.stored_name, "  ") == "is empty"
    assert invalid(validate.stored_name, "x" * 201) == "is longer than 200 characters"
    assert validate.stored_name("x" * 200) == "x" * 200


def test_a_stamp_has_an_offset_and_lies_in_the_years_mentorlog_takes() -> None:
    assert validate.stamp("2026-11-20T10:00:00+00:00") == "2026-11-20T10:00:00+00:00"
    assert validate.stamp("2026-11-20T10:00:00Z") == "2026-11-20T10:00:00+00:00"
    assert validate.stamp("2026-11-20T12:00:00+02:00") == "2026-11-20T10:00:00.000000+00:00"
    assert validate.stamp("1900-01-01T00:00:00+00:00") == "1900-01-01T00:00:00+00:00"
    assert validate.stamp("2200-12-31T23:59:59+00:00") == "2200-12-31T23:59:59+00:00"
    assert invalid(validate.stamp, "nope+00:00") == "is not an ISO 8601 timestamp: 'nope+00:00'"
    assert invalid(validate.stamp, "nope") == "is not an ISO 8601 timestamp: 'nope'"
    assert invalid(validate.stamp, "2026-11-20T10:00:00") == "has no UTC offset: '2026-11-20T10:00:00'"
    assert invalid(validate.stamp, 5) == "must be an ISO 8601 timestamp with an offset"
    assert invalid(validate.stamp, "2" * 41) == "must be an ISO 8601 timestamp with an offset"
    assert invalid(validate.stamp, "1899-12-31T23:59:59+00:00") == (
        "lies outside the years 1900–2200: '1899-12-31T23:59:59+00:00'"
    )
    assert invalid(validate.stamp, "2201-01-01T00:00:00+01:00") == (
        "lies outside the years 1900–2200: '2201-01-01T00:00:00+01:00'"
    )


def test_a_date_is_a_calendar_day_written_iso() -> None:
    assert validate.iso_date("2026-02-28") == "2026-02-28"
    assert validate.iso_date("1900-01-01") == "1900-01-01" and validate.iso_date("2200-12-31") == "2200-12-31"
    assert invalid(validate.iso_date, "2026-02-30") == "is not a calendar day: '2026-02-30'"
    assert invalid(validate.iso_date, "garbage") == "must be a date YYYY-MM-DD, not 'garbage'"
    assert invalid(validate.iso_date, "2026-1-1") == "must be a date YYYY-MM-DD, not '2026-1-1'"
    assert invalid(validate.iso_date, "2026-11-20T10:00") == "must be a date YYYY-MM-DD, not '2026-11-20T10:00'"
    assert invalid(validate.iso_date, None) == "must be a date YYYY-MM-DD, not 'None'"
    assert invalid(validate.iso_date, "1899-12-31") == "lies outside the years 1900–2200: '1899-12-31'"
    assert invalid(validate.iso_date, "2201-01-01") == "lies outside the years 1900–2200: '2201-01-01'"


def test_a_day_once_checked_is_remembered_and_only_a_good_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A restore checks ~160k dates of a few thousand days: a day that passed is known at once afterwards; a bad
    one is refused every time, and the memory stops growing at MAX_GOOD_DAYS."""
    monkeypatch.setattr(validate, "_GOOD_DAYS", set())
    monkeypatch.setattr(validate, "MAX_GOOD_DAYS", 2)
    for _ in range(2):
        assert validate.iso_date("2026-02-28") == "2026-02-28"
        assert invalid(validate.iso_date, "2026-02-30") == "is not a calendar day: '2026-02-30'"
        assert invalid(validate.iso_date, "1899-12-31") == "lies outside the years 1900–2200: '1899-12-31'"
    assert {"2026-02-28"} == validate._GOOD_DAYS
    validate.iso_date("2026-03-01"), validate.iso_date("2026-03-02")
    assert {"2026-02-28", "2026-03-01"} == validate._GOOD_DAYS
    assert invalid(validate.iso_date, ["2026-02-28"]) == "must be a date YYYY-MM-DD, not \"['2026-02-28']\""
    monkeypatch.setattr(validate, "DATE", re.compile("(?!)"))  # no text is a date now: only a known day passes
    assert validate.iso_date("2026-02-28") == "2026-02-28"
    assert invalid(validate.iso_date, "2026-03-03") == "must be a date YYYY-MM-DD, not '2026-03-03'"


@pytest.mark.parametrize("value", ["99:99", "24:00", "9:00", "10:60", "10:00:00", "1000", "", None, 930])
def test_a_time_is_hh_mm_within_a_day(value: Any) -> None:
    assert invalid(validate.clock_time, value) == "must be HH:MM"


def test_the_times_of_a_day() -> None:
    assert [validate.clock_time(t) for t in ("00:00", "09:05", "19:59", "23:59")] == [
        "00:00",
        "09:05",
        "19:59",
        "23:59",
    ]


def test_whole_numbers_ids_and_versions() -> None:
    assert validate.whole_number(0, 0, 100) == 0 and validate.whole_number(100, 0, 100) == 100
    assert validate.whole_number(-7, None, None) == -7
    assert invalid(validate.whole_number, 101, 0, 100) == "must be 0 to 100, not 101"
    assert invalid(validate.whole_number, -1, 0, 100) == "must be 0 to 100, not -1"
    assert invalid(validate.whole_number, True, 0, 100) == "must be a whole number, not True"
    assert invalid(validate.whole_number, 3.0, 0, 100) == "must be a whole number, not 3.0"
    assert invalid(validate.whole_number, "3", 0, 100) == "must be a whole number, not '3'"
    assert validate.stored_id(1) == 1 and validate.stored_id(2**53) == 2**53
    assert invalid(validate.stored_id, 0) == "must be 1 to 9007199254740992, not 0"
    assert invalid(validate.stored_id, 2**53 + 1) == "must be 1 to 9007199254740992, not 9007199254740993"
    assert invalid(validate.stored_id, False) == "must be a whole number, not False"
    assert validate.format_version(1) == 1 and validate.format_version(7) == 7
    for bad in (0, -3, "1", None, True, 1.0):
        assert invalid(validate.format_version, bad) == f"has no valid format version (found {bad!r})"


def test_uuids_enums_and_booleans() -> None:
    assert validate.uuid("a" * 64) == "a" * 64 and validate.uuid("0:a.b_c-d") == "0:a.b_c-d"
    for bad in ("a" * 65, "-a", "", "a b", "é", None, 5):
        assert invalid(validate.uuid, bad) == f"is not a valid uuid: {str(bad)!r}"
    assert validate.uuids(["a", "b"]) == ["a", "b"] and validate.uuids([]) == []
    assert invalid(validate.uuids, "ab") == "must be a list of uuids"
    assert invalid(validate.uuids, ["a", 1]) == "is not a valid uuid: '1'"
    assert validate.one_of("long", ("short", "long")) == "long"
    assert invalid(validate.one_of, "Long", ("short", "long")) == "must be one of short, long"
    assert invalid(validate.one_of, None, ("short", "long")) == "must be one of short, long"
    assert validate.boolean(False) is False and validate.boolean(True) is True
    for bad in ("yes", 1, 0, None, "true"):
        assert invalid(validate.boolean, bad) == "must be true or false"


def test_tags_are_a_list_of_single_words_folded_once() -> None:
    assert validate.tag_list(["Scope", "scope", "Äbc", "äBC"]) == ["scope", "äbc"]
    assert validate.tag_list([]) == []
    assert validate.tag_list(["x"] * 200) == ["x"]
    assert invalid(validate.tag_list, ["x"] * 201) == "must be a list of at most 200 tags"
    assert invalid(validate.tag_list, "abc") == "must be a list of at most 200 tags"
    assert invalid(validate.tag_list, None) == "must be a list of at most 200 tags"
    for bad in ([1, "a"], ["two words"], [""], [" "], [None], ["x" * 201], ["a\tb"]):
        assert invalid(validate.tag_list, bad).startswith("has a tag that is not one word: ")
    assert validate.tag_list(["x" * 200]) == ["x" * 200]
    assert invalid(validate.tag_list, ["a\x00"]) == "contains a NUL character"


def test_name_keys_of_twins_are_equal() -> None:
    key = validate.name_key
    assert key("Özlem") == key("özlem") == key("ÖZLEM") == key("O\u0308zlem")
    assert key("Émile") == key("émile") and key("Amélie") == key("Ame\u0301lie")
    assert key("\u0390") == key("\u0399\u0308\u0301")  # folding leaves a decomposed form: composed again
    assert key("Anna") != key("Anne")
