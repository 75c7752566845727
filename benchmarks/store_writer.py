"""The generator's only contact with mentorlog: create a journal and bulk-insert rows through its store layer.

Everything the benchmarks import from `mentorlog.*` is in `write_journal` below, so that a change of the
store API is a change of these few lines. Columns the journal's schema does not have (yet) are left out,
so that the same generator fills older and newer schemas.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

Rows = tuple[list[str], list[Sequence[Any]]]  # column names, rows


def write_journal(path: Path, tables: dict[str, Rows], today: date, now: str) -> None:
    """Create the journal at PATH and insert TABLES (in order) in one transaction, then VACUUM it."""
    from datetime import datetime

    from mentorlog.base.config import Clock
    from mentorlog.store.bulk import BulkRepo
    from mentorlog.store.db import open_journal, transaction
    from mentorlog.store.journal import Journal

    instant = datetime.fromisoformat(now)
    clock = Clock(today, lambda: instant)
    opened = open_journal(path, write=True, clock=clock)
    db = opened.db
    try:
        with transaction(db, path, write=True):
            repo = BulkRepo(Journal(db, clock))
            for table, (columns, rows) in tables.items():
                known = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
                if not known:
                    continue  # a table this schema does not have (yet)
                keep = [index for index, name in enumerate(columns) if name in known]
                names = [columns[index] for index in keep]
                values = rows if len(keep) == len(columns) else ([row[i] for i in keep] for row in rows)
                if "uuid" in known:  # records: the store adds uuid and timestamps
                    repo.insert_many(table, names, values)
                else:  # link tables (tags, session goals) have no uuid; BulkRepo is for records
                    marks = ", ".join("?" for _ in names)
                    db.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", values)
        db.execute("PRAGMA optimize")
        db.execute("VACUUM")
    finally:
        opened.close()
