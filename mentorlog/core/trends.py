"""Skill trends from ratings: latest levels in my view and in others', change over a period, sparklines, and
where two views differ. Pure: the store hands in skills with their ratings and a period.

Change over a period, for one view (mine, or the latest other rater's): the latest level up to the
period's end minus the level at its start — the latest rating before the period, else the first one inside
it. A view with a single rating inside the period (and none before) has a level but no change yet.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from mentorlog.base.i18n import _
from mentorlog.base.values import Value
from mentorlog.core.records import Rating, Skill
from mentorlog.core.trees import SPARK_POINTS, sparkline

GAP = 2  # my rating and theirs this far apart (or more) is worth saying


class View(Value):
    """One side's ratings of a skill over a period: level at the start and at the end, and the ratings inside;
    MEASURED: is there a rating before the latest one to measure change from?"""

    __slots__ = ("start", "end", "inside", "measured")  # noqa: RUF023 (in the order __init__ takes them)
    __hash__ = None  # type: ignore[assignment]  # holds records

    def __init__(self, start: int | None, end: int | None, inside: tuple[Rating, ...], measured: bool) -> None:
        self.start, self.end, self.inside, self.measured = start, end, inside, measured

    @property
    def change(self) -> int | None:
        if self.start is None or self.end is None or not self.measured:
            return None
        return self.end - self.start

    @property
    def sparkline(self) -> str:
        return sparkline([rating.level for rating in self.inside][-SPARK_POINTS:])


def view(ratings: list[Rating], since: date, until: date) -> View:
    """RATINGS (one side's, oldest first) seen over SINCE..UNTIL."""
    first, last = since.isoformat(), until.isoformat()
    upto = [rating for rating in ratings if rating.date <= last]
    if not upto:
        return View(None, None, (), False)
    before = [rating for rating in upto if rating.date < first]
    inside = tuple(rating for rating in upto if rating.date >= first)
    start = before[-1] if before else inside[0]
    return View(start.level, upto[-1].level, inside, bool(before) or len(inside) > 1)


def mine(skill: Skill) -> list[Rating]:
    return [rating for rating in skill.ratings if rating.mine]


def others(skill: Skill) -> list[Rating]:
    """The other side's view: the ratings of whoever rated the skill last (not me), so that a change and a
    sparkline always compare one person's ratings; anyone else's stay in `show skill` and in the gaps."""
    theirs = [rating for rating in skill.ratings if not rating.mine]
    if not theirs:
        return []
    rater = theirs[-1].rater_id
    return [rating for rating in theirs if rating.rater_id == rater]


class Gap(Value):
    """My latest rating of a skill and someone else's, GAP or more apart."""

    __slots__ = ("skill_id", "skill", "mine", "theirs", "by")  # noqa: RUF023 (in the order __init__ takes them)

    def __init__(self, skill_id: int, skill: str, mine: int, theirs: int, by: str) -> None:
        self.skill_id, self.skill, self.mine, self.theirs, self.by = skill_id, skill, mine, theirs, by

    def to_json(self) -> dict[str, Any]:
        return {"skill_id": self.skill_id, "skill": self.skill, "mine": self.mine, "theirs": self.theirs, "by": self.by}

    def sentence(self) -> str:
        return _("you rate {skill} {mine}, {by} rates it {theirs}").format(
            skill=repr(self.skill), mine=self.mine, by=self.by, theirs=self.theirs
        )


def gaps(skill: Skill, *, by: int | None = None) -> list[Gap]:
    """Each other rater (or only BY) whose latest rating is GAP or more from my latest one, by that rating's day."""
    my_level = skill.level
    if my_level is None:
        return []
    latest: dict[int, Rating] = {}
    for rating in skill.ratings:
        if not rating.mine and rating.rater_id is not None and (by is None or rating.rater_id == by):
            latest[rating.rater_id] = rating
    return [  # in the order of those latest ratings (the same whether or not older ratings were read)
        Gap(skill.id, skill.name, my_level, rating.level, rating.by)
        for rating in sorted(latest.values(), key=lambda rating: (rating.date, rating.id))
        if abs(rating.level - my_level) >= GAP
    ]


class SkillTrend(Value):
    """A skill as `skills` shows it: both views over the period, its goals ((id, title) each), and any gap
    between the views."""

    __slots__ = ("skill", "since", "until", "me", "them", "goals", "gaps")  # noqa: RUF023 (the order __init__ takes)
    __hash__ = None  # type: ignore[assignment]  # holds records

    def __init__(
        self,
        skill: Skill,
        since: date,
        until: date,
        me: View,
        them: View,
        goals: tuple[tuple[int, str], ...] = (),
        gaps: tuple[Gap, ...] = (),
    ) -> None:
        self.skill, self.since, self.until, self.me, self.them = skill, since, until, me, them
        self.goals, self.gaps = goals, gaps

    @property
    def latest_by(self) -> str | None:
        """Who gave the latest rating of the others' view."""
        theirs = others(self.skill)
        return theirs[-1].by if theirs else None

    def to_json(self) -> dict[str, Any]:  # computed: the skill's JSON form with its changes in the period
        return {
            **self.skill.to_json(),
            "change": {
                "since": self.since.isoformat(),
                "me": self.me.change,
                "others": self.them.change,
            },
            "sparkline": self.me.sparkline,
            "sparkline_by_others": self.them.sparkline,
            "goals": [{"id": goal_id, "title": title} for goal_id, title in self.goals],
            "gaps": [gap.to_json() for gap in self.gaps],
        }


def trend(skill: Skill, since: date, until: date, goals: tuple[tuple[int, str], ...] = ()) -> SkillTrend:
    return SkillTrend(
        skill, since, until, view(mine(skill), since, until), view(others(skill), since, until), goals,
        tuple(gaps(skill)),
    )  # fmt: skip


class SkillChange(Value):
    """A skill rated in a period: each view's level at its start and end (summary, reviews)."""

    __slots__ = ("id", "name", "kind", "with_name", "me", "them")  # noqa: RUF023 (in the order __init__ takes them)
    __hash__ = None  # type: ignore[assignment]  # holds records

    def __init__(self, id: int, name: str, kind: str, with_name: str | None, me: View, them: View) -> None:
        self.id, self.name, self.kind, self.with_name, self.me, self.them = id, name, kind, with_name, me, them

    def summary_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "with": self.with_name,
            "level_start": self.me.start,
            "level_end": self.me.end,
            "change": self.me.change,
            "level_by_others_start": self.them.start,
            "level_by_others_end": self.them.end,
            "change_by_others": self.them.change,
            "ratings": len(self.me.inside) + len(self.them.inside),
        }


def skill_change(skill: Skill, since: date, until: date) -> SkillChange | None:
    """The skill's change over the period, or None when nobody rated it inside the period."""
    me, them = view(mine(skill), since, until), view(others(skill), since, until)
    if not me.inside and not them.inside:
        return None
    return SkillChange(skill.id, skill.name, skill.kind, skill.with_name, me, them)


def signed(change: int | None) -> str:
    """`+1`, `-2`, `±0`, or `—` when there is no change to measure yet."""
    if change is None:
        return "—"
    return f"{change:+d}" if change else "±0"
