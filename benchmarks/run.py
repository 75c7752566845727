"""Time mentorlog as whole processes on generated journals, next to floors and peers, and write docs/benchmarks.md.

    python benchmarks/run.py                      # scales 1 and 4, peers included (several minutes)
    python benchmarks/run.py --scales 0.01 --runs 3 --no-peers --output /tmp/b.md   # a quick check

Each command: one warm-up, then the median of --runs runs (at least 7 for the report), each a fresh
process; peak memory is the child's max RSS from wait4. Floors measured in the same run: `python -c
pass` and a minimal Typer app that prints a 20-row Rich table (benchmarks/floor_app.py). Peers on the
same content: jrnl (from PyPI, in its own venv) and Taskwarrior (Debian package `taskwarrior`).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import SEARCH_WORD, TODAY, generate  # noqa: E402

LISTING = ["actions", "actions --overdue", "sessions", "goals", "people", f"search {SEARCH_WORD}"]
WRITES = ["note", "action add", "action done"]
VIEWS = ["summary --since 1y", "agenda", "timeline --since 1y"]
TARGETS = {
    **{name: ("floor", 1.3) for name in LISTING},
    **{name: ("floor", 1.5) for name in WRITES},
    **{name: ("floor", 2.0) for name in VIEWS},
    "export --format md --since 6m": ("floor", 3.0),
    "export --format json --all": ("seconds", 10.0),
}
PAIRS = [  # (mentorlog command, peer name, peer command)
    ("sessions --limit 10", "jrnl", "jrnl -n 10"),
    (f"search {SEARCH_WORD}", "jrnl", f"jrnl -contains {SEARCH_WORD}"),
    ("actions", "task", "task next"),
    ("actions --overdue", "task", "task +OVERDUE list"),
    ("action add", "task", "task add"),
]


@dataclass
class Timing:
    runs: list[float] = field(default_factory=list)
    peak_kb: int = 0
    floor_runs: list[float] = field(default_factory=list)  # the floor, run in turns with this command

    @property
    def median_ms(self) -> float:
        return statistics.median(self.runs) * 1000

    @property
    def ratio(self) -> float:
        """Median time over the median of the floor runs taken in turns with it (robust to a noisy machine)."""
        return statistics.median(self.runs) / statistics.median(self.floor_runs) if self.floor_runs else 0.0


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall time, max RSS (KB) and exit status of one fresh process, started through spawn.py."""
    done = subprocess.run(
        [sys.executable, str(HERE / "spawn.py"), *argv], env=env, capture_output=True, text=True, check=False
    )
    seconds, peak, code = done.stdout.split()
    if int(code) != 0:
        sys.stderr.write(f"  ! {' '.join(argv)} exited {code}: {done.stderr[:300]!r}\n")
    return float(seconds), int(peak), int(code)


FLOOR: list[str] = []  # the floor command, set in main(); measured in turns with every command


def measure(argvs: list[list[str]], env: dict[str, str], runs: int) -> Timing:
    """Two warm-ups, then RUNS timed runs, each followed by a floor run; ARGVS cycles (writes need fresh ids)."""
    timing = Timing()
    run_once(argvs[0], env)
    run_once(argvs[0], env)
    for number in range(runs):
        elapsed, peak, _ = run_once(argvs[(number + 1) % len(argvs)], env)
        timing.runs.append(elapsed)
        timing.peak_kb = max(timing.peak_kb, peak)
        if FLOOR and argvs[0] != FLOOR:
            timing.floor_runs.append(run_once(FLOOR, env)[0])
    return timing


def build_venv(path: Path, *packages: str) -> Path:
    if not (path / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
        subprocess.run([str(path / "bin" / "python"), "-m", "pip", "install", "-q", *packages], check=True)
    return path / "bin"


def open_action_ids(db: Path, count: int) -> list[int]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("SELECT id FROM actions WHERE status = 'open' LIMIT ?", [count])]
    finally:
        conn.close()


def mentorlog_argvs(script: Path, command: str, db: Path, ids: list[int]) -> list[list[str]]:
    base = [str(script), "--db", str(db)]
    if command == "note":
        return [[*base, "note", "--with", "anna", "Benchmark session notes #bench",
                 "--action", "first follow-up due:fri", "--action", "second follow-up due:+2w"]]  # fmt: skip
    if command == "action add":
        return [[*base, "action", "add", "Benchmark action", "--due", "+1w"]]
    if command == "action done":
        return [[*base, "action", "done", str(action_id)] for action_id in ids]
    return [[*base, *command.split()]]


