"""The benchmark tools work: the generator writes a realistic journal, and the runner reports only paired figures.

Speed itself is measured by benchmarks/run.py, not here.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .processes import tree_env

ROOT = Path(__file__).resolve().parent.parent


def test_generator_writes_a_realistic_journal_and_the_peer_files(tmp_path: Path) -> None:
    db = tmp_path / "small.db"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--db", str(db), "--scale", "0.05",
         "--peers", str(tmp_path / "peers")],
        check=True, capture_output=True, timeout=120, env=tree_env(),  # this tree's store, not an installed one
    )  # fmt: skip
    conn = sqlite3.connect(db)

    def one(sql: str) -> float:
        return conn.execute(sql).fetchone()[0]

    counts = {t: one(f"SELECT count(*) FROM {t}") for t in ("people", "sessions", "actions", "goals", "topics")}
    assert counts == {"people": 40, "sessions": 1000, "actions": 5000, "goals": 100, "topics": 250}
    assert 0.04 <= one("SELECT avg(status = 'open') FROM actions") <= 0.06
    assert one("SELECT count(*) FROM actions WHERE status = 'open' AND due < '2026-11-26'") > 0
    # relationships start and end: 8-12 are active (each with 1-3 open topics and 2-4 active goals), the rest closed
    active = {row[0] for row in conn.execute("SELECT DISTINCT person_id FROM topics WHERE status = 'open'")}
    assert 8 <= len(active) <= 12
    recent = {row[0] for row in conn.execute("SELECT DISTINCT person_id FROM sessions WHERE date >= '2026-06-01'")}
    assert recent <= active
    active_goals = dict(conn.execute("SELECT person_id, count(*) FROM goals WHERE status = 'active' GROUP BY 1"))
    assert set(active_goals) <= active
    assert all(1 <= count <= 4 for count in active_goals.values())
    before_start = "SELECT count(*) FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.date < p.created_at"
    assert one(before_start.replace("p.created_at", "substr(p.created_at, 1, 10)")) == 0
    assert one("SELECT count(*) FROM actions WHERE status = 'open' AND person_id NOT IN (SELECT person_id FROM goals "
               "WHERE status IN ('active', 'paused'))") == 0  # fmt: skip
    assert 0.02 <= one("SELECT avg(private) FROM sessions") <= 0.08
    assert 0.25 <= one("SELECT count(DISTINCT session_id) / 1000.0 FROM session_tags") <= 0.42
    # progress mostly rises: setbacks are rare and small
    assert one("SELECT avg(progress < progress_before) FROM progress_updates") < 0.15
    assert one("SELECT min(progress - progress_before) FROM progress_updates") >= -10
    # a Zipf vocabulary: the common search word is in ~10-20 % of the sessions (search matches word stems,
    # so `delegation` also finds `delegate` and `delegated`)
    common = one("SELECT count(*) FROM search_index WHERE kind = 'session' AND search_index MATCH 'delegation'")
    assert 50 <= common <= 300
    # skills: a few per relationship (one at this scale), the mentee's own or mine that a mentor rates, rated every
    # 30 days in my view and in most months in theirs, often in that month's session
    assert one("SELECT count(*) FROM skills") == 40
    assert one("SELECT count(*) FROM skills k JOIN people p ON p.id = k.person_id WHERE p.role = 'mentor'") == 0
    steps = conn.execute(
        "SELECT julianday(date) - julianday(lag(date) OVER (PARTITION BY skill_id ORDER BY date)) FROM skill_ratings"
        " WHERE rater_id IS NULL"
    ).fetchall()
    assert {step for (step,) in steps if step is not None} == {30.0}
    theirs = one("SELECT count(*) FROM skill_ratings WHERE rater_id IS NOT NULL")
    assert 0.6 <= theirs / one("SELECT count(*) FROM skill_ratings WHERE rater_id IS NULL") <= 0.8
    assert one("SELECT avg(session_id IS NOT NULL) FROM skill_ratings WHERE rater_id IS NOT NULL") > 0.5
    entries = (tmp_path / "peers" / "journal.txt").read_text().count("\n[")
    assert entries == 999  # every session but the first starts on a new line after a blank one
    tasks = [json.loads(line) for line in (tmp_path / "peers" / "tasks.json").read_text().splitlines()]
    assert len(tasks) == 5000
    assert sum(task["status"] == "pending" for task in tasks) == one("SELECT count(*) FROM actions WHERE status='open'")


def test_a_larger_scale_is_a_longer_journal_with_8_to_12_relationships_at_any_time() -> None:
    import random
    from datetime import timedelta

    from generate import DECADE_DAYS, TODAY, plan_relationships

    for decades in (1, 2, 4):
        people = plan_relationships(random.Random(42), decades)
        start = TODAY - timedelta(days=decades * DECADE_DAYS)
        assert len(people) == len({person.name for person in people}) == 40 * decades
        assert min(person.start for person in people) - start < timedelta(days=181)
        active = [
            sum(person.start <= start + timedelta(days=k) <= person.last for person in people)
            for k in range(200, decades * DECADE_DAYS + 1, 30)
        ]
        assert min(active) >= 8 and max(active) <= 12, decades
        assert 8 <= sum(person.end is None for person in people) <= 12


@pytest.mark.slow
def test_scale_2_spans_twenty_years_and_its_last_ten_look_like_scale_1() -> None:
    from datetime import date, timedelta

    from generate import TODAY, build

    def shape(scale: float) -> dict[str, Any]:
        tables = build(scale)[0]

        def table(name: str) -> list[dict[str, Any]]:
            columns, values = tables[name]
            return [dict(zip(columns, row, strict=True)) for row in values]

        decade = (TODAY - timedelta(days=3650)).isoformat()
        sessions, actions, goals = table("sessions"), table("actions"), table("goals")
        return {
            "first": min(date.fromisoformat(s["date"]) for s in sessions),
            "sessions": len(sessions),
            "recent sessions": sum(s["date"] >= decade for s in sessions),
            "recent actions": sum(a["created_at"] >= decade for a in actions),
            "open actions": sum(a["status"] == "open" for a in actions),
            "active goals": sum(g["status"] == "active" for g in goals),
            "skills": len(tables["skills"][1]),
        }

    one, two = shape(1), shape(2)
    assert one["first"] > TODAY - timedelta(days=3650) and two["first"] < TODAY - timedelta(days=3650 + 3400)
    assert (one["sessions"], two["sessions"]) == (20_000, 40_000)
    for key in ("recent sessions", "recent actions", "open actions", "active goals"):
        assert 0.85 <= two[key] / one[key] <= 1.15, (key, one[key], two[key])
    assert 1.6 <= two["skills"] / one["skills"] <= 2.4  # per relationship as many: twice the relationships


sys.path.insert(0, str(ROOT / "benchmarks"))

from plan import COMMANDS, COMPLETIONS, DUMP, OPTIONAL  # noqa: E402
from timing import Command, count_rows, paired  # noqa: E402


def test_pairs_alternate_and_each_figure_is_the_median_of_the_pair_ratios() -> None:
    env = {"PATH": "/usr/bin:/bin"}
    first = Command("quick", [sys.executable, "-c", "pass"], env)
    second = Command("slower", [sys.executable, "-c", "import json, decimal"], env)
    series = paired(first, second, pairs=3, warmups=1)
    check_series(series, 3)
    inverse = paired(first, second, pairs=2, warmups=0, ratio="second/first")
    check_series(inverse, 2)


def test_rows_are_counted_as_each_program_prints_them() -> None:
    mentorlog = """  id  due                        owner  with       action                 status
