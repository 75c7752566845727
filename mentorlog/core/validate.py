"""Every value's rule, once. Pure: each check returns the clean value or raises BadValue in domain words;
the CLI names the flag, the store and the importer call the same functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from mentorlog.base.config import MAX_YEAR, MIN_YEAR
from mentorlog.base.errors import BadValue
from mentorlog.base.i18n import N_, _, german
from mentorlog.core.records import ACTION_STATUSES, GOAL_STATUSES, HORIZONS, ROLES, SKILL_KINDS, TOPIC_STATUSES

MAX_TEXT_CHARS = 10 * 1024 * 1024
MAX_NAME_CHARS = 200
MAX_CADENCE_DAYS = 3660
LEVELS = (1, 5)  # a confidence and a skill's level, lowest and highest
PROGRESS = (0, 100)  # a goal's progress in percent
# Characters that change how text around them is shown without being seen: zero-width and bidi controls.
# The names of values as errors say them (`the title is empty`), for the catalogue.
FIELDS = {
    "name": N_("name"),
    "note": N_("note"),
    "notes": N_("notes"),
    "description": N_("description"),
    "due date": N_("due date"),
    "done date": N_("done date"),
    "confidence": N_("confidence"),
    "action item": N_("action item"),
    "topic": N_("topic"),
    "target": N_("target"),
    "reflection": N_("reflection"),
    "next meeting": N_("next meeting"),
    "level": N_("level"),
    "goal title": N_("goal title"),
    "day": N_("day"),
    "date": N_("date"),
    "agreement": N_("agreement"),
    "title": N_("title"),
    "text": N_("text"),
    "start": N_("start"),
    "role": N_("role"),
    "planned end": N_("planned end"),
    "kind": N_("kind"),
    "horizon": N_("horizon"),
    "feedback": N_("feedback"),
    "id": N_("id"),
    "ID": N_("ID"),
    "goal": N_("goal"),
    "session": N_("session"),
    "action": N_("action"),
    "person": N_("person"),
    "skill": N_("skill"),
    "progress": N_("progress"),
}
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
)


def text(value: str, what: str, *, required: bool = True) -> str:
    """User text as stored: surrounding blank lines and spaces trimmed; NUL and absurd sizes refused."""
    if not isinstance(value, str):
        raise BadValue(what, _("the {what} must be text").format(what=_field(what)))
    if "\x00" in value:
        raise BadValue(
            what, _("the {what} contains a NUL character").format(what=_field(what)), _("Remove it and try again.")
        )
    if len(value) > MAX_TEXT_CHARS:
        raise BadValue(
            what,
            _("the {what} is longer than {MAX_TEXT_CHARS} MB").format(
                what=_field(what), MAX_TEXT_CHARS=MAX_TEXT_CHARS // (1024 * 1024)
            ),
        )
    cleaned = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not cleaned:
        raise BadValue(what, _("the {what} is empty").format(what=_field(what)), _("Give some text."))
    return cleaned


def name(value: str) -> str:
    """A person's name: NFC, one space between words, no invisible or control characters."""
    cleaned = " ".join(unicodedata.normalize("NFC", text(value, "name")).split())
    if any(char in INVISIBLE or unicodedata.category(char) == "Cf" for char in cleaned):
        raise BadValue(
            "name",
            _("the name contains invisible characters (zero-width or direction marks)"),
            _("Type the name plainly."),
        )
    if len(cleaned) > MAX_NAME_CHARS:
        raise BadValue(
            "name", _("the name is longer than {MAX_NAME_CHARS} characters").format(MAX_NAME_CHARS=MAX_NAME_CHARS)
        )
    return cleaned


def _field(what: str) -> str:
    """WHAT as the error names it, in the chosen language."""
    return _(what) if what in FIELDS else what


def name_key(value: str) -> str:
    """How names are compared: Unicode case folding after NFKC, so `STRASSE` finds `Straße`, `özlem` finds
    `Özlem` and a decomposed `Ame\u0301lie` is `Amélie` (never SQLite's NOCASE, which folds ASCII only)."""
    folded = unicodedata.normalize("NFKC", " ".join(value.split())).casefold()
    return unicodedata.normalize("NFKC", folded)  # folding may leave a decomposed form (`ΐ`): one form again


