"""`skill add`, `skill rate` and `skills`: strengths and growth areas, and how they develop in each view."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import typer

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.base.safe import inert
from mentorlog.cli import common, lists, whom
from mentorlog.cli.root import command_app, sub_app
from mentorlog.core import humane

skill_app = sub_app("skill", N_("Track strengths and growth areas, mine or a mentee's, and rate them over time."))


@skill_app.command("add")
def skill_add(
    name: str = typer.Argument(..., help="The skill, e.g. 'giving feedback'."),
    kind: str = typer.Option("growth", "--kind", "-k", help="strength or growth (an area to develop)."),
    with_: str | None = typer.Option(None, "--with", "-w", help="A person's skill (a mentee's); else yours."),
    goal: list[int] = typer.Option([], "--goal", "-g", help="A goal this skill serves (repeatable)."),
    description: str = typer.Option("", "--description", help="What the skill means here."),
    create: bool = typer.Option(False, "--create", help="Create the --with person if unknown."),
    json_: bool = typer.Option(False, "--json", help="Print the skill as JSON."),
) -> None:
    """Add a skill: a strength to rely on or a growth area to develop, yours or a mentee's."""
    from mentorlog.core import validate

    kind = common.checked("--kind", validate.skill_kind, kind)
    plan = whom.plan_person(with_, create=create)
    with common.journal(write=True) as journal:
        skill = journal.skills.add_skill(
            name,
            kind=kind,
            person_id=plan.person_id(journal) if plan else None,
            goal_ids=goal,
            description=description,
        )
    if json_:
        common.print_json(skill.to_json())
        return
    what = _("growth area") if skill.kind == "growth" else _("strength")
    n = len(skill.goal_ids)
    goals = ngettext(", for goal {ids}", ", for goals {ids}", n).format(ids=", ".join(map(str, skill.goal_ids)))
    common.say(
        _("Added skill {id} ({what}){with_part}: {name}{goals}.").format(
            id=skill.id,
            what=what,
            with_part=plan.words(_(" for {name}")) if plan else "",
            name=common.quoted(skill.name),
            goals=goals if skill.goal_ids else "",
        )
    )


@skill_app.command("rate")
def skill_rate(
    skill: str = typer.Argument(..., metavar="SKILL", help="The skill's id, or its name or a unique prefix."),
    level: str = typer.Argument(..., metavar="LEVEL", help="1 (just starting) to 5 (could teach it)."),
    by: str | None = typer.Option(None, "--by", help="Whose view: me (default), them, or a person's name."),
    note: str = typer.Option("", "--note", help="Why this level: what you saw or heard."),
    date_: str = typer.Option("today", "--date", "-d", help="When it was rated (a bare weekday looks back)."),
    closed_ok: bool = typer.Option(False, "--closed-ok", help=whom.CLOSED_OK_HELP),
    json_: bool = typer.Option(False, "--json", help="Print the skill with all its ratings as JSON."),
) -> None:
    """Rate a skill 1-5: your own view, or --by a person's (a mentor's rating of you, a mentee's of themselves)."""
    from mentorlog.cli.rating import rated_words, rater_id
    from mentorlog.core import validate
    from mentorlog.core.trends import gaps

    value = common.checked("LEVEL", lambda text: validate.level(validate.integer(text, "level")), level)
    day = common.when(date_, direction="backward").day
    with common.journal(write=True) as journal:
        found = journal.skills.find_skill(skill)
        rating = journal.skills.rate_skill(
            found["id"], value, day=day, rater_id=rater_id(journal, by, found), note=note
        )
        whom.refuse_closed(journal, [found["person_id"], rating.rater_id], "rating", closed_ok=closed_ok)
        rated = journal.skills.get_skill(found["id"])
    if json_:
        common.print_json(rated.to_json())
        return
    common.say(_("Rated skill {id} {rating}.").format(id=rated.id, rating=rated_words(rating, rated)))
    for gap in gaps(rated, by=rating.rater_id) if rating.rater_id is not None else gaps(rated):
        common.say(_("Note: {sentence}.").format(sentence=inert(gap.sentence())))


skills_app = command_app()


@skills_app.command()
def skills(
    with_: str | None = typer.Option(
        None, "--with", "-w", help="Skills about this person: theirs, or yours they rated."
    ),
    kind: str | None = typer.Option(None, "--kind", "-k", help="strength or growth."),
    since: str = typer.Option("6m", "--since", help="Change since: a date or a span back (30d, 6m, 1y)."),
    all_: bool = typer.Option(False, "--all", help="Also the skills of closed relationships."),
    limit: int | None = lists.limit_option(),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Skills with the latest level in your view and others', side by side: change since --since, a sparkline
    of the ratings, linked goals, and where the two views are 2 or more apart."""
    from mentorlog.core import validate

    kind_word = common.checked("--kind", validate.skill_kind, kind) if kind is not None else None
    start = common.since(since)
    assert start is not None
    today = common.today()
    if start > today:
        raise UsageError(
            _("--since {start} is after today ({today})").format(start=humane.day(start), today=humane.day(today)),
            _("Change is measured up to today."),
        )
    with common.journal(write=False) as journal:
        person_id = whom.find_person_id(journal, with_)
        shown = lists.shown(limit, json_)
        recent = None if json_ else start  # --json lists every rating; the view needs the period's and one before
        found = journal.skills.list_skills(
            person_id=person_id, kind=kind_word, include_closed=all_, limit=shown, ratings_since=recent
        )
        total = lists.total(
            found, shown, lambda: journal.skills.count_skills(person_id=person_id, kind=kind_word, include_closed=all_)
        )
        trends = journal.skills.skill_trends(found, start, today)

    def view(render: ModuleType, width: int) -> Any:
        from mentorlog.render.skills import skills_view

        return skills_view(trends, start, width=width)

    unfiltered = _('No skills yet. Add one with: mentorlog skill add "giving feedback" --kind growth')
    filtered = person_id is not None or kind_word is not None
    empty = _("No skills match --with and --kind.") if filtered else unfiltered
    lists.show(trends, as_json=json_, empty=empty, table=view, total=total, noun="skill")  # a trend a skill found