9374  2026-09-27 (2 months ago)  me     Eric Lopez  Lele we tonoilze       open
                                                    to reading a.
 943  2026-09-28 (8 weeks ago)   Gus    Gus Meyer   On mozuro salary.      open
25 action items, 25 overdue; 467 more not shown (--limit 0 shows all)"""
    search = "kind      id  date        title\naction   805  2018-01-13  And for\n                 delegation.\n"
    jrnl = "2026-11-02 16:00 Week monitoring.\nIn the the about\n2026-11-03 17:00 Slides vp.\nGoal 2 of 3\n"
    task = "  7 1.9y   kai      -6w   Me by stakeholder trust.     15\n 13 1.7y   eric     -8w   In the cleanup.  15\n"
    assert count_rows(mentorlog, "mentorlog") == 2
    assert count_rows(search, "mentorlog") == 1
    assert count_rows(jrnl, "jrnl") == 2
    assert count_rows(task, "task") == 2


def check_series(series: dict[str, Any], pairs: int) -> None:
    """The series' figures are computed from its recorded pairs, and its runs alternated strictly."""
    assert len(series["pairs"]) == pairs
    previous = None
    for pair in series["pairs"]:
        first, second = pair["first"], pair["second"]
        assert second["seq"] == first["seq"] + 1
        if previous is not None:
            assert first["seq"] == previous + 1
        previous = second["seq"]
        expected = first["seconds"] / second["seconds"]
        if series["ratio_is"] == "second/first":
            expected = 1 / expected
        assert pair["ratio"] == pytest.approx(expected)
    ratios = [pair["ratio"] for pair in series["pairs"]]
    assert series["median_ratio"] == pytest.approx(statistics.median(ratios))
    assert (series["min_ratio"], series["max_ratio"]) == (min(ratios), max(ratios))
    assert series["first_median_ms"] == pytest.approx(
        statistics.median(p["first"]["seconds"] for p in series["pairs"]) * 1000
    )
    assert series["first_peak_mb"] == max(p["first"]["peak_kb"] for p in series["pairs"]) / 1024


