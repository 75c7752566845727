"""`sync`: one journal on several machines, through a folder that Syncthing, Dropbox or git replicates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.base.safe import inert
from mentorlog.cli import common
from mentorlog.cli.root import command_app
from mentorlog.core import humane

if TYPE_CHECKING:
    from mentorlog.store.sync.files import ChangeFileCodec
    from mentorlog.store.sync.run import SyncReport, SyncStatus

NO_FOLDER = N_("no sync folder given")
NO_FOLDER_HINT = N_("Give one (mentorlog sync ~/Sync/mentorlog), or set sync_dir in the config file.")
PLAIN_NOTE = N_(
    "Note: this journal is not encrypted, so its change files in {folder} are plain text: anyone who can read "
    "that folder (or the repository) can read your notes, private sessions included."
)
SKIPPED = N_("Warning: skipped {file} (from device {device}): {reason}; it is read again at the next sync.")
REFUSED = N_("Warning: skipped {file} (from device {device}): {reason}; nothing of it was applied.")
NEWER = N_(
    "Warning: {file} (from device {device}) was written by a newer mentorlog ({reason}); upgrade mentorlog here."
)
LOOP = N_(
    "Goals {goal} {title} and {parent} {parent_title} formed a loop after the merge: "
    "cut the older link ({goal} no longer under {parent})."
)


def _folder(argument: Path | None) -> Path | None:
    """DIR, else the config's sync_dir; it must exist."""
    configured = common.state().config.sync_dir
    folder = argument or (Path(configured).expanduser() if configured else None)
    if folder is None:
        return None
    if not folder.is_dir():
        raise MentorlogError(
            _("the sync folder {folder} does not exist").format(folder=folder), _("Create it, or give another folder.")
        )
    return folder


def _codec() -> ChangeFileCodec:
    """How change files are sealed: plain for a plain journal; for an encrypted one, age with a secret
    derived from the journal's passphrase (the same on every machine that knows it). Call it after the
    journal was opened in this command, so its key source is known."""
    from mentorlog.store.sync.files import AgeCodec, PlainCodec

    if common.journal_key() is None:
        return PlainCodec()
    from mentorlog.store.crypto.cipher import sync_secret
    from mentorlog.store.db import resolve

    return AgeCodec(sync_secret(common.keys(), resolve(common.state().db_path)))


sync_app = command_app()


