"""Issue 13, the shareable agenda: `agenda --with NAME --format md [-o FILE]` holds the open action items of both
sides, the open topics, the shared goals and the next meeting — and nothing private (secrets planted in every
private place are grepped for)."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from .conftest import Run

SECRETS = {
    "private session notes": "aardvark",
    "private session title": "bison",
    "private session feedback": "cobra",
    "private session action item": "dingo",
    "my session notes": "emu",
    "my session title": "ferret",
    "feedback": "gecko",
    "reflection about them": "heron",
    "progress note": "ibis",
    "my note on the person": "jackal",
    "another relationship": "koala",
}


@pytest.fixture
def weber_journal(run: Run) -> None:
    s = SECRETS
    steps = [
        ["person", "add", "Dr. Weber", "--role", "mentor", "--cadence", "2w", "--note", s["my note on the person"]],
        ["person", "add", "Anna Schmidt", "--role", "mentee"],
        ["goal", "add", "Give a talk", "--horizon", "long", "--with", "weber", "--target", "2027-03"],
        ["goal", "add", "Submit abstract", "--parent", "1", "--target", "2026-12-15"],
        ["goal", "add", "Old plan", "--with", "weber"],
        ["goal", "drop", "3"],  # not active: not shared
        ["goal", "add", f"Mentor Anna {s['another relationship']}", "--with", "anna"],
        ["goal", "progress", "1", "40", "--note", f"{s['progress note']} outline"],
        # queued on 11-05 and discussed at the next session (issue 24: a note marks the topics it names, queued by then)
        ["on 2026-11-05", "topic", "add", "Conference travel", "--with", "weber"],
        ["note", "--with", "weber", "--date", "2026-11-10", "--discussed", "all", "--private",
         "--title", s["private session title"],
         "--feedback", s["private session feedback"], s["private session notes"],
         "--action", f"{s['private session action item']} due:2026-12-01"],
        ["note", "--with", "weber", "--date", "2026-11-20", "--title", s["my session title"], "--next", "2026-12-04",
         "--feedback", s["feedback"], f"{s['my session notes']} went well\n- [ ] rehearse the talk due:2026-11-30"],
        ["reflect", f"{s['reflection about them']} I should ask more", "--with", "weber"],
        ["action", "add", "send the draft slides", "--with", "weber", "--owner", "weber", "--due", "2026-11-26"],
        ["action", "add", "book the room", "--with", "weber", "--owner", "me", "--due", "2026-11-01"],
        ["action", "add", "read their paper", "--with", "weber", "--owner", "me"],
        ["action", "add", "finished thing", "--with", "weber", "--owner", "me"],
        ["action", "done", "6"],
        ["action", "add", f"{s['another relationship']} homework", "--with", "anna"],
        ["topic", "add", "Budget for the workshop", "--with", "weber"],
        ["topic", "add", f"{s['another relationship']} topic", "--with", "anna"],
    ]  # fmt: skip
    for step in steps:
        day = step[0].removeprefix("on ") if step[0].startswith("on ") else None
        result = run(*step[1:], env={"MENTORLOG_TODAY": day}) if day else run(*step)
        assert result.exit_code == 0, (step, result.output)


EXPECTED = """\
# Agenda: next meeting with Dr. Weber

**Next meeting:** 2026-12-04, Fri (in 8 days).

## Action items

### My action items

- [ ] book the room — **overdue by 25 days** (due 2026-11-01, Sun)
- [ ] rehearse the talk — due 2026-11-30, Mon (in 4 days)
- [ ] read their paper — no due date

### Dr. Weber's action items

- [ ] send the draft slides — due today (2026-11-26, Thu)

## Topics to raise

- Budget for the workshop

## Our goals

- **Give a talk** — 40% (long-term; target 2027-03-31; 0 of 1 milestone achieved)
  - **Submit abstract** — 0% (short-term; target 2026-12-15)

