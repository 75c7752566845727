"""Rich views of the reports: timeline, summary and agenda. User text always enters as inert Text."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mentorlog.base.i18n import N_, _, german, ngettext
from mentorlog.base.safe import inert, one_line
from mentorlog.core import humane
from mentorlog.core.humane import relative_days, word
from mentorlog.core.textparse import highlight
from mentorlog.render.lists import (
    actions_table,
    bar,
    cadence_text,
    empty,
    next_meeting_text,
    short_name,
    topics_table,
    user,
    when_text,
)

if TYPE_CHECKING:  # types only: summary and timeline do not load the agenda's and today's modules, today not
    # the report dataclasses
    from mentorlog.core.meetings import Agenda, Meeting, Today
    from mentorlog.core.reports import ActionFigures, GoalChange, PersonFigures, Row, Summary, Timeline

MARKS = {
    "session": ("●", "cyan"),
    "progress": ("▲", "blue"),
    "achieved": ("★", "bold green"),
    "action": ("✓", "green"),
    "reflection": ("✎", "magenta"),
    "closed": ("■", "bold yellow"),
    "rating": ("◆", "yellow"),
}
GOALS_SHOWN = 12  # goals in a summary or timeline: the ones that moved most
LEGEND = N_("● session  ▲ progress  ★ achieved  ✓ done  ✎ reflection  ◆ rating  ■ closed")  # under 80 columns


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


CLOSED_MARK = re.compile(r"^Relationship with (.*) closed$", re.DOTALL)
RATING_DETAIL = re.compile(r"^(?:(\d+) → |level )(\d+) · (.*)$", re.DOTALL)


def _mark_words(mark: Any) -> tuple[str, str]:
    """A mark's text and detail in the chosen language: the store writes the English words of a closing
    (`Relationship with Chen Li closed`), of a rating (`level 3 · me`) and of my done action (`me · Dr. Weber`); a
    German view says them in German."""
    text, detail = mark.text, mark.detail
    if not german():
        return text, detail
    if mark.kind == "closed" and (closed := CLOSED_MARK.match(text)):
        text = _("Relationship with {name} closed").format(name=closed.group(1))
    if mark.kind == "rating" and (rated := RATING_DETAIL.match(detail)):
        before, level, by = rated.groups()
        level_text = f"{before} → {level}" if before else _("level {level}").format(level=level)
        detail = f"{level_text} · {_mine(by)}"
    if mark.kind == "action":
        detail = _mine(detail)
    return text, detail


def _mine(who: str) -> str:
    """`me` or `me · Dr. Weber` (mine, in that relationship) in the chosen language; a name as it is."""
    if who == "me" or who.startswith("me · "):
        return _("me") + who[2:]
    return who


def _mark_line(mark: Any) -> Text:
    symbol, style = MARKS[mark.kind]
    text, detail = _mark_words(mark)
    line = Text.assemble((f"{symbol} ", style), user(_mark_day(mark.day), "dim"), " ")
    line.append_text(user(one_line(text, 70)))
    if detail:
        line.append(f"  {one_line(detail, 40)}", style="dim" if mark.kind != "progress" else "blue")
    return line


def _mark_day(day: str) -> str:
    """`11-26` (German `26.11.`): the day within its month's row."""
    shown_day = humane.day(day)
    return shown_day[:6] if shown_day != day else day[5:]


def _row_label(row: Row) -> str:
    """The row's month (`Nov 2026`) or week (`Nov 23-29`) in the chosen language; --json keeps the English."""
    if not german():
        return row.label
    if len(row.key) == 7:
        return humane.month_year(row.start)
    monday = date.fromisoformat(row.key)
    sunday = monday + timedelta(days=6)
    if sunday.month == monday.month:
        return f"{monday.day}.–{sunday.day}. {humane.month(monday)}"
    return f"{monday.day}. {humane.month(monday)} – {sunday.day}. {humane.month(sunday)}"