@pytest.mark.slow
def test_the_runner_reports_only_figures_from_paired_runs(tmp_path: Path) -> None:
    output = tmp_path / "benchmarks.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--scales", "0.01", "0.02", "--runs", "2",
         "--heavy-runs", "2", "--warmups", "0", "--no-peers", "--installed", "--work", str(tmp_path / "work"),
         "--output", str(output)],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert " exited " not in done.stderr, done.stderr  # every timed command succeeded
    data = json.loads((tmp_path / "benchmarks.json").read_text())
    assert data["browse"]["scale"] == "0.02" and len(data["browse"]["runs"]) == 3, data["browse"]  # the largest
    check_report(data, output.read_text())


def test_the_committed_report_is_the_runners_own() -> None:
    """docs/benchmarks.md matches the raw pairs in docs/benchmarks.json (nothing edited by hand)."""
    docs = ROOT / "docs"
    check_report(json.loads((docs / "benchmarks.json").read_text()), (docs / "benchmarks.md").read_text())


def check_report(data: dict[str, Any], report: str) -> None:
    runs, heavy = data["settings"]["runs"], data["settings"]["heavy_runs"]
    check_series(data["floors"], runs)
    for scale, measured in data["scales"].items():
        assert set(measured["skipped"]) <= OPTIONAL
        timed = set(measured["commands"]) | set(measured["skipped"])
        assert timed - set(COMPLETIONS) == set(COMMANDS)  # completion timing came later: a report before has none
        assert timed & set(COMPLETIONS) in (set(), set(COMPLETIONS))
        assert measured["writes_undone"]["unchanged"]
        section = report.split(f"## mentorlog at scale {scale}\n", 1)[1].split("\n## ", 1)[0]
        for label, series in measured["commands"].items():
            check_series(series, runs)
            assert series["second"] == "floor"
            row = next(line for line in section.splitlines() if line.startswith(f"| `{label}` |"))
            assert f"{series['median_ratio']:.2f} ({series['min_ratio']:.2f}–{series['max_ratio']:.2f})" in row
        if "dump" in measured:
            for name in ("export", "import_empty", "import_merge"):
                check_series(measured["dump"][name], heavy)
            assert measured["dump"]["import_empty"]["second"] == f"mentorlog {DUMP}"
            assert measured["dump"]["import_merge"]["journal_unchanged"]
    for series in data.get("peers", {}).get("pairs", {}).values():
        check_series(series, runs)
        assert series["ratio_is"] == "second/first"
        assert f"| {ratio_text(series)} |" in report
    scales = list(data["scales"])
    first, last = data["scales"][scales[0]]["commands"], data["scales"][scales[-1]]["commands"]
    for label, grown in data["growth"].items():
        assert grown["growth"] == pytest.approx(last[label]["median_ratio"] / first[label]["median_ratio"])
    explained = data.get("explained")
    if explained is not None:  # the missed targets' commands taken apart (benchmarks/explain.py)
        assert "## Where the time goes" in report
        labels = {run["label"] for run in explained["runs"].values()}
        for target in data["targets"]:
            if target["met"] is False and "memory" not in target["target"]:
                assert target["subject"] in labels or target["subject"].split(" / ")[0] in labels, target
        reasons = {(target, subject) for target, subject, _reason in explained["why"]}
        for target in data["targets"]:  # every miss but memory's has the maintainers' reading, shown in the report
            if target["met"] is False and "memory" not in target["target"]:
                assert (target["target"], target["subject"]) in reasons, target
        for target, subject, reason in explained["why"]:
            assert f"- {target}, `{subject}`: {reason}" in report
        for run in [explained["floor"], *explained["runs"].values()]:
            assert run["imports_ms"] + run["sqlite_ms"] + run["drawing_ms"] <= run["total_ms"] + 0.01
            assert run["python_ms"] == pytest.approx(
                max(run["total_ms"] - run["imports_ms"] - run["sqlite_ms"] - run["drawing_ms"], 0), abs=0.01
            )
    check_browse(data.get("browse"), report)
    for target in data["targets"]:
        if target["target"].endswith("× floor"):
            assert target["value"] == first[target["subject"]]["median_ratio"]
        elif target["target"].startswith("growth"):
            assert target["value"] == data["growth"][target["subject"]]["growth"]
        limit = target["bound"]
        assert target["met"] == (target["value"] <= limit if target["at_most"] else target["value"] >= limit)
        assert f"| {target['target']} | {target['scale']} | `{target['subject']}` |" in report


