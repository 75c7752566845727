"""Encryption at rest (SQLCipher 4): where an encrypted journal's key comes from, and opening it.

Nothing here runs for a plain journal: store/db.py reads the file's first 16 bytes, and only a file that is
not plain SQLite comes here. sqlcipher3 and keyring are imported only when they are needed.

The key. SQLCipher 4 derives a file's key from the passphrase and the file's salt (its first 16 bytes) with
PBKDF2-HMAC-SHA512 and 256,000 iterations. mentorlog runs that same derivation itself (so `sqlcipher` with
`PRAGMA key = 'passphrase'` opens the file too) and always keys SQLCipher with the raw key and its salt,
`x'<64 hex digits of key><32 of salt>'`. The OS keyring keeps that raw key, so a key from the keyring costs
no derivation; a passphrase costs one per command. A passphrase of that raw form is taken as the raw key.

Where it comes from, in order: the keyring (only when this machine stored the key there: the list in
config.keyring_hints_file() says so, so other journals never pay for loading the keyring), then
`passphrase_command`, then MENTORLOG_PASSPHRASE, then a prompt on a terminal. A keyring without a usable
backend is passed over silently; a key in the keyring that no longer opens the file is passed over with a
warning. The first other source decides: a wrong passphrase is an error, never a reason to try the next;
when MENTORLOG_PASSPHRASE is set too and says something else, stderr says which one was used.

A passphrase from MENTORLOG_PASSPHRASE, MENTORLOG_NEW_PASSPHRASE or passphrase_command loses ONE trailing
newline (`$'pw\n'`, `echo pw`): it is the same passphrase as the one typed at the prompt. A journal encrypted
before with the newline kept still opens with it, and says so. passphrase_command gets `passphrase_timeout`
seconds (config; default 60), then it is an error.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mentorlog.base.errors import MentorlogError, NoPassphrase, WrongPassphrase
from mentorlog.base.i18n import _, os_reason

if TYPE_CHECKING:
    import sqlite3

KDF_ITERATIONS = 256_000  # SQLCipher 4's default; never lowered
KEY_BYTES = 32
SALT_BYTES = 16
SERVICE = "mentorlog"  # the keyring service; the user name is the journal's real path
SYNC_SALT = b"mentorlog sync change files v1"
RAW = re.compile(r"x'([0-9a-fA-F]{96})'")
INSTALL = "pip install 'mentorlog[encryption]'"
WRONG = "wrong passphrase, or not a mentorlog journal"
SOURCES = ("passphrase_command", "MENTORLOG_PASSPHRASE", "the prompt")


def one_newline_off(text: str) -> str:
    """TEXT without one trailing newline (`\n` or `\r\n`): what a passphrase given by a variable or a command
    means. Only one: a passphrase is never otherwise trimmed."""
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text


@dataclass(frozen=True)
class RawKey:
    """A SQLCipher raw key and the salt it belongs to. Its repr never shows either."""

    key: bytes = field(repr=False)
    salt: bytes = field(repr=False)

    @property
    def pragma(self) -> str:
        """The key as SQLCipher takes it: `x'…'` with the salt, so that no derivation runs."""
        return f"x'{self.key.hex()}{self.salt.hex()}'"

    @classmethod
    def derive(cls, passphrase: str, salt: bytes) -> RawKey:
        """What SQLCipher 4 derives from PASSPHRASE for a file with SALT (PBKDF2-HMAC-SHA512, 256,000 rounds)."""
        import hashlib

        key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES)
        return cls(key, salt)

    @classmethod
    def parse(cls, text: str) -> RawKey | None:
        """`x'<96 hex digits>'` as a key and salt, else None."""
        found = RAW.fullmatch(text.strip())
        if found is None:
            return None
        data = bytes.fromhex(found.group(1))
        return cls(data[:KEY_BYTES], data[KEY_BYTES:])

    @classmethod
    def new(cls, passphrase: str) -> RawKey:
        """The key for a new encrypted file: PASSPHRASE with a fresh random salt (a raw key keeps its own)."""
        return cls.parse(passphrase) or cls.derive(passphrase, os.urandom(SALT_BYTES))


def key_from(text: str, salt: bytes) -> RawKey:
    """The key that TEXT (a passphrase, or a raw key) gives for a file with SALT."""
    return RawKey.parse(text) or RawKey.derive(text, salt)


def sync_secret_from(passphrase: str) -> str:
    """The secret for sync change files: the same on every machine that knows the passphrase, whatever the
    salt of each machine's journal (a raw key cannot give it)."""
    import hashlib

    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), SYNC_SALT, KDF_ITERATIONS, KEY_BYTES).hex()


