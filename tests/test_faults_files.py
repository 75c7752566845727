"""Issue 10, files: nothing mentorlog writes can land on the journal, every file is private and whole,
symlinks are written through, backups verify, and read-only places are read without harm."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from mentorlog.store.files import write_atomic

from .conftest import Run, counts
from .processes import mentorlog, tree_env

PLAIN_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def seeded(run: Run) -> None:
    assert run("note", "secret notes", "--action", "x").exit_code == 0


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_export_backup_onto_the_journals_own_files_is_refused(
    run: Run, db_path: Path, tmp_path: Path, suffix: str
) -> None:
    seeded(run)
    target = Path(f"{db_path}{suffix}")
    before = db_path.read_bytes()
    for args in (["export", "-o", str(target)], ["export", "-f", "json", "--all", "-o", str(target)],
                 ["backup", str(target)]):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "this journal's own file" in result.stderr
    assert db_path.read_bytes() == before and run("sessions", "--json").exit_code == 0


def test_the_journal_reached_through_a_symlink_or_dotdot_is_refused_too(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    seeded(run)
    link = tmp_path / "innocent.md"
    link.symlink_to(db_path)
    sideways = db_path.parent / ".." / db_path.parent.name / db_path.name
    wal_link = tmp_path / "notes.txt"
    wal_link.symlink_to(Path(f"{db_path}-wal"))  # dangling or not: it resolves to the journal's log
    for target in (link, sideways, wal_link):
        result = run("export", "-o", str(target))
        assert result.exit_code == 2 and "this journal's own file" in result.stderr, target
    assert run("sessions", "--json").exit_code == 0


def test_output_through_a_symlink_writes_the_target_and_keeps_the_link(run: Run, tmp_path: Path) -> None:
    seeded(run)
    real = tmp_path / "exports" / "review.md"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "review-link.md"
    link.symlink_to(real)
    assert run("export", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and "secret notes" in real.read_text()
    assert real.stat().st_mode & 0o777 == 0o600


def test_a_dangling_symlink_journal_is_created_private(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "journal.db"
    link = tmp_path / "link.db"
    link.symlink_to(target)
    old = os.umask(0o022)
    try:
        assert run("--db", str(link), "note", "x").exit_code == 0
    finally:
        os.umask(old)
    assert link.is_symlink() and target.stat().st_mode & 0o777 == 0o600
    assert target.parent.stat().st_mode & 0o777 == 0o700


def test_backup_onto_a_dangling_symlink_writes_through_it(run: Run, tmp_path: Path) -> None:
    seeded(run)
    target = tmp_path / "copy.db"
    link = tmp_path / "backup-link.db"
    link.symlink_to(target)
    assert run("backup", str(link)).exit_code == 0
    assert link.is_symlink() and target.stat().st_mode & 0o777 == 0o600
    assert sqlite3.connect(target).execute("SELECT count(*) FROM sessions").fetchone()[0] == 1


@pytest.mark.parametrize("name", ["what?.db", "hash#tag.db", "per%cent.db", "spa ce.db"])
def test_backup_of_a_journal_whose_path_needs_escaping_is_a_real_copy(run: Run, tmp_path: Path, name: str) -> None:
    folder = tmp_path / f"dir{name[:4]}"
    db = ["--db", str(folder / name)]
    assert run(*db, "note", "kept", "--action", "a").exit_code == 0
    result = run(*db, "backup")
    assert result.exit_code == 0, result.output
    copies = [p for p in folder.iterdir() if "-backup-" in p.name]
    assert len(copies) == 1
    copy = sqlite3.connect(copies[0])
    assert copy.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    assert copy.execute("SELECT count(*) FROM actions").fetchone()[0] == 1


def test_two_backups_in_one_second_both_succeed(run: Run, db_path: Path) -> None:
    seeded(run)
    assert run("backup").exit_code == 0 and run("backup").exit_code == 0
    assert len([p for p in db_path.parent.iterdir() if "-backup-" in p.name]) == 2


def test_a_backup_that_does_not_verify_is_removed_and_reported(
    run: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorlog.store import backup

    seeded(run)
    original = backup.table_counts
    calls = {"n": 0}

    def short_count(db: sqlite3.Connection) -> dict[str, int]:
        calls["n"] += 1
        found = original(db)
        return found if calls["n"] == 1 else {**found, "sessions": found["sessions"] - 1}

    monkeypatch.setattr(backup, "table_counts", short_count)
    result = run("backup")
    assert result.exit_code == 1 and "did not verify" in result.stderr
    assert [p for p in db_path.parent.iterdir() if "-backup-" in p.name] == []


def test_an_export_to_a_pipe_or_device_writes_into_it_and_leaves_it_in_place(run: Run, tmp_path: Path) -> None:
    """`-o /dev/null`, `-o /dev/stdout` or a named pipe is written to as it is: a temporary file renamed over it would
    leave a regular file in its place (as root, over /dev/null itself)."""
    import json
    import stat
    import threading

    assert run("note", "--with", "Ana", "The plan", "--create").exit_code == 0
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = run("export", "--format", "json", "--all", "-o", str(pipe))
    reader.join(timeout=20)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)  # still the pipe, not a file put in its place
    assert [session["notes"] for session in json.loads(received[0])["sessions"]] == ["The plan"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".pipe")) == []  # no temporary left


def test_an_interrupted_write_leaves_no_partial_file(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"

    def pieces() -> object:
        yield "private notes " * 1000
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "dump.json", pieces(), journal=journal)  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.slow
def test_ctrl_c_during_an_export_leaves_no_hidden_partial_dump(tmp_path: Path) -> None:
    import signal
    import sys
    import time

    db = tmp_path / "big.db"
    env = tree_env(db)
    assert mentorlog(env, "--db", str(db), "demo", "--json").returncode == 0
    stop = tmp_path / "stop"
    # the export pauses on its first piece, so the interrupt certainly lands in the middle of writing
    code = (
        "import os, time, runpy, sys\n"
        "from mentorlog.store import files\n"
        "real = files.write_atomic\n"
        "def slow(target, pieces, *, journal):\n"
        "    def paused():\n"
        "        for index, piece in enumerate(pieces):\n"
        "            if index == 1:\n"
        f"                open({str(stop)!r}, 'w').close(); time.sleep(600)\n"
        "            yield piece\n"
        "    return real(target, paused(), journal=journal)\n"
        "files.write_atomic = slow\n"
        "sys.argv = ['mentorlog', 'export', '-f', 'json', '--all', '-o', sys.argv[1]]\n"
        "runpy.run_module('mentorlog', run_name='__main__')\n"
    )
    out = tmp_path / "out" / "dump.json"
    out.parent.mkdir()
    process = subprocess.Popen(  # Ctrl-C as a shell delivers it, whatever an earlier test left ignored in pytest
        [sys.executable, "-c", code, str(out)], env=env, stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint
    )
    deadline = time.monotonic() + 60
    while not stop.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert stop.exists() and next(p.name for p in out.parent.iterdir()).endswith(".part")
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "Interrupted" in err
    assert list(out.parent.iterdir()) == []


def _default_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def as_plain_user(argv: list[str]) -> list[str]:
    """Run without root's power to ignore file modes (tests run as root in CI)."""
    return [*PLAIN_USER, *argv] if os.geteuid() == 0 else argv


