"""Change files in the sync folder: their format, how they are sealed (plain, or age on an encrypted journal),
where they live, and the hybrid logical clock that orders their changes. docs/sync.md describes the format.

A change file is written once and never rewritten. Its bytes are `codec.seal()` of UTF-8 JSON lines:

    {"format": "mentorlog-sync", "version": 1, "device": D, "seq": N, "created_at": T, "count": n}
    {"t": "sessions", "u": UUID, "h": HLC, "r": {...the record as in the JSON dump, without its local id...}}
    {"t": "actions", "u": UUID, "h": HLC, "r": null}                      <- a tombstone
    {"end": n, "sha256": HEX}                                             <- of every byte before this line

A file without its last line, or whose checksum does not match, is damaged (often only half-synced yet):
it is skipped and read again next time.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import msgspec

from mentorlog.base.i18n import _, os_reason
from mentorlog.core import validate

FORMAT = "mentorlog-sync"
VERSION = 1
FOLDER = "mentorlog-sync"
DEVICE = re.compile(r"^[0-9a-f]{16}$")
# a clock in a file: wall microseconds (16 hex digits), a counter (8 hex digits, more once it outgrows them), device
HLC = re.compile(r"^([0-9a-f]{16})-([0-9a-f]{8,16})-([0-9a-f]{16})$")
# a change file's number: 8 digits, or more without a leading zero once it outgrows them (one name per number);
# any number SQLite's integers hold
FILE_NAME = re.compile(r"^(0[0-9]{7}|[1-9][0-9]{7,17})\.jsonl(\.age)?$")
BIG_COUNTER = 2**32  # a counter this high is kept as "g" + 16 hex digits, so that text order stays clock order
AHEAD = timedelta(days=1)  # a clock further ahead of this machine's is refused, not adopted
MAX_CHANGES_PER_FILE = 20_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class DamagedFile(Exception):
    """A change file that cannot be read whole (truncated, half-synced, altered): skipped, retried next time."""


class RefusedFile(Exception):
    """A change file with a value the rules refuse (a clock from the far future, a bad header time): skipped whole,
    with the file and the field named, and read again at the next sync (a clock may be only a little ahead)."""


class NewerFormat(Exception):
    """A change file written by a newer mentorlog: refused until this one is upgraded."""


# the hybrid logical clock -------------------------------------------------------------------------


def micros(stamp: str) -> int:
    """A stored ISO timestamp as microseconds since 1970 (the clock's physical part). The clock starts in 1970: a
    record stamped earlier (import takes 1900 on) counts as made at its start, older than any edit since."""
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0, (moment - EPOCH) // timedelta(microseconds=1))


def hlc_text(wall: int, counter: int, device: str) -> str:
    """Fixed-width hex, so that text order is (wall time, counter, device) order. A counter that outgrows 8 hex
    digits is written "g" + 16 digits: "g" sorts after every hex digit, so it still orders after all smaller ones."""
    count = f"{counter:08x}" if counter < BIG_COUNTER else f"g{counter:016x}"
    return f"{wall:016x}-{count}-{device}"


def hlc_parts(text: str) -> tuple[int, int, str]:
    wall, counter, device = text.split("-")
    return int(wall, 16), int(counter.lstrip("g"), 16), device


def hlc_wire(text: str) -> str:
    """An HLC as a change file carries it: the counter in plain hex, 8 digits or as many as it needs."""
    wall, counter, device = hlc_parts(text)
    return f"{wall:016x}-{counter:08x}-{device}"


def hlc_moment(text: str) -> str:
    """The wall-time part of an HLC as an ISO timestamp (for messages)."""
    return (EPOCH + timedelta(microseconds=hlc_parts(text)[0])).isoformat(timespec="seconds")


class HybridClock(msgspec.Struct):
    """Wall time + counter: every stamp it issues is later than every stamp it issued or observed before, so a
    change made after seeing another one always orders after it, whatever the machines' clocks say."""

    wall: int = 0
    counter: int = 0

    def issue(self, physical: int) -> tuple[int, int]:
        if physical > self.wall:
            self.wall, self.counter = physical, 0
        else:
            self.counter += 1
        return self.wall, self.counter

    def observe(self, text: str) -> None:
        wall, counter, _device = hlc_parts(text)
        if (wall, counter) > (self.wall, self.counter):
            self.wall, self.counter = wall, counter

    def text(self) -> str:
        return f"{self.wall:016x}-{self.counter:08x}"

    @classmethod
    def parse(cls, text: str) -> HybridClock:
        wall, counter = text.split("-")
        return cls(int(wall, 16), int(counter, 16))


# codecs -------------------------------------------------------------------------------------------


class ChangeFileCodec(Protocol):
    """How a change file's bytes are sealed on disk: `PlainCodec` for a plain journal, `AgeCodec` for an
    encrypted one (see docs/sync.md, "Encryption"). `unseal` raises DamagedFile when the bytes cannot be
    opened whole (age authenticates every chunk, so a truncated file fails too)."""

    suffix: str  # the file name's ending: ".jsonl" plain, ".jsonl.age" encrypted
    encrypted: bool

    def prepare(self, folder: SyncFolder, device: str, keys: dict[str, str]) -> None:
        """Called once per sync: the folder, this device, and the keys the journal keeps (filled in here)."""

    def seal(self, data: bytes, device: str) -> bytes: ...

    def unseal(self, data: bytes, device: str) -> bytes: ...

    def rewrap(self, device: str, wrapped: str | None) -> str | None:
        """After sending: this device's key in the folder wrapped with the current passphrase (again, when WRAPPED,
        the fingerprint kept from last time, says another one wrapped it); the fingerprint to keep."""


AGE_MAGIC = b"age-encryption.org/"
KEY_FILE = "key.age"


class PlainCodec:
    suffix = ".jsonl"
    encrypted = False

    def prepare(self, folder: SyncFolder, device: str, keys: dict[str, str]) -> None:
        return None

    def seal(self, data: bytes, device: str) -> bytes:
        return data

    def unseal(self, data: bytes, device: str) -> bytes:
        if data.startswith(AGE_MAGIC):
            raise DamagedFile("it is encrypted and this journal is not, so it cannot be read here")
        return data

    def rewrap(self, device: str, wrapped: str | None) -> str | None:
        return wrapped


class AgeCodec:
    """Change files in the age format, for an encrypted journal. Each device has its own X25519 key; the folder
    holds it as `<device>/key.age`, encrypted with the journal's passphrase (one scrypt per device, ever: the
    unwrapped keys are kept in the journal, which is encrypted itself). A device's files are encrypted to its
    key, so every machine that knows the passphrase reads them, and a new machine can read the old ones."""

    suffix = ".jsonl.age"
    encrypted = True

    def __init__(self, passphrase: str) -> None:
        self.passphrase = passphrase
        self.folder: SyncFolder | None = None
        self.device = ""
        self.keys: dict[str, str] = {}
        self.made_here: set[str] = set()  # devices whose key this sync made (and wrapped with this passphrase)

    def prepare(self, folder: SyncFolder, device: str, keys: dict[str, str]) -> None:
        self.folder, self.device, self.keys = folder, device, keys

    def _identity(self, device: str) -> Any:
        from pyrage import passphrase, x25519

        if device not in self.keys:
            if self.folder is None:
                raise RuntimeError("AgeCodec.prepare() must be called first")
            try:
                wrapped = self.folder.read(device, KEY_FILE)
            except (OSError, KeyError):
                if device != self.device:
                    raise DamagedFile("its device key has not arrived yet") from None
                identity = x25519.Identity.generate()
                self.folder.write_new(device, KEY_FILE, passphrase.encrypt(str(identity).encode(), self.passphrase))
                self.keys[device] = str(identity)
                self.made_here.add(device)
            else:
                try:
                    self.keys[device] = passphrase.decrypt(wrapped, self.passphrase).decode()
                except Exception:  # pyrage.DecryptError, or a half-copied key file
                    raise DamagedFile(
                        "its device key does not open with this journal's passphrase (if that device's passphrase "
                        "was changed, its next sync wraps the key with the new one)"
                    ) from None
        return x25519.Identity.from_str(self.keys[device])

    def fingerprint(self) -> str:
        """Which passphrase wraps keys now, without giving it away (the secret is a PBKDF2 output itself)."""
        import hashlib

        return hashlib.sha256(b"mentorlog key.age wrapped with " + self.passphrase.encode()).hexdigest()[:32]

    def rewrap(self, device: str, wrapped: str | None) -> str | None:
        """This device's `key.age` wrapped with the current passphrase: written again when the passphrase that
        wrapped it (the fingerprint WRAPPED) was another, or is not known and does not open it (one scrypt, once),
        or when the folder lacks it (a new folder). Nothing to do before this device has a key."""
        from pyrage import passphrase

        if self.folder is None or device not in self.keys:
            return wrapped
        current = self.fingerprint()
        if device in self.made_here:
            return current
        try:
            present: bytes | None = self.folder.read(device, KEY_FILE)
        except (OSError, KeyError):
            present = None
        if present is not None and wrapped == current:
            return current
        if present is not None and wrapped is None:
            try:
                if passphrase.decrypt(present, self.passphrase).decode() == self.keys[device]:
                    return current
            except Exception:  # wrapped with another passphrase, or damaged: wrapped again below
                pass
        sealed = passphrase.encrypt(self.keys[device].encode(), self.passphrase)
        self.folder.replace_key(device, KEY_FILE, sealed)
        return current

    def seal(self, data: bytes, device: str) -> bytes:
        import pyrage

        return bytes(pyrage.encrypt(data, [self._identity(device).to_public()]))

    def unseal(self, data: bytes, device: str) -> bytes:
        if not data.startswith(AGE_MAGIC):
            return data  # a plain journal's file: readable as it is
        import pyrage

        try:
            return bytes(pyrage.decrypt(data, [self._identity(device)]))
        except pyrage.DecryptError:
            raise DamagedFile("it cannot be decrypted (incomplete, or altered)") from None


# the file format ----------------------------------------------------------------------------------


class Change(msgspec.Struct, frozen=True):
    """One record's newest state from one device: the whole record (as in the dump), or None for a deletion.

    FIELDS is the clock of each field's value (a field left out has the change's own clock; a change file of
    the first format carries none, so every field has it); MADE names the fields this change made, each with
    the clock of the value it replaced (None: there was none); None for a change that does not say (the first
    format, a snapshot). WITH is, for a deletion, the record it went with (a progress update deleted with its
    goal): it comes back when that one does."""

    table: str
    uuid: str
    hlc: str
    record: dict[str, Any] | None
    fields: dict[str, str] | None = None
    made: dict[str, str | None] | None = None
    with_: str | None = None


class ChangeFile(msgspec.Struct, frozen=True):
    device: str
    seq: int
    created_at: str
    changes: list[Change]


def _line(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def encode(device: str, seq: int, created_at: str, changes: list[Change]) -> bytes:
    header = {"format": FORMAT, "version": VERSION, "device": device, "seq": seq, "created_at": created_at,
              "count": len(changes)}  # fmt: skip
    body = b"".join([_line(header), *(_line(_item(c)) for c in changes)])
    import hashlib  # only sync needs it: not loaded by every command

    return body + _line({"end": len(changes), "sha256": hashlib.sha256(body).hexdigest()})


def _item(change: Change) -> dict[str, Any]:
    item: dict[str, Any] = {"t": change.table, "u": change.uuid, "h": hlc_wire(change.hlc), "r": change.record}
    if change.fields is not None:  # only the fields whose clock is not the change's own
        item["f"] = {name: hlc_wire(hlc) for name, hlc in change.fields.items() if hlc != change.hlc}
    if change.made is not None:
        item["c"] = {name: None if hlc is None else hlc_wire(hlc) for name, hlc in change.made.items()}
    if change.with_ is not None:
        item["w"] = change.with_
    return item


def decode(data: bytes, *, device: str, seq: int, tables: tuple[str, ...], latest: int | None = None) -> ChangeFile:
    """Read a whole change file; DamagedFile, RefusedFile or NewerFormat when it cannot be applied as it is.
    LATEST: the newest clock wall time (microseconds) adopted, this machine's now + a day; later ones are refused."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DamagedFile("not UTF-8 text") from None
    lines = text.split("\n")
    if len(lines) < 3 or lines[-1] != "":
        raise DamagedFile("incomplete (no end line)")
    try:
        header = json.loads(lines[0])
        trailer = json.loads(lines[-2])
    except json.JSONDecodeError:
        raise DamagedFile("not a change file") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise DamagedFile("not a mentorlog change file")
    try:
        version = validate.format_version(header.get("version"))
    except validate.Invalid:
        raise DamagedFile(f"no valid format version (found {str(header.get('version'))[:20]!r})") from None
    if version > VERSION:
        raise NewerFormat(f"format version {version}; this mentorlog reads up to version {VERSION}")
    import hashlib

    body_length = len(data) - len(lines[-2].encode("utf-8")) - 1
    if not isinstance(trailer, dict) or trailer.get("sha256") != hashlib.sha256(data[:body_length]).hexdigest():
        raise DamagedFile("incomplete or altered (checksum)")
    if header.get("device") != device or header.get("seq") != seq:
        raise DamagedFile(f"its header names device {header.get('device')!r} file {header.get('seq')!r}")
    if not isinstance(header.get("created_at"), str):
        raise DamagedFile("no creation time")
    if header.get("count") != len(lines) - 3 or trailer.get("end") != len(lines) - 3:
        raise DamagedFile("its count of changes does not match")
    try:
        created_at = validate.stamp(header["created_at"])
    except validate.Invalid as exc:
        raise RefusedFile(_("its header: created_at {exc}").format(exc=exc)) from None
    changes = [_change(line, tables, latest) for line in lines[1:-2]]
    return ChangeFile(device, seq, created_at, changes)


def _change(line: str, tables: tuple[str, ...], latest: int | None = None) -> Change:
    try:
        item = json.loads(line)
    except json.JSONDecodeError:
        raise DamagedFile("a change is not JSON") from None
    if not isinstance(item, dict):
        raise DamagedFile("a change is not an object")
    table, uuid, hlc, record = item.get("t"), item.get("u"), item.get("h"), item.get("r")
    found = HLC.match(hlc) if isinstance(hlc, str) else None
    if table not in tables or not isinstance(uuid, str) or found is None:
        raise DamagedFile("a change names no known table, uuid or clock")
    wall, counter = int(found.group(1), 16), int(found.group(2), 16)
    if latest is not None and wall > latest:
        try:
            moment = (EPOCH + timedelta(microseconds=wall)).isoformat(timespec="seconds")
        except OverflowError:
            moment = _("after the year 9999")
        raise RefusedFile(
            _("{table} {uuid}: its clock h is {moment}, more than a day ahead of this machine").format(
                table=table, uuid=uuid[:64], moment=moment
            )
        )
    if record is not None:
        if not isinstance(record, dict) or record.get("uuid") != uuid or "\x00" in line:
            raise DamagedFile(f"the change of {uuid} is not a whole record")
        if not all(isinstance(record.get(key), str) for key in ("created_at", "updated_at")):
            raise DamagedFile(f"the change of {uuid} has no timestamps")
    hlc = hlc_text(wall, counter, found.group(3))  # the stored form: text order is clock order
    fields, made, with_ = (
        _clocks(item.get("f"), hlc, empty=False),
        _clocks(item.get("c"), hlc, empty=True),
        item.get("w"),
    )
    if fields is False:
        raise DamagedFile(f"the change of {uuid} has a field clock that is no clock or later than its own")
    if made is False:
        raise DamagedFile(f"the change of {uuid} names a replaced value's clock that is no clock")
    if (fields is not None or made is not None) and record is None:
        raise DamagedFile(f"the deletion of {uuid} names fields")
    if with_ is not None and (record is not None or not isinstance(with_, str) or not with_ or len(with_) > 64):
        raise DamagedFile(f"the change of {uuid} names no record it went with")
    if isinstance(fields, dict) and record is not None:
        fields = {name: fields.get(name, hlc) for name in record if name != "uuid"}
    return Change(str(table), uuid, hlc, record, fields, made, with_)


def _clocks(found: Any, hlc: str, *, empty: bool) -> Any:
    """FOUND (absent: None) maps field names to clocks no later than HLC (with EMPTY, a clock may be null): the
    clocks in their stored form (hlc_text), or False when FOUND is not such a map."""
    if found is None:
        return None
    if not isinstance(found, dict) or len(found) > 200:
        return False
    clocks: dict[str, str | None] = {}
    for name, clock in found.items():
        if clock is None and empty:
            clocks[name] = None
            continue
        matched = HLC.match(clock) if isinstance(clock, str) else None
        if not isinstance(name, str) or matched is None:
            return False
        text = hlc_text(int(matched.group(1), 16), int(matched.group(2), 16), matched.group(3))
        if text > hlc:
            return False
        clocks[name] = text
    return clocks


# the folder ---------------------------------------------------------------------------------------


class SyncFolder(Protocol):
    """Where change files live: `DIR/mentorlog-sync/<device>/<seq>.jsonl[.age]` on disk (tests use memory)."""

    def devices(self) -> list[str]: ...

    def files(self, device: str) -> list[tuple[int, str]]: ...

    def read(self, device: str, name: str) -> bytes: ...

    def write_new(self, device: str, name: str, data: bytes) -> str: ...

    def replace_key(self, device: str, name: str, data: bytes) -> None:
        """Write a device's key file again (the one file that is ever rewritten: only after a passphrase change)."""

    def discard_new(self) -> None:
        """Remove what this object wrote (a first sync that failed: its device never came to be)."""


class DiskFolder:
    """The shared folder on disk. Files appear whole (temp + fsync + rename, 0600) and are never rewritten;
    temporary files, conflict copies and anything else a sync engine leaves are ignored."""

    def __init__(self, root: Path, journal: Path) -> None:
        self.base = root
        self.root = root / FOLDER
        self.journal = journal
        self.made: list[Path] = []  # the folders and files made here, in order

    def devices(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(entry.name for entry in os.scandir(self.root) if entry.is_dir() and DEVICE.match(entry.name))

    def files(self, device: str) -> list[tuple[int, str]]:
        folder = self.root / device
        if not folder.is_dir():
            return []
        found = ((FILE_NAME.match(entry.name), entry.name) for entry in os.scandir(folder) if entry.is_file())
        return sorted((int(match.group(1)), name) for match, name in found if match)

    def read(self, device: str, name: str) -> bytes:
        return (self.root / device / name).read_bytes()

    def write_new(self, device: str, name: str, data: bytes) -> str:
        from mentorlog.base.errors import MentorlogError
        from mentorlog.store.files import write_atomic

        folder = self.root / device
        made = len(self.made)
        try:
            for created in (self.root, folder):
                if created.is_dir():
                    continue
                if os.path.lexists(created):
                    raise MentorlogError(
                        _("{path} is in the way: mentorlog keeps change files in a folder of that name").format(
                            path=created
                        ),
                        _("Move it away, then sync again."),
                    )
                try:
                    created.mkdir(mode=0o700)
                except OSError as exc:
                    raise MentorlogError(
                        _("cannot make the folder {path}: {strerror}").format(path=created, strerror=os_reason(exc))
                    ) from None
                self.made.append(created)
            target = folder / name
            if os.path.lexists(target):
                raise MentorlogError(
                    _("the change file {target} exists already; it is never rewritten").format(target=target)
                )
            write_atomic(target, [data], journal=self.journal)
        except BaseException:
            self._remove(self.made[made:])  # no empty folder left behind
            del self.made[made:]
            raise
        self.made.append(target)
        return str(target)

    def replace_key(self, device: str, name: str, data: bytes) -> None:
        from mentorlog.store.files import write_atomic

        folder = self.root / device
        for created in (self.root, folder):
            if not created.is_dir():
                created.mkdir(mode=0o700)
        write_atomic(folder / name, [data], journal=self.journal)  # whole or not at all: temp, fsync, rename

    def discard_new(self) -> None:
        self._remove(self.made)
        self.made = []

    @staticmethod
    def _remove(paths: list[Path]) -> None:
        for path in reversed(paths):
            try:
                if path.is_dir():
                    path.rmdir()
                else:
                    path.unlink()
            except OSError:  # not empty (another machine's files arrived), or gone: left as it is
                continue


def file_name(seq: int, codec: ChangeFileCodec) -> str:
    return f"{seq:08d}{codec.suffix}"


def chunks(changes: list[Change], size: int = MAX_CHANGES_PER_FILE) -> Iterator[list[Change]]:
    for start in range(0, len(changes), size):
        yield changes[start : start + size]
