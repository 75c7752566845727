"""Pure parsing of what people write: checkbox lines become action items, `#words` become tags.

    - [ ] send the draft to Anna due:next friday owner:anna     an open action item
    - [x] book the room                                          an action item already done

`due:` takes the longest run of the following words (up to four) that reads as a date (`due:fri`,
`due:in 2 wochen`, `due:next friday`), or a quoted phrase (`due:"next friday"`); the other words stay
in the text. Which words read as a date is the caller's to say (`reads_as_date`); by default
dates.parse_when decides against a fixed day, so this module never reads the clock. `owner:` takes
one word: `me`, `them` (German `ich`, `sie`, `er`), or a person's name or prefix as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from mentorlog.base.i18n import _
from mentorlog.base.patterns import lazy
from mentorlog.base.values import Value

CHECKBOX = lazy(r"^\s*[-*+]\s+\[([ xX])\]\s+(.*\S)\s*$")
# The words of an action line; a quoted token value (`due:"next friday"`) is one word.
WORD = lazy(r"(?i)(?:due|owner|with|fällig|wer|mit):\"[^\"]*\"|\S+")
DUE_WORDS = 4  # a due date is at most this many words: `next friday at 3pm`, `3. Dezember 2026 14:30`
# the tokens of an action line, English and German (`fällig:fr`, `wer:ich`, `mit:anna`), as the key they set
TOKENS = {"due": "due", "owner": "owner", "with": "with", "fällig": "due", "wer": "owner", "mit": "with"}
OWNER_WORDS = {"me": "me", "ich": "me", "them": "them", "sie": "them", "er": "them"}
# The day the default date check reads against: in a leap year, so `29.2.` and `feb 29` read as dates
# (whether they exist in the year meant is the parser's to say, with the real today, later).
REFERENCE_DAY = date(2028, 1, 3)
# A tag starts with a letter and is not glued to a word (page#anchor) or an entity (&#38;).
# `#word` not preceded by a word character, `#`, `&` or `/`. The `#` comes first so that the regex engine scans
# for it (the look-behind then checks the character before it): the same matches as `(?<![\w#&/])#...`, whose
# look-behind ran at every position, ~25 times faster on long notes (a review reads every session's).
TAG = lazy(r"#(?<![\w#&/]#)([^\W\d_][\w-]*)")


class ActionLine(Value):
    """An action item as typed, its `due:`, `owner:` and `with:` tokens (German `fällig:`, `wer:`, `mit:`) taken
    off the text; WITH_NAME from `with:anna`, the relationship it belongs to."""

    __slots__ = ("text", "due", "owner", "done", "with_name")  # noqa: RUF023 (in the order __init__ takes them)

    def __init__(
        self,
        text: str,
        due: str | None = None,
        owner: str | None = None,
        done: bool = False,
        with_name: str | None = None,
    ) -> None:
        self.text, self.due, self.owner, self.done, self.with_name = text, due, owner, done, with_name


class ParsedNote(Value):
    """A note's text with its action lines and #tags taken out."""

    __slots__ = ("notes", "actions", "tags")  # noqa: RUF023 (in the order __init__ takes them)
    __hash__ = None  # type: ignore[assignment]  # holds lists: compared, never hashed

    def __init__(self, notes: str, actions: list[ActionLine] | None = None, tags: list[str] | None = None) -> None:
        self.notes = notes
        self.actions: list[ActionLine] = [] if actions is None else actions
        self.tags: list[str] = [] if tags is None else tags


def find_tags(*texts: str | None) -> list[str]:
    """The `#tags` in the texts, lower-cased, each once, in order of appearance."""
    found = (normalise_tag(match.group(1)) for text in filter(None, texts) for match in TAG.finditer(text))
    return list(dict.fromkeys(found))


def normalise_tag(tag: str) -> str:
    return tag.strip().lstrip("#").rstrip("-").casefold()


def reads_as_date(text: str) -> bool:
    """Whether TEXT is a date by mentorlog's grammar, checked against REFERENCE_DAY (no clock)."""
    from mentorlog.base.errors import DateError
    from mentorlog.core.dates import parse_when

    try:
        parse_when(text, today=REFERENCE_DAY)
    except DateError:
        return False
    return True


DateCheck = Callable[[str], bool]


def _is_token(word: str) -> bool:
    key, sep, _ = word.partition(":")
    return bool(sep) and key.lower() in TOKENS


def _due_words(first: str, following: list[str], check: DateCheck) -> tuple[str, int] | None:
    """The due date after `due:` (FIRST glued to it, then FOLLOWING words) and how many following words it took.

    The longest run of up to DUE_WORDS words that reads as a date wins; when none does, a glued word is
    the due date anyway (so the caller reports it as a bad date) and a bare `due:` is no token (None).
    """
    glued = [first] if first else []
    words = glued.copy()
    for word in following:
        if len(words) == DUE_WORDS or _is_token(word):
            break
        words.append(word)
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size])
        if check(candidate):
            return candidate, size - len(glued)
    if first:
        return first, 0
    return None


def normalise_owner(owner: str) -> str:
    """`me` and `them` (also German `ich`, `sie`, `er`, in any case) as stored; a name stays as typed."""
    return OWNER_WORDS.get(owner.lower(), owner)


