"""`search WORD` on a journal with one long note that repeats the word (issue #23, fault 14).

    python benchmarks/search_long_note.py                       # -> docs/benchmarks-search.md (+ .json)
    python benchmarks/search_long_note.py --runs 3 --output /tmp/s.md   # a quick check

For each size (50 KB, 200 KB, 1 MB, 10 MB) a fresh journal gets that note — sentences in which the searched
word comes every ~33 characters, the worst case for FTS5's snippet(), which scores a fragment around every match
by looking at every match again — and a short note with the word. Timed:

- `mentorlog search delegation` as a user runs it (a fresh process, this tree's code, after one untimed run):
  the median wall time of RUNS runs, and the median CPU time (user + system) of the process;
- what the old query did: FTS5's `snippet()` over the long note (the same MATCH, bm25 and snippet() arguments as
  mentorlog used), timed in this process, for the sizes it finishes within OLD_LIMIT seconds.

The target (issue #23): under 1 s for the 10 MB note.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES = {"50 KB": 50_000, "200 KB": 200_000, "1 MB": 1_000_000, "10 MB": 10_000_000}
SENTENCE = "We spoke about delegation again. "
TARGET = 1.0
OLD_LIMIT = 60.0  # seconds: the old query is not tried on sizes beyond the first that takes longer


def env_for(db: Path, work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORLOG_")}
    env.update(PYTHONPATH=str(ROOT), MENTORLOG_DB=str(db), MENTORLOG_TODAY="2026-11-26", NO_COLOR="1",
               COLUMNS="100", MENTORLOG_CONFIG=str(work / "no-config.toml"))  # fmt: skip
    return env


def make_journal(work: Path, size: int) -> Path:
    db = work / f"journal-{size}.db"
    env = env_for(db, work)
    text = "Kickoff with the team. " + SENTENCE * (size // len(SENTENCE))
    for args, stdin in ((["note", "--title", "Marathon"], text), (["note", "A short note about delegation."], None)):
        subprocess.run([sys.executable, "-m", "mentorlog", *args], input=stdin, env=env, text=True, check=True,
                       capture_output=True, timeout=600)  # fmt: skip
    return db


def timed_search(db: Path, work: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one `mentorlog search delegation` process."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mentorlog", "search", "delegation"], env=env_for(db, work),
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode != 0 or "Marathon" not in done.stdout:
        raise SystemExit(f"search failed: {done.stderr}")
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def old_snippet_seconds(db: Path) -> float:
    """FTS5's snippet() over the matches, as mentorlog's search query asked for it before."""
    sys.path.insert(0, str(ROOT))
    from mentorlog.core.searchquery import fts_query

    conn = sqlite3.connect(db)
    started = time.perf_counter()
    conn.execute(
        "SELECT snippet(search_index, -1, '\x02', '\x03', '…', 16), bm25(search_index, 0, 0, 0, 0, 4.0, 1.0) "
        "FROM search_index WHERE search_index MATCH ?", [fts_query("delegation")]
    ).fetchall()  # fmt: skip
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks-search.md")
    parser.add_argument("--no-old", action="store_true", help="Do not time the old snippet() query.")
    options = parser.parse_args()
    began = time.monotonic()
    load_before = os.getloadavg()[0]
    results: list[dict[str, Any]] = []
    old_too_slow = options.no_old
    with tempfile.TemporaryDirectory(prefix="mentorlog-search-bench-") as folder:
        work = Path(folder)
        for label, size in SIZES.items():
            db = make_journal(work, size)
            timed_search(db, work)  # untimed: caches warm, bytecode written
            runs = [timed_search(db, work) for _ in range(options.runs)]
            old = None
            if not old_too_slow:
                old = old_snippet_seconds(db)
                old_too_slow = old > OLD_LIMIT
            results.append({"size": label, "bytes": size, "wall": [round(w, 4) for w, _c in runs],
                            "cpu": [round(c, 4) for _w, c in runs], "old_snippet": old})  # fmt: skip
            print(label, f"wall {statistics.median(w for w, _c in runs):.3f} s", f"old {old}", file=sys.stderr)
    report = {
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python", "benchmarks/search_long_note.py", *sys.argv[1:]]),
        "machine": f"{os.cpu_count()} cores; {platform.platform()}; Python {platform.python_version()}; "
        f"SQLite {sqlite3.sqlite_version}",
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "minutes": round((time.monotonic() - began) / 60, 1),
        "results": results,
    }
    options.output.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    options.output.write_text(render(report), encoding="utf-8")


def render(report: dict[str, Any]) -> str:
    lines = [
        "# Benchmark: `search` on a long note that repeats the word",
        "",
        f"Written by `{report['command']}` on {report['written']} ({report['minutes']} min); every figure is "
        f"computed from the raw runs in [{Path('benchmarks-search.json')}](benchmarks-search.json).",
        "",
        f"- Machine: {report['machine']}. Load average (1 min) {report['load'][0]} before, {report['load'][1]} "
        "after: other work shared the machine (the CPU column is this process's own time).",
        "- Journal: one note of the size below made of the sentence "
        f"`{SENTENCE.strip()}` (the searched word every {len(SENTENCE)} characters), and one short note with it.",
        "- New: `python -m mentorlog search delegation`, a fresh process each run (after one untimed run): the "
        "median of the runs. The snippet is made from a bounded part of the note (core/snippet.py).",
        "- Old: FTS5's `snippet()` over the same matches, the query mentorlog ran before (timed alone, in "
        f"process; not tried past the first size that took over {OLD_LIMIT:g} s).",
        f"- Target (issue #23): under {TARGET:g} s for the 10 MB note.",
        "",
        "| note | search, wall s (median) | search, CPU s (median) | old snippet() alone, s | verdict |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for result in report["results"]:
        wall, cpu = statistics.median(result["wall"]), statistics.median(result["cpu"])
        old = f"{result['old_snippet']:.2f}" if result["old_snippet"] is not None else "not tried"
        verdict = ("met" if wall < TARGET else "missed") if result["bytes"] >= 10_000_000 else ""
        lines.append(f"| {result['size']} | {wall:.3f} | {cpu:.3f} | {old} | {verdict} |")
    lines += ["", "Runs (wall s):", ""]
    lines += [f"- {result['size']}: " + ", ".join(f"{w:.3f}" for w in result["wall"]) for result in report["results"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
