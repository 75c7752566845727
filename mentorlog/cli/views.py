"""`timeline`, `summary` and `agenda`: seeing where you stand."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.base.safe import inert
from mentorlog.cli import common, completion, whom
from mentorlog.cli.root import command_app
from mentorlog.core import humane

if TYPE_CHECKING:
    from mentorlog.core.meetings import SharedAgenda

AGENDA_FORMATS = ("text", "md")  # md: the agenda to share with the other person


def period_bounds(since: str | None, until: str | None, default: str) -> tuple[date, date]:
    start = common.since(since or default)
    end = common.day(until, direction="backward", period_end=True) or common.today()
    assert start is not None
    if start > end:
        raise UsageError(
            _("--since {start} is after --until {end}").format(start=humane.day(start), end=humane.day(end))
        )
    return start, end


def print_view(renderable: object) -> None:
    from mentorlog.render import lists as render

    render.make_console().print(renderable)


def console_width() -> int:
    from mentorlog.render import lists as render

    return render.make_console().width


timeline_app = command_app()


@timeline_app.command()
def timeline(
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="Only this relationship."
    ),
    goal: int | None = typer.Option(None, "--goal", "-g", help="Only this goal and its milestones."),
    since: str = typer.Option("6m", "--since", help="Start: a date or a span back (30d, 6m, 1y)."),
    until: str | None = typer.Option(None, "--until", help="End (default today)."),
    all_: bool = typer.Option(False, "--all", "-a", help="Every item of every month, and every goal."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Progress over time: months (or weeks) as rows with sessions, progress, achievements; a bar per goal.

    A busy month shows its newest items of each kind and how many more there are; --all shows every one.
    """
    from mentorlog.core.reports import MARKS_PER_ROW

    start, end = period_bounds(since, until, "6m")
    with common.journal(write=False) as journal:
        person_id = whom.filter_person_id(journal, with_, announce=not json_)
        data = journal.timeline.timeline(
            start, end, person_id=person_id, goal_id=goal, marks_per_row=None if all_ else MARKS_PER_ROW
        )
    if json_:
        common.print_json(data.to_json())
        return
    from mentorlog.render.reports import timeline_view

    print_view(timeline_view(data, width=console_width(), every_goal=all_))


summary_app = command_app()


@summary_app.command()
def summary(
    since: str = typer.Option("30d", "--since", help="Start: a date or a span back (30d, 6m, 1y)."),
    until: str | None = typer.Option(None, "--until", help="End (default today)."),
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="Only this relationship."
    ),
    json_: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """A period condensed: sessions vs cadence, action completion, goal progress, confidence, tags, highlights.

    Completion rate is the share of the action items created in the period that are done.
    """
    start, end = period_bounds(since, until, "30d")
    with common.journal(write=False) as journal:
        figures = journal.period.summary(
            start, end, person_id=whom.filter_person_id(journal, with_, announce=not json_)
        )
    if json_:
        common.print_json(figures.to_json())
        return
    from mentorlog.render.reports import summary_view

    print_view(summary_view(figures, width=console_width()))


agenda_app = command_app()