def _counts(row: Row) -> Text:
    """`●4 ▲2 ✓5` for a row: how much happened, by kind, in its colours."""
    if not row.total:
        return Text("—", style="dim")
    line = Text()
    for kind, (symbol, style) in MARKS.items():
        count = row.counts.get(kind, 0)
        if count:
            line.append(f"{symbol}{count} ", style=style)
    return line


def timeline_view(data: Timeline, *, width: int = 120, every_goal: bool = False) -> RenderableType:
    if data.is_empty:
        return empty(
            _("Nothing happened between {since} and {until}. Record a session with: mentorlog note --with NAME").format(
                since=humane.day(data.since), until=humane.day(data.until)
            )
        )
    table = Table(show_header=False, box=None, pad_edge=False, expand=False, padding=(0, 1))
    table.add_column("when", style="bold", no_wrap=True)
    table.add_column("what", overflow="fold")
    for row in data.rows:  # one table row per month (or week), its marks as lines of one cell: far cheaper to render
        cell = _counts(row)
        for mark in row.marks:
            cell.append("\n")
            cell.append_text(_mark_line(mark))
        if row.total > len(row.marks):
            cell.append("\n")
            more = row.total - len(row.marks)
            cell.append_text(empty(_("… and {count} more (--all shows every one)").format(count=more)))
        table.add_row(_row_label(row), cell)
    parts: list[RenderableType] = [
        Text(
            _("Timeline {since} → {until}").format(since=humane.day(data.since), until=humane.day(data.until)),
            style="bold",
        ),
        Text(_(LEGEND), style="dim"),
        Text(""),
        table,
    ]
    if data.goals:
        goals = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
        goals.add_column(_("goal"), overflow="fold")
        goals.add_column(_("progress"), no_wrap=True)
        goals.add_column(_("change"), no_wrap=True, justify="right")
        for goal in data.goals if every_goal else _most_moved(data.goals):
            title = user(("  " * goal.depth) + ("└ " if goal.depth else "") + goal.title)
            if goal.status != "active":
                title.append(f" ({word(goal.status)})", style="dim")
            change = Text(f"{goal.start}% → {goal.end}%", style="green" if goal.delta > 0 else "dim")
            goals.add_row(title, bar(goal.end, width), change)
        parts += [Text(""), _heading(_("Goals")), goals]
        if len(data.goals) > GOALS_SHOWN and not every_goal:
            more = len(data.goals) - GOALS_SHOWN
            parts.append(empty(_("{count} more goals not shown (--all shows every one)").format(count=more)))
    return Group(*parts)


def _most_moved(goals: list[GoalChange]) -> list[GoalChange]:
    """The GOALS_SHOWN goals that moved most, kept in tree order."""
    moved = {goal.id for goal in sorted(goals, key=lambda g: -abs(g.delta))[:GOALS_SHOWN]}
    return [goal for goal in goals if goal.id in moved]


def _people_figures(people: list[PersonFigures], width: int) -> RenderableType:
    """Each relationship on its own line: meetings against its cadence, its confidence trend, open items.

    The sparkline shows the latest ratings that fit beside the other columns (at least 8), so that a
    year of weekly sessions does not squeeze the names into a column four letters wide."""
    headers = (_("with"), _("sessions"), _("confidence"), _("open"))
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for index, name in enumerate(headers):
        table.add_column(name, overflow="fold", no_wrap=index > 0)
    rows: list[tuple[Text, Text, Text]] = []  # who, sessions held, open items: each person's, in order
    for person in people:
        held = Text(str(person.sessions))
        if person.expected:
            held.append(
                " " + _("of {expected}").format(expected=person.expected),
                style="green" if person.sessions >= person.expected else "yellow",
            )
        items = Text(str(person.open))
        if person.overdue:
            items.append(" " + _("({overdue} overdue)").format(overdue=person.overdue), style="bold red")
        name = short_name(person.name) if width < 90 else person.name
        rows.append((Text.assemble(user(name, "bold"), (f" {word(person.role)}", "dim")), held, items))
    others = sum(  # the widest cell (or header) of each column beside the sparkline's
        max([cell_len(header), *(row[index].cell_len for row in rows)])
        for index, header in enumerate((headers[0], headers[1], headers[3]))
    )
    room = max(8, width - others - 6 - len(" 5→5"))  # 6: the gaps between four columns
    for (who, held, items), person in zip(rows, people, strict=True):
        trend = person.confidence
        trend_cell = (
            Text.assemble((trend.sparkline[-room:], "cyan"), f" {trend.first}→{trend.last}")
            if trend.first is not None
            else Text("—", style="dim")
        )
        table.add_row(who, held, trend_cell, items)
    return table


