"""A fast, in-process world for sync tests: journals in memory, each on its own skewed clock, and a shared
folder whose files reach each machine late, in any order, sometimes half-copied (as a file-sync engine does)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from mentorlog.base.config import Clock
from mentorlog.base.errors import MentorlogError
from mentorlog.core.patches import GoalPatch, SessionPatch, SkillPatch
from mentorlog.store.db import memory_journal
from mentorlog.store.dump.write import REFERENCES
from mentorlog.store.journal import Journal
from mentorlog.store.records.sessions import NewAction
from mentorlog.store.sync.apply import content_key
from mentorlog.store.sync.files import FILE_NAME, ChangeFileCodec, PlainCodec, SyncFolder
from mentorlog.store.sync.run import SyncReport

TODAY = date(2026, 11, 26)
START = datetime(2026, 11, 26, 9, tzinfo=UTC)
_TEMPLATE: sqlite3.Connection | None = None


def empty_journal() -> sqlite3.Connection:
    """A migrated journal in memory (copied from one made once: migrating each time is slow)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        _TEMPLATE = memory_journal()
    db = sqlite3.connect(":memory:", isolation_level=None)
    _TEMPLATE.backup(db)
    db.execute("PRAGMA foreign_keys = ON")
    return db


class SharedFolder:
    """Every file ever written, and what each machine's copy of the folder holds of them so far."""

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], bytes] = {}
        self.views: dict[str, dict[tuple[str, str], bytes]] = {}

    def view(self, machine: str) -> MachineFolder:
        return MachineFolder(self, self.views.setdefault(machine, {}))

    def propagate(self, machine: str, pick: int, cut: int | None) -> None:
        """One file reaches MACHINE, whole, or (with CUT) only its first CUT bytes for now."""
        missing = sorted(key for key, data in self.files.items() if self.views[machine].get(key) != data)
        if missing:
            key = missing[pick % len(missing)]
            data = self.files[key]
            self.views[machine][key] = data if cut is None else data[: cut % max(len(data), 1)]

    def propagate_all(self) -> None:
        for view in self.views.values():
            view.update(self.files)


class MachineFolder:
    def __init__(self, shared: SharedFolder, view: dict[tuple[str, str], bytes]) -> None:
        self.shared, self.seen = shared, view
        self.written: list[tuple[str, str]] = []  # by the sync under way

    def devices(self) -> list[str]:
        return sorted({device for device, _ in self.seen})

    def files(self, device: str) -> list[tuple[int, str]]:
        found = ((FILE_NAME.match(name), name) for owner, name in self.seen if owner == device)
        return sorted((int(match.group(1)), name) for match, name in found if match)

    def read(self, device: str, name: str) -> bytes:
        return self.seen[(device, name)]

    def write_new(self, device: str, name: str, data: bytes) -> str:
        assert (device, name) not in self.shared.files, "a change file was rewritten"
        self.shared.files[(device, name)] = data
        self.seen[(device, name)] = data
        self.written.append((device, name))
        return f"{device}/{name}"

    def replace_key(self, device: str, name: str, data: bytes) -> None:
        self.shared.files[(device, name)] = data  # reaches the other machines like any file
        self.seen[(device, name)] = data

    def discard_new(self) -> None:
        for key in self.written:
            self.shared.files.pop(key, None)
            self.seen.pop(key, None)
        self.written = []


class Machine:
    """One journal on one machine, with its own clock skew, driven through the store API."""

    def __init__(self, name: str, folder: SharedFolder, skew: timedelta) -> None:
        self.name, self.skew, self.db = name, skew, empty_journal()
        self.folder = folder.view(name)
        self.world = timedelta()
        self.ticks = 0
        self.removed: set[str] = set()  # uuids that a command here took away (delete, undo, cascade)

    def instant(self) -> datetime:
        self.ticks += 1
        return START + self.world + self.skew + timedelta(microseconds=self.ticks)

    @contextlib.contextmanager
    def command(self, name: str | None = "command") -> Iterator[Journal]:
        self.db.execute("BEGIN IMMEDIATE")
        journal = Journal(self.db, Clock(TODAY, self.instant))
        try:
            if name:
                journal.undo.begin_change(name)
            yield journal
            if name:
                journal.undo.end_change()
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def uuids(self) -> set[str]:
        return {row[0] for table in REFERENCES for row in self.db.execute(f"SELECT uuid FROM {table}")}

    def run(self, op: str, args: tuple[int, ...], text: str) -> None:
        """A user command; one the journal refuses (a loop, a person still in use) changes nothing."""
        before = self.uuids()
        try:
            with self.command(None if op == "undo" else op) as journal:  # undo is not logged, as in the CLI
                if op == "undo":
                    journal.undo.undo_last()
                else:
                    act(journal, op, args, text)
        except MentorlogError:
            pass
        self.removed |= before - self.uuids()

    def sync(self, codec: ChangeFileCodec | None = None, through: SyncFolder | None = None) -> SyncReport:
        """Sync through this machine's view of the folder (or THROUGH, a wrapper of it)."""
        self.folder.written = []
        with self.command("sync") as journal:
            return journal.sync.sync_through(through or self.folder, codec or PlainCodec())

    def dump(self) -> dict[str, dict[str, Any]]:
        """The journal as compared between machines: records by uuid, without local ids."""
        journal = Journal(self.db, Clock(TODAY, self.instant))
        return {table: {r["uuid"]: content_key(r) for r in records} for table, records in journal.dump.dump_tables()}

    def goal_loops(self) -> list[int]:
        parents = dict(self.db.execute("SELECT id, parent_id FROM goals").fetchall())
        looped = []
        for start in parents:
            seen, node = set(), start
            while node is not None and node not in seen:
                seen.add(node)
                node = parents.get(node)
            if node is not None:
                looped.append(start)
        return looped


