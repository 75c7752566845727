"""`show`, `edit` and `delete`, generic over the kind of record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from mentorlog.cli import common
from mentorlog.cli.root import app
from mentorlog.errors import MentorlogError, UsageError
from mentorlog.models import KINDS

if TYPE_CHECKING:
    from mentorlog.store.repo import Journal

KIND_HELP = "session, goal, action, reflection, person or topic."
CLEAR_WORDS = {"", "none", "-"}
EDIT_FLAGS: dict[str, set[str]] = {
    "session": {"text", "title", "date", "with", "feedback", "confidence", "next", "private", "tag", "goal"},
    "goal": {"title", "description", "horizon", "target", "parent", "with", "tag"},
    "action": {"text", "owner", "due", "with", "goal", "session"},
    "reflection": {"text", "date", "with", "goal", "tag"},
    "person": {"name", "role", "cadence", "note"},
    "topic": {"text", "with"},
}


def check_kind(kind: str) -> str:
    kind = kind.strip().lower()
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}", f"KIND is one of: {', '.join(KINDS)}.")
    return kind


def fetch(journal: Journal, kind: str, record_id: int) -> Any:
    getter = {
        "session": journal.get_session,
        "goal": journal.get_goal,
        "action": journal.get_action,
        "reflection": journal.get_reflection,
        "person": journal.get_person,
        "topic": journal.get_topic,
    }[kind]
    return getter(record_id)


@app.command(rich_help_panel="Records")
def show(
    kind: str = typer.Argument(..., metavar="KIND", help=KIND_HELP),
    record_id: int = typer.Argument(..., metavar="ID", help="The record's id."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show one record in full; a goal with its milestones, updates and action items."""
    from mentorlog import render

    kind = check_kind(kind)
    today = common.today()
    console = render.make_console()
    with common.journal(write=False) as journal:
        record = fetch(journal, kind, record_id)
        data = record.to_json()
        if kind == "session":
            actions = journal.list_actions(status="all", session_id=record_id)
            data["actions"] = [action.to_json() for action in actions]
            view = render.show_session(record, actions, today, width=console.width)
        elif kind == "goal":
            milestones = journal.milestones(record_id)
            updates = journal.progress_updates(record_id)
            actions = journal.list_actions(status="all", goal_id=record_id)
            data.update(
                milestone_list=[goal.to_json() for goal in milestones],
                progress_updates=[update.to_json() for update in updates],
                actions=[action.to_json() for action in actions],
            )
            view = render.show_goal(record, milestones, updates, actions, today, width=console.width)
        elif kind == "person":
            topics = journal.list_topics(person_id=record_id)
            actions = journal.list_actions(person_id=record_id)
            data.update(topics=[topic.to_json() for topic in topics], actions=[action.to_json() for action in actions])
            view = render.show_person(record, topics, actions, today, width=console.width)
        elif kind == "action":
            view = render.show_action(record, today)
        elif kind == "reflection":
            view = render.show_reflection(record, today)
        else:
            view = render.show_topic(record)
    if json_:
        common.print_json(data)
    else:
        console.print(view)


def _optional_day(text: str, direction: str, period_end: bool = False) -> str | None:
    if text.strip().lower() in CLEAR_WORDS:
        return None
    found = common.day(text, direction=direction, period_end=period_end)  # type: ignore[arg-type]
    return found.isoformat() if found else None


def _optional_id(value: str, journal: Journal, table: str, kind: str) -> int | None:
    if value.strip().lower() in CLEAR_WORDS:
        return None
    if not value.strip().isdigit():
        raise UsageError(f"--{kind} takes an id or 'none', not {value!r}")
    return int(journal.require(table, kind, int(value))["id"])


def _optional_person(value: str, journal: Journal) -> int | None:
    if value.strip().lower() in CLEAR_WORDS:
        return None
    return common.find_person_id(journal, value)


