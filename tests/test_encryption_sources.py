"""Where an encrypted journal's passphrase comes from, trusted no further than it should be (issue #23, fault 16):
one trailing newline is not part of it, a hanging passphrase_command is stopped, MENTORLOG_PASSPHRASE is never
passed over silently, and `encrypt` says when the sync folder already holds plain change files."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from .conftest import Run
from .test_encryption import PASSPHRASE, encrypt, extra, fill

__all__ = ["extra"]  # the encryption tests' autouse fixture: skips without the extra, no usable keyring


def config(text: str) -> None:
    Path(os.environ["MENTORLOG_CONFIG"]).write_text(text, encoding="utf-8")


def names(run: Run, *args: str) -> list[str]:
    result = run(*args, "people", "--json")
    assert result.exit_code == 0, result.output
    return [person["name"] for person in json.loads(result.stdout)]


def test_one_trailing_newline_of_the_variable_is_not_part_of_the_passphrase(run: Run, monkeypatch) -> None:
    fill(run)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE + "\n")  # as `export MENTORLOG_PASSPHRASE=$(cat f)` can
    assert run("encrypt").exit_code == 0
    for given in (PASSPHRASE, PASSPHRASE + "\n", PASSPHRASE + "\r\n"):
        monkeypatch.setenv("MENTORLOG_PASSPHRASE", given)
        assert names(run) == ["Quokkastein"], repr(given)
    config(f"passphrase_command = \"echo '{PASSPHRASE}'\"\n")  # echo's newline: the same passphrase
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    assert names(run) == ["Quokkastein"]
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE + "\n\n")  # only one newline goes
    config("")
    assert run("actions").stderr == "Error: wrong passphrase, or not a mentorlog journal\n"


def test_the_new_passphrase_loses_one_trailing_newline_too(run: Run, monkeypatch) -> None:
    fill(run)
    encrypt(run, monkeypatch)
    monkeypatch.setenv("MENTORLOG_NEW_PASSPHRASE", "tangerine lighthouse\n")
    assert run("passphrase").exit_code == 0
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "tangerine lighthouse")
    assert names(run) == ["Quokkastein"]


def test_a_journal_encrypted_with_the_newline_kept_still_opens_and_says_so(
    run: Run, db_path: Path, monkeypatch
) -> None:
    from mentorlog.store.crypto.cipher import RawKey
    from mentorlog.store.crypto.files import convert

    fill(run)
    convert(db_path, source=None, target=RawKey.new(PASSPHRASE + "\n"), busy_timeout=5.0, pause=None)  # as before
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE + "\n")
    result = run("people", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["name"] == "Quokkastein"
    assert result.stderr.startswith("Warning: this journal's passphrase ends in a newline")
    assert "`mentorlog passphrase`" in result.stderr


def test_a_hanging_passphrase_command_is_stopped_with_a_clear_error(run: Run, db_path: Path, monkeypatch) -> None:
    fill(run)
    encrypt(run, monkeypatch)
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    before = db_path.read_bytes()
    config('passphrase_command = "sleep 30; echo never"\npassphrase_timeout = 1\n')
    started = time.monotonic()
    result = run("actions")
    assert time.monotonic() - started < 10
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: passphrase_command gave no passphrase within 1 seconds; it was stopped",
        "Run it yourself to see why; passphrase_timeout in config.toml gives it longer.",
    ]
    assert db_path.read_bytes() == before
    config('passphrase_command = "sleep 30"\npassphrase_timeout = 0\n')
    bad = run("actions")
    assert bad.exit_code == 2 and "passphrase_timeout = 0 is not allowed" in bad.stderr
    assert "a number of seconds from 1 to 3600" in bad.stderr


def test_a_variable_that_disagrees_with_passphrase_command_is_never_passed_over_silently(run: Run, monkeypatch) -> None:
    fill(run)
    encrypt(run, monkeypatch)
    config(f"passphrase_command = \"echo '{PASSPHRASE}'\"\n")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)  # the same: nothing to say
    agreed = run("people", "--json")
    assert agreed.exit_code == 0 and agreed.stderr == ""
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "an old passphrase")
    used = run("people", "--json")
    assert used.exit_code == 0 and json.loads(used.stdout)[0]["name"] == "Quokkastein"
    assert used.stderr == (
        "Warning: MENTORLOG_PASSPHRASE is set, but passphrase_command (config.toml) gave another passphrase, "
        "and passphrase_command comes first: it was used\n"
    )
    config('passphrase_command = "echo wrong"\n')
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    wrong = run("actions")
    assert wrong.exit_code == 1
    assert wrong.stderr.splitlines() == [
        "Error: wrong passphrase, or not a mentorlog journal",
        "It came from passphrase_command, which comes before MENTORLOG_PASSPHRASE (set too, and different).",
    ]


def test_encrypt_says_which_source_it_took_when_both_disagree(run: Run, monkeypatch) -> None:
    fill(run)
    config(f"passphrase_command = \"echo '{PASSPHRASE}'\"\n")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "something else")
    result = run("encrypt")
    assert result.exit_code == 0
    assert result.stderr.startswith("Warning: MENTORLOG_PASSPHRASE is set, but passphrase_command")
    config("")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    assert names(run) == ["Quokkastein"]


def test_encrypt_says_the_sync_folder_holds_plain_change_files(run: Run, monkeypatch, tmp_path: Path) -> None:
    fill(run)
    shared = tmp_path / "shared"
    shared.mkdir()
    assert run("sync", str(shared)).exit_code == 0
    config(f'sync_dir = "{shared}"\n')
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    result = run("encrypt")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"Warning: the sync folder {shared} holds 1 plain change file, readable without a passphrase (from "
        "before, or from a machine whose journal is plain); this journal's next ones are encrypted."
    )
    assert lines[1].startswith("To leave no plain copy: encrypt the journal on every machine, sync them all into")


def test_encrypt_after_a_sync_without_a_configured_folder_still_warns(run: Run, monkeypatch, tmp_path: Path) -> None:
    fill(run)
    shared = tmp_path / "shared"
    shared.mkdir()
    assert run("sync", str(shared)).exit_code == 0
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    result = run("encrypt")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Warning: this journal synced before it was encrypted")


def test_encrypt_of_a_journal_that_never_synced_says_nothing_of_sync(run: Run, monkeypatch) -> None:
    fill(run)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    result = run("encrypt")
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.slow
def test_after_passphrase_the_next_sync_rewraps_the_device_key_for_new_machines(
    run: Run, db_path: Path, monkeypatch, tmp_path: Path
) -> None:
    """Fault 9: a machine that knows only the new passphrase reads the files this device wrote before it changed."""
    fill(run)
    encrypt(run, monkeypatch)
    shared = tmp_path / "shared"
    shared.mkdir()
    assert run("sync", str(shared)).exit_code == 0
    [key_file] = list(shared.rglob("key.age"))
    before = key_file.read_bytes()
    monkeypatch.setenv("MENTORLOG_NEW_PASSPHRASE", "tangerine lighthouse")
    changed = run("passphrase")
    assert changed.exit_code == 0
    assert "its next `mentorlog sync` wraps this device's key in the sync folder with the new passphrase" in (
        changed.stdout
    )
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "tangerine lighthouse")
    assert run("goal", "add", "After the change").exit_code == 0
    assert run("sync", str(shared)).exit_code == 0
    assert key_file.read_bytes() != before and oct(key_file.stat().st_mode & 0o777) == "0o600"
    newcomer = ["--db", str(tmp_path / "new-machine.db")]
    assert run(*newcomer, "note", "placeholder").exit_code == 0
    assert run(*newcomer, "encrypt").exit_code == 0  # with the new passphrase only
    received = run(*newcomer, "sync", str(shared))
    assert received.exit_code == 0, received.output
    assert "skipped" not in received.stderr
    assert names(run, *newcomer) == ["Quokkastein"]
    goals = json.loads(run(*newcomer, "goals", "--json").stdout)
    assert "After the change" in {goal["title"] for goal in goals}
    again = key_file.read_bytes()
    assert run("sync", str(shared)).exit_code == 0 and key_file.read_bytes() == again  # wrapped once, not each time


def test_a_machine_whose_key_is_still_wrapped_with_an_old_passphrase_is_named(
    run: Run, monkeypatch, tmp_path: Path
) -> None:
    fill(run)
    encrypt(run, monkeypatch)
    shared = tmp_path / "shared"
    shared.mkdir()
    assert run("sync", str(shared)).exit_code == 0
    newcomer = ["--db", str(tmp_path / "new-machine.db")]
    assert run(*newcomer, "note", "placeholder").exit_code == 0
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "another passphrase")
    assert run(*newcomer, "encrypt").exit_code == 0
    received = run(*newcomer, "sync", str(shared))
    assert received.exit_code == 0
    assert (
        "its device key does not open with this journal's passphrase (if that device's passphrase was changed, "
        "its next sync wraps the key with the new one)"
    ) in received.stderr
