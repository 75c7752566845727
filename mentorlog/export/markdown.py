"""The review as Markdown: readable as plain text and as rendered Markdown.

User text is escaped so that nothing in it (headings, tables, HTML, emphasis) can break the
document's structure; multi-line text is quoted, one `> ` per line.
"""

from __future__ import annotations

import re

from mentorlog.base.i18n import _, german, ngettext
from mentorlog.base.safe import inert
from mentorlog.core.grouping import Part, by_person, health_lines, health_verdict, one_line_session
from mentorlog.core.humane import day, decimal, word
from mentorlog.core.records import Action, Session
from mentorlog.core.reports import GoalChange, Review, local_day
from mentorlog.core.textparse import find_tags
from mentorlog.core.trends import View, gaps
from mentorlog.export.registry import Request

# Markdown and HTML punctuation in user text gets a backslash: one str.translate (no regex per line of a review)
ESCAPED = str.maketrans({char: "\\" + char for char in "\\`*_[]<>#|~"})
LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")


def _escape_line_start(match: re.Match[str]) -> str:
    """`- x` becomes `\\- x` and `1. x` becomes `1\\. x`: no list starts inside quoted user text."""
    indent, bullet, number, mark = match.groups()
    return f"{indent}\\{bullet}" if bullet else f"{indent}{number}\\{mark}"


def md_inline(text: str | None) -> str:
    """One line of user text with Markdown and HTML punctuation escaped."""
    return " ".join(inert(text or "").split()).translate(ESCAPED)


def md_block(text: str, *, headings: bool = False) -> str:
    """Multi-line user text as an escaped block quote; with HEADINGS, its Markdown headings (`## What we
    achieved`) as bold lines, not as escaped marks."""
    from mentorlog.core.textparse import heading_text

    lines = []
    for line in inert(text).splitlines() or [""]:
        heading = heading_text(line) if headings else None
        if heading is not None:
            lines.append(f"> **{heading.translate(ESCAPED)}**")
            continue
        escaped = line.rstrip().translate(ESCAPED)
        if start := LINE_START.match(escaped):
            escaped = _escape_line_start(start) + escaped[start.end() :]
        lines.append(f"> {escaped}" if escaped else ">")
    return "\n".join(lines)


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)}%"


def _sentence(text: str) -> str:
    """The first letter upper case (English as it always was: the rest lower case; German keeps its nouns)."""
    return text[:1].upper() + text[1:] if german() else text.capitalize()


def _owner(owner: str) -> str:
    return _("me") if owner == "me" else owner


def _action_line(action: Action, review: Review, done: bool, *, grouped: bool = False) -> str:
    box = "[x]" if done else "[ ]"
    if done and action.done_at:
        when = _("done {day}").format(day=day(local_day(action.done_at)))
    else:
        when = _("due {day}").format(day=day(action.due)) if action.due else _("no due date")
    late = " — **" + _("overdue") + "**" if not done and action.due and action.due < review.today.isoformat() else ""
    if grouped:  # under a person's heading: whose it is says enough
        who = (
            _("mine")
            if action.owner == "me"
            else (_("theirs") if action.owner == action.with_name and not german() else md_inline(action.owner))
        )
    elif action.with_name:
        who = _("owner {owner}, with {name}").format(
            owner=md_inline(_owner(action.owner)), name=md_inline(action.with_name)
        )
    else:
        who = _("owner {owner}").format(owner=md_inline(_owner(action.owner)))
    return f"- {box} {md_inline(action.text)} ({when}; {who}){late}"


