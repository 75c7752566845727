"""Rich panels that show one record in full (`mentorlog show KIND ID`). User text always enters as inert Text."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mentorlog.base.i18n import _
from mentorlog.base.safe import capped, shorten_words
from mentorlog.core import humane
from mentorlog.core.humane import word
from mentorlog.core.records import Action, Goal, Person, ProgressUpdate, Reflection, Session, Topic
from mentorlog.core.spans import local_day
from mentorlog.render.lists import (
    STATUS_STYLE,
    actions_table,
    bar,
    cadence_text,
    goals_view,
    next_meeting_text,
    plain_table,
    topics_table,
    user,
    when_text,
)


def long_text(text: str) -> Text:
    """User text for a view, at most 20,000 characters and no absurdly long word (--json shows it whole)."""
    shown, left_out = capped(text)
    result = user(shorten_words(shown, 200))
    if left_out:
        more = _("… {count} more characters (show … --json has all of it)").format(count=f"{left_out:,}")
        result.append("\n" + more, style="dim")
    return result


def _fields(*pairs: tuple[str, Text | str | None]) -> Table:
    """Label and value rows; a row whose value is None is left out."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in pairs:
        if value is None:
            continue
        grid.add_row(label, value if isinstance(value, Text) else user(value))  # stored values stay inert
    return grid


def _sub(heading: str) -> Text:
    return Text("\n" + heading, style="bold")


def _panel(title: str, *body: RenderableType, width: int | None = None) -> Panel:
    """A record's box, as wide as its content needs. WIDTH is the width it will be printed at: when a text
    line fills it anyway, the box is drawn full width without measuring its tables first (what Rich's
    measuring would conclude too, at a third of a `show goal`'s drawing time)."""
    return Panel(Group(*body), title=Text(title, style="bold"), title_align="left", expand=_fills(body, width))


def _fills(body: tuple[RenderableType, ...], width: int | None) -> bool:
    """Whether a Text in BODY has a line at least as wide as a panel's inside at WIDTH (border and padding: 4)."""
    if width is None:
        return False
    inside = width - 4
    return any(
        isinstance(item, Text) and any(cell_len(line) >= inside for line in item.plain.splitlines()) for item in body
    )


def show_session(session: Session, actions: list[Action], today: date, *, width: int = 120) -> Panel:
    fields = _fields(
        (_("date"), when_text(session.date, today) + user(f" {session.time}" if session.time else "")),
        (_("with"), user(session.with_name or "—")),
        (_("title"), user(session.title or "—")),
        (_("confidence"), f"{session.confidence}/5" if session.confidence else "—"),
        (_("next"), when_text(session.next, today)),
        (_("tags"), user(" ".join(f"#{tag}" for tag in session.tags) or "—", "cyan")),
        (_("goals"), ", ".join(str(goal_id) for goal_id in session.goal_ids) or "—"),
        (_("private"), _("yes") if session.private else _("no")),
    )
    body: list[RenderableType] = [fields]
    if session.notes:
        body += [_sub(_("Notes")), long_text(session.notes)]
    if session.feedback:
        body += [_sub(_("Feedback")), long_text(session.feedback)]
    if actions:
        body += [_sub(_("Action items")), actions_table(actions, today, width=width - 4)]
    return _panel(_("Session {id}").format(id=session.id), *body, width=width)


def show_goal(
    goal: Goal,
    milestones: list[Goal],
    updates: list[ProgressUpdate],
    actions: list[Action],
    today: date,
    *,
    width: int = 120,
) -> Panel:
    progress = bar(goal.progress, width)
    if goal.milestone_total:
        said = _("milestones {achieved}/{total} achieved").format(
            achieved=goal.milestone_achieved, total=goal.milestone_total
        )
        progress.append("   " + said, style="dim")
    body: list[RenderableType] = [
        _fields(
            (_("title"), user(goal.title, "bold")),
            (_("progress"), progress),
            (_("status"), Text(word(goal.status), style=STATUS_STYLE.get(goal.status, ""))),
            (_("horizon"), word(goal.horizon)),
            (_("target"), when_text(goal.target, today, open_item=goal.status == "active")),
            (_("parent"), str(goal.parent_id) if goal.parent_id else "—"),
            (_("with"), user(goal.with_name or "—")),
            (_("tags"), user(" ".join(f"#{tag}" for tag in goal.tags) or "—", "cyan")),
            (_("achieved"), humane.day(goal.achieved_at) or "—"),
        )
    ]
    if goal.description:
        body += [_sub(_("Description")), long_text(goal.description)]
    if milestones:
        body += [_sub(_("Milestones")), goals_view(milestones, today, headings=False, width=width - 4)]
    if updates:
        table = plain_table(_("date"), _("change"), _("note"))
        for update in updates:
            table.add_row(
                user(humane.day(update.date)), f"{update.progress_before}% → {update.progress}%", user(update.note)
            )
        body += [_sub(_("Progress updates")), table]
    if actions:
        body += [_sub(_("Action items")), actions_table(actions, today, width=width - 4)]
    return _panel(_("Goal {id}").format(id=goal.id), *body, width=width)


