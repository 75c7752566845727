"""`person close` and `person reopen`: ending a relationship well, and taking it up again (cli/people.py adds
them to the `person` group)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

from mentorlog.base.i18n import _, ngettext
from mentorlog.base.safe import inert
from mentorlog.cli import common, completion, editor, helptext
from mentorlog.core import humane

if TYPE_CHECKING:
    from mentorlog.core.records import Action, Topic

closing_app = helptext.Typer()  # merged into people.person_app


@closing_app.command("close")
def person_close(
    name: str = typer.Argument(..., autocompletion=completion.person_names, help="The person (name or prefix)."),
    date_: str = typer.Option("today", "--date", "-d", help="The day it ended (default today)."),
    reflection: str | None = typer.Option(
        None, "--reflection", help="A closing reflection ('' for none; on a terminal $EDITOR asks for one)."
    ),
    drop_open: bool = typer.Option(
        False, "--drop-open", help="Drop its open action items and open topics (asked on a terminal)."
    ),
    json_: bool = typer.Option(False, "--json", help="Print the person as JSON."),
) -> None:
    """Close a relationship: a closing reflection, and what is still open dropped or kept.

    A closed relationship leaves people, actions, agenda, today and every cadence count;
    `people --all` and `--with NAME` still reach it, and `person reopen` takes it up again.
    """
    from mentorlog.cli.reflections import CLOSING_PROMPTS, from_form, reflect_form
    from mentorlog.core.editform import is_blank

    day = common.when(date_, direction="backward").day
    with common.journal(write=False) as journal:
        person = journal.people.get_person(int(journal.people.find_person(name)["id"]))
        actions, topics = journal.relationships.open_items(person.id)
    if person.status != "closed":  # before the editor asks for a reflection
        from mentorlog.core import validate

        common.checked(
            "--date", validate.closing_day, day, today=common.today(), started=person.started,
            last_session=person.last_session,
        )  # fmt: skip
    if person.status == "closed":
        from mentorlog.base.errors import MentorlogError

        raise MentorlogError(
            _("the relationship with {name} was already closed on {closed_at}").format(
                name=person.name, closed_at=humane.day(person.closed_at)
            ),
            _("`mentorlog person reopen {name}` takes it up again.").format(name=_short(person.name)),
        )
    terminal = common.stdin_is_terminal()
    text, edited = reflection, False
    if text is None and terminal:
        text, edited = editor.text_from(None, reflect_form(day.isoformat(), CLOSING_PROMPTS), draft="reflection")
        text = "" if is_blank(text) else from_form(text, CLOSING_PROMPTS)
    if (actions or topics) and not drop_open and terminal:
        for line in _open_lines(actions, topics):
            typer.echo(line, err=True)
        drop_open = common.confirm(
            _("Drop {actions}?").format(actions=_what(actions, topics)),
            default=False,
            unanswered=_("Pass --drop-open to drop them."),
        )
    draft = editor.keeping_draft(text or "", "reflection", "mentorlog reflect --draft")
    keep = draft if edited else contextlib.nullcontext()
    with keep, common.journal(write=True) as journal:
        closing = journal.relationships.close_person(
            person.id, day, reflection=text or None, tags=common.tags_from([], text), drop_open=drop_open
        )
    if json_:
        common.print_json(closing.person.to_json())
        return
    common.say(
        _("Closed the relationship with {name} on {day}.").format(name=inert(person.name), day=common.shown_day(day))
    )
    if closing.reflection:
        from mentorlog.store.views.relationships import CLOSING_TAG

        common.say(
            _("Closing reflection {id} written (tag #{tag}).").format(id=closing.reflection.id, tag=_(CLOSING_TAG))
        )
    if closing.dropped or closing.removed_topics:
        common.say(_("Dropped {dropped}:").format(dropped=_what(closing.dropped, closing.removed_topics)))
        for line in _item_lines(closing.dropped, closing.removed_topics):  # each by id and text: nothing goes unseen
            common.say(line)
    elif closing.kept or closing.kept_topics:
        kept = len(closing.kept) + len(closing.kept_topics)
        common.say(
            ngettext("Kept {kept}; --drop-open drops it.", "Kept {kept}; --drop-open drops them.", kept).format(
                kept=_what(closing.kept, closing.kept_topics)
            )
        )
        common.say(_("`mentorlog actions --with {name}` still shows them.").format(name=_short(person.name)))


@closing_app.command("reopen")
def person_reopen(
    name: str = typer.Argument(..., autocompletion=completion.person_names, help="The person (name or prefix)."),
    json_: bool = typer.Option(False, "--json", help="Print the person as JSON."),
) -> None:
    """Take a closed relationship up again: it returns to the lists and the cadence counts."""
    with common.journal(write=True) as journal:
        person = journal.relationships.reopen_person(int(journal.people.find_person(name)["id"]))
    if json_:
        common.print_json(person.to_json())
        return
    common.say(_("Reopened the relationship with {name}.").format(name=inert(person.name)))


def _what(actions: Sequence[Action], topics: Sequence[Topic]) -> str:
    parts = [ngettext("{n} open action item", "{n} open action items", len(actions)).format(n=len(actions))]
    topics_part = ngettext("{n} open topic", "{n} open topics", len(topics)).format(n=len(topics))
    if actions and topics:
        return _("{actions} and {topics}").format(actions=parts[0], topics=topics_part)
    return parts[0] if actions else topics_part


def _open_lines(actions: Sequence[Action], topics: Sequence[Topic]) -> list[str]:
    return [_("Still open:"), *_item_lines(actions, topics)]


def _item_lines(actions: Sequence[Action], topics: Sequence[Topic]) -> list[str]:
    lines = [_("  action {id}: {text}").format(id=action.id, text=inert(action.text)) for action in actions]
    lines += [_("  topic {id}: {text}").format(id=topic.id, text=inert(topic.text)) for topic in topics]
    return lines


def _short(name: str) -> str:
    from shlex import quote

    return quote(name.split()[-1].lower())
