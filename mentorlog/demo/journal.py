"""A realistic half year of mentoring, written through the repository, for `mentorlog demo`: in English, or with
German names and notes when German is chosen (the same journal, word for word a German one: german.py)."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from mentorlog.base.config import Clock
from mentorlog.base.i18n import german
from mentorlog.core.records import Person
from mentorlog.demo.english import ENGLISH
from mentorlog.demo.german import GERMAN
from mentorlog.demo.texts import Relationship, Texts
from mentorlog.store.journal import Journal
from mentorlog.store.records.sessions import NewAction

SEED = 7

# (goal, days after the start, percent) for the goals that record progress, by their key in Texts.goals
PROGRESS = {
    "talk": [(20, 10), (45, 25), (70, 40), (100, 55), (130, 65), (165, 70)],
    "lead": [(30, 10), (90, 30), (150, 45)],
    "delegate": [(40, 30), (80, 60), (115, 100)],
    "ship": [(25, 20), (70, 45), (120, 70), (160, 85)],
    "data": [(50, 10), (110, 25), (165, 35)],
}
ACHIEVED = (("abstract", 58), ("delegate", 115))  # goal, days after the start

# How each skill of Texts.skills (in this order) is tracked: (kind, goal, whose: None mine / index into people, my
# levels a month for a year, their levels in that relationship's sessions). My view of giving feedback (the first)
# stays below Dr. Weber's: the gap `skills` points out.
SKILL_PLAN = (
    ("growth", "lead", None, (1, 1, 2, 2, 2, 2, 3, 2, 2, 3, 2, 2), (3, 3, 3, 4, 4, 4, 4, 4, 4, 4)),
    ("growth", "talk", None, (1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4), (2, 2, 3, 3, 3, 3, 4, 4, 4, 4)),
    ("strength", None, None, (4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5), ()),
    ("growth", "ship", 1, (2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4), (2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)),
    ("growth", "data", 2, (1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3), (1, 1, 2, 2, 2, 3, 3, 3, 3)),
)  # fmt: skip
assert len(ENGLISH.skills) == len(GERMAN.skills) == len(SKILL_PLAN)

Held = dict[int, list[tuple[date, int]]]  # person id -> (day, session id) of each session held


def _at(journal: Journal, day: date, hour: int = 17) -> Journal:
    """The journal as it was on DAY at HOUR:30 local time: what is written now is dated then."""
    return journal.with_clock(Clock.pinned(day, time(hour, 30)))


def texts() -> Texts:
    """The demo's words in the chosen language."""
    return GERMAN if german() else ENGLISH


def fill(journal: Journal, today: date) -> dict[str, int]:
    """Write about six months up to TODAY into JOURNAL (which should be empty); returns counts."""
    said = texts()
    rng = random.Random(SEED)  # one sequence through every step, in this order
    start = today - timedelta(days=182)
    people = _people(_at(journal, start), said, start, today)
    goals = _goals(_at(journal, start), said, people, start, today)
    held = _sessions(journal, said, people, goals, rng, start, today)
    _progress(journal, said, goals, rng, start, today)
    _reflections(journal, said, people, start)
    _skills(journal, said, people, goals, held, today)
    _last_day(journal, said, people, today)
    return {"people": len(people), "sessions": sum(len(sessions) for sessions in held.values())}


def _people(journal: Journal, said: Texts, start: date, today: date) -> list[Person]:
    """The four relationships, all begun on START: a mentor's (ending soon after TODAY), two mentees', a closed one."""
    mentor, mentee = said.relationships[:2]
    agreements = {mentor.name: said.agreements[0], mentee.name: said.agreements[1]}
    return [
        journal.people.add_person(
            rel.name,
            rel.role,
            rel.cadence,
            started=start,
            ends=today + timedelta(days=20) if rel is mentor else None,
            agreement=agreements.get(rel.name, ""),
        )
        for rel in said.relationships
    ]