def integer(value: Any, what: str) -> int:
    """A whole number given as int or text; bools and floats are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise BadValue(
            what, _("the {what} must be a whole number, not {value!r}").format(what=_field(what), value=value)
        )
    if isinstance(value, str):
        stripped = value.strip()
        digits = stripped[1:] if stripped[:1] in "+-" else stripped
        if not digits.isdecimal() or not digits.isascii():
            raise BadValue(
                what, _("the {what} must be a whole number, not {value!r}").format(what=_field(what), value=value)
            )
        return int(stripped)
    return value


def confidence(value: int | None) -> int | None:
    low, high = LEVELS
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high):
        raise BadValue("confidence", _("confidence must be 1 to 5, not {value!r}").format(value=value))
    return value


def level(value: int) -> int:
    """A skill's level: 1 (just starting) to 5 (could teach it)."""
    low, high = LEVELS
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadValue("level", _("a level must be 1 to 5, not {value!r}").format(value=value))
    return value


def skill_kind(value: str) -> str:
    cleaned = _alias(value, SKILL_KIND_ALIASES)
    if cleaned not in SKILL_KINDS:
        raise BadValue("kind", _("a skill's kind must be 'strength' or 'growth', not {value!r}").format(value=value))
    return str(cleaned)


def skill_name(value: str) -> str:
    """A skill's name: like a person's name, one line without invisible characters."""
    try:
        return name(value)
    except BadValue as exc:
        raise BadValue("skill name", exc.message.replace("the name", "the skill name"), exc.hint) from None


def progress(value: int) -> int:
    low, high = PROGRESS
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadValue("progress", _("progress must be 0 to 100, not {value!r}").format(value=value))
    return value


def horizon(value: str) -> str:
    cleaned = _alias(value, HORIZON_ALIASES)
    if cleaned not in HORIZONS:
        raise BadValue("horizon", _("horizon must be 'short' or 'long', not {value!r}").format(value=value))
    return str(cleaned)


# German words people type for the English values that are stored and printed in JSON (accepted in both languages).
ROLE_ALIASES = {"mentorin": "mentor"}
ACTION_STATUS_ALIASES = {"offen": "open", "erledigt": "done", "verworfen": "dropped", "alle": "all"}
GOAL_STATUS_ALIASES = {"aktiv": "active", "erreicht": "achieved", "pausiert": "paused", "verworfen": "dropped"}
HORIZON_ALIASES = {"kurzfristig": "short", "langfristig": "long", "kurz": "short", "lang": "long"}
TOPIC_STATUS_ALIASES = {"offen": "open", "besprochen": "discussed", "verworfen": "dropped", "alle": "all"}
SKILL_KIND_ALIASES = {"stärke": "strength", "entwicklungsfeld": "growth", "staerke": "strength"}


def _alias(value: Any, aliases: dict[str, str]) -> Any:
    cleaned = value.strip().lower() if isinstance(value, str) else value
    return aliases.get(cleaned, cleaned) if isinstance(cleaned, str) else cleaned


def choices(values: Sequence[str], aliases: dict[str, str]) -> str:
    """VALUES as an error lists them: English as stored (`open, done`); in German the first German word
    for each (`offen, erledigt oder verworfen`), since both are accepted."""
    if not german():
        return ", ".join(values)
    words: dict[str, str] = {}
    for word, english in aliases.items():
        words.setdefault(english, word)
    shown = [words.get(value, value) for value in values]
    return _("{first} or {last}").format(first=", ".join(shown[:-1]), last=shown[-1])


def goal_status(value: str) -> str:
    cleaned = _alias(value, GOAL_STATUS_ALIASES)
    if cleaned not in GOAL_STATUSES:
        raise BadValue(
            "status",
            _("goal status must be one of {GOAL_STATUSES}, not {value!r}").format(
                GOAL_STATUSES=choices(GOAL_STATUSES, GOAL_STATUS_ALIASES), value=value
            ),
        )
    return str(cleaned)


def action_status(value: str, *, allow_all: bool = False) -> str:
    allowed = (*ACTION_STATUSES, "all") if allow_all else ACTION_STATUSES
    cleaned = _alias(value, ACTION_STATUS_ALIASES)
    if cleaned not in allowed:
        raise BadValue(
            "status",
            _("status must be one of {allowed}; not {value!r}").format(
                allowed=choices(allowed, ACTION_STATUS_ALIASES), value=value
            ),
        )
    return str(cleaned)


