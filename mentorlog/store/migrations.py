"""The schema, built by ordered, append-only migrations recorded in `_sqlite_migrations`.

Never edit a migration that has shipped: add a new function below the last one. docs/schema.md
describes the schema they produce together.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("mentorlog")

INITIAL_SCHEMA = [
    """
    CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
        cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE UNIQUE INDEX idx_people_name ON people (name COLLATE NOCASE)",
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        date TEXT NOT NULL,
        time TEXT,
        person_id INTEGER REFERENCES people (id) ON DELETE RESTRICT,
        title TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        feedback TEXT NOT NULL DEFAULT '',
        confidence INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 1 AND 5),
        next_date TEXT,
        private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX idx_sessions_date ON sessions (date)",
    "CREATE INDEX idx_sessions_person_date ON sessions (person_id, date)",
    """
    CREATE TABLE goals (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        horizon TEXT NOT NULL DEFAULT 'short' CHECK (horizon IN ('short', 'long')),
        status TEXT NOT NULL DEFAULT 'active'
            CHECK (status IN ('active', 'achieved', 'paused', 'dropped')),
        progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        target TEXT,
        parent_id INTEGER REFERENCES goals (id) ON DELETE RESTRICT,
        person_id INTEGER REFERENCES people (id) ON DELETE RESTRICT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        achieved_at TEXT
    )
    """,
    "CREATE INDEX idx_goals_status ON goals (status)",
    "CREATE INDEX idx_goals_person ON goals (person_id)",
    "CREATE INDEX idx_goals_parent ON goals (parent_id)",
    """
    CREATE TABLE progress_updates (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        progress_before INTEGER NOT NULL CHECK (progress_before BETWEEN 0 AND 100),
        progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX idx_progress_updates_goal_date ON progress_updates (goal_id, date)",
    "CREATE INDEX idx_progress_updates_date ON progress_updates (date)",
    """
    CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        owner_id INTEGER REFERENCES people (id) ON DELETE RESTRICT,
        due TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
        person_id INTEGER REFERENCES people (id) ON DELETE RESTRICT,
        session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
        goal_id INTEGER REFERENCES goals (id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        done_at TEXT
    )
    """,
    "CREATE INDEX idx_actions_status_due ON actions (status, due)",
    "CREATE INDEX idx_actions_person_status ON actions (person_id, status)",
    "CREATE INDEX idx_actions_owner_status ON actions (owner_id, status)",
    "CREATE INDEX idx_actions_goal ON actions (goal_id)",
    "CREATE INDEX idx_actions_session ON actions (session_id)",
    """
    CREATE TABLE reflections (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        date TEXT NOT NULL,
        text TEXT NOT NULL,
        goal_id INTEGER REFERENCES goals (id) ON DELETE SET NULL,
        person_id INTEGER REFERENCES people (id) ON DELETE RESTRICT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX idx_reflections_date ON reflections (date)",
    "CREATE INDEX idx_reflections_person ON reflections (person_id)",
    "CREATE INDEX idx_reflections_goal ON reflections (goal_id)",
    """
    CREATE TABLE topics (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'discussed')),
        session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        discussed_at TEXT
    )
    """,
    "CREATE INDEX idx_topics_person_status ON topics (person_id, status)",
    "CREATE INDEX idx_topics_status ON topics (status)",
    """
    CREATE TABLE session_goals (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
        PRIMARY KEY (session_id, goal_id)
    )
    """,
    "CREATE INDEX idx_session_goals_goal ON session_goals (goal_id)",
    """
    CREATE TABLE session_tags (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (session_id, tag)
    )
    """,
    "CREATE INDEX idx_session_tags_tag ON session_tags (tag)",
    """
    CREATE TABLE goal_tags (
        goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (goal_id, tag)
    )
    """,
    "CREATE INDEX idx_goal_tags_tag ON goal_tags (tag)",
    """
    CREATE TABLE reflection_tags (
        reflection_id INTEGER NOT NULL REFERENCES reflections (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (reflection_id, tag)
    )
    """,
    "CREATE INDEX idx_reflection_tags_tag ON reflection_tags (tag)",
]


