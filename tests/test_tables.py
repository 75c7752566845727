"""The table registry (store/tables.py) agrees with the schema the migrations build, and with itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from mentorlog.core import validate
from mentorlog.store import tables
from mentorlog.store.db import memory_journal
from mentorlog.store.migrations import SEARCH_SOURCES_V2


@pytest.fixture(scope="module")
def db() -> Iterator[sqlite3.Connection]:
    connection = memory_journal()
    yield connection
    connection.close()


def schema_tables(db: sqlite3.Connection) -> list[str]:
    """Every table of a freshly migrated journal (FTS5's shadow tables left out), in creation order."""
    return [
        row[0]
        for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")
        if not row[0].startswith(("sqlite_", "search_index_"))
    ]


def test_every_table_of_a_fresh_journal_is_in_the_registry_and_vice_versa(db: sqlite3.Connection) -> None:
    assert sorted(schema_tables(db)) == sorted(tables.BY_NAME)
    assert len(tables.BY_NAME) == len(tables.TABLES)


@pytest.mark.parametrize("table", tables.TABLES, ids=lambda table: table.name)
def test_every_column_is_in_the_registry_in_the_schemas_order(db: sqlite3.Connection, table: tables.Table) -> None:
    columns = db.execute(f'PRAGMA table_info("{table.name}")').fetchall()
    assert [row[1] for row in columns] == list(table.column_names)
    if not table.dump:
        return
    for _cid, name, _type, notnull, _default, primary in columns:
        column = next(column for column in table.columns if column.name == name)
        assert column.nullable == (not notnull and not primary), f"{table.name}.{name}: nullable"


@pytest.mark.parametrize("table", tables.TABLES, ids=lambda table: table.name)
def test_parent_links_are_the_schemas_foreign_keys(db: sqlite3.Connection, table: tables.Table) -> None:
    keys = {(row[3], row[2]) for row in db.execute(f'PRAGMA foreign_key_list("{table.name}")')}
    declared = {(parent.column, parent.table) for parent in table.parents}
    if table.link is not None:
        declared.add((table.link.column, table.link.owner))
        if table.link.target:
            declared.add((table.link.value, table.link.target))
    bookkeeping = {("change_id", "changes")}
    assert keys - bookkeeping == declared


def test_a_table_comes_after_every_table_it_refers_to() -> None:
    seen: set[str] = set()
    for table in tables.TABLES:
        for parent in table.parents:
            assert parent.table in seen or parent.table == table.name, f"{table.name} before {parent.table}"
        seen.add(table.name)


@pytest.mark.parametrize("table", tables.TABLES, ids=lambda table: table.name)
def test_undo_logs_exactly_the_tables_the_registry_says(db: sqlite3.Connection, table: tables.Table) -> None:
    triggers = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    logged = {f"{table.name}_log_{op}" for op in ("insert", "update", "delete")}
    assert (logged <= triggers) == table.undo
    assert not (logged & triggers) or table.undo


def test_dumped_and_synced_records_have_a_uuid_and_the_same_tables() -> None:
    assert tables.dumped() == tables.synced()
    assert all(table.noun for table in tables.dumped())
    for table in tables.dumped():
        assert table.has_uuid
        assert all(tables.table(parent.table).dump for parent in table.parents)
    for link in tables.link_tables():
        assert link.link is not None
        assert tables.table(link.link.owner).dump and link.undo and not link.dump


def test_the_search_codes_are_the_search_triggers() -> None:
    codes = {kind: code for kind, (_table, code, *_rest) in SEARCH_SOURCES_V2.items()}
    codes["skill"] = 7  # m009: a skill's search row (its ratings' notes too)
    assert {table.word: table.search for table in tables.TABLES if table.search is not None} == codes
    for kind, (name, *_rest) in SEARCH_SOURCES_V2.items():
        assert tables.of_kind(kind).name == name


def test_every_kind_word_has_a_noun_module_and_its_listing() -> None:
    for word in tables.kind_words():
        table = tables.of_kind(word)
        assert table.cli and table.commands and table.listing and table.noun, word
    assert tables.kind_words() == ("session", "goal", "action", "reflection", "person", "topic", "skill")


def test_the_registry_rules_agree_with_validate() -> None:
    cadence = next(column for column in tables.table("people").columns if column.name == "cadence_days")
    assert cadence.high == validate.MAX_CADENCE_DAYS


def test_a_column_without_a_rule_is_not_carried_by_dumps_or_sync() -> None:
    from mentorlog.store.dump.schema import _fields

    derived = tables.Table(
        "notes", (tables.ID, tables.UUID, tables.TEXT, tables.Column("text_key", ""), tables.CREATED, tables.UPDATED)
    )
    assert derived.carried == ("id", "uuid", "text", "created_at", "updated_at")
    assert list(_fields(derived)) == ["id", "uuid", "created_at", "updated_at", "text"]
    # the journal's one derived column: a person's folded name, made again from the name wherever it arrives
    people = tables.table("people")
    assert people.carried == tuple(name for name in people.column_names if name != "name_key")
    assert all(table.carried == table.column_names for table in tables.dumped() if table.name != "people")


def test_the_table_and_command_registries_compile_no_code_at_start_up() -> None:
    """Every command imports both registries; a typing.NamedTuple compiles its constructor and each annotation
    (~0.06 ms a class, ~0.6 ms for this module at every start), plain classes with __slots__ compile nothing."""
    import subprocess
    import sys

    from tests.processes import tree_env

    code = (  # source text compiled (the import system compiles bytes and runs code objects: not counted)
        # the standard library first: pathlib builds namedtuples (urllib.parse) as it loads, which an editable
        # install has done before the hooks and a plain install has not (only mentorlog's own code is counted)
        "import builtins, gettext, pathlib\n"
        "calls = []\n"
        "for name in ('compile', 'eval', 'exec'):\n"
        "    real = getattr(builtins, name)\n"
        "    def counted(source, *a, _real=real, **k):\n"
        "        calls.extend([source] if isinstance(source, str) else [])\n"
        "        return _real(source, *a, **k)\n"
        "    setattr(builtins, name, counted)\n"
        "import mentorlog.store.tables, mentorlog.cli.registry\n"
        "print(len(calls), len(mentorlog.store.tables.TABLES), len(mentorlog.cli.registry.COMMANDS))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=tree_env(), capture_output=True, text=True, check=True)
    compiled, table_count, command_count = map(int, done.stdout.split())
    assert compiled == 0 and table_count == len(tables.TABLES) > 20 and command_count > 30


def test_registry_entries_compare_by_value_and_show_their_fields() -> None:
    assert tables.Column("x", "int", low=1) == tables.Column("x", "int", low=1) != tables.Column("x", "int")
    assert hash(tables.Parent("a_id", "a", "a_uuid")) == hash(tables.Parent("a_id", "a", "a_uuid"))
    assert tables.table("goals") == tables.table("goals") and tables.table("goals") != tables.table("people")
    assert repr(tables.table("actions").parents[3]) == (
        "Parent(column='goal_id', key='goal_uuid', table='goals', waits=False, with_private=False)"
    )
