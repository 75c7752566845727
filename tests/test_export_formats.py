"""Every export format, read back with a real parser: Markdown structure, html.parser, csv, icalendar, json."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from icalendar import Calendar

from .conftest import Run

HOSTILE_TITLE = "# Not a heading | not | a table <script>alert(1)</script> **bold**"
HOSTILE_NOTES = "## fake section\n- fake list\n<img src=x onerror=alert(1)>\n| a | b |\n1. one\n> quote"


@pytest.fixture
def journal_with_history(run: Run) -> None:
    steps = [
        ["person", "add", "Dr. Weber", "--role", "mentor", "--cadence", "2w"],
        ["person", "add", "Anna Schmidt", "--role", "mentee"],
        ["goal", "add", "Give a talk", "--horizon", "long", "--with", "weber"],
        ["goal", "add", "Submit abstract", "--parent", "1"],
        ["note", "--with", "weber", "--date", "2026-10-01", "--title", "Kickoff", "--confidence", "2",
         "--feedback", "Be concrete", "Plan the talk #speaking\n- [ ] outline due:2026-10-10"],
        ["goal", "progress", "1", "40", "--note", "outline done"],
        ["action", "done", "1"],
        ["note", "--with", "weber", "--date", "2026-11-20", "--title", HOSTILE_TITLE, "--confidence", "4",
         "--next", "2026-12-04", HOSTILE_NOTES + "\n- [ ] rehearse due:2026-11-30"],
        ["note", "--with", "anna", "--date", "2026-11-21", "--private", "secret career talk",
         "--action", "secret action due:2026-12-01"],
        ["note", "--with", "anna", "--date", "2026-11-22", "Ünïcödé notes — fine",
         "--action", "overdue thing due:2026-11-01 owner:me"],
        ["reflect", "I learned to ask early. #feedback", "--date", "2026-11-23"],
        ["topic", "add", "Budget?", "--with", "weber"],
    ]  # fmt: skip
    for step in steps:
        result = run(*step)
        assert result.exit_code == 0, (step, result.output)


def test_markdown_review_has_its_sections_and_user_text_cannot_break_them(run: Run, journal_with_history: None) -> None:
    result = run("export")
    assert result.exit_code == 0, result.output
    text = result.stdout
    headings = [line for line in text.splitlines() if re.match(r"^#{1,2} ", line)]
    assert headings == [  # issue 11: goals, sessions and action items per relationship
        "# Mentoring review: 2026-10-01 to 2026-11-26",
        "## In figures",
        "## With Anna Schmidt (mentee)",
        "## With Dr. Weber (mentor)",
        "## Reflections",
        "## Open topics for the next meetings",
    ]
    weber = text.split("## With Dr. Weber (mentor)")[1].split("## Reflections")[0]
    assert "### Goals" in weber and "### Sessions" in weber and "### Action items" in weber
    assert "- **Give a talk** — 0% → 40%" in weber and "\n  - **Submit abstract**" in weber  # nested under it
    assert "\\# Not a heading \\| not \\| a table \\<script\\>alert(1)\\</script\\> \\*\\*bold\\*\\*" in text
    assert (
        "> \\#\\# fake section" in text and "> \\- fake list" in text and "> \\<img src=x onerror=alert(1)\\>" in text
    )
    assert not re.search(r"(?<!\\)<", text)  # every < in user text is escaped
    assert "> 1\\. one" in text
    table_rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table_rows) == 5  # the figures table only; confidence is per relationship, under each person
    assert "Confidence 2 → 4 (average 3.0)" in weber or "confidence 2 → 4 (average 3.0)" in weber
    assert "**Give a talk** — 0% → 40%" in text and "2026-11-26: 0% → 40% — outline done" in text
    assert "- [x] outline (done 2026-11-26; mine)" in text
    assert "- [ ] overdue thing (due 2026-11-01; mine) — **overdue**" in text.split("## With Anna Schmidt")[1]
    assert "secret" not in text and "1 private session left out" in text


def test_private_sessions_only_with_include_private(run: Run, journal_with_history: None) -> None:
    for fmt in ("md", "html", "json", "csv", "ics"):
        assert "secret" not in run("export", "--format", fmt).stdout, fmt
    assert "secret career talk" in run("export", "--include-private").stdout
    assert "secret action" in run("export", "--format", "ics", "--include-private").stdout


def test_since_until_and_with_apply(run: Run, journal_with_history: None) -> None:
    text = run("export", "--since", "2026-11-01", "--with", "weber").stdout
    assert text.startswith("# Mentoring review with Dr. Weber: 2026-11-01 to 2026-11-26")
    assert "Kickoff" not in text and "Ünïcödé" not in text and "rehearse" in text
    data = json.loads(run("export", "--format", "json", "--until", "2026-10-31").stdout)
    assert [s["title"] for s in data["sessions"]] == ["Kickoff"]
    assert data["until"] == "2026-10-31" and data["summary"]["sessions"]["count"] == 1


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [value or "" for name, value in attrs if name in ("src", "href")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_escaped_and_has_charts(run: Run, journal_with_history: None) -> None:
    result = run("export", "--format", "html")
    assert result.exit_code == 0
    parser = Collector()
    parser.feed(result.stdout)
    text = " ".join(parser.text)
    assert "script" not in parser.tags and "img" not in parser.tags and "link" not in parser.tags
    assert parser.links == []
    assert parser.tags.count("svg") >= 4  # sessions per month, confidence, one bar per goal
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    assert "Mentoring review: 2026-10-01 to 2026-11-26" in text and "Ünïcödé notes — fine" in text
    assert "style" in parser.tags and "@media print" in result.stdout


def test_csv_per_kind_parses_with_a_header(run: Run, journal_with_history: None) -> None:
    actions = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--what", "actions").stdout)))
    assert [(a["text"], a["status"], a["owner"]) for a in actions] == [
        ("outline", "done", "me"),
        ("rehearse", "open", "me"),
        ("overdue thing", "open", "me"),
    ]
    sessions = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert len(sessions) == 3 and sessions[2]["notes"] == "Ünïcödé notes — fine"
    assert sessions[1]["title"] == HOSTILE_TITLE and sessions[1]["notes"].startswith("## fake section")
    goals = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--what", "goals").stdout)))
    assert [g["title"] for g in goals] == ["Give a talk", "Submit abstract"] and goals[1]["parent_id"] == "1"
    reflections = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--what", "reflections").stdout)))
    assert reflections[0]["tags"] == "feedback"
    bad = run("export", "--format", "csv", "--what", "people")
    assert bad.exit_code == 2 and "--what must be one of" in bad.stderr


def test_ics_has_next_meetings_todos_and_targets_with_stable_uids(
    run: Run, run_json, journal_with_history: None
) -> None:
    # issue 13: next meetings per person, open action items as VTODO, goal targets; the full shape is in
    # tests/test_export_calendar.py
    first = Calendar.from_ical(run("export", "--format", "ics").stdout_bytes)
    events = {str(e["UID"]): e for e in first.walk("VEVENT")}
    weber = run_json("show", "person", "1")
    meeting = events[f"{weber['uuid']}-next-meeting@mentorlog"]
    assert str(meeting["SUMMARY"]) == "Mentoring: Dr. Weber"
    assert meeting.decoded("DTSTART").isoformat() == "2026-12-04"
    due = {str(t["SUMMARY"]): t.decoded("DUE").isoformat() for t in first.walk("VTODO")}
    assert due == {"Me: rehearse (with Dr. Weber)": "2026-11-30", "Me: overdue thing (with Anna Schmidt)": "2026-11-01"}
    run("action", "add", "new one", "--due", "2026-12-24")
    second = Calendar.from_ical(run("export", "--format", "ics").stdout_bytes)
    uids = {str(c["UID"]) for c in [*second.walk("VEVENT"), *second.walk("VTODO")]}
    assert set(events) < uids and len(uids) == len(events) + len(due) + 1


def test_output_file_is_private_and_bad_options_are_usage_errors(
    run: Run, journal_with_history: None, tmp_path: Path
) -> None:
    target = tmp_path / "review.md"
    result = run("export", "-o", str(target))
    assert result.exit_code == 0 and target.read_text().startswith("# Mentoring review")
    assert target.stat().st_mode & 0o777 == 0o600
    assert "Wrote md export" in result.stderr and result.stdout == ""
    for args, message in (
        (["--format", "pdf"], "--format must be one of"),
        (["--format", "md", "--all"], "--all goes with --format json"),
        (["--format", "json", "--all", "--since", "6m"], "takes no --since"),
        (["--since", "2026-12-01", "--until", "2026-11-01"], "is after"),
        (["--since", "someday"], "cannot read 'someday'"),
        (["-o", str(tmp_path)], "is a folder"),
    ):
        bad = run("export", *args)
        assert bad.exit_code == 2, args
        assert message in bad.stderr
    assert run("export", "--with", "ghost").exit_code == 1


def test_export_of_an_empty_journal_is_a_valid_empty_review(run: Run, empty_journal: Path) -> None:
    text = run("export").stdout
    assert "No sessions in this period." in text and "No goals in this period." in text


def test_a_busy_review_lists_the_latest_done_and_most_urgent_open_items(run: Run) -> None:
    from mentorlog.core.reports import DONE_LISTED

    for number in range(DONE_LISTED + 5):
        run("action", "add", f"task {number}", "--due", "2026-11-20")
    run("action", "done", *[str(n) for n in range(1, DONE_LISTED + 4)])
    text = run("export").stdout
    assert f"_3 earlier done action items not listed; the latest {DONE_LISTED} are._" in text
    assert text.count("- [x] ") == DONE_LISTED and text.count("- [ ] ") == 2


def _cached_templates(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "mentorlog" / "templates").glob("*"))


def test_the_html_review_compiles_its_template_once_and_keeps_it_private(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first HTML export compiles the template into the user cache folder (a private file in a private
    folder); later exports load that code and compile nothing, and the page is the same."""
    import jinja2

    run("note", "--date", "2026-11-20", "first session")
    first = run("export", "--format", "html")
    assert first.exit_code == 0, first.output
    (cached,) = _cached_templates(tmp_path)
    assert cached.stat().st_mode & 0o777 == 0o600 and cached.parent.stat().st_mode & 0o777 == 0o700
    assert not list(cached.parent.glob(".*"))  # no temporary file left behind

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)
    again = run("export", "--format", "html")
    assert again.exit_code == 0, again.output
    assert again.stdout == first.stdout and _cached_templates(tmp_path) == [cached]


