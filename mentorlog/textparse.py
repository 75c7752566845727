"""Pure parsing of what people write: checkbox lines become action items, `#words` become tags.

    - [ ] send the draft to Anna due:fri owner:anna     an open action item
    - [x] book the room                                 an action item already done

`due:` takes one word (`due:fri`, `due:+2w`) or a quoted phrase (`due:"next friday"`); `owner:`
takes `me`, `them` or a person's name or prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CHECKBOX = re.compile(r"^\s*[-*+]\s+\[([ xX])\]\s+(.*\S)\s*$")
TOKEN = re.compile(r"(?<!\S)(due|owner):(?:\"([^\"]*)\"|(\S+))", re.IGNORECASE)
# A tag starts with a letter and is not glued to a word (page#anchor) or an entity (&#38;).
TAG = re.compile(r"(?<![\w#&/])#([^\W\d_][\w-]*)")
COMMENT = re.compile(r"^# ")


@dataclass(frozen=True)
class ActionLine:
    text: str
    due: str | None = None
    owner: str | None = None
    done: bool = False


@dataclass(frozen=True)
class ParsedNote:
    notes: str
    actions: list[ActionLine] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def find_tags(*texts: str | None) -> list[str]:
    """The `#tags` in the texts, lower-cased, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in TAG.finditer(text or ""):
            seen.setdefault(normalise_tag(match.group(1)), None)
    return list(seen)


def normalise_tag(tag: str) -> str:
    return tag.strip().lstrip("#").rstrip("-").casefold()


def parse_action(text: str, *, done: bool = False) -> ActionLine:
    """Split `due:` and `owner:` tokens off an action item's text."""
    due = owner = None
    for match in TOKEN.finditer(text):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if match.group(1).lower() == "due":
            due = value
        else:
            owner = value
    rest = " ".join(TOKEN.sub(" ", text).split())
    return ActionLine(text=rest, due=due, owner=owner, done=done)


def parse_note(text: str) -> ParsedNote:
    """Notes without the checkbox lines, the action items from them, and all tags."""
    kept: list[str] = []
    actions: list[ActionLine] = []
    for line in text.splitlines():
        match = CHECKBOX.match(line)
        if match:
            actions.append(parse_action(match.group(2), done=match.group(1) in "xX"))
        else:
            kept.append(line.rstrip())
    notes = "\n".join(kept).strip("\n")
    return ParsedNote(notes=notes, actions=actions, tags=find_tags(text))


def strip_comments(text: str) -> str:
    """Drop the `# ` help lines of an editor template (as git does); `## headings` stay."""
    return "\n".join(line for line in text.splitlines() if not COMMENT.match(line)).strip()


def split_header(text: str, keys: tuple[str, ...]) -> tuple[dict[str, str], str]:
    """Read `Key: value` lines at the top of an editor text; the rest after them is the body."""
    fields: dict[str, str] = {}
    lines = text.splitlines()
    index = 0
    wanted = {key.lower(): key for key in keys}
    while index < len(lines):
        line = lines[index]
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in wanted:
            fields[wanted[key.strip().lower()]] = value.strip()
            index += 1
            continue
        if not line.strip() and not fields:
            index += 1
            continue
        break
    return fields, "\n".join(lines[index:]).strip("\n")
