"""The generated docs are current: docs/cli.md matches the command tree's --help, docs/schema.md the schema."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generate", ROOT / "tools" / "docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == generator().cli_reference(), (
        "docs/cli.md is stale: run python tools/docs.py"
    )


def test_schema_reference_is_current() -> None:
    assert (DOCS / "schema.md").read_text(encoding="utf-8") == generator().schema_reference(), (
        "docs/schema.md is stale: run python tools/docs.py"
    )


def test_the_readme_architecture_tree_is_the_packages_own() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == generator().readme_with_tree(), "README.md's architecture tree is stale: run python tools/docs.py"


def test_the_dump_schema_is_current() -> None:
    assert (DOCS / "dump.schema.json").read_text(encoding="utf-8") == generator().dump_schema()


def test_the_schema_reference_covers_every_table_and_says_what_record_columns_mean() -> None:
    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    for table in ("people", "sessions", "goals", "progress_updates", "actions", "reflections", "topics",
                  "session_goals", "search_index", "changes"):  # fmt: skip
        assert f"## {table}\n" in text
    assert "| cadence_days | integer |" in text and "expected days between meetings" in text
