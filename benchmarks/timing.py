"""Paired timing: two commands in strict turns (first, second, first, second, ...), each a fresh process.

Every timed process is started through spawn.py (wall time and the child's own peak memory) and gets the
next number of one counter, so the raw data shows that the two commands of a series really alternated:
pair k is (seq n, seq n + 1) and pair k + 1 starts at seq n + 2. A series' figure is the median of its
per-pair ratios, never a ratio of two medians taken apart.
"""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_SEQ = itertools.count(1)
Hook = Callable[[], None]


@dataclass
class Command:
    """One side of a pair: what to run, with which environment, and hooks around each run (untimed)."""

    label: str
    argv: list[str]
    env: dict[str, str]
    before: Hook | None = None  # e.g. remove the target journal of an import into an empty one
    after: Hook | None = None  # e.g. undo a write, so that the journal does not grow


def run_once(command: Command, *, timed: bool = True) -> dict[str, Any]:
    """Run COMMAND once through spawn.py: {seq, seconds, peak_kb, code} (seq only when timed)."""
    if command.before:
        command.before()
    done = subprocess.run(
        [sys.executable, str(HERE / "spawn.py"), *command.argv],
        env=command.env,
        capture_output=True,
        text=True,
        check=False,
    )
    seq = next(_SEQ) if timed else None
    seconds, peak, code = done.stdout.split()
    if int(code) != 0:
        sys.stderr.write(f"  ! {command.label} exited {code}: {done.stderr[-400:]!r}\n")
    elif command.after:
        command.after()
    return {"seq": seq, "seconds": float(seconds), "peak_kb": int(peak), "code": int(code)}


def output_of(command: Command) -> str:
    """COMMAND's standard output (an untimed run, which also warms it up)."""
    if command.before:
        command.before()
    done = subprocess.run(command.argv, env=command.env, capture_output=True, text=True, check=False)
    if done.returncode == 0 and command.after:
        command.after()
    return done.stdout


ROW_PATTERNS = {
    # a table row starts with an id, or with a search hit's kind and id (continuation lines do not)
    "mentorlog": re.compile(r"^\s*(?:(?:session|reflection|goal|action|topic)\s+)?\d+\s{2}"),
    "jrnl": re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} "),  # an entry's first line
    "task": re.compile(r"^\s*\d+\s+\S"),  # a report row starts with the task id
}


def count_rows(text: str, kind: str) -> int:
    pattern = ROW_PATTERNS[kind]
    return sum(1 for line in text.splitlines() if pattern.match(line))


def paired(first: Command, second: Command, *, pairs: int, warmups: int, ratio: str = "first/second") -> dict[str, Any]:
    """WARMUPS untimed runs of each, then PAIRS timed pairs in strict turns; ratios per pair.

    RATIO is "first/second" (a command over the floor next to it) or "second/first" (a peer over the
    mentorlog command next to it: how many times faster mentorlog is).
    """
    for _ in range(warmups):
        run_once(first, timed=False)
        run_once(second, timed=False)
    runs = []
    for _ in range(pairs):
        a = run_once(first)
        b = run_once(second)
        value = a["seconds"] / b["seconds"] if ratio == "first/second" else b["seconds"] / a["seconds"]
        runs.append({"first": a, "second": b, "ratio": value})
    return summarise({"first": first.label, "second": second.label, "ratio_is": ratio, "pairs": runs})


def write_report(output: Path, markdown: str, data: dict[str, Any]) -> None:
    """A side benchmark's report: the Markdown at OUTPUT, rendered from DATA, and DATA beside it as .json."""
    import json

    output.with_suffix(".json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    output.write_text(markdown, encoding="utf-8")
    print(f"wrote {output} and {output.with_suffix('.json')}")


def summarise(series: dict[str, Any]) -> dict[str, Any]:
    """Add the reported figures, each computed from the recorded pairs only."""
    pairs = series["pairs"]
    ratios = [pair["ratio"] for pair in pairs]
    series.update(
        median_ratio=statistics.median(ratios),
        min_ratio=min(ratios),
        max_ratio=max(ratios),
        first_median_ms=statistics.median(pair["first"]["seconds"] for pair in pairs) * 1000,
        second_median_ms=statistics.median(pair["second"]["seconds"] for pair in pairs) * 1000,
        first_peak_mb=max(pair["first"]["peak_kb"] for pair in pairs) / 1024,
        second_peak_mb=max(pair["second"]["peak_kb"] for pair in pairs) / 1024,
        failures=sum(pair["first"]["code"] != 0 or pair["second"]["code"] != 0 for pair in pairs),
    )
    return series
