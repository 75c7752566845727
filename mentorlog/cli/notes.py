"""`note` (record a session) and `sessions` (list them)."""

from __future__ import annotations

from dataclasses import dataclass

import typer

from mentorlog.cli import common
from mentorlog.cli.root import app
from mentorlog.errors import UsageError
from mentorlog.safe import inert

NOTE_TEMPLATE = """\
Title: {title}
Confidence: {confidence}
Next: {next}
Feedback: {feedback}

{notes}
# Session{with_part} on {day}.
# Fill in the fields above (Confidence 1-5; Next is a date: fri, +2w, 3.12.) and write
# your notes below them. Lines like
#   - [ ] send the draft due:fri owner:{owner_example}
# become action items, and #words become tags.
# Lines starting with '# ' are ignored (use '## ' for headings). Save it empty to cancel.
"""
HEADER_KEYS = ("Title", "Confidence", "Next", "Feedback")


@dataclass
class NoteFields:
    title: str
    feedback: str
    confidence: int | None
    next_text: str | None
    body: str


def _from_editor(text: str, fields: NoteFields) -> NoteFields:
    from mentorlog.textparse import split_header, strip_comments

    header, body = split_header(strip_comments(text), HEADER_KEYS)
    confidence_text = header.get("Confidence", "")
    confidence = fields.confidence
    if confidence_text:
        if not confidence_text.isdigit() or not 1 <= int(confidence_text) <= 5:
            raise UsageError(f"Confidence must be 1 to 5, not {confidence_text!r}; nothing was recorded")
        confidence = int(confidence_text)
    elif "Confidence" in header:
        confidence = None
    return NoteFields(
        title=header.get("Title", fields.title),
        feedback=header.get("Feedback", fields.feedback),
        confidence=confidence,
        next_text=header.get("Next") or None,
        body=body,
    )


@app.command(rich_help_panel="Record")
def note(
    text: str | None = typer.Argument(
        None, help="The notes. Without it: stdin when piped, else $EDITOR with a template."
    ),
    with_: str | None = typer.Option(None, "--with", "-w", help="The person you met (name or unique prefix)."),
    date_: str = typer.Option("today", "--date", "-d", help="When the session was (a bare weekday looks back)."),
    title: str = typer.Option("", "--title", "-t", help="A short title."),
    feedback: str = typer.Option("", "--feedback", "-f", help="Feedback you received or gave."),
    confidence: int | None = typer.Option(
        None, "--confidence", "-c", min=1, max=5, help="How confident you feel, 1-5."
    ),
    goal: list[int] = typer.Option([], "--goal", "-g", help="A goal this session worked on (repeatable)."),
    action: list[str] = typer.Option(
        [], "--action", "-a", help="An action item, with optional due:DATE owner:NAME tokens (repeatable)."
    ),
    next_: str | None = typer.Option(None, "--next", "-n", help="The date of the next meeting."),
    tag: list[str] = typer.Option([], "--tag", help="A tag (repeatable); #words in the text are tags too."),
    private: bool = typer.Option(False, "--private", help="Leave this session out of exports by default."),
    create: bool = typer.Option(False, "--create", help="Create the --with person if unknown, without asking."),
    json_: bool = typer.Option(False, "--json", help="Print the recorded session as JSON."),
) -> None:
    """Record a session: notes, feedback, confidence and the action items that came out of it.

    Lines '- [ ] text due:fri owner:NAME' in the notes become action items, #words become tags,
    and open topics with that person are marked discussed.
    """
    from mentorlog.store.sessions import NewAction
    from mentorlog.textparse import parse_action, parse_note

    when = common.when(date_, direction="backward")
    plan = common.plan_person(common.with_name(with_), create=create)
    fields = NoteFields(title, feedback, confidence, next_, "")
    template = NOTE_TEMPLATE.format(
        title=title,
        confidence=confidence or "",
        next=next_ or "",
        feedback=feedback,
        notes="",
        with_part=f" with {plan.name}" if plan else "",
        day=when.day.isoformat(),
        owner_example=(plan.name.split()[-1].lower() if plan else "me"),
    )
    raw, edited = common.text_from(text, template)
    if edited:
        fields = _from_editor(raw, fields)
        if not (fields.title or fields.feedback or fields.body.strip() or action):
            raise UsageError("nothing recorded: the note was empty")
    else:
        fields.body = raw
    parsed = parse_note(fields.body)
    action_lines = [*parsed.actions, *(parse_action(item) for item in action)]
    dues = [common.day(line.due, direction="forward") for line in action_lines]
    next_day = common.day(fields.next_text, direction="forward")
    tags = common.tags_from(tag, fields.title, fields.feedback, *action)
    tags = list(dict.fromkeys([*tags, *parsed.tags]))

    with common.journal(write=True) as journal:
        person_id = plan.person_id(journal) if plan else None
        actions = [
            NewAction(line.text, common.owner_id(journal, line.owner, person_id), due, line.done)
            for line, due in zip(action_lines, dues, strict=True)
        ]
        session = journal.add_session(
            day=when.day,
            at=when.at,
            person_id=person_id,
            title=fields.title,
            notes=parsed.notes,
            feedback=fields.feedback,
            confidence=fields.confidence,
            next_day=next_day,
            private=private,
            goal_ids=goal,
            tags=tags,
            actions=actions,
        )
        discussed = journal.mark_topics_discussed(person_id, session.id) if person_id else []
    if json_:
        common.print_json(session.to_json())
        return
    parts = [f"Recorded session {session.id}"]
    if session.with_name:
        parts.append(f" with {inert(session.with_name)}")
    parts.append(f" on {session.date}")
    if session.action_ids:
        ids = ", ".join(str(item) for item in session.action_ids)
        parts.append(f"; {len(session.action_ids)} action item{'s' if len(session.action_ids) != 1 else ''} ({ids})")
    if discussed:
        parts.append(f"; {len(discussed)} topic{'s' if len(discussed) != 1 else ''} marked discussed")
    common.say("".join(parts) + ".")


@app.command(rich_help_panel="Read")
def sessions(
    with_: str | None = typer.Option(None, "--with", "-w", help="Only sessions with this person."),
    since: str | None = typer.Option(None, "--since", help="From this date or span back (30d, 6m)."),
    until: str | None = typer.Option(None, "--until", help="Up to this date."),
    tag: str | None = typer.Option(None, "--tag", help="Only sessions with this tag."),
    limit: int = typer.Option(20, "--limit", "-l", min=1, help="How many to show at most."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List sessions, newest first."""
    from mentorlog.textparse import normalise_tag

    start = common.since(since)
    end = common.day(until, direction="backward", period_end=True)
    with common.journal(write=False) as journal:
        found = journal.list_sessions(
            person_id=common.find_person_id(journal, with_),
            since=start,
            until=end,
            tag=normalise_tag(tag) if tag else None,
            limit=limit,
        )
    if json_:
        common.print_json([session.to_json() for session in found])
        return
    from mentorlog import render

    console = render.make_console()
    if not found:
        console.print(
            render.empty('No sessions found. Record one with: mentorlog note --with NAME "what we discussed"')
        )
        return
    console.print(render.sessions_table(found, common.today(), width=console.width))