def test_a_damaged_or_unwritable_template_cache_costs_a_compile_never_the_export(run: Run, tmp_path: Path) -> None:
    run("note", "--date", "2026-11-20", "first session")
    page = run("export", "--format", "html").stdout
    (cached,) = _cached_templates(tmp_path)
    good = cached.read_bytes()
    for damage in (good[:40], good[:-9], b"j2" + bytes(range(256))):
        cached.write_bytes(damage)
        assert run("export", "--format", "html").stdout == page
        assert cached.read_bytes() == good  # written over with the code compiled again
    (tmp_path / "not-a-folder").write_text("x")
    unwritable = run("export", "--format", "html", env={"XDG_CACHE_HOME": str(tmp_path / "not-a-folder")})
    assert unwritable.exit_code == 0 and unwritable.stdout == page


def test_the_template_cache_never_writes_onto_the_journal(run: Run, tmp_path: Path, db_path: Path) -> None:
    """A cache file that resolves to the journal (a symlink, say) is refused like any other file mentorlog writes."""
    run("note", "--date", "2026-11-20", "first session")
    page = run("export", "--format", "html").stdout
    (cached,) = _cached_templates(tmp_path)
    cached.unlink()
    cached.symlink_to(db_path)
    journal = db_path.read_bytes()
    assert run("export", "--format", "html").stdout == page
    assert db_path.read_bytes() == journal and cached.is_symlink()


