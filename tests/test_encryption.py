"""Encryption at rest: encrypt, decrypt, passphrase; the key sources; what the file and its WAL give away.

Needs the extra (`pip install '.[encryption]'`): these tests skip without it, and fail under MENTORLOG_TEST_STRICT=1.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import Run, require_module
from .processes import command_line, mentorlog, tree_env

FIXTURE = Path(__file__).parent / "fixtures" / "schema-m001.db"
PASSPHRASE = "correct horse battery staple"
SELECT, VARIABLE = "tests.keyring_file.FileKeyring", "TEST_KEYRING_FILE"  # tests/keyring_file.py (needs keyring)
HEADER = b"SQLite format 3\x00"
# Every kind of text a person types: names, titles, notes, feedback, tags, goals, actions, reflections, topics.
SECRETS = ["Quokkastein", "Zanzibar offsite", "sabbatical", "burnout", "promotion packet", "xylophonist",
           "Confidential feedback about Marguerite", "fjordwalk", "lighthouse keeper", "Tangerine review"]  # fmt: skip


@pytest.fixture(autouse=True)
def extra() -> None:
    require_module("sqlcipher3", why="pip install '.[encryption]'")
    require_module("keyring", why="pip install '.[encryption]'")
    use_keyring(None)


def use_keyring(monkeypatch: pytest.MonkeyPatch | None, store: Path | None = None) -> None:
    """The file keyring of tests/keyring_file.py with STORE, else no usable keyring (as on a headless machine);
    for this process (keyring keeps its backend once chosen) and for the processes it starts."""
    import keyring
    from keyring.backends import fail

    from .keyring_file import FileKeyring

    if monkeypatch is not None:
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", SELECT if store else "keyring.backends.fail.Keyring")
        if store:
            monkeypatch.setenv(VARIABLE, str(store))
    keyring.set_keyring(FileKeyring() if store else fail.Keyring())


def fill(run: Run) -> None:
    steps = [
        ["person", "add", "Quokkastein", "--role", "mentee", "--cadence", "2w"],
        ["note", "--with", "quokka", "--title", "Zanzibar offsite", "--feedback",
         "Confidential feedback about Marguerite", "--confidence", "4",
         "Talked about a sabbatical and burnout. #fjordwalk", "--action", "draft the promotion packet"],
        ["goal", "add", "Become a lighthouse keeper", "--with", "quokka", "--tag", "xylophonist"],
        ["reflect", "Tangerine review went well"],
        ["topic", "add", "Ask about the sabbatical budget", "--with", "quokka"],
    ]  # fmt: skip
    for step in steps:
        result = run(*step)
        assert result.exit_code == 0, (step, result.output)


def encrypt(run: Run, monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    result = run("encrypt", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Encrypted ")


def dump(run: Run) -> dict[str, object]:
    result = run("export", "--format", "json", "--all", "--include-private")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    data.pop("exported_at", None)
    return dict(data)


def readable(data: bytes) -> list[str]:
    return [secret for secret in SECRETS if secret.encode() in data or secret.lower().encode() in data.lower()]


def test_the_encrypted_file_has_no_header_and_no_plain_text(run: Run, db_path: Path, monkeypatch) -> None:
    fill(run)
    assert readable(db_path.read_bytes()) != []  # the check can see them in a plain journal
    encrypt(run, monkeypatch)
    data = db_path.read_bytes()
    assert not data.startswith(HEADER) and readable(data) == []
    assert oct(db_path.stat().st_mode & 0o777) == "0o600"
    assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0
    assert [a["text"] for a in json.loads(run("actions", "--json").stdout)] == ["draft the promotion packet"]


def test_encrypt_then_decrypt_gives_an_identical_journal(run: Run, db_path: Path, monkeypatch) -> None:
    fill(run)
    before = dump(run)
    plain = sorted(sqlite3.connect(db_path).iterdump())  # every statement; sqlcipher_export orders the schema its way
    encrypt(run, monkeypatch)
    assert dump(run) == before
    result = run("decrypt")
    assert result.exit_code == 0 and result.stdout.startswith(f"Decrypted {db_path}: it is plain SQLite again")
    assert db_path.read_bytes().startswith(HEADER)
    assert sorted(sqlite3.connect(db_path).iterdump()) == plain
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    assert dump(run) == before


def test_the_whole_path_works_on_an_encrypted_journal(run: Run, run_json, db_path: Path, monkeypatch, tmp_path) -> None:
    fill(run)
    encrypt(run, monkeypatch)
    second = run("note", "--with", "quokka", "Second meeting #fjordwalk", "--action", "call the lighthouse")
    assert second.exit_code == 0
    assert [a["text"] for a in run_json("actions")] == ["draft the promotion packet", "call the lighthouse"]
    hits = run_json("search", "sabbatical")
    assert sorted(h["kind"] for h in hits) == ["session", "topic"]
    exported = run("export", "--since", "1y", "-o", str(tmp_path / "review.md"))
    assert exported.exit_code == 0 and "exports are plain text by design" in exported.stderr
    assert "Zanzibar offsite" in (tmp_path / "review.md").read_text()
    assert "undid" in run("undo").stdout.lower()
    assert [a["text"] for a in run_json("actions")] == ["draft the promotion packet"]
    backup = tmp_path / "copy.db"
    result = run("backup", str(backup))
    assert result.exit_code == 0 and "(encrypted with the same key)" in result.stdout
    assert not backup.read_bytes().startswith(HEADER) and readable(backup.read_bytes()) == []
    assert [p["name"] for p in run_json("--db", str(backup), "people")] == ["Quokkastein"]
    dumped = tmp_path / "dump.json"
    assert run("export", "--format", "json", "--all", "--include-private", "-o", str(dumped)).exit_code == 0
    target = tmp_path / "restored.db"
    assert run("--db", str(target), "import", str(dumped)).exit_code == 0
    assert run("--db", str(target), "encrypt").exit_code == 0
    assert [s["title"] for s in run_json("--db", str(target), "sessions")] == ["Zanzibar offsite"]
    again = run("--db", str(target), "import", str(dumped))
    assert again.exit_code == 0 and again.stdout.startswith("Nothing to import")


@pytest.mark.parametrize("command", [["actions"], ["note", "more"], ["export"], ["backup"], ["decrypt"]])
def test_a_wrong_passphrase_is_one_line_and_changes_nothing(run: Run, db_path: Path, monkeypatch, command) -> None:
    fill(run)
    encrypt(run, monkeypatch)
    before = db_path.read_bytes()
    folder = sorted(p.name for p in db_path.parent.iterdir())
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse battery stapler")
    result = run(*command)
    assert result.exit_code == 1
    assert result.stderr == "Error: wrong passphrase, or not a mentorlog journal\n"
    assert result.stdout == "" and "Traceback" not in result.output
    assert db_path.read_bytes() == before and sorted(p.name for p in db_path.parent.iterdir()) == folder


def test_without_any_key_source_it_says_how_to_give_one(run: Run, monkeypatch) -> None:
    fill(run)
    encrypt(run, monkeypatch)
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    result = run("actions")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith("is encrypted, and no passphrase was given")
    assert "MENTORLOG_PASSPHRASE" in result.stderr.splitlines()[1]


def test_passphrase_command_gives_the_first_line(run: Run, run_json, monkeypatch, tmp_path: Path) -> None:
    fill(run)
    encrypt(run, monkeypatch)
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    config = Path(os.environ["MENTORLOG_CONFIG"])
    config.write_text(f"passphrase_command = \"printf '{PASSPHRASE}\\\\nsecond line\\\\n'\"\n")
    assert [p["name"] for p in run_json("people")] == ["Quokkastein"]
    config.write_text('passphrase_command = "exit 3"\n')
    failed = run("actions")
    assert failed.exit_code == 1 and failed.stderr.startswith("Error: passphrase_command failed (exit 3)")
    config.write_text('passphrase_command = "echo wrong"\n')
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)  # the command comes first and decides, and says so
    assert run("actions").stderr.startswith("Error: wrong passphrase, or not a mentorlog journal\nIt came from")


def test_a_headless_keyring_is_passed_over_silently_and_debug_names_the_source(run: Run, monkeypatch) -> None:
    fill(run)
    encrypt(run, monkeypatch)
    refused = run("passphrase", "--keyring")  # the fail backend: no usable keyring here
    assert refused.exit_code == 1 and "no usable OS keyring" in refused.stderr
    quiet = run("actions")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    monkeypatch.setenv("MENTORLOG_DEBUG", "1")
    loud = run("actions")
    assert loud.exit_code == 0
    assert "came from MENTORLOG_PASSPHRASE" in loud.stderr and PASSPHRASE not in loud.output


def test_the_keyring_holds_the_raw_key_and_needs_no_passphrase(run: Run, db_path, monkeypatch, tmp_path) -> None:
    store = tmp_path / "keyring.json"
    use_keyring(monkeypatch, store)
    fill(run)
    encrypt(run, monkeypatch, "--keyring")
    entry = json.loads(json.loads(store.read_text())[f"mentorlog\n{db_path}"])
    assert entry["key"].startswith("x'") and len(entry["key"]) == 99 and PASSPHRASE not in store.read_text()
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    monkeypatch.setenv("MENTORLOG_DEBUG", "1")
    listed = run("people", "--json")
    assert json.loads(listed.stdout)[0]["name"] == "Quokkastein"
    assert "came from the keyring" in listed.stderr and entry["key"][2:20] not in listed.stderr
    monkeypatch.delenv("MENTORLOG_DEBUG")
    # the raw key is SQLCipher's own derivation: sqlcipher with the passphrase opens the file, and vice versa
    import sqlcipher3

    conn = sqlcipher3.connect(str(db_path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert conn.execute("SELECT name FROM people").fetchall() == [("Quokkastein",)]
    conn.close()
    # another machine changed the passphrase: the stale key is passed over with a warning
    use_keyring(monkeypatch, None)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("MENTORLOG_NEW_PASSPHRASE", "a new one for the other machine")
    assert run("passphrase").exit_code == 1  # the keyring is noted for this journal, but unusable here
    use_keyring(monkeypatch, store)
    saved = store.read_text()
    assert run("passphrase").exit_code == 0
    store.write_text(saved)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "a new one for the other machine")
    stale = run("actions")
    assert stale.exit_code == 0 and stale.stderr.startswith("Warning: the key in the keyring no longer opens")
    assert run("decrypt").exit_code == 0 and json.loads(store.read_text()) == {}


def test_passphrase_changes_the_key_and_backups_keep_the_old_one(run: Run, run_json, db_path, monkeypatch) -> None:
    fill(run)
    encrypt(run, monkeypatch)
    assert run("backup").exit_code == 0
    salt = db_path.read_bytes()[:16]
    monkeypatch.setenv("MENTORLOG_NEW_PASSPHRASE", "tangerine lighthouse")
    changed = run("passphrase")
    assert changed.exit_code == 0 and changed.stdout.startswith("Changed the passphrase of")
    assert db_path.read_bytes()[:16] != salt
    assert run("actions").stderr == "Error: wrong passphrase, or not a mentorlog journal\n"
    backup = next(db_path.parent.glob("journal-backup-*"))
    assert [p["name"] for p in run_json("--db", str(backup), "people")] == ["Quokkastein"]
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "tangerine lighthouse")
    raw = run("passphrase", "--print-raw-key")
    assert raw.exit_code == 0 and raw.stdout.startswith("x'")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", raw.stdout.strip())  # a raw key works where a passphrase does
    assert [a["text"] for a in run_json("actions")] == ["draft the promotion packet"]


def test_refusals(run: Run, db_path: Path, monkeypatch) -> None:
    assert run("encrypt").stderr.startswith("Error: there is no journal at")
    fill(run)
    assert run("decrypt").stderr == f"Error: {db_path} is not encrypted\n"
    empty = run("encrypt")  # not a terminal, and no passphrase given
    assert empty.exit_code == 1 and empty.stderr.startswith("Error: no new passphrase given")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "   ")
    assert run("encrypt").stderr.startswith("Error: the passphrase is empty")
    assert db_path.read_bytes().startswith(HEADER)
    encrypt(run, monkeypatch)
    assert run("encrypt").stderr.startswith(f"Error: {db_path} is already encrypted")


def test_encrypt_lists_the_plain_backups_beside_the_journal(run: Run, db_path: Path, monkeypatch) -> None:
    fill(run)
    assert run("backup").exit_code == 0
    (db_path.parent / "unrelated.db").write_bytes(HEADER)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    result = run("encrypt")
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Warning: these plain copies of journal text")
    assert len(lines) == 3 and lines[1].strip().startswith(str(db_path.parent / "journal-backup-"))
    assert run("backup").exit_code == 0
    assert run("decrypt").exit_code == 0  # (an encrypted backup is not plain: not listed)
    drafts = db_path.parent / "journal.db.drafts"
    drafts.mkdir()
    (drafts / "note.md").write_text("a draft about the sabbatical")
    result = run("encrypt")
    assert [line.strip() for line in result.stderr.splitlines()[1:-1]] == [
        str(sorted(db_path.parent.glob("journal-backup-*"))[0]),
        str(drafts / "note.md"),
    ]  # the first is plain


def test_an_old_encrypted_journal_is_upgraded_with_an_encrypted_backup(run: Run, run_json, tmp_path) -> None:
    import sqlcipher3

    path = tmp_path / "old.db"
    conn = sqlcipher3.connect(str(FIXTURE))
    conn.execute("ATTACH DATABASE ? AS target KEY ?", [str(path), PASSPHRASE])
    conn.execute("SELECT sqlcipher_export('target')")
    conn.close()
    result = run("--db", str(path), "sessions", "--json", env={"MENTORLOG_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 0, result.output
    assert [s["title"] for s in json.loads(result.stdout)] == ["Kickoff"]
    (backup,) = tmp_path.glob("old.db.before-upgrade-*.bak")
    assert not backup.read_bytes().startswith(HEADER)
    hits = run("--db", str(backup), "search", "delegation", "--json", env={"MENTORLOG_PASSPHRASE": PASSPHRASE})
    assert [h["kind"] for h in json.loads(hits.stdout)] == ["session"]  # (this opening migrates the copy)


# processes ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_file_and_its_wal_hold_no_plain_text_while_a_writer_has_them_open(run: Run, db_path, monkeypatch) -> None:
    import sqlcipher3

    fill(run)
    encrypt(run, monkeypatch)
    env = tree_env(db_path, MENTORLOG_PASSPHRASE=PASSPHRASE)
    raw = run("passphrase", "--print-raw-key").stdout.strip()
    holder = sqlcipher3.connect(str(db_path), isolation_level=None)
    holder.execute(f'PRAGMA key = "{raw}"')
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM sessions").fetchone()  # a reader: no checkpoint can empty the WAL
    try:
        for secret in SECRETS[:5]:
            assert mentorlog(env, "note", "--with", "quokka", f"More on {secret} #{secret.split()[0]}").returncode == 0
        marker = db_path.parent / "paused"
        writer = subprocess.Popen(
            command_line("note", "--with", "quokka", " ".join(SECRETS) * 200, "--title", SECRETS[-1]),
            env={**env, "MENTORLOG_TEST_PAUSE": str(marker)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert marker.exists(), "the writer never reached its commit"
        wal = Path(f"{db_path}-wal").read_bytes()
        assert len(wal) > 4096 * 5  # the committed notes (and the paused writer's spilled pages) are in it
        assert readable(wal) == [] and readable(db_path.read_bytes()) == []
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        marker.unlink()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_loading_keyring_defers_urllib_request_and_it_still_works() -> None:
    code = (
        "import sys; from mentorlog.store.crypto import cipher as crypto; crypto._keyring()\n"
        "print(type(sys.modules['urllib.request']).__name__)\n"
        "from urllib.request import Request; import urllib.request, jaraco.context\n"
        "print(Request.__name__, urllib.request.urlopen.__name__, type(sys.modules['urllib.request']).__name__,"
        " jaraco.context.urllib.request.urlopen.__name__)"
    )
    done = subprocess.run([sys.executable, "-c", code], env=tree_env(), capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["_Deferred", "Request urlopen module urlopen"]


def test_the_sync_secret_follows_the_passphrase_not_the_file(run: Run, db_path: Path, monkeypatch, tmp_path) -> None:
    """For `sync` (#17): two machines' journals have different salts, yet one passphrase gives one secret."""
    from mentorlog.store.crypto import cipher as crypto

    fill(run)
    other = tmp_path / "other.db"
    assert run("--db", str(other), "action", "add", "x").exit_code == 0
    encrypt(run, monkeypatch)
    assert run("--db", str(other), "encrypt").exit_code == 0
    assert db_path.read_bytes()[:16] != other.read_bytes()[:16]
    secrets = []
    for path in (db_path, other):
        keys = crypto.Keys(passphrase=PASSPHRASE)
        crypto.open_encrypted(path, path.read_bytes()[:16], keys, 5.0)[0].close()
        secrets.append(crypto.sync_secret(keys, path))
    assert secrets[0] == secrets[1] == crypto.sync_secret_from(PASSPHRASE) and PASSPHRASE not in secrets[0]
    raw = crypto.Keys(passphrase=run("passphrase", "--print-raw-key").stdout.strip())
    crypto.open_encrypted(db_path, db_path.read_bytes()[:16], raw, 5.0)[0].close()
    with pytest.raises(crypto.MentorlogError, match="needs its passphrase, not only a raw key"):
        crypto.sync_secret(raw, db_path)


def test_an_encrypted_journal_syncs_through_age_files_another_machine_reads(
    run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issues 14 and 17 together: the change files of an encrypted journal hold no readable note, and a
    second machine with the same passphrase (its own encrypted journal, another salt) applies them."""
    fill(run)
    encrypt(run, monkeypatch)
    shared = tmp_path / "shared"
    shared.mkdir()
    sent = run("sync", str(shared))
    assert sent.exit_code == 0, sent.output
    files = {p.name: p.read_bytes() for p in shared.rglob("*") if p.is_file()}
    assert any(name.endswith(".jsonl.age") for name in files)
    assert all(readable(data) == [] for data in files.values())
    other = ["--db", str(tmp_path / "laptop.db")]
    assert run(*other, "note", "placeholder").exit_code == 0
    assert run(*other, "encrypt").exit_code == 0
    received = run(*other, "sync", str(shared))
    assert received.exit_code == 0, received.output
    names = [p["name"] for p in json.loads(run(*other, "people", "--json").stdout)]
    assert names == ["Quokkastein"]
