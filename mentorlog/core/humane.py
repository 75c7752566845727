"""Dates in words for people: `in 3 days`, `2 weeks ago`, `Dec 2026`, and a day as a person reads it
(`2026-12-03`; German `03.12.2026`). Pure and cheap to import (render uses it). The words follow the language
chosen for this command (i18n); English output is exactly what it always was."""

from __future__ import annotations

from datetime import date, datetime

from mentorlog.base.i18n import N_, _, german, ngettext

NEAR = {-1: N_("yesterday"), 0: N_("today"), 1: N_("tomorrow")}
MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
          N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))  # fmt: skip
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))

# Stored words (statuses, roles, kinds) stay English in the journal and in --json; a view shows them translated.
WORDS = {
    "open": N_("open"),
    "done": N_("done"),
    "dropped": N_("dropped"),
    "active": N_("active"),
    "paused": N_("paused"),
    "achieved": N_("achieved"),
    "discussed": N_("discussed"),
    "closed": N_("closed"),
    "mentor": N_("mentor"),
    "mentee": N_("mentee"),
    "short": N_("short"),
    "long": N_("long"),
    "session": N_("session"),
    "reflection": N_("reflection"),
    "goal": N_("goal"),
    "action": N_("action"),
    "topic": N_("topic"),
    "person": N_("person"),
    "skill": N_("skill"),
}


def word(value: str | None) -> str:
    """A stored word (`open`, `mentee`, `session`) as the chosen language says it; anything else as it is."""
    if not value:
        return value or ""
    return _(WORDS[value]) if value in WORDS else value


def relative_days(day: date, today: date) -> str:
    """`today`, `in 3 days`, `2 weeks ago`: how far a date is from today, in words."""
    delta = (day - today).days
    if delta in NEAR:
        return _(NEAR[delta])
    size = abs(delta)
    ahead = delta >= 2  # 0 and ±1 have words of their own
    if size < 14:
        n = size
        words = ngettext("in {n} day", "in {n} days", n) if ahead else ngettext("{n} day ago", "{n} days ago", n)
    elif size < 60:
        n = size // 7
        words = ngettext("in {n} week", "in {n} weeks", n) if ahead else ngettext("{n} week ago", "{n} weeks ago", n)
    elif size < 730:
        n = size // 30
        words = (
            ngettext("in {n} month", "in {n} months", n) if ahead else ngettext("{n} month ago", "{n} months ago", n)
        )
    else:
        n = size // 365
        words = ngettext("in {n} year", "in {n} years", n) if ahead else ngettext("{n} year ago", "{n} years ago", n)
    return words.format(n=n)


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`1 session`, `2 sessions`, `0 action items`: a number with its noun in the right form (English only:
    a German text uses ngettext with the whole phrase)."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def day(value: date | str | None) -> str:
    """A day as a person reads it: `2026-12-03` (German `03.12.2026`). Text that is not a date stays as it is."""
    if value is None:
        return ""
    if not german():
        return value if isinstance(value, str) else value.isoformat()
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            return value
    else:
        parsed = value
    return f"{parsed.day:02d}.{parsed.month:02d}.{parsed.year}"


def weekday(value: date) -> str:
    """`Thu` (German `Do`)."""
    return _(WEEKDAYS[value.weekday()])


def month(value: date) -> str:
    """`Dec` (German `Dez`)."""
    return _(MONTHS[value.month - 1])


def month_year(value: date) -> str:
    """`Dec 2026` (German `Dez 2026`): a month, never mistaken for a day."""
    return f"{month(value)} {value.year}"


def minute(stamp: datetime) -> str:
    """A local date and minute: `2026-12-03 14:30` (German `03.12.2026 14:30`)."""
    return f"{day(stamp.date())} {stamp:%H:%M}"


def decimal(value: float | int | None, spec: str = "") -> str:
    """`4.5` (German `4,5`) in the format SPEC; `None` stays `None`, as an f-string shows it."""
    shown = format(value, spec) if value is not None else "None"
    return shown.replace(".", ",") if german() else shown
