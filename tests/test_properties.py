"""Property-based tests: random command sequences against a model (with undo), dump/import round trips of
random journals, and dates that format back to themselves."""

from __future__ import annotations

import copy
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from mentorlog.base.errors import BadValue
from mentorlog.core import validate
from mentorlog.core.dates import parse_date, parse_since
from mentorlog.store.dump.write import parse_dump
from mentorlog.store.journal import open_for_command
from mentorlog.store.records.sessions import NewAction

from .conftest import CLOCK, TODAY

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40
).filter(lambda t: t.strip() != "")


class JournalMachine(RuleBasedStateMachine):
    """Commands on a real journal file; the model is a dict of action id -> status, plus an undo stack."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "journal.db"
        self.model: dict[int, str] = {}
        self.sessions: dict[int, int] = {}  # session id -> number of its actions
        self.history: list[tuple[dict[int, str], dict[int, int]]] = []

    def command(self, name: str):  # type: ignore[no-untyped-def]
        self.history.append((copy.deepcopy(self.model), copy.deepcopy(self.sessions)))
        return open_for_command(self.path, write=True, clock=CLOCK, command=name)

    @rule(text=TEXT, days=st.integers(-30, 30))
    def add_action(self, text: str, days: int) -> None:
        with self.command("action add") as journal:
            action = journal.actions.add_action(text, due=TODAY + timedelta(days=days))
        self.model[action.id] = "open"

    @rule(notes=TEXT, count=st.integers(0, 3))
    def add_note(self, notes: str, count: int) -> None:
        with self.command("note") as journal:
            session = journal.sessions.add_session(
                day=TODAY, notes=notes, actions=[NewAction(f"act {i}") for i in range(count)]
            )
        self.sessions[session.id] = count
        for action_id in session.action_ids:
            self.model[action_id] = "open"

    @precondition(lambda self: self.model)
    @rule(data=st.data(), status=st.sampled_from(["open", "done", "dropped"]))
    def set_status(self, data: st.DataObject, status: str) -> None:
        action_id = data.draw(st.sampled_from(sorted(self.model)))
        with self.command("action status") as journal:
            journal.actions.set_action_status([action_id], status)
        if self.model[action_id] == status:  # no change: the command leaves nothing to undo
            self.history.pop()
        self.model[action_id] = status

    @precondition(lambda self: self.sessions)
    @rule(data=st.data())
    def delete_session(self, data: st.DataObject) -> None:
        session_id = data.draw(st.sampled_from(sorted(self.sessions)))
        with self.command("delete session") as journal:
            removed = {a.id for a in journal.actions.list_actions(status="all", session_id=session_id)}
            journal.sessions.delete_session(session_id)
        del self.sessions[session_id]
        for action_id in removed:
            del self.model[action_id]

    @rule()
    def undo(self) -> None:
        with open_for_command(self.path, write=True, clock=CLOCK) as journal:
            undone = journal.undo.undo_last()
        if self.history:
            assert undone is not None
            self.model, self.sessions = self.history.pop()
        else:
            assert undone is None

    @invariant()
    def journal_matches_model(self) -> None:
        with open_for_command(self.path, write=False, clock=CLOCK) as journal:
            actions = {a.id: a.status for a in journal.actions.list_actions(status="all")}
            sessions = {s.id: len(s.action_ids) for s in journal.sessions.list_sessions(limit=None)}
            hits = journal.search.scalar("SELECT count(*) FROM search_index WHERE kind = 'action'")
        assert actions == self.model
        assert sessions == self.sessions
        assert hits == len(self.model)

    def teardown(self) -> None:
        self.folder.cleanup()


JournalMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=12, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestJournalMachine = JournalMachine.TestCase


def valid_name(text: str) -> bool:
    """Names a person can have (zero-width and direction marks are refused since issue 10)."""
    try:
        validate.name(text)
    except BadValue:
        return False
    return True


@st.composite
def journals(draw: st.DrawFn) -> list[tuple[str, object]]:
    steps: list[tuple[str, object]] = []
    names = draw(st.lists(TEXT.filter(valid_name), min_size=0, max_size=3, unique_by=validate.name_key))
    for name in names:
        steps.append(("person", name))
    for _ in range(draw(st.integers(0, 4))):
        steps.append(("session", (draw(TEXT), draw(st.integers(1, 5)), draw(st.lists(TEXT, max_size=2)),
                                  draw(st.booleans()))))  # fmt: skip
    for _ in range(draw(st.integers(0, 3))):
        steps.append(("goal", (draw(TEXT), draw(st.integers(0, 100)))))
    steps.append(("reflection", draw(TEXT)))
    return steps


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(steps=journals())
def test_dump_import_dump_is_identical_for_random_journals(steps: list[tuple[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "a.db", Path(folder) / "b.db"
        with open_for_command(source, write=True, clock=CLOCK) as journal:
            people: list[int] = []
            for kind, value in steps:
                if kind == "person":
                    people.append(journal.people.add_person(str(value), "mentee").id)
                elif kind == "session":
                    notes, confidence, actions, private = value  # type: ignore[misc]
                    journal.sessions.add_session(day=TODAY, notes=notes, confidence=confidence, private=private,
                                        person_id=people[0] if people else None,
                                        actions=[NewAction(text) for text in actions], tags=["t"])  # fmt: skip
                elif kind == "goal":
                    title, progress = value  # type: ignore[misc]
                    goal = journal.goals.add_goal(title)
                    journal.goals.record_progress(goal.id, progress, "n")
                else:
                    journal.reflections.add_reflection(str(value), day=TODAY)
            first = journal.dump.dump(exported_at="x")
        data = parse_dump(json.dumps(first), "dump")
        with open_for_command(target, write=True, clock=CLOCK) as journal:
            journal.imports.load(data)
        with open_for_command(target, write=False, clock=CLOCK) as journal:
            second = journal.dump.dump(exported_at="x")
        assert second == first


DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


@given(day=DAYS)
def test_every_absolute_form_formats_back_to_the_same_date(day: date) -> None:
    forms = [
        day.isoformat(),
        f"{day.isoformat()} 14:30",
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.month}/{day.day}/{day.year}",
        f"{MONTHS[day.month - 1][:3]} {day.day}, {day.year}",
        f"{day.day} {MONTHS[day.month - 1]} {day.year}",
    ]
    for form in forms:
        assert parse_date(form, today=TODAY) == day, form
    assert parse_date(f"{day.day}/{day.month}/{day.year}", today=TODAY, dayfirst=True) == day


@given(amount=st.integers(0, 400), unit=st.sampled_from(["d", "w"]))
def test_relative_forms_agree_with_each_other(amount: int, unit: str) -> None:
    days = amount * (7 if unit == "w" else 1)
    word = {"d": "days", "w": "weeks"}[unit]
    expected = TODAY + timedelta(days=days)
    assert parse_date(f"+{amount}{unit}", today=TODAY) == expected
    assert parse_date(f"in {amount} {word}", today=TODAY) == expected
    assert parse_date(f"{amount} {word} ago", today=TODAY) == TODAY - timedelta(days=days)
    assert parse_since(f"{amount}{unit}", today=TODAY) == TODAY - timedelta(days=days)
