"""Whose view a rating is, and the words a confirmation says about it (shared by `skill rate` and `note --rate`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.base.safe import inert
from mentorlog.cli import common

if TYPE_CHECKING:
    from mentorlog.core.records import Rating, Skill
    from mentorlog.store.journal import Journal


def rater_id(journal: Journal, by: str | None, skill: dict[str, Any], session_person: int | None = None) -> int | None:
    """`me` (or nothing) is None, my own view; `them` the person of the session, else the skill's owner; a name
    that person."""
    from mentorlog.core.textparse import normalise_owner

    if by is None:
        return None
    if not by.strip():
        raise UsageError(
            _("--by needs whose view: me, them or a person's name"), _("Leave --by out for your own view.")
        )
    word = normalise_owner(by.strip())
    if word == "me":
        return None
    if word == "them":
        person = session_person if session_person is not None else skill["person_id"]
        if person is None:
            raise UsageError(
                _("'them' has nobody to name: skill {skill} is yours").format(skill=skill["id"]),
                _("Give the person's name with --by NAME."),
            )
        found = journal.people.get_person(int(person))
        return _allowed({"id": found.id, "name": found.name, "role": found.role}, skill)
    return _allowed(journal.people.find_person(by), skill)


def _allowed(rater: dict[str, Any], skill: dict[str, Any]) -> int:
    """A person rates a mentee's skill only when it is theirs; my own skills are rated by my mentors. So the
    other side's view of a skill is always someone in its relationship."""
    owner = skill["person_id"]
    if owner is not None and rater["id"] != owner:
        raise UsageError(
            _("{name} is not in skill {id}'s relationship").format(name=inert(rater["name"]), id=skill["id"]),
            _("A person's skill is rated by you (by:me) or by them (by:them)."),
        )
    if owner is None and rater["role"] != "mentor":
        raise UsageError(
            _("{name} is your mentee; skill {id} is yours").format(name=inert(rater["name"]), id=skill["id"]),
            _("Your own skills are rated by you and by your mentors."),
        )
    return int(rater["id"])


def rated_words(rating: Rating, skill: Skill) -> str:
    """`'Giving feedback' 3 by me on 2026-11-26, Thu (was 2)`: the level, whose view, the date, the one before."""
    earlier = [
        other.level
        for other in skill.ratings
        if other.rater_id == rating.rater_id and (other.date, other.id) < (rating.date, rating.id)
    ]
    was = _(" (was {level})").format(level=earlier[-1]) if earlier else ""
    by = _("by me") if rating.by == "me" else _("by {name}").format(name=inert(rating.by))
    return _("{skill} {level} {by} on {day}{was}").format(
        skill=common.quoted(skill.name), level=rating.level, by=by, day=common.shown_day(rating.date), was=was
    )