OPS = ("person", "goal", "reparent", "edit_goal", "progress", "session", "edit_session", "action", "action_status",
       "topic", "reflection", "delete", "undo", "skill", "rate", "edit_skill")  # fmt: skip
NAMES = ("Anna", "anna", "Ben", "Chen Li")


def _pick(journal: Journal, table: str, number: int) -> int | None:
    ids = [row[0] for row in journal.db.execute(f"SELECT id FROM {table} ORDER BY uuid")]
    return ids[number % len(ids)] if ids and number >= 0 else None


def act(journal: Journal, op: str, args: tuple[int, ...], text: str) -> None:
    a, b, c = args
    if op == "person":
        journal.people.add_person(NAMES[a % len(NAMES)], "mentee")
    elif op == "goal":
        journal.goals.add_goal(text, parent_id=_pick(journal, "goals", b - 2), tags=[f"t{c % 3}"])
    elif op == "reparent" and (goal := _pick(journal, "goals", a)):
        journal.goals.update_goal(goal, GoalPatch(parent_id=_pick(journal, "goals", b - 2)))
    elif op == "edit_goal" and (goal := _pick(journal, "goals", a)):
        journal.goals.update_goal(goal, GoalPatch(title=text, tags=(f"t{b % 3}",)))
    elif op == "progress" and (goal := _pick(journal, "goals", a)):
        journal.goals.record_progress(goal, b % 101, text)
    elif op == "session":
        goals = [g for g in (_pick(journal, "goals", b - 1), _pick(journal, "goals", c - 1)) if g]
        journal.sessions.add_session(day=TODAY, notes=text, person_id=_pick(journal, "people", a - 1), goal_ids=goals,
                            tags=[f"t{b % 3}"], actions=[NewAction(f"{text} {n}") for n in range(c % 3)])  # fmt: skip
    elif op == "edit_session" and (session := _pick(journal, "sessions", a)):
        goals = tuple(g for g in (_pick(journal, "goals", c - 1),) if g)
        journal.sessions.update_session(session, SessionPatch(notes=text, tags=(f"t{b % 3}",), goal_ids=goals))
    elif op == "action":
        journal.actions.add_action(
            text, goal_id=_pick(journal, "goals", b - 1), session_id=_pick(journal, "sessions", c - 1)
        )
    elif op == "action_status" and (action := _pick(journal, "actions", a)):
        journal.actions.set_action_status([action], ("open", "done", "dropped")[b % 3])
    elif op == "topic" and (person := _pick(journal, "people", a)):
        journal.topics.add_topic(text, person)
    elif op == "reflection":
        journal.reflections.add_reflection(text, day=TODAY, goal_id=_pick(journal, "goals", a - 1),
                               person_id=_pick(journal, "people", b - 1))  # fmt: skip
    elif op in ("skill", "rate", "edit_skill"):
        _skill_op(journal, op, args, text)
    elif op == "delete":
        kind = ("sessions", "goals", "actions", "people", "topics", "reflections", "progress_updates", "skills",
                "skill_ratings")[(a + c) % 9]  # fmt: skip
        found = _pick(journal, kind, b)
        if found is not None:
            delete = {"sessions": journal.sessions.delete_session, "goals": journal.goals.delete_goal,
                      "actions": journal.actions.delete_action, "people": journal.people.delete_person,
                      "topics": journal.topics.delete_topic, "reflections": journal.reflections.delete_reflection,
                      "skills": journal.skills.delete_skill}  # fmt: skip
            if kind in delete:
                delete[kind](found)
            else:
                journal.db.execute(f"DELETE FROM {kind} WHERE id = ?", [found])


def _skill_op(journal: Journal, op: str, args: tuple[int, ...], text: str) -> None:
    """Skills: mine or a person's, linked to a goal; rated by me or a person, in a session or not; relinked."""
    a, b, c = args
    goals = [g for g in (_pick(journal, "goals", b - 1),) if g]
    if op == "skill":
        journal.skills.add_skill(f"{text} {c}", person_id=_pick(journal, "people", a - 2), goal_ids=goals)
    elif op == "rate" and (skill := _pick(journal, "skills", a)):
        journal.skills.rate_skill(skill, b % 5 + 1, day=TODAY, rater_id=_pick(journal, "people", c - 2),
                           session_id=_pick(journal, "sessions", b - 2), note=text)  # fmt: skip
    elif op == "edit_skill" and (skill := _pick(journal, "skills", a)):
        journal.skills.update_skill(skill, SkillPatch(description=text, goal_ids=tuple(goals)))
