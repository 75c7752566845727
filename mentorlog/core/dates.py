"""Text to dates, the way people type them. Pure: `today` is always passed in.

Every form is read here, shape by shape, and every day is built with `date()`, so an impossible day
(`Dec 32`, `31.02.`, `2026-02-30`) is an error instead of being reinterpreted as something else;
months and years are added here too (add_months, as dateutil's relativedelta would). The relative words
are English and German, and a bare weekday points the way the field looks (`direction`).
"""

from __future__ import annotations

import unicodedata
from datetime import date, time, timedelta
from typing import Literal

from mentorlog.base import i18n
from mentorlog.base.config import MAX_YEAR, MIN_YEAR
from mentorlog.base.errors import DateError
from mentorlog.base.i18n import N_, _
from mentorlog.base.patterns import lazy
from mentorlog.base.values import Value
from mentorlog.core.humane import relative_days

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "DateError",
    "Direction",
    "When",
    "check_in_range",
    "format_day",
    "parse_cadence",
    "parse_date",
    "parse_since",
    "parse_when",
    "relative_days",
]

Direction = Literal["forward", "backward"]
STEPS: dict[str, int] = {"forward": 1, "backward": -1}


EXAMPLES = N_("2026-12-03, 3.12., Dec 3, tomorrow, fri, next friday, in 2 weeks, +1m, eom")

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

# The weekday in a confirmation (format_day), for the two languages mentorlog speaks.
WEEKDAY_SHORT = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
}

UNITS: dict[str, str] = {}
for _unit, _names in {
    "d": ("d", "day", "days", "tag", "tage", "tagen"),
    "w": ("w", "week", "weeks", "woche", "wochen"),
    "m": ("m", "month", "months", "monat", "monate", "monaten"),
    "y": ("y", "year", "years", "jahr", "jahre", "jahren"),
}.items():
    for _name in _names:
        UNITS[_name] = _unit

# `in two weeks`, `vor drei tagen`, `in einer woche`, `a month ago`.
NUMBER_WORDS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("a", "an", "one", "ein", "eine", "einem", "einer", "einen", "eins"),
        ("two", "zwei"),
        ("three", "drei"),
        ("four", "vier"),
        ("five", "fünf", "fuenf"),
        ("six", "sechs"),
        ("seven", "sieben"),
        ("eight", "acht"),
        ("nine", "neun"),
        ("ten", "zehn"),
        ("eleven", "elf"),
        ("twelve", "zwölf", "zwoelf"),
    ],
    1,
):
    for _name in _names:
        NUMBER_WORDS[_name] = _number

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
NEXT_WORDS = {
    "next",
    "nächste",
    "nächsten",
    "nächster",
    "nächstes",
    "naechste",
    "naechsten",
    "naechster",
    "naechstes",
    "kommende",
    "kommenden",
    "kommender",
    "kommendes",
}
LAST_WORDS = {"last", "letzte", "letzten", "letzter", "letztes", "vergangene", "vergangenen", "vergangener"}
STEP_WORDS = {**dict.fromkeys(NEXT_WORDS, 1), **dict.fromkeys(LAST_WORDS, -1)}
# `next week` / `nächsten monat` / `last year`: one whole period on from today (or back).
PERIOD_WORDS = {"week": "w", "month": "m", "year": "y", "woche": "w", "monat": "m", "jahr": "y"}
# The last day of this week, month or year.
END_WORDS = {
    "eow": "w",
    "end of week": "w",
    "end of the week": "w",
    "ende der woche": "w",
    "eom": "m",
    "end of month": "m",
    "end of the month": "m",
    "ende des monats": "m",
    "monatsende": "m",
    "eoy": "y",
    "end of year": "y",
    "end of the year": "y",
    "ende des jahres": "y",
    "jahresende": "y",
}

