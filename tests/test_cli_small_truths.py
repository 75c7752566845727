"""The small untruths of issue 24 (points 4, 5, 6, 8, 9, 10): meetings counted with their private sessions,
`show` by name and shell completion, words that are not errors, German tokens and words, timed meetings in
the calendar, and highlights as text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .conftest import Run, counts


def _ok(run: Run, *args: str, **kwargs: object) -> str:
    result = run(*args, **kwargs)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    return result.stdout


# 4. meetings -------------------------------------------------------------------------------------------


def _five_sessions_one_private(run: Run) -> None:
    _ok(run, "person", "add", "Anna", "--role", "mentee", "--cadence", "2w", "--since", "2026-10-01")
    for day in ("2026-10-05", "2026-10-19", "2026-11-02", "2026-11-16"):
        _ok(run, "note", "--with", "anna", "--date", day, "--confidence", "3", f"met on {day}")
    _ok(run, "note", "--with", "anna", "--date", "2026-11-23", "--private", "--confidence", "1", "hard talk")


def test_a_private_session_is_a_meeting_held_in_every_review(run: Run, run_json) -> None:
    _five_sessions_one_private(run)
    markdown = _ok(run, "export", "--since", "2026-10-01")
    assert "| Sessions | 5 held" in markdown  # was "4 held": the private one is a meeting too
    assert "_1 private session left out._" in markdown and "hard talk" not in markdown
    html = _ok(run, "export", "--since", "2026-10-01", "--format", "html")
    assert "<b>5</b>" in html and "1 private session left out" in html and "hard talk" not in html
    assert "session(s)" not in html
    figures = run_json("summary", "--since", "2026-10-01")
    assert figures["sessions"]["count"] == 5
    assert figures["confidence"]["last"] == 1  # in the journal's own summary the private session is mine
    exported = json.loads(_ok(run, "export", "--since", "2026-10-01", "--format", "json"))
    assert len(exported["sessions"]) == 4  # its content stays out of an export


def test_the_html_month_chart_counts_the_private_meeting(run: Run) -> None:
    from html.parser import HTMLParser

    _five_sessions_one_private(run)
    html = _ok(run, "export", "--since", "2026-10-01", "--format", "html")

    class Bars(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.inside = False
            self.texts: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "svg" and ("id", "sessions-chart") in attrs:
                self.inside = True

        def handle_endtag(self, tag: str) -> None:
            if tag == "svg":
                self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside and data.strip():
                self.texts.append(data.strip())

    bars = Bars()
    bars.feed(html)
    # each bar: its title, its count, its month; November holds two sessions and the private one
    assert bars.texts[:6] == ["Oct 2026: 2", "2", "Oct 2026", "Nov 2026: 3", "3", "Nov 2026"]


def test_summary_labels_done_in_the_period_apart_from_created_in_it(run: Run, run_json) -> None:
    _ok(run, "person", "add", "Anna", "--role", "mentee")
    _ok(run, "action", "add", "old one", "--with", "anna")
    _ok(run, "action", "add", "old two", "--with", "anna")
    _ok(run, "action", "add", "old three", "--with", "anna")
    _ok(run, "action", "done", "1-3")
    _ok(run, "action", "add", "new one", "--with", "anna")
    figures = run_json("summary", "--with", "anna")
    assert figures["actions"]["created"] == 4 and figures["actions"]["done"] == 3
    assert figures["actions"]["created_done"] == 3
    view = _ok(run, "summary", "--with", "anna")
    assert "4 created in the period, 3 of them done (75%)" in view
    assert "3 done in the period · 1 open · 0 overdue" in view


# 6. words that are not errors -----------------------------------------------------------------------------


def test_declining_a_delete_is_not_an_error(run: Run, db_path: Path) -> None:
    _ok(run, "person", "add", "Anna", "--role", "mentee")
    _ok(run, "note", "--with", "anna", "notes\n- [ ] plan")
    before = counts(db_path)
    result = run("delete", "session", "1", input="n\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("Nothing deleted.") and not result.stderr.strip().startswith("Error")
    assert counts(db_path) == before


def test_saving_an_edit_form_unchanged_keeps_the_record(run: Run, run_json, tmp_path: Path) -> None:
    _ok(run, "person", "add", "Anna", "--role", "mentee")
    _ok(run, "note", "--with", "anna", "--title", "Kickoff", "--confidence", "3", "notes  \nmore")
    before = run_json("show", "session", "1")
    trims = tmp_path / "trim.py"  # an editor that trims trailing blanks when it saves
    trims.write_text(
        "import sys\np = sys.argv[1]\nlines = open(p).read().split('\\n')\n"
        "open(p, 'w').write('\\n'.join(line.rstrip() for line in lines))\n"
    )
    for kind in ("session", "person"):
        result = run("edit", kind, "1", env={"EDITOR": f"{sys.executable} {trims}"})
        assert result.exit_code == 0, result.output
        assert result.stdout.strip() == f"No changes to {kind} 1."
    assert run_json("show", "session", "1") == before
    assert _ok(run, "undo", "--list").splitlines()[0].split("  ", 1)[1] == "note: added session 1"


def test_undo_list_says_what_each_command_did_and_dry_run_what_goes(run: Run, db_path: Path) -> None:
    _ok(run, "person", "add", "Anna", "--role", "mentee")
    _ok(run, "note", "--with", "anna", "x", "--action", "a", "--action", "b", "--action", "c")
    _ok(run, "reflect", "learned a lot")
    _ok(run, "action", "done", "2")
    _ok(run, "delete", "action", "1", "--yes")
    listed = [line.split("  ", 1)[1] for line in _ok(run, "undo", "--list").splitlines()]
    assert listed == [
        "delete: deleted action item 1",
        "action done: changed action item 2",
        "reflect: added reflection 1",
        "note: added session 1, action items 1–3",
        "person add: added person 1",
    ]
    before = counts(db_path)
    dry = _ok(run, "undo", "--dry-run").strip()
    assert dry.startswith("Would undo `delete` from ") and dry.endswith(": restore action item 1.")
    assert counts(db_path) == before
    for _ in range(3):
        _ok(run, "undo", "--yes")
    assert _ok(run, "undo", "--dry-run").strip().endswith(": remove session 1, action items 1–3.")
    assert _ok(run, "undo", "--yes").strip().endswith(": removed session 1, action items 1–3.")


# 10. highlights as text, dates on the confidence chart ------------------------------------------------------

CLOSING = "## What we achieved\nA talk at the meetup.\n\n## What I learned\nPatience #growth"


def test_highlights_show_a_reflection_without_markdown_headings(run: Run) -> None:
    _ok(run, "person", "add", "Anna", "--role", "mentee")
    _ok(run, "reflect", "--with", "anna", CLOSING)
    summary = _ok(run, "summary")
    assert "What we achieved: A talk at the meetup. What I learned: Patience #growth" in summary
    assert "##" not in summary and "Nothing recorded in this period" not in summary
    markdown = _ok(run, "export")
    quoted = markdown.split("## Reflections", 1)[1]
    assert "> **What we achieved**\n> A talk at the meetup.\n>\n> **What I learned**" in quoted
    assert "\\#\\#" not in quoted
    html = _ok(run, "export", "--format", "html")
    assert "<strong>What we achieved</strong>\nA talk at the meetup." in html and "## What" not in html


def test_the_html_confidence_chart_has_dates_on_its_x_axis(run: Run) -> None:
    from html.parser import HTMLParser

    _ok(run, "person", "add", "Anna", "--role", "mentee")
    for day, level in (("2026-09-01", "2"), ("2026-10-01", "3"), ("2026-11-01", "4")):
        _ok(run, "note", "--with", "anna", "--date", day, "--confidence", level, "met")
    html = _ok(run, "export", "--format", "html")

    class Chart(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.inside = False
            self.axis: list[tuple[float, str]] = []
            self.pending: float | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            if tag == "svg" and found.get("id") == "confidence-chart":
                self.inside = True
            elif self.inside and tag == "text" and found.get("class") == "axis":
                self.pending = float(found["x"] or 0)

        def handle_endtag(self, tag: str) -> None:
            if tag == "svg":
                self.inside = False

        def handle_data(self, data: str) -> None:
            if self.pending is not None:
                self.axis.append((self.pending, data))
                self.pending = None

    chart = Chart()
    chart.feed(html)
    labels = [label for _, label in chart.axis]
    assert labels[0] == "2026-09-01" and labels[-1] == "2026-11-01" and len(labels) == 5
    xs = [x for x, _ in chart.axis]
    assert xs == sorted(xs) and xs[0] == 20.0 and xs[-1] == 620.0  # under the first and the last dot


# 5. show by name ------------------------------------------------------------------------------------------------


def test_show_person_and_skill_by_name_and_topic_by_id(run: Run, run_json) -> None:
    _ok(run, "person", "add", "Dr. Weber", "--role", "mentor")
    _ok(run, "person", "add", "Anna Schmidt", "--role", "mentee")
    _ok(run, "skill", "add", "giving feedback")
    _ok(run, "skill", "add", "public speaking")
    _ok(run, "topic", "add", "Budget for the conference", "--with", "weber")
    view = _ok(run, "show", "person", "weber")
    assert "Person 1" in view and "Dr. Weber" in view and "Budget for the conference" in view
    assert run_json("show", "person", "Anna Schmidt")["id"] == 2
    assert run_json("show", "person", "2")["name"] == "Anna Schmidt"
    assert "giving feedback" in _ok(run, "show", "skill", "giv")
    assert run_json("show", "skill", "speaking")["id"] == 2
    topic = _ok(run, "show", "topic", "1")
    assert "Topic 1" in topic and "Budget for the conference" in topic and "Dr. Weber" in topic
    unknown = run("show", "person", "nobody")
    assert unknown.exit_code == 1 and unknown.stderr.startswith("Error: no person named 'nobody'")
    wrong = run("show", "goal", "talk")
    assert wrong.exit_code == 2 and wrong.stderr.startswith("Error: a goal is shown by its id, a number, not 'talk'")
    _ok(run, "skill", "add", "system design")
    both = run("show", "skill", "s")
    assert both.exit_code != 0 and "public speaking" in both.stderr and "system design" in both.stderr


# 9. meetings with a time in the calendar, agenda and today ---------------------------------------------------------


def _calendar_events(text: bytes | str) -> dict[str, object]:
    from icalendar import Calendar

    calendar = Calendar.from_ical(text)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_a_meeting_with_a_time_is_a_timed_event_in_the_local_zone(run: Run, monkeypatch) -> None:
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    monkeypatch.setenv("TZ", "Europe/Berlin")
    _ok(run, "person", "add", "Dr. Weber", "--role", "mentor", "--cadence", "2w")
    _ok(run, "person", "add", "Anna", "--role", "mentee", "--cadence", "1w")
    _ok(run, "person", "add", "Ben", "--role", "mentee", "--cadence", "2w")
    said = _ok(run, "note", "--with", "weber", "talked", "--next", "fri 14:00")
    assert "Next meeting 2026-11-27, Fri at 14:00." in said
    _ok(run, "note", "--with", "anna", "--date", "2026-11-20", "checked in")  # a Friday; cadence: the 27th
    assert "meets Tue 10:00" in _ok(run, "person", "edit", "anna", "--meets", "tue 10:00")
    _ok(run, "note", "--with", "ben", "--date", "2026-11-20", "checked in", "--next", "2026-12-02")
    events = _calendar_events(_ok(run, "export", "--format", "ics"))
    weber = events["Mentoring: Dr. Weber"]["dtstart"].dt  # type: ignore[index]
    assert weber == datetime(2026, 11, 27, 14, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert str(weber.tzinfo) == "Europe/Berlin"
    assert events["Mentoring: Dr. Weber"]["dtend"].dt == datetime(2026, 11, 27, 15, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # type: ignore[index]
    anna = events["Mentoring: Anna"]["dtstart"].dt  # type: ignore[index]
    assert anna == datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # the usual slot after the 27th
    ben = events["Mentoring: Ben"]["dtstart"].dt  # type: ignore[index]
    assert ben == date(2026, 12, 2) and not isinstance(ben, datetime)  # no time known: all day
    today = _ok(run, "today")
    assert "2026-11-27 14:00 (tomorrow)" in today and "2026-12-01 10:00 (in 5 days)" in today
    assert "2026-12-02 (in 6 days)" in today
    assert "next meeting  2026-11-27 14:00 (tomorrow)" in _ok(run, "agenda", "--with", "weber")
    assert "2026-12-01 10:00 (in 5 days), by cadence" in _ok(run, "agenda", "--with", "anna")


def test_the_usual_slot_is_kept_cleared_and_checked(run: Run, run_json) -> None:
    _ok(run, "person", "add", "Anna", "--role", "mentee")
    _ok(run, "person", "edit", "anna", "--meets", "mittwoch 9 uhr")
    assert run_json("show", "person", "anna")["meets"] == "wed 09:00"
    _ok(run, "edit", "person", "1", "--meets", "none")
    assert run_json("show", "person", "anna")["meets"] is None
    bad = run("person", "edit", "anna", "--meets", "someday")
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: cannot read 'someday' as a meeting slot")
    _ok(run, "note", "--with", "anna", "x", "--next", "2026-12-03 9:30")
    assert run_json("show", "session", "1")["next_time"] == "09:30"
    assert run_json("show", "person", "anna")["next_time"] == "09:30"
    _ok(run, "edit", "session", "1", "--next", "2026-12-04")
    assert run_json("show", "session", "1")["next_time"] is None  # a new day without a time: no time


# 8. German ---------------------------------------------------------------------------------------------------------

DE = {"MENTORLOG_LANG": "de"}


def test_german_tokens_in_notes_and_actions(run: Run, run_json) -> None:
    _ok(run, "person", "add", "Dr. Weber", "--role", "mentor")
    _ok(run, "person", "add", "Anna Schmidt", "--role", "mentee")
    notes = "Notizen\n- [ ] Folien schicken fällig:fr wer:ich\n- [ ] Buch lesen FÄLLIG:in 2 wochen"
    said = _ok(run, "note", "--with", "anna", notes, "--action", "Mail an Ben mit:weber fällig:morgen", env=DE)
    assert "1 für mich, fällig Fr, 27.11.2026: 'Folien schicken'" in said
    actions = {action["id"]: action for action in run_json("actions", "--status", "all")}
    assert (actions[1]["text"], actions[1]["due"], actions[1]["owner"], actions[1]["with"]) == (
        "Folien schicken", "2026-11-27", "me", "Anna Schmidt",
    )  # fmt: skip
    assert (actions[2]["text"], actions[2]["due"], actions[2]["owner"]) == ("Buch lesen", "2026-12-10", "Anna Schmidt")
    assert (actions[3]["text"], actions[3]["due"], actions[3]["owner"], actions[3]["with"]) == (
        "Mail an Ben", "2026-11-27", "me", "Dr. Weber",
    )  # fmt: skip
    _ok(run, "action", "add", "Artikel lesen mit:anna wer:sie fällig:nächsten freitag", env=DE)
    added = run_json("show", "action", "4")
    assert (added["text"], added["with"], added["owner"], added["due"]) == (
        "Artikel lesen", "Anna Schmidt", "Anna Schmidt", "2026-11-27",
    )  # fmt: skip
    _ok(run, "action", "add", "English too with:weber due:fri")
    assert run_json("show", "action", "5")["with"] == "Dr. Weber"


def test_german_owner_column_and_confirmations_read_naturally(run: Run) -> None:
    _ok(run, "person", "add", "Dr. Weber", "--role", "mentor")
    _ok(run, "person", "add", "Anna Schmidt", "--role", "mentee")
    said = _ok(run, "note", "--with", "weber", "--date", "2026-11-25", "Gespräch", "--next", "2.12.", env=DE)
    assert said.splitlines() == [
        "Festgehalten: Sitzung 1 mit Dr. Weber am Mi, 25.11.2026.",
        "Nächstes Treffen Mi, 02.12.2026.",
    ]
    _ok(run, "action", "add", "Folien bauen", "--with", "anna", "--due", "fri")
    grouped = _ok(run, "actions", "--by-person", env=DE)
    row = next(line for line in grouped.splitlines() if "Folien bauen" in line)
    assert "sie/er" in row and "Schmidt" not in row  # English says `them` here
    assert "them" in next(line for line in _ok(run, "actions", "--by-person").splitlines() if "Folien" in line)


def test_the_german_people_table_fits_at_110_columns(run: Run, german_demo: Path) -> None:
    later = {"MENTORLOG_TODAY": "2027-01-20", "COLUMNS": "110"}  # every relationship overdue by then
    for env in (later, {**later, **DE}):
        table = _ok(run, "--db", str(german_demo), "people", "--all", env=env).splitlines()
        assert len(table) == 5 and max(len(line.rstrip()) for line in table) <= 110  # one line per person
    german = _ok(run, "--db", str(german_demo), "people", "--all", env={**later, **DE})
    assert "14 T · 44 T überfällig" in german and "07.12.2026 (vor 6 Wochen)" in german
