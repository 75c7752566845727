"""The period's records as JSON for scripts (the lossless dump of `--all` lives in store/dump.py)."""

from __future__ import annotations

from typing import Any

from mentorlog.export.review import Review

FORMAT = "mentorlog-export"


def period_json(review: Review, exported_at: str) -> dict[str, Any]:
    period = review.period
    return {
        "format": FORMAT,
        "version": 1,
        "exported_at": exported_at,
        "since": review.since.isoformat(),
        "until": review.until.isoformat(),
        "with": review.with_name,
        "people": [person.to_json() for person in review.people],
        "sessions": [session.to_json() for session in review.sessions],
        "goals": [goal.to_json() for goal in period.goals],
        "progress_updates": [
            u.to_json() for u in period.updates if review.since.isoformat() <= u.date <= review.until.isoformat()
        ],
        "actions": [action.to_json() for action in period.actions],
        "reflections": [reflection.to_json() for reflection in review.reflections],
        "topics": [topic.to_json() for topic in review.topics],
        "summary": review.figures,
    }