def topic_status(value: str, *, allow_all: bool = False) -> str:
    allowed = (*TOPIC_STATUSES, "all") if allow_all else TOPIC_STATUSES
    cleaned = _alias(value, TOPIC_STATUS_ALIASES)
    if cleaned not in allowed:
        raise BadValue(
            "status",
            _("status must be one of {allowed}; not {value!r}").format(
                allowed=choices(allowed, TOPIC_STATUS_ALIASES), value=value
            ),
        )
    return str(cleaned)


def role(value: str) -> str:
    cleaned = _alias(value, ROLE_ALIASES)
    if cleaned not in ROLES:
        raise BadValue("role", _("role must be 'mentor' or 'mentee', not {value!r}").format(value=value))
    return str(cleaned)


def cadence_days(value: int | None) -> int | None:
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_CADENCE_DAYS
    ):
        raise BadValue(
            "cadence",
            _("a cadence must be 1 to {MAX_CADENCE_DAYS} days, not {value!r}").format(
                MAX_CADENCE_DAYS=MAX_CADENCE_DAYS, value=value
            ),
        )
    return value


def done_day(value: date, *, agreed: date, today: date) -> date:
    """The day an action item was really done: never before it was agreed (its session's day, else the day it was
    added), never after today."""
    if value > today:
        raise BadValue(
            "done date",
            _("the done date {day} is in the future").format(day=value.isoformat()),
            _("Give the day it was done, today or earlier."),
        )
    if value < agreed:
        raise BadValue(
            "done date",
            _("the done date {day} is before the action item was agreed on {agreed}").format(
                day=value.isoformat(), agreed=agreed.isoformat()
            ),
        )
    return value


def day(value: date, what: str = "date") -> date:
    """A calendar day inside the years mentorlog accepts."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise BadValue(
            what,
            _("the {what} {isoformat} is outside {MIN_YEAR}–{MAX_YEAR}").format(
                what=_field(what), isoformat=value.isoformat(), MIN_YEAR=MIN_YEAR, MAX_YEAR=MAX_YEAR
            ),
        )
    return value


def record_id(value: int, what: str) -> int:
    """An id as SQLite and JSON readers can hold it: 1 to 2^53."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 2**53:
        raise BadValue(
            what,
            _("a {what} id must be a whole number from 1 to 2^53, not {value!r}").format(
                what=_field(what), value=value
            ),
        )
    return value


MAX_IDS = 10_000


def id_list(values: list[str], what: str = "id") -> list[int]:
    """Ids as people type them: `4,7 9-11` is 4, 7, 9, 10, 11 (in that order, each once)."""
    found: list[int] = []
    for value in values:
        for part in value.replace(",", " ").split():
            first, dash, last = part.partition("-")
            try:
                low = record_id(integer(first, what), what)
                high = record_id(integer(last, what), what) if dash else low
            except BadValue:
                raise BadValue(what, _("{part!r} is not an id or a range like 9-11").format(part=part)) from None
            if high < low:
                raise BadValue(
                    what,
                    _("the range {part!r} runs backwards; write {high}-{low}").format(part=part, high=high, low=low),
                )
            if high - low >= MAX_IDS:
                raise BadValue(
                    what, _("the range {part!r} is longer than {MAX_IDS} ids").format(part=part, MAX_IDS=MAX_IDS)
                )
            found.extend(range(low, high + 1))
    if not found:
        raise BadValue(what, _("give at least one {what}").format(what=_field(what)))
    return list(dict.fromkeys(found))


# -- values as the JSON forms carry them (dump import, sync): each returns the clean value or raises Invalid ------

UUID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_TAGS = 200
MAX_TAG_CHARS = 200
MAX_STAMP_CHARS = 40


class Invalid(BadValue):
    """A stored value breaks its rule; the message says how (`must be HH:MM`), the caller says where."""

    def __init__(self, message: str) -> None:
        super().__init__("", message)


def stored_text(value: Any, *, required: bool = False) -> str:
    """Text as a record holds it: valid Unicode without NUL, at most 10 MB; REQUIRED text is trimmed, not empty."""
    given = _unicode(value)
    if required:
        try:
            return text(given, "text")
        except BadValue as exc:
            raise Invalid(exc.message.replace("the text ", "")) from None
    if "\x00" in given:
        raise Invalid(_("contains a NUL character"))
    if len(given) > MAX_TEXT_CHARS:
        raise Invalid(_("is longer than 10 MB"))
    return given


