"""`sync`: one journal on several machines, through a folder that Syncthing, Dropbox or git replicates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.base.safe import inert, inert_foreign
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
TWINS = N_(
    "{kept} and {shared}, added on two machines, are one name (names compare without case): both people are "
    "kept, person {id} is now {name}; `mentorlog edit person {id} --name NEW` renames it."
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
    conflicts: bool = typer.Option(
        False,
        "--conflicts",
        help="List the values set aside when two machines changed one field, and how to restore each.",
    ),
    json_: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Sync this journal with your other machines through a folder that Syncthing, Dropbox or git replicates.

    Changes made here since the last sync are written as new files under DIR/mentorlog-sync/<device>/;
    every other device's new files are applied, the newest change of each field winning; a value set aside
    when two machines changed one field is listed by --conflicts. mentorlog itself never uses the network.
    See docs/sync.md.
    """
    if status:
        _status(_folder(folder), json_)
        return
    if conflicts:
        _conflicts(json_)
        return
    where = _folder(folder)
    if where is None:
        raise UsageError(_(NO_FOLDER), _(NO_FOLDER_HINT))
    from mentorlog.store.sync.files import DiskFolder

    state = common.state()
    with common.journal(write=True) as journal:
        before = {person.uuid: person.name for person in journal.people.list_people(include_closed=True)}
        report = journal.sync.sync_through(DiskFolder(where, state.db_path), _codec())
        views = _Views(journal, report.device)
        views.see(report)
        # twins (one name under Unicode case folding) from two machines: the newer carries its uuid's start
        told_apart = [
            (person.id, person.name, journal.people.same_name(person.name[: -len(f" ({person.uuid[:8]})")]))
            for person in journal.people.list_people(include_closed=True)
            if person.name.endswith(f" ({person.uuid[:8]})") and before.get(person.uuid) != person.name
        ]
    _tell(report, where, json_, views, told_apart)


def _tell(
    report: SyncReport,
    where: Path,
    json_: bool,
    views: _Views,
    told_apart: list[tuple[int, str, dict[str, Any] | None]],
) -> None:
    if json_:
        common.print_json(
            {
                **_report_json(report, views),
                "people_told_apart": [{"id": id_, "name": name} for id_, name, _ in told_apart],
            }
        )
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
        _tell_conflicts(report, views)
        for revived in report.revived:
            common.say(views.revived_line(revived))
        for person_id, name, kept in told_apart:
            shared = name[: name.rindex(" (")]
            common.say(
                _(TWINS).format(
                    kept=common.quoted(kept["name"] if kept else shared), shared=common.quoted(shared), id=person_id,
                    name=common.quoted(name),
                )
            )  # fmt: skip
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
        typer.echo(_(PLAIN_NOTE).format(folder=inert(str(where / "mentorlog-sync"))), err=True)
    for skipped in report.skipped:  # names and reasons quote the folder's files: shown inert, bidi included
        file = inert(str(where / "mentorlog-sync")) + "/" + inert_foreign(f"{skipped.device}/{skipped.name}")
        message = _(NEWER) if skipped.newer else _(REFUSED) if skipped.refused else _(SKIPPED)
        typer.echo(
            message.format(file=file, device=inert_foreign(skipped.device), reason=inert_foreign(skipped.reason, 400)),
            err=True,
        )


