"""Taskwarrior's `task export`: each task an action item.

Pending and waiting tasks are open, completed ones done (on their `end` date), deleted ones dropped; `due` is the
due date (the local day of Taskwarrior's UTC stamp); tags and the project become `#tags` in the text (an action
item's tags are the `#words` of its text), annotations follow the text. A recurring task's template (status
`recurring`) is skipped: its instances are the tasks. The action item's uuid comes from the task's, and its
`updated_at` is the task's `modified`: importing a later export updates the tasks that changed since.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import msgspec

from mentorlog.base.i18n import _
from mentorlog.base.patterns import lazy
from mentorlog.store.foreign.plan import Plan, Skip, stable_uuid
from mentorlog.store.foreign.read import decode_file

NOT_TAG = lazy(r"[^\w-]+")
BASIC = lazy(r"\d{8}T\d{6}Z\Z")  # Taskwarrior's own stamp, in UTC
STATUS = {"pending": "open", "waiting": "open", "completed": "done", "deleted": "dropped"}


class Annotation(msgspec.Struct):
    description: str = ""


class Task(msgspec.Struct):
    uuid: str
    description: str
    status: str
    entry: str | None = None
    modified: str | None = None
    end: str | None = None
    due: str | None = None
    project: str | None = None
    tags: list[str] = msgspec.field(default_factory=list)
    annotations: list[Annotation] = msgspec.field(default_factory=list)


def read(plan: Plan, path: Path, *, person_uuid: str | None, owner_uuid: str | None) -> int:
    """Plan the tasks of the export at PATH; how many tasks it has."""
    tasks = decode_file(path, list[Task], "taskwarrior")
    plan.add("actions", _records(tasks, plan=plan, person_uuid=person_uuid, owner_uuid=owner_uuid))
    return len(tasks)


def _records(
    tasks: list[Task], *, plan: Plan, person_uuid: str | None, owner_uuid: str | None
) -> Iterator[tuple[str, dict[str, Any]]]:
    for number, task in enumerate(tasks, 1):
        where = _("task {number} ({uuid})").format(number=number, uuid=task.uuid[:8])
        try:
            yield where, _record(task, person_uuid, owner_uuid)
        except Skip as skipped:
            plan.skip(where, skipped.reason)


def _stamp(value: str | None, what: str) -> str | None:
    """A Taskwarrior stamp (`20261204T230000Z`, UTC) as stored (cut apart, not strptime'd: 50,000 tasks have
    ~170,000 of them, and strptime took half the import; the dump's check then reads it as a real instant)."""
    if not value:
        return None
    if len(value) == 16 and BASIC.match(value):
        v = value
        return f"{v[0:4]}-{v[4:6]}-{v[6:8]}T{v[9:11]}:{v[11:13]}:{v[13:15]}.000000+00:00"
    try:
        moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        try:
            moment = datetime.fromisoformat(value).astimezone(UTC)
        except ValueError:
            raise Skip(_("its {what} cannot be read: {value!r}").format(what=what, value=value)) from None
    return moment.isoformat(timespec="microseconds")


@lru_cache(maxsize=4096)
def _local_day(stamp: str) -> str:
    """The local day of a stored stamp: a due date as the user set it (Taskwarrior keeps it in UTC)."""
    try:
        return datetime.fromisoformat(stamp).astimezone().date().isoformat()
    except ValueError:
        raise Skip(_("its {what} cannot be read: {value!r}").format(what="due", value=stamp)) from None


def _tag(word: str | None) -> str:
    """A project or tag as a `#tag` of the text (`conference.talks` -> `conference-talks`); '' when none is left."""
    from mentorlog.core.textparse import normalise_tag

    cleaned = NOT_TAG.sub("-", word or "").strip("-")
    return normalise_tag(cleaned) if cleaned[:1].isalpha() else ""


def _record(task: Task, person_uuid: str | None, owner_uuid: str | None) -> dict[str, Any]:
    status = STATUS.get(task.status)
    if status is None:
        if task.status == "recurring":
            raise Skip(_("a recurring task's template (its instances are imported as they come)"))
        raise Skip(_("unknown status {status!r}").format(status=task.status))
    from mentorlog.core.textparse import find_tags

    text = " ".join(task.description.split())
    if not text:
        raise Skip(_("it has no description"))
    present = set(find_tags(text))
    words = [task.project, *task.tags] if task.project else task.tags
    tags = list(dict.fromkeys(tag for word in words if (tag := _tag(word))))
    extra = [f"#{tag}" for tag in tags if tag not in present]
    notes = [" ".join(note.description.split()) for note in task.annotations if note.description.strip()]
    text = " ".join([text, *extra]) + "".join(f" — {note}" for note in notes)
    created = _stamp(task.entry, "entry")
    modified = _stamp(task.modified, "modified") or created
    if created is None or modified is None:
        raise Skip(_("it has no entry date"))
    due = _stamp(task.due, "due")
    done_at = _stamp(task.end, "end") or modified if status == "done" else None
    return {
        "uuid": stable_uuid("taskwarrior", task.uuid),
        "text": text,
        "owner_uuid": owner_uuid,
        "due": _local_day(due) if due else None,
        "status": status,
        "person_uuid": person_uuid,
        "session_uuid": None,
        "goal_uuid": None,
        "created_at": created,
        "updated_at": max(modified, created),
        "done_at": done_at,
    }
