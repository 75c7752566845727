"""The journal as a folder of Markdown notes that Obsidian (or any Markdown editor) opens: one file per person,
goal, session and reflection, YAML front matter with every field and the uuid, `[[wiki links]]` between them.

Made from the records of the lossless dump (each table's records, references as uuids), so that
`import --from markdown` reads a vault back into the same journal: the front matter carries each record's fields
as the dump names them, the body its text (a session's notes, a goal's description, a reflection's text, a
person's note). A session's action items and a goal's progress updates sit in its front matter (and, for reading,
the action items again under the notes, after a marker the import stops at); a person's topics in theirs;
action items of no session in `Action items.md`.

File names come from names, titles and dates, made safe for every system: no folder parts, no characters Windows
or a wiki link cannot hold, no reserved device names, at most 80 characters, and unique regardless of case across
the vault (` (2)` added), so a link by name finds one file. The front matter is written as YAML whose scalars are
JSON strings, numbers and lists (JSON is YAML), escaped where a YAML reader would stumble.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import msgspec

MANIFEST = ".mentorlog-vault.json"
MARKER = "<!-- mentorlog: the action items below are kept in the front matter -->"
FORMAT = "mentorlog-vault"
FOLDERS = {"people": "People", "goals": "Goals", "sessions": "Sessions", "reflections": "Reflections"}
KINDS = {"people": "person", "goals": "goal", "sessions": "session", "reflections": "reflection"}
LONGEST = 80
# characters no file name on Windows holds, that a wiki link cannot hold (# ^ [ ] |), and invisible controls
UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*#^\[\]\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)), *(f"LPT{n}" for n in range(10))}
# what a YAML reader refuses raw in a double-quoted scalar, or reads as a line break: written as \uXXXX
YAML_UNSAFE = re.compile(r"[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_encode = msgspec.json.Encoder().encode
DATES = {"date", "next_date", "target", "achieved_at", "started", "ends", "closed_at", "due"}


def safe_name(text: str, fallback: str) -> str:
    """TEXT as a file name (without extension) any system and a wiki link can hold."""
    cleaned = " ".join(UNSAFE.sub(" ", text).split()).strip(" .")
    if len(cleaned) > LONGEST:
        cleaned = cleaned[:LONGEST].rstrip(" .")
    if not cleaned:
        cleaned = fallback
    if cleaned.split(".")[0].strip().upper() in RESERVED:
        cleaned = "_" + cleaned
    return cleaned


class Names:
    """File names unique regardless of case across the vault, in the order they are asked for."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = {name.casefold() for name in taken}

    def unique(self, wanted: str) -> str:
        name, number = wanted, 1
        while name.casefold() in self.taken:
            number += 1
            name = f"{wanted} ({number})"
        self.taken.add(name.casefold())
        return name


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


# shown first, as a person reads a note; the other fields follow in the dump's order
FIRST = ("kind", "name", "title", "date", "time", "with", "goals", "goal", "parent", "role", "status", "tags")


def front_matter(fields: dict[str, Any]) -> str:
    """FIELDS as YAML front matter: dates bare (a YAML date, which editors show as one), the rest as JSON (msgspec,
    in C: a vault of the scale-1 journal encodes ~400,000 values), which YAML reads as the same values."""
    encode = _encode
    lines = ["---"]
    ordered = {key: fields[key] for key in FIRST if key in fields}
    ordered.update(fields)
    for key, value in ordered.items():
        if value is None:
            lines.append(f"{key}: null")
        elif key in DATES and type(value) is str:
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {encode(value).decode()}")
    lines.append("---\n")
    text = "\n".join(lines)
    if not text.isascii():
        text = YAML_UNSAFE.sub(_escaped, text)  # only inside JSON strings: keys and dates are ASCII
    return text


def link(name: str | None) -> str | None:
    return f"[[{name}]]" if name else None


def _without(record: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key not in keys}


def _checkbox(action: dict[str, Any], people: dict[str, str]) -> str:
    box = {"open": " ", "done": "x", "dropped": "-"}[action["status"]]
    words = [action["text"]]
    if action.get("due"):
        words.append(f"due:{action['due']}")
    owner = people.get(action.get("owner_uuid") or "")
    if owner:
        words.append(f"owner:{owner}")
    return f"- [{box}] " + " ".join(" ".join(word.split()) for word in words)