_MONTH_NAMES = [
    ("jan", "january", "januar", "jän", "jänner"),
    ("feb", "february", "februar"),
    ("mar", "march", "märz", "maerz", "mär", "mrz"),
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

# The shapes, matched against lower-cased text with single spaces.
ISO_DAY = lazy(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
ISO_MONTH = lazy(r"^(\d{4})-(\d{1,2})$")
YEAR = lazy(r"^(\d{4})$")
DOTTED = lazy(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4})?)?$")
SLASHED = lazy(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
MONTH_DAY = lazy(r"^([^\W\d_]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$")
DAY_MONTH = lazy(r"^(\d{1,2})(?:st|nd|rd|th|\.)? ([^\W\d_]+)\.?(?:,? (\d{4}))?$")
MONTH_YEAR = lazy(r"^([^\W\d_]+)\.? (\d{4})$")
AMOUNT = r"([0-9]{1,4}|[^\W\d_]+)"
IN_N = lazy(rf"^in {AMOUNT} ([^\W\d_]+)$")
N_AGO = lazy(rf"^{AMOUNT} ([^\W\d_]+) ago$")
VOR_N = lazy(rf"^vor {AMOUNT} ([^\W\d_]+)$")
SIGNED = lazy(r"^([+-])([0-9]{1,4}) ?([a-z]+)$")
SPAN = lazy(r"^([0-9]{1,4}) ?([a-z]+)$")
# A time of day after the date: `2026-12-03T14:30`, `fri 14:30`, `today at 3pm`, `morgen um 15 uhr`.
ISO_WITH_TIME = lazy(r"^(\d{4}-\d{1,2}-\d{1,2})t(\S+)$")
AT_TIME = lazy(r"^(.+) (?:at|um) (\S+(?: ?(?:am|pm|uhr))?)$")
TIME_TAIL = lazy(r"^(.+) (\d{1,2}:\d{2}(?::\d{2})?(?: ?(?:am|pm|uhr))?|\d{1,2} ?(?:am|pm|uhr))$")
TIME = lazy(r"^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))? ?(am|pm|uhr)?$")


class When(Value):
    """A parsed date with an optional time of day."""

    __slots__ = ("day", "at")  # noqa: RUF023 (in the order __init__ takes them)

    def __init__(self, day: date, at: time | None = None) -> None:
        self.day, self.at = day, at


def _error(text: str, reason: str | None = None) -> DateError:
    message = _("cannot read {text!r} as a date").format(text=text) + (f" ({reason})" if reason else "")
    return DateError(message, hint=_("Try: {EXAMPLES}").format(EXAMPLES=_(EXAMPLES)))


def _range_error(text: str) -> DateError:
    return _error(text, _("years {low} to {high} only").format(low=MIN_YEAR, high=MAX_YEAR))


def check_in_range(day: date, text: str) -> date:
    """DAY when its year is MIN_YEAR to MAX_YEAR, else the DateError that names TEXT (exit 2)."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _range_error(text)
    return day


def format_day(day: date, today: date, *, language: str | None = None) -> str:
    """A stored day as a confirmation shows it: `2026-12-04, Fri` (German: `Fr, 04.12.2026`); LANGUAGE defaults
    to the one chosen for this command.

    The date is absolute on purpose, so a misread is seen at once; `today` is part of the signature
    so that a later version may add how far away the day is without changing its callers.
    """
    language = language or i18n.language()
    weekday = WEEKDAY_SHORT[language][day.weekday()]
    if language == "de":  # the weekday first, as German writes it: `Mi, 02.12.2026`
        return f"{weekday}, {day.day:02d}.{day.month:02d}.{day.year}"
    return f"{day.isoformat()}, {weekday}"


def _shift(day: date, amount: int, unit: str) -> date:
    if unit == "d":
        return day + timedelta(days=amount)
    if unit == "w":
        return day + timedelta(weeks=amount)
    return add_months(day, amount if unit == "m" else 12 * amount)


def add_months(day: date, months: int) -> date:
    """DAY moved by MONTHS calendar months, a day past the month's end clamped to it (Jan 31 + 1 month is
    Feb 28 or 29), as dateutil's relativedelta does it, without its 3 ms import. ValueError outside years 1-9999."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if month == 11:  # December has 31 days: no clamp (and no next year to count back from)
        return date(year, 12, day.day)  # date() refuses a year outside 1-9999
    return date(year, month + 1, min(day.day, _end_of_month(year, month + 1).day))


def _weekday(day: date, weekday: int, step: int) -> date:
    """The next WEEKDAY after DAY (STEP 1) or the last one before it (STEP -1); never DAY itself."""
    return day + timedelta(days=step * ((step * (weekday - day.weekday())) % 7 or 7))


