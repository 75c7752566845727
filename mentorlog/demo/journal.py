"""A realistic half year of mentoring, written through the repository, for `mentorlog demo`: in English, or with
German names and notes when German is chosen (the same journal, word for word a German one: demo_de.py)."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

import msgspec

from mentorlog.base.config import Clock
from mentorlog.base.i18n import german
from mentorlog.store.journal import Journal
from mentorlog.store.records.sessions import NewAction

SEED = 7


class Relationship(msgspec.Struct, frozen=True):
    name: str
    role: str
    cadence: int
    topics: tuple[str, ...]
    feedback: tuple[str, ...]
    actions_mine: tuple[str, ...]
    actions_theirs: tuple[str, ...]
    slipping: bool = False  # my follow-through slipped in the last two months (`health`: needs attention)
    falling: bool = False  # confidence fell over the last three sessions
    closed_days_ago: int | None = None  # a relationship that ended, with a closing reflection


WEBER = Relationship(
    "Dr. Weber",
    "mentor",
    14,
    ("conference talk", "#leadership style", "saying no to meetings", "the team-lead role", "#delegation"),
    (
        "Your outline is clear; cut the second half by a third.",
        "Ask for the decision explicitly instead of hinting.",
        "You defended the design well under pressure.",
        "Delegate the reviews, keep the architecture calls.",
        "Good progress — now rehearse out loud, not in your head.",
    ),
    (
        "draft the talk abstract",
        "rehearse the talk with two colleagues",
        "write the delegation plan",
        "book a slot with the director",
        "read 'The Manager's Path' ch. 3",
    ),
    ("send the list of conferences", "introduce me to the programme chair", "share last year's review template"),
    slipping=True,
)
ANNA = Relationship(
    "Anna Schmidt",
    "mentee",
    14,
    ("first on-call week", "#career plan", "code review tone", "estimating work", "#confidence in meetings"),
    (
        "Anna asked sharp questions about the rollout plan.",
        "Her design doc is solid; the risks section needs numbers.",
        "She handled the incident calmly — say so in the retro.",
    ),
    ("review Anna's design doc", "find her a shadowing slot in the architecture forum"),
    ("write the on-call checklist", "present the feature at the demo day", "draft a one-year career plan"),
)
BEN = Relationship(
    "Ben Okafor",
    "mentee",
    21,
    ("switching to the data team", "#learning SQL", "public speaking", "work-life balance"),
    (
        "Ben is more confident with stakeholders than a month ago.",
        "He needs a concrete learning plan, not more courses.",
    ),
    ("connect Ben with the data lead", "send him the SQL exercise set"),
    ("finish the SQL course module 3", "write a one-page proposal for the data project"),
    falling=True,
)
CHEN = Relationship(
    "Chen Li",
    "mentee",
    21,
    ("first months as a developer", "#learning the codebase", "asking for help"),
    ("Chen asks for help earlier now — that is exactly right.",),
    ("pair with Chen on the build pipeline",),
    ("write up what you learned about the build",),
    closed_days_ago=30,
)
AGREEMENTS = {
    "Dr. Weber": "Every two weeks, 45 minutes; I bring the agenda. Until the talk is given. What we say stays here.",
    "Anna Schmidt": "Every two weeks for six months: her first feature end to end, and her career plan. Open feedback.",
}
CLOSING = (
    "## What we achieved\nChen ships on his own now and knows whom to ask.\n\n"
    "## What I learned\nShort, regular check-ins beat long sessions.\n\n"
    "## What I carry on\nThe onboarding checklist we wrote together. #closing"
)
NOTES = (
    "We talked about {topic}. {person} shared how they handled something similar and what they would do differently.",
    "Most of the hour went to {topic}; we agreed on a next small step and a way to check it.",
    "Short check-in on {topic}. Things are moving; the main obstacle is time, not skill.",
    "Deep dive into {topic}. Useful new perspective: focus on the outcome, not the activity.",
)
REFLECTIONS = (
    "What went well: I prepared the questions in advance. What was hard: staying quiet long enough. #coaching",
    "I learned that asking for feedback early saves whole days of rework. "
    "Next: ask before the draft is done. #feedback",
    "Hard month. I said yes to too much. I will block two mornings a week for deep work. #focus",
    "The talk rehearsal showed me I rush when nervous. Slow down, breathe, one idea per slide. #speaking",
    "Mentoring Anna made me explain things I usually do on autopilot — that sharpened my own thinking. #leadership",
    "Ben's question about why we do code reviews stuck with me; I could not answer in one sentence. #learning",
)


class Texts(msgspec.Struct, frozen=True):
    """Every word the demo writes, in one language."""

    relationships: tuple[Relationship, Relationship, Relationship, Relationship]  # a mentor, two mentees, a closed one
    agreements: tuple[str, str]  # the mentor's, the first mentee's
    closing: str
    notes: tuple[str, ...]
    reflections: tuple[str, ...]
    goals: dict[str, str]  # key -> title
    talk_description: str
    progress_notes: tuple[str, str, str, str]
    topics: tuple[str, str, str, str]
    my_action: str
    session_title: tuple[str, str]  # with a mentor, with a mentee
    skills: tuple[tuple[str, str], ...]  # (name, description) in the order of SKILLS
    notes_by_level: dict[int, str]
    tags: tuple[str, str]  # the talk's, the team-lead goal's


def _at(journal: Journal, day: date, hour: int = 17) -> Journal:
    """The journal as it was on DAY at HOUR:30 local time: what is written now is dated then."""
    return journal.with_clock(Clock.pinned(day, time(hour, 30)))


def texts() -> Texts:
    """The demo's words in the chosen language."""
    if german():
        from mentorlog.demo.german import GERMAN

        return GERMAN
    return ENGLISH


