"""The agenda to share with the other person (`agenda --format md`): only what both sides may see."""

from __future__ import annotations

from mentorlog.core.meetings import SharedAgenda, next_meeting
from mentorlog.core.trees import goal_tree
from mentorlog.store.base import Repo
from mentorlog.store.records.actions import ACTION_SELECT, _action
from mentorlog.store.records.goals import GOAL_SELECT
from mentorlog.store.views.period import private_actions

# Whose an open item is, as the text agenda splits them: mine in the relationship, and theirs (owned by them,
# or by someone else in the relationship).
SIDES = {
    "mine": " AND a.owner_id IS NULL AND a.person_id = ?",
    "theirs": " AND a.owner_id IS NOT NULL AND (a.person_id = ? OR a.owner_id = ?)",
}


class SharedAgendaRepo(Repo):
    def shared_agenda(self, person_id: int) -> SharedAgenda:
        """Every open item of both sides, overdue first then by due date, but none that came from a private
        session; the open topics; the active goals with the person; the next meeting unless the relationship
        is closed. Never a session's notes or feedback, never a reflection: they are not even read."""
        person = self.journal.people.get_person(person_id)
        hidden = private_actions("a", include_private=False)
        sides = {
            side: [
                _action(row)
                for row in self.rows(
                    ACTION_SELECT + " WHERE a.status = 'open'" + condition + hidden
                    + " ORDER BY a.due IS NULL, a.due, a.id",
                    [person_id] * condition.count("?"),
                )
            ]
            for side, condition in SIDES.items()
        }  # fmt: skip
        goals = self.journal.goals.from_rows(
            self.rows(
                GOAL_SELECT + " WHERE g.person_id = ? AND g.status = 'active' ORDER BY g.horizon = 'short', g.id",
                [person_id],
            )
        )
        return SharedAgenda(
            person=person,
            today=self.today,
            meeting=next_meeting(person, self.today) if person.active else None,
            mine=sides["mine"],
            theirs=sides["theirs"],
            topics=self.journal.topics.list_topics(person_id=person_id),
            goals=goal_tree(goals),
        )
