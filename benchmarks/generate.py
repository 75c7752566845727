"""Generate a realistic journal of a busy mentor, ten years per unit of --scale, and the same content for the peers.

At scale 1: 40 people whose relationships start and end over ten years (8-12 active at any time, each
person's sessions within their relationship), 20,000 sessions with ~150-word notes from a Zipf vocabulary
(benchmarks/words.py: common words, rare words, a third of the sessions tagged, ~5 % private), 100,000
action items (~5 % open, all in active relationships, some overdue; the rest done or dropped), 2,000 goals
(a third of them milestones; progress mostly rising with small setbacks; old goals achieved or dropped,
2-4 active per active relationship) with 10,000 progress updates, 10,000 reflections and 5,000 topics
(a few open per active relationship). Every relationship has two to four skills (times --scale below 1, at least one:
the mentee's, or mine that a mentor rates), most linked to a goal of the relationship, rated every month of
the relationship in my view and in most months in theirs (often in that month's session): ~5,000 ratings at
scale 1.

--scale N >= 1 is the same mentor over N times ten years, at the same yearly density: scale 4 is a forty-year
journal with 160 people (8-12 relationships active at any time), 80,000 sessions, 400,000 actions, 8,000 goals
and so on, whose last ten years look like scale 1's (the same number of open actions, active goals, open topics
and skills per relationship; the rare word a handful of times per ten years). A --scale below 1 keeps the ten
years and 40 people and thins every other count (tiny journals for tests). Seeded: the same arguments give the
same journal.

With --peers DIR it also writes the same sessions as a jrnl journal and the same action items as a
Taskwarrior import file, so that the peers are timed on the same content.

    python benchmarks/generate.py --db /tmp/ten-years.db --scale 1 --peers /tmp/peers
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import sqlite3
import sys
import time
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_writer import Rows, write_journal
from words import COMMON_WORD, RARE_WORD, Writer, split_words

TODAY = date(2026, 11, 26)
DECADE_DAYS = 3650
OPEN_SHARE = 0.05
FIRST_NAMES = """Anna Ben Chen Dana Emil Farah Gita Hugo Ines Jonas Kira Lars Mona Nils Olga Paul Quinn Rosa Sven Tara
Uwe Vera Will Xenia Yusuf Zoe Arne Bea Carl Dora Eric Fay Gus Hana Ivo Jill Kai Lea Max Nora"""
LAST_NAMES = """Schmidt Okafor Wang Levi Berg Haddad Rao Klein Ortiz Weber Sato Lund Fischer Holm Petrova Roth Diaz
Silva Nyberg Singh Vogel Costa Brown Ivanova Demir Park Moe Huber Jensen Novak Lopez Kim Meyer Alvi Marsh Fox Ito
Braun Stone Nash"""
FIRSTS, LASTS = split_words(FIRST_NAMES), split_words(LAST_NAMES)
# 40 names per ten years: the first 40 pair first and last names in order, each further 40 with the last names shifted
PEOPLE = [f"{FIRSTS[i % 40]} {LASTS[(i + 7 * (i // 40)) % 40]}" for i in range(40 * 40)]
SLOTS = [4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3]  # relationships back to back per slot and ten years: at most 11 at once
SKILLS = """giving feedback|public speaking|estimating work|system design|delegation|writing proposals|negotiation|
stakeholder management|code review|mentoring others|prioritising|facilitation|SQL|data modelling|hiring|
saying no|presenting to executives|incident handling|coaching|planning a roadmap""".replace("\n", "").split("|")


def rows(columns: str, values: list[Any]) -> Rows:
    return split_words(columns), values


def stamp(day: date, hour: int = 10) -> str:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC).isoformat()


@dataclass
class Relationship:
    id: int
    name: str
    role: str
    cadence: int
    start: date
    end: date | None  # None: still active

    @property
    def last(self) -> date:
        return self.end or TODAY

    @property
    def days(self) -> int:
        return (self.last - self.start).days


@dataclass
class Goal:
    id: int
    person: int
    created: date
    end: date
    horizon: str
    parent: int | None
    status: str = "achieved"
    updates: list[date] = field(default_factory=list)


def plan_relationships(rng: random.Random, decades: int) -> list[Relationship]:
    """Per slot, DECADES times its count of relationships back to back over DECADES times ten years."""
    spans: list[tuple[date, date | None]] = []
    days, start = decades * DECADE_DAYS, TODAY - timedelta(days=decades * DECADE_DAYS)
    for per_decade in SLOTS:
        count = per_decade * decades
        while True:
            cuts = sorted(rng.sample(range(200, days - 200), count - 1))
            bounds = [0, *cuts, days]
            if all(b - a >= 240 for a, b in itertools.pairwise(bounds)):
                break
        for k in range(count):
            begin = start + timedelta(days=bounds[k] + rng.randint(0, 180 if k == 0 else 40))
            end = start + timedelta(days=bounds[k + 1] - rng.randint(0, 30)) if k < count - 1 else None
            spans.append((begin, end))
    spans.sort(key=lambda span: span[0])
    return [
        Relationship(i + 1, PEOPLE[i], "mentor" if rng.random() < 0.2 else "mentee", rng.choice((7, 14, 14, 21, 30)),
                     begin, end)
        for i, (begin, end) in enumerate(spans)
    ]  # fmt: skip


def shares(total: int, weights: list[int]) -> list[int]:
    """TOTAL split in proportion to WEIGHTS (largest remainder), summing exactly to TOTAL."""
    whole = sum(weights) or 1
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    for index in sorted(range(len(weights)), key=lambda i: counts[i] - exact[i])[: total - sum(counts)]:
        counts[index] += 1
    return counts


def some_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def progress_path(rng: random.Random, steps: int, final: int) -> list[int]:
    """Mostly rising values ending at FINAL, with an occasional small setback."""
    values, shape = [], rng.uniform(0.6, 1.4)
    for step in range(1, steps + 1):
        value = round(final * (step / steps) ** shape)
        if step < steps and values and rng.random() < 0.12:
            value = max(values[-1] - rng.randint(2, 8), 0)
        values.append(value)
    return values


def open_time_constant(ages: list[int], wanted: int) -> float:
    """The tau for which sum(exp(-age / tau)) over AGES is WANTED (bisection)."""
    low, high = 0.5, 20_000.0
    for _ in range(40):
        middle = (low + high) / 2
        if sum(math.exp(-age / middle) for age in ages) < wanted:
            low = middle
        else:
            high = middle
    return high


def build(scale: float, seed: int = 42) -> tuple[dict[str, Rows], list[str], list[dict[str, Any]]]:
    """The journal's tables, the jrnl journal's entries and the Taskwarrior tasks."""
    rng = random.Random(seed)
    write = Writer(rng)
    n = {name: int(count * scale) for name, count in (("sessions", 20_000), ("actions", 100_000), ("goals", 2_000),
         ("progress_updates", 10_000), ("reflections", 10_000), ("topics", 5_000))}  # fmt: skip
    decades = max(1, math.ceil(scale - 1e-9))  # scale N >= 1: N times ten years at scale 1's density
    density = scale / decades  # per ten years, relative to scale 1 (below 1 only for scales below 1)
    people = plan_relationships(rng, decades)
    people_rows = [(p.id, p.name, p.role, p.cadence, stamp(p.start), stamp(p.end or p.start), p.start.isoformat(),
                    p.end and p.end.isoformat(), "closed" if p.end else "active", p.end and p.end.isoformat())
                   for p in people]  # fmt: skip

    # sessions: each relationship's share of the ten years, in date order over all of them
    planned = []
    for person, count in zip(people, shares(n["sessions"], [p.days for p in people]), strict=True):
        planned += [(some_day(rng, person.start, person.last), rng.randint(8, 17), person.id) for _ in range(count)]
    planned.sort()
    sessions, session_tags, jrnl = [], [], []
    confidence = {p.id: rng.randint(2, 4) for p in people}
    for sid, (day, hour, pid) in enumerate(planned, 1):
        if rng.random() < 0.3:
            confidence[pid] = min(5, max(1, confidence[pid] + rng.choice((-1, 1, 1))))
        title, notes = write.title(), write.text(rng.randint(110, 190))
        if rng.random() < 1 / 3:
            tags = write.tags(rng.randint(1, 3))
            notes += " " + " ".join(f"#{tag}" for tag in tags)
            session_tags += [(sid, tag) for tag in tags]
        next_day = day + timedelta(days=people[pid - 1].cadence)
        sessions.append((sid, day.isoformat(), f"{hour:02d}:00", pid, title, notes, write.text(rng.randint(8, 16)),
                         confidence[pid], next_day.isoformat(), int(rng.random() < 0.05), stamp(day, hour),
                         stamp(day, hour)))  # fmt: skip
        jrnl.append(f"[{day.isoformat()} {hour:02d}:00] {title}.\n{notes}\n")

    # goals: created within the relationship; milestones inside a parent; 2-4 active per active relationship
    goals: list[Goal] = []
    for person, count in zip(people, shares(n["goals"], [p.days for p in people]), strict=True):
        mine: list[Goal] = []
        for created in sorted(some_day(rng, person.start, person.last) for _ in range(count)):
            horizon = "short" if rng.random() < 0.65 else "long"
            end = created + timedelta(days=rng.randint(30, 120) if horizon == "short" else rng.randint(120, 420))
            parents = [g for g in mine if g.parent is None and g.end >= created]
            parent = parents[-1] if parents and rng.random() < 0.4 else None
            end = min(end, parent.end if parent else end, person.end or end)
            mine.append(Goal(len(goals) + len(mine) + 1, person.id, created, end, horizon, parent and parent.id))
        keep = {g.id for g in mine[-rng.randint(2, 4) :]} if person.end is None else set()
        for goal in mine:
            if goal.id in keep:
                goal.status = "paused" if rng.random() < 0.1 else "active"
                goal.end = max(goal.end, TODAY)
            else:
                goal.end = min(goal.end, TODAY - timedelta(days=rng.randint(1, 90)))
                goal.end = max(goal.end, goal.created)
                goal.status = "achieved" if rng.random() < 0.78 else "dropped"
        goals += mine
    for _ in range(n["progress_updates"]) if goals else ():
        goal = rng.choice(goals)
        goal.updates.append(some_day(rng, goal.created, min(goal.end, TODAY)))
    goal_rows, goal_tags, update_rows = [], [], []
    for goal in goals:
        final = {"achieved": 100, "dropped": rng.randint(5, 70), "paused": rng.randint(10, 60)}.get(
            goal.status, rng.randint(10, 90)
        )
        days = sorted(goal.updates)
        before = 0
        for day, value in zip(days, progress_path(rng, len(days), final), strict=True):
            update_rows.append((len(update_rows) + 1, goal.id, day.isoformat(), before, value, write.text(6),
                                stamp(day, 19), stamp(day, 19)))  # fmt: skip
            before = value
        progress = 100 if goal.status == "achieved" else before
        closed = goal.status in ("achieved", "dropped")
        target = goal.created + timedelta(days=90 if goal.horizon == "short" else 365)
        goal_rows.append((goal.id, write.text(rng.randint(3, 6)).rstrip("."), write.text(rng.randint(10, 30)),
                          goal.horizon, goal.status, progress, target.isoformat(), goal.parent, goal.person,
                          stamp(goal.created), stamp(goal.end if closed else goal.created),
                          goal.end.isoformat() if goal.status == "achieved" else None))  # fmt: skip
        if rng.random() < 0.2:
            goal_tags += [(goal.id, tag) for tag in write.tags(1)]
    by_person: dict[int, list[Goal]] = {}
    for goal in goals:
        by_person.setdefault(goal.person, []).append(goal)
    starts = {pid: [g.created for g in mine] for pid, mine in by_person.items()}

    def goal_at(pid: int, day: date) -> int | None:
        """The newest goal of the person that was running on DAY."""
        newest = bisect_right(starts.get(pid, []), day) - 1
        for index in range(newest, max(newest - 30, -1), -1):
            if by_person[pid][index].end >= day:
                return by_person[pid][index].id
        return None

    session_goals = []
    for sid, day_text, _time, pid, *_rest in sessions:
        if rng.random() < 0.5 and (gid := goal_at(pid, date.fromisoformat(day_text))):
            session_goals.append((sid, gid))

    # action items: from sessions; ~5 % open, the most recent ones of the active relationships
    active = {p.id for p in people if p.end is None}
    anchors = [rng.randrange(len(sessions)) for _ in range(n["actions"])] if sessions else []
    anchors.sort()
    ages = [(TODAY - date.fromisoformat(sessions[a][1])).days for a in anchors]
    candidates = [age for a, age in zip(anchors, ages, strict=True) if sessions[a][3] in active]
    # the open ones are ~5 % of the last ten years' actions (as many at every scale >= 1: they are the active ones)
    tau = open_time_constant(candidates, round(OPEN_SHARE * n["actions"] / decades)) if candidates else 1.0
    actions, tasks = [], []
    for aid, (anchor, age) in enumerate(zip(anchors, ages, strict=True), 1):
        sid, day_text, _time, pid = sessions[anchor][:4]
        created = date.fromisoformat(day_text)
        text = write.text(rng.randint(5, 11))
        goal_id = goal_at(pid, created) if rng.random() < 0.3 else None
        done_at = None
        if pid in active and rng.random() < math.exp(-age / tau):
            status = "open"
            overdue = rng.random() < 0.25 and age >= 1
            due = (
                TODAY - timedelta(days=rng.randint(1, min(60, age)))
                if overdue
                else TODAY + timedelta(days=rng.randint(0, 60))
            )
            updated = stamp(created, 11)
        else:
            due = created + timedelta(days=rng.randint(3, 40))
            finished = min(max(due + timedelta(days=rng.randint(-10, 6)), created), TODAY)
            status = "dropped" if rng.random() < 0.12 else "done"
            done_at = stamp(finished, 18) if status == "done" else None
            updated = stamp(finished, 18)
        owner = pid if rng.random() < 0.55 else None
        actions.append((aid, text, owner, due.isoformat(), status, pid, sid if rng.random() < 0.8 else None, goal_id,
                        stamp(created, 11), updated, done_at))  # fmt: skip
        task = {"description": text, "entry": created.strftime("%Y%m%dT110000Z"),
                "due": due.strftime("%Y%m%dT120000Z"), "project": people[pid - 1].name.split()[0].lower(),
                "status": {"open": "pending", "done": "completed", "dropped": "deleted"}[status]}  # fmt: skip
        if status != "open":
            task["end"] = updated.replace("-", "").replace(":", "")[:15] + "Z"
        tasks.append(task)

    reflections, reflection_tags = [], []
    for rid in range(1, n["reflections"] + 1):
        _sid, day_text, _time, pid = sessions[rng.randrange(len(sessions))][:4] if sessions else (0, "", "", 1)
        day = min(date.fromisoformat(day_text) + timedelta(days=rng.randint(0, 2)), TODAY) if sessions else TODAY
        text = write.text(rng.randint(40, 80))
        if rng.random() < 0.15:
            tags = write.tags(rng.randint(1, 2))
            text += " " + " ".join(f"#{tag}" for tag in tags)
            reflection_tags += [(rid, tag) for tag in tags]
        about = pid if rng.random() < 0.7 else None
        goal_id = goal_at(pid, day) if about and rng.random() < 0.2 else None
        reflections.append((rid, day.isoformat(), text, goal_id, about, stamp(day, 21), stamp(day, 21)))

    topics = []
    open_topics = [(p.id, TODAY - timedelta(days=rng.randint(0, 6))) for p in people if p.end is None
                   for _ in range(rng.randint(1, 3))][: n["topics"]]  # fmt: skip
    for tid in range(1, n["topics"] - len(open_topics) + 1):
        sid, day_text, _time, pid = sessions[rng.randrange(len(sessions))][:4]
        day = date.fromisoformat(day_text)
        created = max(day - timedelta(days=rng.randint(1, 14)), people[pid - 1].start)
        topics.append((tid, write.text(rng.randint(4, 10)), pid, "discussed", sid, stamp(created, 12),
                       stamp(day, 12), stamp(day, 12)))  # fmt: skip
    for pid, created in open_topics:
        topics.append((len(topics) + 1, write.text(rng.randint(4, 10)), pid, "open", None, stamp(created, 12),
                       stamp(created, 12), None))  # fmt: skip

    skills, skill_goals, ratings = plan_skills(rng, write, density, people, by_person, sessions)
    tables = {
        "people": rows("id name role cadence_days created_at updated_at started ends status closed_at", people_rows),
        "sessions": rows("id date time person_id title notes feedback confidence next_date private created_at "
                         "updated_at", sessions),
        "session_tags": rows("session_id tag", session_tags),
        "goals": rows("id title description horizon status progress target parent_id person_id created_at updated_at "
                      "achieved_at", goal_rows),
        "goal_tags": rows("goal_id tag", goal_tags),
        "session_goals": rows("session_id goal_id", session_goals),
        "progress_updates": rows("id goal_id date progress_before progress note created_at updated_at", update_rows),
        "actions": rows("id text owner_id due status person_id session_id goal_id created_at updated_at done_at",
                        actions),
        "reflections": rows("id date text goal_id person_id created_at updated_at", reflections),
        "reflection_tags": rows("reflection_id tag", reflection_tags),
        "topics": rows("id text person_id status session_id created_at updated_at discussed_at", topics),
        "skills": rows("id name kind person_id description created_at updated_at", skills),
        "skill_goals": rows("skill_id goal_id", skill_goals),
        "skill_ratings": rows("id skill_id date level rater_id session_id note created_at updated_at", ratings),
    }  # fmt: skip
    return tables, jrnl, tasks


def plan_skills(
    rng: random.Random,
    write: Writer,
    density: float,
    people: list[Relationship],
    by_person: dict[int, list[Goal]],
    sessions: list[tuple[Any, ...]],
) -> tuple[list[tuple[Any, ...]], list[tuple[int, int]], list[tuple[Any, ...]]]:
    """A few skills per relationship, rated monthly while it lasts: mine every month, theirs in most months, in
    that month's session when there is one. Levels mostly rise; the two views often differ by one or two."""
    held: dict[int, list[tuple[str, int]]] = {}
    for sid, day_text, _time, pid, *_rest in sessions:
        held.setdefault(pid, []).append((day_text, sid))
    skills, links, ratings = [], [], []
    for person in people:
        days = held.get(person.id, [])
        for _ in range(max(1, round(rng.randint(2, 4) * density))):
            kid = len(skills) + 1
            name = SKILLS[kid % len(SKILLS)] + (f" {kid // len(SKILLS) + 1}" if kid >= len(SKILLS) else "")
            skills.append((kid, name, "strength" if rng.random() < 0.25 else "growth",
                           person.id if person.role == "mentee" else None, write.text(rng.randint(6, 14)),
                           stamp(person.start, 9), stamp(person.start, 9)))  # fmt: skip
            goals = by_person.get(person.id, [])
            if goals and rng.random() < 0.7:
                links.append((kid, rng.choice(goals).id))
            mine = rng.randint(1, 3)
            theirs = min(5, max(1, mine + rng.choice((-1, 0, 1, 2))))
            month = person.start + timedelta(days=rng.randint(10, 30))
            while month <= person.last:
                mine = min(5, max(1, mine + rng.choice((0, 0, 0, 1, 1, -1))))
                theirs = min(5, max(1, theirs + rng.choice((0, 0, 0, 1, -1))))
                note = write.text(rng.randint(4, 9)) if rng.random() < 0.2 else ""
                ratings.append((len(ratings) + 1, kid, month.isoformat(), mine, None, None, note, stamp(month, 20),
                                stamp(month, 20)))  # fmt: skip
                if rng.random() < 0.7:
                    index = bisect_right(days, (month.isoformat(), 0)) - 1
                    session = (
                        days[index]
                        if index >= 0 and days[index][0] >= (month - timedelta(days=30)).isoformat()
                        else None
                    )
                    day, session_id = (date.fromisoformat(session[0]), session[1]) if session else (month, None)
                    ratings.append((len(ratings) + 1, kid, day.isoformat(), theirs, person.id, session_id, "",
                                    stamp(day, 19), stamp(day, 19)))  # fmt: skip
                month += timedelta(days=30)
    return skills, links, ratings


