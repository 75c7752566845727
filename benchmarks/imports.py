"""Imports from other tools and the vault export, timed against mentorlog's own dump (issue 26's targets).

    python benchmarks/imports.py                      # 10,000 jrnl entries, 50,000 tasks, the scale-1 vault
    python benchmarks/imports.py --entries 1000 --tasks 5000 --scale 0.1   # a quick check

For each source it writes an export of that size in the tool's own shape (jrnl --export json; task export,
with tags, projects, annotations and every status), imports it into an empty journal, dumps that journal with
`export --format json --all`, and imports the dump into another empty journal: the same records, both ways.
Each import is its own process; the time is the best of --runs, the memory the peak resident size.
Targets: an import from the tool <= 2x the dump's import, under 150 MB; the vault export of the scale-1 journal
(benchmarks/generate.py) >= 5,000 files/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
WORDS = ("plan", "talk", "review", "feedback", "draft", "deck", "career", "goal", "team", "lead", "code", "design",
         "rollout", "demo", "sql", "data")  # fmt: skip


def run(args: list[str], db: Path) -> tuple[float, float, float]:
    """Seconds, peak MB and CPU seconds (user + system) of `python -m mentorlog --db DB ARGS` in a process of its
    own. On a loaded machine the CPU seconds say more than the wall clock, which also counts the wait for a core."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MENTORLOG_TODAY": "2026-11-26"}
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter();"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); e = time.perf_counter() - t;"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(e, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime); sys.exit(r.returncode)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "mentorlog", "--db", str(db), *args],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds, peak, cpu = out.stdout.split()
    return float(seconds), float(peak), float(cpu)


def best(args: list[str], folder: Path, runs: int) -> tuple[float, float, float]:
    results = []
    for number in range(runs):
        db = folder / f"run-{number}-{time.perf_counter_ns()}.db"
        results.append(run(args, db))
    return min(r[0] for r in results), max(r[1] for r in results), min(r[2] for r in results)


def jrnl_export(entries: int, rng: random.Random) -> dict[str, object]:
    first = date(2016, 1, 1)
    items = []
    for number in range(entries):
        day = first + timedelta(days=number * 3650 // entries)
        body = " ".join(rng.choice(WORDS) for _ in range(150))
        tags = [f"#{rng.choice(WORDS)}"] if number % 3 == 0 else []
        items.append({"title": f"Session {number} about the {rng.choice(WORDS)}.", "body": body,
                      "date": day.isoformat(), "time": f"{9 + number % 8:02d}:{number % 60:02d}",
                      "tags": tags, "starred": number % 50 == 0})  # fmt: skip
    return {"tags": {}, "entries": items}


def task_export(tasks: int, rng: random.Random) -> list[dict[str, object]]:
    start = datetime(2016, 1, 1, tzinfo=UTC)
    items = []
    for number in range(tasks):
        entry = start + timedelta(minutes=number * 100)
        status = rng.choices(["pending", "completed", "deleted", "waiting"], [5, 85, 8, 2])[0]
        task: dict[str, object] = {
            "id": number + 1, "description": f"Task {number}: {' '.join(rng.choice(WORDS) for _ in range(8))}",
            "entry": entry.strftime("%Y%m%dT%H%M%SZ"),
            "modified": (entry + timedelta(days=3)).strftime("%Y%m%dT%H%M%SZ"),
            "status": status, "uuid": f"{number:08x}-0000-4000-8000-{number:012x}", "urgency": 1.0,
        }  # fmt: skip
        if number % 2:
            task["due"] = (entry + timedelta(days=14)).strftime("%Y%m%dT%H%M%SZ")
        if number % 4 == 0:
            task["project"] = rng.choice(WORDS)
            task["tags"] = [rng.choice(WORDS)]
        if number % 10 == 0:
            task["annotations"] = [{"entry": task["entry"], "description": "asked again"}]
        if status in ("completed", "deleted"):
            task["end"] = (entry + timedelta(days=2)).strftime("%Y%m%dT%H%M%SZ")
        items.append(task)
    return items


def compare(name: str, source: str, data: object, folder: Path, runs: int) -> dict[str, float]:
    export = folder / f"{name}.json"
    export.write_text(json.dumps(data))
    seeded = folder / f"{name}-seed.db"
    run(["import", "--from", source, str(export)], seeded)
    dump = folder / f"{name}-dump.json"
    run(["export", "--format", "json", "--all", "--include-private", "-o", str(dump)], seeded)
    foreign = best(["import", "--from", source, str(export)], folder, runs)
    own = best(["import", str(dump)], folder, runs)
    return {"foreign_s": foreign[0], "foreign_mb": foreign[1], "foreign_cpu": foreign[2], "dump_s": own[0],
            "dump_mb": own[1], "dump_cpu": own[2], "ratio": foreign[0] / own[0],
            "cpu_ratio": foreign[2] / own[2]}  # fmt: skip


def vault(scale: float, folder: Path, runs: int) -> dict[str, float]:
    from generate import generate

    db = Path(os.environ.get("MENTORLOG_BENCH_JOURNAL", "")) or folder / "journal.db"
    if not db.exists() or db == Path():
        db = folder / "journal.db"
        generate(db, scale)
    seconds, cpus = [], []
    files = 0
    for number in range(runs):
        out = folder / f"vault-{number}"
        took, _peak, cpu = run(["export", "--format", "vault", "--include-private", "-o", str(out)], db)
        seconds.append(took)
        cpus.append(cpu)
        files = sum(1 for _ in out.rglob("*.md"))
    return {"files": files, "seconds": min(seconds), "files_per_s": files / min(seconds), "cpu": min(cpus),
            "files_per_cpu_s": files / min(cpus)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--tasks", type=int, default=50_000)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(26)
    with tempfile.TemporaryDirectory(prefix="mentorlog-imports-") as name:
        folder = Path(name)
        results = {
            f"jrnl, {args.entries} entries": compare("jrnl", "jrnl", jrnl_export(args.entries, rng), folder, args.runs),
            f"taskwarrior, {args.tasks} tasks": compare(
                "tasks", "taskwarrior", task_export(args.tasks, rng), folder, args.runs
            ),
        }
        for label, found in results.items():
            print(
                f"{label}: {found['foreign_s']:.2f} s ({found['foreign_cpu']:.2f} s CPU), {found['foreign_mb']:.0f} MB;"
                f" the same records from the dump: {found['dump_s']:.2f} s ({found['dump_cpu']:.2f} s CPU),"
                f" {found['dump_mb']:.0f} MB; ratio {found['ratio']:.2f}, in CPU {found['cpu_ratio']:.2f}"
                " (target <= 2, < 150 MB)"
            )
        found = vault(args.scale, folder, args.runs)
        print(
            f"vault export, scale {args.scale}: {found['files']:.0f} files in {found['seconds']:.2f} s ="
            f" {found['files_per_s']:.0f} files/s; {found['cpu']:.2f} s CPU = {found['files_per_cpu_s']:.0f} files per"
            " CPU second (target >= 5,000 files/s)"
        )


if __name__ == "__main__":
    main()
