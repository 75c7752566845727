"""`encrypt`, `decrypt` and `passphrase`: the journal encrypted at rest (extra `encryption`: SQLCipher, keyring).

Each replaces the journal by a checked copy, atomically (store/crypto_files.py); a kill at any moment leaves
the old journal or the new one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mentorlog.base import config as configuration
from mentorlog.base.errors import MentorlogError
from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.base.safe import inert
from mentorlog.cli import common
from mentorlog.cli.root import command_app

if TYPE_CHECKING:
    from mentorlog.store.crypto.cipher import RawKey

NO_JOURNAL = N_("there is no journal at {path} yet")
NO_NEW_PASSPHRASE = N_("no new passphrase given")
NEW_PASSPHRASE_HINT = N_("Run it on a terminal to type it twice, or set {source}.")
EMPTY = N_("the passphrase is empty")
ALREADY = N_("{path} is already encrypted")
ALREADY_HINT = N_("Change its passphrase with `mentorlog passphrase`; `mentorlog decrypt` makes it plain again.")
NOT_ENCRYPTED = N_("{path} is not encrypted")
ENCRYPTED = N_("Encrypted {path} ({rows} rows checked). Without the passphrase it cannot be read: keep it safe.")
DECRYPTED = N_("Decrypted {path}: it is plain SQLite again ({rows} rows checked). Encrypted backups stay encrypted.")
CHANGED = N_("Changed the passphrase of {path} ({rows} rows checked). Backups made before keep the old passphrase.")
IN_KEYRING = N_("The key is in the OS keyring: commands on this machine need no passphrase.")
LEFT_KEYRING = N_("The key was removed from the OS keyring.")
PLAIN_COPIES = N_("Warning: these plain copies of journal text beside it are still readable without a passphrase:")
PLAIN_COPIES_HINT = N_("Delete them, or keep them somewhere as safe as the passphrase.")
PLAIN_SYNC_HINT = N_(
    "To leave no plain copy: encrypt the journal on every machine, sync them all into a new, empty folder "
    "(the first sync there sends the whole journal, encrypted), then delete the old folder."
)
SYNC_REWRAP = N_(
    "This journal syncs: its next `mentorlog sync` wraps this device's key in the sync folder with the new "
    "passphrase, so a machine that knows only the new one reads this device's files, old ones too. Change the "
    "passphrase on your other machines as well: each wraps its own key at its next sync."
)
RAW_KEY_NOTE = N_(
    "This raw key opens the journal and its backups until the passphrase changes, without key derivation; "
    "keep it like the passphrase (e.g. `pass insert -m mentorlog-key`, then passphrase_command)."
)


def _journal_path() -> Path:
    from mentorlog.store.db import resolve

    path = resolve(common.state().db_path)
    if not path.exists():
        raise MentorlogError(_(NO_JOURNAL).format(path=path), _("Write something first, or point --db at the journal."))
    return path


def _require_extra() -> None:
    from mentorlog.store.crypto.cipher import INSTALL, sqlcipher

    if sqlcipher() is None:
        raise MentorlogError(
            _("SQLCipher is not installed"), _("Install the encryption extra: {INSTALL}").format(INSTALL=INSTALL)
        )


def _current_key() -> RawKey | None:
    """Open the journal once (checks it, migrates it, and finds an encrypted one's key the usual way)."""
    with common.journal(write=False):
        pass
    return common.journal_key()


def _new_passphrase(*, for_encrypt: bool) -> str:
    """encrypt: passphrase_command, else MENTORLOG_PASSPHRASE, else typed twice on a terminal.
    passphrase: MENTORLOG_NEW_PASSPHRASE, else typed twice (the other sources give the current one)."""
    settings = common.state().settings
    text: str | None
    if for_encrypt:
        from mentorlog.store.crypto.cipher import SOURCES

        keys = common.keys()
        path = _journal_path()
        text = keys.text_from("passphrase_command", path) or keys.text_from("MENTORLOG_PASSPHRASE", path)
        other = keys.other_passphrase(SOURCES[0]) if text is not None else None
        if other:
            typer.echo(_("Warning: {line}").format(line=other), err=True)
        source = _("MENTORLOG_PASSPHRASE or passphrase_command in config.toml")
    else:
        from mentorlog.store.crypto.cipher import one_newline_off

        given = settings.environment.new_passphrase
        text = one_newline_off(given) if given is not None else None
        source = "MENTORLOG_NEW_PASSPHRASE"
    if text is None:
        if not common.stdin_is_terminal():
            raise MentorlogError(_(NO_NEW_PASSPHRASE), _(NEW_PASSPHRASE_HINT).format(source=source))
        text = common.ask_passphrase(_("New passphrase"), twice=True)
    if not text.strip():
        raise MentorlogError(_(EMPTY), _("Choose a long one: several words are easy to type and hard to guess."))
    return text


def _convert(path: Path, source: RawKey | None, target: RawKey | None) -> int:
    from mentorlog.store.crypto.files import convert
    from mentorlog.store.db import BOOKKEEPING

    settings = common.state().settings
    counts = convert(
        path,
        source=source,
        target=target,
        busy_timeout=settings.environment.busy_timeout,
        pause=settings.environment.test_pause,
    )
    return sum(count for table, count in counts.items() if table not in BOOKKEEPING)


def _store_in_keyring(path: Path, key: RawKey, passphrase: str) -> None:
    from mentorlog.store.crypto import cipher as crypto

    sync = None if crypto.RawKey.parse(passphrase) else crypto.sync_secret_from(passphrase)
    crypto.keyring_store(configuration.keyring_hints_file(), path, key, sync)


encrypt_app = command_app()


@encrypt_app.command()
def encrypt(
    keyring: bool = typer.Option(
        False, "--keyring", help="Also keep the key in the OS keyring (then no passphrase is asked)."
    ),
) -> None:
    """Encrypt the journal in place with a passphrase (SQLCipher; extra `mentorlog[encryption]`).

    The passphrase comes from passphrase_command in the config, else MENTORLOG_PASSPHRASE, else it is asked
    twice on a terminal. The encrypted copy is written beside the journal, checked, and moved over it.
    """
    from mentorlog.store.crypto import cipher as crypto
    from mentorlog.store.crypto.files import plain_copies

    _require_extra()
    path = _journal_path()
    with common.journal(write=False) as journal:
        synced = journal.sync.sync_state() is not None
    if common.journal_key() is not None:
        raise MentorlogError(_(ALREADY).format(path=path), _(ALREADY_HINT))
    if keyring:
        crypto.keyring_check()
    passphrase = _new_passphrase(for_encrypt=True)
    key = crypto.RawKey.new(passphrase)
    rows = _convert(path, None, key)
    common.say(_(ENCRYPTED).format(path=inert(str(path)), rows=rows))
    if keyring:
        _store_in_keyring(path, key, passphrase)
        common.say(_(IN_KEYRING))
    copies = plain_copies(path)
    if copies:
        typer.echo(_(PLAIN_COPIES), err=True)
        for copy in copies:
            typer.echo(f"  {inert(str(copy))}", err=True)
        typer.echo(_(PLAIN_COPIES_HINT), err=True)
    _tell_plain_change_files(path, synced=synced)


def _tell_plain_change_files(path: Path, *, synced: bool) -> None:
    """After `encrypt`: the change files sync wrote while the journal was plain stay plain in the sync folder."""
    configured = common.state().config.sync_dir
    folder = Path(configured).expanduser() if configured else None
    plain: list[Path] = []
    if folder is not None and folder.is_dir():
        from mentorlog.store.sync.files import DiskFolder

        shared = DiskFolder(folder, path)
        plain = [shared.root / device / name for device in shared.devices() for _seq, name in shared.files(device)
                 if name.endswith(".jsonl")]  # fmt: skip
    if plain:
        typer.echo(
            ngettext(
                "Warning: the sync folder {folder} holds {n} plain change file, readable without a passphrase "
                "(from before, or from a machine whose journal is plain); this journal's next ones are encrypted.",
                "Warning: the sync folder {folder} holds {n} plain change files, readable without a passphrase "
                "(from before, or from a machine whose journal is plain); this journal's next ones are encrypted.",
                len(plain),
            ).format(folder=inert(str(folder)), n=len(plain)),
            err=True,
        )
    elif synced:
        typer.echo(
            _(
                "Warning: this journal synced before it was encrypted: the change files it wrote then are plain "
                "text and stay readable in that sync folder; its next ones are encrypted."
            ),
            err=True,
        )
    else:
        return
    typer.echo(_(PLAIN_SYNC_HINT), err=True)


decrypt_app = command_app()


@decrypt_app.command()
def decrypt() -> None:
    """Turn the encrypted journal back into plain SQLite, in place (checked; its key leaves the keyring)."""
    from mentorlog.store.crypto import cipher as crypto

    _require_extra()
    path = _journal_path()
    key = _current_key()
    if key is None:
        raise MentorlogError(_(NOT_ENCRYPTED).format(path=path))
    rows = _convert(path, key, None)
    common.say(_(DECRYPTED).format(path=inert(str(path)), rows=rows))
    if crypto.keyring_forget(configuration.keyring_hints_file(), path):
        common.say(_(LEFT_KEYRING))


passphrase_app = command_app()


@passphrase_app.command()
def passphrase(
    keyring: bool = typer.Option(False, "--keyring", help="Keep the new key in the OS keyring."),
    print_raw_key: bool = typer.Option(
        False, "--print-raw-key", help="Print the journal's raw key (for a fast passphrase_command) and change nothing."
    ),
) -> None:
    """Change the passphrase of the encrypted journal (a rekey: a new key and salt, checked, moved over it).

    The current key comes the usual way (keyring, passphrase_command, MENTORLOG_PASSPHRASE, prompt); the new
    passphrase from MENTORLOG_NEW_PASSPHRASE, else it is asked twice on a terminal. A key kept in the keyring
    is replaced there.
    """
    from mentorlog.store.crypto import cipher as crypto

    _require_extra()
    path = _journal_path()
    with common.journal(write=False) as journal:
        synced = journal.sync.sync_state() is not None
    key = common.journal_key()
    if key is None:
        raise MentorlogError(_(NOT_ENCRYPTED).format(path=path), _("Encrypt it with `mentorlog encrypt`."))
    if print_raw_key:
        common.say(key.pragma)
        typer.echo(_(RAW_KEY_NOTE), err=True)
        return
    hints = configuration.keyring_hints_file()
    keep = keyring or crypto.keyring_noted(hints, path)
    if keep:
        crypto.keyring_check()
    new = _new_passphrase(for_encrypt=False)
    new_key = crypto.RawKey.new(new)
    rows = _convert(path, key, new_key)
    common.say(_(CHANGED).format(path=inert(str(path)), rows=rows))
    if keep:
        _store_in_keyring(path, new_key, new)
        common.say(_(IN_KEYRING))
    if synced:
        common.say(_(SYNC_REWRAP))