def _unicode(value: Any) -> str:
    """VALUE is text that UTF-8 can hold (JSON can carry a lone surrogate; SQLite and every file cannot)."""
    if not isinstance(value, str):
        raise Invalid(_("must be text"))
    try:
        value.isascii() or value.encode("utf-8")  # ASCII cannot hold a lone surrogate
    except UnicodeEncodeError:
        raise Invalid(_("contains a lone surrogate (not valid Unicode)")) from None
    return value


WORD = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def template_name(value: str) -> str:
    """A template's name as a relationship keeps it (`kickoff`); '' for the usual note form."""
    cleaned = value.strip().lower().removesuffix(".md") if isinstance(value, str) else value
    if cleaned != "" and (not isinstance(cleaned, str) or not WORD.match(cleaned)):
        raise BadValue(
            "template",
            _("{value!r} is not a template name").format(value=value),
            _("A name is lower-case letters, digits, - and _ (like kickoff); `mentorlog templates` lists them."),
        )
    return str(cleaned)


def stored_word(value: Any, *, required: bool = False) -> str:
    """A name-like word as a record holds it (a template's name, a question's id): lower-case letters, digits,
    - and _, at most 40; empty only when not REQUIRED."""
    given = _unicode(value)
    if (given or required) and not WORD.match(given):
        raise Invalid(_("must be lower-case letters, digits, - and _, not {value!r}").format(value=given[:50]))
    return given


def stored_name(value: Any) -> str:
    """A person's or skill's name as a record holds it: text, by the rule of `name`."""
    given = _unicode(value)
    try:
        return name(given)
    except BadValue as exc:
        raise Invalid(exc.message.replace("the name ", "")) from None


