"""`export`, `import`, `backup` and `demo`: getting data out, back in, and kept safe."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from mentorlog.base.config import cache_folder
from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.base.i18n import N_, _, ngettext, os_reason
from mentorlog.base.safe import inert
from mentorlog.cli import common, completion, whom
from mentorlog.cli.root import command_app
from mentorlog.core import humane
from mentorlog.export import registry as formats

if TYPE_CHECKING:
    from mentorlog.store.foreign.plan import Plan
    from mentorlog.store.journal import Journal


def write_output(data: str | bytes | Iterable[str], output: Path | None) -> None:
    """To stdout, or atomically to a private file (exports hold personal notes); DATA may come in pieces."""
    pieces: Iterable[str | bytes] = [data] if isinstance(data, (str, bytes)) else data
    if output is None:
        stream = typer.get_binary_stream("stdout")
        for piece in pieces:
            stream.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
        stream.flush()
        return
    from mentorlog.store.files import write_atomic

    write_atomic(output, pieces, journal=common.state().db_path)


export_app = command_app()


@export_app.command()
def export(
    format_: str = typer.Option(
        "md",
        "--format",
        "-f",
        autocompletion=completion.choices((*formats.WORDS, "vault")),
        help="md, html, json, csv, ics, or vault (a folder of Markdown notes for Obsidian; -o DIR).",
    ),
    since: str | None = typer.Option(None, "--since", help="Start (default: the whole journal); 6m, 1y, a date."),
    until: str | None = typer.Option(None, "--until", help="End (default today)."),
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="Only this relationship."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to FILE (0600) instead of stdout."),
    include_private: bool = typer.Option(False, "--include-private", help="Include sessions noted with --private."),
    all_: bool = typer.Option(False, "--all", help="json only: a complete, lossless dump for backup and import."),
    what: str = typer.Option(
        "sessions",
        "--what",
        autocompletion=completion.choices(("sessions", "actions", "goals", "reflections", "skills")),
        help="csv only: sessions, actions, goals, reflections or skills (a rating a row).",
    ),
) -> None:
    """Export a review (Markdown, HTML), data for scripts (JSON, CSV) or a calendar (ICS).

    Private sessions are left out unless --include-private. `--format json --all` dumps every
    table losslessly for `mentorlog import`.
    """
    if format_ == "vault":
        if all_ or since or until or with_:
            raise UsageError(
                _("--format vault writes the whole journal; it takes no --all, --since, --until or --with")
            )
        _export_vault(output, include_private=include_private)
        return
    chosen = formats.find(format_)
    if chosen is None:
        raise UsageError(
            _("--format must be one of {FORMATS}, not {format!r}").format(
                FORMATS=", ".join((*formats.WORDS, "vault")), format=format_
            )
        )
    if all_ and not chosen.whole_journal:
        raise UsageError(_("--all goes with --format json"))
    if all_ and (since or until or with_):
        raise UsageError(_("--all dumps the whole journal; it takes no --since, --until or --with"))
    request = formats.Request(
        stamp=common.clock().stamp(), what=what, cache_folder=cache_folder(), write_cache_file=_write_cache_file
    )
    chosen.check(request)
    if output is not None:
        from mentorlog.store.files import refuse_journal_files

        refuse_journal_files(output, common.state().db_path)
    start = common.since(since)
    end = common.day(until, direction="backward", period_end=True) or common.today()
    if start and start > end:
        raise UsageError(
            _("--since {start} is after --until {end}").format(start=humane.day(start), end=humane.day(end))
        )
    with common.journal(write=False) as journal:
        if all_:
            # Rich, for the dump's progress bar only (a review prints no Rich)
            from mentorlog.render import progress as render_progress

            total = journal.dump.record_count()
            left_out = 0 if include_private else journal.dump.private_session_count()
            _say_plain_export()
            with render_progress.progress_bar(total, _("Exporting")) as advance:
                dump = journal.dump.dump_json(
                    exported_at=request.stamp, progress=advance, include_private=include_private
                )
                write_output(dump, output)
            if left_out:
                _tell_left_out(left_out)
            if output is not None:
                typer.echo(_("Wrote the dump of the whole journal to {output}.").format(output=output), err=True)
            return
        from mentorlog.core.reports import OPEN_LISTED

        person_id = whom.filter_person_id(journal, with_)
        review = journal.review.review(
            start or journal.period.first_day(),
            end,
            person_id=person_id,
            include_private=include_private,
            open_listed=None if chosen.every_open_action else OPEN_LISTED,
            every_action=chosen.every_action,
        )
    _say_plain_export()
    write_output(chosen.write(review, request), output)
    if output is not None:
        typer.echo(
            _("Wrote {fmt} export of {since} to {until} to {output}.").format(
                fmt=chosen.word, since=humane.day(review.since), until=humane.day(review.until), output=output
            ),
            err=True,
        )


def _export_vault(output: Path | None, *, include_private: bool) -> None:
    """`export --format vault -o DIR`: one Markdown note per person, goal, session and reflection."""
    import json

    from mentorlog.export import vault
    from mentorlog.store.files import refuse_journal_files, write_files

    if output is None:
        raise UsageError(_("--format vault writes a folder"), _("Give it with -o DIR."))
    refuse_journal_files(output, common.state().db_path)
    if output.exists() and not output.is_dir():
        raise UsageError(_("{output} is a file; --format vault writes a folder").format(output=output))
    manifest_path = output / vault.MANIFEST
    before: dict[str, Any] = {}
    if output.is_dir() and any(output.iterdir()):
        try:
            before = json.loads(manifest_path.read_text(encoding="utf-8"))
            if not isinstance(before, dict) or before.get("format") != vault.FORMAT:
                raise ValueError
        except (OSError, ValueError):
            raise MentorlogError(
                _("{output} is not empty and is not a vault mentorlog wrote").format(output=output),
                _("Give a new or empty folder, or the folder of an earlier vault of this journal."),
            ) from None
    known = {path for path in before.get("files", []) if isinstance(path, str)}
    others = [
        path.stem for path in output.rglob("*.md") if path.relative_to(output).as_posix() not in known
    ] if output.is_dir() else []  # fmt: skip
    paths: list[str] = []
    uuids: list[str] = []

    def sampled(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for number, record in enumerate(records):
            if number < 20:  # a few uuids of each table: a later export knows the vault is this journal's
                uuids.append(record["uuid"])
            yield record

    def files(journal: Journal) -> Iterator[tuple[str, str]]:  # a note at a time, written as it is made
        tables = journal.dump.dump_tables(include_private=include_private)
        for path, text in vault.vault_files(((table, sampled(records)) for table, records in tables), taken=others):
            paths.append(path)
            yield path, text

    with common.journal(write=False) as journal:
        left_out = 0 if include_private else journal.dump.private_session_count()
        earlier = [uuid for uuid in before.get("uuids", []) if isinstance(uuid, str)]
        if earlier and not journal.dump.knows_any(earlier):
            raise MentorlogError(
                _("{output} is a vault of another journal").format(output=output),
                _("Give a new or empty folder; nothing was written."),
            )
        _say_plain_export()
        written, unchanged = write_files(output, files(journal), journal=common.state().db_path)
    from mentorlog.store.files import write_atomic

    manifest = json.dumps({"format": vault.FORMAT, "version": 1, "files": paths, "uuids": uuids}, indent=1)
    write_atomic(manifest_path, [manifest + "\n"], journal=common.state().db_path)
    stale = sorted(known - set(paths))
    for path in stale:  # the earlier vault's notes of records that are gone (or renamed): only files it wrote
        target = output / path
        if ".." not in Path(path).parts and target.is_file() and not target.is_symlink():
            target.unlink()
    if left_out:
        _tell_left_out(left_out)
    common.say(
        _(
            "Wrote a vault of {files} notes to {output} ({written} written, {unchanged} unchanged, {removed} removed)."
        ).format(
            files=len(paths),
            output=output,
            written=written,
            unchanged=unchanged,
            removed=len(stale),
        )
    )


PLAIN_EXPORT = N_("Note: the journal is encrypted, but exports are plain text by design; keep this one safe.")


def _say_plain_export() -> None:
    if common.journal_key() is not None:
        typer.echo(_(PLAIN_EXPORT), err=True)


def _write_cache_file(path: Path, data: bytes) -> None:
    """A file of the user cache folder, written as every file mentorlog writes (private, whole or not at all,
    never onto the journal's own files)."""
    from mentorlog.store.files import write_atomic

    write_atomic(path, [data], journal=common.state().db_path)


import_app = command_app()


SOURCES = ("dump", "jrnl", "taskwarrior", "markdown")


@import_app.command("import")
def import_(
    file: Path = typer.Argument(
        ..., metavar="FILE", help="A dump from `mentorlog export --format json --all`, or what --from names."
    ),
    from_: str = typer.Option(
        "dump",
        "--from",
        autocompletion=completion.choices(SOURCES),
        help="dump (default), jrnl (jrnl --export json), taskwarrior (task export) or markdown (a folder of notes).",
    ),
    as_: str = typer.Option(
        "sessions",
        "--as",
        autocompletion=completion.choices(("sessions", "reflections")),
        help="jrnl only: the entries become sessions (default) or reflections.",
    ),
    with_: str | None = typer.Option(
        None,
        "--with",
        "-w",
        autocompletion=completion.person_names,
        help="jrnl, taskwarrior: whose relationship the records belong to; markdown: notes that name nobody.",
    ),
    owner: str = typer.Option(
        "me", "--owner", help="taskwarrior only: whose action items: me (default), them or NAME."
    ),
    create: bool = typer.Option(False, "--create", help="Add people the source names who are not in the journal."),
    json_: bool = typer.Option(False, "--json", help="Print what was added and updated as JSON."),
) -> None:
    """Import a JSON dump, or what jrnl, Taskwarrior or a folder of Markdown notes hold (--from).

    A dump is merged by uuid, newer changes win; into an empty journal the ids are restored too, so a restore
    is exact. From another tool, each entry, task or note is remembered by where it came from: importing
    twice changes nothing, and one `undo` takes the whole import back.
    """
    if from_ not in SOURCES:
        raise UsageError(
            _("--from must be one of {SOURCES}, not {source!r}").format(SOURCES=", ".join(SOURCES), source=from_)
        )
    if as_ not in ("sessions", "reflections"):
        raise UsageError(_("--as must be sessions or reflections, not {value!r}").format(value=as_))
    if as_ != "sessions" and from_ != "jrnl":
        raise UsageError(_("--as goes with --from jrnl"))
    if owner != "me" and from_ != "taskwarrior":
        raise UsageError(_("--owner goes with --from taskwarrior"))
    if from_ != "dump":
        _import_foreign(file, from_, as_=as_, with_=with_, owner=owner, create=create, json_=json_)
        return
    if with_ is not None or create:
        raise UsageError(_("--with and --create go with --from jrnl, taskwarrior or markdown"))
    from mentorlog.render import progress as render_progress
    from mentorlog.store.dump.read import DumpReader, bytes_read

    try:
        stream = file.open(encoding="utf-8-sig", newline="")  # read a chunk at a time, never whole
    except FileNotFoundError:
        raise MentorlogError(_("no file {file}").format(file=file)) from None
    except OSError as exc:
        raise MentorlogError(_("cannot read {file}: {strerror}").format(file=file, strerror=os_reason(exc))) from None
    with stream:
        size = os.fstat(stream.fileno()).st_size
        try:
            with common.journal(write=True) as journal, render_progress.progress_bar(size, _("Importing")) as advance:
                reader = DumpReader(stream, str(file), on_read=bytes_read(stream, advance))
                report = journal.imports.load_stream(reader.tables(), source=str(file))
        except UnicodeDecodeError:
            raise UsageError(_("{file} is not UTF-8 text").format(file=file)) from None
    if json_:
        common.print_json(
            {"added": report.added, "updated": report.updated, "restored_ids": report.restored_ids,
             "cut_links": report.cut_links}
        )  # fmt: skip
        return
    for cut in report.cut_links:
        typer.echo(_("Note: {cut}: the merged parent links would have formed a loop.").format(cut=inert(cut)), err=True)
    if not report.changed:
        common.say(_("Nothing to import: the journal already has everything in {file}.").format(file=file))
        return
    parts = [_("Imported {file}:").format(file=file), *_added_updated(report.added, report.updated)]
    common.say(" ".join(parts) + ("." if not report.restored_ids else " " + _("(ids restored).")))


def _added_updated(added: dict[str, int], updated: dict[str, int]) -> list[str]:
    """`added 3 sessions, 1 person; updated 2 action items` as one phrase, as far as there are any."""
    from mentorlog.store.undo import counted

    adds = ", ".join(counted(TABLES.get(table, table), count) for table, count in added.items() if count)
    updates = ", ".join(counted(TABLES.get(table, table), count) for table, count in updated.items() if count)
    done = []
    if adds:
        done.append(_("added {records}").format(records=adds))
    if updates:
        done.append(_("updated {records}").format(records=updates))
    return ["; ".join(done)] if done else []


def _import_foreign(
    file: Path, source: str, *, as_: str, with_: str | None, owner: str, create: bool, json_: bool
) -> None:
    """`import --from jrnl/taskwarrior/markdown`: one transaction, one undo, a summary of what was skipped."""
    from mentorlog.render import progress as render_progress
    from mentorlog.store.foreign import plan as foreign

    if source == "markdown" and not file.is_dir():
        raise UsageError(
            _("--from markdown reads a folder of notes; {file} is not a folder").format(file=file),
            _("Give the folder (an Obsidian vault, or one written by `export --format vault`)."),
        )
    with common.journal(write=True) as journal:
        plan = foreign.Plan(journal, str(file))
        person_uuid = _person_uuid(journal, plan, with_, create=create)
        if source == "jrnl":
            from mentorlog.store.foreign import jrnl

            total = jrnl.read(plan, file, as_reflections=as_ == "reflections", person_uuid=person_uuid)
        elif source == "taskwarrior":
            from mentorlog.store.foreign import taskwarrior

            owner_uuid = _owner_uuid(journal, plan, owner, person_uuid, create=create)
            total = taskwarrior.read(plan, file, person_uuid=person_uuid, owner_uuid=owner_uuid)
        else:
            from mentorlog.store.foreign import markdown

            total = markdown.read(plan, file, person_uuid=person_uuid, create=create)
        with render_progress.progress_bar(total, _("Importing")) as advance:
            report = plan.run(advance)
    if json_:
        common.print_json(
            {"added": report.added, "updated": report.updated,
             "skipped": [{"where": item.where, "reason": item.reason} for item in report.skipped]}
        )  # fmt: skip
        return
    if not report.changed:
        common.say(_("Nothing to import: the journal already has everything in {file}.").format(file=file))
    else:
        parts = [_("Imported {file}:").format(file=file), *_added_updated(report.added, report.updated)]
        common.say(" ".join(parts) + ".")
    if report.skipped:
        common.say(
            ngettext("Skipped {n} record:", "Skipped {n} records:", len(report.skipped)).format(n=len(report.skipped))
        )
        for item in report.skipped:
            common.say(f"  {inert(item.where)}: {inert(item.reason)}")


def _person_uuid(journal: Journal, plan: Plan, name: str | None, *, create: bool) -> str | None:
    """The uuid of the person --with names (as --with matches everywhere); created with --create."""
    from mentorlog.base.errors import NotFound

    if name is None:
        return None
    try:
        found = journal.people.find_person(name)
    except NotFound as missing:
        if not create:
            raise NotFound(missing.message, _("Add them with --create, or `mentorlog person add` first.")) from None
        from mentorlog.store.foreign.plan import Skip

        try:
            return plan.person(name, create=True, role="mentor")
        except Skip as skipped:
            raise UsageError(skipped.reason) from None
    return str(journal.people.scalar("SELECT uuid FROM people WHERE id = ?", [found["id"]]))


def _owner_uuid(journal: Journal, plan: Plan, owner: str, person_uuid: str | None, *, create: bool) -> str | None:
    from mentorlog.core.textparse import normalise_owner

    word = normalise_owner(owner.strip())
    if word == "me":
        return None
    if word == "them":
        if person_uuid is None:
            raise UsageError(_("owner 'them' needs a person"), _("Give --with NAME."))
        return person_uuid
    return _person_uuid(journal, plan, owner, create=create)


# the tables an import counts, as the nouns a person reads (`1 session`, `3 topics`: store.undo.counted)
TABLES = {
    "people": "person",
    "sessions": "session",
    "actions": "action item",
    "goals": "goal",
    "progress_updates": "progress update",
    "reflections": "reflection",
    "topics": "topic",
    "skills": "skill",
    "skill_ratings": "skill rating",
}


backup_app = command_app()


@backup_app.command()
def backup(
    path: Path | None = typer.Argument(None, metavar="PATH", help="Where to write (default: beside the journal)."),
) -> None:
    """Write a consistent copy of the journal with SQLite's backup API, even while another mentorlog writes.

    The copy is checked (integrity and row counts) before mentorlog says it is done.
    """
    from mentorlog.store.backup import backup_journal
    from mentorlog.store.files import refuse_journal_files

    state = common.state()
    source = state.db_path
    if not source.exists():
        raise MentorlogError(_("there is no journal at {source} yet").format(source=source), _("Nothing to back up."))
    stamp = common.clock().now().astimezone().strftime("%Y%m%dT%H%M%S-%f")
    if path is None:
        path = source.with_name(f"{source.stem}-backup-{stamp}{source.suffix or '.db'}")
    elif path.is_dir():
        path = path / f"{source.stem}-backup-{stamp}.db"
    refuse_journal_files(path, source)
    with common.journal(write=False):
        pass  # checks the file: readable, a journal, not from a newer version
    key = common.journal_key()
    backup_journal(source, path, busy_timeout=state.settings.environment.busy_timeout, key=key)
    common.say(
        _("Backed up {source} to {path}{value}.").format(
            source=source, path=path, value=_(" (encrypted with the same key)") if key else ""
        )
    )


demo_app = command_app()


@demo_app.command()
def demo(json_: bool = typer.Option(False, "--json", help="Print where the demo journal is, as JSON.")) -> None:
    """Fill a journal with a realistic half year of mentoring, then show the timeline.

    Uses the --db given (which must be empty or new); otherwise a new file in a temporary folder,
    whose path it prints so you can point MENTORLOG_DB at it.
    """
    from mentorlog.demo import journal as demo_data

    state = common.state()
    if state.db_option is None:
        if state.settings.environment.db:
            typer.echo(
                _(
                    "MENTORLOG_DB is set ({db});\nthe demo leaves that journal alone, so no demo data mixes with yours."
                ).format(db=state.settings.environment.db),
                err=True,
            )
        folder = Path(tempfile.mkdtemp(prefix="mentorlog-demo-"))
        state.db_option = str(folder / "demo.db")
    path = state.db_path
    with common.journal(write=True) as journal:
        if not journal.dump.is_empty():
            raise MentorlogError(
                _("{path} already has entries; the demo only fills an empty journal").format(path=path),
                _("Give a new file with --db."),
            )
        counts = demo_data.fill(journal, common.today())
    if json_:
        common.print_json({"db": str(path), **counts})
        return
    common.say(_("Demo journal with {counts} sessions written to {path}").format(counts=counts["sessions"], path=path))
    common.say(_("Try it:  export MENTORLOG_DB={path}").format(path=path))
    common.say("")
    from mentorlog.cli.views import timeline

    timeline(with_=whom.ALL_PEOPLE, goal=None, since="6m", until=None, all_=False, json_=False)


def _tell_left_out(left_out: int) -> None:
    typer.echo(
        ngettext(
            "Note: {left_out} private session left out; --include-private keeps it too.",
            "Note: {left_out} private sessions left out; --include-private keeps them too.",
            left_out,
        ).format(left_out=left_out),
        err=True,
    )
