"""Issue 13, the calendar: `export --format ics` carries each active relationship's next meeting, open action
items as VTODO and goal targets, with UIDs that stay put across exports. Read with icalendar and with the
independent `ics` parser (ics==0.7.2), which must agree."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import ics
import pytest
from icalendar import Calendar

from .conftest import Run

SECRET = "okapi-secret"


@pytest.fixture
def calendar_journal(run: Run) -> None:
    steps = [
        ["person", "add", "Dr. Weber", "--role", "mentor", "--cadence", "2w"],
        ["person", "add", "Anna Schmidt", "--role", "mentee", "--cadence", "1w"],
        ["person", "add", "Old Friend", "--role", "mentor", "--cadence", "4w"],
        ["goal", "add", "Give a talk", "--horizon", "long", "--with", "weber", "--target", "2027-03"],
        ["goal", "add", "Submit abstract", "--parent", "1", "--target", "2026-12-15"],
        ["goal", "add", "Read more"],  # no target: no event
        ["goal", "add", "Dropped plan", "--target", "2026-12-01"],
        ["goal", "drop", "4"],  # not active: no event
        ["note", "--with", "weber", "--date", "2026-11-20", "--title", "Talk plan", "--next", "2026-12-04",
         "outline the talk\n- [ ] rehearse due:2026-11-30"],
        # Anna's last session is private: its date plans the meeting, its words stay out
        ["note", "--with", "anna", "--date", "2026-11-19", "--private", "--title", f"{SECRET} title",
         "--feedback", f"{SECRET} feedback", "--next", "2026-12-02", f"{SECRET} notes",
         "--action", f"{SECRET} action due:2026-12-01"],
        ["action", "add", "book the room", "--with", "anna", "--due", "2026-12-03"],  # a mentee's: theirs
        ["action", "add", "ask HR", "--with", "anna", "--owner", "me"],  # no due date
        ["action", "add", "finished thing", "--with", "weber", "--due", "2026-11-01"],
        ["action", "done", "5"],  # done: no to-do
        ["topic", "add", "Budget; travel, hotel", "--with", "weber"],
        ["note", "--with", "old", "--date", "2026-11-01", "--next", "2026-12-10", "last talk"],
    ]  # fmt: skip
    for step in steps:
        result = run(*step)
        assert result.exit_code == 0, (step, result.output)


def close(db_path: Path, name: str) -> None:
    """Close a relationship the way `person close` leaves it (status and day; the command is built elsewhere)."""
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE people SET status = 'closed', closed_at = '2026-11-25' WHERE name = ?", [name])
    db.close()


def export(run: Run, *args: str) -> bytes:
    result = run("export", "--format", "ics", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def components(data: bytes) -> dict[str, Any]:
    """icalendar's reading: UID -> component, VEVENTs and VTODOs."""
    calendar = Calendar.from_ical(data)
    return {str(c["UID"]): c for c in [*calendar.walk("VEVENT"), *calendar.walk("VTODO")]}


def uuid_of(run: Run, kind: str, record_id: int) -> str:
    result = run("show", kind, str(record_id), "--json")
    assert result.exit_code == 0, result.output
    import json

    return str(json.loads(result.stdout)["uuid"])