def ratio_text(series: dict[str, Any]) -> str:
    return f"{series['median_ratio']:.2f} ({series['min_ratio']:.2f}–{series['max_ratio']:.2f})"


def test_a_command_taken_apart_adds_up(tmp_path: Path) -> None:
    """benchmarks/explain.py: imports, SQLite and drawing are each measured (and no more than the whole)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from explain import profile

    db = tmp_path / "demo.db"
    # this tree's mentorlog for the demo and the driver alike (the driver runs from benchmarks/, so without the tree
    # on the path it would import the installed one, which refuses a journal with a newer schema)
    env = {**os.environ, "MENTORLOG_TODAY": "2026-11-26", "NO_COLOR": "1", "COLUMNS": "100", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "mentorlog", "--db", str(db), "demo"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    parts = profile(Path(sys.executable), ["mentorlog", "--db", str(db), "actions"], env, runs=3)
    assert parts["statements"] >= 3 and parts["sqlite_by_kind"]["reading rows"] > 0
    assert parts["imports_ms"] > 5 and parts["drawing_ms"] > 0.5 and parts["sqlite_ms"] > 0
    assert parts["imports_ms"] + parts["sqlite_ms"] + parts["drawing_ms"] <= parts["total_ms"]
    floor = profile(Path(sys.executable), [str(ROOT / "benchmarks" / "floor_app.py")], env, runs=3)
    assert floor["statements"] == 0 and floor["sqlite_ms"] == 0 and floor["drawing_ms"] > 0.5
    empty = tmp_path / "restored.db"
    dump = tmp_path / "dump.json"
    subprocess.run([sys.executable, "-m", "mentorlog", "--db", str(db), "export", "--format", "json", "--all", "-o",
                    str(dump)], env=env, check=True, capture_output=True)  # fmt: skip
    restore = profile(Path(sys.executable), ["mentorlog", "--db", str(empty), "import", str(dump)], env, runs=1)
    assert restore["sqlite_by_kind"]["search index"] > 0 and restore["sqlite_by_kind"]["writing rows"] > 0


def test_every_missed_target_but_memory_is_taken_apart_a_write_too() -> None:
    """A write that misses its bound (a loaded machine can make `note` miss) is profiled like a listing (the
    runner undoes each run's change), so the report's "Where the time goes" explains every miss."""
    from plan import WRITES, explained

    ids = {"person": "Ana Lima", "action": 7, "session": 3, "goal": 2}
    data = {"scales": {"1": {"ids": ids}, "4": {"ids": ids}}}
    for label in WRITES:
        target = {"target": "write × floor", "scale": "1", "subject": label, "met": False}
        [(scale, subject, args)] = explained(target, data)
        assert (scale, subject) == ("1", label) and args[0] in ("note", "action")
    assert explained({"target": "write × floor", "subject": "note"}, data)[0][2][:3] == ["note", "--with", "Ana Lima"]
    memory = {"target": "every command's peak memory", "scale": "1", "subject": "largest: note"}
    assert explained(memory, data) == []


def check_browse(browse: dict[str, Any] | None, report: str) -> None:
    """The report's browse section shows the figures of the recorded runs, each against issue 27's target."""
    from browse import summary

    section = report.split("## Browse (`mentorlog browse`, issue 27)\n", 1)[1].split("\n## ", 1)[0]
    if browse is None or "skipped" in browse:
        assert "Not measured" in section
        return
    figures = summary(browse["runs"])
    moves = [move for run in browse["runs"] for move in run["moves"]]
    assert figures["move_max_ms"] == pytest.approx(max(moves) * 1000)
    assert figures["move_median_ms"] == pytest.approx(statistics.median(moves) * 1000)
    row = next(line for line in section.splitlines() if line.startswith("| moving to the next person |"))
    assert f"median {figures['move_median_ms']:.1f} ms, slowest {figures['move_max_ms']:.1f} ms | ≤ 100 ms |" in row
    assert row.endswith("| met |") == (max(moves) <= 0.1)
    first = next(line for line in section.splitlines() if line.startswith("| first screen"))
    assert f"slowest {max(run['first'] for run in browse['runs']):.2f} s | ≤ 1 s |" in first
    memory = next(line for line in section.splitlines() if line.startswith("| peak memory |"))
    assert f"| {max(run['peak_mb'] for run in browse['runs']):.0f} MB | < 150 MB |" in memory
    assert "`App.run_test`" in section and "20 ms" in section  # what is measured, and what Pilot's pause costs


def browse_run(moves_ms: list[float], first: float, peak: float) -> dict[str, Any]:
    """One process's raw figures, as benchmarks/browse.py's child prints them."""
    return {"first": first, "moves": [ms / 1000 for ms in moves_ms], "cpu": [ms / 4000 for ms in moves_ms],
            "idle": [0.0208] * len(moves_ms), "reads": [0.012] * len(moves_ms), "peak_mb": peak,
            "people": len(moves_ms), "textual": "8.2.8"}  # fmt: skip


@pytest.mark.parametrize(
    ("runs", "said"),
    [
        (
            [browse_run([55.0, 61.5, 70.0], 0.33, 44.0), browse_run([57.0, 99.9, 58.0], 0.41, 45.2)],
            {"first": "| ≤ 1 s | met |", "move": "| ≤ 100 ms | met |", "memory": "| < 150 MB | met |"},
        ),
        (
            [browse_run([80.0, 81.5, 82.0], 0.32, 44.0), browse_run([81.0, 105.6, 83.0], 1.2, 151.0)],
            {
                "first": "median 0.76 s, slowest 1.20 s | ≤ 1 s | **missed** |",
                "move": "median 81.8 ms, slowest 105.6 ms | ≤ 100 ms | met at the median, the slowest **missed** |",
                "memory": "| 151 MB | < 150 MB | **missed** |",
            },
        ),
        (
            [browse_run([120.0, 130.0], 0.5, 60.0)],
            {"move": "median 125.0 ms, slowest 130.0 ms | ≤ 100 ms | **missed** |"},
        ),
    ],
)
def test_the_report_shows_browse_against_its_targets_from_the_raw_runs(runs: list[Any], said: dict[str, str]) -> None:
    """benchmarks/report.py's browse section, from a fabricated run (the real one takes minutes on a quiet machine):
    the figures are those of the runs, and a target missed by one run or one move is missed."""
    from report import render

    data = json.loads((ROOT / "docs" / "benchmarks.json").read_text())
    data["browse"] = {"scale": "4", "size": [80, 24], "runs": runs, "load": [0.31, 0.42], "textual": "8.2.8"}
    report = render(data, "benchmarks.json")
    check_browse(data["browse"], report)
    section = report.split("## Browse (`mentorlog browse`, issue 27)\n", 1)[1].split("\n## ", 1)[0]
    assert f"{len(runs[0]['moves'])} people listed; {len(runs)} processes" in section
    for key, expected in said.items():
        row = next(line for line in section.splitlines() if line.startswith(("| first", "| moving", "| peak"))
                   and line.startswith({"first": "| first", "move": "| moving", "memory": "| peak"}[key]))  # fmt: skip
        assert row.endswith(expected), (key, row)
    assert "Load average (1 min) at the start and end of this section: 0.3, 0.4." in section
    skipped = {**data, "browse": {"scale": "4", "skipped": "ModuleNotFoundError: No module named 'textual'"}}
    assert "Not measured at scale 4: ModuleNotFoundError: No module named 'textual'" in render(skipped, "b.json")
    older = {key: value for key, value in data.items() if key != "browse"}  # a runner from before browse was timed
    assert "Not measured in this run" in render(older, "b.json")
