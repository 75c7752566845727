"""A search result (`search` alone loads it, and msgspec with it: the listings start without either)."""

from __future__ import annotations

from typing import Any

import msgspec

from mentorlog.core.records import MATCH_CLOSE, MATCH_OPEN


class Hit(msgspec.Struct, frozen=True):
    """One search result: the record's kind and id, its title and a snippet with the matches marked."""

    kind: str
    id: int
    date: str | None
    title: str
    snippet: str  # with MATCH_OPEN / MATCH_CLOSE around the matched words
    score: float
    with_name: str | None = None

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
