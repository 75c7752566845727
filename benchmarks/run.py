"""Time mentorlog as whole processes on generated journals, paired with a floor and with peers.

    python benchmarks/run.py                      # scales 1 and 4 with jrnl and Taskwarrior
    python benchmarks/run.py --scales 0.05 0.1 --runs 3 --no-peers --output /tmp/b.md   # a quick check

Every command runs in strict turns with the floor app (command, floor, command, floor, ...; each a
fresh process), and its figure is the median of the per-pair ratios (command time / the floor time
right after it), with their min-max. Growth is the last scale's median ratio over the first scale's.
Peers run in turns with the mentorlog command they are compared to (mentorlog, peer, ...), the ratio
per pair being peer time / mentorlog time. Writes are undone (`mentorlog undo`, untimed) right after
each run, so that the journal does not grow. The raw pairs go to a JSON file beside the Markdown
(--output with .json), which is rendered from that JSON alone (benchmarks/report.py). `mentorlog browse` runs
on the largest journal through Textual's test driver (benchmarks/browse.py): its first screen, each move between
people and its memory, against issue 27's targets.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browse import measure as measure_browse
from explain import profile
from generate import TODAY, describe, generate
from peers import build_venv, setup_jrnl, setup_task
from peers import versions as peer_versions
from plan import COMMANDS, COMPLETIONS, DUMP, OPTIONAL, PEERS, WRITES, evaluate, explained, mentorlog_args, why
from report import render
from timing import Command, count_rows, output_of, paired

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TABLES = ("people", "sessions", "actions", "goals", "progress_updates", "reflections", "topics", "session_tags")


def table_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}
    finally:
        conn.close()


def remove_journal(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def pick_ids(db: Path) -> dict[str, Any]:
    """The records the `show`, `note` and `action done` benchmarks use: recent, active, with content."""
    conn = sqlite3.connect(db)
    try:
        one = lambda sql: (conn.execute(sql).fetchone() or [None])[0]  # noqa: E731
        return {
            "person": one("SELECT p.name FROM sessions s JOIN people p ON p.id = s.person_id ORDER BY s.date DESC"),
            "session": one("SELECT id FROM sessions WHERE private = 0 ORDER BY date DESC, id DESC"),
            "goal": one(
                "SELECT g.id FROM goals g WHERE g.status = 'active' AND g.parent_id IS NULL ORDER BY "
                "(SELECT count(*) FROM progress_updates u WHERE u.goal_id = g.id) + "
                "(SELECT count(*) FROM goals m WHERE m.parent_id = g.id) DESC, g.id"
            ),
            "action": one("SELECT id FROM actions WHERE status = 'open' ORDER BY created_at DESC, id"),
        }
    finally:
        conn.close()


def machine(python: Path) -> dict[str, Any]:
    probe = (
        "import json, platform, sqlite3, importlib.metadata as m\n"
        "names = ('mentorlog', 'typer', 'click', 'rich')\n"
        "print(json.dumps({'python': platform.python_version(), 'sqlite': sqlite3.sqlite_version,"
        " **{n: m.version(n) for n in names}}))"
    )
    found = json.loads(subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=True).stdout)
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo") if line.startswith("model name")), "")
    memory = next((int(line.split()[1]) for line in _read("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(), "memory_gb": round(memory / 1024**2, 1),
            "platform": platform.platform(), **found}  # fmt: skip


def _read(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


class Bench:
    def __init__(self, args: argparse.Namespace, script: Path, python: Path) -> None:
        self.args, self.script = args, script
        self.env = {**os.environ, "MENTORLOG_TODAY": TODAY.isoformat(), "NO_COLOR": "1", "COLUMNS": "100"}
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.floor = Command("floor", [str(python), str(HERE / "floor_app.py")], self.env)
        self.python = python

    def mentorlog(self, db: Path, *args: str, label: str = "", **hooks: Any) -> Command:
        argv = [str(self.script), "--db", str(db), *args]
        return Command(label or "mentorlog " + " ".join(args), argv, self.env, **hooks)

    def pairs(self, first: Command, second: Command, *, heavy: bool = False, ratio: str = "first/second") -> Any:
        runs = self.args.heavy_runs if heavy else self.args.runs
        return paired(first, second, pairs=runs, warmups=0 if heavy else self.args.warmups, ratio=ratio)

    @cache  # noqa: B019 (one Bench per run)
    def available(self, word: str) -> bool:
        help_run = subprocess.run([str(self.script), word, "--help"], env=self.env, capture_output=True, check=False)
        return help_run.returncode == 0

    def undo(self, db: Path) -> None:
        subprocess.run([str(self.script), "--db", str(db), "undo"], env=self.env, capture_output=True, check=True)

    def scale(self, db: Path, folder: Path) -> dict[str, Any]:
        ids = pick_ids(db)
        result: dict[str, Any] = {"ids": ids, "commands": {}, "skipped": [], "load": [os.getloadavg()[0]]}
        before = table_counts(db)
        for label in COMMANDS:
            if label.split()[0] in OPTIONAL and not self.available(label.split()[0]):
                print(f"    {label}: not available in this version")
                result["skipped"].append(label)
                continue
            print(f"    {label}")
            args = mentorlog_args(label, ids)
            undo = {"after": lambda: self.undo(db)} if label in WRITES else {}
            command = self.mentorlog(db, *args, label=f"mentorlog {label}", **undo)
            output = output_of(command)  # untimed: rows printed, and a warm-up
            series = self.pairs(command, self.floor)
            series.update(args=args, rows=count_rows(output, "mentorlog"), lines=len(output.splitlines()))
            result["commands"][label] = series
        for label, (words, word) in COMPLETIONS.items():  # what bash runs on TAB, the journal from MENTORLOG_DB
            print(f"    {label}")
            env = {**self.env, "MENTORLOG_DB": str(db), "_MENTORLOG_COMPLETE": "complete_bash", "COMP_WORDS": words,
                   "COMP_CWORD": word}  # fmt: skip
            command = Command(f"mentorlog {label}", [str(self.script)], env)
            output = output_of(command)
            series = self.pairs(command, self.floor)
            series.update(args=[f"COMP_WORDS={words}", f"COMP_CWORD={word}"], rows=0, lines=len(output.splitlines()))
            result["commands"][label] = series
        after = table_counts(db)
        result["writes_undone"] = {"before": before, "after": after, "unchanged": before == after}
        if not self.args.no_dump:
            result["dump"] = self.dump(db, folder)
        result["load"].append(os.getloadavg()[0])
        return result

    def dump(self, db: Path, folder: Path) -> dict[str, Any]:
        """The lossless dump: throughput; its import into an empty journal and into the full one (vs its time)."""
        dump = folder / "dump.json"
        output_of(self.mentorlog(db, *DUMP.split(), "-o", str(dump)))  # untimed: the file imported below
        records = dump.read_bytes().count(b'"uuid": ')  # each record has one uuid key (links are *_uuid)
        export = self.mentorlog(db, *DUMP.split(), "-o", str(folder / "dump-timed.json"), label=f"mentorlog {DUMP}")
        print(f"    {DUMP}")
        timed = self.pairs(export, self.floor, heavy=True)
        seconds = [pair["first"]["seconds"] for pair in timed["pairs"]]
        timed.update(records=records, records_per_second=records / (timed["first_median_ms"] / 1000))
        timed.update(records_per_second_min=records / max(seconds), records_per_second_max=records / min(seconds))
        empty = folder / "empty.db"

        def remove_empty() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{empty}{suffix}").unlink(missing_ok=True)

        print("    import into an empty journal")
        into_empty = self.mentorlog(empty, "import", str(dump), label="mentorlog import (empty)", before=remove_empty)
        empty_series = self.pairs(into_empty, export, heavy=True)
        print("    import into the full journal (merge)")
        before = table_counts(db)
        merge_series = self.pairs(self.mentorlog(db, "import", str(dump), label="mentorlog import (merge)"), export,
                                  heavy=True)  # fmt: skip
        merge_series["journal_unchanged"] = table_counts(db) == before
        remove_empty()
        return {"export": timed, "import_empty": empty_series, "import_merge": merge_series}

    def explain(self, data: dict[str, Any], folders: dict[str, Path]) -> dict[str, Any]:
        """The parts (imports, SQLite, drawing, the rest) of every missed target's command, and of the floor."""
        found: dict[str, Any] = {"floor": profile(self.python, [str(HERE / "floor_app.py")], self.env), "runs": {}}
        found["why"] = []  # (target, command, the maintainers' reading), for each missed target that has one
        for target in data["targets"]:
            if target["met"] is not False:
                continue
            reason = why(target)
            if reason:
                found["why"].append([target["target"], target["subject"], reason])
            for scale, label, args in explained(target, data):
                key = f"{label} @ {scale}"
                if key in found["runs"]:
                    continue
                print(f"    {key}")
                db, fresh = folders[scale] / "journal.db", False
                args = [str(folders[scale] / "dump-explained.json") if arg == "DUMPFILE" else arg for arg in args]
                if args == ["import", "DUMP"]:
                    args = ["import", str(folders[scale] / "dump.json")]
                    if "empty" in label:
                        db, fresh = folders[scale] / "explain-empty.db", True
                before = (lambda db=db: remove_journal(db)) if fresh else None
                writes = label in WRITES
                if writes:  # each run's change undone (untimed) before the next, and after the last
                    wrote: list[bool] = []

                    def before(db: Path = db, wrote: list[bool] = wrote) -> None:
                        if wrote:
                            self.undo(db)
                        wrote.append(True)

                parts = profile(self.python, ["mentorlog", "--db", str(db), *args], self.env, before=before)
                if writes:
                    self.undo(db)
                found["runs"][key] = {"scale": scale, "label": label, "args": args, **parts}
                if fresh:
                    remove_journal(db)
        return found

    def browse(self, db: Path, key: str) -> dict[str, Any]:
        """`mentorlog browse` on DB, as installed beside the timed Python (benchmarks/browse.py); what it could not
        run (no Textual) is said, not left out silently."""
        try:
            measured = measure_browse(db, self.args.browse_runs, str(self.python), tree=None)
        except subprocess.CalledProcessError as exc:
            reason = (exc.stderr or "").strip().splitlines()[-1:] or [f"exit {exc.returncode}"]
            print(f"    ! browse could not run: {reason[0]}")
            return {"scale": key, "skipped": reason[0]}
        return {"scale": key, **measured}

    def peers(self, db: Path, folder: Path) -> dict[str, Any]:
        jrnl = setup_jrnl(self.args.work, folder / "peers")
        task_env = setup_task(folder / "peers", TODAY)
        ids = pick_ids(db)
        result: dict[str, Any] = {"versions": peer_versions(jrnl), "pairs": {}, "skipped": [], "load": []}
        result["load"].append(os.getloadavg()[0])
        for mine, peer, peer_args, target in PEERS:
            if (peer == "jrnl" and jrnl is None) or (peer == "task" and task_env is None):
                print(f"    ! {peer} is not available; {peer} {peer_args} left out")
                result["skipped"].append(f"{peer} {peer_args}")
                continue
            print(f"    {mine} / {peer} {peer_args}")
            ours = self.mentorlog(db, *mentorlog_args(mine, ids), label=f"mentorlog {mine}")
            if peer == "jrnl" and jrnl is not None:
                argv = [str(jrnl[0]), "--config-file", str(jrnl[1]), *peer_args.split()]
                theirs = Command(f"jrnl {peer_args}", argv, self.env)
            else:
                theirs = Command(f"task {peer_args}", ["task", *peer_args.split()], {**self.env, **(task_env or {})})
            rows = {"mentorlog": count_rows(output_of(ours), "mentorlog"), peer: count_rows(output_of(theirs), peer)}
            series = self.pairs(ours, theirs, ratio="second/first")
            series.update(mentorlog=mine, peer=peer, peer_command=f"{peer} {peer_args}", rows=rows, target=target)
            result["pairs"][f"{mine} / {peer} {peer_args}"] = series
        result["load"].append(os.getloadavg()[0])
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 4.0])
    parser.add_argument("--runs", type=int, default=9, help="timed pairs per command")
    parser.add_argument("--heavy-runs", type=int, default=3, help="timed pairs of the dump and the imports")
    parser.add_argument("--warmups", type=int, default=1, help="untimed runs of each side before the pairs")
    parser.add_argument("--no-peers", action="store_true", help="leave out jrnl and Taskwarrior")
    parser.add_argument("--peer-scale", type=float, help="the scale the peers run at (default: the first)")
    parser.add_argument("--no-dump", action="store_true", help="leave out the JSON dump and the imports")
    parser.add_argument("--browse-runs", type=int, default=3, help="processes of `browse` on the largest journal")
    parser.add_argument("--no-browse", action="store_true", help="leave out `mentorlog browse`")
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="journals, venvs and peer data")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--installed", action="store_true", help="time the mentorlog beside this Python")
    args = parser.parse_args()
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    if args.installed:
        bin_dir = Path(sys.executable).parent
    else:
        print("Installing mentorlog into its own venv (bytecode compiled, as a user's install is)…")
        shutil.rmtree(args.work / "venv", ignore_errors=True)
        bin_dir = build_venv(args.work / "venv", f"{ROOT}[tui]")  # with Textual, for `browse`
    bench = Bench(args, bin_dir / "mentorlog", bin_dir / "python")
    data: dict[str, Any] = {
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python benchmarks/run.py " + " ".join(sys.argv[1:]),
        "settings": {
            "runs": args.runs,
            "heavy_runs": args.heavy_runs,
            "warmups": args.warmups,
            "env": {k: bench.env[k] for k in ("MENTORLOG_TODAY", "NO_COLOR", "COLUMNS")},
        },
        "machine": machine(bench.python),
        "journals": {},
        "scales": {},
        "growth": {},
    }
    folders = {}
    for scale in args.scales:  # every journal first, so that writing them disturbs no timing
        key, folder = f"{scale:g}", args.work / f"scale-{scale:g}"
        db, folders[key] = folder / "journal.db", folder
        seconds = None
        if not db.exists():
            print(f"Generating scale {key}…")
            folder.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            generate(db, scale, folder / "peers")
            seconds = round(time.perf_counter() - started, 1)
        data["journals"][key] = {**describe(db), "megabytes": round(db.stat().st_size / 1e6), "seconds": seconds}
    os.sync()
    print("Floor: python -c pass, in turns with the floor app")
    data["floors"] = bench.pairs(Command("python -c pass", [str(bench.python), "-c", "pass"], bench.env), bench.floor)
    for key, folder in folders.items():
        print(f"Scale {key}")
        data["scales"][key] = bench.scale(folder / "journal.db", folder)
    if not args.no_browse:
        key = f"{max(args.scales):g}"
        print(f"Browse at scale {key} ({args.browse_runs} processes)")
        data["browse"] = bench.browse(folders[key] / "journal.db", key)
    if not args.no_peers:
        key = f"{args.peer_scale or args.scales[0]:g}"
        print(f"Peers at scale {key}")
        data["peers"] = {"scale": key, **bench.peers(folders[key] / "journal.db", folders[key])}
    measured = list(data["scales"].values())
    first, last = measured[0], measured[-1]
    if len(data["scales"]) > 1:
        for label, series in first["commands"].items():
            if label in last["commands"]:
                later = last["commands"][label]["median_ratio"]
                data["growth"][label] = {"first": series["median_ratio"], "last": later,
                                         "growth": later / series["median_ratio"]}  # fmt: skip
    data["targets"] = evaluate(data)
    print("Where the time goes: the missed targets' commands, profiled")
    data["explained"] = bench.explain(data, folders)
    data["seconds"] = round(time.perf_counter() - began)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    raw = args.output.with_suffix(".json")
    raw.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    args.output.write_text(render(data, raw.name), encoding="utf-8")
    print(f"Wrote {args.output} and {raw} in {data['seconds']} s")


if __name__ == "__main__":
    main()