# the keyring -------------------------------------------------------------------------------------


def _noted(hints: Path) -> list[str]:
    try:
        return hints.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return []


def keyring_noted(hints: Path | None, path: Path) -> bool:
    """Whether this machine stored PATH's key in the keyring (one small file read; keyring itself not loaded)."""
    return hints is not None and str(path) in _noted(hints)


def _note(hints: Path, path: Path, *, keep: bool) -> None:
    """Add PATH to (KEEP) or remove it from the list of journals whose key is in this machine's keyring."""
    paths = [line for line in _noted(hints) if line and line != str(path)] + ([str(path)] if keep else [])
    hints.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = hints.with_name(f".{hints.name}.{os.getpid()}")
    temporary.write_text("".join(f"{line}\n" for line in paths), encoding="utf-8")
    os.replace(temporary, hints)


class _Deferred(types.ModuleType):
    """A stand-in for a module, imported for real the first time anything uses it (PEP 562 `__getattr__`)."""

    def __getattr__(self, attribute: str) -> Any:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)
        parent, _, child = name.rpartition(".")
        setattr(sys.modules[parent], child, real)
        return getattr(real, attribute)


def _defer(name: str) -> None:
    """Put off importing NAME until it is used. keyring imports jaraco.context, which imports urllib.request
    (http.client, email, ssl: ~18 ms, half of keyring's import) for a download helper keyring never calls."""
    if name in sys.modules:
        return
    parent, _, child = name.rpartition(".")
    stand_in = _Deferred(name)
    stand_in.__spec__ = None  # the import system reads it without resolving the stand-in
    sys.modules[name] = stand_in
    setattr(importlib.import_module(parent), child, stand_in)


def _keyring() -> Any:
    _defer("urllib.request")
    try:
        import keyring
    except ImportError:
        raise MentorlogError(
            _("the keyring package is not installed"), _("Install it with: {INSTALL}").format(INSTALL=INSTALL)
        ) from None
    return keyring


def keyring_entry(path: Path) -> dict[str, str] | None:
    """PATH's entry in the keyring ({"key": "x'…'", "sync": …}), or None; raises when the keyring is unusable."""
    import json

    value = _keyring().get_password(SERVICE, str(path))
    if not value:
        return None
    try:
        entry = json.loads(value)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) else None


def keyring_check() -> None:
    """An error (exit 1) unless this machine has a usable keyring backend: asked before anything changes."""
    keyring = _keyring()
    try:
        keyring.get_password(SERVICE, "mentorlog keyring check")
    except Exception as exc:
        raise MentorlogError(
            _("there is no usable OS keyring on this machine ({name})").format(name=type(exc).__name__),
            _("Leave out --keyring; use passphrase_command or MENTORLOG_PASSPHRASE instead."),
        ) from None


def keyring_store(hints: Path, path: Path, key: RawKey, sync: str | None) -> None:
    """Keep PATH's raw key (and the sync secret) in the keyring, and note on this machine that it is there."""
    import json

    entry = {"key": key.pragma, **({"sync": sync} if sync else {})}
    try:
        _keyring().set_password(SERVICE, str(path), json.dumps(entry))
    except Exception as exc:
        raise MentorlogError(_("the keyring refused the key ({name})").format(name=type(exc).__name__)) from None
    _note(hints, path, keep=True)


def keyring_forget(hints: Path | None, path: Path) -> bool:
    """Remove PATH's key from the keyring (when this machine put it there); whether there was one."""
    if not keyring_noted(hints, path):
        return False
    assert hints is not None
    with contextlib.suppress(Exception):
        _keyring().delete_password(SERVICE, str(path))
    _note(hints, path, keep=False)
    return True


# where the key comes from ------------------------------------------------------------------------


