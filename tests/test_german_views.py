"""Issue 16, the views and exports in German: no English word of the interface in German output, dates as
`03.12.2026`, plurals at 0, 1 and 2, German Markdown/HTML/ICS, the German demo journal; English and --json stay
as they were."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from icalendar import Calendar

from mentorlog.base import i18n
from mentorlog.core.humane import day, month_year, relative_days, weekday

from .conftest import Run
from .test_snapshots_de import GERMAN, VIEWS

# Words of the English interface that German output must never show (user data in the German demo is German).
ENGLISH = [
    "session", "sessions", "overdue", "action item", "action items", "goal", "goals", "progress", "today",
    "tomorrow", "yesterday", "ago", "days", "weeks", "months", "on track", "needs attention", "watch", "held",
    "expected", "target", "milestones", "reflection", "reflections", "topic", "topics", "summary", "timeline",
    "confidence", "cadence", "none", "planned", "private", "owner", "due", "open", "done", "dropped", "with",
    "mine", "theirs", "Mar", "May", "Oct", "Dec", "Mon", "Tue", "Wed", "Thu", "Sun", "Growth areas", "Strengths",
    "Where the views differ", "Needs attention", "Highlights", "Nothing", "me", "level", "Relationship",
]  # fmt: skip
ENGLISH_WORD = re.compile(r"\b(" + "|".join(re.escape(word) for word in ENGLISH) + r")\b")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def view_words(shown: str) -> str:
    """SHOWN whole: the lines mentorlog/cli writes under a view are German too."""
    return shown


def german(run: Run, db: Path, *args: str, width: int = 120) -> str:
    result = run("--db", str(db), *args, env={"COLUMNS": str(width), **GERMAN})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("width", [50, 120])
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_no_english_word_and_no_iso_day_in_a_german_view(
    run: Run, german_demo: Path, view: list[str], width: int
) -> None:
    shown = view_words(german(run, german_demo, *view, width=width))
    assert ENGLISH_WORD.findall(shown) == []
    assert ISO_DAY.findall(shown) == []


def test_the_german_demo_has_german_names_and_notes_and_the_english_one_stays(run: Run, german_demo: Path) -> None:
    people = german(run, german_demo, "people", "--all")
    assert "Jonas Becker" in people and "Lena Wolf" in people and "Ben Okafor" not in people
    goals = german(run, german_demo, "goals")
    assert "Einen Vortrag auf einer Konferenz halten" in goals and "Langfristige Ziele" in goals
    english = run("--db", str(german_demo.parent / "english.db"), "demo")
    assert english.exit_code == 0, english.output
    assert "Ben Okafor" in run("--db", str(german_demo.parent / "english.db"), "people").stdout


def test_days_months_weekdays_and_relative_words() -> None:
    i18n.use("de")
    assert day(date(2026, 12, 3)) == "03.12.2026" and day("2026-12-03") == "03.12.2026"
    assert day("not a day") == "not a day"
    assert month_year(date(2026, 12, 1)) == "Dez 2026" and month_year(date(2026, 5, 1)) == "Mai 2026"
    assert weekday(date(2026, 12, 4)) == "Fr"
    today = date(2026, 11, 26)
    said = [relative_days(date(2026, 11, 26), today), relative_days(date(2026, 11, 27), today),
            relative_days(date(2026, 11, 25), today), relative_days(date(2026, 12, 4), today),
            relative_days(date(2026, 11, 12), today), relative_days(date(2027, 3, 1), today)]  # fmt: skip
    assert said == ["heute", "morgen", "gestern", "in 8 Tagen", "vor 2 Wochen", "in 3 Monaten"]
    i18n.use("en")
    assert day(date(2026, 12, 3)) == "2026-12-03" and relative_days(date(2026, 12, 4), today) == "in 8 days"


def test_a_due_day_is_shown_03_12_2026_with_its_distance(run: Run) -> None:
    assert run("person", "add", "Anna Schmidt", "--role", "mentee").exit_code == 0
    assert run("action", "add", "Entwurf lesen", "--with", "anna", "--due", "2026-12-03").exit_code == 0
    shown = run("actions", env=GERMAN).stdout
    assert "03.12.2026 (in 7 Tagen)" in shown
    assert "Entwurf lesen" in shown and "zuständig" in shown


@pytest.mark.parametrize(
    ("one", "many", "forms"),
    [
        ("{count} session", "{count} sessions", ["0 Sitzungen", "1 Sitzung", "2 Sitzungen"]),
        ("{open} open action items", "{open} open action items",
         ["0 offene Aufgaben", "1 offene Aufgabe", "2 offene Aufgaben"]),
        ("in {n} day", "in {n} days", ["in 0 Tagen", "in 1 Tag", "in 2 Tagen"]),
        ("{carried} topic carried over two meetings or more", "{carried} topics carried over two meetings or more",
         ["0 Themen seit zwei oder mehr Treffen offen", "1 Thema seit zwei oder mehr Treffen offen",
          "2 Themen seit zwei oder mehr Treffen offen"]),
    ],
)  # fmt: skip
def test_plural_forms_at_0_1_and_2(one: str, many: str, forms: list[str]) -> None:
    i18n.use("de")
    said = [i18n.ngettext(one, many, n).format(count=n, open=n, n=n, carried=n) for n in (0, 1, 2)]
    assert said == forms


def test_a_health_reason_is_german_where_shown_and_english_in_json(run: Run, german_demo: Path) -> None:
    shown = german(run, german_demo, "health")
    assert "Zuversicht ist in den letzten 3 Sitzungen von 4 auf 2 gefallen" in shown
    assert "braucht Aufmerksamkeit" in shown and "Aufgaben von Jonas Becker" in shown
    data = json.loads(german(run, german_demo, "health", "--json"))
    jonas = next(item for item in data if item["person"] == "Jonas Becker")
    assert jonas["verdicts"]["confidence"] == "needs attention"
    assert "confidence fell from 4 to 2 over the last 3 sessions" in jonas["reasons"]


def test_the_timeline_json_keeps_english_month_labels(run: Run, german_demo: Path) -> None:
    data = json.loads(german(run, german_demo, "timeline", "--json"))
    assert [row["label"] for row in data["rows"]][-1] == "Nov 2026"
    assert "Nov 2026" in german(run, german_demo, "timeline") and "Dez" not in ISO_DAY.pattern


def test_the_markdown_review_in_german(run: Run, german_demo: Path) -> None:
    text = german(run, german_demo, "export", "--format", "md")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[0].startswith("# Mentoring-Rückblick: ")
    assert "## In Zahlen" in headings and "## Reflexionen" in headings and "### Aufgaben" in headings
    assert "## Mit Jonas Becker (Mentee)" in headings
    assert "**Zustand: braucht Aufmerksamkeit**" in text
    body = "\n".join(line for line in text.splitlines() if not line.startswith(">"))
    assert ENGLISH_WORD.findall(body) == []
    assert ISO_DAY.findall(text) == []


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[str] = []
        self.text: list[str] = []
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in ("h1", "h2", "h3"):
            self._heading = True
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3"):
            self._heading = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading:
            self.headings[-1] += data


def test_the_html_review_in_german(run: Run, german_demo: Path) -> None:
    page = Page()
    page.feed(german(run, german_demo, "export", "--format", "html"))
    assert page.lang == "de"
    headings = [" ".join(heading.split()) for heading in page.headings]
    assert headings[0].startswith("Mentoring-Rückblick: ")
    for expected in ("In Zahlen", "Fähigkeiten", "Reflexionen", "Offene Themen für die nächsten Treffen", "Ziele",
                     "Sitzungen", "Aufgaben", "Mit Jonas Becker (Mentee)"):  # fmt: skip
        assert expected in headings, expected
    text = " ".join(" ".join(page.text).split())
    assert "Sitzungen pro Monat" in text and "Zuversicht im Schnitt" not in text  # several relationships: per line
    assert "Zustand: braucht Aufmerksamkeit" in text
    assert ENGLISH_WORD.findall(" ".join(headings)) == []
    english = Page()
    english.feed(run("--db", str(german_demo), "export", "--format", "html").stdout)
    assert english.lang == "en" and "In figures" in english.headings


def test_the_calendar_texts_in_german(run: Run, german_demo: Path) -> None:
    data = run("--db", str(german_demo), "export", "--format", "ics", env=GERMAN).stdout_bytes
    calendar = Calendar.from_ical(data)
    events, todos = calendar.walk("VEVENT"), calendar.walk("VTODO")
    summaries = [str(event["SUMMARY"]) for event in events]
    assert "Mentoring: Dr. Weber" in summaries
    assert any(summary.startswith("Zieldatum: ") for summary in summaries)
    descriptions = " ".join(str(component["DESCRIPTION"]) for component in [*events, *todos])
    assert "Geplant in der Sitzung vom " in descriptions or "Fällig nach Rhythmus" in descriptions
    assert "zuständig: ich" in descriptions and "Themen zum Ansprechen:" in descriptions
    assert ENGLISH_WORD.findall(descriptions) == []
    assert any(str(todo["SUMMARY"]).startswith("Ich: ") for todo in todos)


def test_the_shared_agenda_in_german(run: Run, german_demo: Path) -> None:
    text = german(run, german_demo, "agenda", "--with", "weber", "--format", "md")
    assert text.startswith("# Agenda: nächstes Treffen mit Dr. Weber\n")
    assert "**Nächstes Treffen:** So, 06.12.2026 (in 10 Tagen)." in text
    assert "### Meine Aufgaben" in text and "## Unsere Ziele" in text
    assert "**seit " in text and "Tagen überfällig** (fällig " in text
    assert ENGLISH_WORD.findall(text) == []
