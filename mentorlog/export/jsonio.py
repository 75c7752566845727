"""The period's records as JSON for scripts (the lossless dump of `--all` lives in store/dump/)."""

from __future__ import annotations

from typing import Any

from mentorlog.base.safe import json_text
from mentorlog.core.reports import Review
from mentorlog.export.registry import Request

FORMAT = "mentorlog-export"


def dumps(data: object) -> str:
    """JSON for a file or a terminal: indented, UTF-8, every control character escaped."""
    return json_text(data, indent=2)


def write(review: Review, request: Request) -> str:
    """`export --format json` (export/registry.py): the period's records; `--all` is the store's dump."""
    return dumps(period_json(review, request.stamp)) + "\n"


def period_json(review: Review, exported_at: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": 1,
        "exported_at": exported_at,
        "since": review.since.isoformat(),
        "until": review.until.isoformat(),
        "with": review.with_name,
        "people": [person.to_json() for person in review.people],
        "sessions": [session.to_json() for session in review.sessions],
        "goals": [goal.to_json() for goal in review.goal_records],
        "progress_updates": [update.to_json() for update in review.updates],
        "actions": [action.to_json() for action in review.actions],
        "reflections": [reflection.to_json() for reflection in review.reflections],
        "topics": [topic.to_json() for topic in review.topics],
        "skills": [skill.to_json() for skill in review.skills],
        "summary": review.summary.to_json(),
    }
