"""Issue 10, privacy and inert output: what came from a private session stays out of every export; no
export carries a terminal control character; spreadsheet cells never run as formulas."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import Run

SECRET = "zebra-secret"


@pytest.fixture
def private_sessions(run: Run) -> None:
    """Private sessions inside, before and after the period (one in the future), each with action items."""
    run("person", "add", "Anna", "--role", "mentee", "--cadence", "2w")
    run("note", "--with", "anna", "public talk", "--date", "2026-11-20", "--action", "public follow-up due:+1w")
    for day in ("2026-11-10", "2026-06-01", "2026-12-20"):
        result = run(
            "note", "--with", "anna", f"{SECRET} notes {day}", "--private", "--date", day, "--next", "2027-01-15",
            "--action", f"{SECRET} action {day} due:2026-12-01", "--feedback", f"{SECRET} feedback",
        )  # fmt: skip
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("since", [None, "30d", "2026-11-15"])
@pytest.mark.parametrize(
    "args",
    [["--format", "md"], ["--format", "html"], ["--format", "json"], ["--format", "ics"],
     ["--format", "csv", "--what", "actions"], ["--format", "csv", "--what", "sessions"],
     ["--format", "json", "--all"]],
    ids=lambda a: "-".join(a).replace("--", ""),
)  # fmt: skip
def test_nothing_from_a_private_session_reaches_an_export(
    run: Run, private_sessions: None, args: list[str], since: str | None
) -> None:
    if since and "--all" in args:
        return
    result = run("export", *args, *(["--since", since] if since else []))
    assert result.exit_code == 0, result.output
    assert SECRET not in result.stdout
    assert "public" in result.stdout or args[1] == "ics"


def test_with_include_private_everything_is_there(run: Run, private_sessions: None) -> None:
    dump = json.loads(run("export", "--format", "json", "--all", "--include-private").stdout)
    assert sum(SECRET in a["text"] for a in dump["actions"]) == 3


def test_the_next_meeting_after_a_private_session_still_reaches_the_calendar(
    run: Run, run_json, private_sessions: None
) -> None:
    from icalendar import Calendar

    calendar = Calendar.from_ical(run("export", "--format", "ics").stdout)
    meetings = [c for c in calendar.walk("VEVENT") if str(c.get("summary")).startswith("Mentoring")]
    # The next meeting is the one `people` shows (meetings.next_meeting): the private session recorded for
    # 2026-12-20 comes before the 2027-01-15 it named. Its date reaches the calendar, its text does not.
    assert [str(m.decoded("dtstart")) for m in meetings] == ["2026-12-20"]
    assert str(meetings[0].get("description")) == "A session with them is recorded for this day."
    assert run_json("people")[0]["next_session"] == "2026-12-20"


def test_the_review_counts_private_sessions_left_out(run: Run, private_sessions: None) -> None:
    text = run("export", "--since", "2026-11-01").stdout
    assert "_1 private session left out._" in text
    assert "0 created" not in text and "1 created" in text  # the private session's action does not count


HOSTILE = "\x1b]8;;http://evil\x07click\x1b]8;;\x07 \x1b[2J \x9b31m C1 \x85 next"


@pytest.mark.parametrize(
    "args",
    [["--format", "csv", "--what", "sessions"], ["--format", "csv", "--what", "actions"], ["--format", "ics"],
     ["--format", "json"], ["--format", "json", "--all"], ["--format", "md"], ["--format", "html"]],
    ids=lambda a: "-".join(a).replace("--", ""),
)  # fmt: skip
def test_no_export_carries_a_control_character(run: Run, args: list[str]) -> None:
    run("person", "add", f"Eve {HOSTILE}", "--role", "mentee")
    run("note", "--with", "eve", HOSTILE, "--title", HOSTILE, "--next", "+1w", "--action", f"{HOSTILE} due:fri")
    result = run("export", *args)
    assert result.exit_code == 0, result.output
    for raw in ("\x1b", "\x07", "\x9b", "\x85"):
        assert raw not in result.stdout, (args, raw)


def test_show_renders_imported_odd_fields_inert(run: Run, tmp_path: Path) -> None:
    run("note", "x", "--date", "2026-11-20 14:30", "--action", "a")
    dump = json.loads(run("export", "--format", "json", "--all").stdout)
    dump["sessions"][0]["time"] = "\x1b[2J"
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(dump))
    refused = run("--db", str(tmp_path / "other.db"), "import", str(path))
    assert refused.exit_code == 2 and "time must be HH:MM" in refused.stderr


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_never_start_a_formula(run: Run, start: str) -> None:
    payload = f'{start}HYPERLINK("http://evil","x")'
    run("note", f"note {start}", "--title", payload, "--action", payload)
    for what in ("sessions", "actions"):
        rows = list(csv.reader(io.StringIO(run("export", "--format", "csv", "--what", what).stdout)))
        header = rows[0]
        column = header.index("title" if what == "sessions" else "text")
        assert rows[1][column].startswith("'"), (what, rows[1][column])
        assert rows[1][column][1:].startswith(start)


@pytest.mark.parametrize(
    ("cell", "written"),
    [("\tx", "'\tx"), ("\r=1", "'\\x0d=1"), ("=1+1", "'=1+1"), ("-3", "'-3"), ("a=1", "a=1"), ("", "")],
)
def test_neutralise_follows_owasp(cell: str, written: str) -> None:
    from mentorlog.export.csvfile import neutralise

    assert neutralise(cell) == written
