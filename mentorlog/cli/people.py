"""`person add`, `people`, `topic add` and `topics`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.base.safe import inert
from mentorlog.cli import closing, common, completion, lists, templates, whom
from mentorlog.cli.root import command_app, sub_app

if TYPE_CHECKING:
    from mentorlog.core.records import Person

ROLES_SHOWN = {"mentor": N_("mentor"), "mentee": N_("mentee")}  # as confirmations say them
person_app = sub_app("person", N_("Add the people you mentor or are mentored by."))
person_app.add_typer(closing.closing_app)  # person close, person reopen
topic_app = sub_app("topic", N_("Queue topics to raise at the next meeting with someone."))


@person_app.command("add")
def person_add(
    name: str = typer.Argument(..., help="Their name, e.g. 'Dr. Weber'."),
    role: str = typer.Option(
        ...,
        "--role",
        "-r",
        autocompletion=completion.choices(("mentor", "mentee")),
        help="Their role for you: mentor or mentee.",
    ),
    cadence: str | None = typer.Option(None, "--cadence", help="How often you meet: 1w, 2w, 10d, 1m."),
    note: str = typer.Option("", "--note", help="Anything worth remembering about them."),
    since: str | None = typer.Option(
        None, "--since", help="When the relationship started (default: the first session, else today)."
    ),
    until: str | None = typer.Option(None, "--until", help="When it is planned to end."),
    agreement: str = typer.Option(
        "", "--agreement", help="What you both agreed: goals, how often and how you meet, confidentiality."
    ),
    template: str | None = typer.Option(
        None, "--template", autocompletion=templates.template_names, help="The note template to use with them."
    ),
    json_: bool = typer.Option(False, "--json", help="Print the person as JSON."),
) -> None:
    """Add a person, with their role, how often you mean to meet and what you agreed."""
    from mentorlog.core import validate
    from mentorlog.core.dates import parse_cadence

    role = common.checked("--role", validate.role, role)
    cadence_days = parse_cadence(cadence) if cadence is not None else None
    started = common.day(since, direction="backward")
    ends = common.day(until, direction="forward", period_end=True)
    template_name = templates.default_template(template)
    with common.journal(write=True) as journal:
        person = journal.people.add_person(
            name, role, cadence_days, note, started=started, ends=ends, agreement=agreement, template=template_name
        )
    if json_:
        common.print_json(person.to_json())
        return
    days = person.cadence_days
    every = ngettext(", meeting every {n} days", ", meeting every {n} days", days).format(n=days) if days else ""
    span = _("; since {day}").format(day=common.shown_day(started)) if started else ""
    span += _(", planned until {day}").format(day=common.shown_day(ends)) if ends else ""
    common.say(
        _("Added person {id}: {name} ({role}{every}){span}.").format(
            id=person.id,
            name=inert(person.name),
            role=_(ROLES_SHOWN.get(person.role, person.role)),
            every=every,
            span=span,
        )
    )


@person_app.command("edit")
def person_edit(
    name: str = typer.Argument(..., autocompletion=completion.person_names, help="Their name (or part of it), or id."),
    meets: str | None = typer.Option(None, "--meets", help="The usual meeting slot: 'tue 10:00', '14:30', or 'none'."),
    cadence: str | None = typer.Option(None, "--cadence", help="How often you meet: 1w, 2w, 10d, 1m, or 'none'."),
    new_name: str | None = typer.Option(None, "--name", help="A new name."),
    note: str | None = typer.Option(None, "--note", help="A new note."),
    since: str | None = typer.Option(None, "--since", help="When the relationship started, or 'none'."),
    until: str | None = typer.Option(None, "--until", help="When it is planned to end, or 'none'."),
    agreement: str | None = typer.Option(None, "--agreement", help="What you both agreed."),
    template: str | None = typer.Option(
        None,
        "--template",
        autocompletion=templates.template_names,
        help="The note template to use with them ('none' for the usual one).",
    ),
    json_: bool = typer.Option(False, "--json", help="Print the person as JSON."),
) -> None:
    """Change a relationship by name: its meeting slot, cadence, dates, agreement or template (else in $EDITOR)."""
    from mentorlog.cli.editing import edit_in_editor
    from mentorlog.cli.kinds import kind

    entry = kind("person")
    given = {"meets": meets, "cadence": cadence, "name": new_name, "note": note, "since": since, "until": until,
             "agreement": agreement, "template": template}  # fmt: skip
    flags = {flag: value for flag, value in given.items() if value is not None}
    with common.journal(write=False) as journal:
        person_id = (
            int(name) if name.strip().isdecimal() and name.isascii() else int(journal.people.find_person(name)["id"])
        )
    if not flags:
        edit_in_editor(entry, person_id, json_)
        return
    with common.journal(write=True) as journal:
        current = entry.get(journal, person_id)
        person = entry.update(journal, person_id, entry.patch_from_flags(journal, current, flags))
    if json_:
        common.print_json(person.to_json())
        return
    if set(flags) == {"template"}:
        common.say(_template_said(person))
        return
    slot = person.meets
    said = _("; meets {slot}").format(slot=_slot_said(person.meets_day, person.meets_time)) if slot else ""
    common.say(_("Updated person {id}: {name}{said}.").format(id=person.id, name=inert(person.name), said=said))
    if "template" in flags:
        common.say(_template_said(person))


def _template_said(person: Person) -> str:
    if person.template:
        said = _("Person {id} {name}: notes start from the template {template}.")
    else:
        said = _("Person {id} {name}: notes start from the usual form.")
    return said.format(id=person.id, name=inert(person.name), template=person.template)


def _slot_said(weekday: int | None, at: str | None) -> str:
    from mentorlog.core.dates import slot_text

    return slot_text(weekday, at)


people_app = command_app()


@people_app.command()
def people(
    all_: bool = typer.Option(False, "--all", help="Closed relationships too."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """People with their last and next meeting, open actions and whether the cadence is kept."""
    with common.journal(write=False) as journal:
        found = journal.people.list_people(include_closed=all_)
    lists.show(
        found,
        as_json=json_,
        empty=_('No people yet. Add one with: mentorlog person add "Dr. Weber" --role mentor --cadence 2w'),
        table=lambda render, width: render.people_table(found, common.today(), width=width),
    )


@topic_app.command("add")
def topic_add(
    text: str = typer.Argument(..., help="What to raise next time."),
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="The person to raise it with."
    ),
    create: bool = typer.Option(False, "--create", help="Create the person if unknown."),
    closed_ok: bool = typer.Option(False, "--closed-ok", help=whom.CLOSED_OK_HELP),
    json_: bool = typer.Option(False, "--json", help="Print the topic as JSON."),
) -> None:
    """Queue a topic for the next meeting with someone; the next note with them marks it discussed."""
    from mentorlog.base.errors import UsageError

    name = whom.with_name(with_)
    if name is None:
        raise UsageError(_("a topic needs a person"), _("Give --with NAME."))
    plan = whom.plan_person(name, create=create, default=whom.is_default(with_))
    assert plan is not None
    with common.journal(write=True) as journal:
        topic = journal.topics.add_topic(text, plan.person_id(journal))
        whom.refuse_closed(journal, [topic.person_id], "topic", closed_ok=closed_ok)
    if json_:
        common.print_json(topic.to_json())
        return
    default = " (default)" if plan.default else ""
    common.say(
        _("Added topic {id} for {with_name}{default}: {text}.").format(
            id=topic.id, with_name=inert(topic.with_name), default=default, text=common.quoted(topic.text)
        )
    )


TOPIC_IDS = typer.Argument(..., metavar="ID...", help="Topic ids: 3 5, 3,5 or a range 3-5.")
TOPIC_JSON = typer.Option(False, "--json", help="Print the topics as JSON.")
TOPIC_ALREADY = {
    "discussed": N_("Already discussed: {id} {text}"),
    "dropped": N_("Already dropped: {id} {text}"),
    "open": N_("Already open: {id} {text}"),
}


def _set_topic_status(values: list[str], status: str, said: str, json_: bool) -> None:
    """SAID: the confirmation per changed topic (`Discussed: {id} {text}`), marked with N_ for the catalogue."""
    from mentorlog.core import validate

    ids = common.checked("ID", validate.id_list, values)
    with common.journal(write=True) as journal:
        changed, unchanged = journal.topics.set_topic_status(ids, status)
    if json_:
        common.print_json([topic.to_json() for topic in sorted([*changed, *unchanged], key=lambda t: t.id)])
        return
    for topic in changed:  # each topic's text, so a wrong id is seen at once
        common.say(_(said).format(id=topic.id, text=common.one_line(topic.text)))
    for topic in unchanged:
        common.say(_(TOPIC_ALREADY[status]).format(id=topic.id, text=common.one_line(topic.text)))


@topic_app.command("done")
def topic_done(ids: list[str] = TOPIC_IDS, json_: bool = TOPIC_JSON) -> None:
    """Mark topics discussed outside a note: `topic done 3,5`."""
    _set_topic_status(ids, "discussed", N_("Discussed: {id} {text}"), json_)


@topic_app.command("drop")
def topic_drop(ids: list[str] = TOPIC_IDS, json_: bool = TOPIC_JSON) -> None:
    """Drop topics that no longer need raising."""
    _set_topic_status(ids, "dropped", N_("Dropped: {id} {text}"), json_)


@topic_app.command("reopen")
def topic_reopen(ids: list[str] = TOPIC_IDS, json_: bool = TOPIC_JSON) -> None:
    """Queue discussed or dropped topics again."""
    _set_topic_status(ids, "open", N_("Reopened: {id} {text}"), json_)


topics_app = command_app()


@topics_app.command()
def topics(
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="Only topics for this person."
    ),
    status: str = typer.Option(
        "open",
        "--status",
        autocompletion=completion.choices(("open", "discussed", "dropped", "all")),
        help="open, discussed, dropped or all.",
    ),
    all_: bool = typer.Option(False, "--all", help="Every status (as --status all)."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Topics to raise at the next meeting (open ones unless --status says otherwise)."""
    from mentorlog.core import validate

    status = "all" if all_ else common.checked("--status", validate.topic_status, status, allow_all=True)
    with common.journal(write=False) as journal:
        found = journal.topics.list_topics(
            person_id=whom.filter_person_id(journal, with_, announce=not json_), status=status
        )
    empty = (
        _('No open topics. Queue one with: mentorlog topic add "Ask about the budget" --with NAME')
        if status == "open"
        else _("No topics match.")
    )
    lists.show(found, as_json=json_, empty=empty, table=lambda render, width: render.topics_table(found))
