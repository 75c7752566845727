"""docs/benchmarks.md, rendered from the runner's JSON alone (so every figure is one recorded there)."""

from __future__ import annotations

from typing import Any

from browse import FIRST_S, MOVE_MS, summary, verdicts
from browse import MEMORY_MB as BROWSE_MB
from plan import MEMORY_MB


def ratio(series: dict[str, Any]) -> str:
    return f"{series['median_ratio']:.2f} ({series['min_ratio']:.2f}–{series['max_ratio']:.2f})"


def value(row: dict[str, Any]) -> str:
    if row["value"] is None:
        return "not measured"
    number = row["value"]
    text = (
        f"{number:,.0f}" if row["unit"] == "records/s" else f"{number:.2f}" if row["unit"] == "×" else f"{number:.0f}"
    )
    return f"{text} {row['unit']}" if row["unit"] != "×" else f"{text}×"


def bound(row: dict[str, Any]) -> str:
    sign = "≤" if row["at_most"] else "≥"
    if row["unit"] == "MB":
        sign = "<"
    number = f"{row['bound']:,.0f}" if row["unit"] == "records/s" else f"{row['bound']:g}"
    return f"{sign} {number}{'×' if row['unit'] == '×' else ' ' + row['unit']}"


def verdict(row: dict[str, Any]) -> str:
    return "not measured" if row["met"] is None else "met" if row["met"] else "**missed**"


METHOD = """\
- Every timed run is a fresh process started through `benchmarks/spawn.py`, which reports its wall time
  and the child's own peak memory (max RSS from `wait4`); output goes to `/dev/null`. Environment:
  {env}. mentorlog is installed into its own venv (bytecode compiled) unless `--installed` is given.
- **Against the floor.** The floor is a minimal Typer app printing a 20-row Rich table
  (`benchmarks/floor_app.py`). Each command runs {warmups} untimed time(s) (plus one untimed run whose
  output is kept to count its rows), then {runs} pairs in strict turns: command, floor, command, floor, …
  The pair's ratio is the command's time over the floor time right after it; the figure is the **median
  of the {runs} per-pair ratios**, with their min–max in brackets. The raw file records every run with a
  sequence number, so that the alternation can be checked.
- **Growth** is the last scale's median ratio over the first scale's median ratio (the floor cancels
  out, so a slower minute of the machine does not pass for growth).
- **Peers** run in turns with the mentorlog command they are compared to (mentorlog, peer, mentorlog,
  peer, …), {runs} pairs after {warmups} untimed run(s) of each; the ratio per pair is peer time /
  mentorlog time ("mentorlog faster by"), reported as median (min–max). Both commands are asked for
  the same number of rows, and the rows each printed are counted (table rows starting with an id; jrnl
  entries starting with a date) and shown. Taskwarrior's dates are shifted so that its real today is
  the journal's pinned today.
- **Writes** (`note`, `action add`, `action done`) are undone with `mentorlog undo` (untimed) right after
  each run, before the floor run of the pair, so every run writes to the same journal; the row counts of
  the journal before and after all writes are compared and shown.
- **Dump and import.** `{dump} -o FILE` runs in {heavy} pairs with the floor; throughput is the dump's
  records (one `uuid` key each) over the median time. `import` of that dump into an empty journal (the
  file removed, untimed, before each run) and into the full journal (a merge that changes nothing) each
  run in {heavy} pairs with the dump (import, dump, import, dump, …); their ratio is import time / dump
  time.
- **Shell completion** (`complete: …`): the process bash starts on TAB (`_MENTORLOG_COMPLETE=complete_bash`,
  `COMP_WORDS`, `COMP_CWORD`, the journal from `MENTORLOG_DB`), paired with the floor like every command;
  reported, with no target. Its lines are the candidates it printed.
- Targets are checked at the first scale, growth from the first to the last scale, the dump's and the
  import's peak memory at the last scale; peak memory of every other command at every scale (< {mb:g} MB).
"""