def _goals(journal: Journal, said: Texts, people: list[Person], start: date, today: date) -> dict[str, int]:
    """The goals and milestones, all set on START: their ids by their key in Texts.goals."""
    weber, anna, ben = (person.id for person in people[:3])
    titles = said.goals
    talk = journal.goals.add_goal(
        titles["talk"],
        horizon="long",
        target=today + timedelta(days=150),
        person_id=weber,
        description=said.talk_description,
        tags=[said.tags[0]],
    )
    ids = {"talk": talk.id}
    ids["abstract"] = journal.goals.add_goal(
        titles["abstract"], parent_id=talk.id, target=start + timedelta(days=60)
    ).id
    ids["rehearse"] = journal.goals.add_goal(
        titles["rehearse"], parent_id=talk.id, target=today + timedelta(days=30)
    ).id
    ids["slides"] = journal.goals.add_goal(titles["slides"], parent_id=talk.id, target=today + timedelta(days=120)).id
    ids["lead"] = journal.goals.add_goal(titles["lead"], horizon="long", person_id=weber, tags=[said.tags[1]]).id
    ids["delegate"] = journal.goals.add_goal(
        titles["delegate"], parent_id=ids["lead"], target=start + timedelta(days=120)
    ).id
    ids["ship"] = journal.goals.add_goal(titles["ship"], person_id=anna, target=today + timedelta(days=20)).id
    data = journal.goals.add_goal(titles["data"], horizon="long", person_id=ben, target=today + timedelta(days=200))
    ids["data"] = data.id
    ids["sql"] = journal.goals.add_goal(
        titles["sql"], person_id=ben, parent_id=data.id, target=today + timedelta(days=40)
    ).id
    return ids


def _sessions(
    journal: Journal,
    said: Texts,
    people: list[Person],
    goals: dict[str, int],
    rng: random.Random,
    start: date,
    today: date,
) -> Held:
    """Each relationship's sessions at its cadence, with their action items done, dropped or left open."""
    confidence = {person.id: 2 for person in people[:3]}
    held: Held = {person.id: [] for person in people}
    for rel, person in zip(said.relationships, people, strict=True):
        person_id = person.id
        confidence[person_id] = confidence.get(person_id, 3)
        day = start + timedelta(days=rng.randint(2, 6))
        index = 0
        last_day = today - timedelta(days=(rel.closed_days_ago or 0) + 2)
        while day < last_day:
            journal = _at(journal, day)
            topic = rel.topics[index % len(rel.topics)]
            confidence[person_id] = max(2, min(5, confidence[person_id] + rng.choice((0, 0, 1, 1, -1))))
            remaining = (last_day - day).days // rel.cadence  # sessions still to come, roughly
            if rel.falling and remaining < 3:
                confidence[person_id] = 2 + remaining  # the last three sessions: 4, 3, 2
            mine = rel.actions_mine[index % len(rel.actions_mine)]
            theirs = rel.actions_theirs[index % len(rel.actions_theirs)]
            actions = [NewAction(mine, due=day + timedelta(days=rng.randint(5, 16)))]
            if index % 2 == 0:
                actions.append(NewAction(theirs, owner_id=person_id, due=day + timedelta(days=rng.randint(7, 20))))
            is_mentor, is_first_mentee = rel is said.relationships[0], rel is said.relationships[1]
            goal_ids = [goals["talk"]] if is_mentor and index % 3 == 0 else ([goals["ship"]] if is_first_mentee else [])
            session = journal.sessions.add_session(
                day=day,
                person_id=person_id,
                title=f"{said.session_title[rel.role != 'mentor']}: {topic.lstrip('#')}",
                notes=rng.choice(said.notes).format(topic=topic, person=rel.name.split()[-1]),
                feedback=rel.feedback[index % len(rel.feedback)] if index % 2 == 0 else "",
                confidence=confidence[person_id],
                next_day=day + timedelta(days=rel.cadence),
                goal_ids=goal_ids,
                tags=[t.lstrip("#") for t in topic.split() if t.startswith("#")],
                actions=actions,
            )
            journal.topics.mark_topics_discussed(person_id, session.id, day, None)
            held[person_id].append((day, session.id))
            _follow_up(journal, rel, session.action_ids, day, rng, today)
            day += timedelta(days=rel.cadence + rng.choice((-2, 0, 0, 1, 3)))
            index += 1
    return held


