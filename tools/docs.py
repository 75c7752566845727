"""Write docs/cli.md (from the real command tree's --help), docs/schema.md (from the migrated schema),
docs/dump.schema.json (from the import's rules) and the README's architecture tree (from the docstrings).

python tools/docs.py          # rewrite them
python tools/docs.py --check  # exit 1 when one is stale (tests/test_docs.py does the same)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent / "docs"
sys.path.insert(0, str(HERE.parent))

INTRO = """\
# The journal's schema

Generated from the migrated schema by `python tools/docs.py`; a test fails when this file is stale.

mentorlog keeps everything in one SQLite file (see the README for where). The file is plain SQLite:
open it with `sqlite3`, `sqlite-utils` or Datasette. Foreign keys are enforced by mentorlog (it turns
`PRAGMA foreign_keys` on for every connection); the journal runs in WAL mode (from the end of its first
command: a new file's first transaction uses the rollback journal, so that a restore writes each page once).

The schema is built by migrations in `mentorlog/store/migrations.py`, recorded by name in the
table `_sqlite_migrations` (the sqlite-utils `Migrations` helper, set `mentorlog`). A file that records
a migration this version does not know was written by a newer mentorlog and is refused (exit 1).
Before a migration changes an existing file, a copy `NAME.before-upgrade-STAMP.bak` is made beside it.

Conventions: every record table has `id` (integer, shown to users), `uuid` (stable across machines),
`created_at` and `updated_at` (ISO 8601 timestamps in UTC with offset, `2026-11-26T19:40:39.123456+00:00`).
Dates are `YYYY-MM-DD` text in the user's local calendar, absent values are NULL, and free text is never
NULL (empty string). Tags are stored lower-case.
"""

TABLES = {
    "people": "The other side of a relationship.",
    "sessions": "One meeting. Deleting a session deletes its action items and re-opens the topics it marked discussed.",
    "goals": "Something to reach; a goal with a parent is a milestone.",
    "progress_updates": "A dated change of a goal's progress; timelines are drawn from these.",
    "actions": "Something someone committed to.",
    "reflections": "A dated free text, optionally about a goal or a person.",
    "topics": "Something to raise at the next meeting with a person.",
    "session_goals": "The goals a session worked on.",
    "session_tags": "Tags of sessions (`#word` in the text or `--tag`).",
    "goal_tags": "Tags of goals.",
    "reflection_tags": "Tags of reflections.",
    "skills": "An ability someone is developing (`growth`) or relies on (`strength`): mine, or a person's.",
    "skill_goals": "The goals a skill serves.",
    "skill_ratings": "A dated level 1–5 of a skill, by me (a self-assessment) or by a person (their view); the raw "
    "material of skill trends. Deleting a skill or the session a rating was given in deletes the rating.",
    "_sqlite_migrations": "The migrations applied to this file (sqlite-utils `Migrations`).",
    "search_index": "FTS5 full-text index over every kind of text, kept in sync by triggers; "
    "rowid = month × 2^43 + id × 8 + kind (newest first; goals, skills and people above every month).",
    "changes": "One row per command that changed something, for `undo`.",
    "change_rows": "The row changes of each command (the old values as JSON), logged by triggers, for `undo`.",
    "change_state": "The command being logged right now (one row).",
    "sync_conflicts": "Values `sync` set aside when two machines changed one field without seeing each other's "
    "change (this machine's own list: not dumped, not synced, not undone); `sync --conflicts` lists those whose "
    "kept value is still the field's value.",
}
MEANINGS = {
    ("people", "name"): "as typed, e.g. `Dr. Weber`; unique under Unicode case folding",
    ("people", "role"): "their role relative to the user: `mentor` / `mentee`",
    ("people", "cadence_days"): "expected days between meetings (`--cadence 2w` = 14)",
    ("people", "note"): "anything worth remembering",
    ("people", "started"): "the relationship's start as given (`--since`); NULL: the first session, else the day added",
    ("people", "ends"): "the planned end of the relationship",
    ("people", "agreement"): "what both sides committed to",
    ("people", "status"): "`active` / `closed`",
    ("people", "closed_at"): "the day `person close` ended the relationship",
    ("people", "name_key"): "the name as compared (NFKC, then case folding): `Özlem` and `özlem` are one",
    ("sessions", "date"): "when it took place",
    ("sessions", "time"): "`HH:MM` when a time was given",
    ("sessions", "person_id"): "who it was with",
    ("sessions", "notes"): "Markdown, without the checkbox lines that became action items",
    ("sessions", "confidence"): "1–5: how confident the user felt",
    ("sessions", "next_date"): "the agreed next meeting",
    ("sessions", "private"): "1: left out of exports unless asked",
    ("goals", "horizon"): "`short` / `long`",
    ("goals", "status"): "`active` `achieved` `paused` `dropped`",
    ("goals", "progress"): "0–100, the latest recorded progress",
    ("goals", "target"): "a month given as target means its last day",
    ("goals", "parent_id"): "a goal with a parent is a milestone",
    ("goals", "person_id"): "whom the goal is with",
    ("goals", "achieved_at"): "the date `goal done` was run",
    ("progress_updates", "progress_before"): "progress before this update",
    ("actions", "owner_id"): "NULL means the user (`me`)",
    ("actions", "status"): "`open` `done` `dropped`",
    ("actions", "person_id"): "the relationship it belongs to",
    ("actions", "session_id"): "the session it came from",
    ("actions", "goal_id"): "the goal it serves",
    ("actions", "done_at"): "when it was marked done",
    ("topics", "status"): "`open` / `discussed` / `dropped` (m040)",
    ("topics", "session_id"): "the session that discussed it",
    ("topics", "discussed_at"): "when it was marked discussed (by a note or `topic done`)",
    ("skills", "name"): "as typed, e.g. `giving feedback`; one per owner under Unicode case folding",
    ("skills", "kind"): "`strength` / `growth` (an area to develop)",
    ("skills", "person_id"): "whose skill it is: NULL is mine, else a person's (a mentee's, tracked by me)",
    ("skill_ratings", "date"): "when it was rated",
    ("skill_ratings", "level"): "1 (just starting) to 5 (could teach it)",
    ("skill_ratings", "rater_id"): "whose view: NULL is mine (a self-assessment), else that person's",
    ("skill_ratings", "session_id"): "the session it was given in (`note --rate`)",
    ("sync_records", "record"): "the merged content (JSON, as in the dump), kept after a deletion too",
    ("sync_records", "stamps"): "per field: [its clock, the clock of the value its change replaced]",
    ("sync_records", "with_parent"): "a deletion: the uuid of the record it was deleted with (it comes back with it)",
    ("sync_conflicts", "field"): "the field as in the dump (`text`, `due`, `owner_uuid`, ...)",
    ("sync_conflicts", "kept"): "the value kept (JSON), newer by the clock `kept_hlc`",
    ("sync_conflicts", "set_aside"): "the value set aside (JSON), from the change with the clock `set_aside_hlc`",
}


def schema_reference() -> str:
    from mentorlog.store.schema import describe

    out = [INTRO]
    for table in describe():
        out += [f"## {table.name}", "", TABLES.get(table.name, "").strip(), ""]
        out += [
            "| column | type | required | default | references | meaning |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for c in table.columns:
            meaning = MEANINGS.get((table.name, c.name), "")
            cells = [
                c.name,
                c.type.lower() or "any",
                "yes" if c.required else "",
                c.default or "",
                c.references or "",
                meaning,
            ]
            out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        out.append("")
        if table.indexes:
            out += ["Indexes: " + ", ".join(f"`{index}`" for index in table.indexes) + ".", ""]
        if table.triggers:
            out += [f"Triggers: {len(table.triggers)} (" + ", ".join(f"`{t}`" for t in table.triggers) + ").", ""]
    return "\n".join(out).rstrip() + "\n"


def _walk(command: Any, path: list[str]) -> list[list[str]]:
    """Every command path below COMMAND, by name, through click's own Group API (the root loads its lazily)."""
    import typer

    found = []
    if hasattr(command, "list_commands"):
        ctx = typer.Context(command, info_name="mentorlog")
        for name in sorted(command.list_commands(ctx)):
            found.append([*path, name])
            found.extend(_walk(command.get_command(ctx, name), [*path, name]))
    return found


def cli_reference() -> str:
    import typer
    from typer.testing import CliRunner

    from mentorlog.cli import app

    runner = CliRunner()
    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    out = [
        "# Command-line reference",
        "",
        "Generated from the command tree's `--help` by `python tools/docs.py`; a test fails when it is stale.",
        "",
    ]
    for path in [[], *_walk(typer.main.get_command(app), [])]:
        result = runner.invoke(app, [*path, "--help"], env=env, prog_name="mentorlog")
        heading = " ".join(["mentorlog", *path])
        out += [f"## `{heading}`", "", "```text", result.stdout.rstrip(), "```", ""]
    return "\n".join(out).rstrip() + "\n"


def dump_schema() -> str:
    import json

    from mentorlog.store.dump.schema import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


README = HERE.parent / "README.md"
TREE_START, TREE_END = "<!-- architecture: generated by tools/docs.py -->\n", "<!-- architecture: end -->\n"


def _first_sentence(path: Path) -> str:
    import ast

    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    text = " ".join(doc.split("\n\n")[0].split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def architecture_tree() -> str:
    """The package tree with each package's and module's first docstring sentence, for the README."""
    import textwrap

    package = HERE.parent / "mentorlog"
    lines = ["```text"]

    def walk(folder: Path, depth: int) -> None:
        entries = sorted(
            p
            for p in folder.iterdir()
            if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and p.name != "__init__.py")
        )
        for entry in sorted(entries, key=lambda p: (p.is_dir(), p.name)):
            name = entry.name + ("/" if entry.is_dir() else "")
            source = entry / "__init__.py" if entry.is_dir() else entry
            prefix = "  " * depth + name
            width = 26
            head = prefix.ljust(width) + " " if len(prefix) < width else prefix + "  "
            body = textwrap.wrap(_first_sentence(source), 116 - len(head)) or [""]
            lines.append(head + body[0])
            lines.extend(" " * len(head) + rest for rest in body[1:])
            if entry.is_dir():
                walk(entry, depth + 1)

    lines.append("mentorlog/".ljust(27) + _first_sentence(package / "__init__.py"))
    walk(package, 1)
    lines.append("```")
    return "\n".join(lines) + "\n"


def readme_with_tree() -> str:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(TREE_START) + len(TREE_START), text.index(TREE_END)
    return text[:start] + architecture_tree() + text[end:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check that the files are current")
    args = parser.parse_args()
    os.environ.setdefault("COLUMNS", "100")
    stale: list[str] = []
    for name, text in (
        ("cli.md", cli_reference()),
        ("schema.md", schema_reference()),
        ("dump.schema.json", dump_schema()),
    ):
        path = HERE / name
        write(path, text, args.check, stale)
    write(README, readme_with_tree(), args.check, stale)
    if stale:
        print(f"stale: {', '.join(stale)}; run python tools/docs.py", file=sys.stderr)
        return 1
    return 0


def write(path: Path, text: str, check: bool, stale: list[str]) -> None:
    """Write TEXT to PATH, or with CHECK only note PATH's name in STALE when it differs."""
    if not check:
        path.write_text(text, encoding="utf-8")
    elif not path.exists() or path.read_text(encoding="utf-8") != text:
        stale.append(path.name)


if __name__ == "__main__":
    raise SystemExit(main())