def generate(path: Path, scale: float, peers: Path | None = None, seed: int = 42) -> dict[str, int]:
    tables, jrnl, tasks = build(scale, seed)
    write_journal(path, tables, TODAY, stamp(TODAY))
    if peers is not None:
        peers.mkdir(parents=True, exist_ok=True)
        (peers / "journal.txt").write_text("\n".join(jrnl), encoding="utf-8")
        (peers / "tasks.json").write_text("\n".join(json.dumps(task) for task in tasks) + "\n", encoding="utf-8")
    return describe(path)


def describe(path: Path) -> dict[str, int]:
    """Counts and shapes of a generated journal (plain SQL, so that it works on any schema version)."""
    conn = sqlite3.connect(path)
    today = TODAY.isoformat()
    queries = {
        "people": "SELECT count(*) FROM people",
        "sessions": "SELECT count(*) FROM sessions",
        "actions": "SELECT count(*) FROM actions",
        "goals": "SELECT count(*) FROM goals",
        "progress_updates": "SELECT count(*) FROM progress_updates",
        "reflections": "SELECT count(*) FROM reflections",
        "topics": "SELECT count(*) FROM topics",
        "active people": f"SELECT count(DISTINCT person_id) FROM sessions WHERE date >= date('{today}', '-60 days')",
        "open actions": "SELECT count(*) FROM actions WHERE status = 'open'",
        "overdue actions": f"SELECT count(*) FROM actions WHERE status = 'open' AND due < '{today}'",
        "active goals": "SELECT count(*) FROM goals WHERE status = 'active'",
        "private sessions": "SELECT count(*) FROM sessions WHERE private = 1",
        "tagged sessions": "SELECT count(DISTINCT session_id) FROM session_tags",
        "open topics": "SELECT count(*) FROM topics WHERE status = 'open'",
        "skills": "SELECT count(*) FROM skills",
        "skill ratings": "SELECT count(*) FROM skill_ratings",
        f"records with {RARE_WORD}": f"SELECT count(*) FROM search_index WHERE search_index MATCH '{RARE_WORD}'",
        f"sessions with {COMMON_WORD}": "SELECT count(*) FROM search_index WHERE kind = 'session' "
        f"AND search_index MATCH '{COMMON_WORD}'",
    }
    known = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    try:  # an older schema has no skills: those counts are left out
        return {
            name: conn.execute(sql).fetchone()[0]
            for name, sql in queries.items()
            if sql.split(" FROM ")[1].split()[0] in known
        }
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="the journal file to create (must not exist)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="0.01 ... 4; 1 is the ten-year busy mentor, N >= 1 N times ten years"
    )
    parser.add_argument("--peers", type=Path, help="also write a jrnl journal and a Taskwarrior import file here")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} exists; give a new file")
    began = time.perf_counter()
    counts = generate(args.db, args.scale, args.peers, args.seed)
    print(f"Generated {counts} in {time.perf_counter() - began:.1f} s -> {args.db}")


if __name__ == "__main__":
    main()
