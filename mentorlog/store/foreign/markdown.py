"""A folder of Markdown notes with YAML front matter (read with python-frontmatter): an Obsidian vault of 1:1
notes, or the vault `export --format vault` wrote.

    ---
    date: 2026-10-05          (a session's or reflection's; a note without one is skipped)
    with: Anna                (or [[Anna Schmidt]]: a person of the journal, or of the folder; --create adds one)
    title: Career plan
    tags: [career, talk]
    confidence: 4
    kind: session             (session, the default; reflection, goal, person)
    ---
    The notes, read as `note` reads them: `- [ ] send the deck due:fri` lines become action items, #words tags.

A note mentorlog wrote carries its uuid and every field as the dump names them (its action items, progress
updates and topics too), so a vault imports back as the same records. A hand-written note's uuid comes from its
path in the folder, its stamps from the file's time: importing the folder again changes nothing, and a note
edited since updates its record.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from mentorlog.base.errors import BadValue
from mentorlog.base.i18n import _
from mentorlog.core import validate
from mentorlog.store.foreign.plan import Plan, Skip, local_stamp, stable_uuid

MARKER = "<!-- mentorlog: the action items below are kept in the front matter -->"
KINDS = ("session", "reflection", "goal", "person", "actions")


class Note:
    """One file: where it is, its front matter, its body."""

    def __init__(self, relative: str, meta: dict[str, Any], body: str, stamp: str) -> None:
        self.relative, self.meta, self.body, self.stamp = relative, meta, body, stamp
        self.kind = str(meta.get("kind") or "session").strip().lower()
        given = meta.get("uuid")
        self.uuid: str = given if isinstance(given, str) and given else stable_uuid("markdown", relative)


def _notes(plan: Plan, folder: Path) -> list[Note]:
    import frontmatter

    found: list[Note] = []
    for path in sorted(folder.rglob("*.md")):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue  # .obsidian, .trash: the editor's own
        try:
            text = path.read_bytes().decode("utf-8-sig")
            meta, body = frontmatter.parse(text)
        except UnicodeDecodeError:
            plan.skip(relative, _("not UTF-8 text"))
            continue
        except OSError as exc:
            plan.skip(relative, _("cannot be read: {reason}").format(reason=exc.strerror or exc))
            continue
        except Exception as exc:
            plan.skip(relative, _("its front matter is not valid YAML: {problem}").format(problem=str(exc)[:120]))
            continue
        stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="microseconds")
        found.append(Note(relative, dict(meta), body.split(MARKER)[0].strip(), stamp))
    return found


def _day(value: Any, what: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return validate.iso_date(str(value).strip()[:10])
    except validate.Invalid:
        raise Skip(_("its {what} is not a date YYYY-MM-DD: {value!r}").format(what=what, value=value)) from None


def _stamp(value: Any, fallback: str) -> str:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.astimezone()).astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, str) and value:
        return value
    return fallback


def _target(value: Any) -> str:
    """A wiki link's target (`[[Anna Schmidt|Anna]]` -> `Anna Schmidt`), or the text itself."""
    text = str(value).strip()
    if text.startswith("[[") and text.endswith("]]"):
        text = text[2:-2].split("|")[0].split("#")[0]
    return text.rsplit("/", 1)[-1].removesuffix(".md").strip()


def _list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    return [part for part in str(value).replace(",", " ").split() if part]


