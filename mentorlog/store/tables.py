"""THE table registry: every table of a journal, its columns, and what it takes part in.

What a record *is* lives here once: its columns (with the rule a dump or sync checks each by), its KIND word,
its parent links (foreign keys, sent by uuid in dumps and sync), its link tables (tags, linked goals), and
whether undo logs it, the dump and sync carry it, shell completion peeks into it and search indexes it.
The dump and its schema, undo, sync, completion, search and the CLI's KIND words read it; the migrations
(store/migrations.py) stay the schema's history, and tests/test_tables.py checks that the two agree.
docs/adding-a-kind.md says how a new kind joins.

Plain data, cheap to import: every command reads it (plain value classes, base/values.py).
"""

from __future__ import annotations

from mentorlog.base.values import Value


class Column(Value):
    """A column, and the rule a dump record's field is checked by (docs/dump.schema.json).

    rule: id uuid ref stamp date time text name word int enum bool; "": not carried by dumps and sync.
    text_required: text that may not be empty. required: False when added after dump version 1, so an older dump
    may lack it."""

    __slots__ = ("choices", "high", "low", "name", "nullable", "required", "rule", "text_required")

    def __init__(
        self,
        name: str,
        rule: str = "text",
        nullable: bool = False,
        low: int | None = None,
        high: int | None = None,
        choices: tuple[str, ...] = (),
        text_required: bool = False,
        required: bool = True,
    ) -> None:
        self.name, self.rule, self.nullable, self.low, self.high = name, rule, nullable, low, high
        self.choices, self.text_required, self.required = choices, text_required, required


class Parent(Value):
    """A foreign key: in the journal an id (COLUMN, `person_id`), in dumps and sync the referenced record's uuid
    under KEY (`person_uuid`); TABLE is the referenced table (`people`).

    waits (sync): though it may be empty, the record waits while the referenced one is absent (its loss would change
    what the record says: an empty rater is "me", an empty owner of a skill makes it mine).
    with_private: an export without private records leaves this record out with its private parent (else it only
    loses the link)."""

    __slots__ = ("column", "key", "table", "waits", "with_private")

    def __init__(self, column: str, table: str, key: str, waits: bool = False, with_private: bool = False) -> None:
        self.column, self.table, self.key, self.waits, self.with_private = column, table, key, waits, with_private


class Link(Value):
    """What a link table holds for its owner record: one row per tag or linked record.

    OWNER (`sessions`) and COLUMN (`session_id`: the owner's id); KEY, the owner record's field in dumps and sync
    (`tags`, `goal_uuids`); VALUE, the column with the value (`tag`, `goal_id`); TARGET, the table VALUE refers to
    (`goals`, sent by uuid), None for the value itself."""

    __slots__ = ("column", "key", "owner", "target", "value")

    def __init__(self, owner: str, column: str, key: str, value: str, target: str | None = None) -> None:
        self.owner, self.column, self.key, self.value, self.target = owner, column, key, value, target


class Table(Value):
    """One table of the journal and what it takes part in.

    word: the KIND of show/edit/delete and search --kind. noun: what undo says it removed or restored ("action
    item"). listing: the command that lists them, named when an id is not found (`goals --all`). link: a link
    table: what it holds for which owner. undo: its row changes are logged (triggers `<table>_log_*`), so `undo`
    reverts them. dump: in the lossless JSON dump (`export --format json --all`, `import`). sync: sent and applied
    by `sync`, record by record. peek: shell completion reads it (plain sqlite3, read-only: store/peek.py).
    search: its kind code in the search index (rowid = id * 8 + code); None: not searched. in_first_dump: False
    when added after dump version 1, so an older dump has no list of them. private: the column that marks a record
    private (left out of exports on request). cli: its noun module in mentorlog.cli. commands: the command words
    that noun module adds (`skill`, `skills`)."""

    __slots__ = (
        "cli", "columns", "commands", "dump", "in_first_dump", "link", "listing", "name", "noun", "parents", "peek",
        "private", "search", "sync", "undo", "word",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        columns: tuple[Column, ...],
        word: str | None = None,
        noun: str | None = None,
        listing: str | None = None,
        parents: tuple[Parent, ...] = (),
        link: Link | None = None,
        undo: bool = False,
        dump: bool = False,
        sync: bool = False,
        peek: bool = False,
        search: int | None = None,
        in_first_dump: bool = True,
        private: str | None = None,
        cli: str | None = None,
        commands: tuple[str, ...] = (),
    ) -> None:
        self.name, self.columns, self.word, self.noun, self.listing = name, columns, word, noun, listing
        self.parents, self.link, self.undo, self.dump, self.sync, self.peek = parents, link, undo, dump, sync, peek
        self.search, self.in_first_dump, self.private, self.cli, self.commands = (
            search, in_first_dump, private, cli, commands
        )  # fmt: skip

    @property
    def has_uuid(self) -> bool:
        return any(column.name == "uuid" for column in self.columns)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def carried(self) -> tuple[str, ...]:
        """The columns dumps and sync carry (references as ids), in the schema's order: not a derived one."""
        return tuple(column.name for column in self.columns if column.rule)

    @property
    def links(self) -> tuple[Link, ...]:
        """What the link tables hold for this table's records (tags first, then linked records)."""
        found = [link for _table, link in links() if link.owner == self.name]
        return tuple(sorted(found, key=lambda link: link.key != "tags"))

    @property
    def bools(self) -> tuple[str, ...]:
        """The columns stored as 0/1 and written as true/false in dumps and sync."""
        return tuple(column.name for column in self.columns if column.rule == "bool")


