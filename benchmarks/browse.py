"""How fast `mentorlog browse` shows its first screen and moves between people, and how much memory it takes.

    python benchmarks/generate.py --db /tmp/forty-years.db --scale 4
    python benchmarks/browse.py --db /tmp/forty-years.db [--runs 5]

benchmarks/run.py runs the same measurement on the largest journal it generates and reports it in
docs/benchmarks.md ("Browse"); this script is the same thing on its own.

Each run is a new process (the imports are part of the start), timed from just before the parent starts it:
the child imports the CLI's pieces and Textual as `mentorlog browse` does, opens the journal, and runs the app
headless at 80x24 through Textual's own test driver (`App.run_test`); the first screen counts as drawn when the
app has mounted, read the people and today's view and rendered once (the first `pilot.pause()`). Then it
moves the cursor from each person to the next (each move reads that person's agenda, sessions, actions,
topics and goals and renders them) and reports the median and slowest move, and the process's peak resident
memory (VmHWM in /proc/self/status: Linux keeps ru_maxrss across exec, so a child of the large runner would report
the runner's size). A move is timed through Pilot's pause, which costs ~20 ms by itself (printed too), so
the figure is an upper bound. A real terminal adds writing the escape sequences, which the headless driver skips.
Targets (issue 27): first screen <= 1 s on the scale-4 journal, a move <= 100 ms, memory < 150 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TREE = Path(__file__).resolve().parent.parent
TODAY = "2026-11-26"  # the generator's today
SIZE = (80, 24)
# issue 27's targets; each is judged on the slowest run or move and on the largest peak, so "met" means every one met it
FIRST_S, MOVE_MS, MEMORY_MB = 1.0, 100.0, 150.0

CHILD = r"""
import asyncio, json, os, sys, time
launched = float(os.environ["BROWSE_LAUNCHED"])
from pathlib import Path
import contextlib
from mentorlog.base.config import Settings
from mentorlog.store.journal import open_for_command
import textual  # as the command does before it starts the app
from mentorlog.tui.app import BrowseApp

settings = Settings.load(None)
db = Path(os.environ["MENTORLOG_DB"])
size = tuple(int(part) for part in os.environ["BROWSE_SIZE"].split("x"))

@contextlib.contextmanager
def opener(write, command):
    with open_for_command(db, write=write, clock=settings.clock, command=command) as journal:
        yield journal

app = BrowseApp(opener, settings.clock.today)
moves, cpu, idle, reads = [], [], [], []
first = {}

async def main():
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        first["seconds"] = time.time() - launched
        from textual.widgets import OptionList
        people = app.query_one("#people", OptionList)
        people.focus()
        for index in range(1, people.option_count):
            start, used = time.perf_counter(), time.process_time()
            people.highlighted = index
            await pilot.pause()
            moves.append(time.perf_counter() - start)
            cpu.append(time.process_time() - used)  # this process's CPU in the move, Pilot's own included
            start = time.perf_counter()
            await pilot.pause()  # nothing changed: what Pilot's own pause costs
            idle.append(time.perf_counter() - start)
            start = time.perf_counter()
            app.show(people.get_option_at_index(index).id)  # read the person and build the lines, no drawing
            reads.append(time.perf_counter() - start)
            await pilot.pause()

asyncio.run(main())
# this process's own high-water mark (VmHWM, KiB): ru_maxrss would keep the launching runner's size across exec
with open("/proc/self/status", encoding="ascii") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
from importlib.metadata import version
print(json.dumps({"first": first["seconds"], "moves": moves, "cpu": cpu, "idle": idle, "reads": reads,
                  "peak_mb": peak, "people": len(moves), "textual": version("textual")}))
