"""The `skills` view reads only the ratings it shows (the period's and each rater's latest before it); what it
shows must be what the whole history gives."""

from __future__ import annotations

import random
from datetime import date, timedelta

from mentorlog.store.journal import Journal


def test_a_view_from_the_recent_ratings_is_the_view_from_all_of_them(journal: Journal) -> None:
    chance = random.Random(12)
    people = [journal.people.add_person(name, "mentee").id for name in ("Anna Berg", "Ben Cole", "Cleo Dunn")]
    skills = [journal.skills.add_skill(f"skill {n}", person_id=chance.choice([None, *people])).id for n in range(12)]
    first = date(2024, 1, 1)
    for _ in range(400):  # ratings on shared days too, by me and by each person, some skills rarely
        skill = chance.choice(skills[:9])
        day = first + timedelta(days=chance.randrange(0, 1060))
        journal.skills.rate_skill(skill, chance.randint(1, 5), day=day, rater_id=chance.choice([None, None, *people]))
    journal.skills.rate_skill(skills[9], 3, day=date(2024, 2, 1))  # only before the period
    journal.skills.rate_skill(skills[10], 4, day=date(2026, 11, 1), rater_id=people[0])  # only inside it
    today = date(2026, 11, 26)
    for since in (date(2026, 5, 26), date(2025, 11, 26), date(2026, 11, 20), date(2023, 1, 1), today):
        whole = journal.skills.skill_trends(journal.skills.list_skills(include_closed=True), since, today)
        recent = journal.skills.skill_trends(
            journal.skills.list_skills(include_closed=True, ratings_since=since), since, today
        )
        assert len(recent) == len(whole) == 12
        for full, cut in zip(whole, recent, strict=True):
            assert (cut.me, cut.them, cut.gaps, cut.latest_by) == (full.me, full.them, full.gaps, full.latest_by)
            assert (cut.skill.level, cut.skill.level_by_others) == (full.skill.level, full.skill.level_by_others)
        read = sum(len(item.skill.ratings) for item in recent)
        assert read <= sum(len(item.skill.ratings) for item in whole)
    assert (
        sum(
            len(s.skill.ratings)
            for s in journal.skills.skill_trends(
                journal.skills.list_skills(include_closed=True, ratings_since=date(2026, 5, 26)),
                date(2026, 5, 26),
                today,
            )
        )
        < 200
    )  # of 402: the listing no longer reads the whole history
