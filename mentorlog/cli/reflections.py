"""`reflect` (write a reflection) and `reflections` (list them)."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import N_, _
from mentorlog.cli import common, completion, editor, lists, templates, whom
from mentorlog.cli.root import command_app

if TYPE_CHECKING:
    from mentorlog.core.records import Reflection

PROMPTS = (N_("What went well"), N_("What was hard"), N_("What I learned"), N_("What I will do next"))
CLOSING_PROMPTS = (N_("What we achieved"), N_("What I learned"), N_("What I carry on"))
REFLECT_HELP = N_(
    "Reflection on {day}. Lines starting with @@ are help and are ignored.\n"
    "Write under the prompts; a prompt left empty is dropped. #words become tags. Empty the file to cancel."
)


def reflect_form(day: str, prompts: tuple[str, ...] = PROMPTS, template: tuple[str, str] | None = None) -> str:
    """The editor form: the prompts as headings, or the rendered TEMPLATE (its name and text)."""
    from mentorlog.core import editform

    headings = "".join(f"## {_(prompt)}\n\n\n" for prompt in prompts).rstrip("\n") + "\n"
    shown = common.plain_day(day)
    help_text = _(REFLECT_HELP).format(day=shown)
    if template is not None:
        headings = template[1]
        help_text += "\n" + templates.help_line(template[0])
    return editform.render(editform.Form({}, {"reflection": headings}, help_text))


def from_form(text: str, prompts: tuple[str, ...] = PROMPTS) -> str:
    """The reflection written in the form, without the prompts (or a template's headings) left empty."""
    from mentorlog.core import editform

    written = editform.parse(text, (), ("reflection",)).section("reflection")
    if templates.used_template(text):
        return templates.collect(written, feedback=False)[0]
    return drop_empty_prompts(written, prompts)


def drop_empty_prompts(text: str, prompts: tuple[str, ...] = PROMPTS) -> str:
    """Remove the prompt headings nobody wrote anything under."""
    prompts = (*prompts, *(_(prompt) for prompt in prompts))  # the form was in English or in the chosen language
    sections = re.split(r"(?m)^(## .*)$", text)
    kept = [sections[0].strip()]
    for heading, body in zip(sections[1::2], sections[2::2], strict=True):
        if body.strip():
            kept.append(f"{heading}\n{body.strip()}")
        elif heading[3:].strip() not in prompts:
            kept.append(heading)
    return "\n\n".join(part for part in kept if part)


reflect_app = command_app()


@reflect_app.command()
def reflect(
    text: str | None = typer.Argument(
        None, help="The reflection. Without it: stdin when piped, else $EDITOR with prompts."
    ),
    goal: int | None = typer.Option(None, "--goal", "-g", help="The goal it is about."),
    with_: str | None = typer.Option(
        None,
        "--with",
        "-w",
        autocompletion=completion.person_names,
        help="The person it is about (default_with; '*' for nobody).",
    ),
    date_: str = typer.Option("today", "--date", "-d", help="The date (a bare weekday looks back)."),
    tag: list[str] = typer.Option(
        [], "--tag", autocompletion=completion.tags, help="A tag (repeatable); #words in the text are tags too."
    ),
    create: bool = typer.Option(False, "--create", help="Create the --with person if unknown."),
    draft: bool = typer.Option(False, "--draft", help="Continue the reflection whose text was kept after an error."),
    template_name: str | None = typer.Option(
        None,
        "--template",
        autocompletion=templates.template_names,
        help="A template from `mentorlog templates` to start the editor with.",
    ),
    json_: bool = typer.Option(False, "--json", help="Print the reflection as JSON."),
) -> None:
    """Write down what you learned: what went well, what was hard, what you will do next."""
    from mentorlog.core.editform import is_blank

    day = common.when(date_, direction="backward").day
    plan = whom.plan_person(whom.with_name(with_), create=create, default=whom.is_default(with_))
    templates.refuse_without_editor(template_name, text, draft)
    if draft:
        template = editor.read_draft("reflection", "mentorlog reflect")
    elif template_name is not None:
        name = templates.chosen(template_name, None)
        assert name is not None
        rendered = templates.render(name, plan.id if plan else None, day)
        template = reflect_form(day.isoformat(), template=(name, rendered))
    else:
        template = reflect_form(day.isoformat())
    raw, edited = editor.text_from(text, template, draft="reflection")
    with editor.keeping_draft(raw, "reflection", "mentorlog reflect --draft") if edited else contextlib.nullcontext():
        if edited:
            raw = "" if is_blank(raw) else from_form(raw)
            if not raw:
                raise UsageError(_("nothing recorded: the reflection was empty"))
        reflection = _record(raw, day, goal, plan, tag)
    if json_:
        common.print_json(reflection.to_json())
        return
    about = plan.words(_(" about {name}")) if plan else ""
    common.say(
        _("Recorded reflection {id}{about} on {date}.").format(
            id=reflection.id, about=about, date=common.shown_day(reflection.date)
        )
    )


def _record(raw: str, day: date, goal: int | None, plan: whom.PersonPlan | None, tag: list[str]) -> Reflection:
    tags = common.tags_from(tag, raw)
    with common.journal(write=True) as journal:
        reflection = journal.reflections.add_reflection(
            raw, day=day, goal_id=goal, person_id=plan.person_id(journal) if plan else None, tags=tags
        )
    return reflection


reflections_app = command_app()


@reflections_app.command()
def reflections(
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="Only reflections about this person."
    ),
    goal: int | None = typer.Option(None, "--goal", "-g", help="Only reflections about this goal."),
    since: str | None = typer.Option(None, "--since", help="From this date or span back (30d, 6m)."),
    limit: int | None = lists.limit_option(20),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List reflections, newest first."""
    start = common.since(since)
    with common.journal(write=False) as journal:
        filters: dict[str, Any] = {
            "person_id": whom.filter_person_id(journal, with_, announce=not json_),
            "goal_id": goal,
            "since": start,
        }
        shown = lists.shown(limit, json_, 20)
        found = journal.reflections.list_reflections(**filters, limit=shown)
        total = lists.total(found, shown, lambda: journal.reflections.count_reflections(**filters))
    lists.show(
        found,
        as_json=json_,
        empty=_("No reflections yet. Write one with: mentorlog reflect"),
        table=lambda render, width: render.reflections_table(found, common.today(), width=width),
        total=total,
        noun="reflection",
    )
