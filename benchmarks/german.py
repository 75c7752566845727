"""What German costs a command: each command in English and in German, paired, on the same journal.

    python benchmarks/german.py                     # scale 0.1, 15 pairs per command -> docs/benchmarks-german.md
    python benchmarks/german.py --pairs 3 --output /tmp/g.md   # a quick check

One journal is generated (benchmarks/generate.py). For each command, after untimed warm-up runs, the English
and the German run take strict turns (English, German, English, German, ...; each a fresh process through
spawn.py, this tree's code with its bytecode cached). The cost of a pair is the German time minus the English
time just before it; the figure is the **median of the per-pair differences** in milliseconds, with their
min-max, and the median ratio. The target (issue 16): German adds at most 5 ms to any command. The only work
German adds is reading the compiled catalogue (mentorlog/base/locale/de/LC_MESSAGES/mentorlog.mo) once and looking
texts up in it; the in-process time of the first is measured as well.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import Command, paired, write_report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_MS = 5.0
COMMANDS = (["actions"], ["today"], ["summary"], ["timeline"], ["health"], ["--help"], ["note", "--help"])


def environment(work: Path, language: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORLOG_", "LANG", "LC_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        MENTORLOG_TODAY="2026-11-26",
        MENTORLOG_LANG=language,
        NO_COLOR="1",
        COLUMNS="100",
        MENTORLOG_CONFIG=str(work / "no-config.toml"),
    )
    return env


def catalogue_load_ms(repeat: int = 20) -> float:
    """The in-process time of loading the German catalogue (the median of REPEAT fresh loads)."""
    code = (
        "import time, sys; from mentorlog.base import i18n; times = []\n"
        f"for _ in range({repeat}):\n"
        "    i18n._current.update(language='en'); t = time.perf_counter(); i18n.use('de')\n"
        "    times.append(time.perf_counter() - t)\n"
        "times.sort(); print(times[len(times) // 2] * 1000)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(done.stdout.strip())


def measure(scale: float, pairs: int, warmups: int, work: Path) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    journal = work / f"journal-{scale:g}.db"
    if not journal.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--db", str(journal), "--scale", str(scale)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    argv = [sys.executable, "-m", "mentorlog", "--db", str(journal)]
    results = []
    load_before = os.getloadavg()[0]
    began = time.monotonic()
    for words in COMMANDS:
        name = " ".join(words)
        english = Command(f"{name} (en)", [*argv, *words], environment(work, "en"))
        german = Command(f"{name} (de)", [*argv, *words], environment(work, "de"))
        series = paired(english, german, pairs=pairs, warmups=warmups, ratio="second/first")
        differences = [(pair["second"]["seconds"] - pair["first"]["seconds"]) * 1000 for pair in series["pairs"]]
        series.update(
            name=name,
            median_ms=statistics.median(differences),
            min_ms=min(differences),
            max_ms=max(differences),
        )
        results.append(series)
        print(f"{name}: +{series['median_ms']:.1f} ms ({series['min_ms']:.1f} to {series['max_ms']:.1f})")
    return {
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "minutes": round((time.monotonic() - began) / 60, 1),
        "scale": scale,
        "pairs": pairs,
        "warmups": warmups,
        "machine": f"{os.cpu_count()} cores; {platform.platform()}; Python {platform.python_version()}",
        "catalogue_ms": round(catalogue_load_ms(), 2),
        "catalogue_kb": round((ROOT / "mentorlog/base/locale/de/LC_MESSAGES/mentorlog.mo").stat().st_size / 1024),
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "series": results,
    }


def render(data: dict[str, Any]) -> str:
    lines = [
        "# Benchmark: what German costs",
        "",
        f"Written by `python benchmarks/german.py --scale {data['scale']:g} --pairs {data['pairs']}` on "
        f"{data['written']} ({data['minutes']} min); every figure is computed from the raw pairs in "
        "[benchmarks-german.json](benchmarks-german.json).",
        "",
        f"- Machine: {data['machine']}. Load average (1 min) {data['load'][0]} before, {data['load'][1]} after.",
        f"- Method: per command, {data['warmups']} untimed run(s) in each language, then {data['pairs']} pairs in "
        "strict turns: English (`MENTORLOG_LANG=en`), German (`MENTORLOG_LANG=de`), English, German, … — each a "
        "fresh process. The cost of a pair is the German time minus the English time just before it; the figure is "
        "the **median of the per-pair differences**, with their min–max. A single difference is noise of ± tens of "
        "milliseconds on this machine; the median of the pairs is the figure to read.",
        f"- Loading the German catalogue ({data['catalogue_kb']} KB .mo) in-process: "
        f"**{data['catalogue_ms']:.2f} ms** (median of 20 loads). That and the lookups are all German adds.",
        f"- Target (issue 16): at most {TARGET_MS:g} ms added to any command.",
        "",
        "| command | English ms (median) | German ms (median) | German − English: median (min–max) | ratio | verdict |",
        "| --- | ---: | ---: | --- | ---: | --- |",
    ]
    for series in data["series"]:
        verdict = "met" if series["median_ms"] <= TARGET_MS else "**missed**"
        lines.append(
            f"| `{series['name']}` | {series['first_median_ms']:.0f} | {series['second_median_ms']:.0f} "
            f"| {series['median_ms']:+.1f} ms ({series['min_ms']:+.1f} to {series['max_ms']:+.1f}) "
            f"| {series['median_ratio']:.3f} | {verdict} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--pairs", type=int, default=15)
    parser.add_argument("--warmups", type=int, default=2)
    parser.add_argument("--work", type=Path, default=HERE / ".work" / "german")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks-german.md")
    args = parser.parse_args()
    data = measure(args.scale, args.pairs, args.warmups, args.work)
    write_report(args.output, render(data), data)


if __name__ == "__main__":
    main()
