"""One kind of record as CSV: a header row, one record a row, UTF-8."""

from __future__ import annotations

import csv
import io
from typing import Any

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.base.safe import inert
from mentorlog.core.reports import Review
from mentorlog.export.registry import Request

WHAT = ("sessions", "actions", "goals", "reflections", "skills")
COLUMNS = {
    "sessions": ["id", "uuid", "date", "time", "with", "title", "notes", "feedback", "confidence", "next", "private",
                 "tags", "goal_ids", "action_ids", "created_at"],
    "actions": ["id", "uuid", "text", "owner", "with", "due", "status", "session_id", "goal_id", "created_at",
                "done_at"],
    "goals": ["id", "uuid", "title", "description", "horizon", "status", "progress", "target", "parent_id", "with",
              "tags", "created_at", "achieved_at"],
    "reflections": ["id", "uuid", "date", "with", "goal_id", "text", "tags", "created_at"],
    "skills": ["rating_id", "date", "skill_id", "skill", "kind", "with", "level", "by", "note", "session_id",
               "goal_ids"],  # one rating a row, with its skill
}  # fmt: skip


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ tab or CR gets a leading ' (OWASP),
    and control characters are shown as \\xNN (no cell carries a terminal escape)."""
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return inert(text)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return neutralise(" ".join(str(item) for item in value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return neutralise(value)
    return "" if value is None else value


def check_what(what: str) -> str:
    if what not in WHAT:
        raise UsageError(_("--what must be one of {choices}, not {what!r}").format(choices=", ".join(WHAT), what=what))
    return what


def check(request: Request) -> None:
    """Before the journal is read: --what names a table this file can hold."""
    check_what(request.what)


def write(review: Review, request: Request) -> str:
    """`export --format csv --what TABLE` (export/registry.py)."""
    return render(review, request.what)


def render(review: Review, what: str) -> str:
    check_what(what)
    by_kind: dict[str, list[Any]] = {
        "sessions": review.sessions,
        "actions": review.actions,
        "goals": review.goal_records,
        "reflections": review.reflections,
    }
    rows: list[dict[str, Any]] = (
        _ratings(review) if what == "skills" else [record.to_json() for record in by_kind[what]]
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS[what])
    for data in rows:
        writer.writerow([_cell(data.get(column)) for column in COLUMNS[what]])
    return buffer.getvalue()


def _ratings(review: Review) -> list[dict[str, Any]]:
    """The period's skill ratings, oldest first, each with its skill's name, kind, owner and goals."""
    found = [
        {**rating.to_json(), "rating_id": rating.id, "skill_id": skill.id, "skill": skill.name, "kind": skill.kind,
         "with": skill.with_name, "goal_ids": skill.goal_ids}
        for skill in review.skills for rating in skill.ratings
    ]  # fmt: skip
    return sorted(found, key=lambda row: (row["date"], row["rating_id"]))