@migrations()
def m001_initial_schema(db: Database) -> None:
    for statement in INITIAL_SCHEMA:
        db.execute(statement)


def known_names() -> list[str]:
    return [migration.name for migration in migrations.pending(Database(memory=True))]  # all, on a new database


# Full-text search: one FTS5 table over every kind of text, kept in sync by triggers.
# rowid = record id * 8 + kind code, so a trigger finds its row by rowid instead of scanning.
SEARCH_SOURCES = {  # as shipped with m002; m006 replaces them (never edit a shipped migration's inputs)
    # kind: (table, code, title, body, day, person)
    "session": ("sessions", 1, "new.title", "new.notes || char(10) || new.feedback", "new.date", "new.person_id"),
    "reflection": ("reflections", 2, "''", "new.text", "new.date", "new.person_id"),
    "goal": ("goals", 3, "new.title", "new.description", "substr(new.created_at, 1, 10)", "new.person_id"),
    "action": ("actions", 4, "''", "new.text", "substr(new.created_at, 1, 10)", "new.person_id"),
    "topic": ("topics", 5, "''", "new.text", "substr(new.created_at, 1, 10)", "new.person_id"),
}


@migrations()
def m002_full_text_search(db: Database) -> None:
    db.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, record_id UNINDEXED, person_id UNINDEXED, day UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    _search_triggers(db, SEARCH_SOURCES)


def _search_triggers(db: Database, sources: dict[str, tuple[str, int, str, str, str, str]]) -> None:
    """Triggers that keep search_index in step with SOURCES, and the rows for what exists already."""
    for kind, (table, code, title, body, day, person) in sources.items():
        insert = (
            f"INSERT INTO search_index (rowid, kind, record_id, person_id, day, title, body) "
            f"VALUES (new.id * 8 + {code}, '{kind}', new.id, {person}, {day}, {title}, {body})"
        )
        delete = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {code}"
        db.execute(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert}; END")
        db.execute(f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {delete}; END")
        db.execute(f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} BEGIN {delete}; {insert}; END")
        existing = insert.replace("VALUES (", "SELECT ").replace("new.", "")[:-1] + f" FROM {table}"
        db.execute(existing)


@migrations()
def m003_period_indexes(db: Database) -> None:
    """Indexes for the period queries of summary and timeline (created, done and achieved in a period)."""
    db.execute("CREATE INDEX idx_actions_created_at ON actions (created_at)")
    db.execute("CREATE INDEX idx_actions_done_at ON actions (done_at)")
    db.execute("CREATE INDEX idx_goals_achieved_at ON goals (achieved_at)")


LOGGED_TABLES = (
    "people", "sessions", "goals", "progress_updates", "actions", "reflections", "topics",
    "session_goals", "session_tags", "goal_tags", "reflection_tags",
)  # fmt: skip


def change_log_triggers(db: Database, tables: tuple[str, ...] = LOGGED_TABLES) -> None:
    """(Re)create the triggers that log every row change of TABLES in a command, for `undo`.

    A migration that adds a column to a logged table must call this again, so the logged rows stay whole;
    one that adds a table calls it with that table.
    """
    active = "(SELECT current FROM change_state) IS NOT NULL AND (SELECT replaying FROM change_state) = 0"
    for table in tables:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()]
        old = "json_object(" + ", ".join(f"'{name}', old.{name}" for name in columns) + ")"
        log = (
            "INSERT INTO change_rows (change_id, table_name, op, row_id, old)"
            " VALUES ((SELECT current FROM change_state)"
        )
        for op, when, row, value in (
            ("insert", "AFTER INSERT", "new.rowid", "NULL"),
            ("update", "AFTER UPDATE", "old.rowid", old),
            ("delete", "AFTER DELETE", "old.rowid", old),
        ):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_log_{op}")
            db.execute(
                f"CREATE TRIGGER {table}_log_{op} {when} ON {table} WHEN {active} "
                f"BEGIN {log}, '{table}', '{op}', {row}, {value}); END"
            )