def test_the_calendar_has_meetings_todos_and_targets_exactly(run: Run, calendar_journal: None, db_path: Path) -> None:
    close(db_path, "Old Friend")
    found = components(export(run))
    weber, anna, old = (uuid_of(run, "person", n) for n in (1, 2, 3))
    meetings = {uid: c for uid, c in found.items() if c.name == "VEVENT" and uid.endswith("-next-meeting@mentorlog")}
    assert {uid: (str(c["SUMMARY"]), c.decoded("DTSTART")) for uid, c in meetings.items()} == {
        f"{weber}-next-meeting@mentorlog": ("Mentoring: Dr. Weber", date(2026, 12, 4)),
        f"{anna}-next-meeting@mentorlog": ("Mentoring: Anna Schmidt", date(2026, 12, 2)),
    }  # Old Friend's relationship is closed: no meeting, though a --next date lies ahead
    assert not any(uid.startswith(old) for uid in found)
    weber_meeting = meetings[f"{weber}-next-meeting@mentorlog"]
    assert weber_meeting.decoded("DTEND") == date(2026, 12, 5)
    assert str(weber_meeting["DESCRIPTION"]) == (
        "Planned in the session of 2026-11-20 (Talk plan).\n\nTopics to raise:\n- Budget; travel, hotel"
    )
    assert str(meetings[f"{anna}-next-meeting@mentorlog"]["DESCRIPTION"]) == "Planned in the session of 2026-11-19."
    todos = {str(c["SUMMARY"]): c for c in found.values() if c.name == "VTODO"}
    assert {summary: (c.decoded("DUE") if "DUE" in c else None) for summary, c in todos.items()} == {
        "Me: rehearse (with Dr. Weber)": date(2026, 11, 30),
        "Anna Schmidt: book the room": date(2026, 12, 3),
        "Me: ask HR (with Anna Schmidt)": None,
    }
    assert {str(c["STATUS"]) for c in todos.values()} == {"NEEDS-ACTION"}
    described = str(todos["Anna Schmidt: book the room"]["DESCRIPTION"])
    assert described == "Action item 3; owner: Anna Schmidt; with Anna Schmidt."
    targets = {str(c["SUMMARY"]): c.decoded("DTSTART") for uid, c in found.items() if uid.endswith("-target@mentorlog")}
    assert targets == {"Target: Submit abstract": date(2026, 12, 15), "Target: Give a talk": date(2027, 3, 31)}
    assert f"{uuid_of(run, 'goal', 1)}-target@mentorlog" in found
    assert len(found) == 7


def test_a_meeting_due_by_cadence_says_so_and_when_it_became_overdue(run: Run) -> None:
    run("person", "add", "Anna", "--role", "mentee", "--cadence", "1w")
    run("note", "--with", "anna", "--date", "2026-11-10", "--private", f"{SECRET} notes")
    run("person", "add", "Ben", "--role", "mentee", "--cadence", "2w", "--since", "2026-11-20")  # never met yet
    run("person", "add", "Cleo", "--role", "mentor")  # no cadence, nothing planned: no meeting
    data = export(run)
    found = {str(c["SUMMARY"]): c for c in Calendar.from_ical(data).walk("VEVENT")}
    assert set(found) == {"Mentoring: Anna", "Mentoring: Ben"}
    assert found["Mentoring: Anna"].decoded("DTSTART") == date(2026, 11, 17)
    assert str(found["Mentoring: Anna"]["DESCRIPTION"]) == (
        "Due by the cadence: every 7 days after the last session on 2026-11-10. Overdue since 2026-11-17."
    )
    assert found["Mentoring: Ben"].decoded("DTSTART") == date(2026, 12, 4)
    described = str(found["Mentoring: Ben"]["DESCRIPTION"])
    assert described == "Due by the cadence: every 14 days after the start on 2026-11-20."
    assert SECRET.encode() not in data


def test_uids_stay_put_when_meetings_due_dates_and_targets_move(run: Run, calendar_journal: None) -> None:
    before = components(export(run))
    weber = uuid_of(run, "person", 1)
    for step in (
        ["note", "--with", "weber", "--date", "2026-11-26", "--next", "2026-12-11", "short check-in"],
        ["edit", "action", "1", "--due", "2026-12-05"],
        ["edit", "goal", "2", "--target", "2026-12-20"],
    ):
        assert run(*step).exit_code == 0, step
    after = components(export(run))
    assert set(after) == set(before)  # updated in place on re-import, nothing duplicated
    meeting = f"{weber}-next-meeting@mentorlog"
    assert (before[meeting].decoded("DTSTART"), after[meeting].decoded("DTSTART")) == (
        date(2026, 12, 4),
        date(2026, 12, 11),
    )
    todo = f"{uuid_of(run, 'action', 1)}-action@mentorlog"
    assert (before[todo].decoded("DUE"), after[todo].decoded("DUE")) == (date(2026, 11, 30), date(2026, 12, 5))
    target = f"{uuid_of(run, 'goal', 2)}-target@mentorlog"
    assert (before[target].decoded("DTSTART"), after[target].decoded("DTSTART")) == (
        date(2026, 12, 15),
        date(2026, 12, 20),
    )
    run("action", "done", "1")
    assert set(components(export(run))) == set(before) - {todo}