@sync_app.command()
def sync(
    folder: Path | None = typer.Argument(None, metavar="DIR", help="The shared folder (default: config sync_dir)."),
    status: bool = typer.Option(False, "--status", help="Show devices, their last sync and changes not yet sent."),
    json_: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Sync this journal with your other machines through a folder that Syncthing, Dropbox or git replicates.

    Changes made here since the last sync are written as new files under DIR/mentorlog-sync/<device>/;
    every other device's new files are applied, newest change per record winning. mentorlog itself never
    uses the network. See docs/sync.md.
    """
    if status:
        _status(_folder(folder), json_)
        return
    where = _folder(folder)
    if where is None:
        raise UsageError(_(NO_FOLDER), _(NO_FOLDER_HINT))
    from mentorlog.store.sync.files import DiskFolder

    state = common.state()
    with common.journal(write=True) as journal:
        report = journal.sync.sync_through(DiskFolder(where, state.db_path), _codec())
    _tell(report, where, json_)


def _tell(report: SyncReport, where: Path, json_: bool) -> None:
    if json_:
        common.print_json(_report_json(report))
    else:
        if report.first:
            common.say(_("Sync is on for this journal: device {device}.").format(device=report.device))
        if report.sent:
            files = ", ".join(Path(name).name for name in report.written)
            sent = (
                ngettext(
                    "Sent a snapshot of {n} change ({files}).", "Sent a snapshot of {n} changes ({files}).", report.sent
                )
                if report.snapshot
                else ngettext("Sent {n} change ({files}).", "Sent {n} changes ({files}).", report.sent)
            )
            common.say(sent.format(n=report.sent, files=files))
        else:
            common.say(_("Nothing new to send."))
        if report.files_applied:
            devices = len(report.devices_applied)
            common.say(
                _("Applied {files} from {devices}: {changed} changed, {deleted} deleted.").format(
                    files=ngettext("{n} file", "{n} files", report.files_applied).format(n=report.files_applied),
                    devices=ngettext("{n} device", "{n} devices", devices).format(n=devices),
                    changed=ngettext("{n} record", "{n} records", report.changed).format(n=report.changed),
                    deleted=report.deleted,
                )
            )
        else:
            common.say(_("Nothing new from other devices."))
        for cut in report.loops:
            common.say(
                _(LOOP).format(
                    goal=cut.goal_id,
                    title=repr(inert(cut.goal_title)),
                    parent=cut.parent_id,
                    parent_title=repr(inert(cut.parent_title)),
                )
            )
    if report.tell_plain:
        typer.echo(_(PLAIN_NOTE).format(folder=where / "mentorlog-sync"), err=True)
    for skipped in report.skipped:
        file = where / "mentorlog-sync" / skipped.device / skipped.name
        message = _(NEWER) if skipped.newer else _(REFUSED) if skipped.refused else _(SKIPPED)
        typer.echo(message.format(file=file, device=skipped.device, reason=skipped.reason), err=True)


def _report_json(report: SyncReport) -> dict[str, Any]:
    return {
        "device": report.device,
        "first": report.first,
        "snapshot": report.snapshot,
        "sent": report.sent,
        "files_written": report.written,
        "received": report.received,
        "files_applied": report.files_applied,
        "devices": sorted(report.devices_applied),
        "changed": report.changed,
        "deleted": report.deleted,
        "loops_cut": [{"goal_id": c.goal_id, "parent_id": c.parent_id} for c in report.loops],
        "skipped": [
            {"device": s.device, "file": s.name, "reason": s.reason, "newer": s.newer, "refused": s.refused}
            for s in report.skipped
        ],
    }


def _status(where: Path | None, json_: bool) -> None:
    from mentorlog.store.sync.files import DiskFolder

    state = common.state()
    with common.journal(write=False) as journal:
        found: SyncStatus = journal.sync.sync_status(DiskFolder(where, state.db_path) if where else None)
    if json_:
        common.print_json(
            {
                "device": found.device,
                "enabled_at": found.enabled_at,
                "last_sync": found.last_sync,
                "unsent": found.unsent,
                "folder": str(where) if where else None,
                "devices": [
                    {
                        "device": d.device,
                        "this": d.this,
                        "files": d.files,
                        "applied": d.applied,
                        "last_file_at": d.last_file_at,
                    }
                    for d in found.devices
                ],
            }
        )
        return
    if found.device is None:
        common.say(
            _("Sync is not on yet; `mentorlog sync DIR` turns it on ({unsent} records to send).").format(
                unsent=found.unsent
            )
        )
        return
    last = f"{humane.day(found.last_sync[:10])} {found.last_sync[11:16]} UTC" if found.last_sync else _("never")
    common.say(_("This device: {device}").format(device=found.device))
    common.say(
        _("Sync on since {enabled_at}, last sync {last}").format(
            enabled_at=humane.day(str(found.enabled_at)[:10]), last=last
        )
    )
    common.say(_("Changes not yet sent: {unsent}").format(unsent=found.unsent))
    if where is None:
        common.say(_("No sync folder given (DIR or config sync_dir): devices as last seen here."))
    for device in found.devices:
        seen = (device.last_file_at or "")[:16].replace("T", " ")
        if device.this:
            common.say(
                ngettext(
                    "  {device}  this device, {files} file", "  {device}  this device, {files} files", device.files
                ).format(device=device.device, files=device.files)
            )
        else:
            waiting = device.files - device.applied
            common.say(
                (
                    ngettext(
                        "  {device}  {files} file, last sync {seen} UTC",
                        "  {device}  {files} files, last sync {seen} UTC",
                        device.files,
                    )
                    if seen
                    else ngettext(
                        "  {device}  {files} file, none applied yet",
                        "  {device}  {files} files, none applied yet",
                        device.files,
                    )
                ).format(device=device.device, files=device.files, seen=seen)
                + (_(", {n} not applied yet").format(n=waiting) if waiting > 0 else "")
            )