_Prepared with mentorlog on 2026-11-26, Thu._
"""


def test_the_shared_agenda_has_both_sides_topics_goals_and_the_meeting_and_nothing_private(
    run: Run, weber_journal: None
) -> None:
    result = run("agenda", "--with", "weber", "--format", "md")
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED
    for where, word in SECRETS.items():
        assert word not in result.stdout.lower(), where
    # the secrets are really there, where the text agenda and the review may show them
    text_view = run("agenda", "--with", "weber").stdout
    assert SECRETS["feedback"] in text_view and SECRETS["reflection about them"] in text_view


def test_without_with_the_md_agenda_is_for_whoever_the_text_agenda_picks(run: Run, weber_journal: None) -> None:
    picked = json.loads(run("agenda", "--json").stdout)["person"]["name"]
    assert picked == "Dr. Weber"
    assert run("agenda", "--format", "md").stdout == EXPECTED
    run("note", "--with", "anna", "--date", "2026-11-25", "--next", "2026-11-28", "quick call")
    assert json.loads(run("agenda", "--json").stdout)["person"]["name"] == "Anna Schmidt"
    anna = run("agenda", "-f", "md").stdout
    assert anna.startswith("# Agenda: next meeting with Anna Schmidt\n\n**Next meeting:** 2026-11-28, Sat (in 2 days).")
    assert "### Anna Schmidt's action items\n\n- [ ] koala homework — no due date\n" in anna
    assert "## Our goals\n\n- **Mentor Anna koala** — 0% (short-term)\n" in anna


def test_written_to_a_private_file_and_said_where_on_stderr(run: Run, weber_journal: None, tmp_path: Path) -> None:
    target = tmp_path / "out" / "agenda.md"
    target.parent.mkdir()
    result = run("agenda", "--with", "weber", "--format", "md", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"Wrote the agenda for the next meeting with Dr. Weber to {target}.\n"
    assert target.read_text(encoding="utf-8") == EXPECTED
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["agenda.md"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "--format must be text or md, not 'pdf'"),
        (["--format", "md", "--json"], "--json goes with --format text"),
        (["-o", "agenda.md"], "-o goes with --format md"),
        (["--format", "md", "-o", "JOURNAL"], "is this journal's own file"),
        (["--format", "md", "-o", "JOURNAL-wal"], "is this journal's own file"),
    ],
)
def test_bad_combinations_are_usage_errors_and_write_nothing(
    run: Run, weber_journal: None, db_path: Path, args: list[str], message: str
) -> None:
    before = db_path.read_bytes()
    args = [arg.replace("JOURNAL", str(db_path)) for arg in args]
    result = run("agenda", "--with", "weber", *args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stdout == ""
    assert db_path.read_bytes() == before and not Path("agenda.md").exists()


HOSTILE = "[click](http://evil.example) <img src=x onerror=alert(1)> **bold** `code` # not a heading \x1b[31mred\x9b"


def test_user_text_is_inert_and_escaped(run: Run) -> None:
    run("person", "add", "Eve <b>", "--role", "mentee", "--cadence", "1w", "--since", "2026-11-01")
    run("action", "add", f"do {HOSTILE}", "--with", "eve", "--owner", "me")
    assert run("topic", "add", f"fake\n- [x] item\n# heading {HOSTILE}", "--with", "eve").exit_code == 0
    run("goal", "add", f"Goal {HOSTILE}", "--with", "eve")
    text = run("agenda", "--with", "eve", "--format", "md").stdout
    assert "\x1b" not in text and "\x9b" not in text
    assert "\\\\x1b\\[31mred\\\\x9b" in text  # shown as \x1b[31mred\x9b once rendered
    assert not re.search(r"(?<!\\)[<>\[\]`]", text.replace("- [ ] ", ""))  # no tag, link or code span
    assert "\\[click\\](http://evil.example) \\<img src=x onerror=alert(1)\\> \\*\\*bold\\*\\*" in text
    assert "# Agenda: next meeting with Eve \\<b\\>" in text
    assert "\n- fake - \\[x\\] item \\# heading \\[click\\]" in text  # a topic stays one list item
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == ["# Agenda: next meeting with Eve \\<b\\>", "## Action items", "### My action items",
                        "### Eve \\<b\\>'s action items", "## Topics to raise", "## Our goals"]  # fmt: skip


def test_a_meeting_by_cadence_an_overdue_one_and_a_closed_relationship(run: Run, db_path: Path) -> None:
    run("person", "add", "Ben", "--role", "mentee", "--cadence", "2w")
    run("note", "--with", "ben", "--date", "2026-11-20", "catch-up")
    assert "**Next meeting:** 2026-12-04, Fri (in 8 days), by our rhythm of meeting every 14 days." in (
        run("agenda", "--with", "ben", "-f", "md").stdout
    )
    run("note", "--with", "ben", "--date", "2026-11-01", "--private", "aardvark")
    run("edit", "session", "1", "--date", "2026-10-30")  # the private one is now the last: its date counts
    text = run("agenda", "--with", "ben", "-f", "md").stdout
    assert (
        "**Next meeting:** 2026-11-15, Sun (11 days ago), due by our rhythm of meeting every 14 days: time to" in text
    )
    assert "aardvark" not in text
    with sqlite3.connect(db_path) as db:  # as `person close` leaves it
        db.execute("UPDATE people SET status = 'closed', closed_at = '2026-11-25' WHERE name = 'Ben'")
    db.close()
    closed = run("agenda", "--with", "ben", "-f", "md").stdout
    assert "No next meeting: this mentoring relationship has closed." in closed and "**Next meeting:**" not in closed
    run("person", "add", "Cleo", "--role", "mentor")  # no cadence, nothing planned
    assert "**Next meeting:** not planned yet." in run("agenda", "--with", "cleo", "-f", "md").stdout


def test_an_empty_journal_gives_the_start_hint_and_no_file(run: Run, empty_journal: Path, tmp_path: Path) -> None:
    result = run("agenda", "--format", "md", "-o", str(tmp_path / "a.md"))
    assert result.exit_code == 0 and "No people yet" in result.stdout
    assert not (tmp_path / "a.md").exists()