def test_a_private_last_session_gives_its_date_never_its_words(run: Run, calendar_journal: None) -> None:
    for args in ([], ["--with", "anna"], ["--since", "2026-11-19"]):
        data = export(run, *args)
        assert SECRET.encode() not in data, args
        meetings = [c for c in Calendar.from_ical(data).walk("VEVENT") if "Anna" in str(c["SUMMARY"])]
        assert [m.decoded("DTSTART") for m in meetings] == [date(2026, 12, 2)], args
    with_private = export(run, "--include-private")
    assert f"{SECRET} action".encode() in with_private  # its action item, asked for; still never its notes
    unfolded = with_private.replace(b"\r\n ", b"").decode()
    assert not any(f"{SECRET} {part}" in unfolded for part in ("title", "notes", "feedback"))


def test_with_a_person_only_their_meeting_items_and_goals(run: Run, calendar_journal: None) -> None:
    found = components(export(run, "--with", "weber"))
    summaries = sorted(str(c["SUMMARY"]) for c in found.values())
    assert summaries == [
        "Me: rehearse (with Dr. Weber)",
        "Mentoring: Dr. Weber",
        "Target: Give a talk",
        "Target: Submit abstract",
    ]


def second_parser(data: bytes) -> dict[str, tuple[str, str, date | None]]:
    """The `ics` package's reading: UID -> (kind, summary, DTSTART or DUE)."""
    calendar = ics.Calendar(data.decode("utf-8"))
    read: dict[str, tuple[str, str, date | None]] = {}
    for event in calendar.events:
        read[event.uid] = ("VEVENT", event.name, event.begin.date())
    for todo in calendar.todos:
        read[todo.uid] = ("VTODO", todo.name, todo.due.date() if todo.due else None)
    assert len(read) == len(calendar.events) + len(calendar.todos)  # no UID twice
    return read


def first_parser(data: bytes) -> dict[str, tuple[str, str, date | None]]:
    read: dict[str, tuple[str, str, date | None]] = {}
    for uid, c in components(data).items():
        when = c.decoded("DTSTART") if c.name == "VEVENT" else (c.decoded("DUE") if "DUE" in c else None)
        read[uid] = (c.name, str(c["SUMMARY"]), when)
    return read


HOSTILE = "Eve \x1b[2J\x1b]8;;http://evil\x07link\x1b]8;;\x07 \x9b31m; a, b \\ c"


def test_both_parsers_read_the_file_alike_and_every_text_is_inert(run: Run, calendar_journal: None) -> None:
    run("person", "add", HOSTILE, "--role", "mentee", "--cadence", "1w", "--since", "2026-11-25")
    run("action", "add", f"do {HOSTILE}\nsecond line", "--with", "eve", "--due", "2026-12-01")
    run("goal", "add", f"Goal {HOSTILE}", "--target", "2026-12-31")
    run("topic", "add", f"topic {HOSTILE}", "--with", "eve")
    data = export(run)
    first, second = first_parser(data), second_parser(data)
    assert second == first
    assert len(first) == 11 and sum(kind == "VTODO" for kind, _, _ in first.values()) == 4
    assert not any(byte in data for byte in (b"\x1b", b"\x07", b"\x9b", "\x9b".encode()))
    inert_name = "Eve \\x1b[2J\\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07 \\x9b31m; a, b \\ c"
    summaries = {summary for _, summary, _ in first.values()}
    assert f"Mentoring: {inert_name}" in summaries and f"Target: Goal {inert_name}" in summaries
    assert f"{inert_name}: do {inert_name} second line" in summaries  # one line, whose it is first
    for uid, text in ((u, str(c.get("DESCRIPTION", ""))) for u, c in components(data).items()):
        assert "\x1b" not in text and "\x9b" not in text, uid


def test_an_empty_journal_is_an_empty_calendar_both_parsers_read(run: Run, empty_journal: Path) -> None:
    data = export(run)
    assert first_parser(data) == second_parser(data) == {}
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and b"PRODID:-//mentorlog//mentoring journal//EN" in data