@pytest.mark.slow
def test_reading_a_read_only_journal_leaves_nothing_that_blocks_later_writes(tmp_path: Path) -> None:
    db = tmp_path / "j" / "journal.db"
    env = tree_env(db)
    assert mentorlog(env, "note", "first", "--action", "x").returncode == 0
    db.chmod(0o400)
    for command in (["people"], ["sessions"], ["actions"], ["export"]):
        done = subprocess.run(as_plain_user([*_python(), *command]), env=env, capture_output=True, text=True)
        assert done.returncode == 0, (command, done.stderr)
    assert sorted(p.name for p in db.parent.iterdir()) == ["journal.db"]
    refused = subprocess.run(as_plain_user([*_python(), "note", "y"]), env=env, capture_output=True, text=True)
    assert refused.returncode == 1 and f"the journal {db} is not writable" in refused.stderr
    db.chmod(0o600)
    after = subprocess.run(as_plain_user([*_python(), "note", "second"]), env=env, capture_output=True, text=True)
    assert after.returncode == 0, after.stderr


@pytest.mark.slow
def test_a_read_only_folder_is_readable_and_errors_name_what_is_in_the_way(tmp_path: Path) -> None:
    db = tmp_path / "j" / "journal.db"
    env = tree_env(db)
    assert mentorlog(env, "note", "first").returncode == 0
    db.parent.chmod(0o500)
    try:
        listed = subprocess.run(as_plain_user([*_python(), "sessions"]), env=env, capture_output=True, text=True)
        assert listed.returncode == 0 and "first" in listed.stdout
        write = subprocess.run(as_plain_user([*_python(), "note", "x"]), env=env, capture_output=True, text=True)
        assert write.returncode == 1 and f"the folder {db.parent} is not writable" in write.stderr
    finally:
        db.parent.chmod(0o700)
    shm = Path(f"{db}-shm")
    shm.write_bytes(b"")
    shm.chmod(0o400)
    os.chown(shm, 65534, -1) if os.geteuid() == 0 else None
    blocked = subprocess.run(as_plain_user([*_python(), "note", "x"]), env=env, capture_output=True, text=True)
    if os.geteuid() == 0:
        assert blocked.returncode == 1 and f"{shm} is not writable" in blocked.stderr
    else:
        assert blocked.returncode == 0  # our own read-only -shm is made writable again


def _python() -> list[str]:
    import sys

    return [sys.executable, "-m", "mentorlog"]


def test_every_file_a_command_creates_is_private(run: Run, db_path: Path, tmp_path: Path) -> None:
    seeded(run)
    old = os.umask(0o000)
    try:
        assert run("export", "-o", str(tmp_path / "r.md")).exit_code == 0
        assert run("export", "-f", "json", "--all", "-o", str(tmp_path / "d.json")).exit_code == 0
        assert run("backup", str(tmp_path / "b.db")).exit_code == 0
    finally:
        os.umask(old)
    for name in ("r.md", "d.json", "b.db"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600, name
    assert counts(db_path)["sessions"] == 1
