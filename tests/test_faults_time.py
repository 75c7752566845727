"""Issue 10, time and identity: local days west and east of UTC, updated_at moving with every change
(links included), and names compared the Unicode way."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import Run


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Switch the process's time zone (Python and SQLite's localtime both follow TZ after tzset)."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("tz", "now", "utc_day"),
    [("Etc/GMT+8", "2026-11-26T22:30", "2026-11-27"), ("Etc/GMT-13", "2026-11-26T00:30", "2026-11-25")],
)
def test_a_late_or_early_action_counts_on_its_local_day(run: Run, zone: Any, tz: str, now: str, utc_day: str) -> None:
    zone(tz)
    env = {"MENTORLOG_TODAY": now}
    assert run("action", "add", "written tonight", env=env).exit_code == 0
    assert run("action", "done", "1", env=env).exit_code == 0
    action = json.loads(run("show", "action", "1", "--json", env=env).stdout)
    assert action["created_at"].startswith(utc_day)  # stored in UTC: the UTC date differs from the local one
    today = json.loads(run("summary", "--since", "2026-11-26", "--until", "2026-11-26", "--json", env=env).stdout)
    assert today["actions"]["created"] == 1 and today["actions"]["done"] == 1
    other = json.loads(run("summary", "--since", utc_day, "--until", utc_day, "--json", env=env).stdout)
    assert other["actions"]["created"] == 0
    review = run("export", "--since", "2026-11-26", env=env).stdout
    assert "written tonight" in review and "done 2026-11-26" in review
    timeline = json.loads(run("timeline", "--since", "2026-11-20", "--json", env=env).stdout)
    marks = [m for row in timeline["rows"] for m in row["marks"] if m["kind"] == "action"]
    assert [m["day"] for m in marks] == ["2026-11-26"]
    shown = run("show", "action", "1", env=env).stdout
    assert "2026-11-26" in shown


def updated(run: Run, kind: str, record_id: int = 1) -> str:
    return json.loads(run("show", kind, str(record_id), "--json").stdout)["updated_at"]  # type: ignore[no-any-return]


def test_every_change_moves_updated_at_links_included(run: Run) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    run("person", "add", "Ben", "--role", "mentee")
    run("goal", "add", "G")
    run("note", "--with", "anna", "notes", "--action", "a")
    run("reflect", "r")
    steps = [
        ("session", ["edit", "session", "1", "--tag", "newtag"]),
        ("session", ["edit", "session", "1", "--goal", "1"]),
        ("goal", ["edit", "goal", "1", "--tag", "x"]),
        ("reflection", ["edit", "reflection", "1", "--tag", "y"]),
        ("action", ["edit", "session", "1", "--with", "ben"]),  # re-links the session's action to Ben
    ]
    for kind, command in steps:
        before = updated(run, kind)
        time.sleep(0.002)
        assert run(*command).exit_code == 0, command
        assert updated(run, kind) > before, command
    assert json.loads(run("show", "action", "1", "--json").stdout)["with"] == "Ben"


@pytest.mark.parametrize(
    ("first", "second"),
    [("Özlem Yılmaz", "özlem yılmaz"), ("Straße", "STRASSE"), ("Zoë", "Zoe\u0308")],
)
def test_names_that_differ_only_in_case_or_form_are_one_person(run: Run, first: str, second: str) -> None:
    assert run("person", "add", first, "--role", "mentee").exit_code == 0
    clash = run("person", "add", second, "--role", "mentee")
    assert clash.exit_code == 1 and "already exists" in clash.stderr
    assert run("note", "--with", second, "found").exit_code == 0
    assert json.loads(run("sessions", "--json").stdout)[0]["with"] == first


def test_two_unicode_names_are_told_apart(run: Run) -> None:
    run("person", "add", "Özlem Yılmaz", "--role", "mentee")
    run("person", "add", "Ozan Yıldız", "--role", "mentee")
    assert run("note", "--with", "özlem", "x").exit_code == 0
    assert json.loads(run("sessions", "--json").stdout)[0]["with"] == "Özlem Yılmaz"


@pytest.mark.parametrize("bad", ["An\u200bna", "Eve\u202eevil", "\u2066Bob\u2069"])
def test_zero_width_and_bidi_characters_are_refused_in_names(run: Run, bad: str) -> None:
    result = run("person", "add", bad, "--role", "mentee")
    assert result.exit_code == 2 and "invisible characters" in result.stderr
