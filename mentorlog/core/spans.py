"""Local days and stored instants, the meetings a cadence asks for, and a period's confidence: the small pure
rules the period figures, today and health share (light: they build no report dataclasses but Confidence)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from mentorlog.base.values import Value
from mentorlog.core.trees import SPARK_POINTS, sparkline

STALE_DAYS = 28
MARKS_PER_ROW = 8
OPEN_LISTED = 100  # open action items a review lists, most urgent first; the rest are counted
DONE_LISTED = 100  # action items done in the period that a review lists, the latest; the rest are counted


# local days and stored instants ------------------------------------------------------------------


def utc_bounds(since: date, until: date) -> tuple[str, str]:
    """The stored-timestamp range [start, end) of the local days SINCE to UNTIL (both included)."""

    def start_of(day: date) -> str:
        return datetime.combine(day, time.min).astimezone(UTC).isoformat()

    return start_of(since), start_of(until + timedelta(days=1))


def local_day(stamp: str | None) -> date | None:
    """The user's local date of a stored UTC timestamp (or a plain stored date)."""
    if not stamp:
        return None
    if len(stamp) == 10:
        return date.fromisoformat(stamp)
    return datetime.fromisoformat(stamp).astimezone().date()


def expected_meetings(since: date, until: date, started: date, cadence_days: int | None) -> int:
    """Meetings a cadence asks for from SINCE to UNTIL, never before the relationship STARTED: a relationship
    that starts inside the period has its first meeting at its start, then one every CADENCE_DAYS."""
    if not cadence_days or until < max(since, started):
        return 0
    if started >= since:
        return (until - started).days // cadence_days + 1
    return round(((until - since).days + 1) / cadence_days)


# confidence ----------------------------------------------------------------------------------------


class Confidence(Value):
    """Session confidence over a period: first, last, average and a sparkline."""

    __slots__ = ("first", "last", "average", "sparkline")  # noqa: RUF023 (in the order __init__ takes them)

    def __init__(self, first: int | None, last: int | None, average: float | None, sparkline: str) -> None:
        self.first, self.last, self.average, self.sparkline = first, last, average, sparkline

    def to_json(self) -> dict[str, Any]:
        return {"first": self.first, "last": self.last, "average": self.average, "sparkline": self.sparkline}

    @classmethod
    def of(cls, ratings: list[int]) -> Confidence:
        if not ratings:
            return cls(None, None, None, "")
        return cls(ratings[0], ratings[-1], round(sum(ratings) / len(ratings), 1), sparkline(ratings[-SPARK_POINTS:]))

    @classmethod
    def of_parts(cls, first: int | None, latest: list[int], total: int, count: int) -> Confidence:
        """The same as `of` over ratings whose first, latest SPARK_POINTS (oldest first), sum and count are given."""
        if not count or first is None:
            return cls(None, None, None, "")
        return cls(first, latest[-1], round(total / count, 1), sparkline(latest[-SPARK_POINTS:]))