@dataclass
class Keys:
    """The key sources of one command, in order, and what they gave (each source is asked at most once).

    ASK prompts on a terminal (None elsewhere); DEBUG and WARN print a line on stderr (DEBUG only with
    MENTORLOG_DEBUG=1). Neither is ever given a key or a passphrase.
    """

    passphrase_command: str | None = None
    passphrase: str | None = field(default=None, repr=False)
    passphrase_timeout: float = 60.0
    ask: Callable[[str], str] | None = field(default=None, repr=False)
    debug: Callable[[str], None] = field(default=lambda _line: None, repr=False)
    warn: Callable[[str], None] = field(default=lambda _line: None, repr=False)
    hints: Path | None = None
    opened: dict[tuple[Path, bytes], tuple[RawKey, str]] = field(default_factory=dict, repr=False)
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # source -> what it gave
    with_newline: dict[str, str] = field(default_factory=dict, repr=False)  # source -> what it gave, newline kept
    last: RawKey | None = field(default=None, repr=False)  # the key of the journal opened last (None: plain)
    last_source: str | None = None

    def text_from(self, source: str, path: Path) -> str | None:
        """What SOURCE (passphrase_command, MENTORLOG_PASSPHRASE, the prompt) gives, asked once."""
        if source not in self.texts:
            text = self._read(source, path)
            if text is None:
                return None
            self.texts[source] = text
        return self.texts[source]

    def _read(self, source: str, path: Path) -> str | None:
        if source == "passphrase_command":
            if not self.passphrase_command:
                return None
            return run_passphrase_command(self.passphrase_command, self.passphrase_timeout)
        if source == "MENTORLOG_PASSPHRASE":
            if self.passphrase is None:
                return None
            text = one_newline_off(self.passphrase)
            if text != self.passphrase:
                self.with_newline[source] = self.passphrase
            return text
        if self.ask is None:
            return None
        return self.ask(f"Passphrase for {path}")

    def typed(self, text: str) -> None:
        """TEXT as the prompt's answer: a passphrase typed inside an app (`browse`), replacing one typed before."""
        self.texts["the prompt"] = text
        self.with_newline.pop("the prompt", None)

    def other_passphrase(self, used: str) -> str | None:
        """When USED (passphrase_command) gave the passphrase and MENTORLOG_PASSPHRASE is set to another one:
        a line saying which one was used (it is never silently passed over); else None."""
        if used != "passphrase_command" or self.passphrase is None:
            return None
        given = self.texts.get(used)
        if given is None or one_newline_off(self.passphrase) == given:
            return None
        return _(
            "MENTORLOG_PASSPHRASE is set, but passphrase_command (config.toml) gave another passphrase, and "
            "passphrase_command comes first: it was used"
        )

    def candidates(self, path: Path, salt: bytes) -> Iterator[tuple[str, RawKey]]:
        """(source, key) in the order of the sources; later sources are not asked until needed."""
        if keyring_noted(self.hints, path):
            try:
                entry = keyring_entry(path)
            except MentorlogError:
                entry = None
                self.debug("the keyring package is not installed; trying the next source")
            except Exception as exc:  # no usable backend (a headless machine): the next source, silently
                entry = None
                self.debug(f"no usable keyring ({type(exc).__name__}); trying the next source")
            raw = RawKey.parse(entry.get("key", "")) if entry else None
            if raw is not None:
                yield "the keyring", raw
            else:
                self.debug("no key for this journal in the keyring; trying the next source")
        for source in SOURCES:
            text = self.text_from(source, path)
            if text is not None:
                yield source, key_from(text, salt)

    def passphrase_text(self) -> str | None:
        """The passphrase (not a raw key) a source of this command gave, if any."""
        for text in self.texts.values():
            if RawKey.parse(text) is None:
                return text
        return None


def run_passphrase_command(command: str, timeout: float = 60.0) -> str:
    """The first line of what `passphrase_command` prints (run by the shell; the terminal stays its own, so
    gpg or pass can ask for their own passphrase). A failure, an empty line, or no answer within TIMEOUT
    seconds is an error, never skipped."""
    import subprocess

    try:
        process = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE)
    except OSError as exc:
        raise MentorlogError(
            _("passphrase_command could not run: {strerror}").format(strerror=os_reason(exc))
        ) from None
    try:
        output, _unused = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # the shell is killed; what it started and still holds the pipe is not waited for (the pipe is closed)
        process.kill()
        assert process.stdout is not None
        process.stdout.close()
        process.wait()
        raise MentorlogError(
            _("passphrase_command gave no passphrase within {seconds:g} seconds; it was stopped").format(
                seconds=timeout
            ),
            _("Run it yourself to see why; passphrase_timeout in config.toml gives it longer."),
        ) from None
    except BaseException:
        process.kill()
        process.wait()
        raise
    if process.returncode != 0:
        raise MentorlogError(
            _("passphrase_command failed (exit {returncode})").format(returncode=process.returncode),
            _("Run it yourself to see why; check config.toml."),
        )
    lines = output.decode("utf-8", "replace").splitlines()
    first = lines[0].rstrip("\r") if lines else ""
    if not first:
        raise MentorlogError(_("passphrase_command printed no passphrase"), _("Its first line of output is taken."))
    return first


