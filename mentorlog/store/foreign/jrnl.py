"""jrnl's own export (`jrnl --export json`): each entry a session or, with `--as reflections`, a reflection.

    {"tags": {...}, "entries": [{"title": ..., "body": ..., "date": "2026-10-05", "time": "14:30",
                                 "tags": ["#career", "@anna"], "starred": false}, ...]}

The entry's date and time are kept (a session's time; the stamps of when it was written), its title and body
(a session's title and notes; a reflection's text, title first), its tags without their `#`/`@`, and a star
as the tag `starred`. An entry's uuid comes from its date, time and text: the same entry imports once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import msgspec

from mentorlog.base.i18n import _
from mentorlog.store.foreign.plan import Plan, Skip, local_stamp, stable_uuid
from mentorlog.store.foreign.read import decode_file


class Entry(msgspec.Struct):
    date: str | None = None
    time: str | None = None
    title: str = ""
    body: str = ""
    tags: list[str] = msgspec.field(default_factory=list)
    starred: bool = False


class Export(msgspec.Struct):
    entries: list[Entry]


def read(plan: Plan, path: Path, *, as_reflections: bool, person_uuid: str | None) -> int:
    """Plan the entries of jrnl's export at PATH; how many entries the file has."""
    export = decode_file(path, Export, "jrnl")
    table = "reflections" if as_reflections else "sessions"
    plan.add(table, _records(export.entries, as_reflections=as_reflections, person_uuid=person_uuid, plan=plan))
    return len(export.entries)


def _records(
    entries: list[Entry], *, as_reflections: bool, person_uuid: str | None, plan: Plan
) -> Iterator[tuple[str, dict[str, Any]]]:
    kind = "reflection" if as_reflections else "session"
    for number, entry in enumerate(entries, 1):
        where = _("entry {number}").format(number=number)
        try:
            yield where, _record(entry, kind, person_uuid)
        except Skip as skipped:
            plan.skip(where + (f" ({entry.date})" if entry.date else ""), skipped.reason)


def _record(entry: Entry, kind: str, person_uuid: str | None) -> dict[str, Any]:
    if not entry.date:
        raise Skip(_("it has no date"))
    try:
        day = date.fromisoformat(entry.date)
        at = time.fromisoformat(entry.time) if entry.time else None
    except ValueError:
        raise Skip(_("its date or time cannot be read: {value!r}").format(value=f"{entry.date} {entry.time}")) from None
    from mentorlog.core.textparse import normalise_tag

    stamp = local_stamp(day, at)
    tags = [normalise_tag(tag.lstrip("#@")) for tag in entry.tags if tag.lstrip("#@")]
    if entry.starred:
        tags.append("starred")
    uuid = stable_uuid("jrnl", kind, entry.date, entry.time or "", entry.title, entry.body)
    common = {"uuid": uuid, "date": entry.date, "person_uuid": person_uuid, "created_at": stamp, "updated_at": stamp}
    if kind == "reflection":
        text = "\n".join(part for part in (entry.title, entry.body) if part)
        return {**common, "text": text, "goal_uuid": None, "tags": tags}
    return {
        **common,
        "time": at.strftime("%H:%M") if at else None,
        "title": entry.title,
        "notes": entry.body,
        "feedback": "",
        "confidence": None,
        "next_date": None,
        "private": False,
        "tags": tags,
        "goal_uuids": [],
    }
