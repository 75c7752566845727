"""`action add/done/drop/reopen` and `actions`."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import typer

from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.cli import common, completion, lists, whom
from mentorlog.cli.root import command_app, sub_app

action_app = sub_app("action", N_("Add action items and change their status."))


@action_app.command("add")
def action_add(
    text: str = typer.Argument(..., help="What was committed to (due:DATE and owner:NAME tokens work too)."),
    owner: str | None = typer.Option(
        None,
        "--owner",
        "-o",
        autocompletion=completion.owners,
        help="me, them or a name (default: them with a mentee, me with a mentor).",
    ),
    due: str | None = typer.Option(None, "--due", help="Due date (a bare weekday looks ahead; 2027 is its last day)."),
    with_: str | None = typer.Option(
        None,
        "--with",
        "-w",
        autocompletion=completion.person_names,
        help="The relationship it belongs to (default_with).",
    ),
    goal: int | None = typer.Option(None, "--goal", "-g", help="The goal it serves."),
    session: int | None = typer.Option(None, "--session", help="The session it came from."),
    create: bool = typer.Option(False, "--create", help="Create the --with person if unknown."),
    closed_ok: bool = typer.Option(False, "--closed-ok", help=whom.CLOSED_OK_HELP),
    json_: bool = typer.Option(False, "--json", help="Print the action item as JSON."),
) -> None:
    """Add an action item."""
    from mentorlog.core.textparse import parse_action

    line = parse_action(text)
    due_day = common.day(due if due is not None else line.due, direction="forward", period_end=True)
    named = with_ if with_ is not None else line.with_name  # `--with`, else a `with:` (`mit:`) token in the text
    plan = whom.plan_person(whom.with_name(named), create=create, default=whom.is_default(named))
    with common.journal(write=True) as journal:
        person_id = plan.person_id(journal) if plan else None
        action = journal.actions.add_action(
            line.text,
            owner_id=whom.owner_id(journal, owner if owner is not None else line.owner, person_id),
            due=due_day,
            person_id=person_id,
            goal_id=goal,
            session_id=session,
        )
        whom.refuse_closed(journal, [action.person_id, action.owner_id], "action", closed_ok=closed_ok)
    common.warn_past_due(due_day)
    if json_:
        common.print_json(action.to_json())
        return
    due_part = _(", due {day}").format(day=common.shown_day(action.due)) if action.due else ""
    with_part = plan.with_words if plan and (action.owner != plan.name or plan.default) else ""
    common.say(
        _("Added action {id} {for_owner}{with_part}{due_part}: {text}.").format(
            id=action.id,
            for_owner=common.for_owner(action.owner),
            with_part=with_part,
            due_part=due_part,
            text=common.quoted(action.text),
        )
    )


def _set_status(values: list[str], status: str, said: str, json_: bool, done_on: str | None = None) -> None:
    """SAID: the confirmation per changed item (`Done: {id} {text}`), marked with N_ for the catalogue. DONE_ON:
    the day they were done (`--date`), echoed after each item."""
    from mentorlog.core import validate

    ids = common.checked("ID", validate.id_list, values)
    day = common.day(done_on, direction="backward")
    with common.journal(write=True) as journal:
        changed, unchanged = journal.actions.set_action_status(ids, status, done_on=day)
    if json_:
        common.print_json([action.to_json() for action in sorted([*changed, *unchanged], key=lambda a: a.id)])
        return
    for action in changed:  # each item's text, so a wrong id is seen at once
        line = _(said).format(id=action.id, text=common.one_line(action.text))
        if day is not None:
            line += _(" (on {day})").format(day=common.shown_day(day))
        common.say(line)
    for action in unchanged:
        common.say(_(ALREADY[status]).format(id=action.id, text=common.one_line(action.text)))


ALREADY = {
    "done": N_("Already done: {id} {text}"),
    "dropped": N_("Already dropped: {id} {text}"),
    "open": N_("Already open: {id} {text}"),
}
IDS_ARGUMENT = typer.Argument(..., metavar="ID...", help="Action item ids: 4 7, 4,7 or a range 9-11.")
JSON_OPTION = typer.Option(False, "--json", help="Print the action items as JSON.")


@action_app.command("done")
def action_done(
    ids: list[str] = IDS_ARGUMENT,
    date_: str | None = typer.Option(
        None, "--date", "-d", help="When they were really done (default today; not before they were agreed)."
    ),
    json_: bool = JSON_OPTION,
) -> None:
    """Mark action items done: `action done 4,7 9-11 --date yesterday`."""
    _set_status(ids, "done", N_("Done: {id} {text}"), json_, date_)


@action_app.command("drop")
def action_drop(ids: list[str] = IDS_ARGUMENT, json_: bool = JSON_OPTION) -> None:
    """Drop action items that no longer matter."""
    _set_status(ids, "dropped", N_("Dropped: {id} {text}"), json_)


@action_app.command("reopen")
def action_reopen(ids: list[str] = IDS_ARGUMENT, json_: bool = JSON_OPTION) -> None:
    """Open done or dropped action items again."""
    _set_status(ids, "open", N_("Reopened: {id} {text}"), json_)


actions_app = command_app()


@actions_app.command()
def actions(
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="Only this relationship."
    ),
    owner: str | None = typer.Option(
        None, "--owner", "-o", autocompletion=completion.owners, help="me, them (anyone but me), or a person's name."
    ),
    overdue: bool = typer.Option(False, "--overdue", help="Only open items past their due date."),
    due_before: str | None = typer.Option(None, "--due-before", help="Only items due before this date."),
    status: str = typer.Option(
        "open",
        "--status",
        autocompletion=completion.choices(("open", "done", "dropped", "all")),
        help="open, done, dropped or all.",
    ),
    goal: int | None = typer.Option(None, "--goal", "-g", help="Only items for this goal."),
    limit: int | None = lists.limit_option(),
    by_person: bool = typer.Option(False, "--by-person", help="Group the items by relationship."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Open action items across all relationships, overdue first, then by due date.

    Closed relationships are left out unless named with --with."""
    from mentorlog.core import validate

    status = common.checked("--status", validate.action_status, status, allow_all=True)
    before = common.day(due_before, direction="forward")
    with common.journal(write=False) as journal:
        if goal is not None:
            journal.goals.require("goals", "goal", goal)
        word = None
        if owner is not None:
            from mentorlog.core.textparse import normalise_owner

            word = normalise_owner(owner.strip())
        filters = {
            "status": status,
            "person_id": whom.filter_person_id(journal, with_, announce=not json_),
            "owner_id": None if word in ("me", "them") else whom.find_person_id(journal, owner),
            "owner_is_me": word == "me",
            "owner_is_them": word == "them",
            "overdue": overdue,
            "due_before": before,
            "goal_id": goal,
        }
        shown = lists.shown(limit, json_)
        found = journal.actions.list_actions(limit=shown, **filters)
        total = lists.total(found, shown, lambda: journal.actions.count_actions(**filters))

    def table(render: ModuleType, width: int) -> Any:
        if by_person:
            return render.actions_by_person(found, common.today(), width=width)
        return render.actions_table(found, common.today(), width=width, done_column=True)

    def summary() -> str:
        today = common.today().isoformat()
        late = sum(1 for action in found if action.status == "open" and action.due and action.due < today)
        said = ngettext("{n} action item", "{n} action items", len(found)).format(n=len(found))
        if late:
            said += ngettext(", {n} overdue", ", {n} overdue", late).format(n=late)
        if total > len(found):
            said += _("; {n} more not shown (--limit 0 shows all)").format(n=total - len(found))  # as more_line
        return said

    lists.show(
        found,
        as_json=json_,
        empty=_('No action items match. Add one with: mentorlog action add "Send the draft" --due fri'),
        table=table,
        footer=summary,
    )
