"""A search result: a plain, frozen value (`search` loads nothing else for it)."""

from __future__ import annotations

from typing import Any

from mentorlog.base.values import Frozen
from mentorlog.core.records import MATCH_CLOSE, MATCH_OPEN


class Hit(Frozen):
    """One search result: the record's kind and id, its title and a snippet with the matches marked (MATCH_OPEN /
    MATCH_CLOSE around the matched words), its score and, for a record of a relationship, the person's name."""

    __slots__ = ("kind", "id", "date", "title", "snippet", "score", "with_name")  # noqa: RUF023 (__init__'s order)

    kind: str
    id: int
    date: str | None
    title: str
    snippet: str
    score: float
    with_name: str | None

    def __init__(
        self, kind: str, id: int, date: str | None, title: str, snippet: str, score: float, with_name: str | None = None
    ) -> None:
        self._fields(kind=kind, id=id, date=date, title=title, snippet=snippet, score=score, with_name=with_name)

    def plain_snippet(self) -> str:
        return self.snippet.replace(MATCH_OPEN, "").replace(MATCH_CLOSE, "")

    def to_json(self) -> dict[str, Any]:  # computed: the snippet without its marks, the score rounded
        return {
            "kind": self.kind,
            "id": self.id,
            "date": self.date,
            "title": self.title,
            "snippet": self.plain_snippet(),
            "score": round(self.score, 4),
        }