class _Folder:
    """The notes of one folder, read into the plan: people first, then goals, sessions, reflections."""

    def __init__(self, plan: Plan, notes: list[Note], person_uuid: str | None, create: bool) -> None:
        self.plan, self.notes, self.default_person, self.create = plan, notes, person_uuid, create
        self.by_name: dict[str, tuple[str, str]] = {}  # a note's file name, folded -> (kind, uuid)
        for note in notes:
            self.by_name.setdefault(Path(note.relative).stem.casefold(), (note.kind, note.uuid))
        self.person_map: dict[str, str] = {}  # a person note's uuid -> the uuid the journal knows them by
        self.goal_titles: dict[str, str] = {}

    def read(self) -> int:
        """Plan every note's records; how many records that is (for the progress bar)."""
        plan = self.plan
        people, goals, sessions, reflections, actions, updates, topics = [], [], [], [], [], [], []
        known_people = plan.known_people()
        journal_people = set(known_people.values())
        for note in self.notes:
            if note.kind not in KINDS:
                plan.skip(note.relative, _("unknown kind {kind!r}").format(kind=note.kind))
        for note in (note for note in self.notes if note.kind == "person"):
            try:
                people.append(self._person(note, known_people, journal_people))
                topics += [
                    (note.relative, topic) for topic in _list(note.meta.get("topics")) if isinstance(topic, dict)
                ]
            except Skip as skipped:
                plan.skip(note.relative, skipped.reason)
        for note in (note for note in self.notes if note.kind == "goal"):
            self.goal_titles.setdefault(str(note.meta.get("title") or Path(note.relative).stem).casefold(), note.uuid)
        for note in self.notes:
            try:
                if note.kind == "goal":
                    goals.append((note.relative, self._goal(note)))
                    updates += [
                        (note.relative, u) for u in _list(note.meta.get("progress_updates")) if isinstance(u, dict)
                    ]
                elif note.kind == "session":
                    session, found = self._session(note)
                    sessions.append((note.relative, session))
                    actions += [(note.relative, action) for action in found]
                elif note.kind == "reflection":
                    reflections.append((note.relative, self._reflection(note)))
                elif note.kind == "actions":
                    actions += [(note.relative, a) for a in _list(note.meta.get("actions")) if isinstance(a, dict)]
            except Skip as skipped:
                plan.skip(note.relative, skipped.reason)
        for _where, record in [*topics, *actions]:
            for key in ("person_uuid", "owner_uuid"):
                if record.get(key) in self.person_map:
                    record[key] = self.person_map[record[key]]
        plan.add("people", people)
        plan.add("goals", goals)
        plan.add("sessions", sessions)
        plan.add("progress_updates", updates)
        plan.add("actions", actions)
        plan.add("reflections", reflections)
        plan.add("topics", topics)
        lists = (people, goals, sessions, updates, actions, reflections, topics)
        return len(plan.new_people) + sum(len(records) for records in lists)

    # -- references -----------------------------------------------------------------------------------------------

    def _person_ref(self, note: Note) -> str | None:
        uuid = note.meta.get("person_uuid")
        if isinstance(uuid, str) and uuid:
            return self.person_map.get(uuid, uuid)
        named = note.meta.get("with")
        if not named:
            return self.default_person
        target = _target(named)
        kind, found = self.by_name.get(target.casefold(), ("", ""))
        if kind == "person":
            return self.person_map.get(found, found)
        return self.plan.person(target, create=self.create)

    def _goal_ref(self, value: Any) -> str | None:
        if not value:
            return None
        target = _target(value)
        kind, found = self.by_name.get(target.casefold(), ("", ""))
        if kind == "goal":
            return found
        return self.goal_titles.get(target.casefold())

    # -- kinds ----------------------------------------------------------------------------------------------------

    def _common(self, note: Note) -> dict[str, Any]:
        created = _stamp(note.meta.get("created_at"), note.stamp)
        return {"uuid": note.uuid, "created_at": created, "updated_at": _stamp(note.meta.get("updated_at"), note.stamp)}

    def _person(self, note: Note, known: dict[str, str], journal_people: set[str]) -> tuple[str, dict[str, Any]]:
        meta = note.meta
        name = str(meta.get("name") or Path(note.relative).stem)
        key = validate.name_key(name)
        existing = known.get(key)
        if existing is not None and existing != note.uuid:
            self.person_map[note.uuid] = existing  # the journal has them already: theirs is the record
            raise Skip(_("the journal has {name!r} already").format(name=name))
        known[key] = note.uuid
        record = {
            **self._common(note), "name": name, "role": str(meta.get("role") or "mentor"),
            "cadence_days": meta.get("cadence_days"), "note": note.body,
            "started": _day(meta.get("started"), "started"), "ends": _day(meta.get("ends"), "ends"),
            "agreement": str(meta.get("agreement") or ""), "status": str(meta.get("status") or "active"),
            "closed_at": _day(meta.get("closed_at"), "closed_at"),
        }  # fmt: skip
        return note.relative, record

    def _goal(self, note: Note) -> dict[str, Any]:
        meta = note.meta
        parent = (
            meta.get("parent_uuid") if isinstance(meta.get("parent_uuid"), str) else self._goal_ref(meta.get("parent"))
        )
        return {
            **self._common(note), "title": str(meta.get("title") or Path(note.relative).stem),
            "description": note.body, "horizon": str(meta.get("horizon") or "short"),
            "status": str(meta.get("status") or "active"), "progress": meta.get("progress") or 0,
            "target": _day(meta.get("target"), "target"), "parent_uuid": parent, "person_uuid": self._person_ref(note),
            "achieved_at": _day(meta.get("achieved_at"), "achieved_at"),
            "tags": [str(tag).lstrip("#") for tag in _list(meta.get("tags"))],
        }  # fmt: skip

    def _session(self, note: Note) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        meta = note.meta
        day = _day(meta.get("date"), "date")
        if day is None:
            raise Skip(_("it has no date (front matter `date: YYYY-MM-DD`)"))
        person = self._person_ref(note)
        tags = [str(tag).lstrip("#") for tag in _list(meta.get("tags"))]
        notes, actions = note.body, [dict(a) for a in _list(meta.get("actions")) if isinstance(a, dict)]
        if "actions" not in meta:
            notes, actions, found_tags = self._parsed_body(note, person)
            tags += found_tags
        at = meta.get("time")
        if isinstance(at, int):  # YAML 1.1 reads an unquoted 14:30 as a number of minutes
            at = f"{at // 60:02d}:{at % 60:02d}"
        if at is None and isinstance(meta.get("date"), datetime):
            at = meta["date"].strftime("%H:%M")
        goal_uuids = meta.get("goal_uuids")
        if not isinstance(goal_uuids, list):
            goal_uuids = [found for value in _list(meta.get("goals")) if (found := self._goal_ref(value))]
        record = {
            **self._common(note), "date": day, "time": at, "person_uuid": person,
            "title": str(meta.get("title") or ""), "notes": notes, "feedback": str(meta.get("feedback") or ""),
            "confidence": meta.get("confidence"), "next_date": _day(meta.get("next_date", meta.get("next")), "next"),
            "private": bool(meta.get("private") or False), "tags": tags, "goal_uuids": goal_uuids,
        }  # fmt: skip
        if "created_at" not in meta:
            record["created_at"] = min(record["created_at"], local_stamp(date.fromisoformat(day)))
        return record, actions

    def _parsed_body(self, note: Note, person: str | None) -> tuple[str, list[dict[str, Any]], list[str]]:
        """A hand-written note's body as `note` reads it: checkbox lines become action items, #words tags."""
        from mentorlog.core.dates import parse_when
        from mentorlog.core.textparse import parse_note

        today = self.plan.journal.clock.today
        parsed = parse_note(note.body)
        actions = []
        for number, line in enumerate(parsed.actions, 1):
            due = None
            if line.due:
                try:
                    due = parse_when(line.due, today=today, direction="forward").day.isoformat()
                except BadValue as exc:
                    raise Skip(
                        _("action item {number}: {problem}").format(number=number, problem=exc.message)
                    ) from None
            owner = None
            if line.owner == "them":
                owner = person
            elif line.owner and line.owner != "me":
                owner = self.plan.person(line.owner, create=self.create)
            stamp = self._common(note)["created_at"]
            actions.append({
                "uuid": stable_uuid("markdown", note.relative, "action", str(number), line.text),
                "text": line.text, "owner_uuid": owner, "due": due, "status": "done" if line.done else "open",
                "person_uuid": person, "session_uuid": note.uuid, "goal_uuid": None,
                "created_at": stamp, "updated_at": note.stamp, "done_at": note.stamp if line.done else None,
            })  # fmt: skip
        return parsed.notes, actions, parsed.tags

    def _reflection(self, note: Note) -> dict[str, Any]:
        meta = note.meta
        day = _day(meta.get("date"), "date")
        if day is None:
            raise Skip(_("it has no date (front matter `date: YYYY-MM-DD`)"))
        goal = meta.get("goal_uuid") if isinstance(meta.get("goal_uuid"), str) else self._goal_ref(meta.get("goal"))
        return {
            **self._common(note), "date": day, "text": note.body, "goal_uuid": goal,
            "person_uuid": self._person_ref(note), "tags": [str(tag).lstrip("#") for tag in _list(meta.get("tags"))],
        }  # fmt: skip


def read(plan: Plan, folder: Path, *, person_uuid: str | None, create: bool) -> int:
    """Plan the notes of FOLDER; how many records they hold."""
    return _Folder(plan, _notes(plan, folder), person_uuid, create).read()