def _figures(review: Review) -> list[str]:
    figures = review.summary.to_json()
    sessions, actions, confidence = figures["sessions"], figures["actions"], figures["confidence"]
    out = ["## " + _("In figures"), "", "| | |", "| --- | --- |"]
    if sessions["expected"]:
        held = _("{count} held ({expected} expected by cadence)").format(
            count=sessions["count"], expected=sessions["expected"]
        )
    else:
        held = _("{count} held").format(count=sessions["count"])
    out.append(f"| {_('Sessions')} | {held} |")
    said = _(
        "{created} created in the period, {created_done} of them done (completion {percent}); "
        "{done} done in the period; {open} open, {overdue} overdue"
    ).format(
        created=actions["created"],
        created_done=actions["created_done"],
        done=actions["done"],
        open=actions["open"],
        overdue=actions["overdue"],
        percent=_percent(actions["completion_rate"]),
    )
    out.append(f"| {_('Action items')} | {said} |")
    if confidence["first"] is not None and len(review.summary.people) <= 1:
        said = _("first {first}, last {last}, average {average} (1–5)").format(
            first=confidence["first"], last=confidence["last"], average=decimal(confidence["average"])
        )
        out.append(f"| {_('Confidence')} | {said} |")
    if figures["tags"]:
        tags = ", ".join(f"{md_inline(t['tag'])} ({t['count']})" for t in figures["tags"])
        out.append(f"| {_('Top tags')} | {tags} |")
    return [*out, ""]


def _part_figures(part: Part) -> list[str]:
    figures = part.figures
    if figures is None:
        return []
    count, expected = figures.sessions, figures.expected
    if expected:
        said = [ngettext("{count} session of {expected} expected", "{count} sessions of {expected} expected", count)]
    else:
        said = [ngettext("{count} session", "{count} sessions", count)]
    said[0] = said[0].format(count=count, expected=expected)
    if figures.confidence.first is not None:
        trend = figures.confidence
        said.append(
            _("confidence {first} → {last} (average {average})").format(
                first=trend.first, last=trend.last, average=decimal(trend.average)
            )
        )
    if figures.overdue:
        items = ngettext(
            "{open} open action items, {overdue} overdue", "{open} open action items, {overdue} overdue", figures.open
        )
    else:
        items = ngettext("{open} open action items", "{open} open action items", figures.open)
    said.append(items.format(open=figures.open, overdue=figures.overdue))
    return [_sentence("; ".join(said)) + ".", ""]


def _goal_about(goal: GoalChange) -> str:
    values = {"status": word(goal.status), "horizon": word(goal.horizon), "day": day(goal.target)}
    if goal.target:
        return _("{status}, {horizon}-term, target {day}").format(**values)
    return _("{status}, {horizon}-term").format(**values)


def _goals(goals: list[GoalChange]) -> list[str]:
    out = []
    for goal in goals:
        indent = "  " * goal.depth  # a milestone is a child of its goal, a sibling of the goal's progress notes
        out.append(f"{indent}- **{md_inline(goal.title)}** — {goal.start}% → {goal.end}% ({_goal_about(goal)})")
        for move in goal.moves:
            note = f" — {md_inline(move.note)}" if move.note else ""
            out.append(f"{indent}  - {day(move.date)}: {move.progress_before}% → {move.progress}%{note}")
    return out


def _session(session: Session, grouped: bool) -> list[str]:
    who = None if grouped else session.with_name
    if one_line_session(session):
        title = f"**{md_inline(session.title)}**: " if session.title else ""
        where = f" · {md_inline(who)}" if who else ""
        return [f"- {day(session.date)}{where} — {title}{md_inline(session.notes)}", ""]
    heading = " · ".join(part for part in (day(session.date), md_inline(who), md_inline(session.title)) if part)
    out = [f"#### {heading}", ""]
    details = []
    if session.confidence:
        details.append(_("confidence {level}/5").format(level=session.confidence))
    if session.next:
        details.append(_("next meeting {day}").format(day=day(session.next)))
    written = (
        {tag.casefold() for tag in find_tags(session.notes, session.feedback, session.title)} if session.tags else set()
    )
    extra_tags = [tag for tag in session.tags if tag not in written]  # tags already in the text are not repeated
    if extra_tags:
        details.append(_("tags: {tags}").format(tags=", ".join(md_inline(tag) for tag in extra_tags)))
    if details:
        out += [_sentence("; ".join(details)), ""]
    if session.notes:
        out += [md_block(session.notes), ""]
    if session.feedback:
        out += ["**" + _("Feedback:") + "**", "", md_block(session.feedback), ""]
    return out


def _health(part: Part) -> list[str]:
    if part.health is None:
        return []
    concerns = health_lines(part.health)
    verdict = health_verdict(part.health.overall)
    if concerns:
        out = [_("**Health: {verdict}**").format(verdict=verdict), ""]
    else:
        out = [_("**Health: {verdict}** in every respect.").format(verdict=verdict), ""]
    out += [f"- {label}: {health_verdict(level)} — {md_inline(reason)}" for label, level, reason in concerns]
    return [*out, ""] if concerns else out


