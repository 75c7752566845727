"""The only module that builds Rich objects. User text always enters as inert `Text`, never as markup."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from mentorlog.humane import relative_days
from mentorlog.models import MATCH_CLOSE, MATCH_OPEN, Action, Goal, Hit, Person, Reflection, Session, Topic
from mentorlog.reports import goal_tree
from mentorlog.safe import inert, one_line

__all__ = ["RenderableType"]  # what commands hand back to be printed, named here for cli/ (no rich import)

BAR_WIDTH = 10
STATUS_STYLE = {
    "done": "dim strike",
    "dropped": "dim strike",
    "achieved": "green",
    "paused": "yellow",
    "discussed": "dim",
}


def make_console(*, stderr: bool = False) -> Console:
    """A console that never interprets markup, emoji codes or highlights in what it prints."""
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


PROGRESS_FROM = 2000  # records; below this a progress bar would only flicker


@contextlib.contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A Rich progress bar on stderr for large jobs on a terminal; None otherwise."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(console=make_console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda step: progress.advance(task, step)


def user(text: str | None, style: str = "") -> Text:
    """User text as inert Text: control characters made visible, no markup."""
    return Text(inert(text or ""), style=style)


def bar_width(width: int) -> int:
    """One bar width for every view at a given terminal width, so bars line up across commands."""
    return 5 if width < NARROW else BAR_WIDTH


def bar(percent: int, width: int = BAR_WIDTH) -> Text:
    filled = round(width * percent / 100)
    style = "green" if percent >= 100 else "cyan"
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"), f" {percent:3d}%")


NARROW = 90  # below this many columns, tables drop relative dates and secondary columns


def when_text(day: str | None, today: date, *, open_item: bool = False, relative: bool = True) -> Text:
    """`2026-12-03 (in 7 days)`, red when an open item is overdue and yellow when due within 3 days."""
    if not day:
        return Text("—", style="dim")
    try:
        delta = (date.fromisoformat(day) - today).days
    except ValueError:
        return user(day)  # not a date (only an imported file could do this): shown as text, inert
    style = ""
    if open_item and delta < 0:
        style = "bold red"
    elif open_item and delta <= 3:
        style = "yellow"
    text = user(day, style)
    if relative:
        text.append(f" ({relative_days(date.fromisoformat(day), today)})", style="dim")
    return text


def local_time(stamp: str | None) -> Text:
    """A stored UTC timestamp as the user's local date and minute."""
    if not stamp:
        return Text("—", style="dim")
    try:
        return Text(datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M"))
    except ValueError:
        return user(stamp)


def empty(message: str) -> Text:
    return Text(message, style="dim")


def plain_table(*columns: str) -> Table:
    table = Table(show_edge=False, box=None, pad_edge=False, header_style="bold", expand=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    return table


def session_heading(session: Session) -> str:
    return session.title or one_line(session.notes, 60) or one_line(session.feedback, 60) or "(no title)"


def sessions_table(sessions: Iterable[Session], today: date, *, width: int = 120) -> Table:
    narrow = width < NARROW
    table = (
        plain_table("id", "date", "with", "title")
        if narrow
        else plain_table("id", "date", "with", "title", "conf.", "tags")
    )
    table.columns[0].justify = "right"
    table.columns[1].no_wrap = True
    for session in sessions:
        title = user(session_heading(session))
        if session.private:
            title.append(" (private)", style="dim")
        cells: list[RenderableType] = [
            str(session.id),
            when_text(session.date, today, relative=not narrow),
            user(session.with_name or "—"),
            title,
        ]
        if not narrow:
            cells += [
                str(session.confidence) if session.confidence else "—",
                user(" ".join(f"#{tag}" for tag in session.tags), "cyan"),
            ]
        table.add_row(*cells)
    return table


def actions_table(actions: Iterable[Action], today: date, *, compact: bool = False, width: int = 120) -> Table:
    """Action items; `compact` leaves out owner, person and status where a heading already says them."""
    listed = list(actions)
    narrow = width < NARROW
    show_status = not compact and (not narrow or any(action.status != "open" for action in listed))
    columns = ["id", "due"] + ([] if compact else ["owner"]) + ([] if compact or narrow else ["with"])
    columns += ["action"] + (["status"] if show_status else [])
    table = plain_table(*columns)
    table.columns[0].justify = "right"
    table.columns[1].no_wrap = True
    for action in listed:
        style = STATUS_STYLE.get(action.status, "")
        cells: list[RenderableType] = [
            str(action.id),
            when_text(action.due, today, open_item=action.status == "open", relative=not narrow),
        ]
        if not compact:
            cells.append(user(action.owner, "bold" if action.owner == "me" else ""))
        if not compact and not narrow:
            cells.append(user(action.with_name or "—"))
        cells.append(user(action.text, style))
        if show_status:
            cells.append(Text(action.status, style=style))
        table.add_row(*cells)
    return table


def _goal_row(table: Table, goal: Goal, today: date, depth: int, narrow: bool) -> None:
    title = user(("  " * depth) + ("└ " if depth else "") + goal.title, STATUS_STYLE.get(goal.status, ""))
    if goal.milestone_total:
        title.append(f"  {goal.milestone_achieved}/{goal.milestone_total} milestones", style="dim")
    cells: list[RenderableType] = [
        str(goal.id),
        title,
        bar(goal.progress, 5 if narrow else BAR_WIDTH),
        when_text(goal.target, today, open_item=goal.status == "active", relative=not narrow),
    ]
    if not narrow:
        cells += [Text(goal.status, style=STATUS_STYLE.get(goal.status, "")), user(goal.with_name or "—")]
    table.add_row(*cells)


def goals_view(goals: list[Goal], today: date, *, headings: bool = True, width: int = 120) -> RenderableType:
    """Goals grouped long-term then short-term, each milestone indented under its parent."""
    narrow = width < NARROW
    by_horizon: dict[str, list[tuple[Goal, int]]] = {"long": [], "short": []}
    root_horizon = "short"
    for goal, depth in goal_tree(goals):  # milestones follow their root goal into its group
        if depth == 0:
            root_horizon = goal.horizon if goal.horizon in by_horizon else "short"
        by_horizon[root_horizon].append((goal, depth))
    parts: list[RenderableType] = []
    for horizon, heading in (("long", "Long-term goals"), ("short", "Short-term goals")):
        if not by_horizon[horizon]:
            continue
        columns = ["id", "goal", "progress", "target"] + ([] if narrow else ["status", "with"])
        table = plain_table(*columns)
        table.columns[0].justify = "right"
        table.columns[2].no_wrap = True
        table.columns[3].no_wrap = True
        for goal, depth in by_horizon[horizon]:
            _goal_row(table, goal, today, depth, narrow)
        parts.extend([Text(heading, style="bold underline"), table, Text("")] if headings else [table])
    return Group(*(parts[:-1] if headings else parts))


def people_table(people: Iterable[Person], today: date, *, width: int = 120) -> Table:
    narrow = width < NARROW
    columns = ["id", "name"] + ([] if narrow else ["role"]) + ["last", "next", "open", "cadence"]
    table = plain_table(*columns)
    table.columns[0].justify = "right"
    for column in table.columns[-4:-2]:
        column.no_wrap = narrow
    for person in people:
        cells: list[RenderableType] = [str(person.id), user(person.name, "bold")]
        if not narrow:
            cells.append(user(person.role))
        cells += [
            when_text(person.last_session, today, relative=not narrow),
            when_text(person.next_session, today, relative=not narrow),
            str(person.open_actions),
            cadence_text(person, today),
        ]
        table.add_row(*cells)
    return table


def cadence_text(person: Person, today: date) -> Text:
    """`14d · on track` or `14d · 3d overdue`: is the meeting rhythm kept?"""
    if not person.cadence_days:
        return Text("—", style="dim")
    every = f"{person.cadence_days}d · "
    if person.next_session and person.next_session >= today.isoformat():
        return Text.assemble(every, ("on track", "green"))
    if person.last_session is None:
        return Text.assemble(every, ("no session yet", "yellow"))
    days = (today - date.fromisoformat(person.last_session)).days
    if days > person.cadence_days:
        return Text.assemble(every, (f"{days - person.cadence_days}d overdue", "bold red"))
    return Text.assemble(every, ("on track", "green"))


def topics_table(topics: Iterable[Topic], *, compact: bool = False) -> Table:
    table = plain_table("id", "topic") if compact else plain_table("id", "with", "topic", "status")
    table.columns[0].justify = "right"
    for topic in topics:
        style = STATUS_STYLE.get(topic.status, "")
        if compact:
            table.add_row(str(topic.id), user(topic.text, style))
            continue
        table.add_row(str(topic.id), user(topic.with_name), user(topic.text, style), Text(topic.status, style=style))
    return table


def reflections_table(reflections: Iterable[Reflection], today: date, *, width: int = 120) -> Table:
    narrow = width < NARROW
    table = (
        plain_table("id", "date", "reflection") if narrow else plain_table("id", "date", "with", "reflection", "tags")
    )
    table.columns[0].justify = "right"
    table.columns[1].no_wrap = True
    for reflection in reflections:
        cells: list[RenderableType] = [str(reflection.id), when_text(reflection.date, today, relative=not narrow)]
        if not narrow:
            cells.append(user(reflection.with_name or "—"))
        cells.append(user(one_line(reflection.text, 100)))
        if not narrow:
            cells.append(user(" ".join(f"#{tag}" for tag in reflection.tags), "cyan"))
        table.add_row(*cells)
    return table


def search_table(hits: Iterable[Hit], today: date, *, width: int = 120) -> Table:
    """Search hits, best first, with the matched words highlighted in the snippet."""
    narrow = width < NARROW
    table = plain_table("kind", "id", "date", "title", "match") if not narrow else plain_table("kind", "id", "match")
    table.columns[1].justify = "right"
    for hit in hits:
        snippet = Text()
        for index, piece in enumerate(hit.snippet.replace(MATCH_CLOSE, MATCH_OPEN).split(MATCH_OPEN)):
            snippet.append(inert(" ".join(piece.split("\n"))), style="bold yellow" if index % 2 else "")
        cells: list[RenderableType] = [hit.kind, str(hit.id)]
        if not narrow:
            cells += [Text(hit.date or "—", style="dim"), user(one_line(hit.title, 40), "bold")]
        cells.append(snippet)
        table.add_row(*cells)
    return table