# The migrations (store/migrations.py) whose schema this registry describes, in order: a journal that has them all
# is up to date; one with a migration not named here was written by a newer mentorlog.
MIGRATIONS = (
    "m001_initial_schema",
    "m002_full_text_search",
    "m003_period_indexes",
    "m004_change_log",
    "m005_relationships",
    "m006_search_stemming",
    "m007_sync_state",
    "m008_relationship_health",
    "m009_skills",
    "m010_bounded_views",
    "m011_goals_created_index",
    "m012_search_by_recency",
    "m013_people_name_key",
    "m020_sync_records_by_table",
    "m025_sync_fields",
    "m030_sync_key_wrapped",
    "m040_topic_dropped",
    "m045_meeting_times",
    "m050_templates_and_questions",
    "m055_person_screen_indexes",
)  # a new migration's name goes above this line

# shorthands for the columns most tables share
ID = Column("id", "id")
UUID = Column("uuid", "uuid")
CREATED = Column("created_at", "stamp")
UPDATED = Column("updated_at", "stamp")
TEXT = Column("text", "text", text_required=True)
DATE = Column("date", "date")


def ref(name: str, *, required: bool = False) -> Column:
    return Column(name, "ref", nullable=not required)


def enum(name: str, *choices: str, required: bool = True) -> Column:
    return Column(name, "enum", choices=choices, required=required)


def plain(*names: str) -> tuple[Column, ...]:
    """Columns of a table no dump carries (bookkeeping): names only."""
    return tuple(Column(name, "") for name in names)


def percent(name: str) -> Column:
    return Column(name, "int", low=0, high=100)


def level(name: str, *, nullable: bool = False) -> Column:
    """A level from 1 to 5 (a confidence, a skill's rating)."""
    return Column(name, "int", nullable=nullable, low=1, high=5)


MAX_CADENCE_DAYS = 3660  # core.validate.MAX_CADENCE_DAYS (a test keeps them equal; this module imports nothing)
TAG = Column("tag", "")

