"""Every test gets its own journal, config path and a fixed today (Thursday 2026-11-26)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from mentorlog.base import i18n
from mentorlog.base.config import Clock
from mentorlog.cli import app
from mentorlog.store.db import open_journal
from mentorlog.store.journal import Journal

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "data" / "journal.db"
    monkeypatch.setenv("MENTORLOG_DB", str(db))
    monkeypatch.setenv("MENTORLOG_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("MENTORLOG_TODAY", TODAY.isoformat())
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    for name in ("VISUAL", "EDITOR", "MENTORLOG_DEBUG", "MENTORLOG_PASSPHRASE", "MENTORLOG_NEW_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    # Never the real OS keyring: no backend, unless a test selects tests/keyring_file.py; hints in the test's folder.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the compiled HTML template, per test
    return db


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """The language is process-wide: a German command must not leave later tests (or store calls) German."""
    yield
    i18n.use("en")


@pytest.fixture(scope="module")
def german_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The German demo journal, made once per test module."""
    db = tmp_path_factory.mktemp("german") / "demo.db"
    env = {"MENTORLOG_TODAY": TODAY.isoformat(), "MENTORLOG_LANG": "de"}
    result = CliRunner().invoke(app, ["--db", str(db), "demo", "--json"], env=env)
    i18n.use("en")
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def db_path(isolated: Path) -> Path:
    return isolated


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke the CLI in-process; `input=` feeds stdin."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, env=env)

    return invoke


@pytest.fixture
def run_json(run: Run) -> Callable[..., Any]:
    """Invoke with --json and parse stdout; the command must succeed."""

    def invoke(*args: str, input: str | None = None) -> Any:
        result = run(*args, "--json", input=input)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return invoke


@pytest.fixture
def empty_journal(db_path: Path) -> Path:
    """A journal that exists and holds nothing (a missing journal is an error for reading commands)."""
    open_journal(db_path, write=True, clock=CLOCK).close()
    return db_path


CLOCK = Clock.pinned(TODAY, time(12, 0))  # today and now, both pinned: noon on TODAY, local time


@pytest.fixture
def journal(db_path: Path) -> Iterator[Journal]:
    """A repository over the test journal, outside the CLI, committed after the test body."""
    opened = open_journal(db_path, write=True, clock=CLOCK)
    opened.db.execute("BEGIN IMMEDIATE")
    try:
        yield Journal(opened.db, CLOCK)
        opened.db.execute("COMMIT")
    finally:
        opened.close()


@pytest.fixture
def traced(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every statement every connection mentorlog opens in this process runs, with its values bound."""
    import sqlite3

    from mentorlog.store import db as store_db

    statements: list[str] = []
    connect = store_db._connect

    def tracing(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(store_db, "_connect", tracing)
    yield statements


def counts(db_path: Path) -> dict[str, int]:
    """Rows per table, to prove that a failed command changed nothing."""
    import sqlite3

    if not db_path.exists():
        return {}
    conn = sqlite3.connect(db_path)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0] for table in tables}
    finally:
        conn.close()


def assert_refused(run: Run, db_path: Path, args: list[str], code: int, message: str) -> None:
    """The command fails with CODE, says MESSAGE on stderr, and changes nothing in the journal."""
    before = counts(db_path)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert counts(db_path) == before


STRICT = "MENTORLOG_TEST_STRICT"  # .ci/run sets it: a test that would skip for a missing program fails instead


def _skip(reason: str) -> None:
    import os

    if os.environ.get(STRICT) == "1":
        pytest.fail(f"{reason}; {STRICT}=1 forbids skipping it")
    pytest.skip(reason)


def require_module(name: str, *, why: str) -> None:
    """Skip unless the Python module NAME imports (fail under MENTORLOG_TEST_STRICT=1), e.g. an optional extra's."""
    import importlib.util

    if importlib.util.find_spec(name) is None:
        _skip(f"the Python module {name} is not installed ({why})")


def require_program(*names: str, why: str) -> str:
    """The path of the first program in NAMES; else skip with a one-line reason (fail under MENTORLOG_TEST_STRICT=1)."""
    import shutil

    for name in names:
        found = shutil.which(name)
        if found:
            return found
    _skip(f"{names[0]} is not installed ({why})")
    raise AssertionError("unreachable")
