"""The question bank: the built-in questions (templates/bank.py) and the user's own (`templates/questions.md`, one
`- [topic] question` per line), which of them a relationship has been asked, and which to ask next.

A question's id: the built-in number (`12`), or for the user's own `u` and six hex digits of its text (the same
on every machine that has the same line, whatever the order of the file). A question counts as asked in a
relationship when it was marked (`questions --asked ID`, stored in the journal, so it syncs and dumps) or when a
session with that person contains its text (in English or German)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.templates.bank import BANK, KICKOFF, TOPICS

LINE = re.compile(r"^\s*[-*]\s+\[\s*([^\]]*?)\s*\]\s+(\S.*?)\s*$")
TOPIC = re.compile(r"^[a-z][a-z0-9-]{0,29}$")
USER_ID = re.compile(r"^u[0-9a-f]{6}$")
MAX_QUESTION = 500


class Question(NamedTuple):
    id: str
    topic: str
    text: str  # in the language shown
    kickoff: bool
    forms: tuple[str, ...]  # every wording that counts as asking it (English, German)
    own: bool

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "topic": self.topic, "text": self.text, "kickoff": self.kickoff, "own": self.own}


def folded(text: str) -> str:
    """TEXT as compared: case-folded, one space between words, no closing punctuation."""
    return " ".join(text.casefold().split()).rstrip("?.!: ")


def user_id(text: str) -> str:
    return "u" + hashlib.sha1(folded(text).encode("utf-8")).hexdigest()[:6]


def builtin(language: str) -> list[Question]:
    return [
        Question(str(q.number), q.topic, q.de if language == "de" else q.en, q.kickoff, (q.en, q.de), own=False)
        for q in BANK
    ]


def read_user_questions(path: Path) -> list[Question]:
    """The questions in PATH (none when it does not exist); a line that is not `- [topic] question` is an error
    naming the file and the line."""
    if not path.is_file():
        return []
    from mentorlog.templates.library import _read

    found: list[Question] = []
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = LINE.match(line)
        topic = match.group(1).lower() if match else ""
        if not match or not TOPIC.match(topic) or len(match.group(2)) > MAX_QUESTION:
            raise UsageError(
                _("{path}:{line}: not a question line").format(path=path, line=number),
                _("Write one question per line as `- [topic] question`, e.g. `- [career] What would you try next?`"),
            )
        text = match.group(2)
        found.append(Question(user_id(text), topic, text, topic == KICKOFF, (text,), own=True))
    return found


def bank(language: str, user_path: Path) -> list[Question]:
    """Every question: the built-ins, then the user's own (a line repeating a question already there is left out)."""
    questions = builtin(language)
    seen = {folded(form) for q in questions for form in q.forms}
    for question in read_user_questions(user_path):
        if folded(question.text) not in seen:
            seen.add(folded(question.text))
            questions.append(question)
    return questions


def topics(questions: Iterable[Question]) -> list[str]:
    """The topics: the built-in ones in their order, then the user's own, and `kickoff`."""
    own = sorted({q.topic for q in questions} - {*TOPICS, KICKOFF})
    return [*TOPICS, *own, KICKOFF]


def check_topic(topic: str, questions: list[Question]) -> str:
    cleaned = topic.strip().lower()
    known = topics(questions)
    if cleaned not in known:
        raise UsageError(
            _("unknown topic {topic!r}").format(topic=topic), _("Topics: {topics}.").format(topics=", ".join(known))
        )
    return cleaned


def of_topic(questions: list[Question], topic: str | None) -> list[Question]:
    if topic is None:
        return questions
    if topic == KICKOFF:
        return [q for q in questions if q.kickoff]
    return [q for q in questions if q.topic == topic]


def find(questions: list[Question], question_id: str) -> Question:
    cleaned = question_id.strip().lower().lstrip("#")
    for question in questions:
        if question.id == cleaned:
            return question
    raise UsageError(
        _("there is no question {id!r}").format(id=question_id),
        _("`mentorlog questions` lists them with their ids."),
    )


def asked_in(questions: list[Question], marked: set[str], texts: Iterable[str]) -> set[str]:
    """The ids of QUESTIONS asked: MARKED ones, and those whose wording a session's text contains."""
    asked = set(marked)
    folded_texts = [folded(text) for text in texts if text]
    for question in questions:
        if question.id in asked:
            continue
        forms = [folded(form) for form in question.forms]
        if any(form and form in text for text in folded_texts for form in forms):
            asked.add(question.id)
    return asked


def pick(
    questions: list[Question], asked: set[str], count: int, *, first_meeting: bool, ending: bool
) -> list[Question]:
    """COUNT questions not asked yet: kick-off ones first for a relationship with no session yet, closing ones
    first near its planned end; otherwise one topic after another (closing questions only at the end)."""
    fresh = [q for q in questions if q.id not in asked]
    if first_meeting:
        preferred = [q for q in fresh if q.kickoff]
    elif ending:
        preferred = [q for q in fresh if q.topic == "closing"]
    else:
        preferred = []
    rest = [q for q in fresh if q not in preferred and (ending or q.topic != "closing")]
    by_topic: dict[str, list[Question]] = {}
    for question in rest:
        by_topic.setdefault(question.topic, []).append(question)
    rotation: list[Question] = []
    while any(by_topic.values()):
        for queue in by_topic.values():
            if queue:
                rotation.append(queue.pop(0))
    return [*preferred, *rotation][:count]
