"""`show`, `edit`, `delete` and `undo`, for every kind in the record-kind registry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.cli import common, completion
from mentorlog.cli.kinds import Kind, kind
from mentorlog.cli.root import command_app

if TYPE_CHECKING:
    from mentorlog.store.journal import Journal

KIND_HELP = N_("session, goal, action, reflection, person, topic or skill.")  # the KIND words, typed in English


show_app = command_app()


@show_app.command()
def show(
    kind_word: str = typer.Argument(..., metavar="KIND", autocompletion=completion.kind_words, help=KIND_HELP),
    record_id: str = typer.Argument(
        ...,
        metavar="ID",
        autocompletion=completion.record_names,
        help="The record's id; a person or skill by name too.",
    ),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show one record in full; a goal with its milestones, updates and action items."""
    from mentorlog.render import lists as render

    entry = kind(kind_word)
    console = render.make_console()
    with common.journal(write=False) as journal:
        record = entry.get(journal, _record_id(journal, entry, record_id))
        data, view = entry.show(journal, record, common.today(), console.width)
    if json_:
        common.print_json(data)
    else:
        console.print(view)


def _record_id(journal: Journal, entry: Kind, given: str) -> int:
    """The id of the record `show` names: a number, or for a person or a skill its name, matched as `--with`
    matches a person (`weber` finds Dr. Weber) and as `skill rate` finds a skill."""
    cleaned = given.strip()
    if cleaned.isdecimal() and cleaned.isascii():
        return int(cleaned)
    if entry.word == "person":
        return int(journal.people.find_person(cleaned)["id"])
    if entry.word == "skill":
        return int(journal.skills.find_skill(cleaned)["id"])
    raise UsageError(
        _("a {word} is shown by its id, a number, not {given!r}").format(word=entry.noun(), given=given),
        _("A person or a skill may also be named: `mentorlog show person weber`."),
    )


edit_app = command_app()