def fill(journal: Journal, today: date) -> dict[str, int]:
    """Write about six months up to TODAY into JOURNAL (which should be empty); returns counts."""
    said = texts()
    WEBER, ANNA, BEN, CHEN = said.relationships  # the same names whatever the language
    rng = random.Random(SEED)
    start = today - timedelta(days=182)
    journal = _at(journal, start)
    people = {
        rel.name: journal.add_person(
            rel.name,
            rel.role,
            rel.cadence,
            started=start,
            ends=today + timedelta(days=20) if rel is WEBER else None,
            agreement={WEBER.name: said.agreements[0], ANNA.name: said.agreements[1]}.get(rel.name, ""),
        )
        for rel in (WEBER, ANNA, BEN, CHEN)
    }
    weber, anna, ben = people[WEBER.name].id, people[ANNA.name].id, people[BEN.name].id
    titles = said.goals
    talk = journal.add_goal(
        titles["talk"],
        horizon="long",
        target=today + timedelta(days=150),
        person_id=weber,
        description=said.talk_description,
        tags=[said.tags[0]],
    )
    milestones = [
        journal.add_goal(titles["abstract"], parent_id=talk.id, target=start + timedelta(days=60)),
        journal.add_goal(titles["rehearse"], parent_id=talk.id, target=today + timedelta(days=30)),
        journal.add_goal(titles["slides"], parent_id=talk.id, target=today + timedelta(days=120)),
    ]
    lead = journal.add_goal(titles["lead"], horizon="long", person_id=weber, tags=[said.tags[1]])
    delegate = journal.add_goal(titles["delegate"], parent_id=lead.id, target=start + timedelta(days=120))
    anna_goal = journal.add_goal(titles["ship"], person_id=anna, target=today + timedelta(days=20))
    ben_goal = journal.add_goal(titles["data"], horizon="long", person_id=ben, target=today + timedelta(days=200))
    journal.add_goal(titles["sql"], person_id=ben, parent_id=ben_goal.id, target=today + timedelta(days=40))

    progress_plan = {
        talk.id: [(20, 10), (45, 25), (70, 40), (100, 55), (130, 65), (165, 70)],
        lead.id: [(30, 10), (90, 30), (150, 45)],
        delegate.id: [(40, 30), (80, 60), (115, 100)],
        anna_goal.id: [(25, 20), (70, 45), (120, 70), (160, 85)],
        ben_goal.id: [(50, 10), (110, 25), (165, 35)],
    }
    confidence = {weber: 2, anna: 2, ben: 2}
    sessions = 0
    held: dict[int, list[tuple[date, int]]] = {people[rel.name].id: [] for rel in (WEBER, ANNA, BEN, CHEN)}
    for rel in (WEBER, ANNA, BEN, CHEN):
        person_id = people[rel.name].id
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
            goal_ids = [talk.id] if rel is WEBER and index % 3 == 0 else ([anna_goal.id] if rel is ANNA else [])
            session = journal.add_session(
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
            journal.mark_topics_discussed(person_id, session.id)
            held[person_id].append((day, session.id))
            sessions += 1
            for action_id in session.action_ids:
                action = journal.get_action(action_id)
                due_in = (date.fromisoformat(action.due) - day).days if action.due else 14
                finish = day + timedelta(days=rng.randint(2, max(2, due_in - 1)))  # done in time
                recent = day > today - timedelta(days=60)
                if rel.slipping and recent and action.owner == "me":
                    finish = day + timedelta(days=due_in + rng.randint(3, 12))  # late, or still open
                if action.due and finish < today - timedelta(days=1) and rng.random() < 0.9:
                    journal = _at(journal, finish, 19)
                    journal.set_action_status([action_id], "done")
                elif action.due and action.due < (today - timedelta(days=40)).isoformat() and rng.random() < 0.7:
                    journal = _at(journal, date.fromisoformat(action.due) + timedelta(days=7), 19)
                    journal.set_action_status([action_id], "dropped")
            day += timedelta(days=rel.cadence + rng.choice((-2, 0, 0, 1, 3)))
            index += 1

    for goal_id, steps in progress_plan.items():
        for offset, value in steps:
            when = start + timedelta(days=offset)
            if when < today:
                journal = _at(journal, when, 20)
                journal.record_progress(goal_id, value, rng.choice(said.progress_notes))
    for goal, offset in ((milestones[0], 58), (delegate, 115)):
        journal = _at(journal, start + timedelta(days=offset), 21)
        journal.set_goal_status(goal.id, "achieved")
    for number, text in enumerate(said.reflections):
        day = start + timedelta(days=15 + number * 29)
        journal = _at(journal, day, 21)
        about = (weber, anna, ben, weber, anna, ben)[number]
        journal.add_reflection(
            text, day=day, person_id=about, tags=[w[1:].rstrip(".") for w in text.split() if w.startswith("#")]
        )
    _skills(journal, today, {"talk": talk.id, "lead": lead.id, "anna": anna_goal.id, "ben": ben_goal.id}, held,
            (weber, anna, ben), said)  # fmt: skip
    journal = _at(journal, today - timedelta(days=1), 9)
    for topic, about in zip(said.topics, (weber, weber, anna, ben), strict=True):
        journal.add_topic(topic, about)
    journal.add_action(said.my_action, due=today + timedelta(days=3), person_id=weber)
    closed = today - timedelta(days=CHEN.closed_days_ago or 0)
    journal = _at(journal, closed, 18)
    journal.close_person(people[CHEN.name].id, closed, reflection=said.closing, drop_open=True)
    return {"people": 4, "sessions": sessions}


# (name, kind, goal, whose: None mine / index into people, description, my levels a month for a year, their levels
# in that relationship's sessions). My view of giving feedback stays below Dr. Weber's: the gap `skills` points out.
SKILLS = (
    ("giving feedback", "growth", "lead", None, "Specific, timely, kind — and asked for, not only given.",
     (1, 1, 2, 2, 2, 2, 3, 2, 2, 3, 2, 2), (3, 3, 3, 4, 4, 4, 4, 4, 4, 4)),
    ("public speaking", "growth", "talk", None, "Talks and demos in front of more than ten people.",
     (1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4), (2, 2, 3, 3, 3, 3, 4, 4, 4, 4)),
    ("system design", "strength", None, None, "", (4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5), ()),
    ("estimating work", "growth", "anna", 1, "Breaking work down and saying how long it takes.",
     (2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4), (2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)),
    ("SQL", "growth", "ben", 2, "", (1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3), (1, 1, 2, 2, 2, 3, 3, 3, 3)),
)  # fmt: skip
NOTES_BY_LEVEL = {1: "just starting", 2: "with help", 3: "on my own, mostly", 4: "reliably", 5: "could teach it"}


def _skills(
    journal: Journal,
    today: date,
    goals: dict[str, int],
    held: dict[int, list[tuple[date, int]]],
    who: tuple[int, ...],
    said: Texts,
) -> None:
    """A year of monthly ratings in my view; the other side's in the sessions of the relationship."""
    year_ago = today - timedelta(days=365)
    for (_, kind, goal, whose, _, mine, theirs), (name, description) in zip(SKILLS, said.skills, strict=True):
        person = who[whose] if whose is not None else None
        journal = _at(journal, year_ago, 8)
        skill = journal.add_skill(
            name, kind=kind, person_id=person, goal_ids=[goals[goal]] if goal else [], description=description
        )
        for month, level in enumerate(mine):
            day = year_ago + timedelta(days=15 + month * 30)
            journal = _at(journal, day, 21)
            journal.rate_skill(skill.id, level, day=day, note=said.notes_by_level[level] if month % 4 == 3 else "")
        rater = person if person is not None else who[0]  # a mentee rates themselves; Dr. Weber rates me
        for (day, session_id), level in zip(held[rater][1::2], theirs, strict=False):
            journal = _at(journal, day, 18)
            journal.rate_skill(skill.id, level, day=day, rater_id=rater, session_id=session_id)


ENGLISH = Texts(
    relationships=(WEBER, ANNA, BEN, CHEN),
    agreements=(AGREEMENTS["Dr. Weber"], AGREEMENTS["Anna Schmidt"]),
    closing=CLOSING,
    notes=NOTES,
    reflections=REFLECTIONS,
    goals={
        "talk": "Give a talk at a conference",
        "abstract": "Submit the abstract",
        "rehearse": "Rehearse with the team",
        "slides": "Final slides",
        "lead": "Grow into the team-lead role",
        "delegate": "Delegate all code reviews",
        "ship": "Ship a feature end to end",
        "data": "Move to the data team",
        "sql": "Learn SQL window functions",
    },
    talk_description="A 30-minute talk on our migration story.",
    progress_notes=("steady work", "good week", "after the 1:1", ""),
    topics=(
        "Is the talk too technical for the audience?",
        "Ask for feedback on my first team-lead month",
        "How did the demo day go?",
        "Data team: timing of the move",
    ),
    my_action="Prepare questions for the next 1:1",
    session_title=("1:1", "Mentoring"),
    skills=tuple((name, description) for name, _, _, _, description, _, _ in SKILLS),
    notes_by_level=NOTES_BY_LEVEL,
    tags=("speaking", "leadership"),
)
