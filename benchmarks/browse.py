"""How fast `mentorlog browse` shows its first screen and moves between people, and how much memory it takes.

    python benchmarks/generate.py --db /tmp/forty-years.db --scale 4
    python benchmarks/browse.py --db /tmp/forty-years.db [--runs 5]

Each run is a new process (the imports are part of the start), timed from just before the parent starts it:
the child imports the CLI's pieces and Textual as `mentorlog browse` does, opens the journal, and runs the app
headless at 80x24 through Textual's own test driver (`App.run_test`); the first screen counts as drawn when the
app has mounted, read the people and today's view and rendered once (the first `pilot.pause()`). Then it
moves the cursor from each person to the next (each move reads that person's agenda, sessions, actions,
topics and goals and renders them) and reports the median and slowest move, and the process's peak resident
memory (ru_maxrss). A move is timed through Pilot's pause, which costs ~20 ms by itself (printed too), so
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

TREE = Path(__file__).resolve().parent.parent
TODAY = "2026-11-26"  # the generator's today

CHILD = r"""
import asyncio, json, os, resource, sys, time
launched = float(os.environ["BROWSE_LAUNCHED"])
from pathlib import Path
import contextlib
from mentorlog.base.config import Settings
from mentorlog.store.journal import open_for_command
import textual  # as the command does before it starts the app
from mentorlog.tui.app import BrowseApp

settings = Settings.load(None)
db = Path(os.environ["MENTORLOG_DB"])

@contextlib.contextmanager
def opener(write, command):
    with open_for_command(db, write=write, clock=settings.clock, command=command) as journal:
        yield journal

app = BrowseApp(opener, settings.clock.today)
moves, idle, reads = [], [], []
first = {}

async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first["seconds"] = time.time() - launched
        from textual.widgets import OptionList
        people = app.query_one("#people", OptionList)
        people.focus()
        for index in range(1, people.option_count):
            start = time.perf_counter()
            people.highlighted = index
            await pilot.pause()
            moves.append(time.perf_counter() - start)
            start = time.perf_counter()
            await pilot.pause()  # nothing changed: what Pilot's own pause costs
            idle.append(time.perf_counter() - start)
            start = time.perf_counter()
            app.show(people.get_option_at_index(index).id)  # read the person and build the lines, no drawing
            reads.append(time.perf_counter() - start)
            await pilot.pause()

asyncio.run(main())
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
print(json.dumps({"first": first["seconds"], "moves": moves, "idle": idle, "reads": reads, "peak_mb": peak,
                  "people": len(moves)}))
"""


def one_run(db: Path) -> dict[str, float]:
    env = {**os.environ, "MENTORLOG_TODAY": TODAY, "NO_COLOR": "1", "MENTORLOG_DB": str(db)}
    env["PYTHONPATH"] = os.pathsep.join([str(TREE), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["BROWSE_LAUNCHED"] = repr(time.time())
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
    data: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = [one_run(args.db) for _ in range(args.runs)]
    firsts = [run["first"] for run in runs]
    moves = [move for run in runs for move in run["moves"]]  # type: ignore[attr-defined]
    idle = [pause for run in runs for pause in run["idle"]]  # type: ignore[attr-defined]
    reads = [read for run in runs for read in run["reads"]]  # type: ignore[attr-defined]
    peaks = [run["peak_mb"] for run in runs]
    print(f"journal: {args.db} ({args.db.stat().st_size / 1e6:.1f} MB), {runs[0]['people']:.0f} people listed")
    print(f"first screen: median {statistics.median(firsts):.3f} s, slowest {max(firsts):.3f} s (target <= 1 s)")
    print(
        f"move between people: median {statistics.median(moves) * 1000:.1f} ms, "
        f"slowest {max(moves) * 1000:.1f} ms over {len(moves)} moves (target <= 100 ms)"
    )
    print(
        f"  of which Pilot's pause alone (nothing to do): median {statistics.median(idle) * 1000:.1f} ms; "
        f"reading the person and building the lines: median {statistics.median(reads) * 1000:.1f} ms, "
        f"slowest {max(reads) * 1000:.1f} ms"
    )
    print(f"peak memory: {max(peaks):.0f} MB (target < 150 MB)")


if __name__ == "__main__":
    main()