@edit_app.command()
def edit(
    kind_word: str = typer.Argument(..., metavar="KIND", autocompletion=completion.kind_words, help=KIND_HELP),
    record_id: int = typer.Argument(..., metavar="ID", help="The record's id."),
    text: str | None = typer.Option(None, "--text", help="New text (notes of a session, text of an item)."),
    title: str | None = typer.Option(None, "--title", help="New title (session, goal)."),
    date_: str | None = typer.Option(None, "--date", help="New date (session, reflection)."),
    with_: str | None = typer.Option(
        None, "--with", autocompletion=completion.person_names, help="New person, or 'none'."
    ),
    feedback: str | None = typer.Option(None, "--feedback", help="New feedback (session)."),
    confidence: str | None = typer.Option(None, "--confidence", help="New confidence 1-5, or 'none' (session)."),
    next_: str | None = typer.Option(None, "--next", help="New next-meeting date, or 'none' (session)."),
    private: bool | None = typer.Option(None, "--private/--public", help="Keep out of exports, or not (session)."),
    tag: list[str] | None = typer.Option(
        None, "--tag", autocompletion=completion.tags, help="Replace the tags (repeatable)."
    ),
    goal: list[int] | None = typer.Option(None, "--goal", help="Linked goal(s); session, skill: repeatable."),
    description: str | None = typer.Option(None, "--description", help="New description (goal, skill)."),
    horizon: str | None = typer.Option(
        None, "--horizon", autocompletion=completion.choices(("short", "long")), help="short or long (goal)."
    ),
    skill_kind: str | None = typer.Option(
        None, "--kind", autocompletion=completion.choices(("strength", "growth")), help="strength or growth (skill)."
    ),
    target: str | None = typer.Option(None, "--target", help="New target date, or 'none' (goal)."),
    parent: str | None = typer.Option(None, "--parent", help="New parent goal id, or 'none' (goal)."),
    owner: str | None = typer.Option(
        None, "--owner", autocompletion=completion.owners, help="me, them or a name (action)."
    ),
    due: str | None = typer.Option(None, "--due", help="New due date, or 'none' (action)."),
    session: str | None = typer.Option(None, "--session", help="Session id, or 'none' (action)."),
    name: str | None = typer.Option(None, "--name", help="New name (person, skill)."),
    role: str | None = typer.Option(
        None, "--role", autocompletion=completion.choices(("mentor", "mentee")), help="mentor or mentee (person)."
    ),
    cadence: str | None = typer.Option(None, "--cadence", help="Meeting interval like 2w, or 'none' (person)."),
    note: str | None = typer.Option(None, "--note", help="New note (person)."),
    since: str | None = typer.Option(None, "--since", help="When the relationship started, or 'none' (person)."),
    until: str | None = typer.Option(None, "--until", help="Its planned end, or 'none' (person)."),
    agreement: str | None = typer.Option(None, "--agreement", help="What you both agreed (person)."),
    meets: str | None = typer.Option(
        None, "--meets", help="The usual meeting slot, like 'tue 10:00', or 'none' (person)."
    ),
    template: str | None = typer.Option(
        None, "--template", help="The note template to use with them, or 'none' (person)."
    ),
    draft: bool = typer.Option(False, "--draft", help="Continue the edit whose text was kept after an error."),
    json_: bool = typer.Option(False, "--json", help="Print the changed record as JSON."),
) -> None:
    """Change a record: with flags for single fields, or without flags in $EDITOR."""
    from mentorlog.cli.editing import edit_in_editor

    entry = kind(kind_word)
    given = {
        "text": text, "title": title, "date": date_, "with": with_, "feedback": feedback,
        "confidence": confidence, "next": next_, "private": private, "tag": tag or None,
        "goal": goal or None, "description": description, "horizon": horizon, "kind": skill_kind, "target": target,
        "parent": parent, "owner": owner, "due": due, "session": session, "name": name, "role": role,
        "cadence": cadence, "note": note, "since": since, "until": until, "agreement": agreement, "meets": meets,
        "template": template,
    }  # fmt: skip
    flags = {flag: value for flag, value in given.items() if value is not None}
    wrong = sorted(set(flags) - set(entry.flags))
    if wrong:
        raise UsageError(
            _("--{wrong} does not apply to a {word}").format(wrong=wrong[0], word=entry.noun()),
            _("A {word} takes: {flags}.").format(
                word=entry.noun(), flags=", ".join("--" + flag for flag in sorted(entry.flags))
            ),
        )
    if not flags:
        edit_in_editor(entry, record_id, json_, from_draft=draft)
        return
    if draft:
        raise UsageError(_("--draft opens the editor; it takes no other flags"))
    with common.journal(write=True) as journal:
        current = entry.get(journal, record_id)
        record = entry.update(journal, record_id, entry.patch_from_flags(journal, current, flags))
    if json_:
        common.print_json(record.to_json())
    else:
        common.say(
            _("Updated {word} {record_id}{dates}.").format(
                word=entry.noun(), record_id=record_id, dates=_dates_said(record, flags)
            )
        )


# flag -> the record's attribute; the flag word is also what a confirmation says (`due`, German `fällig`)
DATE_FLAGS = {N_("date"): "date", N_("due"): "due", N_("target"): "target", N_("next"): "next", N_("since"): "started",
              N_("until"): "ends"}  # fmt: skip


def _dates_said(record: Any, flags: dict[str, Any]) -> str:
    """`: due 2026-12-04, Fri` for every date an edit set, so a misread is seen at once."""
    said = [
        f"{_(flag)} {common.shown_day(getattr(record, attribute))}"
        for flag, attribute in DATE_FLAGS.items()
        if flag in flags and hasattr(record, attribute)
    ]
    return (": " + ", ".join(said)) if said else ""


delete_app = command_app()


