"""`note` (record a session) and `sessions` (list them)."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import TYPE_CHECKING, Any

import msgspec
import typer

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.base.safe import inert
from mentorlog.cli import common, completion, editor, lists, whom
from mentorlog.cli.root import command_app

if TYPE_CHECKING:
    from mentorlog.core.dates import When
    from mentorlog.core.records import Action, Session
    from mentorlog.core.textparse import ActionLine, RatingLine

NOTE_HELP = N_("""Session{with_part} on {day}. Lines starting with @@ are help and are ignored.
Fill in the fields below (Confidence 1-5; Next is a date like fri, +2w or 3.12.) and write your
notes under the notes line (any Markdown, # headings too). Lines like
  - [ ] send the draft due:fri owner:{owner_example}
become action items, and #words become tags. Empty the file to cancel.""")


class NoteFields(msgspec.Struct):
    """The one-line fields of a session, from flags or the editor form."""

    title: str
    feedback: str
    confidence: int | None
    next_text: str | None
    body: str


def note_form(fields: NoteFields, *, with_name: str | None, day: str, owner_example: str) -> str:
    from mentorlog.core import editform

    return editform.render(
        editform.session_form(
            fields.title,
            str(fields.confidence or ""),
            fields.next_text or "",
            fields.feedback,
            fields.body,
            _(NOTE_HELP).format(
                with_part=_(" with {name}").format(name=with_name) if with_name else "",
                day=day,
                owner_example=owner_example,
            ),
        )
    )


def _confidence(text: str) -> int | None:
    from mentorlog.core import validate

    return validate.confidence(validate.integer(text, "confidence"))


def _from_editor(text: str, fields: NoteFields) -> NoteFields:
    from mentorlog.core import editform

    form = editform.parse(text, editform.SESSION_FIELDS, editform.SESSION_SECTIONS)
    confidence_text = form.field("Confidence")
    confidence = fields.confidence
    if confidence_text:
        confidence = common.form_value("Confidence", _confidence, confidence_text)
    elif "Confidence" in form.fields:
        confidence = None
    feedback = editform.session_feedback(form, fields.feedback)
    return NoteFields(
        title=form.field("Title", fields.title),
        feedback=feedback,
        confidence=confidence,
        next_text=form.field("Next") or None,
        body=form.section("notes"),
    )


note_app = command_app()


@note_app.command()
def note(
    text: str | None = typer.Argument(
        None, help="The notes. Without it: stdin when piped, else $EDITOR with a template."
    ),
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="The person you met (name or unique prefix)."
    ),
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
    next_: str | None = typer.Option(
        None, "--next", "-n", help="The date of the next meeting, with its time if known: fri, 'fri 14:00'."
    ),
    tag: list[str] = typer.Option(
        [], "--tag", autocompletion=completion.tags, help="A tag (repeatable); #words in the text are tags too."
    ),
    rate: list[str] = typer.Option(
        [],
        "--rate",
        help="Rate a skill in this session: 'SKILL=LEVEL', mine; add 'by:them' for their view (repeatable).",
    ),
    private: bool = typer.Option(False, "--private", help="Leave this session out of exports by default."),
    create: bool = typer.Option(False, "--create", help="Create the --with person if unknown, without asking."),
    draft: bool = typer.Option(False, "--draft", help="Continue the note whose text was kept after an error."),
    json_: bool = typer.Option(False, "--json", help="Print the recorded session as JSON."),
) -> None:
    """Record a session: notes, feedback, confidence and the action items that came out of it.

    Lines '- [ ] text due:fri owner:NAME' in the notes become action items, #words become tags,
    and open topics with that person are marked discussed.
    """
    from mentorlog.core import humane
    from mentorlog.core.editform import is_blank
    from mentorlog.core.textparse import parse_action, parse_note

    ratings = [_rating_line(value) for value in rate]
    when = common.when(date_, direction="backward")
    plan = whom.plan_person(whom.with_name(with_), create=create, default=whom.is_default(with_))
    fields = NoteFields(title, feedback, confidence, next_, "")
    template = note_form(
        fields,
        with_name=plan.name if plan else None,
        day=humane.day(when.day),
        owner_example=(plan.name.split()[-1].lower() if plan else "me"),
    )
    if draft:
        if text is not None:
            raise UsageError(_("--draft continues a note in the editor; it takes no TEXT"))
        template = editor.read_draft("note", "mentorlog note")
    raw, edited = editor.text_from(text, template, draft="note")
    with editor.keeping_draft(raw, "note", "mentorlog note --draft") if edited else contextlib.nullcontext():
        if edited:
            if is_blank(raw):
                raise UsageError(_("nothing recorded: the note was emptied (that cancels it)"))
            fields = _from_editor(raw, fields)
            if not (fields.title or fields.feedback or fields.body.strip() or action):
                raise UsageError(_("nothing recorded: the note was empty"))
        else:
            fields.body = raw
        parsed = parse_note(fields.body)
        action_lines = [*parsed.actions, *(parse_action(item) for item in action)]
        dues = [common.day(line.due, direction="forward", period_end=True) for line in action_lines]
        next_when = common.when(fields.next_text, direction="forward") if fields.next_text else None
        tags = common.tags_from(tag, fields.title, fields.feedback, *action)
        tags = list(dict.fromkeys([*tags, *parsed.tags]))
        session, discussed, actions, session_ratings = _record(
            plan, when, fields, parsed.notes, next_when, private, goal, tags, action_lines, dues, ratings
        )
    if json_:
        common.print_json({**session.to_json(), "ratings": [line for line, _ in session_ratings]})
        return
    _confirm(session, actions, plan, discussed)
    for _line, words in session_ratings:
        common.say(_("  rated {words}").format(words=words))


