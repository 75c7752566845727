"""`goal add/progress/done/drop/pause/resume` and `goals`."""

from __future__ import annotations

import typer

from mentorlog.base.i18n import N_, _
from mentorlog.cli import common, completion, lists, whom
from mentorlog.cli.root import command_app, sub_app

goal_app = sub_app("goal", N_("Add goals and milestones, record progress, change their status."))


@goal_app.command("add")
def goal_add(
    title: str = typer.Argument(..., help="What you want to reach."),
    horizon: str = typer.Option(
        "short", "--horizon", autocompletion=completion.choices(("short", "long")), help="short or long."
    ),
    target: str | None = typer.Option(None, "--target", help="Target date (a month means its last day)."),
    parent: int | None = typer.Option(None, "--parent", help="Make this a milestone of goal ID."),
    with_: str | None = typer.Option(
        None,
        "--with",
        "-w",
        autocompletion=completion.person_names,
        help="The person this goal is with (default_with).",
    ),
    description: str = typer.Option("", "--description", help="More about the goal."),
    tag: list[str] = typer.Option([], "--tag", autocompletion=completion.tags, help="A tag (repeatable)."),
    create: bool = typer.Option(False, "--create", help="Create the --with person if unknown."),
    json_: bool = typer.Option(False, "--json", help="Print the goal as JSON."),
) -> None:
    """Add a goal, or a milestone of a goal with --parent."""
    from mentorlog.core import validate

    horizon = common.checked("--horizon", validate.horizon, horizon)
    target_day = common.day(target, direction="forward", period_end=True)
    tags = common.tags_from(tag, title, description)
    plan = whom.plan_person(whom.with_name(with_), create=create, default=whom.is_default(with_))
    with common.journal(write=True) as journal:
        goal = journal.goals.add_goal(
            title,
            horizon=horizon,
            target=target_day,
            parent_id=parent,
            person_id=plan.person_id(journal) if plan else None,
            description=description,
            tags=tags,
        )
    if json_:
        common.print_json(goal.to_json())
        return
    if goal.parent_id:
        kind = _("milestone {id} of goal {parent}").format(id=goal.id, parent=goal.parent_id)
    else:
        kind = _("goal {id}").format(id=goal.id)
    target_part = _(", target {day}").format(day=common.shown_day(goal.target)) if goal.target else ""
    with_part = plan.with_words if plan else ""
    common.say(
        _("Added {kind}{with_part}{target_part}: {title}.").format(
            kind=kind, with_part=with_part, target_part=target_part, title=common.quoted(goal.title)
        )
    )


@goal_app.command("progress")
def goal_progress(
    goal_id: int = typer.Argument(..., metavar="ID", help="The goal."),
    percent: int = typer.Argument(..., metavar="PERCENT", help="Progress now, 0-100."),
    note: str = typer.Option("", "--note", help="What moved it."),
    json_: bool = typer.Option(False, "--json", help="Print the goal as JSON."),
) -> None:
    """Record a goal's progress (0-100) with an optional note."""
    from mentorlog.core import validate

    common.checked("PERCENT", validate.progress, percent)
    with common.journal(write=True) as journal:
        before = journal.goals.get_goal(goal_id).progress
        goal = journal.goals.record_progress(goal_id, percent, note)
    if json_:
        common.print_json(goal.to_json())
        return
    message = _("Goal {id}: {before}% → {progress}%.").format(id=goal.id, before=before, progress=goal.progress)
    if goal.milestone_total:
        message += " " + _("Milestones: {achieved}/{total} achieved.").format(
            achieved=goal.milestone_achieved, total=goal.milestone_total
        )
    if goal.progress == 100 and goal.status != "achieved":
        message += " " + _("Mark it achieved with: mentorlog goal done {id}").format(id=goal.id)
    common.say(message)


