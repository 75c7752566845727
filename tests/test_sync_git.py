"""A real git repository as the transport: two clones of a bare repository on disk, each with its own journal;
sync, commit, pull, push, sync again, and both journals end up with the same dump (apart from local ids)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .conftest import Run, require_program


def git(folder: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "pull.rebase=false",
               "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args]  # fmt: skip
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=True)
    return done.stdout


def publish(clone: Path, *, pull: bool = True) -> None:
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "mentorlog sync", "--allow-empty")
    if pull:
        git(clone, "pull", "-q", "--no-edit", "origin", "main")
    git(clone, "push", "-q", "origin", "HEAD:main")


def comparable(run: Run, db: Path) -> dict[str, dict[str, dict]]:
    result = run("--db", str(db), "export", "--format", "json", "--all", "--include-private")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    tables = ("people", "goals", "sessions", "progress_updates", "actions", "reflections", "topics")
    return {
        table: {
            r["uuid"]: {k: sorted(v) if k == "goal_uuids" else v for k, v in r.items() if k != "id"}
            for r in data[table]
        }
        for table in tables
    }


def test_two_machines_share_one_journal_through_a_git_repository(run: Run, tmp_path: Path) -> None:
    require_program("git", why="the git transport test")
    origin, laptop, desktop = tmp_path / "origin.git", tmp_path / "laptop", tmp_path / "desktop"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "-q", str(origin), str(seed))
    (seed / "README").write_text("mentorlog sync folder\n")
    publish(seed, pull=False)
    for clone in (laptop, desktop):
        git(tmp_path, "clone", "-q", str(origin), str(clone))
    on_laptop = ["--db", str(tmp_path / "laptop.db")]
    on_desktop = ["--db", str(tmp_path / "desktop.db")]

    run(*on_laptop, "person", "add", "Anna", "--role", "mentee")
    run(*on_laptop, "goal", "add", "Give a talk", "--with", "anna")
    run(*on_laptop, "note", "--with", "anna", "--goal", "1", "Outline #talk", "--action", "draft slides")
    assert run(*on_laptop, "sync", str(laptop)).exit_code == 0
    publish(laptop)

    git(desktop, "pull", "-q", "--no-edit", "origin", "main")
    assert "Applied 1 file from 1 device" in run(*on_desktop, "sync", str(desktop)).stdout
    run(*on_desktop, "action", "done", "1")
    run(*on_desktop, "goal", "progress", "1", "40", "--note", "outline done")
    # meanwhile on the laptop, unaware of it: the same goal edited, a reflection added
    run(*on_laptop, "edit", "goal", "1", "--description", "at the spring meetup")
    run(*on_laptop, "reflect", "Practising out loud helps")
    run(*on_desktop, "sync", str(desktop))
    publish(desktop)
    run(*on_laptop, "sync", str(laptop))
    publish(laptop)  # pulls the desktop's files: different folders, so git merges without conflicts
    run(*on_laptop, "sync", str(laptop))
    publish(laptop)
    git(desktop, "pull", "-q", "--no-edit", "origin", "main")
    run(*on_desktop, "sync", str(desktop))

    laptop_dump, desktop_dump = comparable(run, tmp_path / "laptop.db"), comparable(run, tmp_path / "desktop.db")
    assert laptop_dump == desktop_dump
    (goal,) = laptop_dump["goals"].values()
    assert goal["description"] == "at the spring meetup"
    assert [a["status"] for a in laptop_dump["actions"].values()] == ["done"]
    assert len(laptop_dump["reflections"]) == 1 and len(laptop_dump["progress_updates"]) == 1
    assert git(laptop, "status", "--porcelain") == ""