def _years(value: str, year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Invalid(_("lies outside the years 1900–2200: {value!r}").format(value=value))


def stamp(value: Any) -> str:
    """A timestamp: ISO 8601 with a UTC offset, 1900-2200; UTC ones kept as written, others turned to UTC."""
    if type(value) is str and len(value) <= MAX_STAMP_CHARS and value.endswith("+00:00"):  # the usual case, quickly
        try:
            year = datetime.fromisoformat(value).year
        except ValueError:
            raise Invalid(_("is not an ISO 8601 timestamp: {value!r}").format(value=value[:40])) from None
        _years(value, year)
        return value
    if not isinstance(value, str) or len(value) > MAX_STAMP_CHARS:
        raise Invalid(_("must be an ISO 8601 timestamp with an offset"))
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(_("is not an ISO 8601 timestamp: {value!r}").format(value=value[:40])) from None
    if parsed.tzinfo is None:
        raise Invalid(_("has no UTC offset: {value!r}").format(value=value))
    _years(value, parsed.year)
    if parsed.utcoffset() == UTC.utcoffset(None):
        return value.replace("Z", "+00:00") if value.endswith("Z") else value
    return parsed.astimezone(UTC).isoformat(timespec="microseconds")  # one form for comparing


_GOOD_DAYS: set[str] = set()  # days that passed iso_date: a restore checks ~160k dates of a few thousand days
MAX_GOOD_DAYS = 110_000  # every day from 1900 to 2200


def iso_date(value: Any) -> str:
    """A calendar day written YYYY-MM-DD, 1900-2200."""
    if type(value) is str and value in _GOOD_DAYS:
        return value
    if not isinstance(value, str) or not DATE.fullmatch(value):
        raise Invalid(_("must be a date YYYY-MM-DD, not {value!r}").format(value=str(value)[:40]))
    try:
        found = date.fromisoformat(value)
    except ValueError:
        raise Invalid(_("is not a calendar day: {value!r}").format(value=value)) from None
    _years(value, found.year)
    if len(_GOOD_DAYS) < MAX_GOOD_DAYS:
        _GOOD_DAYS.add(value)
    return value


def clock_time(value: Any) -> str:
    """A time of day HH:MM, 00:00 to 23:59."""
    if not isinstance(value, str) or not TIME.match(value):
        raise Invalid(_("must be HH:MM"))
    return value


def whole_number(value: Any, low: int | None, high: int | None) -> int:
    """An int (never a bool or a float) from LOW to HIGH (either may be open)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(_("must be a whole number, not {value!r}").format(value=value)[:80])
    if (low is not None and value < low) or (high is not None and value > high):
        raise Invalid(_("must be {low} to {high}, not {value}").format(low=low, high=high, value=value))
    return value


MAX_ID = 2**53


def stored_id(value: Any) -> int:
    """A record's id (or any other count that starts at 1): 1 to 2^53."""
    if type(value) is int and 0 < value <= MAX_ID:
        return value
    return whole_number(value, 1, MAX_ID)


def uuid(value: Any) -> str:
    """A record's uuid: 1 to 64 letters, digits and `_.:-`, starting with a letter or digit."""
    if type(value) is str and UUID.match(value):
        return value
    raise Invalid(_("is not a valid uuid: {value!r}").format(value=str(value)[:70]))


def uuids(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise Invalid(_("must be a list of uuids"))
    return [uuid(item) for item in value]


def one_of(value: Any, allowed: Sequence[str]) -> str:
    """One of the words ALLOWED, exactly as stored (JSON values stay English)."""
    if type(value) is str and value in allowed:
        return value
    raise Invalid(_("must be one of {choices}").format(choices=", ".join(allowed)))


def boolean(value: Any) -> bool:
    """true or false: never 1, 0 or "yes"."""
    if isinstance(value, bool):
        return value
    raise Invalid(_("must be true or false"))


def tag_list(value: Any) -> list[str]:
    """Tags: a list of at most 200 one-word strings, case-folded, each once (a string is not a list of letters)."""
    if not isinstance(value, list) or len(value) > MAX_TAGS:
        raise Invalid(_("must be a list of at most {MAX_TAGS} tags").format(MAX_TAGS=MAX_TAGS))
    tags = []
    for tag in value:
        if (
            not isinstance(tag, str)
            or not tag.strip()
            or len(tag) > MAX_TAG_CHARS
            or any(char.isspace() for char in tag)
        ):
            raise Invalid(_("has a tag that is not one word: {tag!r}").format(tag=str(tag)[:40]))
        tags.append(stored_text(tag, required=True).casefold())
    return list(dict.fromkeys(tags))


def format_version(value: Any) -> int:
    """A file format's version as its header gives it: a whole number from 1 (the reader decides what a newer
    one means)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid(_("has no valid format version (found {version!r})").format(version=value))
    return value


# a relationship's days -----------------------------------------------------------------------------


def relationship_days(record: dict[str, Any], today: date | None = None) -> None:
    """A person record's days agree (every way in: import, sync, the CLI): a closed relationship has its
    `closed_at`, on or after `started`, never in the future (after TODAY when the caller has a clock, and
    never after the day of the record's own `updated_at`, for closing a relationship changes it), and
    `started` is not after `ends`. Raises Invalid naming the field first."""
    started, ends, closed_at = record.get("started"), record.get("ends"), record.get("closed_at")
    if started and ends and ends < started:
        raise Invalid(_("started {started} lies after ends {ends}").format(started=started, ends=ends))
    if record.get("status") == "closed" and not closed_at:
        raise Invalid(_("status is closed, but closed_at is empty (the day it closed)"))
    if not closed_at:
        return
    if started and closed_at < started:
        raise Invalid(
            _("closed_at {closed_at} lies before started {started}").format(closed_at=closed_at, started=started)
        )
    updated = record.get("updated_at")
    latest = [today.isoformat()] if today is not None else []
    if isinstance(updated, str) and DATE.match(updated):
        from datetime import timedelta

        latest.append(
            (date.fromisoformat(updated[:10]) + timedelta(days=1)).isoformat()
        )  # its zone's day may be one on
    if latest and closed_at > min(latest):
        raise Invalid(_("closed_at {closed_at} lies in the future").format(closed_at=closed_at))


def closing_day(value: date, *, today: date, started: str | None, last_session: str | None) -> date:
    """The day a relationship closes (`person close --date`): not in the future, not before it started, and
    not before its last session (a meeting after the close would contradict it)."""
    if value > today:
        from mentorlog.core import humane

        raise BadValue(
            "date", _("a relationship is closed today or on a past day, not on {day}").format(day=humane.day(value))
        )
    if started and value.isoformat() < started:
        raise BadValue("date", _("the close {day} lies before the start {started}").format(day=value, started=started))
    if last_session and value.isoformat() < last_session:
        raise BadValue(
            "date",
            _("the close {day} lies before the last session, on {last}").format(day=value, last=last_session),
            _("Close it on {last} or later.").format(last=last_session),
        )
    return value
