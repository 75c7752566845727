"""The review as Markdown: readable as plain text and as rendered Markdown.

User text is escaped so that nothing in it (headings, tables, HTML, emphasis) can break the
document's structure; multi-line text is quoted, one `> ` per line.
"""

from __future__ import annotations

import re

from mentorlog.grouping import Part, by_person, health_lines, one_line_session
from mentorlog.models import Action, Session
from mentorlog.reports import GoalChange, Review, local_day
from mentorlog.safe import inert
from mentorlog.textparse import find_tags
from mentorlog.trends import View, gaps

INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")


def _escape_line_start(match: re.Match[str]) -> str:
    """`- x` becomes `\\- x` and `1. x` becomes `1\\. x`: no list starts inside quoted user text."""
    indent, bullet, number, mark = match.groups()
    return f"{indent}\\{bullet}" if bullet else f"{indent}{number}\\{mark}"


def md_inline(text: str | None) -> str:
    """One line of user text with Markdown and HTML punctuation escaped."""
    return INLINE.sub(r"\\\1", " ".join(inert(text or "").split()))


def md_block(text: str) -> str:
    """Multi-line user text as an escaped block quote."""
    lines = []
    for line in inert(text).splitlines() or [""]:
        escaped = LINE_START.sub(_escape_line_start, INLINE.sub(r"\\\1", line.rstrip()))
        lines.append(f"> {escaped}" if escaped else ">")
    return "\n".join(lines)


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)}%"


def _action_line(action: Action, review: Review, done: bool, *, grouped: bool = False) -> str:
    box = "[x]" if done else "[ ]"
    when = (
        f"done {local_day(action.done_at)}"
        if done and action.done_at
        else (f"due {action.due}" if action.due else "no due date")
    )
    late = " — **overdue**" if not done and action.due and action.due < review.today.isoformat() else ""
    if grouped:  # under a person's heading: whose it is says enough
        who = (
            "mine"
            if action.owner == "me"
            else ("theirs" if action.owner == action.with_name else md_inline(action.owner))
        )
    else:
        who = f"owner {md_inline(action.owner)}" + (f", with {md_inline(action.with_name)}" if action.with_name else "")
    return f"- {box} {md_inline(action.text)} ({when}; {who}){late}"


def _figures(review: Review) -> list[str]:
    figures = review.summary.to_json()
    sessions, actions, confidence = figures["sessions"], figures["actions"], figures["confidence"]
    out = ["## In figures", "", "| | |", "| --- | --- |"]
    expected = f" ({sessions['expected']} expected by cadence)" if sessions["expected"] else ""
    out.append(f"| Sessions | {sessions['count']} held{expected} |")
    out.append(
        f"| Action items | {actions['created']} created, {actions['done']} done, {actions['open']} open, "
        f"{actions['overdue']} overdue; completion {_percent(actions['completion_rate'])} |"
    )
    if confidence["first"] is not None and len(review.summary.people) <= 1:
        out.append(
            f"| Confidence | first {confidence['first']}, last {confidence['last']}, "
            f"average {confidence['average']} (1–5) |"
        )
    if figures["tags"]:
        out.append("| Top tags | " + ", ".join(f"{md_inline(t['tag'])} ({t['count']})" for t in figures["tags"]) + " |")
    return [*out, ""]


def _part_figures(part: Part) -> list[str]:
    figures = part.figures
    if figures is None:
        return []
    said = [f"{figures.sessions} session{'s' if figures.sessions != 1 else ''}"]
    if figures.expected:
        said[0] += f" of {figures.expected} expected"
    if figures.confidence.first is not None:
        trend = figures.confidence
        said.append(f"confidence {trend.first} → {trend.last} (average {trend.average})")
    said.append(f"{figures.open} open action items" + (f", {figures.overdue} overdue" if figures.overdue else ""))
    return ["; ".join(said).capitalize() + ".", ""]


def _goals(goals: list[GoalChange]) -> list[str]:
    out = []
    for goal in goals:
        indent = "  " * goal.depth  # a milestone is a child of its goal, a sibling of the goal's progress notes
        about = f"{goal.status}, {goal.horizon}-term" + (f", target {goal.target}" if goal.target else "")
        out.append(f"{indent}- **{md_inline(goal.title)}** — {goal.start}% → {goal.end}% ({about})")
        for move in goal.moves:
            note = f" — {md_inline(move.note)}" if move.note else ""
            out.append(f"{indent}  - {move.date}: {move.progress_before}% → {move.progress}%{note}")
    return out


