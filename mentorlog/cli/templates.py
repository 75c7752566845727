"""`templates` (list them; `templates init` writes the built-ins) and `questions` (the question bank), and what
`note`, `reflect` and `agenda` need of them: the template chosen and rendered, and what its headings collected."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.base.safe import inert
from mentorlog.cli import common, completion, helptext, whom
from mentorlog.cli.root import MentorlogGroup, command_app

if TYPE_CHECKING:
    from mentorlog.store.journal import Journal
    from mentorlog.templates.questions import Question

TEMPLATE_MARK = "template: "  # the help line `@@ template: kickoff` says which template a form came from
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def folder() -> Path:
    """The templates folder: `templates/` beside config.toml."""
    from mentorlog.base.config import config_path

    return config_path(common.state().settings.environment).parent / "templates"


def language() -> str:
    from mentorlog.base.i18n import language as chosen

    return chosen()


def template_names(incomplete: str) -> list[str]:
    """Shell completion: the template names (never an error)."""
    try:
        from mentorlog.base.config import Environment, config_path
        from mentorlog.templates.library import names

        found = names(config_path(Environment.read()).parent / "templates")
    except Exception:
        return []
    return [name for name in found if name.startswith(incomplete)]


def topic_names(incomplete: str) -> list[str]:
    """Shell completion: the question topics, the user's own too (never an error)."""
    from mentorlog.templates.bank import KICKOFF, TOPICS

    own: list[str] = []
    try:
        from mentorlog.base.config import Environment, config_path
        from mentorlog.templates import questions

        path = config_path(Environment.read()).parent / "templates" / "questions.md"
        own = questions.topics(questions.read_user_questions(path))
    except Exception:
        own = []
    return [topic for topic in dict.fromkeys([*TOPICS, *own, KICKOFF]) if topic.startswith(incomplete)]


# rendering for note and reflect ----------------------------------------------------------------------------


def chosen(explicit: str | None, person_template: str | None) -> str | None:
    """The template a note starts from: --template, else the relationship's default, else `session` when the
    user keeps a session.md; None: the usual form."""
    from mentorlog.templates.library import check_name, user_file

    if explicit is not None:
        return check_name(explicit)
    if person_template:
        return person_template
    return "session" if user_file(folder(), "session") else None


def default_template(value: str | None) -> str:
    """A relationship's default template as given (`kickoff`; 'none' or '' for the usual form), checked to
    exist; '' when not given."""
    from mentorlog.templates import library

    if value is None or value.strip().lower() in ("", "none", "-"):
        return ""
    return library.find(folder(), value, language()).name


def person_template(plan: whom.PersonPlan | None) -> str | None:
    if plan is None or plan.id is None:
        return None
    with common.journal(write=False) as journal:
        return journal.people.get_person(plan.id).template or None


def render(name: str, person_id: int | None, day: date) -> str:
    """The template NAME rendered for a note or reflection with PERSON on DAY (an error names file and line)."""
    from mentorlog.templates import context, library, sandbox

    template = library.find(folder(), name, language())
    with common.journal(write=False, missing_ok=True) as journal:
        values = context.values(journal, person_id, day)
    return sandbox.render(template.text, values, where=template.where())


def refuse_without_editor(explicit: str | None, text: str | None, draft: bool) -> None:
    """--template fills the editor: with TEXT, piped input or --draft it has nothing to fill."""
    from mentorlog.base.errors import UsageError

    if explicit is None:
        return
    if draft:
        raise UsageError(_("--template starts a new text; --draft continues the kept one"))
    if text is not None or not common.stdin_is_terminal():
        raise UsageError(
            _("--template fills the editor; it does not apply to TEXT or piped input"),
            _("Leave out TEXT (on a terminal) to write in $EDITOR from the template."),
        )


def help_line(name: str) -> str:
    return TEMPLATE_MARK + name


def used_template(raw: str) -> str | None:
    """The template a form was made from, from its help line (a kept draft says it too)."""
    from mentorlog.core.editform import MARK

    for line in raw.splitlines():
        if line.startswith(MARK + " " + TEMPLATE_MARK):
            return line[len(MARK + " " + TEMPLATE_MARK) :].strip() or None
    return None


def has_feedback_heading(text: str) -> bool:
    from mentorlog.templates.builtin import FEEDBACK_HEADINGS

    return any(
        (match := HEADING.match(line)) is not None and match.group(2).strip().casefold() in FEEDBACK_HEADINGS
        for line in text.split("\n")
    )


def collect(notes: str, *, feedback: bool = True) -> tuple[str, str]:
    """What a template's headings collected: (notes without the empty headings and the feedback, feedback).
    Without FEEDBACK (a reflection) a Feedback heading is kept like any other."""
    from mentorlog.templates.builtin import FEEDBACK_HEADINGS

    lines = notes.split("\n")
    headings = [(index, match) for index, line in enumerate(lines) if (match := HEADING.match(line))]
    drop: set[int] = set()
    collected: list[str] = []
    for position, (index, match) in enumerate(headings):
        depth = len(match.group(1))
        end = next((i for i, m in headings[position + 1 :] if len(m.group(1)) <= depth), len(lines))
        body = "\n".join(lines[index + 1 : end]).strip()
        if feedback and match.group(2).strip().casefold() in FEEDBACK_HEADINGS:
            if body:
                collected.append(body)
            drop.update(range(index, end))
        elif not body:
            drop.add(index)
    kept = "\n".join(line for index, line in enumerate(lines) if index not in drop)
    kept = re.sub(r"\n{3,}", "\n\n", kept).strip()
    return kept, "\n\n".join(collected)


# templates -------------------------------------------------------------------------------------------------


