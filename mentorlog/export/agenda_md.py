"""The agenda to share with the other person, as Markdown (`agenda --with NAME --format md`).

It holds only what both sides may see: open action items of both sides, open topics, the goals shared with
that person and the next meeting — the SharedAgenda carries nothing else (no session notes, no feedback,
no reflections, nothing from a private session). User text is escaped as in the review (export/markdown.py):
it cannot make a heading, a list, a link or HTML, and control characters show as `\\xNN`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mentorlog.base.i18n import _, ngettext
from mentorlog.core.dates import format_day
from mentorlog.core.humane import day as day_text
from mentorlog.core.humane import relative_days, word
from mentorlog.core.meetings import SharedAgenda
from mentorlog.core.records import Action, Goal
from mentorlog.export.markdown import md_inline


def due_text(action: Action, today: date) -> str:
    """When an item is due, in words: `due 2026-12-04, Fri (in 8 days)`, `**overdue by 3 days** (…)`."""
    if not action.due:
        return _("no due date")
    due = date.fromisoformat(action.due)
    values = {"day": format_day(due, today), "relative": relative_days(due, today)}
    if due < today:
        late = (today - due).days
        said = ngettext("**overdue by {count} day** (due {day})", "**overdue by {count} days** (due {day})", late)
        return said.format(count=late, **values)
    if (due - today).days <= 1:
        return _("due {relative} ({day})").format(**values)  # due today, due tomorrow
    return _("due {day} ({relative})").format(**values)


def _action(action: Action, agenda: SharedAgenda) -> str:
    owner = ""
    if action.owner != "me" and action.owner != agenda.person.name:  # in the relationship, someone else's
        owner = " " + _("({owner}'s)").format(owner=md_inline(action.owner))
    return f"- [ ] {md_inline(action.text)}{owner} — {due_text(action, agenda.today)}"


def _goal(goal: Goal, depth: int) -> str:
    about = [_("{horizon}-term").format(horizon=word(goal.horizon))]
    if goal.target:
        about.append(_("target {day}").format(day=day_text(goal.target)))
    if goal.milestone_total:
        said = ngettext(
            "{achieved} of {total} milestone achieved",
            "{achieved} of {total} milestones achieved",
            goal.milestone_total,
        )
        about.append(said.format(achieved=goal.milestone_achieved, total=goal.milestone_total))
    return f"{'  ' * depth}- **{md_inline(goal.title)}** — {goal.progress}% ({'; '.join(about)})"


def _meeting(agenda: SharedAgenda) -> str:
    meeting, person, today = agenda.meeting, agenda.person, agenda.today
    if not person.active:
        return _("No next meeting: this mentoring relationship has closed.")
    if meeting is None:
        return _("**Next meeting:** not planned yet.")
    values = {"day": format_day(meeting.day, today), "relative": relative_days(meeting.day, today)}
    if meeting.planned:
        return _("**Next meeting:** {day} ({relative}).").format(**values)
    count = person.cadence_days or 0
    if meeting.day < today:
        said = ngettext(
            "**Next meeting:** {day} ({relative}), due by our rhythm of meeting every {count} day: "
            "time to find a date.",
            "**Next meeting:** {day} ({relative}), due by our rhythm of meeting every {count} days: "
            "time to find a date.",
            count,
        )
    else:
        said = ngettext(
            "**Next meeting:** {day} ({relative}), by our rhythm of meeting every {count} day.",
            "**Next meeting:** {day} ({relative}), by our rhythm of meeting every {count} days.",
            count,
        )
    return said.format(count=count, **values)


def render(agenda: SharedAgenda, questions: Sequence[str] = ()) -> str:
    """The agenda as Markdown; QUESTIONS (from `agenda --questions N`) under their own heading."""
    name = md_inline(agenda.person.name)
    out = ["# " + _("Agenda: next meeting with {name}").format(name=name), "", _meeting(agenda), ""]
    out += ["## " + _("Action items"), ""]
    sides = ((_("My action items"), agenda.mine), (_("{name}'s action items").format(name=name), agenda.theirs))
    for heading, items in sides:
        out += [f"### {heading}", ""]
        out += [_action(action, agenda) for action in items] or [_("None open.")]
        out.append("")
    out += ["## " + _("Topics to raise"), ""]
    out += [f"- {md_inline(topic.text)}" for topic in agenda.topics] or [_("None yet.")]
    out += ["", "## " + _("Our goals"), ""]
    out += [_goal(goal, depth) for goal, depth in agenda.goals] or [_("None shared yet.")]
    if questions:
        out += ["", "## " + _("Questions for our meeting"), ""]
        out += [f"- {md_inline(question)}" for question in questions]
    prepared = _("Prepared with mentorlog on {day}.").format(day=format_day(agenda.today, agenda.today))
    out += ["", f"_{prepared}_"]
    return "\n".join(out) + "\n"
