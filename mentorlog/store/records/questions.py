"""The questions of the question bank asked in a relationship (`questions --asked ID`), and the session texts
that count as asking one: the journal's part of the question bank (mentorlog/templates/questions.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from mentorlog.core import validate
from mentorlog.store.base import Repo


class QuestionsRepo(Repo):
    def asked_keys(self, person_id: int) -> set[str]:
        """The ids of the questions marked asked with PERSON."""
        found = self.rows("SELECT DISTINCT question FROM asked_questions WHERE person_id = ?", [person_id])
        return {str(row["question"]) for row in found}

    def session_texts(self, person_id: int) -> list[str]:
        """What the sessions with PERSON say (title, notes, feedback): a question found there was asked."""
        found = self.rows(
            "SELECT title || char(10) || notes || char(10) || feedback AS text FROM sessions WHERE person_id = ?",
            [person_id],
        )
        return [str(row["text"]) for row in found]

    def mark_asked(self, person_id: int, key: str, text: str, day: date) -> tuple[dict[str, Any], bool]:
        """Remember that the question KEY (worded TEXT) was asked with PERSON on DAY; the flag says whether it is
        new (a question marked before keeps its first mark)."""
        key = validate.stored_word(key, required=True)
        before = self.row(
            "SELECT * FROM asked_questions WHERE person_id = ? AND question = ? ORDER BY date, id LIMIT 1",
            [person_id, key],
        )
        if before is not None:
            return before, False
        row_id = self.insert(
            "asked_questions",
            {
                "person_id": person_id,
                "question": key,
                "text": validate.text(text, "text"),
                "date": validate.day(day).isoformat(),
            },
        )
        found = self.row("SELECT * FROM asked_questions WHERE id = ?", [row_id])
        assert found is not None
        return found, True

    def asked(self, person_id: int) -> list[dict[str, Any]]:
        """Every mark with PERSON, oldest first."""
        return self.rows("SELECT * FROM asked_questions WHERE person_id = ? ORDER BY date, id", [person_id])