def _end_of_month(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def _end_of(unit: str, today: date, week_start: str) -> date:
    """The last day of today's week (as WEEK_START begins it), month or year."""
    if unit == "w":
        last_day = (WEEKDAYS[week_start] + 6) % 7
        return today + timedelta(days=(last_day - today.weekday()) % 7)
    if unit == "m":
        return _end_of_month(today.year, today.month)
    return date(today.year, 12, 31)


def _amount(word: str) -> int | None:
    """`3` or `three` / `drei` as a number; None when the word is neither."""
    if word.isdigit():  # ASCII digits only: AMOUNT takes [0-9] or letters
        return int(word)
    return NUMBER_WORDS.get(word)


def _relative(text: str, today: date, step: int, week_start: str) -> date | None:
    """The relative words; None when the text is none of them. STEP is where a bare weekday points."""
    if text in SIMPLE_WORDS:
        return today + timedelta(days=SIMPLE_WORDS[text])
    if text in WEEKDAYS:
        return _weekday(today, WEEKDAYS[text], step)
    if text in END_WORDS:
        return _end_of(END_WORDS[text], today, week_start)
    words = text.split()
    if len(words) == 2 and words[0] in STEP_WORDS:
        if words[1] in WEEKDAYS:
            return _weekday(today, WEEKDAYS[words[1]], STEP_WORDS[words[0]])
        if words[1] in PERIOD_WORDS:
            return _shift(today, STEP_WORDS[words[0]], PERIOD_WORDS[words[1]])
        return None
    for pattern, sign in ((IN_N, 1), (N_AGO, -1), (VOR_N, -1)):
        match = pattern.match(text)
        if match:
            amount = _amount(match.group(1))
            if amount is not None and match.group(2) in UNITS:
                return _shift(today, sign * amount, UNITS[match.group(2)])
    match = SIGNED.match(text)
    if match and match.group(3) in UNITS:
        sign = 1 if match.group(1) == "+" else -1
        return _shift(today, sign * int(match.group(2)), UNITS[match.group(3)])
    return None


def _year(text: str | None, today: date) -> int:
    """A year as written: none is this year, two digits the year within 50 of today (`26` is 2026, `99` 1999)."""
    if text is None:
        return today.year
    if len(text) == 4:
        return int(text)
    earliest = today.year - 49
    return earliest + (int(text) - earliest) % 100


def _day(year: int, month: int, day: int, shown: str) -> date:
    """The day, or an error saying why there is no such day; nothing is moved to a nearby day."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _range_error(shown)
    if not 1 <= month <= 12:
        raise _error(shown, _("month must be 1 to 12"))
    try:
        return date(year, month, day)
    except ValueError:
        named = f"{month:02d}.{year}" if i18n.german() else f"{year}-{month:02d}"
        raise _error(shown, _("day is out of range for month {month}").format(month=named)) from None


def _month(year: int, month: int, period_end: bool, shown: str) -> date:
    """A whole month: its first day, or its last day when PERIOD_END (a target)."""
    first = _day(year, month, 1, shown)
    return _end_of_month(year, month) if period_end else first


def _absolute(text: str, today: date, dayfirst: bool, period_end: bool, shown: str) -> date | None:
    """ISO, dotted, slashed, month-name and bare-year forms; None when the text has none of these shapes."""
    if match := ISO_DAY.match(text):
        return _day(int(match.group(1)), int(match.group(2)), int(match.group(3)), shown)
    if match := ISO_MONTH.match(text):
        return _month(int(match.group(1)), int(match.group(2)), period_end, shown)
    if match := YEAR.match(text):
        year = int(match.group(1))
        return _month(year, 12, True, shown) if period_end else _day(year, 1, 1, shown)
    if match := DOTTED.match(text):
        return _day(_year(match.group(3), today), int(match.group(2)), int(match.group(1)), shown)
    if match := SLASHED.match(text):
        first, second = int(match.group(1)), int(match.group(2))
        month, day = (second, first) if dayfirst else (first, second)
        if month > 12 >= day:  # `26/06/2099` can only be day-first (and `06/26/2099` only month-first)
            month, day = day, month
        return _day(_year(match.group(3), today), month, day, shown)
    if (match := MONTH_DAY.match(text)) and match.group(1) in MONTHS:
        return _day(_year(match.group(3), today), MONTHS[match.group(1)], int(match.group(2)), shown)
    if (match := DAY_MONTH.match(text)) and match.group(2) in MONTHS:
        return _day(_year(match.group(3), today), MONTHS[match.group(2)], int(match.group(1)), shown)
    if (match := MONTH_YEAR.match(text)) and match.group(1) in MONTHS:
        return _month(int(match.group(2)), MONTHS[match.group(1)], period_end, shown)
    return None


def _split_time(text: str) -> tuple[str, str | None]:
    """The date part and the time-of-day part (None when there is none) of the text."""
    match = ISO_WITH_TIME.match(text) or AT_TIME.match(text) or TIME_TAIL.match(text)
    if match:
        return match.group(1), match.group(2)
    return text, None


def _time(text: str, shown: str) -> time:
    """`14:30`, `14:30:15`, `3pm`, `3:30 pm`, `15 uhr`, or `15` after `at` / `um`."""
    match = TIME.match(text)
    if not match:
        raise _error(shown, _("cannot read the time {text!r}").format(text=text))
    hour, minute, second = int(match.group(1)), int(match.group(2) or 0), int(match.group(3) or 0)
    if match.group(4) in ("am", "pm"):
        if not 1 <= hour <= 12:
            raise _error(shown, _("no time {text!r}").format(text=text))
        hour = hour % 12 + (12 if match.group(4) == "pm" else 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        raise _error(shown, _("no time {text!r}").format(text=text)) from None


def _normalise(text: str) -> str:
    """Lower case, single spaces, and composed umlauts (`März` typed as `a` + combining diaeresis too)."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


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
    or a year (`2027`) mean its last day instead of its first. `dayfirst` reads `12/03/2026` as
    12 March; `week_start` (`monday` or `sunday`) decides where `eow` ends.
    """
    shown = text.strip()
    cleaned = _normalise(text)
    if not cleaned:
        raise _error(shown, _("empty"))
    date_text, time_text = _split_time(cleaned)
    at = None if time_text is None else _time(time_text, shown)
    step = STEPS[direction]
    try:
        day = _relative(date_text, today, step, week_start)
    except (ValueError, OverflowError):
        raise _range_error(shown) from None
    if day is None:
        day = _absolute(date_text, today, dayfirst, period_end, shown)
    if day is None:
        raise _error(shown)
    return When(check_in_range(day, shown), at)


def parse_date(text: str, *, today: date, **options: object) -> date:
    """Like parse_when, for the fields that hold a day only."""
    return parse_when(text, today=today, **options).day  # type: ignore[arg-type]


def parse_since(text: str, *, today: date, dayfirst: bool = False, week_start: str = "monday") -> date:
    """A start of a period: a span back from today (`30d`, `2w`, `6m`, `1y`) or any date (a year: its first day)."""
    match = SPAN.match(_normalise(text))
    if match and match.group(2) in UNITS:
        try:
            day = _shift(today, -int(match.group(1)), UNITS[match.group(2)])
        except (ValueError, OverflowError):
            raise _range_error(text.strip()) from None
        return check_in_range(day, text.strip())
    return parse_date(text, today=today, direction="backward", dayfirst=dayfirst, week_start=week_start)


def parse_cadence(text: str) -> int:
    """A meeting interval like `2w`, `10d` or `1m` as a number of days."""
    match = SPAN.match(_normalise(text))
    if not match or match.group(2) not in UNITS or int(match.group(1)) == 0:
        raise DateError(
            _("cannot read {text!r} as a meeting interval").format(text=text),
            hint=_("Try for example: 1w, 2w, 10d, 1m"),
        )
    amount, unit = int(match.group(1)), UNITS[match.group(2)]
    return amount * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]


def parse_slot(text: str) -> tuple[int | None, time | None]:
    """The usual meeting slot of a relationship (`person edit --meets`): a weekday and/or a time of day,
    `tue 10:00`, `dienstag 10 uhr`, `14:30`, `fri`. Returns (weekday 0-6 or None, time or None)."""
    shown = text.strip()
    cleaned = _normalise(text).removesuffix(",")
    words = cleaned.replace(",", " ").split()
    weekday: int | None = None
    if words and words[0].rstrip(".") in WEEKDAYS:
        weekday = WEEKDAYS[words[0].rstrip(".")]
        words = words[1:]
    if words and words[0] in ("at", "um"):
        words = words[1:]
    rest = " ".join(words)
    at = _time(rest, shown) if rest and TIME.match(rest) else None
    if (weekday is None and at is None) or (rest and at is None):
        raise DateError(
            _("cannot read {text!r} as a meeting slot").format(text=shown),
            hint=_("Try for example: tue 10:00, fri 14:30, 9:00"),
        )
    return weekday, at


def slot_text(weekday: int | None, at: str | None) -> str:
    """`tue 10:00`, `10:00`, `tue` (German `Di 10:00`): a usual slot as the person reads it."""
    day = WEEKDAY_SHORT["de" if i18n.language() == "de" else "en"][weekday] if weekday is not None else ""
    return " ".join(part for part in (day, at or "") if part)