# In the order references need: a table comes after every table it refers to (dump, restore and sync go this way).
TABLES: tuple[Table, ...] = (
    Table(
        "people",
        (
            ID, UUID, Column("name", "name"), enum("role", "mentor", "mentee"),
            Column("cadence_days", "int", nullable=True, low=1, high=MAX_CADENCE_DAYS), Column("note"), CREATED,
            UPDATED, Column("started", "date", nullable=True, required=False),
            Column("ends", "date", nullable=True, required=False), Column("agreement", required=False),
            enum("status", "active", "closed", required=False),
            Column("closed_at", "date", nullable=True, required=False),
            Column("name_key", ""),  # the name folded (core.validate.name_key): derived, never carried
            Column("meets_day", "int", nullable=True, low=0, high=6, required=False),
            Column("meets_time", "time", nullable=True, required=False),
            Column("template", "word", required=False),  # the default note template's name; '' for the usual one
        ),
        word="person", noun="person", listing="people", undo=True, dump=True, sync=True, peek=True, search=6,
        cli="people", commands=("person", "people"),
    ),
    Table(
        "goals",
        (
            ID, UUID, Column("title", text_required=True), Column("description"), enum("horizon", "short", "long"),
            enum("status", "active", "achieved", "paused", "dropped"), percent("progress"),
            Column("target", "date", nullable=True), ref("parent_id"), ref("person_id"), CREATED, UPDATED,
            Column("achieved_at", "date", nullable=True),
        ),
        word="goal", noun="goal", listing="goals --all",
        parents=(Parent("parent_id", "goals", "parent_uuid"), Parent("person_id", "people", "person_uuid")),
        undo=True, dump=True, sync=True, search=3, cli="goals", commands=("goal", "goals"),
    ),
    Table(
        "sessions",
        (
            ID, UUID, DATE, Column("time", "time", nullable=True), ref("person_id"), Column("title"),
            Column("notes"), Column("feedback"), level("confidence", nullable=True),
            Column("next_date", "date", nullable=True), Column("private", "bool"), CREATED, UPDATED,
            Column("next_time", "time", nullable=True, required=False),
        ),
        word="session", noun="session", listing="sessions", parents=(Parent("person_id", "people", "person_uuid"),),
        undo=True, dump=True, sync=True, search=1, private="private", cli="notes", commands=("note", "sessions"),
    ),
    Table(
        "progress_updates",
        (
            ID, UUID, ref("goal_id", required=True), DATE, percent("progress_before"),
            percent("progress"), Column("note"), CREATED, UPDATED,
        ),
        noun="progress update", parents=(Parent("goal_id", "goals", "goal_uuid"),), undo=True, dump=True, sync=True,
    ),
    Table(
        "actions",
        (
            ID, UUID, TEXT, ref("owner_id"), Column("due", "date", nullable=True),
            enum("status", "open", "done", "dropped"), ref("person_id"), ref("session_id"), ref("goal_id"),
            CREATED, UPDATED, Column("done_at", "stamp", nullable=True),
        ),
        word="action", noun="action item", listing="actions --status all",
        parents=(
            Parent("owner_id", "people", "owner_uuid"), Parent("person_id", "people", "person_uuid"),
            Parent("session_id", "sessions", "session_uuid", with_private=True),
            Parent("goal_id", "goals", "goal_uuid"),
        ),
        undo=True, dump=True, sync=True, search=4, cli="actions", commands=("action", "actions"),
    ),
    Table(
        "reflections",
        (ID, UUID, DATE, TEXT, ref("goal_id"), ref("person_id"), CREATED, UPDATED),
        word="reflection", noun="reflection", listing="reflections",
        parents=(Parent("goal_id", "goals", "goal_uuid"), Parent("person_id", "people", "person_uuid")),
        undo=True, dump=True, sync=True, search=2, cli="reflections", commands=("reflect", "reflections"),
    ),
    Table(
        "topics",
        (
            ID, UUID, TEXT, ref("person_id", required=True), enum("status", "open", "discussed", "dropped"),
            ref("session_id"), CREATED, UPDATED, Column("discussed_at", "stamp", nullable=True),
        ),
        word="topic", noun="topic", listing="topics",
        parents=(Parent("person_id", "people", "person_uuid"), Parent("session_id", "sessions", "session_uuid")),
        undo=True, dump=True, sync=True, search=5, cli="people", commands=("topic", "topics"),
    ),
    Table(
        "skills",
        (
            ID, UUID, Column("name", "name"), enum("kind", "strength", "growth"), ref("person_id"),
            Column("description"), CREATED, UPDATED,
        ),
        word="skill", noun="skill", listing="skills", peek=True,
        parents=(Parent("person_id", "people", "person_uuid", waits=True),),
        undo=True, dump=True, sync=True, search=7, in_first_dump=False, cli="skills", commands=("skill", "skills"),
    ),
    Table(
        "skill_ratings",
        (
            ID, UUID, ref("skill_id", required=True), DATE, level("level"), ref("rater_id"),
            ref("session_id"), Column("note"), CREATED, UPDATED,
        ),
        noun="skill rating",
        parents=(
            Parent("skill_id", "skills", "skill_uuid"), Parent("rater_id", "people", "rater_uuid", waits=True),
            Parent("session_id", "sessions", "session_uuid", with_private=True),
        ),
        undo=True, dump=True, sync=True, in_first_dump=False,
    ),
    Table(
        "asked_questions",
        (
            ID, UUID, ref("person_id", required=True), Column("question", "word", text_required=True),
            Column("text"), DATE, CREATED, UPDATED,
        ),
        noun="asked question", parents=(Parent("person_id", "people", "person_uuid"),),
        undo=True, dump=True, sync=True, in_first_dump=False,
    ),
    # link tables: they come and go with their owner records, inside them in dumps and sync
    Table(
        "goal_tags", (Column("goal_id", "ref"), TAG), noun="tag",
        link=Link("goals", "goal_id", "tags", "tag"), undo=True, peek=True,
    ),
    Table(
        "session_tags", (Column("session_id", "ref"), TAG), noun="tag",
        link=Link("sessions", "session_id", "tags", "tag"), undo=True, peek=True,
    ),
    Table(
        "reflection_tags", (Column("reflection_id", "ref"), TAG), noun="tag",
        link=Link("reflections", "reflection_id", "tags", "tag"), undo=True, peek=True,
    ),
    Table(
        "session_goals", (Column("session_id", "ref"), Column("goal_id", "ref")), noun="goal link",
        link=Link("sessions", "session_id", "goal_uuids", "goal_id", "goals"), undo=True,
    ),
    Table(
        "skill_goals", (Column("skill_id", "ref"), Column("goal_id", "ref")), noun="goal link",
        link=Link("skills", "skill_id", "goal_uuids", "goal_id", "goals"), undo=True,
    ),
    # bookkeeping: the undo log, sync's state, the search index, the applied migrations
    Table("changes", plain("id", "command", "created_at", "undone_at")),
    Table("change_rows", plain("id", "change_id", "table_name", "op", "row_id", "old")),
    Table("change_state", plain("id", "current", "replaying")),
    Table("search_index", plain("kind", "record_id", "person_id", "day", "title", "body")),
    Table(
        "sync_state",
        plain("id", "device", "clock", "sent_change", "sent_undo", "plain_told", "enabled_at", "last_sync"),
    ),
    Table("sync_records", plain("uuid", "table_name", "hlc", "deleted", "row_id", "record", "stamps", "with_parent")),
    Table("sync_pending", plain("uuid", "table_name", "record")),
    Table("sync_files", plain("device", "seq", "created_at", "applied_at", "changes")),
    Table("sync_undone", plain("id", "change_id")),
    Table("sync_keys", plain("device", "secret", "wrapped")),
    # per machine (each records the values it set aside), so neither dumped nor synced; undo leaves it alone:
    # `sync --conflicts` lists only those whose kept value is still the field's value
    Table(
        "sync_conflicts",
        plain("id", "uuid", "table_name", "field", "kept", "kept_hlc", "set_aside", "set_aside_hlc", "found_at"),
    ),
    Table("_sqlite_migrations", plain("id", "migration_set", "name", "applied_at")),
)  # fmt: skip

BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}
BY_WORD: dict[str, Table] = {table.word: table for table in TABLES if table.word}
# The KIND words in the order help, errors and completion list them; a kind not named here comes after them.
WORD_ORDER = ("session", "goal", "action", "reflection", "person", "topic", "skill")


def table(name: str) -> Table:
    return BY_NAME[name]


def of_kind(word: str) -> Table:
    """The table of a KIND word (`session` -> sessions)."""
    return BY_WORD[word]


def kind_words() -> tuple[str, ...]:
    """Every KIND word, in the order they are listed."""
    words = list(BY_WORD)
    return tuple(sorted(words, key=lambda w: WORD_ORDER.index(w) if w in WORD_ORDER else len(WORD_ORDER)))


def dumped() -> tuple[Table, ...]:
    """The tables of the lossless dump, references first."""
    return tuple(table for table in TABLES if table.dump)


def synced() -> tuple[Table, ...]:
    """The tables sync sends record by record, references first."""
    return tuple(table for table in TABLES if table.sync)


def logged() -> tuple[Table, ...]:
    """The tables whose row changes undo reverts."""
    return tuple(table for table in TABLES if table.undo)


def link_tables() -> tuple[Table, ...]:
    return tuple(table for table in TABLES if table.link is not None)


def links(key: str | None = None) -> tuple[tuple[Table, Link], ...]:
    """Each link table with what it holds; with KEY, those that hold it (`tags`, `goal_uuids`)."""
    return tuple((table, table.link) for table in TABLES if table.link is not None and key in (None, table.link.key))


def search_words() -> tuple[str, ...]:
    """The kinds search finds, by their code in the index."""
    found = sorted((table.search, table.word) for table in TABLES if table.search is not None and table.word)
    return tuple(word for _code, word in found)


def noun_commands() -> dict[str, str]:
    """Command word -> the noun module of mentorlog.cli that adds it, for every record kind."""
    return {command: table.cli for table in TABLES if table.cli for command in table.commands}