def test_template_code_from_another_jinja_or_other_options_is_compiled_again(tmp_path: Path) -> None:
    from mentorlog.export import html
    from mentorlog.export.templatecache import TemplateCache

    written: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        written.append(path)
        path.write_bytes(data)

    def load(salt: str) -> None:
        cache = TemplateCache(tmp_path, write, salt=salt)
        html._environment(cache).get_template(html.TEMPLATE)

    load("jinja2 3.1.6")
    load("jinja2 3.1.6")
    assert len(written) == 1
    load("jinja2 3.2.0")
    assert len(written) == 2 and written[0] == written[1]  # the same file, written over


def test_the_review_names_the_relationships_of_its_period_only(run: Run) -> None:
    """`People:` in the Markdown and HTML reviews: whoever's relationship was open in the period, not
    everyone the journal ever held (a long journal's six-month review listed 160 names)."""
    for step in (
        ["person", "add", "Old Mentee", "--role", "mentee", "--since", "2020-01-01"],
        ["person", "close", "old", "--date", "2021-06-30", "--reflection", "done"],
        ["person", "add", "Current Mentee", "--role", "mentee", "--since", "2026-01-01"],
        ["person", "add", "Future Mentor", "--role", "mentor", "--since", "2027-03-01"],
        ["person", "add", "Late Closer", "--role", "mentee", "--since", "2025-01-01"],
        ["person", "close", "late", "--date", "2026-07-15", "--reflection", "done"],
    ):
        assert run(*step).exit_code == 0, step
    markdown = run("export", "--format", "md", "--since", "2026-06-01").stdout
    people_line = next(line for line in markdown.splitlines() if line.startswith("People:"))
    assert people_line.strip() == "People: Current Mentee (mentee), Late Closer (mentee)"
    page = run("export", "--format", "html", "--since", "2026-06-01").stdout
    assert "Current Mentee" in page and "Late Closer" in page
    assert "Old Mentee" not in page and "Future Mentor" not in page
    everyone = json.loads(run("export", "--format", "json", "--since", "2026-06-01").stdout)["people"]
    assert {person["name"] for person in everyone} >= {"Old Mentee", "Future Mentor"}  # the data keeps them all