# opening -------------------------------------------------------------------------------------------


def sqlcipher() -> Any:
    """The sqlcipher3 module, or None when the encryption extra is not installed."""
    try:
        import sqlcipher3
    except ImportError:
        return None
    return sqlcipher3


def not_installed(path: Path) -> MentorlogError:
    return MentorlogError(
        _("{path} is an encrypted journal (or not a journal at all), and SQLCipher is not installed").format(path=path),
        _("Install the encryption extra: {INSTALL}").format(INSTALL=INSTALL),
    )


def connect(uri: str, key: RawKey | None, *, busy_timeout: float = 5.0) -> sqlite3.Connection:
    """A SQLCipher connection to URI keyed with KEY (None: a plain file), in autocommit mode like _connect."""
    module = sqlcipher()
    if module is None:
        raise not_installed(Path(uri))
    conn = module.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error message, not SQLCipher's log line
    if key is not None:
        conn.execute(f'PRAGMA key = "{key.pragma}"')
    return cast("sqlite3.Connection", conn)


def _opens(conn: sqlite3.Connection) -> bool:
    module = sqlcipher()
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError as exc:
        if "not a database" in str(exc):
            return False
        raise
    return True


def open_encrypted(
    path: Path, head: bytes, keys: Keys | None, busy_timeout: float
) -> tuple[sqlite3.Connection, RawKey]:
    """A connection to the encrypted journal at PATH (HEAD: its first 16 bytes, the salt), with its key."""
    if sqlcipher() is None:
        raise not_installed(path)
    keys = keys or Keys()
    salt = head[:SALT_BYTES]
    uri = path.as_uri()
    known = keys.opened.get((path, salt))
    tries = [(known[1], known[0])] if known else keys.candidates(path, salt)
    for source, key in tries:
        conn = connect(uri, key, busy_timeout=busy_timeout)
        try:
            opens = _opens(conn)
        except BaseException:
            conn.close()
            raise
        if not opens and source in keys.with_newline:
            conn.close()  # encrypted before one trailing newline was taken off: the passphrase it was given
            key = key_from(keys.with_newline[source], salt)
            conn = connect(uri, key, busy_timeout=busy_timeout)
            opens = _opens(conn)
            if opens:
                keys.texts[source] = keys.with_newline[source]
                keys.warn(
                    _(
                        "this journal's passphrase ends in a newline (from {source}); it opened with it. "
                        "`mentorlog passphrase` sets one without"
                    ).format(source=source)
                )
        if opens:
            keys.opened[(path, salt)] = (key, source)
            keys.last, keys.last_source = key, source
            keys.debug(f"the key of {path} came from {source}")
            other = keys.other_passphrase(source)
            if other:
                keys.warn(other)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            return conn, key
        conn.close()
        if source != "the keyring":
            other = keys.other_passphrase(source)
            raise WrongPassphrase(
                WRONG,
                _("It came from passphrase_command, which comes before MENTORLOG_PASSPHRASE (set too, and different).")
                if other
                else None,
            )
        keys.warn(_("the key in the keyring no longer opens this journal; trying the next source"))
    raise NoPassphrase(
        _("{path} is encrypted, and no passphrase was given").format(path=path),
        _("Set passphrase_command (config.toml) or MENTORLOG_PASSPHRASE, or use a terminal."),
    )


def sync_secret(keys: Keys, path: Path) -> str:
    """For `sync` (issue #17): the secret to encrypt PATH's change files with (age passphrase mode, pyrage).

    Call it after the journal was opened in this command (so `keys.last` is set). It comes from the keyring
    entry when the key came from there, else from the passphrase a source gave; a raw key cannot give it.
    """
    if keys.last_source == "the keyring":
        entry = keyring_entry(path)
        if entry and entry.get("sync"):
            return entry["sync"]
    for source in SOURCES:
        keys.text_from(source, path)
        text = keys.passphrase_text()
        if text is not None:
            return sync_secret_from(text)
    raise MentorlogError(
        _("sync of an encrypted journal needs its passphrase, not only a raw key"),
        _("Give it by MENTORLOG_PASSPHRASE, passphrase_command or the prompt."),
    )
