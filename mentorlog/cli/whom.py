"""Which person a command is about: --with (or the config's default_with), asked for or created, and whose
action item it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from mentorlog.base.errors import MentorlogError, NotFound, UsageError
from mentorlog.base.i18n import N_, _
from mentorlog.base.safe import inert
from mentorlog.base.values import Value
from mentorlog.cli import common

if TYPE_CHECKING:
    from mentorlog.store.journal import Journal


class PersonPlan(Value):
    """A person to use: an existing id, or a name and role to create in the write transaction."""

    __slots__ = ("id", "name", "role", "default")  # noqa: RUF023 (in the order __init__ takes them)

    def __init__(self, id: int | None, name: str, role: str = "mentor", default: bool = False) -> None:
        self.id, self.name, self.role = id, name, role
        self.default = default  # chosen by the config's default_with, not by --with

    def person_id(self, opened: Journal) -> int:
        if self.id is not None:
            return self.id
        return opened.people.add_person(self.name, self.role).id

    @property
    def with_words(self) -> str:
        """` with Dr. Weber` — and `(default)` when the config chose the person."""
        return self.words(_(" with {name}"))

    def words(self, template: str) -> str:
        """TEMPLATE (translated, with `{name}`) and `(default)` when the config chose the person."""
        return template.format(name=inert(self.name)) + (_(" (default)") if self.default else "")


ALL_PEOPLE = "*"  # `--with '*'`: everyone, even when config's default_with names someone


def with_name(option: str | None) -> str | None:
    """--with, or the config's default_with when it was not given; `*` means everyone."""
    if option is not None and option.strip() == ALL_PEOPLE:
        return None
    return option or common.state().config.default_with


def is_default(option: str | None) -> bool:
    return option is None and common.state().config.default_with is not None


def plan_person(name: str | None, *, create: bool, default: bool = False) -> PersonPlan | None:
    """Find the person for --with before anything is written; offer to create an unknown one."""
    if name is None:
        return None
    with common.journal(write=False, missing_ok=True) as opened:
        try:
            found = opened.people.find_person(name)
            return PersonPlan(found["id"], found["name"], found["role"], default)
        except NotFound as missing:
            cleaned = " ".join(name.split())
            if create:
                return PersonPlan(None, cleaned, default=default)
            if not common.stdin_is_terminal():
                from shlex import quote as quote_arg

                raise NotFound(
                    missing.message,
                    _("Add them with --create, or `mentorlog person add {cleaned} --role mentee`.").format(
                        cleaned=quote_arg(cleaned)
                    ),
                ) from None
    if not common.confirm(
        _("No person named {cleaned!r} yet. Add them?").format(cleaned=inert(cleaned)),
        default=True,
        unanswered=_("Add them with --create."),
    ):
        raise MentorlogError(_("nothing recorded: unknown person"), _("Add them with `mentorlog person add`."))
    while True:
        role = (
            str(typer.prompt(_(common.ROLE_PROMPT).format(name=inert(cleaned)), default="mentor", err=True))
            .strip()
            .lower()
        )
        role = {"mentorin": "mentor"}.get(role, role)
        if role in ("mentor", "mentee"):
            return PersonPlan(None, cleaned, role)
        typer.echo(_("Please answer mentor or mentee."), err=True)


def find_person_id(opened: Journal, name: str | None) -> int | None:
    """A person named in a filter (no creating): their id, or None when no name was given."""
    if name is None:
        return None
    return int(opened.people.find_person(name)["id"])


def filter_person_id(opened: Journal, option: str | None, *, announce: bool = True) -> int | None:
    """The person a list or view is narrowed to: --with, else the config's default_with (said on
    stderr, so a narrowed list is never mistaken for the whole journal), `*` for everyone."""
    if option is not None and option.strip() == ALL_PEOPLE:
        return None
    if option is None and (default := common.state().config.default_with) is not None:
        found = opened.people.find_person(default)
        if announce:
            typer.echo(
                _("Only {found} (default_with); --with '*' shows everyone.").format(found=inert(found["name"])),
                err=True,
            )
        return int(found["id"])
    return find_person_id(opened, option)


def owner_id(opened: Journal, owner: str | None, person_id: int | None) -> int | None:
    """Whose action item it is. `me`/`ich` is None (the user), `them`/`sie`/`er` the person of the
    relationship, a name that person. Given nothing, the role decides: with a mentee it is their
    homework, with a mentor (or nobody) it is mine."""
    from mentorlog.core.textparse import normalise_owner

    if owner is None:
        if person_id is None:
            return None
        role = opened.people.scalar("SELECT role FROM people WHERE id = ?", [person_id])
        return person_id if role == "mentee" else None
    word = normalise_owner(owner.strip())
    if word == "me":
        return None
    if word == "them":
        if person_id is None:
            raise UsageError(_("owner 'them' needs a person"), _("Give --with NAME."))
        return person_id
    return int(opened.people.find_person(owner)["id"])


CLOSED_REFUSALS = {
    "action": N_("the relationship with {name} is closed (since {day}): an action item for it would show nowhere"),
    "topic": N_("the relationship with {name} is closed (since {day}): a topic for it would show nowhere"),
    "rating": N_("the relationship with {name} is closed (since {day}): a rating for it would show nowhere"),
}
CLOSED_OK_HELP = N_("Add it even though the relationship is closed.")  # a help text of several commands


def refuse_closed(opened: Journal, person_ids: list[int | None], what: str, *, closed_ok: bool) -> None:
    """Refuse (exit 1, inside the write, so nothing is stored) WHAT (`action`, `topic`, `rating`) for a closed
    relationship: the lists leave closed relationships out, so it would be stored and seen nowhere."""
    from mentorlog.core.humane import day as shown

    if closed_ok:
        return
    for person_id in dict.fromkeys(found for found in person_ids if found is not None):
        person = opened.people.get_person(person_id)
        if person.status == "closed":
            from shlex import quote

            raise MentorlogError(
                _(CLOSED_REFUSALS[what]).format(name=inert(person.name), day=shown(person.closed_at)),
                _("Take it up again with `mentorlog person reopen {name}`, or give --closed-ok.").format(
                    name=quote(person.name.split()[-1].lower())
                ),
            )
