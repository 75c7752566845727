"""Generate a synthetic "ten-year busy mentor" journal, written through the store layer in bulk.

At scale 1: 40 people, 20,000 sessions with ~150-word notes, 100,000 action items (30% open, due
dates spread over the years, some overdue), 2,000 goals (a third of them milestones) with 10,000
progress updates, 10,000 reflections and 5,000 topics. Every count but people grows with --scale.

With --peers DIR it also writes the same sessions as a jrnl journal and the same action items as a
Taskwarrior import file, so that the peers are timed on the same content.

    python benchmarks/generate.py --db /tmp/ten-years.db --scale 1 --peers /tmp/peers
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from mentorlog.store.bulk import BulkRepo
from mentorlog.store.db import open_journal, transaction

SEARCH_WORD = "delegation"
TODAY = date(2026, 11, 26)
VOCABULARY = """
feedback goal plan project team review meeting talk career growth skills confidence code design architecture
stakeholder roadmap priority deadline estimate risk quality testing release incident retro learning reading
course conference speaking writing presentation leadership coaching hiring interview onboarding budget promotion
salary conflict trust communication listening question answer decision tradeoff scope customer product data
analytics migration performance latency database cloud security privacy compliance process agile sprint kanban
backlog story ticket bug fix refactor cleanup documentation handover ownership autonomy motivation energy balance
stress vacation focus habits the a to of and in for with on about we they she he it was is be next week month
quarter year
"""
FIRST_NAMES = """Anna Ben Chen Dana Emil Farah Gita Hugo Ines Jonas Kira Lars Mona Nils Olga Paul Quinn Rosa Sven Tara
Uwe Vera Will Xenia Yusuf Zoe Arne Bea Carl Dora Eric Fay Gus Hana Ivo Jill Kai Lea Max Nora"""
LAST_NAMES = """Schmidt Okafor Wang Levi Berg Haddad Rao Klein Ortiz Weber Sato Lund Fischer Holm Petrova Roth Diaz
Silva Nyberg Singh Vogel Costa Brown Ivanova Demir Park Moe Huber Jensen Novak Lopez Kim Meyer Alvi Marsh Fox Ito
Braun Stone Nash"""


def split_words(text: str) -> list[str]:
    return text.split()


WORDS = split_words(VOCABULARY)
PEOPLE = [f"{first} {last}" for first, last in zip(split_words(FIRST_NAMES), split_words(LAST_NAMES), strict=True)]


def words(rng: random.Random, count: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(count))
    if rng.random() < 0.08:
        text += f" We talked about {SEARCH_WORD} again."
    return text


def stamp(day: date, hour: int = 10) -> str:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC).isoformat()


def generate(path: Path, scale: float, peers: Path | None = None, seed: int = 42) -> dict[str, int]:
    rng = random.Random(seed)
    start = TODAY - timedelta(days=3650)
    n = {
        "sessions": int(20_000 * scale),
        "actions": int(100_000 * scale),
        "goals": int(2_000 * scale),
        "progress_updates": int(10_000 * scale),
        "reflections": int(10_000 * scale),
        "topics": int(5_000 * scale),
    }
    db = open_journal(path, write=True)
    jrnl_entries: list[str] = []
    tasks: list[dict[str, object]] = []
    with transaction(db, path, write=True):
        repo = BulkRepo(db, today=TODAY, now=lambda: stamp(TODAY))
        repo.insert_many(
            "people",
            ["name", "role", "cadence_days"],
            [(name, "mentee" if i % 5 else "mentor", rng.choice((7, 14, 14, 21, 30))) for i, name in enumerate(PEOPLE)],
        )
        people = len(PEOPLE)
        sessions = []
        for i in range(n["sessions"]):
            day = start + timedelta(days=int(3650 * i / max(n["sessions"], 1)))
            title = " ".join(rng.choice(WORDS) for _ in range(4)).capitalize()
            notes = words(rng, 150)
            next_day = (day + timedelta(days=14)).isoformat()
            feedback = words(rng, 12)
            created = stamp(day)
            sessions.append(
                (
                    day.isoformat(),
                    rng.randint(1, people),
                    title,
                    notes,
                    feedback,
                    rng.randint(1, 5),
                    next_day,
                    created,
                    created,
                )
            )
            jrnl_entries.append(f"[{day.isoformat()} 10:00] {title}.\n{notes}\n")
        repo.insert_many(
            "sessions",
            ["date", "person_id", "title", "notes", "feedback", "confidence", "next_date", "created_at", "updated_at"],
            sessions,
        )
        goals = []
        for i in range(n["goals"]):
            created = start + timedelta(days=rng.randint(0, 3600))
            parent = rng.randint(1, i) if i > 10 and i % 3 == 0 else None
            old = created < TODAY - timedelta(days=365)
            status = rng.choice(("achieved", "achieved", "dropped", "active")) if old else "active"
            goals.append((words(rng, 5).capitalize(), rng.choice(("short", "long")), status,
                          100 if status == "achieved" else rng.randint(0, 90), parent, rng.randint(1, people),
                          stamp(created), stamp(created)))  # fmt: skip
        repo.insert_many(
            "goals",
            ["title", "horizon", "status", "progress", "parent_id", "person_id", "created_at", "updated_at"],
            goals,
        )
        updates = []
        for _ in range(n["progress_updates"]):
            day = start + timedelta(days=rng.randint(0, 3649))
            before = rng.randint(0, 80)
            updates.append(
                (rng.randint(1, n["goals"]), day.isoformat(), before, before + rng.randint(1, 20), words(rng, 6))
            )
        repo.insert_many("progress_updates", ["goal_id", "date", "progress_before", "progress", "note"], updates)
        actions = []
        for i in range(n["actions"]):
            created = start + timedelta(days=int(3650 * i / max(n["actions"], 1)))
            is_open = rng.random() < 0.3
            due = created + timedelta(days=rng.randint(3, 40))
            if is_open:  # open items cluster around now: most due soon, some overdue
                due = TODAY + timedelta(days=rng.randint(-60, 120))
            done_at = None if is_open else stamp(due - timedelta(days=rng.randint(0, 3)), 18)
            session = rng.randint(1, n["sessions"]) if rng.random() < 0.7 and n["sessions"] else None
            text = words(rng, 8)
            actions.append((text, None if rng.random() < 0.6 else rng.randint(1, people), due.isoformat(),
                            "open" if is_open else "done", rng.randint(1, people), session, stamp(created),
                            done_at or stamp(created), done_at))  # fmt: skip
            task: dict[str, object] = {
                "description": text,
                "status": "pending" if is_open else "completed",
                "entry": created.strftime("%Y%m%dT100000Z"),
                "due": due.strftime("%Y%m%dT120000Z"),
            }
            if not is_open:
                task["end"] = due.strftime("%Y%m%dT180000Z")
            tasks.append(task)
        repo.insert_many(
            "actions",
            ["text", "owner_id", "due", "status", "person_id", "session_id", "created_at", "updated_at", "done_at"],
            actions,
        )
        reflections = []
        for _ in range(n["reflections"]):
            day = start + timedelta(days=rng.randint(0, 3649))
            reflections.append((day.isoformat(), words(rng, 60), rng.randint(1, people), stamp(day), stamp(day)))
        repo.insert_many("reflections", ["date", "text", "person_id", "created_at", "updated_at"], reflections)
        topics = []
        for i in range(n["topics"]):
            open_topic = i >= n["topics"] - 100
            topics.append((words(rng, 7), rng.randint(1, people), "open" if open_topic else "discussed"))
        repo.insert_many("topics", ["text", "person_id", "status"], topics)
    db.execute("PRAGMA optimize")
    db.execute("VACUUM")
    db.close()
    if peers is not None:
        peers.mkdir(parents=True, exist_ok=True)
        (peers / "journal.txt").write_text("\n".join(jrnl_entries), encoding="utf-8")
        (peers / "tasks.json").write_text("\n".join(json.dumps(task) for task in tasks) + "\n", encoding="utf-8")
    return {"people": people, **n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="the journal file to create (must not exist)")
    parser.add_argument("--scale", type=float, default=1.0, help="0.01 ... 4; 1 is the ten-year busy mentor")
    parser.add_argument("--peers", type=Path, help="also write a jrnl journal and a Taskwarrior import file here")
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} exists; give a new file")
    began = time.perf_counter()
    counts = generate(args.db, args.scale, args.peers)
    print(f"Generated {counts} in {time.perf_counter() - began:.1f} s -> {args.db}")


if __name__ == "__main__":
    main()
