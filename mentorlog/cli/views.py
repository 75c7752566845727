"""`timeline`, `summary` and `agenda`: seeing where you stand."""

from __future__ import annotations

from datetime import date

import typer

from mentorlog.cli import common, completion
from mentorlog.cli.root import app
from mentorlog.errors import UsageError


def period_bounds(since: str | None, until: str | None, default: str) -> tuple[date, date]:
    start = common.since(since or default)
    end = common.day(until, direction="backward", period_end=True) or common.today()
    assert start is not None
    if start > end:
        raise UsageError(f"--since {start} is after --until {end}")
    return start, end


def print_view(renderable: object) -> None:
    from mentorlog import render

    render.make_console().print(renderable)


def console_width() -> int:
    from mentorlog import render

    return render.make_console().width


@app.command(rich_help_panel="Views")
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
    from mentorlog.reports import MARKS_PER_ROW

    start, end = period_bounds(since, until, "6m")
    with common.journal(write=False) as journal:
        person_id = common.filter_person_id(journal, with_, announce=not json_)
        data = journal.timeline(
            start, end, person_id=person_id, goal_id=goal, marks_per_row=None if all_ else MARKS_PER_ROW
        )
    if json_:
        common.print_json(data.to_json())
        return
    from mentorlog.render_reports import timeline_view

    print_view(timeline_view(data, width=console_width(), every_goal=all_))


@app.command(rich_help_panel="Views")
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
        figures = journal.summary(start, end, person_id=common.filter_person_id(journal, with_, announce=not json_))
    if json_:
        common.print_json(figures.to_json())
        return
    from mentorlog.render_reports import summary_view

    print_view(summary_view(figures, width=console_width()))


@app.command(rich_help_panel="Views")
def agenda(
    with_: str | None = typer.Option(
        None,
        "--with",
        "-w",
        autocompletion=completion.person_names,
        help="The person you meet next (default: whoever's next meeting is soonest).",
    ),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Prepare the next meeting: last session, cadence, open actions on both sides, topics, stalled goals.

    Without --with: the person whose planned next meeting is soonest; if none is planned, the one
    you have not met for the longest time.
    """
    with common.journal(write=False) as journal:
        person_id = common.find_person_id(journal, common.with_name(with_))
        if person_id is None:
            chosen = journal.agenda_person()
            if chosen is None:
                print_view_empty()
                return
            person_id = chosen.id
        brief = journal.agenda_for(person_id)
    if json_:
        common.print_json(brief.to_json())
        return
    from mentorlog.render_reports import agenda_view

    print_view(agenda_view(brief, width=console_width()))


@app.command("today", rich_help_panel="Views")
def today(json_: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """The day's dashboard (also plain `mentorlog`): actions due, meetings, what is overdue or stalled."""
    with common.journal(write=False) as journal:
        data = journal.today_view()
    if json_:
        common.print_json(data.to_json())
        return
    from mentorlog.render_reports import today_view

    print_view(today_view(data, width=console_width()))


def print_view_empty() -> None:
    from mentorlog import render

    print_view(render.empty('No people yet. Add one with: mentorlog person add "Dr. Weber" --role mentor --cadence 2w'))


@app.command(rich_help_panel="Views")
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
        person_id = common.filter_person_id(journal, with_, announce=not json_)
        found = journal.health(start, end, person_id=person_id)
    if json_:
        common.print_json([item.to_json() for item in found])
        return
    from mentorlog.render_health import health_view

    print_view(health_view(found, width=console_width()))
