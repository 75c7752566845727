"""Full-text search over sessions, reflections, goals, actions and topics (FTS5, bm25 ranking)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from mentorlog.errors import UsageError
from mentorlog.store.base import Repo

SEARCH_KINDS = ("session", "reflection", "goal", "action", "topic")
OPEN, CLOSE = "\x02", "\x03"  # snippet markers; never in stored text (control characters are shown inert)
TERM = re.compile(r'"([^"]*)"|(\S+)')
WORD = re.compile(r"[\w]+\*?|\*")
# Titles count more than bodies: a goal titled "delegation" ranks above a note that mentions it.
RANK = "bm25(search_index, 0, 0, 0, 0, 4.0, 1.0)"


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    date: str | None
    title: str
    snippet: str
    score: float

    def plain_snippet(self) -> str:
        return self.snippet.replace(OPEN, "").replace(CLOSE, "")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "date": self.date,
            "title": self.title,
            "snippet": self.plain_snippet(),
            "score": round(self.score, 4),
        }


def fts_query(text: str) -> str:
    """The user's words as a safe FTS5 query: phrases in quotes stay phrases, `word*` is a prefix,
    and everything else (NEAR, AND, parentheses, lone quotes, colons) is matched as plain words."""
    parts: list[str] = []
    if text.count('"') % 2:
        text = text.replace('"', " ")
    for match in TERM.finditer(text):
        phrase, bare = match.groups()
        if phrase is not None:
            words = WORD.findall(phrase.replace("*", " "))
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        for word in WORD.findall(bare or ""):
            if word == "*":
                continue
            prefix = word.endswith("*")
            core = word.rstrip("*")
            parts.append(f'"{core}"' + ("*" if prefix else ""))
    if not parts:
        raise UsageError(
            f"nothing to search for in {text!r}", "Give one or more words, e.g. mentorlog search delegation"
        )
    return " ".join(parts)


class SearchRepo(Repo):
    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        person_id: int | None = None,
        since: date | None = None,
        limit: int = 20,
    ) -> list[Hit]:
        where = ["search_index MATCH ?"]
        params: list[Any] = [fts_query(query)]
        if kind is not None:
            if kind not in SEARCH_KINDS:
                raise UsageError(f"--kind must be one of {', '.join(SEARCH_KINDS)}, not {kind!r}")
            where.append("kind = ?")
            params.append(kind)
        if person_id is not None:
            where.append("person_id = ?")
            params.append(person_id)
        if since is not None:
            where.append("day >= ?")
            params.append(since.isoformat())
        sql = (
            f"SELECT kind, record_id, day, title, body, {RANK} AS score, "
            f"snippet(search_index, -1, '{OPEN}', '{CLOSE}', '…', 16) AS snippet "
            f"FROM search_index WHERE {' AND '.join(where)} ORDER BY score LIMIT ?"
        )
        params.append(limit)
        return [
            Hit(
                kind=row["kind"],
                id=row["record_id"],
                date=row["day"],
                title=row["title"] or " ".join(str(row["body"]).split()[:10]),
                snippet=row["snippet"],
                score=-float(row["score"]),
            )
            for row in self.rows(sql, params)
        ]