@agenda_app.command()
def agenda(
    with_: str | None = typer.Option(
        None,
        "--with",
        "-w",
        autocompletion=completion.person_names,
        help="The person you meet next (default: whoever's next meeting is soonest).",
    ),
    format_: str = typer.Option(
        "text", "--format", "-f", autocompletion=completion.choices(AGENDA_FORMATS), help="text, or md to share."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="md: write to FILE (0600) instead of stdout."),
    questions: int = typer.Option(
        0, "--questions", min=0, max=20, help="Add N questions from the question bank not asked yet with them."
    ),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Prepare the next meeting: last session, cadence, open actions on both sides, topics, stalled goals.

    Without --with: the person whose planned next meeting is soonest; if none is planned, the one
    you have not met for the longest time. `--format md` writes the agenda to share with them: open
    action items of both sides, open topics, shared goals and the next meeting; never private
    sessions, session notes, feedback or reflections.
    """
    shared = agenda_format(format_, output, json_) == "md"
    with common.journal(write=False) as journal:
        person_id = whom.find_person_id(journal, whom.with_name(with_))
        if person_id is None:
            chosen = journal.agenda.agenda_person()
            if chosen is None:
                print_view_empty()
                return
            person_id = chosen.id
        if shared:
            share = journal.shared_agenda.shared_agenda(person_id)
        else:
            brief = journal.agenda.agenda_for(person_id)
        from mentorlog.cli import templates

        asked = templates.agenda_questions(journal, person_id, questions) if questions else []
    if shared:
        write_shared_agenda(share, output, [question.text for question in asked])
        return
    if json_:
        common.print_json({**brief.to_json(), "questions": [question.to_json() for question in asked]})
        return
    from mentorlog.render.reports import agenda_view

    print_view(agenda_view(brief, width=console_width()))
    if asked:
        common.say("")
        common.say(_("Questions to ask (mark one asked: mentorlog questions --asked ID --with NAME)"))
        for question in asked:
            common.say(templates.question_line(question))


today_app = command_app()


@today_app.command("today")
def today(json_: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """The day's dashboard (also plain `mentorlog`): actions due, meetings, what is overdue or stalled."""
    with common.journal(write=False) as journal:
        data = journal.today.today_view()
    if json_:
        common.print_json(data.to_json())
        return
    from mentorlog.render.reports import today_view

    print_view(today_view(data, width=console_width()))


def agenda_format(format_: str, output: Path | None, json_: bool) -> str:
    """The agenda's --format, checked with the options that go with it before the journal is read."""
    fmt = format_.strip().lower()
    if fmt not in AGENDA_FORMATS:
        raise UsageError(_("--format must be text or md, not {format!r}").format(format=format_))
    if json_ and fmt != "text":
        raise UsageError(
            _("--json goes with --format text"), _("The Markdown agenda is for people; --json is for scripts.")
        )
    if output is not None:
        if fmt != "md":
            raise UsageError(_("-o goes with --format md"), _("The text agenda is for the terminal."))
        from mentorlog.store.files import refuse_journal_files

        refuse_journal_files(output, common.state().db_path)
    return fmt


def write_shared_agenda(share: SharedAgenda, output: Path | None, questions: Sequence[str] = ()) -> None:
    """The Markdown agenda (with QUESTIONS to ask) to stdout, or atomically to a private file, saying where on
    stderr."""
    from mentorlog.export import agenda_md

    text = agenda_md.render(share, questions).encode("utf-8")
    if output is None:
        stream = typer.get_binary_stream("stdout")
        stream.write(text)
        stream.flush()
        return
    from mentorlog.store.files import write_atomic

    write_atomic(output, [text], journal=common.state().db_path)
    typer.echo(
        _("Wrote the agenda for the next meeting with {name} to {output}.").format(
            name=inert(share.person.name), output=output
        ),
        err=True,
    )


def print_view_empty() -> None:
    from mentorlog.render import lists as render

    print_view(
        render.empty(_('No people yet. Add one with: mentorlog person add "Dr. Weber" --role mentor --cadence 2w'))
    )


health_app = command_app()


@health_app.command()
def health(
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="Only this relationship (closed too)."
    ),
    since: str = typer.Option("6m", "--since", help="Start (never before the relationship started): 3m, 1y, a date."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """How each relationship is doing: meetings, follow-through of both sides, confidence, topics, goals.

    Each gets `on track`, `watch` or `needs attention`, with the reason; the README lists the thresholds.
    """
    start, end = period_bounds(since, None, "6m")
    with common.journal(write=False) as journal:
        person_id = whom.filter_person_id(journal, with_, announce=not json_)
        found = journal.health.health(start, end, person_id=person_id)
    if json_:
        common.print_json([item.to_json() for item in found])
        return
    from mentorlog.render.health import health_view

    print_view(health_view(found, width=console_width()))
