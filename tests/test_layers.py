"""The layers point one way (cli -> render/export/templates/demo -> store -> core -> base): import-linter's
contracts in pyproject.toml on the source, and what each command really loads at run time."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .processes import tree_env

PACKAGE = Path(__file__).resolve().parent.parent / "mentorlog"
PYPROJECT = PACKAGE.parent / "pyproject.toml"


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def modules() -> list[tuple[str, set[str]]]:
    return [
        (str(path.relative_to(PACKAGE.parent).with_suffix("")).replace("/", "."), imports(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter over the package in ROOT, with the contracts of ROOT/pyproject.toml."""
    command = Path(sys.executable).with_name("lint-imports")
    env = {**tree_env(), "PYTHONPATH": str(root)}
    return subprocess.run([str(command), "--no-cache"], cwd=root, env=env, capture_output=True, text=True, check=False)


def test_the_layer_contracts_hold() -> None:
    done = lint_imports(PACKAGE.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("core/dates.py", "from mentorlog.store import db", "Layers point down"),
    ("base/safe.py", "import mentorlog.core.records", "Layers point down"),
    ("store/search.py", "from mentorlog.render import lists", "Layers point down"),
    ("core/reports.py", "import rich.text", "Only render/ imports rich"),
    ("export/ics.py", "import sqlite3", "Only store/ touches SQL"),
    ("store/db.py", "import typer", "Only cli/ imports typer and click"),
    ("cli/actions.py", "import keyring", "Only store/crypto/ loads SQLCipher and the keyring"),
])  # fmt: skip
def test_the_contracts_catch_an_import_that_breaks_them(tmp_path: Path, module: str, line: str, contract: str) -> None:
    shutil.copytree(PACKAGE, tmp_path / "mentorlog", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PYPROJECT, tmp_path / "pyproject.toml")
    target = tmp_path / "mentorlog" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n\ndef _breaks_a_rule() -> None:\n    {line}\n")
    done = lint_imports(tmp_path)
    assert done.returncode == 1
    broken = [row for row in done.stdout.splitlines() if row.endswith(" BROKEN")]
    assert len(broken) == 1 and broken[0].startswith(contract), done.stdout


def test_importing_render_loads_no_store_module() -> None:
    code = (
        "import sys, mentorlog.render.lists; print(sorted(m for m in sys.modules if m.startswith('mentorlog.store')))"
    )
    done = subprocess.run([sys.executable, "-c", code], env=tree_env(), capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# What a command loads is part of its start-up time (docs/benchmarks.md): the journal attaches its larger
# repositories on first use (store/journal.py), and each command imports only what it calls. Run as real
# processes, each command's modules at exit must leave out what it never needs.
NEVER = (
    "mentorlog.store.sync.run",
    "mentorlog.store.sync.apply",
    "mentorlog.store.sync.files",
    "mentorlog.store.dump.write",
    "mentorlog.store.crypto.cipher",
    "mentorlog.store.dump.load",
    "mentorlog.store.dump.schema",
    "sqlite_utils",
    "dateutil",
    "mentorlog.core.patches",
    "snowballstemmer.french_stemmer",
    "tomllib",
    "platformdirs",
)
VIEWS = (
    "mentorlog.store.views.shared_agenda",
    "mentorlog.store.views.agenda",
    "mentorlog.store.views.health",
    "mentorlog.core.health",
    "mentorlog.store.views.today",
    "mentorlog.store.views.review",
    "mentorlog.store.views.relationships",
)
PERIOD = (
    "mentorlog.store.views.period",
    "mentorlog.store.views.timeline",
    "mentorlog.store.records.skills",
    "mentorlog.core.trends",
    "mentorlog.core.dates",
    "mentorlog.core.textparse",
    "json",
)
WRITE = ("rich", "mentorlog.render", "json")
MEETINGS = ("mentorlog.core.meetings",)  # the next meeting: people shows it; the agenda and today need it
# the record kinds, settings, table columns, search hits, meetings, health figures, parsed notes and undo's report
# are plain value classes, and so are the reports: the listings, `search`, the views and the md review start without
# msgspec (4-5 ms)
STRUCTS = ("msgspec", "typing_extensions")


@pytest.fixture(scope="module")
def journal_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("imports") / "journal.db"
    setup = [("person", "add", "Ana", "--role", "mentee"), ("note", "--with", "Ana", "The plan #work"),
             ("action", "add", "Draft the plan", "--with", "Ana")]  # fmt: skip
    for words in setup:
        subprocess.run([sys.executable, "-m", "mentorlog", *words], env=tree_env(db), capture_output=True, check=True)
    return db


@pytest.mark.parametrize(("args", "absent"), [
    (("actions",), NEVER + VIEWS + PERIOD + ("mentorlog.core.reports",) + MEETINGS + STRUCTS),
    (("actions", "--overdue"), NEVER + VIEWS + PERIOD + ("mentorlog.core.reports",) + MEETINGS + STRUCTS),
    (("sessions",), NEVER + VIEWS + PERIOD + ("mentorlog.core.reports",) + MEETINGS + STRUCTS),
    (("goals",), NEVER + VIEWS + PERIOD + ("mentorlog.core.reports",) + MEETINGS + STRUCTS),
    (("people",), NEVER + VIEWS + PERIOD + ("mentorlog.core.reports",) + STRUCTS),
    (("show", "session", "1"), NEVER + VIEWS + PERIOD + ("mentorlog.core.reports",) + MEETINGS + STRUCTS),
    (("search", "plan"), NEVER + VIEWS + PERIOD + ("mentorlog.core.reports",) + MEETINGS + STRUCTS),
    (("skills",), NEVER + VIEWS + ("mentorlog.core.reports", "mentorlog.store.views.period") + MEETINGS + STRUCTS),
    (("summary",), NEVER + VIEWS + MEETINGS + STRUCTS),
    (("timeline",), NEVER + VIEWS + MEETINGS + STRUCTS),
    (("export", "--format", "md"), NEVER + STRUCTS),  # the reports are plain value classes too
    (("today",), (*NEVER, "mentorlog.core.trends", "mentorlog.core.reports", *STRUCTS)),  # spans.py: today, health
    (("health",), (*NEVER, "mentorlog.core.trends", "mentorlog.core.reports", *STRUCTS)),
    (("action", "done", "1"), NEVER + VIEWS + PERIOD + WRITE + MEETINGS),
    (("action", "add", "Send it", "--with", "Ana"), NEVER + VIEWS + WRITE + MEETINGS),
    (("note", "--with", "Ana", "Talked about the plan"), NEVER + VIEWS + WRITE + MEETINGS),
])  # fmt: skip
def test_a_command_imports_only_what_it_calls(
    journal_file: Path, args: tuple[str, ...], absent: tuple[str, ...]
) -> None:
    db = journal_file
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.stderr))\n"
        f"sys.argv = ['mentorlog', *{list(args)!r}]\n"
        "from mentorlog.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=tree_env(db), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    loaded = set(done.stderr.split())
    assert "mentorlog.store.journal" in loaded
    assert sorted(m for m in loaded if m.startswith(absent)) == []
