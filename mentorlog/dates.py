"""Text to dates, the way people type them. Pure: `today` is always passed in.

dateutil's parser reads the absolute forms (ISO, dotted, slashes, month names) once a shape check
has made sure the text really is one of them; this module only adds the thin layer of relative
words (English and German) and the rules for which way a bare weekday points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from mentorlog.errors import DateError
from mentorlog.humane import relative_days

__all__ = ["When", "parse_cadence", "parse_date", "parse_since", "parse_when", "relative_days"]

Direction = Literal["forward", "backward"]

MIN_YEAR = 1900  # dates outside these years are errors, never reinterpreted
MAX_YEAR = 2200

EXAMPLES = "2026-12-03, 3.12., Dec 3, tomorrow, fri, next friday, in 2 weeks, 3 days ago, +1m, eom"

WEEKDAYS: dict[str, int] = {}
for _index, _names in enumerate(
    [
        ("monday", "mon", "mo", "montag"),
        ("tuesday", "tue", "tues", "di", "dienstag"),
        ("wednesday", "wed", "mi", "mittwoch"),
        ("thursday", "thu", "thur", "thurs", "do", "donnerstag"),
        ("friday", "fri", "fr", "freitag"),
        ("saturday", "sat", "sa", "samstag", "sonnabend"),
        ("sunday", "sun", "so", "sonntag"),
    ]
):
    for _name in _names:
        WEEKDAYS[_name] = _index

UNITS: dict[str, str] = {}
for _unit, _names in {
    "d": ("d", "day", "days", "tag", "tage", "tagen"),
    "w": ("w", "week", "weeks", "woche", "wochen"),
    "m": ("m", "month", "months", "monat", "monate", "monaten"),
    "y": ("y", "year", "years", "jahr", "jahre", "jahren"),
}.items():
    for _name in _names:
        UNITS[_name] = _unit

SIMPLE_WORDS = {
    "today": 0,
    "heute": 0,
    "tomorrow": 1,
    "morgen": 1,
    "übermorgen": 2,
    "uebermorgen": 2,
    "yesterday": -1,
    "gestern": -1,
    "vorgestern": -2,
}
NEXT_WORDS = {"next", "nächsten", "nächster", "nächste", "naechsten", "naechster", "kommenden"}
LAST_WORDS = {"last", "letzten", "letzter", "letzte", "vergangenen"}

_MONTH_NAMES = [
    ("jan", "january", "januar", "jän", "jänner"),
    ("feb", "february", "februar"),
    ("mar", "march", "märz", "maerz", "mär"),
    ("apr", "april"),
    ("may", "mai"),
    ("jun", "june", "juni"),
    ("jul", "july", "juli"),
    ("aug", "august"),
    ("sep", "sept", "september"),
    ("oct", "october", "okt", "oktober"),
    ("nov", "november"),
    ("dec", "december", "dez", "dezember"),
]
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}

_TIME = r"(?:[ t](\d{1,2}):(\d{2}))?"
ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$")
ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})?" + _TIME + "$")
SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
MONTH_DAY = re.compile(r"^([^\W\d_]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$")
DAY_MONTH = re.compile(r"^(\d{1,2})\.? ([^\W\d_]+)\.?(?: (\d{4}))?$")
MONTH_YEAR = re.compile(r"^([^\W\d_]+)\.? (\d{4})$")
SIGNED = re.compile(r"^([+-])(\d{1,4})\s*([a-z]+)$")
IN_N = re.compile(r"^in (\d{1,4}) ([a-zäöü]+)$")
N_AGO = re.compile(r"^(\d{1,4}) ([a-z]+) ago$")
VOR_N = re.compile(r"^vor (\d{1,4}) ([a-zäöü]+)$")
SPAN = re.compile(r"^(\d{1,4})\s*([a-z]+)$")


@dataclass(frozen=True)
class When:
    """A parsed date with an optional time of day."""

    day: date
    at: time | None = None


def _error(text: str, reason: str | None = None) -> DateError:
    message = f"cannot read {text!r} as a date" + (f" ({reason})" if reason else "")
    return DateError(message, hint=f"Try for example: {EXAMPLES}")


def _shift(day: date, amount: int, unit: str) -> date:
    from dateutil.relativedelta import relativedelta

    if unit == "d":
        return day + timedelta(days=amount)
    if unit == "w":
        return day + timedelta(weeks=amount)
    if unit == "m":
        return day + relativedelta(months=amount)
    return day + relativedelta(years=amount)


def _weekday(day: date, weekday: int, direction: Direction) -> date:
    if direction == "forward":
        return day + timedelta(days=(weekday - day.weekday()) % 7 or 7)
    return day - timedelta(days=(day.weekday() - weekday) % 7 or 7)


def _end_of_month(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def _relative(text: str, today: date, direction: Direction, week_start: str) -> date | None:
    """The relative words; None when the text is none of them."""
    if text in SIMPLE_WORDS:
        return today + timedelta(days=SIMPLE_WORDS[text])
    if text in WEEKDAYS:
        return _weekday(today, WEEKDAYS[text], direction)
    if text == "eow":
        last_day = 6 if week_start == "monday" else 5
        return today + timedelta(days=(last_day - today.weekday()) % 7)
    if text == "eom":
        return _end_of_month(today.year, today.month)
    if text == "eoy":
        return date(today.year, 12, 31)
    words = text.split(" ")
    if len(words) == 2 and words[1] in WEEKDAYS:
        if words[0] in NEXT_WORDS:
            return _weekday(today, WEEKDAYS[words[1]], "forward")
        if words[0] in LAST_WORDS:
            return _weekday(today, WEEKDAYS[words[1]], "backward")
    for pattern, sign in ((IN_N, 1), (N_AGO, -1), (VOR_N, -1)):
        match = pattern.match(text)
        if match and match.group(2) in UNITS:
            return _shift(today, sign * int(match.group(1)), UNITS[match.group(2)])
    match = SIGNED.match(text)
    if match and match.group(3) in UNITS:
        sign = 1 if match.group(1) == "+" else -1
        return _shift(today, sign * int(match.group(2)), UNITS[match.group(3)])
    return None


def _parse_with_dateutil(text: str, default: datetime, dayfirst: bool, shown: str) -> datetime:
    from dateutil import parser

    # English and German month names; built with type() because dateutil types MONTHS narrowly.
    info = type("Info", (parser.parserinfo,), {"MONTHS": list(_MONTH_NAMES)})

    try:
        return parser.parse(text, parserinfo=info(dayfirst=dayfirst), default=default)
    except (ValueError, OverflowError) as exc:
        reason = str(exc).split(":")[0]
        raise _error(shown, reason) from None


def _absolute(text: str, today: date, dayfirst: bool, period_end: bool, shown: str) -> When | None:
    """ISO, dotted, slashed and month-name forms; None when the text has none of these shapes."""
    default = datetime(today.year, 1, 1)
    match = ISO_MONTH.match(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise _error(shown, "month must be 1 to 12")
        return When(_end_of_month(year, month) if period_end else date(year, month, 1))
    match = MONTH_YEAR.match(text)
    if match and match.group(1) in MONTHS:
        year, month = int(match.group(2)), MONTHS[match.group(1)]
        return When(_end_of_month(year, month) if period_end else date(year, month, 1))
    if ISO_DAY.match(text):
        parsed = _parse_with_dateutil(text.replace("t", "T"), default, False, shown)
    elif match := DOTTED.match(text):
        if match.group(3) is None:  # `3.12.` means this year
            text = f"{match.group(1)}.{match.group(2)}.{today.year}" + text[match.end(2) + 1 :]
        parsed = _parse_with_dateutil(text, default, True, shown)
    elif SLASHED.match(text):
        parsed = _parse_with_dateutil(text, default, dayfirst, shown)
    elif (match := MONTH_DAY.match(text) or DAY_MONTH.match(text)) and any(
        part in MONTHS for part in match.groups() if part
    ):
        parsed = _parse_with_dateutil(text, default, True, shown)
    else:
        return None
    has_time = bool(re.search(r"\d:\d", text))
    return When(parsed.date(), parsed.time() if has_time else None)


def _normalise(text: str) -> str:
    return " ".join(text.strip().lower().split())


def parse_when(
    text: str,
    *,
    today: date,
    direction: Direction = "forward",
    dayfirst: bool = False,
    week_start: str = "monday",
    period_end: bool = False,
) -> When:
    """Read a date (and an optional time) from TEXT.

    `direction` says which way a bare weekday points: forward for due dates and targets, backward
    for the date of a session or reflection. `period_end` makes a month (`2026-12`, `December 2026`)
    mean its last day instead of its first.
    """
    cleaned = _normalise(text)
    if not cleaned:
        raise _error(text, "empty")
    try:
        relative = _relative(cleaned, today, direction, week_start)
    except (ValueError, OverflowError):
        raise _error(text, "out of range") from None
    if relative is not None:
        return When(relative)
    absolute = _absolute(cleaned, today, dayfirst, period_end, text.strip())
    if absolute is not None:
        return absolute
    raise _error(text)


def parse_date(text: str, *, today: date, **options: object) -> date:
    """Like parse_when, for the fields that hold a day only."""
    return parse_when(text, today=today, **options).day  # type: ignore[arg-type]


def parse_since(text: str, *, today: date, dayfirst: bool = False, week_start: str = "monday") -> date:
    """A start of a period: a span back from today (`30d`, `2w`, `6m`, `1y`) or any date."""
    match = SPAN.match(_normalise(text))
    if match and match.group(2) in UNITS:
        try:
            return _shift(today, -int(match.group(1)), UNITS[match.group(2)])
        except (ValueError, OverflowError):
            raise _error(text, "out of range") from None
    return parse_date(text, today=today, direction="backward", dayfirst=dayfirst, week_start=week_start)


def parse_cadence(text: str) -> int:
    """A meeting interval like `2w`, `10d` or `1m` as a number of days."""
    match = SPAN.match(_normalise(text))
    if not match or match.group(2) not in UNITS or int(match.group(1)) == 0:
        raise DateError(
            f"cannot read {text!r} as a meeting interval",
            hint="Try for example: 1w, 2w, 10d, 1m",
        )
    amount, unit = int(match.group(1)), UNITS[match.group(2)]
    return amount * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]