def _session(session: Session, grouped: bool) -> list[str]:
    who = None if grouped else session.with_name
    if one_line_session(session):
        title = f"**{md_inline(session.title)}**: " if session.title else ""
        where = f" · {md_inline(who)}" if who else ""
        return [f"- {session.date}{where} — {title}{md_inline(session.notes)}", ""]
    heading = " · ".join(part for part in (session.date, md_inline(who), md_inline(session.title)) if part)
    out = [f"#### {heading}", ""]
    details = []
    if session.confidence:
        details.append(f"confidence {session.confidence}/5")
    if session.next:
        details.append(f"next meeting {session.next}")
    written = (
        {tag.casefold() for tag in find_tags(session.notes, session.feedback, session.title)} if session.tags else set()
    )
    extra_tags = [tag for tag in session.tags if tag not in written]  # tags already in the text are not repeated
    if extra_tags:
        details.append("tags: " + ", ".join(md_inline(tag) for tag in extra_tags))
    if details:
        out += ["; ".join(details).capitalize(), ""]
    if session.notes:
        out += [md_block(session.notes), ""]
    if session.feedback:
        out += ["**Feedback:**", "", md_block(session.feedback), ""]
    return out


def _health(part: Part) -> list[str]:
    if part.health is None:
        return []
    concerns = health_lines(part.health)
    out = [f"**Health: {part.health.overall}**" + ("" if concerns else " in every respect."), ""]
    out += [f"- {label}: {level} — {md_inline(reason)}" for label, level, reason in concerns]
    return [*out, ""] if concerns else out


def _part(part: Part, review: Review) -> list[str]:
    heading = f"## With {md_inline(part.name)} ({part.role})" if part.name else "## Not with anyone"
    out = [heading, "", *_part_figures(part), *_health(part)]
    if part.goals:
        out += ["### Goals", "", *_goals(part.goals), ""]
    if part.sessions:
        out += ["### Sessions", ""]
        for session in part.sessions:
            out += _session(session, grouped=bool(part.name))
    if part.open or part.done:
        out += ["### Action items", ""]
        out += [_action_line(a, review, False, grouped=bool(part.name)) for a in part.open]
        out += [_action_line(a, review, True, grouped=bool(part.name)) for a in part.done]
        out.append("")
    return out


def render(review: Review) -> str:
    out: list[str] = [f"# {md_inline(review.title)}", ""]
    people = ", ".join(f"{md_inline(p.name)} ({p.role})" for p in review.people) or "nobody yet"
    out += [f"People: {people}  ", f"Written by mentorlog on {review.today.isoformat()}.", ""]
    if review.private_left_out:
        out += [f"_{review.private_left_out} private session(s) left out._", ""]
    out += _figures(review)
    out += _skills(review)
    parts = by_person(review)
    if not review.sessions:
        out += ["No sessions in this period.", ""]
    if not review.goals:
        out += ["No goals in this period.", ""]
    for part in parts:
        out += _part(part, review)
    if review.done_more:
        out += [
            f"_{review.done_more} earlier done action items not listed; the latest {len(review.actions_done)} are._",
            "",
        ]
    if review.open_more:
        out += [f"_…and {review.open_more} more open action items (`mentorlog actions --limit 0` lists them)._", ""]
    out += ["## Reflections", ""]
    if not review.reflections:
        out += ["No reflections in this period.", ""]
    for reflection in review.reflections:
        about = f" · {md_inline(reflection.with_name)}" if reflection.with_name else ""
        out += [f"### {reflection.date}{about}", "", md_block(reflection.text), ""]
    if review.topics:
        out += ["## Open topics for the next meetings", ""]
        out += [f"- {md_inline(t.with_name)}: {md_inline(t.text)}" for t in review.topics]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _from_to(side: View) -> str:
    if side.end is None:
        return "—"
    if side.start != side.end:
        return f"{side.start} → {side.end}"
    return f"{side.end} (no change)" if side.measured else str(side.end)


def _skills(review: Review) -> list[str]:
    """Each skill rated in the period: my view and others' at its start and its end; then where they differ."""
    changes = review.summary.skills
    if not changes:
        return []
    out = ["## Skills", "", "Levels 1–5, at the start of the period → at its end.", ""]
    out += ["| Skill | Kind | Whose | My view | Others' view |", "| --- | --- | --- | --- | --- |"]
    for change in changes:
        kind = "growth area" if change.kind == "growth" else "strength"
        out.append(
            f"| {md_inline(change.name)} | {kind} | {md_inline(change.with_name) or 'mine'} | {_from_to(change.me)} "
            f"| {_from_to(change.them)} |"
        )
    found = [gap for skill in review.skills for gap in gaps(skill)]
    if found:
        out += ["", "Where the views differ (the latest ratings in the period):", ""]
        out += [f"- {md_inline(gap.sentence())}" for gap in found]
    return [*out, ""]
