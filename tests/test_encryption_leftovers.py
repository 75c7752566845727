"""What a killed `decrypt` (or `encrypt`, `passphrase`) leaves beside the journal — a whole copy of it, plain text
after a decrypt — is reported and removed by the next command that opens the journal (issue #23, fault 11)."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import Run, require_module
from .processes import command_line, mentorlog, tree_env
from .test_encryption import PASSPHRASE, encrypt, extra, fill

__all__ = ["extra"]  # skips without the encryption extra

PLAIN = b"SQLite format 3\x00"


def beside(db_path: Path) -> list[str]:
    return sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(f".{db_path.name}"))


def test_a_plain_copy_left_by_a_killed_decrypt_is_reported_and_removed(run: Run, db_path: Path, monkeypatch) -> None:
    fill(run)
    encrypt(run, monkeypatch)
    stray = db_path.with_name(f".{db_path.name}.mentorlog-new-4242")
    stray.write_bytes(PLAIN + b"Quokkastein sabbatical" * 100)  # as a decrypt killed after its export
    Path(f"{stray}-journal").write_bytes(b"")
    listed = run("people", "--json")  # a read: any command opening the journal
    assert listed.exit_code == 0 and json.loads(listed.stdout)[0]["name"] == "Quokkastein"
    assert listed.stderr == (
        f"Warning: removed {stray}, a plain-text copy of the journal that an interrupted decrypt left behind\n"
    )
    assert beside(db_path) == []
    assert run("people", "--json").stderr == ""  # said once


def test_an_encrypted_copy_is_removed_too_and_a_copy_in_use_is_left_alone(run: Run, db_path: Path, monkeypatch) -> None:
    fill(run)
    stray = db_path.with_name(f".{db_path.name}.mentorlog-new-77")
    stray.write_bytes(os.urandom(4096))  # an encrypt killed half-way: ciphertext, still a copy
    busy = db_path.with_name(f".{db_path.name}.mentorlog-new-78")
    busy.write_bytes(PLAIN)
    fd = os.open(busy, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a running decrypt holds its copy
    try:
        result = run("note", "more")
        assert result.exit_code == 0
        assert result.stderr == (
            f"Warning: removed {stray}, a copy of the journal that an interrupted encrypt, decrypt or passphrase "
            "left behind\n"
        )
        assert beside(db_path) == [busy.name]
    finally:
        os.close(fd)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    assert run("encrypt").exit_code == 0
    assert beside(db_path) == []


@pytest.mark.slow
def test_a_decrypt_killed_mid_way_leaves_no_plain_copy_after_the_next_command(tmp_path: Path) -> None:
    require_module("sqlcipher3", why="pip install '.[encryption]'")
    path = tmp_path / "journal.db"
    env = {**tree_env(path), "MENTORLOG_PASSPHRASE": PASSPHRASE}
    assert mentorlog(env, "note", "Talked about a sabbatical with Quokkastein").returncode == 0
    assert mentorlog(env, "encrypt").returncode == 0
    marker = tmp_path / "pause"
    process = subprocess.Popen(
        command_line("decrypt"), env={**env, "MENTORLOG_TEST_PAUSE": str(marker)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        said = marker.read_text() if marker.exists() else ""
        if said.endswith(" verified"):  # the plain copy is whole and fsynced beside the journal
            process.send_signal(signal.SIGKILL)
            break
        if " " in said:
            marker.unlink()
        time.sleep(0.002)
    assert process.wait(timeout=60) == -signal.SIGKILL
    marker.unlink()
    strays = [p for p in tmp_path.iterdir() if p.name.startswith(".journal.db.mentorlog-new-")]
    assert strays and strays[0].read_bytes().startswith(PLAIN) and b"sabbatical" in strays[0].read_bytes()
    listed = mentorlog(env, "sessions", "--json")
    assert listed.returncode == 0 and "sabbatical" in listed.stdout
    assert listed.stderr.startswith(f"Warning: removed {strays[0]}, a plain-text copy of the journal")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".journal.db")] == []
    assert not path.read_bytes().startswith(PLAIN)  # the journal stayed encrypted
