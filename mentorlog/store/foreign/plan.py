"""What every import from another tool shares: records in the dump's shape, their uuids derived from the source,
the records skipped with their reasons, people matched by name (or created), and the merge.

A record's uuid is a name-based uuid (uuid5) of where it came from — a Taskwarrior task's uuid, a jrnl entry's
date, time and text, a Markdown file's path — and its `updated_at` is the source's own stamp, so importing the same
source again finds every record unchanged and writes nothing; a Taskwarrior task that changed since (completed,
say) is newer and updates its action item. Two machines that import the same file get the same uuids, so `sync`
never doubles them. Every record passes the dump's checks (store/dump/schema.py, core.validate) before anything is
written; one that fails them is skipped with the reason, and the import goes on in the same transaction.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time
from hashlib import sha1
from typing import TYPE_CHECKING, Any

import msgspec

from mentorlog.base.errors import BadValue, NotFound, UsageError
from mentorlog.base.i18n import _
from mentorlog.core import validate

if TYPE_CHECKING:
    from mentorlog.store.dump.write import ImportReport
    from mentorlog.store.journal import Journal

# the namespace of every uuid an import derives (a fixed, random uuid: mentorlog's own)
NAMESPACE = uuidlib.UUID("6f1c5a43-2f7e-4d0b-9a51-6d2b8e3c7a10")
_NAMESPACE_BYTES = NAMESPACE.bytes


def stable_uuid(*parts: str) -> str:
    """The uuid of a record that came from PARTS (its source and what identifies it there): always the same.

    uuid5 (RFC 4122: SHA-1 of the namespace and the name, version and variant bits set), made here without a
    UUID object: the same text as `str(uuid.uuid5(NAMESPACE, name))`, at a third of the cost per task."""
    digest = bytearray(sha1(_NAMESPACE_BYTES + "\x00".join(parts).encode("utf-8", "surrogatepass")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def local_stamp(day: date, at: time | None = None) -> str:
    """The stored stamp (UTC) of a local day and time of day (midnight when no time is known)."""
    moment = datetime.combine(day, at or time(0, 0)).astimezone(UTC)
    return moment.isoformat(timespec="microseconds")


class Skipped(msgspec.Struct, frozen=True):
    """A record of the source left out, and why."""

    where: str
    reason: str


class Skip(Exception):
    """Raised while a source record is read: it is left out, with this reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ForeignReport(msgspec.Struct):
    """What an import from another tool did: records added and updated per table, and what it skipped."""

    added: dict[str, int]
    updated: dict[str, int]
    skipped: list[Skipped]

    @property
    def changed(self) -> int:
        return sum(self.added.values()) + sum(self.updated.values())