def _report_json(report: SyncReport, views: _Views) -> dict[str, Any]:
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
        "conflicts": [
            {
                "kind": _word(c.table),
                "id": views.ids.get(c.uuid),
                "uuid": c.uuid,
                "field": c.field,
                "kept": c.kept,
                "kept_device": _device(c.kept_hlc),
                "kept_at": _moment(c.kept_hlc),
                "set_aside": c.set_aside,
                "set_aside_device": _device(c.set_aside_hlc),
                "set_aside_at": _moment(c.set_aside_hlc),
            }
            for c in report.conflicts
        ],
        "brought_back": [
            {
                "kind": _word(r.table),
                "id": views.ids.get(r.uuid),
                "uuid": r.uuid,
                "referred_by": {_word(t): n for t, n in r.referred.items()},
                "came_back_with_it": {_word(t): n for t, n in r.with_.items()},
            }
            for r in report.revived
        ],
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
    common.say(_("This device: {device}").format(device=inert_foreign(found.device)))
    common.say(
        _("Sync on since {enabled_at}, last sync {last}").format(
            enabled_at=humane.day(str(found.enabled_at)[:10]), last=last
        )
    )
    common.say(_("Changes not yet sent: {unsent}").format(unsent=found.unsent))
    if where is None:
        common.say(_("No sync folder given (DIR or config sync_dir): devices as last seen here."))
    for device in found.devices:  # a device's name and its files' times come from the folder: shown inert
        seen = inert_foreign((device.last_file_at or "")[:16].replace("T", " "))
        name = inert_foreign(device.device)
        if device.this:
            common.say(
                ngettext(
                    "  {device}  this device, {files} file", "  {device}  this device, {files} files", device.files
                ).format(device=name, files=device.files)
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
                ).format(device=name, files=device.files, seen=seen)
                + (_(", {n} not applied yet").format(n=waiting) if waiting > 0 else "")
            )


# conflicts and records brought back ----------------------------------------------------------------------

CONFLICT_ONE = N_("1 conflict: {what}")
CONFLICTS_HINT = N_("The values set aside: `mentorlog sync --conflicts` (with the command that restores each).")
# table -> field -> the flag of `mentorlog edit KIND ID` that sets it
FLAGS = {
    "actions": {"text": "--text", "due": "--due", "owner_uuid": "--owner", "person_uuid": "--with",
                "session_uuid": "--session", "goal_uuid": "--goal"},
    "goals": {"title": "--title", "description": "--description", "horizon": "--horizon", "target": "--target",
              "parent_uuid": "--parent", "person_uuid": "--with", "tags": "--tag"},
    "sessions": {"notes": "--text", "title": "--title", "date": "--date", "feedback": "--feedback",
                 "confidence": "--confidence", "next_date": "--next", "person_uuid": "--with", "tags": "--tag",
                 "goal_uuids": "--goal"},
    "reflections": {"text": "--text", "date": "--date", "person_uuid": "--with", "goal_uuid": "--goal",
                    "tags": "--tag"},
    "topics": {"text": "--text", "person_uuid": "--with"},
    "people": {"name": "--name", "role": "--role", "cadence_days": "--cadence", "note": "--note",
               "started": "--since", "ends": "--until", "agreement": "--agreement"},
    "skills": {"name": "--name", "kind": "--kind", "description": "--description", "person_uuid": "--with",
               "goal_uuids": "--goal"},
}  # fmt: skip
# table -> status -> the command word that sets it (`mentorlog action done 12`)
STATUS = {
    "actions": {"open": "reopen", "done": "done", "dropped": "drop"},
    "goals": {"active": "resume", "achieved": "done", "paused": "pause", "dropped": "drop"},
    "topics": {"open": "reopen", "discussed": "done", "dropped": "drop"},
    "people": {"active": "reopen", "closed": "close"},
}
NONE_OK = {"due", "target", "parent_uuid", "person_uuid", "session_uuid", "goal_uuid", "confidence", "next_date",
           "cadence_days", "started", "ends"}  # fmt: skip


def _word(table: str) -> str:
    from mentorlog.store import tables

    found = tables.table(table) if table in tables.BY_NAME else None
    return (found.word or found.noun or table) if found else table


def _device(hlc: str) -> str:
    return hlc.rsplit("-", 1)[-1]


def _moment(hlc: str) -> str:
    from mentorlog.store.sync.files import hlc_moment

    return hlc_moment(hlc)


