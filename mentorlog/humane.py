"""Dates in words for people: `in 3 days`, `2 weeks ago`. Pure and cheap to import (render uses it)."""

from __future__ import annotations

from datetime import date


def relative_days(day: date, today: date) -> str:
    """`today`, `in 3 days`, `2 weeks ago`: how far a date is from today, in words."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    size = abs(delta)
    if size < 14:
        amount = f"{size} days"
    elif size < 60:
        amount = f"{size // 7} weeks"
    elif size < 730:
        amount = f"{size // 30} months"
    else:
        amount = f"{size // 365} years"
    return f"in {amount}" if delta > 0 else f"{amount} ago"
