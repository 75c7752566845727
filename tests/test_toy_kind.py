"""A new kind of record takes the steps docs/adding-a-kind.md names, and no more: a toy kind is added to a copy
of the package by applying that page's code blocks, and then works end to end as a real command line."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "adding-a-kind.md"
# a fenced block whose info string names a product file and how the block goes into it
BLOCK = re.compile(
    r"^```python (?P<path>mentorlog/\S+) (?P<how>new|append|before:[^\n]+)\n(?P<code>.*?)^```$", re.M | re.S
)


def documented_steps() -> list[tuple[str, str, str]]:
    return [(m["path"], m["how"], m["code"]) for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))]


def apply_steps(tree: Path) -> set[str]:
    """Apply every documented step to the package under TREE; the product files they touched."""
    touched: set[str] = set()
    for path, how, code in documented_steps():
        target = tree / path
        if how == "new":
            assert not target.exists(), f"{path} exists already"
            target.write_text(code, encoding="utf-8")
        elif how == "append":
            target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + "\n\n\n" + code, encoding="utf-8")
        else:
            marker = how.removeprefix("before:")
            text = target.read_text(encoding="utf-8")
            assert text.count(marker) == 1, f"{marker!r} is not one line of {path}"
            target.write_text(text.replace(marker, code + marker), encoding="utf-8")
        touched.add(path)
    return touched


def test_the_page_names_six_product_files_at_most() -> None:
    steps = documented_steps()
    assert len({path for path, _how, _code in steps}) <= 6
    assert list(dict.fromkeys(path for path, _how, _code in steps)) == [
        "mentorlog/core/records.py",
        "mentorlog/store/tables.py",
        "mentorlog/store/migrations.py",
        "mentorlog/store/records/toys.py",
        "mentorlog/cli/toys.py",
        "mentorlog/render/records.py",
    ]


@pytest.mark.slow
def test_a_toy_kind_added_by_the_documented_steps_works_end_to_end(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "mentorlog", tree / "mentorlog", ignore=shutil.ignore_patterns("__pycache__"))
    touched = apply_steps(tree)
    assert len(touched) <= 6, sorted(touched)

    env = {key: value for key, value in os.environ.items() if not key.startswith("MENTORLOG_")}
    env.update(
        PYTHONPATH=str(tree),
        MENTORLOG_DB=str(tmp_path / "journal.db"),
        MENTORLOG_CONFIG=str(tmp_path / "config.toml"),
        MENTORLOG_TODAY="2026-03-10",
        NO_COLOR="1",
        COLUMNS="100",
        PYTHONDONTWRITEBYTECODE="1",
    )

    def run(*args: str, db: Path | None = None, ok: bool = True) -> subprocess.CompletedProcess[str]:
        here = dict(env, MENTORLOG_DB=str(db)) if db else env
        done = subprocess.run(
            [sys.executable, "-m", "mentorlog", *args], env=here, cwd=tmp_path, capture_output=True, text=True
        )
        assert (done.returncode == 0) == ok, (args, done.stdout, done.stderr)
        return done

    where = subprocess.run(  # the copy is the one that runs (not this tree, from the working directory)
        [sys.executable, "-c", "import mentorlog; print(mentorlog.__file__)"], env=env, cwd=tmp_path,
        capture_output=True, text=True,
    )  # fmt: skip
    assert where.stdout.strip() == str(tree / "mentorlog" / "__init__.py")

    run("person", "add", "Ana", "--role", "mentee")
    assert run("toy", "add", "A wooden train", "--with", "Ana").stdout == "Added toy 1.\n"
    shown = json.loads(run("show", "toy", "1", "--json").stdout)
    assert (shown["text"], shown["with"]) == ("A wooden train", "Ana")
    assert "A wooden train" in run("show", "toy", "1").stdout
    assert "toy" in run("show", "nothing", "1", ok=False).stderr  # the KIND words come from the registry

    run("delete", "toy", "1", "--yes")
    assert "no toy with id 1" in run("show", "toy", "1", ok=False).stderr
    undone = run("undo", "--yes").stdout
    assert "restored toy 1" in undone
    assert json.loads(run("show", "toy", "1", "--json").stdout)["text"] == "A wooden train"

    dump_file = tmp_path / "dump.json"
    run("export", "--format", "json", "--all", "-o", str(dump_file))
    dump = json.loads(dump_file.read_text(encoding="utf-8"))
    [toy] = dump["toys"]
    person_uuid = dump["people"][0]["uuid"]
    assert (toy["text"], toy["person_uuid"]) == ("A wooden train", person_uuid)
    assert "person_id" not in toy

    restored = tmp_path / "restored.db"
    run("import", str(dump_file), db=restored)
    again = json.loads(run("show", "toy", "1", "--json", db=restored).stdout)
    assert (again["uuid"], again["text"], again["with"]) == (toy["uuid"], "A wooden train", "Ana")
    assert json.loads(run("toys", "--json", db=restored).stdout)[0]["uuid"] == toy["uuid"]
