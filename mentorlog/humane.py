"""Dates in words for people: `in 3 days`, `2 weeks ago`. Pure and cheap to import (render uses it)."""

from __future__ import annotations

from datetime import date

NEAR = {-1: "yesterday", 0: "today", 1: "tomorrow"}


def relative_days(day: date, today: date) -> str:
    """`today`, `in 3 days`, `2 weeks ago`: how far a date is from today, in words."""
    delta = (day - today).days
    if delta in NEAR:
        return NEAR[delta]
    size = abs(delta)
    if size < 14:
        amount = f"{size} days"
    elif size < 60:
        amount = f"{size // 7} weeks"
    elif size < 730:
        amount = f"{size // 30} months"
    else:
        amount = f"{size // 365} years"
    return f"in {amount}" if delta >= 2 else f"{amount} ago"  # 0 and ±1 have words of their own


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`1 session`, `2 sessions`, `0 action items`: a number with its noun in the right form."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