def _done_day(action: Action) -> str | None:
    """The local day a done item was done (`action done --date` sets it; a minute would be made up)."""
    found = local_day(action.done_at) if action.status == "done" else None
    return found.isoformat() if found else None


def show_action(action: Action, today: date) -> Panel:
    return _panel(
        _("Action {id}").format(id=action.id),
        _fields(
            (_("text"), user(action.text, STATUS_STYLE.get(action.status, ""))),
            (_("owner"), user(_("me") if action.owner == "me" else action.owner)),
            (_("with"), user(action.with_name or "—")),
            (_("due"), when_text(action.due, today, open_item=action.status == "open")),
            (_("status"), Text(word(action.status), style=STATUS_STYLE.get(action.status, ""))),
            (_("session"), str(action.session_id) if action.session_id else "—"),
            (_("goal"), str(action.goal_id) if action.goal_id else "—"),
            (_("done on"), when_text(_done_day(action), today)),
        ),
    )


def show_reflection(reflection: Reflection, today: date) -> Panel:
    return _panel(
        _("Reflection {id}").format(id=reflection.id),
        _fields(
            (_("date"), when_text(reflection.date, today)),
            (_("with"), user(reflection.with_name or "—")),
            (_("goal"), str(reflection.goal_id) if reflection.goal_id else "—"),
            (_("tags"), user(" ".join(f"#{tag}" for tag in reflection.tags) or "—", "cyan")),
        ),
        Text(""),
        long_text(reflection.text),
    )


def show_person(person: Person, topics: list[Topic], actions: list[Action], today: date, *, width: int = 120) -> Panel:
    from mentorlog.core.dates import slot_text  # here: the lists that render people do not load the date parser

    body: list[RenderableType] = [
        _fields(
            (_("name"), user(person.name, "bold")),
            (_("role"), word(person.role)),
            (
                _("status"),
                Text(word(person.status), style="" if person.active else "dim")
                + (
                    user(" " + _("since {day}").format(day=humane.day(person.closed_at)))
                    if person.closed_at
                    else Text("")
                ),
            ),
            (_("started"), when_text(person.started, today)),
            (_("planned end"), when_text(person.ends, today)),
            (_("cadence"), cadence_text(person, today)),
            (_("usual slot"), Text(slot_text(person.meets_day, person.meets_time)) if person.meets else None),
            (_("last session"), when_text(person.last_session, today)),
            (_("next meeting"), next_meeting_text(person, today, said=True)),
            (_("open actions"), str(person.open_actions)),
            (_("note"), user(person.note or "—")),
            *(((_("note template"), user(person.template)),) if person.template else ()),
        )
    ]
    if person.agreement:
        body += [_sub(_("Agreement")), long_text(person.agreement)]
    if topics:
        body += [_sub(_("Open topics")), topics_table(topics)]
    if actions:
        body += [_sub(_("Open action items")), actions_table(actions, today, width=width - 4)]
    return _panel(_("Person {id}").format(id=person.id), *body, width=width)


def show_topic(topic: Topic, today: date | None = None) -> Panel:
    return _panel(
        _("Topic {id}").format(id=topic.id),
        _fields(
            (_("text"), user(topic.text)),
            (_("with"), user(topic.with_name)),
            (_("status"), word(topic.status)),
            (_("session"), str(topic.session_id) if topic.session_id else "—"),
        ),
    )
