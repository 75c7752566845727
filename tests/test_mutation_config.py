"""mutmut's configuration (docs/mutation.md) keeps up with the tree: every module of core/ is mutated, and every
domain test file is in the test selection (pytest does not expand globs there, so a new one is easily forgotten;
core/snippet.py and core/hits.py were, and their mutants went unmeasured)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]


def test_every_core_module_is_mutated() -> None:
    core = {f"mentorlog/core/{path.name}" for path in (ROOT / "mentorlog" / "core").glob("*.py")}
    assert sorted(core - {"mentorlog/core/__init__.py"} - set(CONFIG["only_mutate"])) == []


def test_every_domain_test_file_is_selected_and_every_selected_file_exists() -> None:
    selected = CONFIG["pytest_add_cli_args_test_selection"]
    domain = {f"tests/{path.name}" for path in (ROOT / "tests").glob("test_domain_*.py")}
    assert sorted(domain - set(selected)) == []
    assert [path for path in selected if not (ROOT / path).is_file()] == []
    assert [path for path in CONFIG["only_mutate"] if not (ROOT / path).is_file()] == []