class _Views:
    """What the messages about conflicts and records brought back name: local ids, referenced records."""

    def __init__(self, journal: Any, device: str) -> None:
        self.journal, self.device = journal, device
        self.ids: dict[str, int] = {}
        self.labels: dict[tuple[str, str], tuple[int, str] | None] = {}
        self.titles: dict[str, str] = {}

    def see(self, report: SyncReport) -> None:
        for conflict in report.conflicts:
            self._record(conflict.table, conflict.uuid)
            for value in (conflict.kept, conflict.set_aside):
                self._values(conflict.table, conflict.field, value)
        for revived in report.revived:
            self._record(revived.table, revived.uuid)

    def _record(self, table: str, uuid: str) -> None:
        found = self.journal.sync.incoming.reference(table, uuid) if table else None
        if found is not None:
            self.ids[uuid] = found[0]
            self.titles[uuid] = self.journal.sync.incoming.title_of(table, uuid)

    def _values(self, table: str, field: str, value: Any) -> None:
        from mentorlog.store.dump.write import REFERENCES

        targets = {key: target for _column, (target, key) in REFERENCES[table].items()}
        if field == "goal_uuids":
            targets[field] = "goals"
        if field in targets:
            for uuid in value if isinstance(value, list) else [value] if value else []:
                self.labels[(targets[field], uuid)] = self.journal.sync.incoming.reference(targets[field], uuid)

    def shown(self, table: str, field: str, value: Any) -> str:
        """A value as a person reads it: text quoted (inert), references by name or id, none for nothing."""
        from mentorlog.store.dump.write import REFERENCES

        targets = {key: target for _column, (target, key) in REFERENCES[table].items()}
        if field == "goal_uuids":
            targets[field] = "goals"
        if value is None or value == []:
            return _("me") if field == "owner_uuid" else _("none")
        if field in targets:
            shown = []
            for uuid in value if isinstance(value, list) else [value]:
                found = self.labels.get((targets[field], uuid))
                shown.append(inert(found[1]) if found else _("a record not here ({uuid})").format(uuid=inert(uuid[:8])))
            return ", ".join(shown)
        if isinstance(value, list):
            return ", ".join(inert(str(item)) for item in value)
        if isinstance(value, str):
            text = value if len(value) <= 60 else value[:59] + "…"
            return repr(inert(text))
        return inert(str(value).lower() if isinstance(value, bool) else str(value))

    def when(self, hlc: str) -> str:
        from datetime import datetime

        moment = datetime.fromisoformat(_moment(hlc)).astimezone()
        device = _device(hlc)
        who = _("this machine") if device == self.device else inert(device[:8])
        if moment.date() == common.today():  # today: the time alone, as `sync` is mostly run the same day
            return f"{who}, {moment:%H:%M}"
        return f"{who}, {humane.day(moment.date())} {moment:%H:%M}"

    def conflict_text(
        self, table: str, uuid: str, field: str, kept: Any, kept_hlc: str, aside: Any, aside_hlc: str
    ) -> str:
        return _("{kind} {id} {field} — kept {kept} ({kept_when}), set aside {aside} ({aside_when})").format(
            kind=_word(table), id=self.ids.get(uuid, inert(uuid[:8])), field=field.removesuffix("_uuid"),
            kept=self.shown(table, field, kept), kept_when=self.when(kept_hlc),
            aside=self.shown(table, field, aside), aside_when=self.when(aside_hlc),
        )  # fmt: skip

    def revived_line(self, revived: Any) -> str:
        from mentorlog.store import tables
        from mentorlog.store.undo import counted

        record = _("{kind} {id} {title}").format(
            kind=_word(revived.table), id=self.ids.get(revived.uuid, inert(revived.uuid[:8])),
            title=repr(inert(self.titles.get(revived.uuid, ""))),
        )  # fmt: skip

        def what(counts: dict[str, int]) -> str:
            return ", ".join(counted(tables.table(t).noun or t, n) for t, n in sorted(counts.items()))

        if revived.referred and revived.here:
            line = _(
                "Brought back {record}, deleted here: {what} made meanwhile on another machine still refer to it."
            ).format(record=record, what=what(revived.referred))
        elif revived.referred:
            line = _(
                "Brought back {record}, deleted on another machine: {what} made meanwhile still refer to it."
            ).format(record=record, what=what(revived.referred))
        elif revived.stayed:
            return _(
                "Kept {what} that another machine deleted with {record}, which was changed after that deletion."
            ).format(record=record, what=what(revived.with_))
        elif revived.here:
            line = _("{record} came back: deleted here, but changed later on another machine.").format(record=record)
        else:
            line = _("{record} came back: deleted on another machine, but changed later.").format(record=record)
        if revived.with_:
            line += " " + _("With it came back what was deleted with it: {what}.").format(what=what(revived.with_))
        return line