def action_counts(actions: ActionFigures) -> tuple[str, str]:
    """Created and done in a period, each said for what it is: the items done in the period are not only those
    created in it, so `2 created · 3 done` never stands without saying so."""
    if actions.created:
        created = ngettext(
            "{created} created in the period, {done} of it done ({percent}%)",
            "{created} created in the period, {done} of them done ({percent}%)",
            actions.created,
        ).format(
            created=actions.created, done=actions.created_done, percent=round((actions.completion_rate or 0) * 100)
        )
    else:
        created = _("none created in the period")
    done = _("{done} done in the period · {open} open").format(done=actions.done, open=actions.open)
    return created, done


def summary_view(data: Summary, *, width: int = 120) -> RenderableType:
    actions, confidence = data.actions, data.confidence
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    held = Text(_("{count} held").format(count=data.sessions))
    if data.expected:
        style = "green" if data.sessions >= data.expected else "yellow"
        held.append(" · " + _("{expected} expected by cadence").format(expected=data.expected), style=style)
    grid.add_row(_("sessions"), held)
    created, done = action_counts(actions)
    grid.add_row(_("actions"), Text(created))
    grid.add_row(
        "",
        Text.assemble(
            done + " · ",
            (_("{overdue} overdue").format(overdue=actions.overdue), "bold red" if actions.overdue else ""),
        ),
    )
    if confidence.first is not None and len([p for p in data.people if p.confidence.first is not None]) <= 1:
        said = _("first {first} · last {last} · average {average}").format(
            first=confidence.first, last=confidence.last, average=humane.decimal(confidence.average)
        )
        grid.add_row(_("confidence"), Text.assemble((confidence.sparkline, "cyan"), "  " + said))
    if data.tags:
        grid.add_row(_("top tags"), user("  ".join(f"#{tag} ({count})" for tag, count in data.tags[:6]), "cyan"))
    title = _("Summary {since} → {until}").format(since=humane.day(data.since), until=humane.day(data.until))
    parts: list[RenderableType] = [Text(title, style="bold"), grid]
    if len(data.people) > 1:
        parts += [Text(""), _heading(_("Per relationship")), _people_figures(data.people, width)]
    if data.goals:
        goals = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        goals.add_column(_("goal"), overflow="fold")
        goals.add_column(_("now"), no_wrap=True)
        goals.add_column(_("change"), no_wrap=True, justify="right")
        for goal in _most_moved(data.goals):
            delta = goal.delta
            goals.add_row(
                user(("  " * goal.depth) + ("└ " if goal.depth else "") + goal.title),
                bar(goal.end, width),
                Text(f"{delta:+d}", style="green" if delta > 0 else ("red" if delta < 0 else "dim")),
            )
        parts += [Text(""), _heading(_("Goals")), goals]
        if len(data.goals) > GOALS_SHOWN:
            more = len(data.goals) - GOALS_SHOWN
            parts.append(empty(_("{count} more goals not shown (see --json)").format(count=more)))
    if data.skills:
        from mentorlog.render.skills import skill_changes_table

        parts += [Text(""), _heading(_("Skills rated")), skill_changes_table(data.skills)]
    if data.feedback or data.reflections:
        parts += [Text(""), _heading(_("Highlights"))]
        for quote in data.feedback:
            who = f" ({quote.with_name})" if quote.with_name else ""
            parts.append(
                Text.assemble(
                    ("“ ", "yellow"),
                    (humane.day(quote.date), "dim"),
                    " ",
                    user(one_line(quote.text, 160)),
                    user(who, "dim"),
                )
            )
        for quote in data.reflections:
            parts.append(
                Text.assemble(
                    ("✎ ", "magenta"), (humane.day(quote.date), "dim"), " ", user(one_line(highlight(quote.text), 160))
                )
            )
    if data.is_empty:
        parts.append(empty(_("Nothing recorded in this period yet. Start with: mentorlog note --with NAME")))
    return Group(*parts)


