"""`edit KIND ID` without flags: the record's form in $EDITOR, read back and saved in one transaction.

If the text cannot be saved (a bad value, a clash), it is kept as a draft; `edit KIND ID --draft` goes on."""

from __future__ import annotations

from typing import Any

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _, ngettext
from mentorlog.cli import common, whom
from mentorlog.cli.editor import edit_text, keeping_draft, read_draft
from mentorlog.cli.kinds import Kind
from mentorlog.core import editform, patches


def _new_action_lines(entry: Kind, form: editform.Form) -> tuple[str, list[Any]]:
    """For a session: the notes without the new `- [ ]` lines, and those lines as action items."""
    from mentorlog.core.textparse import parse_note

    parsed = parse_note(form.section("notes"))
    return parsed.notes, list(parsed.actions)


def _same_form(entry: Kind, edited: str, before: str) -> bool:
    """Whether the saved form says what it said before, line ends and trailing blanks aside (an editor that
    trims them on saving has changed nothing)."""

    def read(text: str) -> tuple[dict[str, str], dict[str, str]]:
        form = editform.parse(text, entry.form.fields, entry.form.sections)
        strip = {name: value.strip() for name, value in form.fields.items()}
        return strip, {
            name: "\n".join(line.rstrip() for line in text.strip().split("\n")) for name, text in form.sections.items()
        }

    try:
        return read(edited) == read(before)
    except Exception:  # a form that cannot be read is not the same form; reading it again reports why
        return False


def edit_in_editor(entry: Kind, record_id: int, json_: bool, *, from_draft: bool = False) -> None:
    draft = f"edit-{entry.word}-{record_id}"
    reopen = f"mentorlog edit {entry.word} {record_id} --draft"
    with common.journal(write=False) as journal:
        record = entry.get(journal, record_id)
    before = editform.render(entry.form.fill(record))
    start = read_draft(draft, f"mentorlog edit {entry.word} {record_id}") if from_draft else before
    edited = edit_text(start, draft=draft, editing=True)
    if editform.is_blank(edited):
        raise UsageError(
            _("nothing changed: the {word} form was emptied (that cancels the edit)").format(word=entry.noun())
        )
    if edited.strip() == before.strip() or _same_form(entry, edited, before):
        common.say(_("No changes to {word} {record_id}.").format(word=entry.noun(), record_id=record_id))
        return
    with keeping_draft(edited, draft, reopen):
        form = editform.parse(edited, entry.form.fields, entry.form.sections)
        patch = entry.form.read(record, form)
        new_actions: list[Any] = []
        if entry.word == "session":
            notes, new_actions = _new_action_lines(entry, form)
            patch = patches.SessionPatch(**{**patch.changes(), "notes": notes})
        dues = [common.day(line.due, direction="forward") for line in new_actions]
        with common.journal(write=True) as journal:
            current = entry.get(journal, record_id)
            if not from_draft and current.updated_at != record.updated_at:
                raise UsageError(
                    _("{word} {record_id} changed while you were editing; nothing was saved").format(
                        word=entry.word, record_id=record_id
                    )
                )
            if entry.tagged:
                found = common.tags_from(None, *(v for v in patch.changes().values() if isinstance(v, str)))
                patch = type(patch)(**{**patch.changes(), "tags": tuple(dict.fromkeys([*current.tags, *found]))})
            updated = entry.update(journal, record_id, patch)
            for line, due in zip(new_actions, dues, strict=True):
                whose = whom.find_person_id(journal, line.with_name) if line.with_name else current.person_id
                owner = whom.owner_id(journal, line.owner, whose)
                action = journal.actions.add_action(
                    line.text, owner_id=owner, due=due, person_id=whose, session_id=record_id
                )
                if line.done:
                    journal.actions.set_action_status([action.id], "done")
            if new_actions:
                updated = entry.get(journal, record_id)
    if json_:
        common.print_json(updated.to_json())
    else:
        n = len(new_actions)
        added = ngettext(" and added {n} action item", " and added {n} action items", n).format(n=n) if n else ""
        common.say(_("Updated {word} {record_id}{added}.").format(word=entry.noun(), record_id=record_id, added=added))
