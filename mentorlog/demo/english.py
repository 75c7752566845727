"""The demo journal in English: the names, notes, goals and reflections of its half year."""

from __future__ import annotations

from mentorlog.demo.texts import Relationship, Texts

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
# the skills in the order of journal.SKILL_PLAN: (name, description)
SKILLS = (
    ("giving feedback", "Specific, timely, kind — and asked for, not only given."),
    ("public speaking", "Talks and demos in front of more than ten people."),
    ("system design", ""),
    ("estimating work", "Breaking work down and saying how long it takes."),
    ("SQL", ""),
)
NOTES_BY_LEVEL = {1: "just starting", 2: "with help", 3: "on my own, mostly", 4: "reliably", 5: "could teach it"}


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
    skills=SKILLS,
    notes_by_level=NOTES_BY_LEVEL,
    tags=("speaking", "leadership"),
)
