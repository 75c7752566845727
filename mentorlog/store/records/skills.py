"""Skills (mine, or a person's when I mentor them), their linked goals, and dated ratings by me or by a person."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from mentorlog.base.errors import AmbiguousName, MentorlogError, NotFound, UsageError
from mentorlog.base.i18n import _
from mentorlog.core import validate
from mentorlog.core.records import Rating, Skill, from_rows
from mentorlog.store.base import PRIVATE_SESSION_IDS, WORD, Repo, placeholders

if TYPE_CHECKING:  # the patches and trends are types here; only the editing commands and the trends load them
    from mentorlog.core.patches import SkillPatch
    from mentorlog.core.trends import SkillChange, SkillTrend

SKILL_SELECT = "SELECT k.*, p.name AS with_name FROM skills k LEFT JOIN people p ON p.id = k.person_id"
RATING_SELECT = (  # the columns in the order of Rating's fields
    "SELECT r.id, r.uuid, r.skill_id, r.date, r.level, r.rater_id, b.name AS rater_name, r.session_id, r.note,"
    " r.created_at, r.updated_at FROM skill_ratings r LEFT JOIN people b ON b.id = r.rater_id"
    " WHERE r.skill_id IN ({ids})"
)
ORDER = " ORDER BY k.kind = 'strength', k.person_id IS NOT NULL, p.name COLLATE NOCASE, k.name COLLATE NOCASE, k.id"
ACTIVE_OWNER = " AND (k.person_id IS NULL OR k.person_id IN (SELECT id FROM people WHERE status = 'active'))"
RECENT = (  # what a view from a day shows: the ratings since, and each rater's latest before it
    " AND r.date >= '{since}'",
    " AND r.id IN (SELECT CAST(substr(max(date || printf('%012d', id)), 11) AS INTEGER) FROM skill_ratings"
    " WHERE skill_id IN ({ids}) AND date < '{since}' GROUP BY skill_id, rater_id)",
)
PUBLIC = f" AND (r.session_id IS NULL OR r.session_id NOT IN ({PRIVATE_SESSION_IDS}))"


def related(alias: str = "k") -> str:
    """The skills that concern a person (three `?` for their id): theirs, or mine when they rated it or it serves
    a goal with them."""
    return (
        f"({alias}.person_id = ? OR ({alias}.person_id IS NULL AND ("
        f"EXISTS (SELECT 1 FROM skill_ratings q WHERE q.skill_id = {alias}.id AND q.rater_id = ?)"
        " OR EXISTS (SELECT 1 FROM skill_goals l JOIN goals g ON g.id = l.goal_id"
        f" WHERE l.skill_id = {alias}.id AND g.person_id = ?))))"
    )


def _rating(row: dict[str, Any]) -> Rating:
    return Rating(*row.values())


class SkillsRepo(Repo):
    def add_skill(
        self,
        name: str,
        *,
        kind: str = "growth",
        person_id: int | None = None,
        goal_ids: list[int] | None = None,
        description: str = "",
    ) -> Skill:
        name = validate.skill_name(name)
        self._check_unique(name, person_id)
        for goal_id in goal_ids or []:
            self.require("goals", "goal", goal_id)
        skill_id = self.insert(
            "skills",
            {
                "name": name,
                "kind": validate.skill_kind(kind),
                "person_id": person_id,
                "description": validate.text(description, "description", required=False),
            },
        )
        self.set_skill_goals(skill_id, goal_ids or [])
        return self.get_skill(skill_id)

    def _check_unique(self, name: str, person_id: int | None, *, other_than: int | None = None) -> None:
        """One skill of a name per owner (Unicode case folding), so that a name finds it."""
        wanted = validate.name_key(name)
        for row in self.rows(
            "SELECT id, name FROM skills WHERE person_id IS ? AND id IS NOT ?", [person_id, other_than]
        ):
            if validate.name_key(row["name"]) == wanted:
                whose = f" of {self.journal.people.person_name(person_id)}" if person_id else ""
                raise MentorlogError(
                    _("there is already a skill {row!r}{whose} (id {row2})").format(
                        row=row["name"], whose=whose, row2=row["id"]
                    ),
                    _("Rate that one with `mentorlog skill rate`, or give the new skill another name."),
                )

    def set_skill_goals(self, skill_id: int, goal_ids: list[int]) -> bool:
        """Link the skill to exactly GOAL_IDS; True when that changed anything."""
        wanted = list(dict.fromkeys(goal_ids))
        for goal_id in wanted:
            self.require("goals", "goal", goal_id)
        current = [
            row["goal_id"] for row in self.rows("SELECT goal_id FROM skill_goals WHERE skill_id = ?", [skill_id])
        ]
        if sorted(current) == sorted(wanted):
            return False
        self.db.execute("DELETE FROM skill_goals WHERE skill_id = ?", [skill_id])
        self.db.executemany(
            "INSERT INTO skill_goals (skill_id, goal_id) VALUES (?, ?)", [(skill_id, goal_id) for goal_id in wanted]
        )
        return True

    def from_rows(
        self,
        found: list[dict[str, Any]],
        *,
        until: date | None = None,
        include_private: bool = True,
        ratings_since: date | None = None,
    ) -> list[Skill]:
        """Skills with their goal links and ratings (oldest first; up to UNTIL; private sessions' left out unless
        INCLUDE_PRIVATE). With RATINGS_SINCE, only the ratings a view from that day needs: those since, and each
        rater's latest before (levels, changes, sparklines and gaps come out the same; not the whole history)."""
        ids = [row["id"] for row in found]
        goals: dict[int, list[int]] = {skill_id: [] for skill_id in ids}
        ratings: dict[int, list[Rating]] = {skill_id: [] for skill_id in ids}
        if ids:
            for link in self.rows_in("SELECT skill_id, goal_id FROM skill_goals WHERE skill_id IN ({ids})", ids):
                goals[link["skill_id"]].append(link["goal_id"])
            sql = RATING_SELECT + ("" if include_private else PUBLIC)
            sql += f" AND r.date <= '{until.isoformat()}'" if until else ""
            queries = [(sql, 1)]
            if ratings_since is not None:
                assert include_private, "each rater's latest rating before is looked up among all of them"
                since = ratings_since.isoformat()
                since_on, latest_before = (part.format(since=since, ids="{ids}") for part in RECENT)
                queries = [(sql + since_on, 1), (sql + latest_before, 2)]  # (query, how many times the ids)
            for start in range(0, len(ids), 5000):  # plain tuples: a long history loads in a few milliseconds
                chunk = ids[start : start + 5000]
                for query, times in queries:
                    for values in self.db.execute(query.format(ids=placeholders(chunk)), chunk * times):
                        ratings[values[2]].append(Rating(*values))
            for found_ratings in ratings.values():
                found_ratings.sort(key=lambda rating: (rating.date, rating.id))
        for row in found:
            row.update(goal_ids=sorted(goals[row["id"]]), ratings=ratings[row["id"]])
        return from_rows(Skill, found)

    def get_skill(self, skill_id: int) -> Skill:
        self.require("skills", "skill", skill_id)
        return self.from_rows(self.rows(SKILL_SELECT + " WHERE k.id = ?", [skill_id]))[0]

    def _skill_filters(self, person_id: int | None, kind: str | None, include_closed: bool) -> tuple[str, list[Any]]:
        where, params = " WHERE 1", list[Any]()
        if person_id is not None:
            where += " AND " + related()
            params += [person_id] * 3
        elif not include_closed:
            where += ACTIVE_OWNER
        if kind is not None:
            where += " AND k.kind = ?"
            params.append(validate.skill_kind(kind))
        return where, params

    def list_skills(
        self,
        *,
        person_id: int | None = None,
        kind: str | None = None,
        include_closed: bool = False,
        limit: int | None = None,
        ratings_since: date | None = None,
    ) -> list[Skill]:
        """Growth areas before strengths, mine before others', by name. Without PERSON_ID, the skills of closed
        relationships only when INCLUDE_CLOSED. RATINGS_SINCE: as `from_rows` (for a view, not for --json)."""
        where, params = self._skill_filters(person_id, kind, include_closed)
        sql = SKILL_SELECT + where + ORDER + (" LIMIT ?" if limit is not None else "")
        found = self.rows(sql, [*params, *([limit] if limit is not None else [])])
        return self.from_rows(found, ratings_since=ratings_since)

    def count_skills(
        self, *, person_id: int | None = None, kind: str | None = None, include_closed: bool = False
    ) -> int:
        where, params = self._skill_filters(person_id, kind, include_closed)
        return int(self.scalar("SELECT count(*) FROM skills k" + where, params))

    def skill_trends(self, skills: list[Skill], since: date, until: date) -> list[SkillTrend]:
        """Each skill's views over the period, with the titles of its linked goals."""
        from mentorlog.core.trends import trend  # loaded by the views that show trends, not by today or health

        wanted = sorted({goal_id for skill in skills for goal_id in skill.goal_ids})
        titles = {
            row["id"]: row["title"] for row in self.rows_in("SELECT id, title FROM goals WHERE id IN ({ids})", wanted)
        }
        return [trend(s, since, until, tuple((g, titles[g]) for g in s.goal_ids if g in titles)) for s in skills]

    def find_skill(self, text: str, *, prefer: tuple[int | None, ...] = ()) -> dict[str, Any]:
        """A skill by id, or by its full name or a unique prefix of the name or of a word in it (Unicode case
        folding, like people's names). PREFER (owners in order; None is mine) settles a name several skills share:
        the first owner with a matching skill wins."""
        cleaned = text.strip()
        if cleaned.isdecimal() and cleaned.isascii():
            if not self.rows("SELECT 1 FROM skills WHERE id = ?", [int(cleaned)]):
                named = self.rows("SELECT id FROM skills WHERE name = ?", [cleaned])
                if len(named) == 1:  # a skill named `2026` and no skill 2026: the name
                    return self.require("skills", "skill", named[0]["id"])
            return self.require("skills", "skill", int(cleaned))
        wanted = validate.name_key(cleaned)
        if not wanted:
            raise UsageError(_("the skill's name is empty"), _("Give its id or (part of) its name."))
        rows = self.rows("SELECT k.id, k.name, k.person_id, p.name AS with_name FROM skills k"
                         " LEFT JOIN people p ON p.id = k.person_id ORDER BY k.id")  # fmt: skip
        keyed = [(validate.name_key(row["name"]), row) for row in rows]
        candidates = [row for key, row in keyed if key == wanted] or [
            row
            for key, row in keyed
            if key.startswith(wanted) or any(word.startswith(wanted) for word in WORD.findall(key))
        ]
        for owner in prefer if len(candidates) > 1 else ():
            owned = [row for row in candidates if row["person_id"] == owner]
            if owned:
                candidates = owned
                break
        if len(candidates) == 1:
            return self.require("skills", "skill", candidates[0]["id"])
        if candidates:
            names = ", ".join(
                f"{row['name']} ({row['with_name'] or 'mine'}, id {row['id']})" for row in candidates[:10]
            )
            raise AmbiguousName(
                _("{text!r} matches several skills: {names}").format(text=text, names=names),
                _("Type more of the name, or give its id."),
            )
        raise NotFound(
            _("no skill named {text!r}").format(text=text),
            _("Add it with `mentorlog skill add {text!r}`, or list them with `mentorlog skills`.").format(text=text),
        )

    def rate_skill(
        self,
        skill_id: int,
        level: int,
        *,
        day: date,
        rater_id: int | None = None,
        session_id: int | None = None,
        note: str = "",
    ) -> Rating:
        """Record a level 1-5 of the skill on DAY: mine (RATER_ID None) or that person's view."""
        self.require("skills", "skill", skill_id)
        if session_id is not None:
            self.require("sessions", "session", session_id)
        rating_id = self.insert(
            "skill_ratings",
            {
                "skill_id": skill_id,
                "date": validate.day(day).isoformat(),
                "level": validate.level(level),
                "rater_id": rater_id,
                "session_id": session_id,
                "note": validate.text(note, "note", required=False),
            },
        )
        return self.ratings_by_ids([rating_id])[0]

    def ratings_by_ids(self, ids: list[int]) -> list[Rating]:
        sql = RATING_SELECT.replace("r.skill_id IN", "r.id IN")
        return [_rating(row) for row in sorted(self.rows_in(sql, ids), key=lambda row: ids.index(row["id"]))]

    def session_ratings(self, session_id: int) -> list[Rating]:
        """The ratings given during a session."""
        sql = RATING_SELECT.replace("r.skill_id IN ({ids})", "r.session_id = ?") + " ORDER BY r.id"
        return [_rating(row) for row in self.rows(sql, [session_id])]

    def update_skill(self, skill_id: int, patch: SkillPatch) -> Skill:
        current = self.require("skills", "skill", skill_id)
        fields = patch.changes()
        goal_ids = fields.pop("goal_ids", None)
        if "name" in fields:
            fields["name"] = validate.skill_name(fields["name"])
        if "kind" in fields:
            fields["kind"] = validate.skill_kind(fields["kind"])
        if "description" in fields:
            fields["description"] = validate.text(fields["description"], "description", required=False)
        if "name" in fields or "person_id" in fields:
            owner = fields.get("person_id", current["person_id"])
            self._check_unique(fields.get("name", current["name"]), owner, other_than=skill_id)
        self.update_fields("skills", skill_id, fields)
        if goal_ids is not None and self.set_skill_goals(skill_id, list(goal_ids)) and not fields:
            self.touch("skills", skill_id)
        return self.get_skill(skill_id)

    def delete_skill(self, skill_id: int) -> int:
        """Delete a skill and its ratings; returns how many ratings went with it."""
        self.require("skills", "skill", skill_id)
        ratings = int(self.scalar("SELECT count(*) FROM skill_ratings WHERE skill_id = ?", [skill_id]))
        self.db.execute("DELETE FROM skills WHERE id = ?", [skill_id])
        return ratings

    # the reports' share -----------------------------------------------------------------------------

    def rated_skills(
        self, since: date, until: date, *, person_id: int | None = None, include_private: bool = True
    ) -> list[Skill]:
        """The skills rated in the period (about PERSON_ID when given), with their ratings up to UNTIL."""
        where, params = "", list[Any]()
        if person_id is not None:
            where, params = " AND " + related(), [person_id] * 3
        public = "" if include_private else PUBLIC
        found = self.rows(
            SKILL_SELECT + " WHERE k.id IN (SELECT r.skill_id FROM skill_ratings r WHERE r.date BETWEEN ? AND ?"
            f"{public}){where}" + ORDER,
            [since.isoformat(), until.isoformat(), *params],
        )
        return self.from_rows(found, until=until, include_private=include_private)

    def skill_changes(
        self,
        since: date,
        until: date,
        *,
        person_id: int | None = None,
        include_private: bool = True,
        rated: list[Skill] | None = None,
    ) -> list[SkillChange]:
        """Each skill rated in the period: both views' level at its start and its end (from RATED, the period's
        rated_skills with the same arguments, when the caller has them already)."""
        from mentorlog.core.trends import skill_change

        if rated is None:
            rated = self.rated_skills(since, until, person_id=person_id, include_private=include_private)
        return [change for skill in rated if (change := skill_change(skill, since, until)) is not None]
