"""encrypt, decrypt and passphrase killed at every step and at random moments: the journal is always either the
old one or the new one, whole, and the next command works. Real processes of this tree's code."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import require_module
from .processes import TREE, command_line, mentorlog, tree_env

pytestmark = pytest.mark.slow
OLD, NEW = "old passphrase for the crash test", "new passphrase for the crash test"
STEPS = ("locked", "checkpointed", "exported", "verified", "moved", "cleaned")  # store/crypto_files.py
TABLES = ("people", "sessions", "actions", "goals", "reflections", "topics", "change_rows")


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_module("sqlcipher3", why="pip install '.[encryption]'")
    path = tmp_path_factory.mktemp("crash") / "original.db"
    subprocess.run(
        [sys.executable, str(TREE / "benchmarks" / "generate.py"), "--db", str(path), "--scale", "0.02"],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return path


def counts(path: Path, passphrase: str | None) -> dict[str, int] | None:
    """Row counts of the journal opened plain (None) or with PASSPHRASE; None when it does not open whole."""
    import sqlcipher3

    conn = sqlcipher3.connect(str(path)) if passphrase else sqlite3.connect(path)
    try:
        if passphrase:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = '{passphrase}'")
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return None
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}
    except (sqlite3.DatabaseError, sqlcipher3.DatabaseError):
        return None
    finally:
        conn.close()


def state(path: Path, expected: dict[str, int]) -> str:
    """'plain', 'old' or 'new': whichever opens the journal whole with every row; anything else fails."""
    header = path.read_bytes()[:16] == b"SQLite format 3\x00"
    for name, passphrase in (("plain", None),) if header else (("old", OLD), ("new", NEW)):
        if counts(path, passphrase) == expected:
            return name
    raise AssertionError(f"the journal is neither the old one nor the new one (plain header: {header})")


def prepared(original: Path, tmp_path: Path, start: str) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "journal.db"
    path.write_bytes(original.read_bytes())
    env = tree_env(path)
    if start != "plain":
        done = mentorlog({**env, "MENTORLOG_PASSPHRASE": OLD}, "encrypt")
        assert done.returncode == 0, done.stderr
    return path, env


OPERATIONS = {
    # operation: (state before, state after, command, environment)
    "encrypt": ("plain", "old", ["encrypt"], {"MENTORLOG_PASSPHRASE": OLD}),
    "passphrase": ("old", "new", ["passphrase"], {"MENTORLOG_PASSPHRASE": OLD, "MENTORLOG_NEW_PASSPHRASE": NEW}),
    "decrypt": ("old", "plain", ["decrypt"], {"MENTORLOG_PASSPHRASE": OLD}),
}


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_kill_at_every_step_leaves_the_old_or_the_new_journal(
    original: Path, tmp_path: Path, operation: str, step: str
) -> None:
    before, after, command, extra = OPERATIONS[operation]
    path, env = prepared(original, tmp_path, before)
    expected = counts(original, None)
    assert expected is not None
    marker = tmp_path / "pause"
    process = subprocess.Popen(
        command_line(*command), env={**env, **extra, "MENTORLOG_TEST_PAUSE": str(marker)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        said = marker.read_text() if marker.exists() else ""  # read once: the process may be writing it
        if said.endswith(f" {step}"):
            process.send_signal(signal.SIGKILL)
            break
        if " " in said:
            marker.unlink()  # on to the next step
        time.sleep(0.002)
    assert process.wait(timeout=60) == -signal.SIGKILL, f"{operation} never reached {step}"
    marker.unlink()
    landed = state(path, expected)
    assert landed == (after if STEPS.index(step) >= STEPS.index("moved") else before)
    # the next command works, and the same operation, run again, completes and leaves no stray copy behind
    passphrase = {"plain": {}, "old": {"MENTORLOG_PASSPHRASE": OLD}, "new": {"MENTORLOG_PASSPHRASE": NEW}}[landed]
    listed = mentorlog({**env, **passphrase}, "actions", "--json")
    assert listed.returncode == 0, listed.stderr
    if landed == before:
        again = mentorlog({**env, **extra}, *command)
        assert again.returncode == 0, again.stderr
        assert state(path, expected) == after
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".journal.db")) == []


def test_kills_at_random_moments_never_leave_neither(original: Path, tmp_path: Path) -> None:
    path, env = prepared(original, tmp_path, "plain")
    expected = counts(original, None)
    assert expected is not None
    began = time.monotonic()  # one whole run each way, to aim the kills at the time a conversion takes here
    assert mentorlog({**env, "MENTORLOG_PASSPHRASE": OLD}, "encrypt").returncode == 0
    assert mentorlog({**env, "MENTORLOG_PASSPHRASE": OLD}, "decrypt").returncode == 0
    duration = (time.monotonic() - began) / 2
    rng = random.Random(14)
    killed, seen = 0, set()
    for _ in range(24):
        current = state(path, expected)
        seen.add(current)
        operation = "encrypt" if current == "plain" else "decrypt"
        _, _, command, extra = OPERATIONS[operation]
        process = subprocess.Popen(
            command_line(*command), env={**env, **extra}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.1, 1.4) * duration)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
    seen.add(state(path, expected))
    assert killed >= 5, "the kills should land while the journal is being converted"
    assert seen == {"plain", "old"}


def test_a_command_that_waits_during_encrypt_opens_the_new_journal(original: Path, tmp_path: Path) -> None:
    path, env = prepared(original, tmp_path, "plain")
    expected = mentorlog(env, "actions", "--json").stdout
    marker = tmp_path / "pause"
    converting = subprocess.Popen(
        command_line("encrypt"), env={**env, "MENTORLOG_PASSPHRASE": OLD, "MENTORLOG_TEST_PAUSE": str(marker)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        said = marker.read_text() if marker.exists() else ""  # read once: the process may be writing it
        if said.endswith(" verified"):
            break
        if " " in said:
            marker.unlink()
        time.sleep(0.002)
    reader = subprocess.Popen(
        command_line("actions", "--json"), env={**env, "MENTORLOG_PASSPHRASE": OLD},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(0.5)
    assert reader.poll() is None, "the reader must wait while the journal is being replaced"
    while converting.poll() is None and time.monotonic() < deadline:
        if marker.exists():
            marker.unlink()
        time.sleep(0.002)
    assert converting.wait() == 0
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert out == expected and state(path, counts(original, None) or {}) == "old"


def test_encrypt_waits_for_a_running_command_and_then_gives_up(original: Path, tmp_path: Path) -> None:
    import fcntl
    import os

    path, env = prepared(original, tmp_path, "plain")
    before = path.read_bytes()
    holder = os.open(path, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_SH)  # what every running mentorlog holds
    try:
        done = mentorlog({**env, "MENTORLOG_PASSPHRASE": OLD, "MENTORLOG_BUSY_TIMEOUT": "0.5"}, "encrypt")
    finally:
        os.close(holder)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"Error: the journal {path} is in use (waited 0.5 s)",
        "Another mentorlog has the journal open; try again when it is done.",
    ]
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".journal")] == []
