"""What is timed, against what, and the targets (issue #12), evaluated from the recorded figures only."""

from __future__ import annotations

from typing import Any

from words import COMMON_WORD, RARE_WORD

LISTINGS = ["actions", "actions --overdue", "sessions", "goals", "people", "show session ID", "show goal ID", "skills"]
SEARCHES = [f"search {RARE_WORD} --limit 25", f"search {COMMON_WORD} --limit 25"]
VIEWS = ["summary", "summary --since 1w", "summary --since 1y", "agenda", "timeline", "today", "health"]
EXPORTS = ["export --format md --since 6m", "export --format html --since 6m"]
WRITES = ["note", "action add", "action done"]
OTHERS = ["sessions --limit 10"]  # timed for the jrnl pair
COMMANDS = [*LISTINGS, *SEARCHES, *VIEWS, *EXPORTS, *WRITES, *OTHERS]
# shell completion (what bash runs on TAB): label -> (COMP_WORDS, COMP_CWORD); reported, no target
COMPLETIONS = {
    "complete: mentorlog ac": ("mentorlog ac", "1"),
    "complete: mentorlog agenda --with J": ("mentorlog agenda --with J", "3"),
}
OPTIONAL = {"today", "health", "skills"}  # skipped ("not available in this version") when `COMMAND --help` fails
PERIOD_VIEWS = ["summary --since 1w", "summary --since 1y", "timeline", "agenda", *EXPORTS]
PEERS = [  # (mentorlog command, peer, peer arguments, target: mentorlog at least this many times faster)
    ("actions", "task", "next limit:25", None),  # reported only: 5 times faster = below the floor app
    ("actions --overdue", "task", "+OVERDUE list limit:25", None),
    (f"search {COMMON_WORD} --limit 25", "jrnl", f"-contains {COMMON_WORD} -n 25", None),
    (f"search {RARE_WORD} --limit 25", "jrnl", f"-contains {RARE_WORD} -n 25", None),
    ("sessions --limit 10", "jrnl", "-n 10", 8.0),
]
DUMP = "export --format json --all"
MEMORY_MB = 60.0
DUMP_MB, IMPORT_MB = 80.0, 150.0


def mentorlog_args(label: str, ids: dict[str, Any]) -> list[str]:
    """The arguments of a command label; ID placeholders come from the journal."""
    if label == "note":
        return ["note", "--with", ids["person"], "Benchmark session notes #bench",
                "--action", "first follow-up due:fri", "--action", "second follow-up due:+2w"]  # fmt: skip
    if label == "action add":
        return ["action", "add", "Benchmark action", "--due", "+1w", "--with", ids["person"]]
    if label == "action done":
        return ["action", "done", str(ids["action"])]
    if label == "show session ID":
        return ["show", "session", str(ids["session"])]
    if label == "show goal ID":
        return ["show", "goal", str(ids["goal"])]
    return label.split()