def _list_templates(ctx: typer.Context, json_: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the templates and where each comes from; `templates init` writes the built-ins to edit."""
    if ctx.invoked_subcommand is not None:
        return
    from mentorlog.templates import library

    found = library.listing(folder(), language())
    if json_:
        common.print_json(
            [{"name": t.name, "source": t.source, "path": str(t.path) if t.path else None} for t in found]
        )
        return
    sources = {
        library.BUILTIN: _("built-in (no file yet)"),
        library.BUILTIN_FILE: _("built-in, unchanged"),
        library.EDITED: _("built-in, edited"),
        library.OWN: _("your own"),
    }
    width = max(len(t.name) for t in found)
    for template in found:
        where = f"  {inert(str(template.path))}" if template.path else ""
        common.say(f"{inert(template.name):<{width}}  {sources[template.source]}{where}")
    if not any(t.path for t in found):
        common.say(_("Write them to {folder} to edit: mentorlog templates init").format(folder=inert(str(folder()))))


templates_app = helptext.Typer(
    cls=MentorlogGroup,
    name="templates",
    help=N_("List the note templates; `templates init` writes the built-in ones to edit."),
    callback=_list_templates,
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@templates_app.command("init")
def templates_init(json_: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Write the built-in templates and questions.md to the templates folder; your edits are kept."""
    from mentorlog.templates import library

    written = library.init(folder(), language(), journal=common.state().db_path)
    if json_:
        common.print_json(
            [{"name": w.name, "path": str(w.path), "written": w.written, "edited": w.edited} for w in written]
        )
        return
    for item in written:
        path = inert(str(item.path))
        if item.written:
            common.say(_("Wrote {path}").format(path=path))
        elif item.edited:
            common.say(_("Kept {path} (your edits)").format(path=path))
        else:
            common.say(_("Kept {path} (unchanged)").format(path=path))


# questions -------------------------------------------------------------------------------------------------


def question_bank() -> list[Question]:
    from mentorlog.templates import questions

    return questions.bank(language(), folder() / "questions.md")


def asked_ids(journal: Journal, bank: list[Question], person_id: int) -> set[str]:
    from mentorlog.templates import questions

    return questions.asked_in(bank, journal.questions.asked_keys(person_id), journal.questions.session_texts(person_id))


def question_line(question: Question) -> str:
    return f"{question.id:>7}  [{question.topic}]  {inert(question.text)}"


questions_app = command_app()


@questions_app.command()
def questions(
    topic: str | None = typer.Option(
        None,
        "--topic",
        autocompletion=topic_names,
        help="career, feedback, confidence, goals, growth, closing or kickoff.",
    ),
    with_: str | None = typer.Option(
        None,
        "--with",
        "-w",
        autocompletion=completion.person_names,
        help="Only questions not asked yet in this relationship.",
    ),
    asked: str | None = typer.Option(None, "--asked", metavar="ID", help="Mark the question ID asked (needs --with)."),
    date_: str = typer.Option("today", "--date", "-d", help="When it was asked (with --asked)."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Questions worth asking, by topic; with --with, those not asked yet in that relationship."""
    from mentorlog.base.errors import UsageError
    from mentorlog.templates import questions as bank_of

    bank = question_bank()
    chosen_topic = bank_of.check_topic(topic, bank) if topic is not None else None
    if asked is not None:
        question = bank_of.find(bank, asked)
        name = whom.with_name(with_)
        if name is None:
            raise UsageError(_("--asked needs the person it was asked with"), _("Give --with NAME."))
        day = common.when(date_, direction="backward").day
        with common.journal(write=True) as journal:
            person = journal.people.get_person(int(journal.people.find_person(name)["id"]))
            mark, new = journal.questions.mark_asked(person.id, question.id, question.text, day)
        if json_:
            common.print_json({**question.to_json(), "with": person.name, "date": mark["date"], "new": new})
            return
        said = (
            _("Marked question {id} asked with {name} on {date}: {text}")
            if new
            else _("Already asked with {name} on {date}: {id} {text}")
        )
        common.say(
            said.format(
                id=question.id, name=inert(person.name), date=common.shown_day(mark["date"]), text=inert(question.text)
            )
        )
        return
    shown = bank_of.of_topic(bank, chosen_topic)
    person_name = None
    with common.journal(write=False, missing_ok=True) as journal:
        person_id = whom.filter_person_id(journal, with_, announce=not json_)
        if person_id is not None:
            person_name = journal.people.get_person(person_id).name
            done = asked_ids(journal, bank, person_id)
            shown = [q for q in shown if q.id not in done]
    if json_:
        common.print_json([q.to_json() for q in shown])
        return
    if not shown:
        common.say(
            _("Every question of this topic was asked with {name}.").format(name=inert(person_name))
            if person_name
            else _("No questions for this topic.")
        )
        return
    for question in shown:
        common.say(question_line(question))
    if person_name:
        n = len(shown)
        common.say(
            ngettext(
                "{n} question not asked yet with {name}; mark one with: mentorlog questions --asked ID --with NAME",
                "{n} questions not asked yet with {name}; mark one with: mentorlog questions --asked ID --with NAME",
                n,
            ).format(n=n, name=inert(person_name))
        )


def agenda_questions(journal: Journal, person_id: int, count: int) -> list[Question]:
    """COUNT questions for the next meeting with PERSON, not asked yet (kick-off ones before a first meeting,
    closing ones in the last planned month)."""
    from datetime import timedelta

    from mentorlog.templates import questions as bank_of

    bank = question_bank()
    person = journal.people.get_person(person_id)
    today = common.today()
    ending = bool(person.ends) and date.fromisoformat(str(person.ends)) - today <= timedelta(days=31)
    return bank_of.pick(
        bank,
        asked_ids(journal, bank, person_id),
        count,
        first_meeting=person.last_session is None,
        ending=ending,
    )
