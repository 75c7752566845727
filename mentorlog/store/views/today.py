"""The day's dashboard (`mentorlog` / `mentorlog today`): what is due, who to meet, what stalls."""

from __future__ import annotations

from datetime import timedelta

from mentorlog.core.meetings import Today, next_meeting
from mentorlog.core.records import Action, Topic
from mentorlog.core.spans import STALE_DAYS
from mentorlog.store.base import Repo
from mentorlog.store.records.actions import ACTION_SELECT, _action
from mentorlog.store.records.goals import GOAL_SELECT

WEEK = 7
LISTED = 10


class TodayRepo(Repo):
    def today_view(self) -> Today:
        today = self.today
        horizon = (today + timedelta(days=WEEK - 1)).isoformat()
        active = " AND (a.person_id IS NULL OR a.person_id IN (SELECT id FROM people WHERE status = 'active'))"
        due_soon = " WHERE a.status = 'open' AND a.due <= ?" + active
        # each query reads only open items, through an index that yields them in the order listed (m010)
        mine = [
            _action(row)
            for row in self.rows(
                ACTION_SELECT.replace("actions a", "actions a INDEXED BY idx_actions_status_due")
                + due_soon
                + " AND a.owner_id IS NULL ORDER BY a.due, a.id LIMIT ?",
                [horizon, LISTED],
            )
        ]
        more_mine = int(
            self.scalar(
                "SELECT count(*) FROM actions a INDEXED BY idx_actions_open" + due_soon + " AND a.owner_id IS NULL",
                [horizon],
            )
        ) - len(mine)
        theirs: dict[str, list[Action]] = {}
        left = LISTED * 3
        for owner in self.rows("SELECT id FROM people ORDER BY name"):  # by the owner's name, as listed
            if left <= 0:
                break
            for row in self.rows(
                ACTION_SELECT.replace("actions a", "actions a INDEXED BY idx_actions_open_owner")
                + due_soon
                + " AND a.owner_id = ? ORDER BY a.due, a.id LIMIT ?",
                [horizon, owner["id"], left],
            ):
                action = _action(row)
                theirs.setdefault(action.owner, []).append(action)
                left -= 1
        people = self.journal.people.list_people()
        meetings, overdue = [], []
        for person in people:
            meeting = next_meeting(person, today)
            if meeting is None:
                continue
            if meeting.day < today:
                overdue.append(meeting)
            elif meeting.day <= today + timedelta(days=WEEK):
                meetings.append(meeting)
        meetings.sort(key=lambda m: (m.day, m.person.name))
        overdue.sort(key=lambda m: (m.day, m.person.name))
        stale_before = (today - timedelta(days=STALE_DAYS)).isoformat()
        stale = self.journal.goals.from_rows(
            self.rows(
                GOAL_SELECT + " WHERE g.status = 'active' AND g.parent_id IS NULL AND coalesce("
                "(SELECT max(u.date) FROM progress_updates u WHERE u.goal_id = g.id), date(g.created_at, 'localtime'))"
                " < ? AND (g.person_id IS NULL OR g.person_id IN (SELECT id FROM people WHERE status = 'active'))"
                " ORDER BY g.id LIMIT ?",
                [stale_before, LISTED],
            )
        )
        topics: dict[str, list[Topic]] = {}
        for topic in self.journal.topics.list_topics():
            if any(person.id == topic.person_id for person in people):
                topics.setdefault(topic.with_name, []).append(topic)
        empty = not people and not self.scalar("SELECT EXISTS (SELECT 1 FROM sessions UNION ALL SELECT 1 FROM actions)")
        attention = {
            person.name: reasons for person in people if (reasons := self.journal.health.attention_for(person))
        }
        return Today(
            today, mine, theirs, meetings, overdue, stale, topics, bool(empty), {"mine": max(more_mine, 0)}, attention
        )