def render(data: dict[str, Any], raw_name: str) -> str:
    settings, scales = data["settings"], list(data["scales"])
    env = ", ".join(f"`{k}={v}`" for k, v in settings["env"].items())
    m = data["machine"]
    peer_versions = data.get("peers", {}).get("versions", {})
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{data['command']}` on {data['written']} ({data['seconds'] / 60:.0f} min). Every figure",
        f"below is computed from the raw pairs in [{raw_name}]({raw_name}); nothing here is edited by hand.",
        "",
        "## Machine",
        "",
        f"- {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['platform']}",
        f"- Python {m['python']}, SQLite {m['sqlite']}; mentorlog {m['mentorlog']} (typer {m['typer']}, "
        f"click {m['click']}, rich {m['rich']})"
        + "".join(f"; {name} {version}" for name, version in peer_versions.items()),
        "",
        "## Method (as implemented in benchmarks/run.py, timing.py and report.py)",
        "",
        METHOD.format(
            env=env,
            warmups=settings["warmups"],
            runs=settings["runs"],
            heavy=settings["heavy_runs"],
            dump="mentorlog export --format json --all",
            mb=MEMORY_MB,
        ),
        "## Targets",
        "",
        "| target | scale | command | measured | target | verdict |",
        "| --- | --- | --- | ---: | --- | --- |",
    ]
    for row in data["targets"]:
        lines.append(
            f"| {row['target']} | {row['scale']} | `{row['subject']}` | {value(row)} | {bound(row)} | {verdict(row)} |"
        )
    missed = sum(row["met"] is False for row in data["targets"])
    lines += ["", f"{missed} of {len(data['targets'])} targets missed.", ""]
    lines += browse_section(data.get("browse"))
    if data.get("explained"):
        lines += explained_section(data["explained"])
    lines += journals(data)
    floors = data["floors"]
    lines += [
        "## Floor",
        "",
        f"The floor app's median: {floors['second_median_ms']:.0f} ms, peak "
        f"{floors['second_peak_mb']:.0f} MB; `python -c pass` in turns with it: {floors['first_median_ms']:.0f} ms "
        f"= {ratio(floors)} × floor.",
        "",
    ]
    for key in scales:
        lines += scale_section(key, data["scales"][key])
    if data["growth"]:
        lines += [
            f"## Growth from scale {scales[0]} to scale {scales[-1]}",
            "",
            f"| command | × floor at {scales[0]} | × floor at {scales[-1]} | growth |",
            "| --- | ---: | ---: | ---: |",
        ]
        for label, grown in data["growth"].items():
            a, b = data["scales"][scales[0]]["commands"][label], data["scales"][scales[-1]]["commands"][label]
            lines.append(f"| `{label}` | {ratio(a)} | {ratio(b)} | {grown['growth']:.2f}× |")
        lines.append("")
    if "peers" in data:
        lines += peer_section(data["peers"])
    if any("dump" in measured for measured in data["scales"].values()):
        lines += dump_section(data["scales"])
    return "\n".join(lines).rstrip() + "\n"


def load(averages: list[float]) -> str:
    """The machine's load while a section ran: other work on the machine widens the min-max of the ratios."""
    return f"Load average (1 min) at the start and end of this section: {averages[0]:.1f}, {averages[-1]:.1f}."


def journals(data: dict[str, Any]) -> list[str]:
    keys = list(next(iter(data["journals"].values())))
    lines = [
        "## Journals (benchmarks/generate.py)",
        "",
        "Scale 1 is a busy mentor's ten years: 40 people whose relationships start and end (8–12 active at any",
        "time), 20,000 sessions, 100,000 action items (~5 % open), 2,000 goals, 10,000 progress updates, 10,000",
        "reflections, 5,000 topics, skills rated monthly. Scale N (N ≥ 1) is the same mentor over N times ten years",
        "at the same yearly density: N times the people and every record, while the last ten years (and so the",
        "open items, active goals and any fixed period) look like scale 1's. A scale below 1 thins the ten years.",
        "",
        "| | " + " | ".join(data["journals"]) + " |",
        "| --- | " + " | ".join("---:" for _ in data["journals"]) + " |",
    ]
    for key in keys:
        cells = [data["journals"][scale].get(key) for scale in data["journals"]]
        lines.append(f"| {key} | " + " | ".join("—" if cell is None else f"{cell:,}" for cell in cells) + " |")
    return [*lines, "", "(seconds: the generator's time, when it ran in this run.)", ""]


def scale_section(key: str, measured: dict[str, Any]) -> list[str]:
    lines = [
        f"## mentorlog at scale {key}",
        "",
        "| command | rows | lines | ms | floor ms | × floor: median (min–max) | peak MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, series in measured["commands"].items():
        failed = f" ({series['failures']} failed)" if series["failures"] else ""
        lines.append(
            f"| `{label}`{failed} | {series['rows'] or '—'} | {series['lines']} | {series['first_median_ms']:.0f} | "
            f"{series['second_median_ms']:.0f} | {ratio(series)} | {series['first_peak_mb']:.0f} |"
        )
    ids = ", ".join(f"{name} {value}" for name, value in measured["ids"].items())
    undone = measured["writes_undone"]
    lines += [
        "",
        f"- Records used: {ids}.",
        f"- Journal after the writes (each undone): "
        f"{'unchanged' if undone['unchanged'] else 'CHANGED ' + str(undone)}.",
        "- " + load(measured["load"]),
    ]
    if measured["skipped"]:
        skipped = ", ".join(f"`{label}`" for label in measured["skipped"])
        lines.append(f"- Not available in this version (`COMMAND --help` failed), so not timed: {skipped}.")
    return [*lines, ""]


def peer_section(peers: dict[str, Any]) -> list[str]:
    lines = [
        f"## Against the peers (scale {peers['scale']}, paired)",
        "",
        "| mentorlog | rows | peer | rows | mentorlog ms | peer ms | mentorlog faster by: median (min–max) | target "
        "| peak MB (mentorlog, peer) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for series in peers["pairs"].values():
        target = "—"
        if series["target"]:
            met = "met" if series["median_ratio"] >= series["target"] else "**missed**"
            target = f"≥ {series['target']:g}×: {met}"
        lines.append(
            f"| `{series['mentorlog']}` | {series['rows']['mentorlog']} | `{series['peer_command']}` | "
            f"{series['rows'][series['peer']]} | {series['first_median_ms']:.0f} | "
            f"{series['second_median_ms']:.0f} | {ratio(series)} | {target} | "
            f"{series['first_peak_mb']:.0f}, {series['second_peak_mb']:.0f} |"
        )
    lines += ["", load(peers["load"])]
    if peers["skipped"]:
        lines.append("\nNot available on this machine: " + ", ".join(f"`{name}`" for name in peers["skipped"]) + ".")
    return [*lines, ""]


def dump_section(scales: dict[str, Any]) -> list[str]:
    lines = [
        "## Dump and import",
        "",
        "| scale | records | dump ms | records/s: median (min–max) | dump peak MB | import into empty: ms, "
        "× dump (min–max), peak MB | merge import: ms, × dump (min–max), peak MB |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for key, measured in scales.items():
        if "dump" not in measured:
            continue
        export, empty, merge = (measured["dump"][name] for name in ("export", "import_empty", "import_merge"))
        same = "" if merge["journal_unchanged"] else " (journal CHANGED)"
        lines.append(
            f"| {key} | {export['records']:,} | {export['first_median_ms']:.0f} | {export['records_per_second']:,.0f} "
            f"({export['records_per_second_min']:,.0f}–{export['records_per_second_max']:,.0f}) | "
            f"{export['first_peak_mb']:.0f} | {empty['first_median_ms']:.0f}, {ratio(empty)}, "
            f"{empty['first_peak_mb']:.0f} | {merge['first_median_ms']:.0f}, {ratio(merge)}, "
            f"{merge['first_peak_mb']:.0f}{same} |"
        )
    return [*lines, ""]


def _ms(value: float) -> str:
    return f"{value:.1f}"


def explained_section(explained: dict[str, Any]) -> list[str]:
    """Each missed target's command taken apart (benchmarks/explain.py), beside the floor app taken apart."""
    floor = explained["floor"]
    lines = [
        "## Where the time goes (the missed targets, profiled)",
        "",
        "Each command below ran 5 more times through `benchmarks/explain_driver.py` (medians, ms, from the",
        "driver's first line; the interpreter's own start is not included): the time importing modules, inside",
        "SQLite, drawing the output (Rich's `Console.print`, the reviews' `render`) and the rest of mentorlog's",
        "Python (the CLI, rows into records, the figures). The floor app is taken apart the same way. Timing",
        "wrappers add a little to each part; the totals are the command's, not the paired ratios above.",
        "",
        "| command | scale | total | imports | SQLite | drawing | other Python | statements |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| floor app | — | {_ms(floor['total_ms'])} | {_ms(floor['imports_ms'])} | {_ms(floor['sqlite_ms'])} | "
        f"{_ms(floor['drawing_ms'])} | {_ms(floor['python_ms'])} | 0 |",
    ]
    for run in explained["runs"].values():
        lines.append(
            f"| `{run['label']}` | {run['scale']} | "
            f"{_ms(run['total_ms'])} | {_ms(run['imports_ms'])} | {_ms(run['sqlite_ms'])} | {_ms(run['drawing_ms'])} | "
            f"{_ms(run['python_ms'])} | {run['statements']:.0f} |"
        )
    lines += ["", "SQLite's part by kind of statement (ms):", ""]
    for run in explained["runs"].values():
        biggest = sorted(run["sqlite_by_kind"].items(), key=lambda item: -item[1])
        kinds = ", ".join(f"{kind} {value:.1f}" for kind, value in biggest if value >= 0.05)
        lines.append(f"- `{run['label']}` at scale {run['scale']}: {kinds or 'none'}")
    if explained.get("why"):
        lines += ["", "Why, as the maintainers read these profiles (text kept in benchmarks/plan.py, shown for each "
                  "target this run missed):", ""]  # fmt: skip
        lines += [f"- {target}, `{subject}`: {reason}" for target, subject, reason in explained["why"]]
    return [*lines, ""]


BROWSE_METHOD = """\
- The app runs headless at {size} through Textual's own test driver (`App.run_test`, its Pilot), in
  {runs} fresh processes one after the other, each started by `benchmarks/browse.py` with the timed Python
  and the mentorlog installed beside it; writing escape sequences to a real terminal is not part of any figure.
- **First screen**: from just before the process is started (so the imports count) to the end of the first
  `pilot.pause()`: the app has mounted, read the people, their health and the Today page, and drawn them once.
- **A move**: the people list's cursor goes to the next person (every person of the list, in turn) and the
  time runs to the end of the next `pilot.pause()`: the move reads that person (the agenda's needs-attention
  lines and stalled goals, open actions of both sides, topics, goals, skills, sessions), builds the lines, lays
  them out and draws them. Pilot's pause is the only
  hook the driver has; it first lets every waiting message be handled, then sleeps in steps of 20 ms until a
  step in which the process used under 1 ms of CPU, so a move is counted in whole steps after its work (the
  drawing, and any repainting it brings, falls into those steps) and its figure is an upper bound: the pause
  alone, with nothing to do, is measured too. The CPU this process used in a move (its
  own, whatever else the machine runs) and reading the person and building its lines alone (`show`, no
  drawing) are shown beside it.
- **Memory**: the largest peak resident size of the processes (each its own `VmHWM` from
  `/proc/self/status`; `ru_maxrss` would carry the runner's own size across exec).
- Each target is judged on the slowest run or move and the largest peak: met means every one met it.
"""


def browse_section(browse: dict[str, Any] | None) -> list[str]:
    """`mentorlog browse` against issue 27's targets, from the raw runs alone."""
    lines = ["## Browse (`mentorlog browse`, issue 27)", ""]
    if browse is None:
        return [*lines, "Not measured in this run (`--no-browse`, or a runner from before it measured `browse`); "
                "the last separate measurement is in [benchmarks-browse.md](benchmarks-browse.md).", ""]  # fmt: skip
    if "skipped" in browse:
        return [*lines, f"Not measured at scale {browse['scale']}: {browse['skipped']}", ""]
    figures, met = summary(browse["runs"]), verdicts(summary(browse["runs"]))
    said = {True: "met", False: "**missed**"}
    size = "×".join(str(part) for part in browse["size"])
    move = said[met["move"]]
    if not met["move"] and figures["move_median_ms"] <= MOVE_MS:
        move = "met at the median, the slowest **missed**"
    lines += [
        f"Scale {browse['scale']} journal, {figures['people']} people listed; {figures['runs']} processes, "
        f"{figures['moves']} moves; Textual {browse['textual']}.",
        "",
        "| what | measured | target (issue 27) | verdict |",
        "| --- | --- | --- | --- |",
        f"| first screen ({size}) | median {figures['first_median_s']:.2f} s, slowest {figures['first_max_s']:.2f} s "
        f"| ≤ {FIRST_S:g} s | {said[met['first']]} |",
        f"| moving to the next person | median {figures['move_median_ms']:.1f} ms, slowest "
        f"{figures['move_max_ms']:.1f} ms | ≤ {MOVE_MS:g} ms | {move} |",
        f"| peak memory | {figures['peak_mb']:.0f} MB | < {BROWSE_MB:g} MB | {said[met['memory']]} |",
        "",
        f"Of a move: Pilot's pause alone (nothing to do) median {figures['idle_median_ms']:.1f} ms; reading the person "
        f"and building its lines median {figures['read_median_ms']:.1f} ms, slowest {figures['read_max_ms']:.1f} ms"
        + (
            f"; this process's CPU median {figures['cpu_median_ms']:.1f} ms, most {figures['cpu_max_ms']:.1f} ms."
            if figures["cpu_median_ms"] is not None
            else "."
        ),
        "",
        BROWSE_METHOD.format(size=size, runs=figures["runs"]),
        load(browse["load"]),
        "",
    ]
    return lines