def evaluate(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every target as {target, scale, subject, value, bound, unit, met}; value None when it was not measured."""
    scales = list(data["scales"])
    first, last = scales[0], scales[-1]
    commands = data["scales"][first]["commands"]
    rows: list[dict[str, Any]] = []

    def add(target: str, scale: str, subject: str, value: float | None, bound: float, unit: str, most: bool) -> None:
        met = None if value is None else (value <= bound if most else value >= bound)
        rows.append({"target": target, "scale": scale, "subject": subject, "value": value, "bound": bound,
                     "unit": unit, "at_most": most, "met": met})  # fmt: skip

    def ratio(label: str) -> float | None:
        return commands[label]["median_ratio"] if label in commands else None

    for label, bound, group in [
        *((label, 1.2, "listing") for label in LISTINGS),
        *((label, 1.3, "search") for label in SEARCHES),
        *((label, 1.5, "view") for label in VIEWS),
        *((label, 2.0, "export") for label in EXPORTS),
        *((label, 1.1, "write") for label in WRITES),
    ]:
        if label in commands:
            add(f"{group} × floor", first, label, ratio(label), bound, "×", True)
    for label, bound in [*((label, 1.1) for label in SEARCHES), *((label, 1.15) for label in PERIOD_VIEWS)]:
        if label in commands and first != last:
            grown = data["growth"].get(label, {}).get("growth")
            add(f"growth scale {first} → {last}", f"{first}→{last}", label, grown, bound, "×", True)
    for scale, measured in data["scales"].items():
        if measured["commands"]:
            worst = max(measured["commands"], key=lambda label: measured["commands"][label]["first_peak_mb"])
            peak = measured["commands"][worst]["first_peak_mb"]
            add("every command's peak memory", scale, f"largest: {worst}", peak, MEMORY_MB, "MB", True)
    for label, series in data.get("peers", {}).get("pairs", {}).items():
        if series.get("target"):
            add("mentorlog faster than the peer", data["peers"]["scale"], label, series["median_ratio"],
                series["target"], "×", False)  # fmt: skip
    for scale, measured in data["scales"].items():
        dump = measured.get("dump")
        if dump:
            add("dump throughput", scale, DUMP, dump["export"]["records_per_second"], 100_000, "records/s", False)
    dump_last = data["scales"][last].get("dump")
    if dump_last:
        add("dump peak memory", last, DUMP, dump_last["export"]["first_peak_mb"], DUMP_MB, "MB", True)
        add("import peak memory", last, "import (empty journal)", dump_last["import_empty"]["first_peak_mb"],
            IMPORT_MB, "MB", True)  # fmt: skip
    for scale, measured in data["scales"].items():  # a restore into an empty journal, at every scale
        dump = measured.get("dump")
        if dump:
            add("import time × dump time", scale, "import (empty journal)", dump["import_empty"]["median_ratio"],
                2.0, "×", True)  # fmt: skip
    dump_first = data["scales"][first].get("dump")
    if dump_first:
        # "a merge-import of the same dump into the full journal (nothing changes) at the same speed"
        add("import time × dump time", first, "import (merge, nothing changes)",
            dump_first["import_merge"]["median_ratio"], 2.0, "×", True)  # fmt: skip
    return rows


def explained(target: dict[str, Any], data: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """The (scale, label, mentorlog arguments) to profile for a missed TARGET: the command itself, at the first
    scale, or at both for growth; the import; none for peak memory (the figure says all)."""
    scales = list(data["scales"])
    first, last = scales[0], scales[-1]
    ids = {key: measured["ids"] for key, measured in data["scales"].items()}
    subject = target["subject"]
    if target["target"].startswith(("listing", "search", "view", "export", "write")):  # a write is undone after each
        return [(first, subject, mentorlog_args(subject, ids[first]))]
    if target["target"].startswith("growth"):
        return [(scale, subject, mentorlog_args(subject, ids[scale])) for scale in (first, last)]
    if target["target"] == "mentorlog faster than the peer":
        mine = subject.split(" / ")[0]
        return [(target["scale"], mine, mentorlog_args(mine, ids[target["scale"]]))]
    if target["target"] == "dump throughput":
        return [(target["scale"], subject, [*DUMP.split(), "-o", "DUMPFILE"])]  # the runner names the file
    if target["target"] == "import time × dump time":
        return [(first, subject, ["import", "DUMP"])]  # the runner puts the dump's path (and the journal)
    return []


# Why a target can miss: the maintainers' reading of the profiles (benchmarks/explain.py), shown in the report
# under each missed target's numbers. Keyed by target, then by command (None: any command of that target).
FLOOR_EXTRA = (
    "What it adds to the floor is in the table: imports beyond Typer and Rich, SQLite, drawing more than the "
    "floor's 20-row table (more lines, wrapped cells, nested tables), and the Python that turns rows into records "
    "and figures."
)
# Issue 22 traded about 5 ms of every command for the record types and the public APIs: importing msgspec costs
# 4.5-5.7 ms (typing_extensions alone about 2), and Rich's public Table measures the columns itself (about 1.5 ms
# more drawing than the removed copy of its internals); the composed Journal saved 2-3 ms of Python. The listings
# measured 1.11-1.20x the floor before issue 22 and 1.23-1.33x after it. Since then the record kinds, the settings,
# the table registry, the table columns, show's kind registry and the skill trends are plain value classes
# (base/values.py), so the plain listings, `show` and `skills` start without msgspec; `people`, `search` and the
# views still load it for their other Structs.
TRADED = (
    " The record kinds, settings and table columns are plain classes, so `actions`, `sessions`, `goals`, `show` "
    "and `skills` start without msgspec; `people`, `search` and the views still import it (4.5-5.7 ms, "
    "typing_extensions about 2 of them) for their other Structs. Every list draws with Rich's public Table (about "
    "1.5 ms more than the removed copy of its internals)."
)
WHY: dict[str, dict[str | None, str]] = {
    "listing × floor": {None: FLOOR_EXTRA + TRADED},
    "search × floor": {None: FLOOR_EXTRA + TRADED + " A common word's search also reads the newest 2,000 matches."},
    "view × floor": {None: FLOOR_EXTRA},
    "write × floor": {None: FLOOR_EXTRA + " A write also logs its change for `undo` and commits."},
    "export × floor": {
        "export --format md --since 6m": (
            "Six months of a busy journal: SQLite reads the period's sessions with their notes and the health "
            "figures (several small queries per relationship); Python turns them into records and figures; the "
            "Markdown is thousands of lines."
        ),
        "export --format html --since 6m": (
            "The same reading as the Markdown review, plus importing jinja2 (about 20 ms) and drawing the page "
            "through the compiled template. Two times the floor would need the HTML written without Jinja at run "
            "time, which the project's dependency rules keep."
        ),
    },
    "growth scale": {
        None: (
            "FTS5 computes bm25 for every match before `LIMIT` (about 1 µs a match: a row of its docsize table "
            "each), and a common word has four times the matches in a journal four times as long. Since m012 the "
            "index is ordered by month and a limited search ranks only the newest 2,000 matches (and says so), "
            "so what is left to grow is starting SQLite on a larger file and reading the page of hits."
        ),
    },
    "mentorlog faster than the peer": {
        "actions / task next limit:25": (
            "`task next` takes about 380 ms; five times faster needs `actions` at about 77 ms, below the floor app "
            "itself (about 90 ms: Python starting, Typer and Rich imported, a table printed)."
        ),
        "sessions --limit 10 / jrnl -n 10": (
            "The ratio sits at its bound (jrnl about 900 ms, mentorlog about 105 ms) and moves by ±10 % between runs."
        ),
    },
    "import time × dump time": {
        "import (empty journal)": (
            "SQLite alone takes about three times the dump before any Python runs (scale 1, CPU: writing rows "
            "1.2 s, the search index 1.0 s, secondary indexes 0.8 s, commit and undo log 0.4 s, against a 1.16 s "
            "dump). Replayed by hand, the known levers save little: no foreign-key checks -0.13 s, page size 8192 "
            "about -10 %, a rollback journal -0.25 s, an FTS table without its own copy of the text -12 % of the "
            "index. Decoding the dump in C (msgspec) saved 0.2 s, which the recency-ordered index's sort spent "
            "again. The rest is Python checking every field by core/validate.py (1.6 s at scale 1 before a check "
            "of the year stopped importing its bounds once per value, about 0.5 s less CPU since). Two times would "
            "need parsing beside SQLite in parallel or a different undo log."
        ),
        "import (merge, nothing changes)": "Reading and checking every record in Python is most of it.",
    },
    "dump throughput": {None: "Encoding every record as JSON in Python is most of it."},
}


def why(target: dict[str, Any]) -> str | None:
    """The maintainers' reading of why TARGET can miss, or None."""
    for prefix, reasons in WHY.items():
        if target["target"].startswith(prefix):
            return reasons.get(target["subject"], reasons.get(None))
    return None