def _follow_up(
    journal: Journal, rel: Relationship, action_ids: list[int], day: date, rng: random.Random, today: date
) -> None:
    """A session's action items, done in time (mine late in a slipping relationship), dropped or left open."""
    for action_id in action_ids:
        action = journal.actions.get_action(action_id)
        due_in = (date.fromisoformat(action.due) - day).days if action.due else 14
        finish = day + timedelta(days=rng.randint(2, max(2, due_in - 1)))  # done in time
        recent = day > today - timedelta(days=60)
        if rel.slipping and recent and action.owner == "me":
            finish = day + timedelta(days=due_in + rng.randint(3, 12))  # late, or still open
        if action.due and finish < today - timedelta(days=1) and rng.random() < 0.9:
            journal = _at(journal, finish, 19)
            journal.actions.set_action_status([action_id], "done")
        elif action.due and action.due < (today - timedelta(days=40)).isoformat() and rng.random() < 0.7:
            journal = _at(journal, date.fromisoformat(action.due) + timedelta(days=7), 19)
            journal.actions.set_action_status([action_id], "dropped")


def _progress(
    journal: Journal, said: Texts, goals: dict[str, int], rng: random.Random, start: date, today: date
) -> None:
    """Progress recorded on the goals up to TODAY, and the milestones achieved."""
    for key, steps in PROGRESS.items():
        for offset, value in steps:
            when = start + timedelta(days=offset)
            if when < today:
                journal = _at(journal, when, 20)
                journal.goals.record_progress(goals[key], value, rng.choice(said.progress_notes))
    for key, offset in ACHIEVED:
        journal = _at(journal, start + timedelta(days=offset), 21)
        journal.goals.set_goal_status(goals[key], "achieved")


def _reflections(journal: Journal, said: Texts, people: list[Person], start: date) -> None:
    """A reflection about every four weeks, about each open relationship in turn."""
    weber, anna, ben = (person.id for person in people[:3])
    for number, text in enumerate(said.reflections):
        day = start + timedelta(days=15 + number * 29)
        journal = _at(journal, day, 21)
        about = (weber, anna, ben, weber, anna, ben)[number]
        journal.reflections.add_reflection(
            text, day=day, person_id=about, tags=[w[1:].rstrip(".") for w in text.split() if w.startswith("#")]
        )


def _skills(
    journal: Journal, said: Texts, people: list[Person], goals: dict[str, int], held: Held, today: date
) -> None:
    """A year of monthly ratings in my view; the other side's in the sessions of the relationship."""
    year_ago = today - timedelta(days=365)
    for (kind, goal, whose, mine, theirs), (name, description) in zip(SKILL_PLAN, said.skills, strict=True):
        person = people[whose].id if whose is not None else None
        journal = _at(journal, year_ago, 8)
        skill = journal.skills.add_skill(
            name, kind=kind, person_id=person, goal_ids=[goals[goal]] if goal else [], description=description
        )
        for month, level in enumerate(mine):
            day = year_ago + timedelta(days=15 + month * 30)
            journal = _at(journal, day, 21)
            journal.skills.rate_skill(
                skill.id, level, day=day, note=said.notes_by_level[level] if month % 4 == 3 else ""
            )
        rater = person if person is not None else people[0].id  # a mentee rates themselves; Dr. Weber rates me
        for (day, session_id), level in zip(held[rater][1::2], theirs, strict=False):
            journal = _at(journal, day, 18)
            journal.skills.rate_skill(skill.id, level, day=day, rater_id=rater, session_id=session_id)


def _last_day(journal: Journal, said: Texts, people: list[Person], today: date) -> None:
    """Yesterday's topics for the next meetings and an action item of mine; the closed relationship's closing."""
    weber, anna, ben, closing = people
    journal = _at(journal, today - timedelta(days=1), 9)
    for topic, about in zip(said.topics, (weber.id, weber.id, anna.id, ben.id), strict=True):
        journal.topics.add_topic(topic, about)
    journal.actions.add_action(said.my_action, due=today + timedelta(days=3), person_id=weber.id)
    closed = today - timedelta(days=said.relationships[3].closed_days_ago or 0)
    journal = _at(journal, closed, 18)
    journal.relationships.close_person(closing.id, closed, reflection=said.closing, drop_open=True)
