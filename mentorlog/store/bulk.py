"""Bulk writes through the store layer, for generated journals (benchmarks) and large imports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from mentorlog.core import validate
from mentorlog.store.base import Repo, new_uuid


class BulkRepo(Repo):
    def insert_many(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert ROWS (values for COLUMNS; uuid and timestamps are added unless given); returns the count."""
        extra = [name for name in ("uuid", "created_at", "updated_at") if name not in columns]
        keyed = table == "people" and "name_key" not in columns  # a person's folded name: derived from the name
        names = [*columns, *extra, *(["name_key"] if keyed else [])]
        name_at = list(columns).index("name") if keyed else -1
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
        count = 0

        def with_defaults() -> Iterable[list[Any]]:
            nonlocal count
            stamp = self.now()
            for row in rows:
                count += 1
                filled = list(row)
                for name in extra:
                    filled.append(new_uuid() if name == "uuid" else stamp)
                if keyed:
                    filled.append(validate.name_key(row[name_at]))
                yield filled

        self.db.executemany(sql, with_defaults())
        return count