def setup_jrnl(work: Path, peers: Path) -> tuple[Path, Path] | None:
    try:
        bin_dir = build_venv(work / "jrnl-venv", "jrnl")
    except subprocess.CalledProcessError:
        return None
    config = peers / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\nindent_character: ''\n"
        f"journals:\n  default: {peers / 'journal.txt'}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.0\n",
        encoding="utf-8",
    )
    return bin_dir / "jrnl", config


def setup_task(peers: Path) -> dict[str, str] | None:
    if shutil.which("task") is None and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "taskwarrior"], capture_output=True, check=False)
    if shutil.which("task") is None:
        return None
    data = peers / "task-data"
    rc = peers / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nhooks=off\ngc=on\n", encoding="utf-8")
    env = {**os.environ, "TASKRC": str(rc)}
    if not (data / "pending.data").exists():
        data.mkdir(parents=True, exist_ok=True)
        subprocess.run(["task", "import", str(peers / "tasks.json")], env=env, capture_output=True, check=True)
    return env


def peer_argvs(name: str, command: str, jrnl: tuple[Path, Path] | None) -> list[list[str]]:
    if name == "jrnl" and jrnl is not None:
        return [[str(jrnl[0]), "--config-file", str(jrnl[1]), *command.split()[1:]]]
    if command == "task add":
        return [["task", "add", "Benchmark action", "due:tomorrow"]]
    return [command.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 4.0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-peers", action="store_true", help="leave out jrnl and Taskwarrior")
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="journals, venvs and peer data")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument(
        "--installed", action="store_true", help="time the mentorlog installed beside this Python instead of a new venv"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    if args.installed:
        bin_dir = Path(sys.executable).parent
    else:
        print("Installing mentorlog into its own venv (bytecode compiled, as a user's install is)…")
        venv = args.work / "venv"
        shutil.rmtree(venv, ignore_errors=True)
        bin_dir = build_venv(venv, str(ROOT))
    script, python = bin_dir / "mentorlog", bin_dir / "python"
    env = {**os.environ, "MENTORLOG_TODAY": TODAY.isoformat(), "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    results: dict[float, dict[str, Timing]] = {}
    peers_results: dict[str, Timing] = {}
    sizes: dict[float, dict[str, int]] = {}
    floors: dict[str, Timing] = {}
    print("Floors…")
    floors["python -c pass"] = measure([[str(python), "-c", "pass"]], env, args.runs)
    floors["minimal Typer app, 20-row Rich table"] = measure(
        [[str(python), str(HERE / "floor_app.py")]], env, args.runs
    )
    for scale in args.scales:  # every journal first, so that writing them disturbs no timing
        folder = args.work / f"scale-{scale:g}"
        db = folder / "journal.db"
        if not db.exists():
            print(f"Generating scale {scale:g}…")
            folder.mkdir(parents=True, exist_ok=True)
            began = time.perf_counter()
            sizes[scale] = generate(db, scale, folder / "peers")
            sizes[scale]["seconds"] = round(time.perf_counter() - began)
        else:
            sizes[scale] = counts_of(db)
        sizes[scale]["megabytes"] = round(db.stat().st_size / 1e6)
    os.sync()
    for scale in args.scales:
        folder = args.work / f"scale-{scale:g}"
        db = folder / "journal.db"
        ids = open_action_ids(db, args.runs + 2)
        results[scale] = {}
        commands = [*LISTING, *WRITES, *VIEWS, "export --format md --since 6m", "sessions --limit 10"]
        for command in commands:
            print(f"  scale {scale:g}: mentorlog {command}")
            results[scale][command] = measure(mentorlog_argvs(script, command, db, ids), env, args.runs)
        print(f"  scale {scale:g}: mentorlog export --format json --all")
        results[scale]["export --format json --all"] = measure(
            [[str(script), "--db", str(db), "export", "--format", "json", "--all", "-o", str(folder / "dump.json")]],
            env,
            max(3, args.runs // 3),
        )
        if scale == args.scales[0] and not args.no_peers:
            jrnl = setup_jrnl(args.work, folder / "peers")
            task_env = setup_task(folder / "peers")
            for _mine, name, theirs in PAIRS:
                if (name == "jrnl" and jrnl is None) or (name == "task" and task_env is None):
                    print(f"  ! {name} is not available; {theirs} left out")
                    continue
                print(f"  scale {scale:g}: {theirs}")
                peer_env = {**env, **(task_env or {})} if name == "task" else env
                peers_results[theirs] = measure(peer_argvs(name, theirs, jrnl), peer_env, args.runs)
    report = write_report(args, results, floors, peers_results, sizes)
    args.output.write_text(report, encoding="utf-8")
    print(f"Wrote {args.output}")


def counts_of(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        tables = ("people", "sessions", "actions", "goals", "progress_updates", "reflections", "topics")
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}
    finally:
        conn.close()


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    for name, argv in (("taskwarrior", ["task", "--version"]),):
        if shutil.which(argv[0]):
            found[name] = subprocess.run(argv, capture_output=True, text=True).stdout.strip()
    return found


def write_report(
    args: argparse.Namespace,
    results: dict[float, dict[str, Timing]],
    floors: dict[str, Timing],
    peers: dict[str, Timing],
    sizes: dict[float, dict[str, int]],
) -> str:
    floor = floors["minimal Typer app, 20-row Rich table"].median_ms
    first = args.scales[0]
    lines = [
        "# Benchmarks",
        "",
        "Written by `python benchmarks/run.py` (see its docstring); every figure is the median of "
        f"{args.runs} runs after two warm-ups, each a fresh process, timed together in one run. Ratios matter more",
        "than milliseconds on these noisy machines, so every command runs in turns with the floor app and its",
        "`× floor` is its median over the median of those floor runs.",
        "",
        "## Machine and versions",
        "",
        f"- {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}",
        f"- mentorlog {_mentorlog_version()}; "
        + ", ".join(f"{k} {v}" for k, v in versions().items() if k == "taskwarrior"),
        "",
        "## Journal sizes",
        "",
        "| scale | " + " | ".join(sizes[first]) + " |",
        "| --- | " + " | ".join("---:" for _ in sizes[first]) + " |",
    ]
    for scale, counts in sizes.items():
        lines.append(f"| {scale:g} | " + " | ".join(f"{counts.get(key, '')}" for key in sizes[first]) + " |")
    lines += [
        "",
        "## Floors",
        "",
        "| floor | median ms | peak MB |",
        "| --- | ---: | ---: |",
    ]
    for name, timing in floors.items():
        lines.append(f"| {name} | {timing.median_ms:.0f} | {timing.peak_kb / 1024:.0f} |")
    lines += [
        "",
        f"## mentorlog at scale {first:g}",
        "",
        "| command | median ms | × floor | peak MB | target | met |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for command, timing in results[first].items():
        ratio = timing.ratio or timing.median_ms / floor
        kind, bound = TARGETS.get(command, ("", 0.0))
        if kind == "floor":
            target, met = f"≤ {bound}× floor", ratio <= bound
        elif kind == "seconds":
            target, met = f"< {bound:g} s, < 300 MB", timing.median_ms / 1000 < bound and timing.peak_kb < 300 * 1024
        else:
            target, met = "—", True
        memory_ok = (
            command.split()[0] not in ("actions", "sessions", "goals", "people", "search") or timing.peak_kb < 80 * 1024
        )
        verdict = "yes" if met and memory_ok else "**no**"
        peak = timing.peak_kb / 1024
        lines.append(f"| `{command}` | {timing.median_ms:.0f} | {ratio:.2f} | {peak:.0f} | {target} | {verdict} |")
    if peers:
        lines += ["", "## Against the peers (same content, same run)", "",
                  "| mentorlog | ms | peer | ms | mentorlog is faster by | target ≥ 5× |",
                  "| --- | ---: | --- | ---: | ---: | --- |"]  # fmt: skip
        for mine, _name, theirs in PAIRS:
            if theirs in peers:
                ours, other = results[first][mine].median_ms, peers[theirs].median_ms
                target = "—" if mine == "action add" else ("yes" if other / ours >= 5 else "**no**")
                lines.append(f"| `{mine}` | {ours:.0f} | `{theirs}` | {other:.0f} | {other / ours:.1f}× | {target} |")
    if len(args.scales) > 1:
        last = args.scales[-1]
        lines += ["", f"## Growth from scale {first:g} to scale {last:g}", "",
                  "Growth compares the two scales' `× floor` ratios, so that a slower minute of the machine",
                  "does not pass for growth.", "",
                  f"| command | scale {first:g} ms | scale {last:g} ms | growth | target ≤ 1.2× (listing, search) |",
                  "| --- | ---: | ---: | ---: | --- |"]  # fmt: skip
        for command, timing in results[first].items():
            later_timing = results[last][command]
            if timing.ratio and later_timing.ratio:
                grown = later_timing.ratio / timing.ratio
            else:
                grown = later_timing.median_ms / timing.median_ms
            listed = command in LISTING
            verdict = ("yes" if grown <= 1.2 else "**no**") if listed else "—"
            later = results[last][command].median_ms
            lines.append(f"| `{command}` | {timing.median_ms:.0f} | {later:.0f} | {grown:.2f}× | {verdict} |")
    return "\n".join(lines) + "\n"


def _mentorlog_version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "mentorlog" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


if __name__ == "__main__":
    main()