@delete_app.command()
def delete(
    kind_word: str = typer.Argument(..., metavar="KIND", autocompletion=completion.kind_words, help=KIND_HELP),
    record_id: int = typer.Argument(..., metavar="ID", help="The record's id."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Delete a record after confirmation. A session takes its action items with it."""
    entry = kind(kind_word)
    with common.journal(write=False) as journal:
        record = entry.get(journal, record_id)
        what = _describe(journal, entry, record)
        if entry.check_delete is not None:  # say it cannot be done before asking whether to do it
            entry.check_delete(journal, record_id)
    if not yes:
        confirmed = common.confirm(
            _("Delete {what}?").format(what=what), default=False, unanswered=_("Pass --yes to delete without asking.")
        )
        if not confirmed:
            common.say(_("Nothing deleted."))
            return
    with common.journal(write=True) as journal:
        entry.delete(journal, record_id)
    common.say(_("Deleted {word} {record_id}.").format(word=entry.noun(), record_id=record_id))


def _describe(journal: Journal, entry: Kind, record: Any) -> str:
    from mentorlog.base.safe import one_line
    from mentorlog.render.lists import session_heading

    if entry.word == "session":
        rated = len(journal.skills.session_ratings(record.id))
        n = len(record.action_ids)
        extra = ngettext(" and its {n} action item", " and its {n} action items", n).format(n=n) if n else ""
        if rated:
            extra += (
                ngettext(", its {n} skill rating", ", its {n} skill ratings", rated)
                if extra
                else ngettext(" and its {n} skill rating", " and its {n} skill ratings", rated)
            ).format(n=rated)
        who = _(" with {name}").format(name=one_line(str(record.with_name))) if record.with_name else ""
        heading = repr(one_line(session_heading(record), 50))
        return _("session {id} ({date}{who}: {heading}){extra}").format(
            id=record.id, date=common.plain_day(record.date), who=who, heading=heading, extra=extra
        )
    if entry.word == "skill" and record.ratings:
        n = len(record.ratings)
        return ngettext("skill {id} ({name}) and its {n} rating", "skill {id} ({name}) and its {n} ratings", n).format(
            id=record.id, name=repr(one_line(record.name, 50)), n=n
        )
    label = getattr(record, "title", None) or getattr(record, "name", None) or getattr(record, "text", "")
    return f"{entry.noun()} {record.id} ({one_line(str(label), 50)!r})"


undo_app = command_app()


@undo_app.command()
def undo(
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would be undone, and change nothing."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask first (on a terminal undo shows and asks)."),
    list_: bool = typer.Option(False, "--list", help="List the last 10 commands that can be undone."),
) -> None:
    """Undo the last change: a whole command (a note with its action items, an edit, a delete, an import).

    Run it again to walk further back. On a terminal it shows what it will revert and asks first.
    Undo itself cannot be undone.
    """
    with common.journal(write=False) as journal:
        pending = journal.undo.undoable(10 if list_ else 1)
    if list_:
        if not pending:
            common.say(_("Nothing to undo."))
        for number, item in enumerate(pending, 1):
            common.say(f"{number:>2}. {_when(item.created_at)}  {item.name}: {item.did()}")
        return
    if not pending:
        common.say(_("Nothing to undo."))
        return
    planned = pending[0]
    if dry_run:
        common.say(
            _("Would undo `{command}` from {created_at}: {plan}.").format(
                command=planned.name, created_at=_when(planned.created_at), plan=planned.plan()
            )
        )
        return
    if not yes and common.stdin_is_terminal():
        question = _("Undo `{command}` from {created_at} ({plan})?").format(
            command=planned.name, created_at=_when(planned.created_at), plan=planned.plan()
        )
        if not common.confirm(question, default=False, unanswered=_("Pass --yes to undo without asking.")):
            raise MentorlogError(_("nothing undone"), _("Answer 'y' to undo, or pass --yes."))
    with common.journal(write=True, logged=False) as journal:
        undone = journal.undo.undo_last()
    if undone is None:
        common.say(_("Nothing to undo."))
        return
    common.say(
        _("Undid `{command}` from {created_at}: {describe}.").format(
            command=undone.name, created_at=_when(undone.created_at), describe=undone.describe()
        )
    )


def _when(stamp: str) -> str:
    """When a command ran, as the local date and minute."""
    from datetime import datetime

    return datetime.fromisoformat(stamp).astimezone().strftime(_("%Y-%m-%d %H:%M"))
