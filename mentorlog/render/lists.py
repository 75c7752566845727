"""Lists of records on the terminal (sessions, actions, goals, people, topics, reflections, search hits) and the
small pieces every view shares: the console, bars, dates. User text always enters as inert `Text`, never as markup."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.table import Table
from rich.text import Text

from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.base.safe import inert, one_line
from mentorlog.base.values import Value
from mentorlog.core import humane
from mentorlog.core.humane import relative_days, word
from mentorlog.core.records import MATCH_CLOSE, MATCH_OPEN, Action, Goal, Person, Reflection, Session, Topic
from mentorlog.core.spans import local_day

if TYPE_CHECKING:
    from mentorlog.core.hits import Hit

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


def user(text: str | None, style: str = "") -> Text:
    """User text as inert Text: control characters made visible, no markup."""
    return Text(inert(text or ""), style=style)


def bar_width(width: int) -> int:
    """One bar width for every view at a given terminal width, so bars line up across commands."""
    return 5 if width < NARROW else BAR_WIDTH


def bar(percent: int, columns: int) -> Text:
    """A progress bar for a terminal COLUMNS wide: the same length in every view at that width."""
    width = bar_width(columns)
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
    text = user(humane.day(day), style)
    if relative:
        text.append(f" ({relative_days(date.fromisoformat(day), today)})", style="dim")
    return text


def next_meeting_text(person: Person, today: date, *, relative: bool = True, said: bool = False) -> Text:
    """The next meeting: the planned date, else the last session + cadence (dim; SAID: `, by cadence`)."""
    from mentorlog.core.meetings import next_meeting

    meeting = next_meeting(person, today) if person.active else None
    if meeting is None:
        return Text("—", style="dim")
    text = when_text(meeting.day.isoformat(), today, relative=False)
    if meeting.at:
        text.append(" " + meeting.at)
    if relative:
        text.append(f" ({relative_days(meeting.day, today)})", style="dim")
    if not meeting.planned:
        text.stylize("dim")
        if said:
            text.append(_(", by cadence"), style="dim")
    return text


def local_time(stamp: str | None) -> Text:
    """A stored UTC timestamp as the user's local date and minute."""
    if not stamp:
        return Text("—", style="dim")
    try:
        return Text(humane.minute(datetime.fromisoformat(stamp).astimezone()))
    except ValueError:
        return user(stamp)


def empty(message: str) -> Text:
    return Text(message, style="dim")