def _changes_from_flags(journal: Journal, kind: str, flags: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The column changes and the extra changes (tags, goal links) that the flags ask for."""
    from mentorlog.dates import parse_cadence
    from mentorlog.store.goals import check_horizon
    from mentorlog.store.sessions import check_confidence

    fields: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    text_column = {"session": "notes", "person": "note"}.get(kind, "text")
    for flag, value in flags.items():
        if flag == "text":
            fields[text_column] = value
        elif flag in ("title", "feedback", "description", "name", "role", "note"):
            fields[flag] = value
        elif flag == "date":
            fields["date"] = common.when(value, direction="backward").day.isoformat()
        elif flag == "next":
            fields["next_date"] = _optional_day(value, "forward")
        elif flag == "due":
            fields["due"] = _optional_day(value, "forward")
        elif flag == "target":
            fields["target"] = _optional_day(value, "forward", period_end=True)
        elif flag == "confidence":
            fields["confidence"] = None if value.strip().lower() in CLEAR_WORDS else _int(value, "confidence")
            check_confidence(fields["confidence"])
        elif flag == "private":
            fields["private"] = int(value)
        elif flag == "horizon":
            fields["horizon"] = check_horizon(value)
        elif flag == "cadence":
            fields["cadence_days"] = None if value.strip().lower() in CLEAR_WORDS else parse_cadence(value)
        elif flag == "with":
            fields["person_id"] = _optional_person(value, journal)
            if kind == "topic" and fields["person_id"] is None:
                raise UsageError("a topic needs a person")
        elif flag == "owner":
            fields["owner_id"] = common.owner_id(journal, value, journal.get_action(flags["_id"]).person_id)
        elif flag == "parent":
            fields["parent_id"] = _optional_id(value, journal, "goals", "goal")
        elif flag == "session":
            fields["session_id"] = _optional_id(value, journal, "sessions", "session")
        elif flag == "goal" and kind == "session":
            extra["goal_ids"] = [int(journal.require("goals", "goal", goal_id)["id"]) for goal_id in value]
        elif flag == "goal":
            fields["goal_id"] = _optional_id(value[0], journal, "goals", "goal")
        elif flag == "tag":
            extra["tags"] = common.tags_from(value)
    return fields, extra


def _int(value: str, name: str) -> int:
    if not value.strip().lstrip("-").isdigit():
        raise UsageError(f"{name} must be a number, not {value!r}")
    return int(value)


def _apply(journal: Journal, kind: str, record_id: int, fields: dict[str, Any], extra: dict[str, Any]) -> Any:
    if kind == "session":
        return journal.update_session(record_id, fields, tags=extra.get("tags"), goal_ids=extra.get("goal_ids"))
    if kind == "goal":
        return journal.update_goal(record_id, fields, tags=extra.get("tags"))
    if kind == "action":
        return journal.update_action(record_id, fields)
    if kind == "reflection":
        return journal.update_reflection(record_id, fields, tags=extra.get("tags"))
    if kind == "person":
        return journal.update_person(record_id, fields)
    return journal.update_topic(record_id, fields)


@app.command(rich_help_panel="Records")
def edit(
    kind: str = typer.Argument(..., metavar="KIND", help=KIND_HELP),
    record_id: int = typer.Argument(..., metavar="ID", help="The record's id."),
    text: str | None = typer.Option(None, "--text", help="New text (notes of a session, text of an item)."),
    title: str | None = typer.Option(None, "--title", help="New title (session, goal)."),
    date_: str | None = typer.Option(None, "--date", help="New date (session, reflection)."),
    with_: str | None = typer.Option(None, "--with", help="New person, or 'none'."),
    feedback: str | None = typer.Option(None, "--feedback", help="New feedback (session)."),
    confidence: str | None = typer.Option(None, "--confidence", help="New confidence 1-5, or 'none' (session)."),
    next_: str | None = typer.Option(None, "--next", help="New next-meeting date, or 'none' (session)."),
    private: bool | None = typer.Option(None, "--private/--public", help="Keep out of exports, or not (session)."),
    tag: list[str] | None = typer.Option(None, "--tag", help="Replace the tags (repeatable)."),
    goal: list[int] | None = typer.Option(None, "--goal", help="Linked goal(s); session: repeatable."),
    description: str | None = typer.Option(None, "--description", help="New description (goal)."),
    horizon: str | None = typer.Option(None, "--horizon", help="short or long (goal)."),
    target: str | None = typer.Option(None, "--target", help="New target date, or 'none' (goal)."),
    parent: str | None = typer.Option(None, "--parent", help="New parent goal id, or 'none' (goal)."),
    owner: str | None = typer.Option(None, "--owner", help="me, them or a name (action)."),
    due: str | None = typer.Option(None, "--due", help="New due date, or 'none' (action)."),
    session: str | None = typer.Option(None, "--session", help="Session id, or 'none' (action)."),
    name: str | None = typer.Option(None, "--name", help="New name (person)."),
    role: str | None = typer.Option(None, "--role", help="mentor or mentee (person)."),
    cadence: str | None = typer.Option(None, "--cadence", help="Meeting interval like 2w, or 'none' (person)."),
    note: str | None = typer.Option(None, "--note", help="New note (person)."),
    json_: bool = typer.Option(False, "--json", help="Print the changed record as JSON."),
) -> None:
    """Change a record: with flags for single fields, or without flags in $EDITOR."""
    from mentorlog.cli.editing import edit_in_editor

    kind = check_kind(kind)
    given = {
        "text": text, "title": title, "date": date_, "with": with_, "feedback": feedback,
        "confidence": confidence, "next": next_, "private": private, "tag": tag or None,
        "goal": goal or None, "description": description, "horizon": horizon, "target": target,
        "parent": parent, "owner": owner, "due": due, "session": session, "name": name, "role": role,
        "cadence": cadence, "note": note,
    }  # fmt: skip
    flags = {flag: value for flag, value in given.items() if value is not None}
    wrong = sorted(set(flags) - EDIT_FLAGS[kind])
    if wrong:
        raise UsageError(
            f"--{wrong[0]} does not apply to a {kind}",
            f"A {kind} takes: {', '.join('--' + flag for flag in sorted(EDIT_FLAGS[kind]))}.",
        )
    if not flags:
        edit_in_editor(kind, record_id, json_)
        return
    with common.journal(write=True) as journal:
        fetch(journal, kind, record_id)
        fields, extra = _changes_from_flags(journal, kind, {**flags, "_id": record_id})
        record = _apply(journal, kind, record_id, fields, extra)
    if json_:
        common.print_json(record.to_json())
    else:
        common.say(f"Updated {kind} {record_id}.")


@app.command(rich_help_panel="Records")
def delete(
    kind: str = typer.Argument(..., metavar="KIND", help=KIND_HELP),
    record_id: int = typer.Argument(..., metavar="ID", help="The record's id."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Delete a record after confirmation. A session takes its action items with it."""
    kind = check_kind(kind)
    with common.journal(write=False) as journal:
        record = fetch(journal, kind, record_id)
        what = _describe(journal, kind, record)
    if not yes:
        try:
            confirmed = typer.confirm(f"Delete {what}?", default=False, err=True)
        except typer.Abort:
            confirmed = False
        if not confirmed:
            raise MentorlogError("nothing deleted", "Answer 'y' to confirm, or pass --yes.")
    with common.journal(write=True) as journal:
        deleter = {
            "session": journal.delete_session,
            "goal": journal.delete_goal,
            "action": journal.delete_action,
            "reflection": journal.delete_reflection,
            "person": journal.delete_person,
            "topic": journal.delete_topic,
        }[kind]
        deleter(record_id)
    common.say(f"Deleted {kind} {record_id}.")


def _describe(journal: Journal, kind: str, record: Any) -> str:
    from mentorlog.render import session_heading
    from mentorlog.safe import one_line

    if kind == "session":
        extra = f" and its {len(record.action_ids)} action item(s)" if record.action_ids else ""
        who = f" with {one_line(str(record.with_name))}" if record.with_name else ""
        return f"session {record.id} ({record.date}{who}: {one_line(session_heading(record), 50)!r}){extra}"
    label = getattr(record, "title", None) or getattr(record, "name", None) or getattr(record, "text", "")
    return f"{kind} {record.id} ({one_line(str(label), 50)!r})"


@app.command(rich_help_panel="Records")
def undo() -> None:
    """Undo the last change (a whole command: a note with its action items, an edit, a delete, an import).

    Run it again to walk further back. Undo itself cannot be undone.
    """
    with common.journal(write=True, logged=False) as journal:
        undone = journal.undo_last()
    if undone is None:
        common.say("Nothing to undo.")
        return
    when = undone.created_at[:16].replace("T", " ")
    common.say(f"Undid `{undone.command}` from {when} UTC: {undone.describe()}.")
