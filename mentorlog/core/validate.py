"""Every value's rule, once. Pure: each check returns the clean value or raises BadValue in domain words;
the CLI names the flag, the store and the importer call the same functions."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any

from mentorlog.base.errors import BadValue
from mentorlog.base.i18n import N_, _, german
from mentorlog.core.records import ACTION_STATUSES, GOAL_STATUSES, HORIZONS, ROLES, SKILL_KINDS

MAX_TEXT_CHARS = 10 * 1024 * 1024
MAX_NAME_CHARS = 200
MAX_CADENCE_DAYS = 3660
# Characters that change how text around them is shown without being seen: zero-width and bidi controls.
# The names of values as errors say them (`the title is empty`), for the catalogue.
FIELDS = {
    "name": N_("name"),
    "note": N_("note"),
    "notes": N_("notes"),
    "description": N_("description"),
    "due date": N_("due date"),
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
    """How names are compared: Unicode case folding after NFKC, so `STRASSE` finds `Straße`."""
    return unicodedata.normalize("NFKC", " ".join(value.split())).casefold()


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
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5):
        raise BadValue("confidence", _("confidence must be 1 to 5, not {value!r}").format(value=value))
    return value


def level(value: int) -> int:
    """A skill's level: 1 (just starting) to 5 (could teach it)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
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
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
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


def day(value: date, what: str = "date") -> date:
    """A calendar day inside the years mentorlog accepts."""
    from mentorlog.base.config import MAX_YEAR, MIN_YEAR

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