def _confirm(session: Session, actions: list[Action], plan: whom.PersonPlan | None, discussed: list[int]) -> None:
    """A line for the session, one per action item, then the next meeting: every stored date echoed with its
    weekday, and no line longer than 80 columns for the words mentorlog adds."""
    n = len(session.action_ids)
    items = ngettext("; {n} action item:", "; {n} action items:", n).format(n=n) if n else "."
    common.say(
        _("Recorded session {id}{with_part} on {date}{items}").format(
            id=session.id, with_part=plan.with_words if plan else "", date=common.shown_day(session.date), items=items
        )
    )
    for action in actions:
        due = _(", due {day}").format(day=common.shown_day(action.due)) if action.due else ""
        done = _(" (done)") if action.status == "done" else ""
        common.say(
            _("  {id} {for_owner}{due}: {text}{done}").format(
                id=action.id,
                for_owner=common.for_owner(action.owner),
                due=due,
                text=common.quoted(action.text),
                done=done,
            )
        )
    after = []
    if session.next:
        at = _(" at {time}").format(time=session.next_time) if session.next_time else ""
        after.append(_("Next meeting {day}").format(day=common.shown_day(session.next)) + at)
    if discussed:
        n = len(discussed)
        after.append(ngettext("{n} topic marked discussed", "{n} topics marked discussed", n).format(n=n))
    if after:
        common.say("; ".join(after) + ".")


