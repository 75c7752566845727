"""`export`, `import`, `backup` and `demo`: getting data out, back in, and kept safe."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import typer

from mentorlog.base.config import cache_folder
from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.base.i18n import N_, _, ngettext, os_reason
from mentorlog.base.safe import inert
from mentorlog.cli import common, completion, whom
from mentorlog.cli.root import command_app
from mentorlog.core import humane
from mentorlog.export import registry as formats


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
        "md", "--format", "-f", autocompletion=completion.choices(formats.WORDS), help="md, html, json, csv or ics."
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
    chosen = formats.find(format_)
    if chosen is None:
        raise UsageError(
            _("--format must be one of {FORMATS}, not {format!r}").format(
                FORMATS=", ".join(formats.WORDS), format=format_
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
                typer.echo(
                    ngettext(
                        "Note: {left_out} private session left out; --include-private keeps it too.",
                        "Note: {left_out} private sessions left out; --include-private keeps them too.",
                        left_out,
                    ).format(left_out=left_out),
                    err=True,
                )
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


@import_app.command("import")
def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="A dump from `mentorlog export --format json --all`."),
    json_: bool = typer.Option(False, "--json", help="Print what was added and updated as JSON."),
) -> None:
    """Import a JSON dump: merged by uuid, newer changes win, and importing twice changes nothing.

    Into an empty journal the ids are restored too, so a restore is exact.
    """
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
    from mentorlog.store.undo import counted

    added = ", ".join(counted(TABLES.get(table, table), count) for table, count in report.added.items() if count)
    updated = ", ".join(counted(TABLES.get(table, table), count) for table, count in report.updated.items() if count)
    done = []
    if added:
        done.append(_("added {records}").format(records=added))
    if updated:
        done.append(_("updated {records}").format(records=updated))
    parts = [_("Imported {file}:").format(file=file), "; ".join(done)]
    common.say(" ".join(parts) + ("." if not report.restored_ids else " " + _("(ids restored).")))


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
