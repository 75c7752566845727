"""Every query a view runs reads the big tables through an index: the cost of a view follows its question (a week,
a person, the open items), not the size of the journal (issue 12).

Each command below runs in-process on the demo journal with every statement traced; each SELECT is then explained
(SQLite plans without statistics, so the plans on a small journal are the plans on a large one). A full scan of a
big table fails, unless it reads one of the partial indexes that hold only the few rows a view asks for.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

BIG = {"sessions", "actions", "progress_updates", "skill_ratings", "reflections", "goals", "topics", "session_tags"}
PARTIAL = {"idx_actions_open", "idx_actions_open_owner", "idx_actions_open_person", "idx_sessions_private"}
VIEWS = [
    ("summary",),
    ("summary", "--since", "1w"),
    ("summary", "--since", "1y", "--json"),
    ("summary", "--with", "{person}"),
    ("timeline",),
    ("timeline", "--since", "6w"),
    ("timeline", "--with", "{person}", "--all"),
    ("timeline", "--goal", "{goal}"),
    ("agenda",),
    ("agenda", "--with", "{person}"),
    ("agenda", "--with", "{person}", "--format", "md"),
    ("today",),
    ("health",),
    ("health", "--with", "{person}"),
    ("skills",),
    ("export", "--format", "md", "--since", "6m"),
    ("export", "--format", "html", "--since", "6m"),
    ("export", "--format", "md", "--since", "1m", "--with", "{person}"),
    ("export", "--format", "json", "--since", "6m"),
    ("export", "--format", "csv", "--since", "6m"),
    ("export", "--format", "ics"),
    ("summary", "--since", "1w", "--json"),
    ("agenda", "--json"),
    ("timeline", "--json"),
    ("skills", "--with", "{person}"),
    ("search", "delegation"),
    ("search", "feedback", "--kind", "session", "--limit", "5"),
    ("search", "goal", "--with", "{person}"),
    ("search", "plan", "--since", "3m"),
    ("search", "feedback", "--json"),
    ("actions",),
    ("actions", "--overdue"),
    ("actions", "--with", "{person}"),
    ("actions", "--json"),
    ("sessions",),
    ("sessions", "--with", "{person}"),
    ("sessions", "--limit", "10"),
    ("goals",),
    ("goals", "--with", "{person}"),
    ("people",),
    ("topics",),
    ("reflections",),
    ("show", "session", "{session}"),
    ("show", "goal", "{goal}"),
    ("show", "person", "{person_id}"),
]
KEYWORDS = {"where", "left", "join", "inner", "on", "indexed", "not", "group", "order", "limit", "union", "using"}
SOURCE = re.compile(r"\b(?:from|join)\s+(\w+)(?:\s+(?:as\s+)?(\w+))?", re.IGNORECASE)
WHOLE_COUNT = re.compile(r"^\s*SELECT count\(\*\) FROM \w+(?: \w+)?\s*$", re.IGNORECASE)
SCAN = re.compile(r"^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?")


def tables_of(sql: str) -> dict[str, str]:
    """Alias (or name) -> table, for every table the statement reads."""
    found: dict[str, str] = {}
    for table, alias in SOURCE.findall(sql):
        found[table] = table
        if alias and alias.lower() not in KEYWORDS:
            found[alias] = table
    return found


def full_scans(conn: sqlite3.Connection, sql: str) -> list[str]:
    """The plan lines of SQL that read a big table whole (not through a partial index)."""
    if WHOLE_COUNT.match(sql):
        return []  # a question about the whole journal (a listing's `20 of 80,000`), answered from an index
    tables = tables_of(sql)
    scans = []
    for row in conn.execute("EXPLAIN QUERY PLAN " + sql):
        match = SCAN.match(row[3])
        ordered_walk = match and match.group(2) and re.search(r"\bLIMIT \d+\s*$", sql)  # stops after LIMIT rows
        if match and tables.get(match.group(1)) in BIG and match.group(2) not in PARTIAL and not ordered_walk:
            scans.append(row[3])
    return scans


def test_every_view_reads_the_big_tables_through_an_index(run: Any, db_path: Path, traced: list[str]) -> None:
    result = run("--db", str(db_path), "demo", "--json")
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db_path)
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    ids = {
        "person": one("SELECT p.name FROM people p JOIN sessions s ON s.person_id = p.id ORDER BY s.date DESC"),
        "session": one("SELECT id FROM sessions WHERE private = 0 ORDER BY date DESC"),
        "goal": one("SELECT id FROM goals WHERE parent_id IS NULL AND status = 'active' ORDER BY id"),
        "person_id": one("SELECT person_id FROM sessions ORDER BY date DESC"),
    }
    seen: dict[str, str] = {}  # statement -> the first command that ran it
    for view in VIEWS:
        args = [part.format(**{k: str(v) for k, v in ids.items()}) for part in view]
        traced.clear()
        result = run("--db", str(db_path), *args)
        assert result.exit_code == 0, f"{args}: {result.output}"
        selects = [sql for sql in traced if sql.lstrip().upper().startswith(("SELECT", "WITH"))]
        assert selects, f"{args} ran no query"
        for sql in selects:
            seen.setdefault(sql, " ".join(args))
    failures = [
        f"{command}: {scans}\n  {sql[:300]}" for sql, command in seen.items() if (scans := full_scans(conn, sql))
    ]
    assert not failures, "full scans of big tables:\n" + "\n".join(failures)
    conn.close()


def test_the_check_sees_a_full_scan() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE actions (id INTEGER PRIMARY KEY, status TEXT, due TEXT)")
    conn.execute("CREATE INDEX idx_actions_open ON actions (due) WHERE status = 'open'")
    assert full_scans(conn, "SELECT count(*) FROM actions a WHERE a.due < '2026-01-01'") == ["SCAN a"]
    assert full_scans(conn, "SELECT count(*) FROM actions a WHERE a.status = 'open'") == []
    assert tables_of("SELECT * FROM actions a LEFT JOIN people p ON p.id = a.person_id") == {
        "actions": "actions",
        "a": "actions",
        "people": "people",
        "p": "people",
    }