def agenda_view(brief: Agenda, *, width: int = 120) -> RenderableType:
    from mentorlog.core.health import REMINDER_WORDS, shown

    today: date = brief.today
    person = brief.person
    last = brief.last_session
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    if brief.days_since_last is None:
        grid.add_row(_("last session"), Text(_("none yet"), style="yellow"))
    else:
        last_day = today - timedelta(days=brief.days_since_last)
        grid.add_row(_("last session"), Text(relative_days(last_day, today)))
    grid.add_row(_("cadence"), cadence_text(person, today))
    grid.add_row(_("next meeting"), next_meeting_text(person, today, said=True))
    body: list[RenderableType] = [grid]
    if brief.attention:
        body += [Text(""), Text(_("⚠ Needs attention (mentorlog health)"), style="bold red")]
        body += [Text.assemble(("  • ", "red"), user(shown(reason))) for reason in brief.attention]
    if brief.agreement_reminder:
        when = _(REMINDER_WORDS.get(brief.agreement_reminder, brief.agreement_reminder))
        body += [Text(""), _heading(_("Your agreement ({when} of the relationship)").format(when=when))]
        body.append(user(person.agreement))
    if last:
        body += [Text(""), _heading(_("Last time"))]
        body.append(
            Text.assemble(
                (humane.day(last.date), "dim"),
                "  ",
                user(last.title or one_line(last.notes, 80) or _("(no title)"), "bold"),
            )
        )
        if last.feedback:
            body.append(Text.assemble((_("feedback: "), "dim"), user(last.feedback)))
        if last.notes:
            body.append(user(one_line(last.notes, 300), "dim"))
    sides = (
        (_("My open actions"), brief.mine, "mine"),
        (_("{name}'s open actions").format(name=person.name), brief.theirs, "theirs"),
    )
    for title, items, key in sides:
        body += [Text(""), _heading(title)]
        body.append(actions_table(items, today, compact=True, width=width - 4) if items else empty(_("none")))
        if brief.more.get(key):
            body.append(empty(_("… and {count} more (mentorlog actions --with …)").format(count=brief.more[key])))
    body += [Text(""), _heading(_("Topics to raise"))]
    body.append(
        topics_table(brief.topics, compact=True)
        if brief.topics
        else empty(
            _("none — add one with: mentorlog topic add TEXT --with {name}").format(
                name=person.name.split()[-1].lower()
            )
        )
    )
    if brief.stale_goals:
        body += [Text(""), _heading(_("Goals without progress for 4 weeks"))]
        stale = Table(show_header=False, box=None, pad_edge=False)
        stale.add_column(justify="right")
        stale.add_column(overflow="fold")
        stale.add_column(no_wrap=True)
        for goal in brief.stale_goals:
            stale.add_row(str(goal.id), user(goal.title), bar(goal.progress, width))
        body.append(stale)
        if brief.more.get("stale_goals"):
            body.append(empty(_("… and {count} more").format(count=brief.more["stale_goals"])))
    if brief.growth or brief.gaps:
        from mentorlog.render.skills import GAPS_HEADING, gap_lines, growth_lines

        if brief.growth:
            body += [Text(""), _heading(_("Growth areas for active goals")), *growth_lines(brief.growth)]
        if brief.gaps:
            body += [Text(""), _heading(_(GAPS_HEADING)), *gap_lines(brief.gaps)]
    if brief.reflections:
        body += [Text(""), _heading(_("Reflections since"))]
        for reflection in brief.reflections:
            body.append(Text.assemble((humane.day(reflection.date), "dim"), "  ", user(one_line(reflection.text, 160))))
    heading = Text.assemble(_("Agenda: "), (user(person.name).plain, "bold"), f" ({inert(word(person.role))})")
    return Panel(Group(*body), title=heading, title_align="left")


