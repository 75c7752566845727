"""`edit KIND ID` without flags: the record's text in $EDITOR, read back and saved in one transaction."""

from __future__ import annotations

from typing import Any

from mentorlog.cli import common
from mentorlog.errors import UsageError

EDIT_HELP = "# Edit {what} above. Lines starting with '# ' are ignored. Save it unchanged to keep it as it was.\n"
SESSION_EDIT_HELP = "# New lines like '- [ ] text due:fri owner:NAME' become new action items; #words become tags.\n"


def _template(kind: str, record: Any) -> str:
    return str(_template_text(kind, record))


def _template_text(kind: str, record: Any) -> Any:
    if kind == "session":
        header = (
            f"Title: {record.title}\nConfidence: {record.confidence or ''}\n"
            f"Next: {record.next or ''}\nFeedback: {record.feedback}\n\n"
        )
        return header + record.notes + "\n" + EDIT_HELP.format(what="the session") + SESSION_EDIT_HELP
    if kind == "goal":
        return f"Title: {record.title}\n\n{record.description}\n" + EDIT_HELP.format(what="the goal")
    if kind == "person":
        return f"Name: {record.name}\n\n{record.note}\n" + EDIT_HELP.format(what="the person's note")
    return f"{record.text}\n" + EDIT_HELP.format(what=f"the {kind}")


def _changes(kind: str, record: Any, edited: str) -> tuple[dict[str, Any], list[Any]]:
    """Column changes from the edited text, and for a session the new action lines."""
    from mentorlog.cli.notes import HEADER_KEYS
    from mentorlog.textparse import parse_note, split_header, strip_comments

    text = strip_comments(edited)
    if kind == "session":
        header, body = split_header(text, HEADER_KEYS)
        parsed = parse_note(body)
        fields: dict[str, Any] = {
            "title": header.get("Title", ""),
            "feedback": header.get("Feedback", ""),
            "notes": parsed.notes,
        }
        confidence = header.get("Confidence", "")
        if confidence and (not confidence.isdigit() or not 1 <= int(confidence) <= 5):
            raise UsageError(f"Confidence must be 1 to 5, not {confidence!r}; nothing was changed")
        fields["confidence"] = int(confidence) if confidence else None
        next_day = common.day(header.get("Next") or None, direction="forward")
        fields["next_date"] = next_day.isoformat() if next_day else None
        return fields, list(parsed.actions)
    if kind == "goal":
        header, body = split_header(text, ("Title",))
        return {"title": header.get("Title", ""), "description": body}, []
    if kind == "person":
        header, body = split_header(text, ("Name",))
        return {"name": header.get("Name", ""), "note": body}, []
    return {"text": text}, []


def edit_in_editor(kind: str, record_id: int, json_: bool) -> None:
    from mentorlog.cli.records import _apply, fetch

    with common.journal(write=False) as journal:
        record = fetch(journal, kind, record_id)
    before = _template(kind, record)
    edited = common.edit_text(before)
    if edited.strip() == before.strip():
        common.say(f"No changes to {kind} {record_id}.")
        return
    fields, new_actions = _changes(kind, record, edited)
    dues = [common.day(line.due, direction="forward") for line in new_actions]
    with common.journal(write=True) as journal:
        current = fetch(journal, kind, record_id)
        if current.updated_at != record.updated_at:
            raise UsageError(f"{kind} {record_id} changed while you were editing; nothing was saved", "Edit it again.")
        tags = None
        if kind in ("session", "goal", "reflection"):
            found = common.tags_from(None, *(value for value in fields.values() if isinstance(value, str)))
            tags = list(dict.fromkeys([*current.tags, *found]))
        updated = _apply(journal, kind, record_id, fields, {"tags": tags})
        for line, due in zip(new_actions, dues, strict=True):
            owner = common.owner_id(journal, line.owner, current.person_id)
            action = journal.add_action(
                line.text, owner_id=owner, due=due, person_id=current.person_id, session_id=record_id
            )
            if line.done:
                journal.set_action_status([action.id], "done")
        if new_actions:
            updated = fetch(journal, kind, record_id)
    if json_:
        common.print_json(updated.to_json())
    else:
        added = f" and added {len(new_actions)} action item(s)" if new_actions else ""
        common.say(f"Updated {kind} {record_id}{added}.")