class Plan:
    """The records an import brings, table by table, in the dump's order; checked as they stream into the merge."""

    def __init__(self, journal: Journal, source: str) -> None:
        from mentorlog.store.dump.schema import TABLES

        self.journal, self.source = journal, source
        self.streams: dict[str, list[Iterable[tuple[str, dict[str, Any]]]]] = {table: [] for table in TABLES}
        self.skipped: list[Skipped] = []
        self.people: dict[str, str] | None = None  # folded name -> uuid, the journal's and the ones this adds
        self.new_people: list[tuple[str, dict[str, Any]]] = []
        self.now = journal.clock.stamp()
        self.progress: Callable[[int], None] | None = None
        self.planned: dict[str, set[str]] = {}  # per table, the uuids of the records this import writes
        self.in_journal: dict[str, set[str]] = {}  # per table, the uuids the journal has (read when first asked)

    # -- people ---------------------------------------------------------------------------------------------------

    def known_people(self) -> dict[str, str]:
        if self.people is None:
            self.people = dict(self.journal.db.execute("SELECT name_key, uuid FROM people").fetchall())
        return self.people

    def person(self, name: str, *, create: bool, role: str = "mentor") -> str:
        """The uuid of the person named NAME (their name in full, compared as names are); with CREATE a new one
        (ROLE) when there is none, else Skip."""
        try:
            cleaned = validate.name(name)
        except BadValue as exc:
            raise Skip(exc.message) from None
        key = validate.name_key(cleaned)
        people = self.known_people()
        found = people.get(key)
        if found is not None:
            return found
        try:  # as --with matches: a unique prefix of the name or of a word in it (`anna` finds Anna Schmidt)
            person = self.journal.people.find_person(cleaned)
            return str(self.journal.db.execute("SELECT uuid FROM people WHERE id = ?", [person["id"]]).fetchone()[0])
        except NotFound:
            pass
        except UsageError as exc:  # more than one
            raise Skip(exc.message) from None
        if not create:
            raise Skip(_("no person named {name!r} (--create adds them)").format(name=cleaned))
        found = people[key] = stable_uuid("person", key)
        self.new_people.append(
            (
                cleaned,
                {"uuid": found, "name": cleaned, "role": validate.role(role), "cadence_days": None, "note": "",
                 "created_at": self.now, "updated_at": self.now},
            )
        )  # fmt: skip
        return found

    # -- records --------------------------------------------------------------------------------------------------

    def add(self, table: str, records: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """RECORDS of TABLE (each with where it came from, for a reason it is skipped), read when the merge asks."""
        self.streams[table].append(records)

    def skip(self, where: str, reason: str) -> None:
        self.skipped.append(Skipped(where, reason))
        if self.progress is not None:  # a record left out is a record done: the bar still reaches its end
            self.progress(1)

    def _checked(self, table: str) -> Iterator[dict[str, Any]]:
        """TABLE's records, each checked by the dump's rules and numbered. A record that fails them, has the uuid
        of one before it (the same entry twice in the source), or refers to a record that neither this import
        nor the journal has (a note's goal deleted, its session skipped), is skipped with the reason."""
        streams = self.streams[table]
        if table == "people":
            streams = [iter(self.new_people), *streams]
        records = self._valid(table, (item for stream in streams for item in stream))
        if table == "goals":  # a milestone may come before its parent: all of them, then their links
            records = iter(self._linked_goals(list(records)))
        number = 0
        planned = self.planned.setdefault(table, set())
        for where, record in records:
            missing = self._missing(table, record)
            if missing is not None:
                self._skip_missing(where, missing)
                continue
            number += 1
            record["id"] = number
            planned.add(record["uuid"])
            yield record

    def _valid(self, table: str, records: Iterator[tuple[str, dict[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
        from mentorlog.store.dump.schema import check_record

        seen: set[str] = set()
        for where, record in records:
            if record.get("uuid") in seen:
                self.skip(where, _("the same as an earlier one in {source}").format(source=self.source))
                continue
            try:
                checked = check_record(table, {**record, "id": 1}, where)
            except UsageError as exc:
                self.skip(where, exc.message.removeprefix(where).lstrip(": "))
                continue
            seen.add(checked["uuid"])
            yield where, checked

    def _linked_goals(self, goals: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
        """GOALS, every one of them planned before any is written: a milestone may come before its parent."""
        self.planned["goals"] = {record["uuid"] for _where, record in goals}
        return goals

    def _missing(self, table: str, record: dict[str, Any]) -> str | None:
        """The table of a record RECORD refers to that neither this import nor the journal has, if any. A link to
        a goal that is gone (a note deleted from the folder) is cut instead, as sync cuts one: the record stays."""
        from mentorlog.store.dump.write import GOAL_LINKS, REFERENCES

        for target, key in REFERENCES[table].values():
            wanted = record.get(key)
            if wanted is not None and not self._knows(target, wanted):
                if target == "goals":
                    record[key] = None
                    continue
                return target
        if table in GOAL_LINKS and record.get("goal_uuids"):
            record["goal_uuids"] = [wanted for wanted in record["goal_uuids"] if self._knows("goals", wanted)]
        return None

    def _knows(self, table: str, uuid: str) -> bool:
        if uuid in self.planned.get(table, ()):
            return True
        known = self.in_journal.get(table)
        if known is None:
            known = self.in_journal[table] = {row[0] for row in self.journal.db.execute(f"SELECT uuid FROM {table}")}
        return uuid in known

    def _skip_missing(self, where: str, table: str) -> None:
        from mentorlog.store import tables

        kind = tables.table(table).word or table
        self.skip(
            where,
            _("it refers to a {kind} that is neither in {source} nor in the journal").format(
                kind=kind, source=self.source
            ),
        )

    def run(self, progress: Callable[[int], None] | None = None) -> ForeignReport:
        """Merge every record into the journal (inside the command's one transaction)."""
        self.progress = progress
        report: ImportReport = self.journal.imports.load_stream(
            ((table, self._checked(table)) for table in self.streams), source=self.source, progress=progress
        )
        return ForeignReport(added=report.added, updated=report.updated, skipped=self.skipped)


def wrong_kind(source: str, data: Any, wanted: str) -> UsageError:
    """The error for a file that is not what `--from WANTED` reads, naming what it looks like when it can."""
    found = looks_like(data)
    hints = {
        "jrnl": _("It looks like a jrnl export: use --from jrnl."),
        "taskwarrior": _("It looks like a Taskwarrior export: use --from taskwarrior."),
        "dump": _("It looks like a mentorlog dump: import it without --from."),
    }
    what = {"jrnl": _("a jrnl export (jrnl --export json)"), "taskwarrior": _("a Taskwarrior export (task export)")}
    return UsageError(
        _("{source} is not {what}").format(source=source, what=what[wanted]),
        hints.get(found or "", _("Nothing was imported.")),
    )


def looks_like(data: Any) -> str | None:
    """Which kind of export DATA (parsed JSON) is, by its shape: jrnl, taskwarrior, dump, or None."""
    if isinstance(data, dict):
        if data.get("format") == "mentorlog-dump":
            return "dump"
        if isinstance(data.get("entries"), list):
            return "jrnl"
    if (
        isinstance(data, list)
        and data
        and all(isinstance(item, dict) and "description" in item and "status" in item for item in data[:10])
    ):
        return "taskwarrior"
    return None