START_HINT = N_(
    "Nothing in your journal yet. Start with the person you meet:\n"
    '  mentorlog person add "Dr. Weber" --role mentor --cadence 2w   (or try: mentorlog demo)'
)


def today_view(data: Today, *, width: int = 120) -> RenderableType:
    """The day's dashboard: my items due, theirs per person, meetings, what is overdue or stalled."""
    from mentorlog.core.health import shown

    if data.empty:
        return empty(_(START_HINT))
    today = data.today
    title = _("Today, {weekday} {day}").format(weekday=humane.weekday(today), day=humane.day(today))
    parts: list[RenderableType] = [Text(title, style="bold")]

    def section(title: str, *body: RenderableType) -> None:
        parts.extend([Text(""), _heading(title), *body])

    if data.attention:
        lines = [
            Text.assemble(("⚠ ", "red"), user(name, "bold"), ": ", user(shown(reason)))
            for name, reasons in data.attention.items()
            for reason in reasons
        ]
        section(_("Needs attention (mentorlog health)"), *lines)

    more_mine = _("… and {count} more (mentorlog actions --owner me)").format(count=data.more.get("mine"))
    section(
        _("My actions: overdue and due this week"),
        actions_table(data.mine, today, compact=True, width=width) if data.mine else empty(_("none")),
        *([empty(more_mine)] if data.more.get("mine") else []),
    )
    if data.theirs:
        body: list[RenderableType] = []
        for name, items in data.theirs.items():
            body += [user(name, "bold"), actions_table(items, today, compact=True, width=width)]
        section(_("Theirs: overdue and due this week"), *body)
    section(
        _("Meetings in the next 7 days"),
        _meetings(data.meetings, today) if data.meetings else empty(_("none planned")),
    )
    if data.overdue:
        section(_("Overdue for a meeting"), _meetings(data.overdue, today))
    if data.stale_goals:
        stale = Table(show_header=False, box=None, pad_edge=False)
        stale.add_column(justify="right")
        stale.add_column(overflow="fold")
        stale.add_column(no_wrap=True)
        for goal in data.stale_goals:
            stale.add_row(str(goal.id), user(goal.title), bar(goal.progress, width))
        section(_("Goals without progress for 4 weeks"), stale)
    if data.topics:
        lines = [
            Text.assemble(user(name, "bold"), ": ", user("; ".join(one_line(t.text, 60) for t in topics)))
            for name, topics in data.topics.items()
        ]
        section(_("Open topics"), *lines)
    return Group(*parts)


def _meetings(meetings: list[Meeting], today: date) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(overflow="fold")
    table.add_column(no_wrap=True)
    table.add_column(style="dim")
    for meeting in meetings:
        how = _("planned") if meeting.planned else _("by cadence ({days}d)").format(days=meeting.person.cadence_days)
        day = when_text(meeting.day.isoformat(), today, open_item=True)
        if meeting.at:  # the time after the day, before how far off it is: `2026-12-01 10:00 (in 5 days)`
            day = when_text(meeting.day.isoformat(), today, open_item=True, relative=False)
            day.append(" " + meeting.at, style=day.style)
            day.append(f" ({relative_days(meeting.day, today)})", style="dim")
        table.add_row(user(meeting.person.name, "bold"), day, how)
    return table