def vault_files(
    tables: Iterable[tuple[str, Iterable[dict[str, Any]]]], taken: Iterable[str] = ()
) -> Iterator[tuple[str, str]]:
    """Each file of the vault: its path inside the vault (`People/Anna Schmidt.md`) and its text. TABLES are the
    dump's tables in the dump's order, each with its records (a stream is read once); TAKEN the names (without
    `.md`) of notes in the folder that are not the vault's own, which no file of the vault may take.

    Memory holds the people, goals and sessions until their action items, progress updates and topics (which come
    later in the dump) are read, and those already encoded as JSON (a few hundred bytes each, not a dict);
    reflections are written as they come."""
    names = Names(taken)
    file_of: dict[str, str] = {}  # uuid -> file name without .md, for links
    people_names: dict[str, str] = {}
    people: list[dict[str, Any]] = []
    goals: list[dict[str, Any]] = []
    sessions: list[dict[str, Any]] = []
    actions_of: dict[str, list[tuple[msgspec.Raw, str]]] = {}
    loose: list[tuple[msgspec.Raw, str]] = []
    updates_of: dict[str, list[msgspec.Raw]] = {}
    topics_of: dict[str, list[msgspec.Raw]] = {}

    def links(uuids: Iterable[str]) -> list[str]:
        return [f"[[{file_of[uuid]}]]" for uuid in uuids if uuid in file_of]

    for table, records in tables:
        if table == "people":
            for person in records:
                file_of[person["uuid"]] = names.unique(safe_name(person["name"], "Person"))
                people_names[person["uuid"]] = person["name"]
                people.append(person)
        elif table == "goals":
            for goal in records:
                file_of[goal["uuid"]] = names.unique(safe_name(goal["title"], "Goal"))
                goals.append(goal)
        elif table == "sessions":
            for session in records:
                who = people_names.get(session.get("person_uuid") or "", "")
                title = " - ".join(part for part in (who, session["title"]) if part)
                file_of[session["uuid"]] = names.unique(safe_name(f"{session['date']} {title or 'Session'}", "Session"))
                sessions.append(session)
        elif table == "progress_updates":
            for update in records:
                updates_of.setdefault(update["goal_uuid"], []).append(_raw(update))
            for goal in goals:
                fields = {"kind": "goal", **_without(goal, "id", "description")}
                fields["parent"] = link(file_of.get(goal.get("parent_uuid") or ""))
                fields["with"] = link(file_of.get(goal.get("person_uuid") or ""))
                if updates_of.get(goal["uuid"]):
                    fields["progress_updates"] = updates_of.pop(goal["uuid"])
                yield f"Goals/{file_of[goal['uuid']]}.md", front_matter(fields) + _body(goal["description"])
            goals.clear()
        elif table == "actions":
            for action in records:
                item = (_raw(action), _checkbox(action, people_names))
                if action.get("session_uuid") and action["session_uuid"] in file_of:
                    actions_of.setdefault(action["session_uuid"], []).append(item)
                else:
                    loose.append(item)
            for session in sessions:
                fields = {"kind": "session", **_without(session, "id", "notes")}
                fields["with"] = link(file_of.get(session.get("person_uuid") or ""))
                fields["goals"] = links(session.get("goal_uuids") or [])
                body = _body(session["notes"])
                items = actions_of.pop(session["uuid"], [])
                if items:
                    fields["actions"] = [raw for raw, _line in items]
                    lines = "\n".join(line for _raw, line in items)
                    body = (body or "\n") + "\n" + MARKER + "\n## Action items\n\n" + lines + "\n"
                yield f"Sessions/{file_of[session['uuid']]}.md", front_matter(fields) + body
            sessions.clear()
        elif table == "reflections":
            for reflection in records:
                name = names.unique(
                    safe_name(f"{reflection['date']} {' '.join(reflection['text'].split()[:8])}", "Reflection")
                )
                fields = {"kind": "reflection", **_without(reflection, "id", "text")}
                fields["with"] = link(file_of.get(reflection.get("person_uuid") or ""))
                fields["goal"] = link(file_of.get(reflection.get("goal_uuid") or ""))
                yield f"Reflections/{name}.md", front_matter(fields) + _body(reflection["text"])
        elif table == "topics":
            for topic in records:
                topics_of.setdefault(topic["person_uuid"], []).append(_raw(topic))
    for person in people:
        fields = {"kind": "person", **_without(person, "id", "note")}
        if topics_of.get(person["uuid"]):
            fields["topics"] = topics_of[person["uuid"]]
        yield f"People/{file_of[person['uuid']]}.md", front_matter(fields) + _body(person["note"])
    if loose:
        name = names.unique("Action items")
        body = "\n" + MARKER + "\n## Action items\n\n" + "\n".join(line for _raw, line in loose) + "\n"
        yield f"{name}.md", front_matter({"kind": "actions", "actions": [raw for raw, _line in loose]}) + body


def _raw(record: dict[str, Any]) -> msgspec.Raw:
    """RECORD (without its local id) as JSON, kept as it will be written: far smaller than the dict."""
    record.pop("id", None)
    return msgspec.Raw(_encode(record))


def _body(text: str) -> str:
    return "\n" + text + "\n" if text else ""