"""


def one_run(db: Path, python: str = sys.executable, tree: Path | None = TREE) -> dict[str, Any]:
    """One fresh process on DB: its raw figures. TREE (None: the mentorlog installed beside PYTHON) is put first on
    the path; without it the child runs in the journal's folder, so that no source tree in the working folder is
    imported instead."""
    env = {**os.environ, "MENTORLOG_TODAY": TODAY, "NO_COLOR": "1", "MENTORLOG_DB": str(db)}
    env["BROWSE_SIZE"] = "x".join(str(part) for part in SIZE)
    if tree is None:
        env.pop("PYTHONPATH", None)
    else:
        env["PYTHONPATH"] = os.pathsep.join([str(tree), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["BROWSE_LAUNCHED"] = repr(time.time())
    done = subprocess.run(
        [python, "-c", CHILD], env=env, capture_output=True, text=True, check=True, cwd=None if tree else db.parent
    )
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


def measure(db: Path, runs: int, python: str = sys.executable, tree: Path | None = TREE) -> dict[str, Any]:
    """RUNS fresh processes on DB, one after the other: the raw runs, the size and the load around them."""
    load = [os.getloadavg()[0]]
    measured = [one_run(db, python, tree) for _ in range(runs)]
    load.append(os.getloadavg()[0])
    return {"size": list(SIZE), "runs": measured, "load": load, "textual": measured[0]["textual"]}


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures the report and this script show, each computed from the raw runs."""
    moves = [move * 1000 for run in runs for move in run["moves"]]
    cpu = [used * 1000 for run in runs for used in run.get("cpu", [])]
    idle = [pause * 1000 for run in runs for pause in run["idle"]]
    reads = [read * 1000 for run in runs for read in run["reads"]]
    firsts = [run["first"] for run in runs]
    return {
        "runs": len(runs),
        "people": runs[0]["people"],
        "moves": len(moves),
        "first_median_s": statistics.median(firsts),
        "first_max_s": max(firsts),
        "move_median_ms": statistics.median(moves),
        "move_max_ms": max(moves),
        "cpu_median_ms": statistics.median(cpu) if cpu else None,
        "cpu_max_ms": max(cpu) if cpu else None,
        "idle_median_ms": statistics.median(idle),
        "read_median_ms": statistics.median(reads),
        "read_max_ms": max(reads),
        "peak_mb": max(run["peak_mb"] for run in runs),
    }


def verdicts(figures: dict[str, Any]) -> dict[str, bool]:
    """Issue 27's targets, each judged on the slowest run or move and the largest peak."""
    return {
        "first": figures["first_max_s"] <= FIRST_S,
        "move": figures["move_max_ms"] <= MOVE_MS,
        "memory": figures["peak_mb"] < MEMORY_MB,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    measured = measure(args.db, args.runs)
    figures, met = summary(measured["runs"]), verdicts(summary(measured["runs"]))
    said = {True: "met", False: "MISSED"}
    print(f"journal: {args.db} ({args.db.stat().st_size / 1e6:.1f} MB), {figures['people']} people listed")
    print(
        f"first screen: median {figures['first_median_s']:.3f} s, slowest {figures['first_max_s']:.3f} s "
        f"(target <= {FIRST_S:g} s: {said[met['first']]})"
    )
    print(
        f"move between people: median {figures['move_median_ms']:.1f} ms, slowest {figures['move_max_ms']:.1f} ms "
        f"over {figures['moves']} moves (target <= {MOVE_MS:g} ms: {said[met['move']]})"
    )
    print(
        f"  of which Pilot's pause alone (nothing to do): median {figures['idle_median_ms']:.1f} ms; "
        f"reading the person and building the lines: median {figures['read_median_ms']:.1f} ms, "
        f"slowest {figures['read_max_ms']:.1f} ms; this process's CPU per move: median "
        f"{figures['cpu_median_ms']:.1f} ms, most {figures['cpu_max_ms']:.1f} ms"
    )
    print(f"peak memory: {figures['peak_mb']:.0f} MB (target < {MEMORY_MB:g} MB: {said[met['memory']]})")
    print(f"load average (1 min) before and after: {measured['load'][0]:.2f}, {measured['load'][1]:.2f}")


if __name__ == "__main__":
    main()