@migrations()
def m004_change_log(db: Database) -> None:
    """An append-only log of what each command changed, so that `undo` can revert it as a whole."""
    db.execute(
        "CREATE TABLE changes (id INTEGER PRIMARY KEY, command TEXT NOT NULL, created_at TEXT NOT NULL, undone_at TEXT)"
    )
    db.execute(
        "CREATE TABLE change_rows (id INTEGER PRIMARY KEY, "
        "change_id INTEGER NOT NULL REFERENCES changes (id) ON DELETE CASCADE, table_name TEXT NOT NULL, "
        "op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')), row_id INTEGER NOT NULL, old TEXT)"
    )
    db.execute("CREATE INDEX idx_change_rows_change ON change_rows (change_id)")
    db.execute("CREATE INDEX idx_changes_undone ON changes (undone_at)")
    db.execute(
        "CREATE TABLE change_state (id INTEGER PRIMARY KEY CHECK (id = 1), current INTEGER, "
        "replaying INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute("INSERT INTO change_state (id, current, replaying) VALUES (1, NULL, 0)")
    change_log_triggers(db)


@migrations()
def m005_relationships(db: Database) -> None:
    """A relationship's start, planned end, agreement and status (active/closed, with the closing day)."""
    db.execute("ALTER TABLE people ADD COLUMN started TEXT")
    db.execute("ALTER TABLE people ADD COLUMN ends TEXT")
    db.execute("ALTER TABLE people ADD COLUMN agreement TEXT NOT NULL DEFAULT ''")
    db.execute(
        "ALTER TABLE people ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed'))"
    )
    db.execute("ALTER TABLE people ADD COLUMN closed_at TEXT")
    db.execute("CREATE INDEX idx_people_status ON people (status)")
    change_log_triggers(db)  # the logged rows of people gained columns


SEARCH_SOURCES_V2 = {
    # kind: (table, code, title, body, day (local), person)
    "session": ("sessions", 1, "new.title", "new.notes || char(10) || new.feedback", "new.date", "new.person_id"),
    "reflection": ("reflections", 2, "''", "new.text", "new.date", "new.person_id"),
    "goal": ("goals", 3, "new.title", "new.description", "date(new.created_at, 'localtime')", "new.person_id"),
    "action": ("actions", 4, "''", "new.text", "date(new.created_at, 'localtime')", "new.person_id"),
    "topic": ("topics", 5, "''", "new.text", "date(new.created_at, 'localtime')", "new.person_id"),
    "person": (
        "people",
        6,
        "new.name",
        "new.agreement || char(10) || new.note",
        "coalesce(new.started, date(new.created_at, 'localtime'))",
        "new.id",
    ),
}


@migrations()
def m006_search_stemming(db: Database) -> None:
    """Search rows for people (their agreement and note) too, and local days for dated rows. (Word stems
    are matched on the query side — searchquery.py — so prefix searches keep working on plain tokens.)"""
    for table, *_ in SEARCH_SOURCES.values():
        for op in ("insert", "delete", "update"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_search_{op}")
    db.execute("DROP TABLE search_index")
    db.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, record_id UNINDEXED, person_id UNINDEXED, day UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    _search_triggers(db, SEARCH_SOURCES_V2)


@migrations()
def m007_sync_state(db: Database) -> None:
    """Sync through a shared folder (docs/sync.md): this journal's device id and hybrid logical clock, the newest
    change applied per record (with tombstones), records shown differently from their newest change, the change
    files applied, and the commands undone (an undo is a change that travels)."""
    db.execute(
        "CREATE TABLE sync_state (id INTEGER PRIMARY KEY CHECK (id = 1), device TEXT NOT NULL, clock TEXT NOT NULL, "
        "sent_change INTEGER NOT NULL DEFAULT 0, sent_undo INTEGER NOT NULL DEFAULT 0, "
        "plain_told INTEGER NOT NULL DEFAULT 0, enabled_at TEXT NOT NULL, last_sync TEXT)"
    )
    db.execute(
        "CREATE TABLE sync_records (uuid TEXT PRIMARY KEY, table_name TEXT NOT NULL, hlc TEXT NOT NULL, "
        "deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), row_id INTEGER)"
    )
    db.execute("CREATE INDEX idx_sync_records_row ON sync_records (table_name, row_id)")
    db.execute("CREATE TABLE sync_pending (uuid TEXT PRIMARY KEY, table_name TEXT NOT NULL, record TEXT NOT NULL)")
    db.execute(
        "CREATE TABLE sync_files (device TEXT NOT NULL, seq INTEGER NOT NULL, created_at TEXT NOT NULL, "
        "applied_at TEXT NOT NULL, changes INTEGER NOT NULL, PRIMARY KEY (device, seq))"
    )
    db.execute("CREATE TABLE sync_undone (id INTEGER PRIMARY KEY, change_id INTEGER NOT NULL)")
    # the devices' change-file keys (age X25519), kept only by an encrypted journal (so never in plain text)
    db.execute("CREATE TABLE sync_keys (device TEXT PRIMARY KEY, secret TEXT NOT NULL)")
    db.execute(
        "CREATE TRIGGER changes_sync_undone AFTER UPDATE OF undone_at ON changes "
        "WHEN old.undone_at IS NULL AND new.undone_at IS NOT NULL AND EXISTS (SELECT 1 FROM sync_state) "
        "BEGIN INSERT INTO sync_undone (change_id) VALUES (new.id); END"
    )


@migrations()
def m008_relationship_health(db: Database) -> None:
    """`health` reads a relationship's action items by due day (its own, and those its person owns) and
    by day done, bounded by the window."""
    db.execute("CREATE INDEX idx_actions_person_due ON actions (person_id, due)")
    db.execute("CREATE INDEX idx_actions_owner_due ON actions (owner_id, due)")
    db.execute("CREATE INDEX idx_actions_person_done ON actions (person_id, done_at)")


RECORD = "id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE"
STAMPS = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL"
SKILL_SCHEMA = [
    f"CREATE TABLE skills ({RECORD}, name TEXT NOT NULL,"
    " kind TEXT NOT NULL DEFAULT 'growth' CHECK (kind IN ('strength', 'growth')),"
    f" person_id INTEGER REFERENCES people (id) ON DELETE RESTRICT, description TEXT NOT NULL DEFAULT '', {STAMPS})",
    "CREATE INDEX idx_skills_person ON skills (person_id)",
    "CREATE TABLE skill_goals (skill_id INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,"
    " goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE, PRIMARY KEY (skill_id, goal_id))",
    "CREATE INDEX idx_skill_goals_goal ON skill_goals (goal_id)",
    f"CREATE TABLE skill_ratings ({RECORD}, skill_id INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,"
    " date TEXT NOT NULL, level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),"
    " rater_id INTEGER REFERENCES people (id) ON DELETE RESTRICT,"
    f" session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE, note TEXT NOT NULL DEFAULT '', {STAMPS})",
    "CREATE INDEX idx_skill_ratings_skill_date ON skill_ratings (skill_id, date)",
    "CREATE INDEX idx_skill_ratings_date ON skill_ratings (date)",
    "CREATE INDEX idx_skill_ratings_rater ON skill_ratings (rater_id)",
    "CREATE INDEX idx_skill_ratings_session ON skill_ratings (session_id)",
]
SKILL_TABLES = ("skills", "skill_goals", "skill_ratings")
# One search row per skill (rowid = id * 8 + 7): its name as the title; its description and every rating's note
# as the body; its day the latest rating's (else the day it was added). A rating's change rewrites its skill's row.
SKILL_SEARCH_ROW = (
    "INSERT INTO search_index (rowid, kind, record_id, person_id, day, title, body) "
    "SELECT k.id * 8 + 7, 'skill', k.id, k.person_id,"
    " coalesce((SELECT max(r.date) FROM skill_ratings r WHERE r.skill_id = k.id), date(k.created_at, 'localtime')),"
    " k.name, k.description || coalesce(char(10) || (SELECT group_concat(r.note, char(10)) FROM skill_ratings r"
    "  WHERE r.skill_id = k.id AND r.note != ''), '')"
    " FROM skills k WHERE k.id = {skill}"
)


@migrations()
def m009_skills(db: Database) -> None:
    """Skills (a strength or an area to grow; mine, or a person's) with their linked goals, and dated ratings 1-5
    given by me or by a person (optionally during a session); logged for undo and found by search."""
    for statement in SKILL_SCHEMA:
        db.execute(statement)
    change_log_triggers(db, SKILL_TABLES)
    for table, skill in (("skills", "id"), ("skill_ratings", "skill_id")):
        for event, rows in (("insert", ("new",)), ("update", ("old", "new")), ("delete", ("old",))):
            steps = [
                f"DELETE FROM search_index WHERE rowid = {row}.{skill} * 8 + 7; "
                + SKILL_SEARCH_ROW.format(skill=f"{row}.{skill}")
                for row in rows
            ]
            db.execute(
                f"CREATE TRIGGER {table}_search_{event} AFTER {event.upper()} ON {table} BEGIN {'; '.join(steps)}; END"
            )


@migrations()
def m010_bounded_views(db: Database) -> None:
    """Period views cost what the period holds, not what the journal holds: open action items counted from a
    partial index of their own (a few hundred, not every item ever written), action items of a period counted
    and sessions' confidence from covering indexes, private sessions found through a partial index of their own."""
    db.execute(
        "CREATE INDEX idx_actions_open ON actions (created_at, due, person_id, owner_id, session_id, status)"
        " WHERE status = 'open'"
    )
    db.execute("CREATE INDEX idx_actions_open_owner ON actions (owner_id, due) WHERE status = 'open'")
    db.execute(
        "CREATE INDEX idx_actions_open_person ON actions (person_id, created_at, due, session_id, status)"
        " WHERE status = 'open'"
    )
    db.execute("CREATE INDEX idx_actions_created_status ON actions (created_at, status, session_id)")
    db.execute("CREATE INDEX idx_sessions_private ON sessions (id) WHERE private = 1")
    db.execute("CREATE INDEX idx_sessions_figures ON sessions (date, person_id, private, confidence)")
    # `health` (and `today`, `agenda`): each side's items due in the window, with how they ended, from the index alone
    db.execute("CREATE INDEX idx_actions_person_outcome ON actions (person_id, due, owner_id, status, done_at)")
    db.execute("CREATE INDEX idx_actions_owner_outcome ON actions (owner_id, due, status, done_at)")


@migrations()
def m011_goals_created_index(db: Database) -> None:
    """Goals created in a period found through an index: a period's goal progress reads the goals that can show,
    not every goal ever written."""
    db.execute("CREATE INDEX idx_goals_created_at ON goals (created_at)")


# m012 (issue 22, speed): search rows in recency order. A search row's rowid puts a month above `id * 8 + kind code`,
# so FTS5 walks the matches newest first and `search` can rank the newest few thousand of a common word's matches
# without reading the rest (a month, not a day: the index stores the gaps between a word's rowids, and a gap of a
# new month is rare, a gap of a new day is everywhere). The month is that of the record's own date for sessions and
# reflections, else of the UTC day it was written (never the local day: a trigger must find the row again from the
# stored values alone, whatever the time zone); goals, skills and people (the records with a name) take the highest
# month, so they always come first.
NAMED_MONTH = (1 << 12) - 1  # above every month from 1900 to 2200: goals, skills and people
SEARCH_ID_LIMIT = 1 << 40  # ids below this fit under the month; a larger id (a hand-made dump) takes -(id * 8 + code)
RECENCY_DAYS: dict[str, str | None] = {  # kind -> the day whose month a search row is ordered by (None: NAMED_MONTH)
    "session": "new.date",
    "reflection": "new.date",
    "goal": None,
    "action": "substr(new.created_at, 1, 10)",
    "topic": "substr(new.created_at, 1, 10)",
    "person": None,
    "skill": None,
}
SKILL_CODE = 7


def search_rowid(record_id: str, code: int, day: str | None) -> str:
    """SQL for the search rowid of the record RECORD_ID of kind CODE dated DAY (SQL expressions; None for a named
    record): newest months highest; a day that is not readable counts as month 0 (oldest)."""
    if day is None:
        months = str(NAMED_MONTH)
    else:
        month = f"CAST(strftime('%Y', {day}) AS INTEGER) * 12 + CAST(strftime('%m', {day}) AS INTEGER) - 22801"
        months = f"max(0, min({NAMED_MONTH - 1}, coalesce({month}, 0)))"
    plain = f"{record_id} * 8 + {code}"
    return f"(CASE WHEN {record_id} < {SEARCH_ID_LIMIT} THEN ({months} << 43) + {plain} ELSE -({plain}) END)"


def search_row(kind: str, row: str = "new") -> tuple[str, str]:
    """The source table of KIND and the SQL values (rowid, kind, record_id, person_id, day, title, body) of its
    search row, from the row named ROW (`new`, `old`, or '' for a plain SELECT over the table)."""
    table, code, title, body, day, person = SEARCH_SOURCES_V2[kind]
    rowid = search_rowid("new.id", code, RECENCY_DAYS[kind])
    values = f"{rowid}, '{kind}', new.id, {person}, {day}, {title}, {body}"
    return table, values.replace("new.", f"{row}." if row else "")


SKILL_SEARCH_ROW_V3 = SKILL_SEARCH_ROW.replace(f"k.id * 8 + {SKILL_CODE}", search_rowid("k.id", SKILL_CODE, None))


@migrations()
def m012_search_by_recency(db: Database) -> None:
    """Search rows in recency order (rowid = month above id * 8 + kind; goals, skills and people first), so that a
    common word's newest matches are found without ranking every match; the index is rebuilt once."""
    for table in [*(source[0] for source in SEARCH_SOURCES_V2.values()), "skills", "skill_ratings"]:
        for op in ("insert", "delete", "update"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_search_{op}")
    db.execute("DROP TABLE search_index")
    db.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, record_id UNINDEXED, person_id UNINDEXED, day UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    # the rows go in with a larger in-memory buffer (fewer segments to merge), FTS5's default afterwards
    db.execute("INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?)", [32 * 1024 * 1024])
    columns = "INSERT INTO search_index (rowid, kind, record_id, person_id, day, title, body)"
    for kind, (table, code, *_rest) in SEARCH_SOURCES_V2.items():
        new_values = search_row(kind, "new")[1]
        day = RECENCY_DAYS[kind]
        old_rowid = search_rowid("old.id", code, day.replace("new.", "old.") if day else None)
        insert = f"{columns} VALUES ({new_values})"
        delete = f"DELETE FROM search_index WHERE rowid = {old_rowid}"
        db.execute(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert}; END")
        db.execute(f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {delete}; END")
        db.execute(f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} BEGIN {delete}; {insert}; END")
        # in rowid order: FTS5 writes out its in-memory terms whenever a rowid is smaller than the one before
        db.execute(f"{columns} SELECT {search_row(kind, '')[1]} FROM {table} ORDER BY 1")
    for table, skill in (("skills", "id"), ("skill_ratings", "skill_id")):
        for event, rows in (("insert", ("new",)), ("update", ("old", "new")), ("delete", ("old",))):
            steps = [
                f"DELETE FROM search_index WHERE rowid = {search_rowid(f'{row}.{skill}', SKILL_CODE, None)}; "
                + SKILL_SEARCH_ROW_V3.format(skill=f"{row}.{skill}")
                for row in rows
            ]
            db.execute(
                f"CREATE TRIGGER {table}_search_{event} AFTER {event.upper()} ON {table} BEGIN {'; '.join(steps)}; END"
            )
    db.execute(SKILL_SEARCH_ROW_V3.format(skill="k.id"))
    db.execute("INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?)", [1024 * 1024])


@migrations()
def m013_people_name_key(db: Database) -> None:
    """People's names compared as people read them: a folded key (NFKC, then Unicode case folding, as
    core.validate.name_key makes it) carries the unique index, so `Özlem` and `özlem`, or a composed and a
    decomposed `Amélie`, are one name; SQLite's NOCASE folds ASCII letters only. Existing people get their key
    here; two that fold alike (possible before) keep their names, the newer one with its id added."""
    from mentorlog.core.validate import name_key

    db.execute("ALTER TABLE people ADD COLUMN name_key TEXT NOT NULL DEFAULT ''")
    taken: set[str] = set()
    for person_id, name in db.execute("SELECT id, name FROM people ORDER BY id").fetchall():
        key = name_key(name)
        if key in taken:
            name = f"{name} ({person_id})"
            key = name_key(name)
            db.execute("UPDATE people SET name = ? WHERE id = ?", [name, person_id])
        taken.add(key)
        db.execute("UPDATE people SET name_key = ? WHERE id = ?", [key, person_id])
    db.execute("DROP INDEX idx_people_name")
    db.execute("CREATE UNIQUE INDEX idx_people_name_key ON people (name_key)")
    change_log_triggers(db, ("people",))  # the logged rows of people gained a column


@migrations()
def m020_sync_records_by_table(db: Database) -> None:
    """Sync names a record by its table and its uuid together: a tombstone that names another table for a uuid
    (a hostile or damaged file) is its own entry and hides nothing. What sync knows per record, and the records
    it keeps aside, are keyed by (table_name, uuid)."""
    # a journal that ran m025_sync_fields before this one (a development build) keeps its field-merge columns
    had = {row[1] for row in db.execute("PRAGMA table_info(sync_records)").fetchall()}
    extra = [column for column in ("record", "stamps", "with_parent") if column in had]
    db.execute(
        "CREATE TABLE sync_records_new (uuid TEXT NOT NULL, table_name TEXT NOT NULL, hlc TEXT NOT NULL, "
        "deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), row_id INTEGER, "
        + "".join(f"{column} TEXT, " for column in extra)
        + "PRIMARY KEY (table_name, uuid))"
    )
    columns = ", ".join(["uuid", "table_name", "hlc", "deleted", "row_id", *extra])
    db.execute(f"INSERT INTO sync_records_new ({columns}) SELECT {columns} FROM sync_records")
    db.execute("DROP TABLE sync_records")
    db.execute("ALTER TABLE sync_records_new RENAME TO sync_records")
    db.execute("CREATE INDEX idx_sync_records_row ON sync_records (table_name, row_id)")
    if "with_parent" in extra:
        db.execute("CREATE INDEX idx_sync_records_with ON sync_records (with_parent) WHERE with_parent IS NOT NULL")
    db.execute(
        "CREATE TABLE sync_pending_new (uuid TEXT NOT NULL, table_name TEXT NOT NULL, record TEXT NOT NULL, "
        "PRIMARY KEY (table_name, uuid))"
    )
    db.execute("INSERT INTO sync_pending_new SELECT uuid, table_name, record FROM sync_pending")
    db.execute("DROP TABLE sync_pending")
    db.execute("ALTER TABLE sync_pending_new RENAME TO sync_pending")


@migrations()
def m025_sync_fields(db: Database) -> None:
    """Sync merges per field (docs/sync.md): each record's merged content with the clock of every field (and of
    the change each field's value replaced), kept for deleted records too so that a later change elsewhere
    brings them back whole; the record a deletion went with (a goal's progress updates deleted with it come
    back with it); and the values set aside when two machines changed one field, listed by `sync --conflicts`."""
    db.execute("ALTER TABLE sync_records ADD COLUMN record TEXT")
    db.execute("ALTER TABLE sync_records ADD COLUMN stamps TEXT")
    db.execute("ALTER TABLE sync_records ADD COLUMN with_parent TEXT")
    db.execute("CREATE INDEX idx_sync_records_with ON sync_records (with_parent) WHERE with_parent IS NOT NULL")
    db.execute(
        "CREATE TABLE sync_conflicts (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL, table_name TEXT NOT NULL, "
        "field TEXT NOT NULL, kept TEXT NOT NULL, kept_hlc TEXT NOT NULL, set_aside TEXT NOT NULL, "
        "set_aside_hlc TEXT NOT NULL, found_at TEXT NOT NULL, UNIQUE (table_name, uuid, field, set_aside_hlc))"
    )


@migrations()
def m030_sync_key_wrapped(db: Database) -> None:
    """Which passphrase wrapped this device's key in the sync folder (`<device>/key.age`), as a fingerprint of
    the sync secret: after `mentorlog passphrase` the next sync sees it differ and wraps the key again, so a
    machine that knows only the new passphrase reads this device's old files too."""
    db.execute("ALTER TABLE sync_keys ADD COLUMN wrapped TEXT")


@migrations()
def m040_topic_dropped(db: Database) -> None:
    """A topic can be dropped (`topic drop`: it no longer needs raising) beside open and discussed. SQLite cannot
    change a CHECK in place, so the table is rebuilt under its own name, rows, ids, indexes and triggers unchanged
    (nothing else refers to it)."""
    schema = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'topics'").fetchone()[0]
    kept = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'topics' AND type IN ('index', 'trigger')"
            " AND sql IS NOT NULL"
        ).fetchall()
    ]
    old_check = "CHECK (status IN ('open', 'discussed'))"
    assert old_check in schema, "the topics table is not the one this migration rebuilds"
    new_schema = schema.replace(old_check, "CHECK (status IN ('open', 'discussed', 'dropped'))")
    db.execute(new_schema.replace("CREATE TABLE topics", "CREATE TABLE topics_rebuilt", 1))
    db.execute("INSERT INTO topics_rebuilt SELECT * FROM topics")
    db.execute("DROP TABLE topics")  # its indexes and triggers go with it; no trigger fires
    db.execute("ALTER TABLE topics_rebuilt RENAME TO topics")
    for statement in kept:
        db.execute(statement)


@migrations()
def m045_meeting_times(db: Database) -> None:
    """A meeting can have a time: the next meeting's (`note --next "fri 14:00"`) beside its date, and a
    relationship's usual slot (`person edit --meets "tue 10:00"`): a weekday and a time of day."""
    db.execute("ALTER TABLE sessions ADD COLUMN next_time TEXT")
    db.execute("ALTER TABLE people ADD COLUMN meets_day INTEGER CHECK (meets_day BETWEEN 0 AND 6)")
    db.execute("ALTER TABLE people ADD COLUMN meets_time TEXT")
    change_log_triggers(db, ("sessions", "people"))  # the logged rows gained columns


@migrations()
def m050_templates_and_questions(db: Database) -> None:
    """A relationship's default note template (`person add/edit --template NAME`; '' for the usual one), and the
    questions of the question bank asked in a relationship (`questions --asked ID`): the question's id (`12`,
    or `u` and six hex digits for the user's own) and its wording then; logged for undo."""
    db.execute("ALTER TABLE people ADD COLUMN template TEXT NOT NULL DEFAULT ''")
    change_log_triggers(db, ("people",))  # the logged rows of people gained a column
    db.execute(
        f"CREATE TABLE asked_questions ({RECORD},"
        " person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,"
        f" question TEXT NOT NULL, text TEXT NOT NULL DEFAULT '', date TEXT NOT NULL, {STAMPS})"
    )
    db.execute("CREATE INDEX idx_asked_questions_person ON asked_questions (person_id, question)")
    change_log_triggers(db, ("asked_questions",))


@migrations()
def m055_person_screen_indexes(db: Database) -> None:
    """One relationship's open action items in due order straight from a partial index (the first 25 of each side,
    not every item the person ever had), and a person's ratings of a skill found without walking its whole history:
    `browse` reads both for every person it moves to, `actions --with` and `skills --with` too."""
    db.execute("CREATE INDEX idx_actions_open_person_due ON actions (person_id, due) WHERE status = 'open'")
    db.execute("CREATE INDEX idx_skill_ratings_skill_rater ON skill_ratings (skill_id, rater_id)")
