"""Full-text search over sessions, reflections, goals, actions and topics (FTS5, bm25 ranking)."""

from __future__ import annotations

from datetime import date
from typing import Any

from mentorlog.base.errors import UsageError
from mentorlog.base.i18n import _
from mentorlog.base.safe import shorten_words
from mentorlog.core.hits import Hit
from mentorlog.core.records import MATCH_CLOSE, MATCH_OPEN
from mentorlog.core.searchquery import fts_query, query_phrases
from mentorlog.core.snippet import make_snippet
from mentorlog.store import tables
from mentorlog.store.base import Repo

SEARCH_KINDS = tables.search_words()  # the kinds the index holds, by their code in it

# Titles count more than bodies: a goal titled "delegation" ranks above a note that mentions it.
RANK = "bm25(search_index, 0, 0, 0, 0, 4.0, 1.0)"
# When more records match than this (a common word in a long journal) and a limited list is asked for, only the
# newest this many matches are ranked, every matching goal, skill and person among them: bm25 costs about a
# microsecond a match, and the search rows come newest first (migrations.m012), so the rest are never scored.
RANKED = 2000
# Equal scores keep the order they had before the rows were ordered by month: id * 8 + kind code, the rowid's low bits
FILED = f"CASE WHEN rowid >= 0 THEN rowid & {(1 << 43) - 1} ELSE -rowid END"


def ranks_newest(limit: int | None) -> bool:
    """Whether a search for LIMIT hits ranks only the newest RANKED matches when more match (a list of at most
    RANKED hits; asked for everything, every match is ranked)."""
    return limit is not None and limit <= RANKED


class SearchRepo(Repo):
    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        person_id: int | None = None,
        since: date | None = None,
        limit: int | None = 20,
    ) -> list[Hit]:
        where, params = self._search_filters(query, kind, person_id, since)
        cutoff = self._ranked_from(where, params) if ranks_newest(limit) else None
        if cutoff is not None:  # the newest RANKED matches: goals, skills and people first (migrations.m012)
            where += " AND rowid > ?"
            params.append(cutoff)
        # The snippet is made in Python from the hit's own text (core/snippet.py): FTS5's snippet() looks at every
        # match once for each match, which made a note repeating the word minutes slow.
        sql = (
            "SELECT kind, record_id, day, title, body, "
            "(SELECT name FROM people WHERE people.id = search_index.person_id) AS with_name, "
            f"{RANK} AS score FROM search_index WHERE {where} ORDER BY score, {FILED} LIMIT ?"
        )
        params.append(-1 if limit is None else limit)
        phrases = query_phrases(query)
        return [
            Hit(
                kind=row["kind"],
                id=row["record_id"],
                date=row["day"],
                title=shorten_words((row["title"] or "")[:300] or " ".join(str(row["body"])[:300].split()[:10])),
                snippet=shorten_words(
                    make_snippet([row["title"] or "", row["body"] or ""], phrases, MATCH_OPEN, MATCH_CLOSE)
                ),
                score=-float(row["score"]),
                with_name=row["with_name"],
            )
            for row in self.rows(sql, params)
        ]

    def _ranked_from(self, where: str, params: list[Any]) -> int | None:
        """The rowid just below the newest RANKED matches, or None when no more than RANKED match."""
        found = self.scalar(
            f"SELECT rowid FROM search_index WHERE {where} ORDER BY rowid DESC LIMIT 1 OFFSET {RANKED}", params
        )
        return None if found is None else int(found)

    def count_hits(
        self, query: str, *, kind: str | None = None, person_id: int | None = None, since: date | None = None
    ) -> int:
        where, params = self._search_filters(query, kind, person_id, since)
        return int(self.scalar(f"SELECT count(*) FROM search_index WHERE {where}", params))

    def _search_filters(
        self, query: str, kind: str | None, person_id: int | None, since: date | None
    ) -> tuple[str, list[Any]]:
        where = ["search_index MATCH ?"]
        params: list[Any] = [fts_query(query)]
        if kind is not None:
            if kind not in SEARCH_KINDS:
                raise UsageError(
                    _("--kind must be one of {SEARCH_KINDS}, not {kind!r}").format(
                        SEARCH_KINDS=", ".join(SEARCH_KINDS), kind=kind
                    )
                )
            where.append("kind = ?")
            params.append(kind)
        if person_id is not None:
            where.append("person_id = ?")
            params.append(person_id)
        if since is not None:
            where.append("day >= ?")
            params.append(since.isoformat())
        return " AND ".join(where), params