def _part(part: Part, review: Review) -> list[str]:
    if part.name:
        heading = "## " + _("With {name} ({role})").format(name=md_inline(part.name), role=word(part.role))
    else:
        heading = "## " + _("Not with anyone")
    out = [heading, "", *_part_figures(part), *_health(part)]
    if part.goals:
        out += ["### " + _("Goals"), "", *_goals(part.goals), ""]
    if part.sessions:
        out += ["### " + _("Sessions"), ""]
        for session in part.sessions:
            out += _session(session, grouped=bool(part.name))
    if part.open or part.done:
        out += ["### " + _("Action items"), ""]
        out += [_action_line(a, review, False, grouped=bool(part.name)) for a in part.open]
        out += [_action_line(a, review, True, grouped=bool(part.name)) for a in part.done]
        out.append("")
    return out


def write(review: Review, request: Request) -> str:
    """`export --format md` (export/registry.py)."""
    return render(review)


def render(review: Review) -> str:
    out: list[str] = [f"# {md_inline(review.title)}", ""]
    people = ", ".join(f"{md_inline(p.name)} ({word(p.role)})" for p in review.people_in_period) or _("nobody yet")
    written = _("Written by mentorlog on {day}.").format(day=day(review.today))
    out += [_("People: {people}").format(people=people) + "  ", written, ""]
    if review.private_left_out:
        left_out = ngettext(
            "{count} private session left out.", "{count} private sessions left out.", review.private_left_out
        )
        out += ["_" + left_out.format(count=review.private_left_out) + "_", ""]
    out += _figures(review)
    out += _skills(review)
    parts = by_person(review)
    if not review.sessions:
        out += [_("No sessions in this period."), ""]
    if not review.goals:
        out += [_("No goals in this period."), ""]
    for part in parts:
        out += _part(part, review)
    if review.done_more:
        said = _("{count} earlier done action items not listed; the latest {listed} are.").format(
            count=review.done_more, listed=len(review.actions_done)
        )
        out += [f"_{said}_", ""]
    if review.open_more:
        said = _("…and {count} more open action items (`mentorlog actions --limit 0` lists them).").format(
            count=review.open_more
        )
        out += [f"_{said}_", ""]
    out += ["## " + _("Reflections"), ""]
    if not review.reflections:
        out += [_("No reflections in this period."), ""]
    for reflection in review.reflections:
        about = f" · {md_inline(reflection.with_name)}" if reflection.with_name else ""
        out += [f"### {day(reflection.date)}{about}", "", md_block(reflection.text, headings=True), ""]
    if review.topics:
        out += ["## " + _("Open topics for the next meetings"), ""]
        out += [f"- {md_inline(t.with_name)}: {md_inline(t.text)}" for t in review.topics]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _from_to(side: View) -> str:
    if side.end is None:
        return "—"
    if side.start != side.end:
        return f"{side.start} → {side.end}"
    return _("{level} (no change)").format(level=side.end) if side.measured else str(side.end)


def _skills(review: Review) -> list[str]:
    """Each skill rated in the period: my view and others' at its start and its end; then where they differ."""
    changes = review.summary.skills
    if not changes:
        return []
    out = ["## " + _("Skills"), "", _("Levels 1–5, at the start of the period → at its end."), ""]
    headers = (_("Skill"), _("Kind"), _("Whose"), _("My view"), _("Others' view"))
    out += ["| " + " | ".join(headers) + " |", "| --- | --- | --- | --- | --- |"]
    for change in changes:
        kind = _("growth area") if change.kind == "growth" else _("strength")
        out.append(
            f"| {md_inline(change.name)} | {kind} | {md_inline(change.with_name) or _('mine')} "
            f"| {_from_to(change.me)} | {_from_to(change.them)} |"
        )
    found = [gap for skill in review.skills for gap in gaps(skill)]
    if found:
        out += ["", _("Where the views differ (the latest ratings in the period):"), ""]
        out += [f"- {md_inline(gap.sentence())}" for gap in found]
    return [*out, ""]
