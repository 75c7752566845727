"""Rich panels that show one record in full (`mentorlog show KIND ID`). User text always enters as inert Text."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mentorlog.models import Action, Goal, Person, ProgressUpdate, Reflection, Session, Topic
from mentorlog.render import (
    STATUS_STYLE,
    actions_table,
    bar,
    cadence_text,
    goals_view,
    local_time,
    next_meeting_text,
    plain_table,
    topics_table,
    user,
    when_text,
)
from mentorlog.safe import capped, shorten_words


def long_text(text: str) -> Text:
    """User text for a view, at most 20,000 characters and no absurdly long word (--json shows it whole)."""
    shown, left_out = capped(text)
    result = user(shorten_words(shown, 200))
    if left_out:
        result.append(f"\n… {left_out:,} more characters (show … --json has all of it)", style="dim")
    return result


def _fields(*pairs: tuple[str, Text | str]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in pairs:
        grid.add_row(label, value if isinstance(value, Text) else user(value))  # stored values stay inert
    return grid


def _panel(title: str, *body: RenderableType) -> Panel:
    return Panel(Group(*body), title=Text(title, style="bold"), title_align="left", expand=False)


def show_session(session: Session, actions: list[Action], today: date, *, width: int = 120) -> Panel:
    fields = _fields(
        ("date", when_text(session.date, today) + user(f" {session.time}" if session.time else "")),
        ("with", user(session.with_name or "—")),
        ("title", user(session.title or "—")),
        ("confidence", f"{session.confidence}/5" if session.confidence else "—"),
        ("next", when_text(session.next, today)),
        ("tags", user(" ".join(f"#{tag}" for tag in session.tags) or "—", "cyan")),
        ("goals", ", ".join(str(goal_id) for goal_id in session.goal_ids) or "—"),
        ("private", "yes" if session.private else "no"),
    )
    body: list[RenderableType] = [fields]
    if session.notes:
        body += [Text("\nNotes", style="bold"), long_text(session.notes)]
    if session.feedback:
        body += [Text("\nFeedback", style="bold"), long_text(session.feedback)]
    if actions:
        body += [Text("\nAction items", style="bold"), actions_table(actions, today, width=width - 4)]
    return _panel(f"Session {session.id}", *body)


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
        progress.append(f"   milestones {goal.milestone_achieved}/{goal.milestone_total} achieved", style="dim")
    body: list[RenderableType] = [
        _fields(
            ("title", user(goal.title, "bold")),
            ("progress", progress),
            ("status", Text(goal.status, style=STATUS_STYLE.get(goal.status, ""))),
            ("horizon", goal.horizon),
            ("target", when_text(goal.target, today, open_item=goal.status == "active")),
            ("parent", str(goal.parent_id) if goal.parent_id else "—"),
            ("with", user(goal.with_name or "—")),
            ("tags", user(" ".join(f"#{tag}" for tag in goal.tags) or "—", "cyan")),
            ("achieved", goal.achieved_at or "—"),
        )
    ]
    if goal.description:
        body += [Text("\nDescription", style="bold"), long_text(goal.description)]
    if milestones:
        body += [Text("\nMilestones", style="bold"), goals_view(milestones, today, headings=False, width=width - 4)]
    if updates:
        table = plain_table("date", "change", "note")
        for update in updates:
            table.add_row(user(update.date), f"{update.progress_before}% → {update.progress}%", user(update.note))
        body += [Text("\nProgress updates", style="bold"), table]
    if actions:
        body += [Text("\nAction items", style="bold"), actions_table(actions, today, width=width - 4)]
    return _panel(f"Goal {goal.id}", *body)


def show_action(action: Action, today: date) -> Panel:
    return _panel(
        f"Action {action.id}",
        _fields(
            ("text", user(action.text, STATUS_STYLE.get(action.status, ""))),
            ("owner", user(action.owner)),
            ("with", user(action.with_name or "—")),
            ("due", when_text(action.due, today, open_item=action.status == "open")),
            ("status", Text(action.status, style=STATUS_STYLE.get(action.status, ""))),
            ("session", str(action.session_id) if action.session_id else "—"),
            ("goal", str(action.goal_id) if action.goal_id else "—"),
            ("done at", local_time(action.done_at)),
        ),
    )


def show_reflection(reflection: Reflection, today: date) -> Panel:
    return _panel(
        f"Reflection {reflection.id}",
        _fields(
            ("date", when_text(reflection.date, today)),
            ("with", user(reflection.with_name or "—")),
            ("goal", str(reflection.goal_id) if reflection.goal_id else "—"),
            ("tags", user(" ".join(f"#{tag}" for tag in reflection.tags) or "—", "cyan")),
        ),
        Text(""),
        long_text(reflection.text),
    )


def show_person(person: Person, topics: list[Topic], actions: list[Action], today: date, *, width: int = 120) -> Panel:
    body: list[RenderableType] = [
        _fields(
            ("name", user(person.name, "bold")),
            ("role", person.role),
            (
                "status",
                Text(person.status, style="" if person.active else "dim")
                + (user(f" since {person.closed_at}") if person.closed_at else Text("")),
            ),
            ("started", when_text(person.started, today)),
            ("planned end", when_text(person.ends, today)),
            ("cadence", cadence_text(person, today)),
            ("last session", when_text(person.last_session, today)),
            ("next meeting", next_meeting_text(person, today, said=True)),
            ("open actions", str(person.open_actions)),
            ("note", user(person.note or "—")),
        )
    ]
    if person.agreement:
        body += [Text("\nAgreement", style="bold"), long_text(person.agreement)]
    if topics:
        body += [Text("\nOpen topics", style="bold"), topics_table(topics)]
    if actions:
        body += [Text("\nOpen action items", style="bold"), actions_table(actions, today, width=width - 4)]
    return _panel(f"Person {person.id}", *body)


def show_topic(topic: Topic, today: date | None = None) -> Panel:
    return _panel(
        f"Topic {topic.id}",
        _fields(
            ("text", user(topic.text)),
            ("with", user(topic.with_name)),
            ("status", topic.status),
            ("session", str(topic.session_id) if topic.session_id else "—"),
        ),
    )