def _tell_conflicts(report: SyncReport, views: _Views) -> None:
    lines = [
        views.conflict_text(c.table, c.uuid, c.field, c.kept, c.kept_hlc, c.set_aside, c.set_aside_hlc)
        for c in report.conflicts
    ]
    if len(lines) == 1:
        common.say(_(CONFLICT_ONE).format(what=lines[0]))
    elif lines:
        common.say(ngettext("{n} conflict:", "{n} conflicts:", len(lines)).format(n=len(lines)))
        for line in lines:
            common.say("  " + line)
    if lines:
        common.say(_(CONFLICTS_HINT))


def restore_command(table: str, record_id: int, field: str, value: Any, views: _Views) -> str | None:
    """The command that sets FIELD of the record back to VALUE (None: no command sets it)."""
    import shlex

    word = _word(table)
    if field == "status" and table in STATUS and value in STATUS[table]:
        if table == "people":
            name = views.titles.get(next((u for u, i in views.ids.items() if i == record_id), ""), str(record_id))
            return f"mentorlog person {STATUS[table][value]} {shlex.quote(name)}"
        return f"mentorlog {word} {STATUS[table][value]} {record_id}"
    if table == "goals" and field == "progress":
        return f"mentorlog goal progress {record_id} {int(value)}"
    if table == "sessions" and field == "private":
        return f"mentorlog edit session {record_id} {'--private' if value else '--public'}"
    flag = FLAGS.get(table, {}).get(field)
    if flag is None:
        return None
    if value is None or value == []:
        if field == "owner_uuid":
            return f"mentorlog edit {word} {record_id} --owner me"
        return f"mentorlog edit {word} {record_id} {flag} none" if field in NONE_OK else None
    targets = {"owner_uuid": "people", "person_uuid": "people", "session_uuid": "sessions", "goal_uuid": "goals",
               "parent_uuid": "goals", "goal_uuids": "goals"}  # fmt: skip
    values = value if isinstance(value, list) else [value]
    words: list[str] = []
    for item in values:
        if field in targets:
            found = views.labels.get((targets[field], item))
            if found is None:
                return None  # it refers to a record that is not here
            item = found[1] if targets[field] == "people" else found[0]
        elif field == "cadence_days":
            item = f"{item}d"
        words += [flag, shlex.quote(str(item))]
    return f"mentorlog edit {word} {record_id} " + " ".join(words)


def _conflicts(json_: bool) -> None:
    from mentorlog.store import tables

    with common.journal(write=False) as journal:
        found = journal.sync.incoming.set_aside()
        views = _Views(journal, str((journal.sync.sync_state() or {}).get("device", "")))
        for item in found:
            views.ids[item.uuid] = item.record_id
            views._record(item.table, item.uuid)
            for value in (item.kept, item.set_aside):
                views._values(item.table, item.field, value)
    rows = [(item, restore_command(item.table, item.record_id, item.field, item.set_aside, views)) for item in found]
    if json_:
        common.print_json([
            {"kind": _word(item.table), "id": item.record_id, "uuid": item.uuid, "field": item.field,
             "kept": item.kept, "kept_device": _device(item.kept_hlc), "kept_at": _moment(item.kept_hlc),
             "set_aside": item.set_aside, "set_aside_device": _device(item.set_aside_hlc),
             "set_aside_at": _moment(item.set_aside_hlc), "restore": command}
            for item, command in rows
        ])  # fmt: skip
        return
    if not rows:
        common.say(_("No values set aside: no two machines changed one field without seeing each other's change."))
        return
    for item, command in rows:
        common.say(views.conflict_text(item.table, item.uuid, item.field, item.kept, item.kept_hlc, item.set_aside,
                                       item.set_aside_hlc))  # fmt: skip
        if command:
            common.say("  " + _("restore it: {command}").format(command=inert(command)))
        elif tables.table(item.table).word:
            common.say(
                "  "
                + _("no single flag sets it; change it with `mentorlog edit {kind} {id}`").format(
                    kind=_word(item.table), id=item.record_id
                )
            )
        else:
            common.say("  " + _("no command sets it back"))