def parse_action(text: str, *, done: bool = False, reads_as_date: DateCheck = reads_as_date) -> ActionLine:
    """Split `due:`, `owner:` and `with:` tokens (German `fällig:`, `wer:`, `mit:`) off an action item's text;
    `due:` takes the longest date that follows."""
    pending = WORD.findall(text)
    kept: list[str] = []
    due = owner = with_name = None
    while pending:
        word = pending.pop(0)
        if not _is_token(word):
            kept.append(word)
            continue
        key, _, value = word.partition(":")
        key = TOKENS[key.lower()]
        quoted = len(value) > 1 and value[0] == value[-1] == '"'
        if quoted:
            value = value[1:-1]
        if key in ("owner", "with"):
            if not value:
                kept.append(word)
                continue
            if key == "owner":
                owner = normalise_owner(value)
            else:
                with_name = value
        elif quoted:
            due = value
        else:
            found = _due_words(value, pending, reads_as_date)
            if found is None:
                kept.append(word)
                continue
            due, taken = found
            del pending[:taken]
    return ActionLine(text=" ".join(kept), due=due, owner=owner, done=done, with_name=with_name)


def parse_note(text: str, *, reads_as_date: DateCheck = reads_as_date) -> ParsedNote:
    """Notes without the checkbox lines, the action items from them, and all tags."""
    kept: list[str] = []
    actions: list[ActionLine] = []
    for line in text.splitlines():
        match = CHECKBOX.match(line)
        if match:
            actions.append(parse_action(match.group(2), done=match.group(1) != " ", reads_as_date=reads_as_date))
        else:
            kept.append(line.rstrip())
    notes = "\n".join(kept).strip("\n")
    return ParsedNote(notes=notes, actions=actions, tags=find_tags(text))


class RatingLine(Value):
    """A skill rating as typed in a note: skill, level, by whom (`me`, `them` or a name as typed; None: me), note."""

    __slots__ = ("skill", "level", "by", "note")  # noqa: RUF023 (in the order __init__ takes them)

    def __init__(self, skill: str, level: str, by: str | None = None, note: str = "") -> None:
        self.skill, self.level, self.by, self.note = skill, level, by, note


def parse_rating(text: str) -> RatingLine:
    """`giving feedback=4`, `3=2 by:them`, `feedback = 4 by:weber clearer now`: the skill (id or name) before the
    last `=`, then the level, an optional `by:` token, and the rest as a note."""
    from mentorlog.base.errors import BadValue

    skill, sep, rest = text.rpartition("=")
    words = rest.split()
    if not sep or not skill.strip() or not words:
        raise BadValue("rating", _("a rating is SKILL=LEVEL, like 'giving feedback=4', not {text!r}").format(text=text))
    by = None
    kept: list[str] = []
    for word in words[1:]:
        key, colon, value = word.partition(":")
        if colon and key.lower() == "by" and not value:
            raise BadValue(
                "rating", _("'by:' needs whose view, like 'by:them' or 'by:weber', in {text!r}").format(text=text)
            )
        if colon and key.lower() == "by" and value and by is None:
            by = normalise_owner(value)
        else:
            kept.append(word)
    return RatingLine(" ".join(skill.split()), words[0], by, " ".join(kept))


# A topic as a new note's form lists it: `- [ ] ask about the budget (#3)`; ticked (`[x]`), it was discussed.
TOPIC_LINE = lazy(r"^\s*[-*+]\s+\[([ xX])\]\s+.*\(#(\d+)\)\s*$")


def topic_line(text: str, topic_id: int, *, ticked: bool = False) -> str:
    """The form's line for a topic, its text on one line."""
    return f"- [{'x' if ticked else ' '}] {' '.join(text.split())} (#{topic_id})"


def ticked_topics(text: str, offered: set[int]) -> tuple[list[int], str]:
    """The ids of the OFFERED topics ticked in TEXT, and TEXT without the lines of offered topics (so an unticked
    one never becomes an action item). A line naming another id is the person's own text, kept as it is."""
    ticked: list[int] = []
    kept: list[str] = []
    for line in text.split("\n"):
        found = TOPIC_LINE.match(line)
        if found and int(found.group(2)) in offered:
            if found.group(1) != " ":
                ticked.append(int(found.group(2)))
            continue
        kept.append(line)
    return list(dict.fromkeys(ticked)), "\n".join(kept)


HEADING_LINE = r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$"  # a Markdown ATX heading: `## What we achieved`


def heading_text(line: str) -> str | None:
    """The words of a Markdown heading line (`## What we achieved` -> `What we achieved`), else None."""
    import re

    found = re.match(HEADING_LINE, line)
    return found.group(1) if found and found.group(1) else None


def highlight(text: str) -> str:
    """A reflection or note as one line of prose for a highlight: each Markdown heading becomes a lead-in
    (`What we achieved: Lots.`), blank lines go, the rest is joined with spaces."""
    parts: list[str] = []
    for line in text.splitlines():
        heading = heading_text(line)
        if heading is not None:
            parts.append(heading if heading[-1:] in ".:?!" else heading + ":")
        elif line.strip():
            parts.append(line.strip())
    return " ".join(parts)
