"""`note` (record a session) and `sessions` (list them)."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

import typer

from mentorlog.base.errors import BadValue, UsageError
from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.base.safe import inert
from mentorlog.base.values import Value
from mentorlog.cli import common, completion, editor, lists, templates, whom
from mentorlog.cli.root import command_app

if TYPE_CHECKING:
    from mentorlog.core.dates import When
    from mentorlog.core.records import Action, Session, Topic
    from mentorlog.core.textparse import ActionLine, RatingLine

NOTE_HELP = N_("""Session{with_part} on {day}. Lines starting with @@ are help and are ignored.
Fill in the fields below (Confidence 1-5; Next is a date like fri, +2w or 3.12.) and write your
notes under the notes line (any Markdown, # headings too). Lines like
  - [ ] send the draft due:fri owner:{owner_example}
become action items, and #words become tags. Empty the file to cancel.""")
TOPICS_HELP = N_("Tick the topics you discussed ([x]); the others stay open for the next meeting.")


class NoteFields(Value):
    """The one-line fields of a session, from flags or the editor form."""

    __slots__ = ("title", "feedback", "confidence", "next_text", "body")  # noqa: RUF023 (the order __init__ takes)
    __hash__ = None  # type: ignore[assignment]  # changed when the editor gives the body

    def __init__(self, title: str, feedback: str, confidence: int | None, next_text: str | None, body: str) -> None:
        self.title, self.feedback, self.confidence, self.next_text, self.body = (
            title, feedback, confidence, next_text, body
        )  # fmt: skip


def note_form(
    fields: NoteFields,
    *,
    with_name: str | None,
    day: str,
    owner_example: str,
    template: tuple[str, str] | None = None,
    topics: str = "",
) -> str:
    """The editor form of a new note; TOPICS: the open topics as `- [ ] text (#id)` lines. With TEMPLATE (its
    name and rendered text) the notes start from it, and a `Feedback` heading in it takes the place of the
    Feedback field."""
    from mentorlog.core import editform

    help_text = _(NOTE_HELP).format(
        with_part=_(" with {name}").format(name=with_name) if with_name else "",
        day=day,
        owner_example=owner_example,
    )
    if topics:
        help_text += "\n" + _(TOPICS_HELP)
    form = editform.session_form(
        fields.title, str(fields.confidence or ""), fields.next_text or "", fields.feedback, fields.body, help_text,
        topics,
    )  # fmt: skip
    if template is not None:
        name, text = template
        shown = dict(form.fields)
        if templates.has_feedback_heading(text) and not fields.feedback:
            shown.pop("Feedback", None)  # the template's heading collects it
        notes = f"{fields.body}\n\n{text}" if fields.body else text
        sections = {**{key: value for key, value in form.sections.items() if key != "notes"}, "notes": notes}
        form = editform.Form(shown, sections, help_text + "\n" + templates.help_line(name))
    return editform.render(form)


def _confidence(text: str) -> int | None:
    from mentorlog.core import validate

    return validate.confidence(validate.integer(text, "confidence"))


def _from_editor(text: str, fields: NoteFields) -> NoteFields:
    from mentorlog.core import editform

    form = editform.parse(text, editform.SESSION_FIELDS, editform.NOTE_SECTIONS)
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
        body="\n".join(part for part in (form.section("topics").strip("\n"), form.section("notes")) if part),
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
    discussed: str | None = typer.Option(
        None,
        "--discussed",
        help="The open topics this session discussed: ids like 3,5, or all (default: asked on a terminal, else none).",
    ),
    create: bool = typer.Option(False, "--create", help="Create the --with person if unknown, without asking."),
    closed_ok: bool = typer.Option(
        False, "--closed-ok", help="Add action items and ratings even though the relationship is closed."
    ),
    draft: bool = typer.Option(False, "--draft", help="Continue the note whose text was kept after an error."),
    template_name: str | None = typer.Option(
        None,
        "--template",
        autocompletion=templates.template_names,
        help="A template from `mentorlog templates` to start the editor with.",
    ),
    json_: bool = typer.Option(False, "--json", help="Print the recorded session as JSON."),
) -> None:
    """Record a session: notes, feedback, confidence and the action items that came out of it.

    Lines '- [ ] text due:fri owner:NAME' in the notes become action items, #words become tags.
    The open topics with that person that the session names (ticked in the editor, --discussed, or
    asked on a terminal) are marked discussed; the others stay open.
    """
    from mentorlog.core import humane
    from mentorlog.core.editform import is_blank
    from mentorlog.core.textparse import parse_action, parse_note, ticked_topics

    ratings = [_rating_line(value) for value in rate]
    when = common.when(date_, direction="backward")
    plan = whom.plan_person(whom.with_name(with_), create=create, default=whom.is_default(with_))
    fields = NoteFields(title, feedback, confidence, next_, "")
    templates.refuse_without_editor(template_name, text, draft)
    chosen = None
    if text is None and not draft and common.stdin_is_terminal():
        chosen = templates.chosen(template_name, templates.person_template(plan))
    wanted = _discussed_option(discussed)
    offered = _offered_topics(plan, when.day, wanted)
    template = note_form(
        fields,
        with_name=plan.name if plan else None,
        day=humane.day(when.day),
        owner_example=(plan.name.split()[-1].lower() if plan else "me"),
        template=(chosen, templates.render(chosen, plan.id if plan else None, when.day)) if chosen else None,
        topics=_topic_lines(offered, wanted),
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
            # the ticked topic lines say what was discussed; no topic line becomes an action item
            wanted, fields.body = ticked_topics(fields.body, {topic.id for topic in offered})
            if templates.used_template(raw):  # what the template's headings collected
                fields.body, collected = templates.collect(fields.body)
                fields.feedback = "\n\n".join(part for part in (fields.feedback, collected) if part)
            if not (fields.title or fields.feedback or fields.body.strip() or action):
                raise UsageError(_("nothing recorded: the note was empty"))
        else:
            fields.body = raw
        if wanted is False:  # neither ticked nor --discussed: asked on a terminal, else they stay open
            wanted = _ask_topics(offered) if offered and common.stdin_is_terminal() else []
        parsed = parse_note(fields.body)
        notes = parsed.notes
        if edited and templates.used_template(raw):  # a heading whose action lines became items is empty now
            notes = templates.collect(notes, feedback=False)[0]
        action_lines = [*parsed.actions, *(parse_action(item) for item in action)]
        dues = [common.day(line.due, direction="forward", period_end=True) for line in action_lines]
        next_when = common.when(fields.next_text, direction="forward") if fields.next_text else None
        tags = common.tags_from(tag, fields.title, fields.feedback, *action)
        tags = list(dict.fromkeys([*tags, *parsed.tags]))
        session, marked, actions, session_ratings = _record(
            plan, when, fields, notes, next_when, private, goal, tags, action_lines, dues, ratings, wanted,
            closed_ok,
        )  # fmt: skip
    for due in dues:
        common.warn_past_due(due)
    if json_:
        common.print_json({**session.to_json(), "ratings": [line for line, _ in session_ratings]})
        return
    _confirm(session, actions, plan, marked)
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
    discussed: list[int] | None,
    closed_ok: bool,
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
        if person_id is not None and discussed != []:  # None: every topic it can discuss
            discussed = journal.topics.mark_topics_discussed(person_id, session.id, when.day, discussed)
        elif discussed:
            raise UsageError(_("--discussed names topics, but the session is with nobody"), _("Give --with NAME."))
        else:
            discussed = []
        made = journal.actions.actions_by_ids(session.action_ids)
        if made:
            whom.refuse_closed(
                journal, [person_id, *(action.owner_id for action in made)], "action", closed_ok=closed_ok
            )
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
            whom.refuse_closed(journal, [skill["person_id"], person_id], "rating", closed_ok=closed_ok)
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
    return session, discussed or [], made, rated


ALL_TOPICS = ("all", "alle")
Discussed = list[int] | None | Literal[False]  # the topics named: ids, None for all, False when not said


def _discussed_option(value: str | None) -> Discussed:
    """--discussed read: False when not given, None for `all`, else the ids."""
    from mentorlog.core import validate

    if value is None:
        return False
    if value.strip().lower() in ALL_TOPICS:
        return None
    return common.checked("--discussed", validate.id_list, [value], "topic")


def _offered_topics(plan: whom.PersonPlan | None, day: date, wanted: Discussed) -> list[Topic]:
    """The open topics a session with PLAN's person on DAY can discuss (queued on or before DAY); ids named by
    --discussed that are not among them are an error before any editor opens."""
    offered: list[Topic] = []
    if plan is not None and plan.id is not None:
        with common.journal(write=False) as journal:
            offered = journal.topics.topics_to_discuss(plan.id, day)
    if isinstance(wanted, list):
        strays = [topic_id for topic_id in wanted if topic_id not in {topic.id for topic in offered}]
        if strays:
            listed = ", ".join(str(topic.id) for topic in offered)
            raise UsageError(
                _("--discussed: topic {ids} is not an open topic of this session's person queued by {day}").format(
                    ids=", ".join(map(str, strays)), day=common.plain_day(day)
                ),
                _("Open topics this session can discuss: {ids}.").format(ids=listed)
                if offered
                else _("This session has no open topic to discuss."),
            )
    return offered


def _topic_lines(offered: list[Topic], wanted: Discussed) -> str:
    """The form's topic lines, those --discussed named already ticked."""
    from mentorlog.core.textparse import topic_line

    ticked = {topic.id for topic in offered} if wanted is None else set(wanted) if isinstance(wanted, list) else set()
    return "\n".join(topic_line(topic.text, topic.id, ticked=topic.id in ticked) for topic in offered)


def _ask_topics(offered: list[Topic]) -> list[int] | None:
    """Ask on the terminal which of the OFFERED topics the session discussed (ids, all, or none)."""
    from mentorlog.core import validate

    common.say_err(ngettext("{n} open topic:", "{n} open topics:", len(offered)).format(n=len(offered)))
    for topic in offered:
        common.say_err(_("  {id} {text}").format(id=topic.id, text=common.one_line(topic.text)))
    ids = {topic.id for topic in offered}
    while True:
        answer = common.prompt(
            _("Which did you discuss? (ids like 3,5; all; Enter for none)"), unanswered=_("Give --discussed.")
        ).strip()
        if not answer:
            return []
        if answer.lower() in ALL_TOPICS:
            return None
        try:
            chosen = validate.id_list([answer], "topic")
        except BadValue:
            chosen = []
        if chosen and set(chosen) <= ids:
            return chosen
        common.say_err(_("Please answer with ids of the topics listed, all, or nothing."))


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