def _set_status(goal_id: int, status: str, said: str, json_: bool) -> None:
    """SAID: the confirmation (`Goal {id} achieved: {title}.`), marked with N_ for the catalogue."""
    with common.journal(write=True) as journal:
        goal, changed = journal.goals.set_goal_status(goal_id, status)
    if json_:
        common.print_json(goal.to_json())
    elif changed:
        common.say(_(said).format(id=goal.id, title=common.quoted(goal.title)))
    else:
        common.say(_(ALREADY[status]).format(id=goal.id))


EMPTY = {
    "all": N_('No goals. Add one with: mentorlog goal add "Give a conference talk" --horizon long'),
    "active": N_('No active goals. Add one with: mentorlog goal add "Give a conference talk" --horizon long'),
    "achieved": N_('No achieved goals. Add one with: mentorlog goal add "Give a conference talk" --horizon long'),
    "paused": N_('No paused goals. Add one with: mentorlog goal add "Give a conference talk" --horizon long'),
    "dropped": N_('No dropped goals. Add one with: mentorlog goal add "Give a conference talk" --horizon long'),
}
ALREADY = {
    "achieved": N_("Goal {id} is already achieved; nothing changed."),
    "dropped": N_("Goal {id} is already dropped; nothing changed."),
    "paused": N_("Goal {id} is already paused; nothing changed."),
    "active": N_("Goal {id} is already active; nothing changed."),
}
JSON_OPTION = typer.Option(False, "--json", help="Print the goal as JSON.")
ID_ARGUMENT = typer.Argument(..., metavar="ID", help="The goal.")


@goal_app.command("done")
def goal_done(goal_id: int = ID_ARGUMENT, json_: bool = JSON_OPTION) -> None:
    """Mark a goal achieved: progress becomes 100 and today is recorded."""
    _set_status(goal_id, "achieved", N_("Goal {id} achieved: {title}."), json_)


@goal_app.command("drop")
def goal_drop(goal_id: int = ID_ARGUMENT, json_: bool = JSON_OPTION) -> None:
    """Drop a goal you no longer pursue (it stays in the journal)."""
    _set_status(goal_id, "dropped", N_("Goal {id} dropped: {title}."), json_)


@goal_app.command("pause")
def goal_pause(goal_id: int = ID_ARGUMENT, json_: bool = JSON_OPTION) -> None:
    """Pause a goal for now."""
    _set_status(goal_id, "paused", N_("Goal {id} paused: {title}."), json_)


@goal_app.command("resume")
def goal_resume(goal_id: int = ID_ARGUMENT, json_: bool = JSON_OPTION) -> None:
    """Make a paused (or dropped or achieved) goal active again."""
    _set_status(goal_id, "active", N_("Goal {id} is active again: {title}."), json_)


goals_app = command_app()


@goals_app.command()
def goals(
    status: str | None = typer.Option(
        None,
        "--status",
        autocompletion=completion.choices(("active", "achieved", "paused", "dropped")),
        help="active, achieved, paused or dropped.",
    ),
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="Only goals with this person."
    ),
    all_: bool = typer.Option(False, "--all", help="Goals of every status."),
    limit: int | None = lists.limit_option(),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Goals with progress bars, long-term then short-term, milestones under their goal."""
    from mentorlog.core import validate

    statuses = None if all_ else [common.checked("--status", validate.goal_status, status or "active")]
    with common.journal(write=False) as journal:
        person_id = whom.filter_person_id(journal, with_, announce=not json_)
        shown = lists.shown(limit, json_)
        found = journal.goals.list_goals(statuses=statuses, person_id=person_id, limit=shown)
        total = lists.total(found, shown, lambda: journal.goals.count_goals(statuses=statuses, person_id=person_id))
    lists.show(
        found,
        as_json=json_,
        empty=_(EMPTY.get("all" if all_ else status or "active", EMPTY["all"])),
        table=lambda render, width: render.goals_view(found, common.today(), width=width),
        total=total,
        noun="goal",
    )
