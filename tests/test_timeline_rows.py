"""Issue 24, point 7: a timeline row starts with its sessions (a mentor's kick-off meetings were hidden behind
ratings), and items of mine name the person they belong to."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Run


@pytest.fixture
def kickoffs(run: Run) -> None:
    """A mentor's November: three kick-offs (11-10, 11-11, 11-12), five ratings of mine (11-02..11-06), three
    action items of mine done (11-03..11-05) and two reflections (11-03, 11-04), all before the kick-offs."""

    def on(day: str, *args: str) -> None:
        result = run(*args, env={"MENTORLOG_TODAY": day})
        assert result.exit_code == 0, (args, result.output)

    for name, skill in (("Anna Schmidt", "SQL"), ("Ben Okafor", "Testing"), ("Cleo Park", "Design")):
        on("2026-11-01", "person", "add", name, "--role", "mentee", "--since", "2026-11-01")
        on("2026-11-01", "skill", "add", skill, "--with", name)
    for number, (skill, day) in enumerate((("sql", 2), ("testing", 3), ("design", 4), ("sql", 5), ("design", 6))):
        on(f"2026-11-0{day}", "skill", "rate", skill, str(2 + number % 2))
    for number in range(3):
        on("2026-11-01", "action", "add", f"prepare kick-off {number}", "--with", "anna", "--owner", "me")
        on(f"2026-11-0{3 + number}", "action", "done", str(number + 1))
    on("2026-11-03", "reflect", "--with", "anna", "I want to listen more than I talk.")
    on("2026-11-04", "reflect", "Three mentees at once is a lot.")
    for day, name in (("10", "anna"), ("11", "ben"), ("12", "cleo")):
        on("2026-11-26", "note", "--with", name, "--date", f"2026-11-{day}", "--title", "Kick-off", "goals and rules")


def test_a_month_starts_with_its_sessions_and_my_items_name_the_person(kickoffs: None, run: Run, run_json: Any) -> None:
    [november] = [row for row in run_json("timeline")["rows"] if row["counts"]]
    marks = november["marks"]
    assert len(marks) == 8  # of 13: the three sessions, then the other kinds taking turns
    assert [(m["kind"], m["day"], m["detail"]) for m in marks[:3]] == [
        ("session", "2026-11-10", "Anna Schmidt"),
        ("session", "2026-11-11", "Ben Okafor"),
        ("session", "2026-11-12", "Cleo Park"),
    ]
    assert all(m["kind"] != "session" for m in marks[3:])
    details = {(m["kind"], m["text"][:20]): m["detail"] for m in marks}
    assert details[("action", "prepare kick-off 2")] == "me · Anna Schmidt"  # mine, in the relationship with Anna
    assert details[("rating", "Design")] == "2 → 2 · me · Cleo Park"  # my view of Cleo's skill
    assert details[("reflection", "I want to listen mor")] == "Anna Schmidt"
    assert details[("reflection", "Three mentees at onc")] == ""  # tied to nobody
    view = run("timeline").stdout.splitlines()
    first = next(index for index, line in enumerate(view) if line.startswith("Nov 2026"))
    assert [line.split()[:3] for line in view[first + 1 : first + 4]] == [
        ["●", "11-10", "Kick-off"], ["●", "11-11", "Kick-off"], ["●", "11-12", "Kick-off"]
    ]  # fmt: skip
    assert any(line.strip() == "✓ 11-05 prepare kick-off 2  me · Anna Schmidt" for line in view)
    german = run("timeline", env={"MENTORLOG_LANG": "de"}).stdout
    assert "prepare kick-off 2  ich · Anna Schmidt" in german
