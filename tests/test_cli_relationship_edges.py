"""Edges of relationships and skills found by trying them as a hostile user would (issues 13 and 15): the
calendar and the lists agree about a closed relationship, the next meeting by cadence is shown everywhere, the
other side of a skill is someone in its relationship, and health judges only what it can."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from .conftest import Run, assert_refused


def steps(run: Run, *commands: list[str]) -> None:
    for command in commands:
        result = run(*command)
        assert result.exit_code == 0, (command, result.output)


def test_a_closed_relationship_leaves_the_calendar_as_it_leaves_the_lists(run: Run) -> None:
    steps(
        run,
        ["person", "add", "Anna Schmidt", "--role", "mentee", "--since", "2026-01-01"],
        ["person", "add", "Ben Okafor", "--role", "mentee"],
        ["action", "add", "anna essay", "--with", "anna", "--due", "2026-12-10"],
        ["goal", "add", "Anna's talk", "--with", "anna", "--target", "2027-02-01"],
        ["action", "add", "ben homework", "--with", "ben", "--due", "2026-12-11"],
        ["person", "close", "anna", "--date", "2026-11-22", "--reflection", "done well"],
    )
    calendar = Calendar.from_ical(run("export", "--format", "ics").stdout_bytes)
    summaries = [str(part["SUMMARY"]) for part in calendar.walk() if part.name in ("VTODO", "VEVENT")]
    assert summaries == ["Ben Okafor: ben homework"]
    assert "anna essay" not in run("actions").stdout


def test_the_next_meeting_by_cadence_shows_in_people_show_person_and_agenda(run: Run) -> None:
    steps(
        run,
        ["person", "add", "Kim", "--role", "mentee", "--cadence", "1w", "--since", "2026-11-01"],
        ["note", "s3", "--with", "kim", "--date", "2026-11-20"],
    )
    people = run("people").stdout.splitlines()
    assert "2026-11-20 (6 days ago)  2026-11-27 (tomorrow)" in people[1]  # last, next
    assert "next meeting  2026-11-27 (tomorrow), by cadence" in run("show", "person", "1").stdout
    assert "next meeting  2026-11-27 (tomorrow), by cadence" in run("agenda", "--with", "kim").stdout


@pytest.fixture
def skills(run: Run) -> None:
    steps(
        run,
        ["person", "add", "Dr. Weber", "--role", "mentor"],
        ["person", "add", "Anna Schmidt", "--role", "mentee"],
        ["person", "add", "Dr. Lee", "--role", "mentor"],
        ["skill", "add", "giving feedback"],
        ["skill", "add", "estimating", "--with", "anna"],
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["skill", "rate", "estimating", "3", "--by", "weber"], "Dr. Weber is not in skill 2's relationship"),
        (["skill", "rate", "giving", "3", "--by", "anna"], "Anna Schmidt is your mentee; skill 1 is yours"),
        (["skill", "rate", "giving", "3", "--by", ""], "--by needs whose view: me, them or a person's name"),
        (["note", "x", "--with", "anna", "--rate", "estimating=4 by:"], "'by:' needs whose view"),
        (
            ["note", "x", "--with", "anna", "--rate", "giving=4 by:them"],
            "Anna Schmidt is your mentee; skill 1 is yours",
        ),
        (["skills", "--since", "2027-05-01"], "--since 2027-05-01 is after today (2026-11-26)"),
    ],
)
def test_the_other_side_of_a_skill_is_someone_in_its_relationship(
    run: Run, db_path: Path, skills: None, args: list[str], message: str
) -> None:
    assert_refused(run, db_path, args, 2, message)


def test_the_others_view_follows_one_rater_so_change_compares_like_with_like(run: Run, skills: None) -> None:
    steps(
        run,
        ["skill", "rate", "giving", "2", "--by", "weber", "--date", "2026-07-01"],
        ["skill", "rate", "giving", "4", "--by", "weber", "--date", "2026-09-01"],
        ["skill", "rate", "giving", "2", "--by", "lee", "--date", "2026-10-01"],  # another mentor, lower
        ["skill", "rate", "giving", "3", "--date", "2026-10-02"],
    )
    found = json.loads(run("skills", "--json").stdout)
    giving = next(skill for skill in found if skill["name"] == "giving feedback")
    assert giving["change"]["others"] is None  # Dr. Lee rated once: a level, no change yet (not 4 → 2 = -2)


def test_a_skill_named_with_digits_is_found_by_its_name_when_no_id_matches(run: Run) -> None:
    steps(run, ["skill", "add", "12345"], ["skill", "add", "2"])
    result = run("skill", "rate", "12345", "3")
    assert result.exit_code == 0, result.output
    assert "'12345' 3 by me" in result.stdout
    assert "'12345' 4 by me" in run("skill", "rate", "2", "4").stdout.replace("'2'", "'12345'")  # id 2 wins


def test_health_leaves_out_a_relationship_not_started_and_says_what_a_quiet_one_lacks(run: Run) -> None:
    steps(
        run,
        ["person", "add", "X9", "--role", "mentee"],
        ["person", "add", "Later", "--role", "mentee", "--since", "2027-05-01"],
    )
    found = json.loads(run("health", "--json").stdout)
    assert [entry["person"] for entry in found] == ["X9"]
    assert "no meeting yet in this period, and no cadence set to plan by" in found[0]["reasons"]
    result = run("health", "--with", "later")
    assert result.exit_code == 1
    assert (
        result.stderr.splitlines()[0] == "Error: the relationship with Later starts on 2027-05-01: nothing to judge yet"
    )


def test_days_to_close_count_from_the_session_that_agreed_the_item(run: Run) -> None:
    steps(
        run,
        ["person", "add", "Kim", "--role", "mentee", "--cadence", "1w"],
        ["note", "s1", "--with", "kim", "--date", "2026-11-03", "--action", "k1 due:2026-11-05 owner:them"],
        ["action", "done", "1"],  # today, 2026-11-26: 23 days after the session, 21 days late
    )
    (kim,) = json.loads(run("health", "--json").stdout)
    assert kim["days_to_done_median"] == 23.0
    assert "Their actions: 0 of 1 done on time, 1 late" in kim["reasons"]


def test_a_dump_to_a_file_says_where_it_went(run: Run, tmp_path: Path) -> None:
    steps(run, ["note", "x"])
    target = tmp_path / "dump.json"
    result = run("export", "--format", "json", "--all", "-o", str(target))
    assert result.exit_code == 0
    assert result.stderr.strip() == f"Wrote the dump of the whole journal to {target}."
    assert result.stdout == "" and '"notes": "x"' in target.read_text()


def test_a_confirmation_shows_a_control_character_escaped_once_as_the_lists_do(run: Run) -> None:
    text = "esc\x1b]0;pwned\x07title"
    assert run("skill", "add", text).stdout == "Added skill 1 (growth area): 'esc\\x1b]0;pwned\\x07title'.\n"
    assert run("action", "add", "don't").stdout.startswith('Added action 1 for me: "don\'t"')
    assert "esc\\x1b]0;pwned\\x07title" in run("skills").stdout


def test_a_relationship_begun_today_is_on_track_until_its_first_meeting_falls_due(run: Run) -> None:
    steps(run, ["person", "add", "Nia", "--role", "mentee", "--cadence", "2w", "--since", "2026-11-20"])
    (nia,) = json.loads(run("health", "--json").stdout)
    assert nia["verdicts"]["meetings"] == "on track"
    assert "just started: the first meeting is not due yet" in nia["reasons"]
    steps(run, ["edit", "person", "1", "--since", "2026-11-01"])  # 25 days, no meeting: now it is due
    (nia,) = json.loads(run("health", "--json").stdout)
    assert nia["verdicts"]["meetings"] == "needs attention"