def plain_table(*columns: str) -> Table:
    table = Table(show_edge=False, box=None, pad_edge=False, header_style="bold", expand=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    return table


STACK_BELOW = 40  # columns; narrower terminals get each row as a small block instead of a squeezed table


class Col(Value):
    """A table column: its header, alignment and whether it may wrap."""

    __slots__ = ("name", "justify", "no_wrap")  # noqa: RUF023 (in the order __init__ takes them)

    def __init__(self, name: str, justify: JustifyMethod = "left", no_wrap: bool = False) -> None:
        self.name, self.justify, self.no_wrap = name, justify, no_wrap


def lay_out(columns: list[Col], rows: list[list[RenderableType]], width: int) -> RenderableType:
    """A table, or below STACK_BELOW columns each row stacked: the first two cells on a line, then
    `name: value` lines for the rest — so nothing is squeezed to nothing on a very narrow terminal."""
    if width >= STACK_BELOW:
        table = Table(show_edge=False, box=None, pad_edge=False, header_style="bold", expand=False)
        for column in columns:
            table.add_column(column.name, overflow="fold", justify=column.justify, no_wrap=column.no_wrap)
        for row in rows:
            table.add_row(*row)
        return table
    blocks: list[RenderableType] = []
    for row in rows:
        head = Text.assemble(_as_text(row[0]), " ", _as_text(row[1]) if len(row) > 1 else "")
        blocks.append(head)
        for column, cell in zip(columns[2:], row[2:], strict=False):
            blocks.append(Text.assemble(("  " + column.name + ": ", "dim"), _as_text(cell)))
    return Group(*blocks)


def _as_text(cell: RenderableType) -> Text:
    return cell if isinstance(cell, Text) else Text(str(cell))


def short_name(name: str | None) -> str:
    """A name for a narrow column: `Anna Schmidt` -> `A. Schmidt`; titles (`Dr.`) and one-word names stay."""
    if not name:
        return "—"
    words = name.split()
    if len(words) < 2:
        return name
    given = [word if word.endswith(".") else word[0] + "." for word in words[:-1]]
    return " ".join([*given, words[-1]])


def session_heading(session: Session) -> str:
    return session.title or one_line(session.notes, 60) or one_line(session.feedback, 60) or _("(no title)")


def _who(name: str | None, narrow: bool, style: str = "") -> Text:
    return user(short_name(name) if narrow else (name or "—"), style)


def sessions_table(sessions: Iterable[Session], today: date, *, width: int = 120) -> RenderableType:
    narrow = width < NARROW
    columns = [Col(_("id"), "right"), Col(_("date"), no_wrap=True), Col(_("with")), Col(_("title"))]
    columns += [] if narrow else [Col(_("conf.")), Col(_("tags"))]
    rows: list[list[RenderableType]] = []
    for session in sessions:
        title = user(session_heading(session))
        if session.private:
            title.append(" " + _("(private)"), style="dim")
        cells: list[RenderableType] = [
            str(session.id),
            when_text(session.date, today, relative=not narrow),
            _who(session.with_name, narrow),
            title,
        ]
        if not narrow:
            cells += [
                str(session.confidence) if session.confidence else "—",
                user(" ".join(f"#{tag}" for tag in session.tags), "cyan"),
            ]
        rows.append(cells)
    return lay_out(columns, rows, width)


def actions_table(
    actions: Iterable[Action],
    today: date,
    *,
    compact: bool = False,
    width: int = 120,
    group: bool = False,
    done_column: bool = False,
) -> RenderableType:
    """Action items with whose they are and with whom, at every width (names shortened when narrow);
    `compact` leaves out owner and person where a heading already says them. The status column shows
    only when some item is not open."""
    listed = list(actions)
    narrow = width < NARROW
    show_status = not compact and any(action.status != "open" for action in listed)
    # the day each was done (`actions`, when it lists done items)
    show_done = done_column and not compact and any(action.status == "done" for action in listed)
    columns = [Col(_("id"), "right"), Col(_("due"), no_wrap=True)]
    columns += [Col(_("done"), no_wrap=True)] if show_done else []
    columns += [] if compact else [Col(_("owner"))] + ([] if group else [Col(_("with"))])
    columns += [Col(_("action"))] + ([Col(_("status"))] if show_status else [])
    rows: list[list[RenderableType]] = []
    for action in listed:
        style = STATUS_STYLE.get(action.status, "")
        cells: list[RenderableType] = [
            str(action.id),
            when_text(action.due, today, open_item=action.status == "open", relative=not narrow),
        ]
        if show_done:
            done_day = local_day(action.done_at) if action.status == "done" else None
            cells.append(when_text(done_day.isoformat() if done_day else None, today, relative=False))
        if not compact:
            # `them` where the person's name is already on the row or heading; German `sie/er`, the word
            # `owner:sie/er` takes (a surname alone read as a third person)
            them = (narrow or group) and action.with_name and action.owner == action.with_name
            owner = (_("me") if action.owner == "me" else action.owner) if not them else _("them")
            cells.append(_who(owner, narrow, "bold" if action.owner == "me" else ""))
            if not group:
                cells.append(_who(action.with_name, narrow))
        cells.append(user(action.text, style))
        if show_status:
            cells.append(Text(word(action.status), style=style))
        rows.append(cells)
    return lay_out(columns, rows, width)


GROUP_COUNTS = {"open": N_("{n} open"), "done": N_("{n} done"), "dropped": N_("{n} dropped")}


def group_counts(items: list[Action], today: date) -> str:
    """What a group lists, by status (`2 open, 1 overdue, 9 done`): never `11 open` over eleven done items."""
    parts = []
    for status, said in GROUP_COUNTS.items():
        count = sum(1 for action in items if action.status == status)
        if count:
            parts.append(_(said).format(n=count))
        late = sum(1 for a in items if a.status == "open" and a.due and a.due < today.isoformat())
        if status == "open" and late:
            parts.append(_("{n} overdue").format(n=late))
    return ", ".join(parts)


def actions_by_person(actions: Iterable[Action], today: date, *, width: int = 120) -> RenderableType:
    """Action items grouped by relationship (items with nobody last), each group in its own table."""
    groups: dict[str, list[Action]] = {}
    for action in actions:
        groups.setdefault(action.with_name or "", []).append(action)
    parts: list[RenderableType] = []
    for name in sorted(groups, key=lambda n: (n == "", n.casefold())):
        items = groups[name]
        heading = user(name or _("No person"), "bold underline")
        heading.append("  " + group_counts(items, today), style="dim")
        parts += [heading, actions_table(items, today, width=width, group=True, done_column=True), Text("")]
    return Group(*parts[:-1])


def _goal_cells(goal: Goal, today: date, depth: int, narrow: bool, twin: bool, whose: bool) -> list[RenderableType]:
    title = user(("  " * depth) + ("└ " if depth else "") + goal.title, STATUS_STYLE.get(goal.status, ""))
    if twin and goal.target:
        title.append(" " + _("(target {day})").format(day=humane.day(goal.target)), style="dim")  # told apart
    if goal.milestone_total:
        milestones = _("{achieved}/{total} milestones").format(
            achieved=goal.milestone_achieved, total=goal.milestone_total
        )
        title.append("  " + milestones, style="dim")
    cells: list[RenderableType] = [
        str(goal.id),
        title,
        bar(goal.progress, 120 if not narrow else 60),
        when_text(goal.target, today, open_item=goal.status == "active", relative=not narrow),
    ]
    if not narrow:
        cells.append(Text(word(goal.status), style=STATUS_STYLE.get(goal.status, "")))
    if whose:
        cells.append(_who(goal.with_name, narrow))
    return cells


def goals_view(goals: list[Goal], today: date, *, headings: bool = True, width: int = 120) -> RenderableType:
    """Goals grouped long-term then short-term, each milestone indented under its parent."""
    from mentorlog.core.trees import goal_tree

    narrow = width < NARROW
    by_horizon: dict[str, list[tuple[Goal, int]]] = {"long": [], "short": []}
    root_horizon = "short"
    for goal, depth in goal_tree(goals):  # milestones follow their root goal into its group
        if depth == 0:
            root_horizon = goal.horizon if goal.horizon in by_horizon else "short"
        by_horizon[root_horizon].append((goal, depth))
    titles = Counter((goal.title, goal.with_name) for goal in goals)
    # whose goal it is, at every width; a narrow list of one person's goals says it once, not per row
    whose = not narrow or len({goal.with_name for goal in goals}) > 1
    parts: list[RenderableType] = []
    for horizon, heading in (("long", _("Long-term goals")), ("short", _("Short-term goals"))):
        if not by_horizon[horizon]:
            continue
        columns = [Col(_("id"), "right"), Col(_("goal")), Col(_("progress"), no_wrap=True)]
        columns += [Col(_("target"), no_wrap=True)]
        columns += ([] if narrow else [Col(_("status"))]) + ([Col(_("with"))] if whose else [])
        rows = [
            _goal_cells(goal, today, depth, narrow, titles[(goal.title, goal.with_name)] > 1, whose)
            for goal, depth in by_horizon[horizon]
        ]
        table = lay_out(columns, rows, width)
        parts.extend([Text(heading, style="bold underline"), table, Text("")] if headings else [table])
    return Group(*(parts[:-1] if headings else parts))


TIGHT = 70  # below this many columns the people list drops the last meeting and shortens the cadence


def people_table(people: Iterable[Person], today: date, *, width: int = 120) -> RenderableType:
    narrow, tight = width < NARROW, width < TIGHT
    # tight (50 columns): the last meeting gives way, and the role too when names and cadences would wrap
    columns = [Col(_("id"), "right"), Col(_("name"), no_wrap=tight), Col(_("role"))]
    columns += [] if tight else [Col(_("last"), no_wrap=narrow)]
    columns += [Col(_("next"), no_wrap=narrow), Col(_("open")), Col(_("cadence"))]
    listed = list(people)

    def build(relative: bool, relative_last: bool) -> list[list[RenderableType]]:
        rows: list[list[RenderableType]] = []
        for person in listed:
            name = user(short_name(person.name) if tight else person.name, "bold")
            if person.status != "active" and not tight:  # tight: the cadence column says it
                name.append(" " + _("(closed)"), style="dim")
            cells: list[RenderableType] = [str(person.id), name, user(word(person.role))]
            if not tight:
                cells.append(when_text(person.last_session, today, relative=relative_last))
            cells += [
                next_meeting_text(person, today, relative=relative),
                str(person.open_actions),
                cadence_text(person, today, short=tight),
            ]
            rows.append(cells)
        return rows

    rows = build(not narrow, not narrow)
    # longer words (German) that would wrap: the last meeting's `(3 days ago)` gives way, then the next one's
    for relative, relative_last in ((True, False), (False, False)):
        if narrow or _natural_width(columns, rows) <= width:
            break
        rows = build(relative, relative_last)
    if tight and _natural_width(columns, rows) > width:
        del columns[2]
        for cells in rows:
            del cells[2]
    return lay_out(columns, rows, width)


def _natural_width(columns: list[Col], rows: list[list[RenderableType]]) -> int:
    """The width a table needs with no cell wrapped: its widest cell per column, two spaces between columns."""
    widths = [Text(column.name).cell_len for column in columns]
    for row in rows:
        widths = [max(widest, _as_text(cell).cell_len) for widest, cell in zip(widths, row, strict=True)]
    return sum(widths) + 2 * (len(widths) - 1)


def cadence_text(person: Person, today: date, *, short: bool = False) -> Text:
    """`14d · on track` or `14d · 3d overdue` (SHORT: without the interval): is the meeting rhythm kept?"""
    if person.status == "closed":
        closed = _("closed") if short else _("closed {day}").format(day=humane.day(person.closed_at))
        return Text(closed, style="dim")
    if not person.cadence_days:
        return Text("—", style="dim")
    every = "" if short else _("{days}d · ").format(days=person.cadence_days)
    if person.next_session and person.next_session >= today.isoformat():
        return Text.assemble(every, (_("on track"), "green"))
    if person.last_session is None:
        return Text.assemble(every, (_("none yet") if short else _("no session yet"), "yellow"))
    days = (today - date.fromisoformat(person.last_session)).days
    if days > person.cadence_days:
        late = days - person.cadence_days
        return Text.assemble(
            every, (ngettext("{days}d overdue", "{days}d overdue", late).format(days=late), "bold red")
        )
    return Text.assemble(every, (_("on track"), "green"))


def topics_table(topics: Iterable[Topic], *, compact: bool = False, width: int = 120) -> RenderableType:
    columns = [Col(_("id"), "right")] + ([] if compact else [Col(_("with"))]) + [Col(_("topic"))]
    columns += [] if compact else [Col(_("status"))]
    rows: list[list[RenderableType]] = []
    for topic in topics:
        style = STATUS_STYLE.get(topic.status, "")
        if compact:
            rows.append([str(topic.id), user(topic.text, style)])
        else:
            rows.append(
                [str(topic.id), _who(topic.with_name, width < NARROW), user(topic.text, style),
                 Text(word(topic.status), style=style)]
            )  # fmt: skip
    return lay_out(columns, rows, width)


def reflections_table(reflections: Iterable[Reflection], today: date, *, width: int = 120) -> RenderableType:
    narrow = width < NARROW
    columns = [Col(_("id"), "right"), Col(_("date"), no_wrap=True), Col(_("with")), Col(_("reflection"))]
    columns += [] if narrow else [Col(_("tags"))]
    rows: list[list[RenderableType]] = []
    for reflection in reflections:
        cells: list[RenderableType] = [
            str(reflection.id),
            when_text(reflection.date, today, relative=not narrow),
            _who(reflection.with_name, narrow),
            user(first_sentence(reflection.text)),
        ]
        if not narrow:
            cells.append(user(" ".join(f"#{tag}" for tag in reflection.tags), "cyan"))
        rows.append(cells)
    return lay_out(columns, rows, width)


def first_sentence(text: str, width: int = 100) -> str:
    """A reflection's gist: its first line of prose (prompt headings like `## What went well` skipped)."""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return one_line(line, width)
    return one_line(text, width)


def search_table(hits: Iterable[Hit], today: date, *, width: int = 120) -> RenderableType:
    """Search hits, best first, with the matched words highlighted in the snippet."""
    narrow = width < NARROW
    columns = [Col(_("kind")), Col(_("id"), "right")]
    columns += [Col(_("with"))] + ([] if narrow else [Col(_("date")), Col(_("title"))]) + [Col(_("match"))]
    rows: list[list[RenderableType]] = []
    for hit in hits:
        snippet = Text()
        for index, piece in enumerate(hit.snippet.replace(MATCH_CLOSE, MATCH_OPEN).split(MATCH_OPEN)):
            snippet.append(inert(" ".join(piece.split("\n"))), style="bold yellow" if index % 2 else "")
        cells: list[RenderableType] = [word(hit.kind), str(hit.id), _who(hit.with_name, narrow)]
        if not narrow:
            cells += [Text(humane.day(hit.date) or "—", style="dim"), user(one_line(hit.title, 40), "bold")]
        cells.append(snippet)
        rows.append(cells)
    return lay_out(columns, rows, width)