def _record(
    plan: whom.PersonPlan | None,
    when: When,
    fields: NoteFields,
    notes: str,
    next_when: When | None,
    private: bool,
    goal: list[int],
    tags: list[str],
    action_lines: list[ActionLine],
    dues: list[date | None],
    ratings: list[tuple[RatingLine, int]],
) -> tuple[Session, list[int], list[Action], list[tuple[dict[str, Any], str]]]:
    """Write the session, its action items, its skill ratings and the discussed topics in one transaction."""
    from mentorlog.cli.rating import rated_words, rater_id
    from mentorlog.store.records.sessions import NewAction

    with common.journal(write=True) as journal:
        person_id = plan.person_id(journal) if plan else None
        actions = []
        for item, due in zip(action_lines, dues, strict=True):  # `with:NAME` (`mit:`) puts one with someone else
            whose = whom.find_person_id(journal, item.with_name) if item.with_name else None
            owner_of = whom.owner_id(journal, item.owner, whose or person_id)
            actions.append(NewAction(item.text, owner_of, due, item.done, whose if whose != person_id else None))
        session = journal.sessions.add_session(
            day=when.day,
            at=when.at,
            person_id=person_id,
            title=fields.title,
            notes=notes,
            feedback=fields.feedback,
            confidence=fields.confidence,
            next_day=next_when.day if next_when else None,
            next_at=next_when.at if next_when else None,
            private=private,
            goal_ids=goal,
            tags=tags,
            actions=actions,
        )
        discussed = journal.topics.mark_topics_discussed(person_id, session.id) if person_id else []
        made = journal.actions.actions_by_ids(session.action_ids)
        rated: list[tuple[dict[str, Any], str]] = []
        for line, level in ratings:  # when several skills share the name: this person's, else mine
            skill = journal.skills.find_skill(line.skill, prefer=(person_id, None))
            if skill["person_id"] not in (person_id, None):  # another mentee's skill, in this person's session
                owner = journal.people.get_person(int(skill["person_id"])).name
                raise UsageError(
                    _("skill {name!r} is {owner}'s; a session rates the skills of its person and yours").format(
                        name=skill["name"], owner=inert(owner)
                    ),
                    _("Rate it with `mentorlog skill rate {id} LEVEL`.").format(id=skill["id"]),
                )
            rating = journal.skills.rate_skill(
                skill["id"], level, day=when.day, rater_id=rater_id(journal, line.by, skill, person_id),
                session_id=session.id, note=line.note,
            )  # fmt: skip
            rated.append(
                (
                    {**rating.to_json(), "skill_id": skill["id"]},
                    rated_words(rating, journal.skills.get_skill(skill["id"])),
                )
            )
    return session, discussed, made, rated


def _rating_line(value: str) -> tuple[RatingLine, int]:
    """A --rate value read and its level checked, before anything is written."""
    from mentorlog.core import validate
    from mentorlog.core.textparse import parse_rating

    line = common.checked("--rate", parse_rating, value)
    return line, common.checked("--rate", lambda text: validate.level(validate.integer(text, "level")), line.level)


sessions_app = command_app()


@sessions_app.command()
def sessions(
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="Only sessions with this person."
    ),
    since: str | None = typer.Option(None, "--since", help="From this date or span back (30d, 6m)."),
    until: str | None = typer.Option(None, "--until", help="Up to this date."),
    tag: str | None = typer.Option(None, "--tag", autocompletion=completion.tags, help="Only sessions with this tag."),
    limit: int | None = lists.limit_option(20),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List sessions, newest first."""
    start = common.since(since)
    end = common.day(until, direction="backward", period_end=True)
    tag_filter = None
    if tag:
        from mentorlog.core.textparse import normalise_tag

        tag_filter = normalise_tag(tag)
    with common.journal(write=False) as journal:
        filters: dict[str, Any] = {
            "person_id": whom.filter_person_id(journal, with_, announce=not json_),
            "since": start,
            "until": end,
            "tag": tag_filter,
        }
        shown = lists.shown(limit, json_, 20)
        found = journal.sessions.list_sessions(**filters, limit=shown)
        total = lists.total(found, shown, lambda: journal.sessions.count_sessions(**filters))
    lists.show(
        found,
        as_json=json_,
        empty=_('No sessions found. Record one with: mentorlog note --with NAME "what we discussed"'),
        table=lambda render, width: render.sessions_table(found, common.today(), width=width),
        total=total,
        noun="session",
    )
