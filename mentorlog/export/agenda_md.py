"""The agenda to share with the other person, as Markdown (`agenda --with NAME --format md`).

It holds only what both sides may see: open action items of both sides, open topics, the goals shared with
that person and the next meeting — the SharedAgenda carries nothing else (no session notes, no feedback,
no reflections, nothing from a private session). User text is escaped as in the review (export/markdown.py):
it cannot make a heading, a list, a link or HTML, and control characters show as `\\xNN`.
"""

from __future__ import annotations

from datetime import date

from mentorlog.dates import format_day
from mentorlog.export.markdown import md_inline
from mentorlog.humane import counted, relative_days
from mentorlog.meetings import SharedAgenda
from mentorlog.models import Action, Goal


def due_text(action: Action, today: date) -> str:
    """When an item is due, in words: `due 2026-12-04, Fri (in 8 days)`, `**overdue by 3 days** (…)`."""
    if not action.due:
        return "no due date"
    due = date.fromisoformat(action.due)
    if due < today:
        return f"**overdue by {counted((today - due).days, 'day')}** (due {format_day(due, today)})"
    if (due - today).days <= 1:
        return f"due {relative_days(due, today)} ({format_day(due, today)})"  # due today, due tomorrow
    return f"due {format_day(due, today)} ({relative_days(due, today)})"


def _action(action: Action, agenda: SharedAgenda) -> str:
    owner = ""
    if action.owner != "me" and action.owner != agenda.person.name:  # in the relationship, someone else's
        owner = f" ({md_inline(action.owner)}'s)"
    return f"- [ ] {md_inline(action.text)}{owner} — {due_text(action, agenda.today)}"


def _goal(goal: Goal, depth: int) -> str:
    about = [f"{goal.horizon}-term"]
    if goal.target:
        about.append(f"target {goal.target}")
    if goal.milestone_total:
        about.append(f"{goal.milestone_achieved} of {counted(goal.milestone_total, 'milestone')} achieved")
    return f"{'  ' * depth}- **{md_inline(goal.title)}** — {goal.progress}% ({'; '.join(about)})"


def _meeting(agenda: SharedAgenda) -> str:
    meeting, person, today = agenda.meeting, agenda.person, agenda.today
    if not person.active:
        return "No next meeting: this mentoring relationship has closed."
    if meeting is None:
        return "**Next meeting:** not planned yet."
    when = f"**Next meeting:** {format_day(meeting.day, today)} ({relative_days(meeting.day, today)})"
    if meeting.planned:
        return when + "."
    every = f"every {counted(person.cadence_days or 0, 'day')}"
    if meeting.day < today:
        return f"{when}, due by our rhythm of meeting {every}: time to find a date."
    return f"{when}, by our rhythm of meeting {every}."


def render(agenda: SharedAgenda) -> str:
    name = md_inline(agenda.person.name)
    out = [f"# Agenda: next meeting with {name}", "", _meeting(agenda), ""]
    out += ["## Action items", ""]
    for heading, items in (("My action items", agenda.mine), (f"{name}'s action items", agenda.theirs)):
        out += [f"### {heading}", ""]
        out += [_action(action, agenda) for action in items] or ["None open."]
        out.append("")
    out += ["## Topics to raise", ""]
    out += [f"- {md_inline(topic.text)}" for topic in agenda.topics] or ["None yet."]
    out += ["", "## Our goals", ""]
    out += [_goal(goal, depth) for goal, depth in agenda.goals] or ["None shared yet."]
    out += ["", f"_Prepared with mentorlog on {format_day(agenda.today, agenda.today)}._"]
    return "\n".join(out) + "\n"
