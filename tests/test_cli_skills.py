"""Skills and ratings through the command line (#15): add, rate (and `note --rate`), `skills` with exact levels,
changes, sparklines and the gap between my view and others', show/edit/delete, and the views that show them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from .conftest import Run, assert_refused, counts

# TODAY is 2026-11-26, so `--since 6m` starts 2026-05-26.
RATINGS = [
    # skill 1, mine: 1 before the period, then 2 and 2 inside it (+1); Dr. Weber: 3 before, 4 inside (+1)
    ("1", "1", "--date", "2026-03-01", "--note", "froze in the retro"),
    ("giving", "2", "--date", "2026-06-10"),
    ("GIVING FEEDBACK", "2", "--date", "2026-10-01"),
    ("1", "3", "--by", "weber", "--date", "2026-04-01"),
    ("feedback", "4", "--by", "Dr. Weber", "--date", "2026-09-01", "--note", "specific and timely"),
    # skill 3, Anna's: mine 4 then 5 inside the period (+1); hers once, 3 (a level, no change yet)
    ("estimating", "4", "--date", "2026-07-01"),
    ("estimating", "3", "--by", "them", "--date", "2026-07-02"),
    ("3", "5", "--date", "2026-11-01"),
    # skill 2, a strength of mine rated once long ago: unchanged in the period
    ("public", "5", "--date", "2026-01-01"),
]


@pytest.fixture
def rated(run: Run) -> None:
    for args in (
        ["person", "add", "Dr. Weber", "--role", "mentor", "--cadence", "2w"],
        ["person", "add", "Anna Schmidt", "--role", "mentee", "--cadence", "2w"],
        ["goal", "add", "Lead the team", "--with", "weber"],
        ["skill", "add", "giving feedback", "--goal", "1", "--description", "specific and kind"],
        ["skill", "add", "public speaking", "--kind", "strength"],
        ["skill", "add", "estimating work", "--with", "anna"],
    ):
        assert run(*args).exit_code == 0, args
    for args in RATINGS:
        result = run("skill", "rate", *args)
        assert result.exit_code == 0, result.output


# add and rate ---------------------------------------------------------------------------------------


def test_skill_add_confirms_kind_owner_and_goals_and_prints_the_record_as_json(run: Run, run_json) -> None:
    run("person", "add", "Anna Schmidt", "--role", "mentee")
    run("goal", "add", "Ship a feature", "--with", "anna")
    assert run("skill", "add", "estimating work", "--with", "anna", "--goal", "1").stdout == (
        "Added skill 1 (growth area) for Anna Schmidt: 'estimating work', for goal 1.\n"
    )
    assert run("skill", "add", "system design", "--kind", "Strength").stdout == (
        "Added skill 2 (strength): 'system design'.\n"
    )
    record = run_json("skill", "add", "giving feedback", "--description", "kind and specific")
    keys = "id, uuid, name, kind, with, description, goal_ids, level, level_by_others, ratings, created_at"
    assert [key for key in keys.split(", ") if key not in record] == []
    assert (record["id"], record["kind"], record["with"], record["goal_ids"], record["level"], record["ratings"]) == (
        3,
        "growth",
        None,
        [],
        None,
        [],
    )


def test_skill_add_refuses_a_bad_kind_a_twin_name_and_an_unknown_goal_or_person(run: Run, db_path: Path) -> None:
    run("skill", "add", "Straße lernen")
    assert_refused(
        run,
        db_path,
        ["skill", "add", "x", "--kind", "hobby"],
        2,
        "a skill's kind must be 'strength' or 'growth', not 'hobby' (--kind)",
    )
    assert_refused(
        run, db_path, ["skill", "add", "STRASSE LERNEN"], 1, "there is already a skill 'Straße lernen' (id 1)"
    )
    assert_refused(run, db_path, ["skill", "add", "y", "--goal", "9"], 1, "no goal with id 9")
    assert_refused(run, db_path, ["skill", "add", "z", "--with", "nobody"], 1, "no person named 'nobody'")
    assert_refused(run, db_path, ["skill", "add", "   "], 2, "the skill name is empty")
    run("person", "add", "Anna", "--role", "mentee")
    assert run("skill", "add", "Straße lernen", "--with", "anna").exit_code == 0  # one per owner


def test_rate_finds_a_skill_by_id_or_unicode_case_insensitive_prefix_and_echoes_the_level(run: Run) -> None:
    run("skill", "add", "Straße lernen")
    run("skill", "add", "giving feedback")
    assert run("skill", "rate", "STRASSE", "2", "--date", "2026-11-20").stdout == (
        "Rated skill 1 'Straße lernen' 2 by me on 2026-11-20, Fri.\n"
    )
    assert run("skill", "rate", "feed", "3").stdout == "Rated skill 2 'giving feedback' 3 by me on 2026-11-26, Thu.\n"
    assert run("skill", "rate", "2", "4", "--date", "yesterday").stdout == (
        "Rated skill 2 'giving feedback' 4 by me on 2026-11-25, Wed.\n"
    )  # an earlier date: this rating has no predecessor of mine
    assert run("skill", "rate", "2", "5").stdout == (
        "Rated skill 2 'giving feedback' 5 by me on 2026-11-26, Thu (was 3).\n"
    )


def test_rate_refuses_bad_levels_unknown_and_ambiguous_skills_and_changes_nothing(run: Run, db_path: Path) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    run("skill", "add", "giving feedback")
    run("skill", "add", "giving talks", "--with", "anna")
    for level, message in (
        ("0", "a level must be 1 to 5, not 0 (LEVEL)"),
        ("6", "not 6 (LEVEL)"),
        ("high", "the level must be a whole number, not 'high' (LEVEL)"),
        ("2.5", "not '2.5'"),
    ):
        assert_refused(run, db_path, ["skill", "rate", "1", level], 2, message)
    assert_refused(
        run,
        db_path,
        ["skill", "rate", "giving", "3"],
        2,
        "'giving' matches several skills: giving feedback (mine, id 1), giving talks (Anna, id 2)",
    )
    assert_refused(run, db_path, ["skill", "rate", "cooking", "3"], 1, "no skill named 'cooking'")
    assert_refused(run, db_path, ["skill", "rate", "9", "3"], 1, "no skill with id 9")
    assert_refused(
        run, db_path, ["skill", "rate", "1", "3", "--by", "them"], 2, "'them' has nobody to name: skill 1 is yours"
    )
    assert_refused(run, db_path, ["skill", "rate", "1", "3", "--by", "bob"], 1, "no person named 'bob'")
    assert_refused(run, db_path, ["skill", "rate", "1", "3", "--date", "someday"], 2, "someday")


def test_rate_by_a_person_and_by_them_and_a_gap_of_two_is_said_at_once(run: Run, run_json) -> None:
    run("person", "add", "Dr. Weber", "--role", "mentor")
    run("person", "add", "Anna Schmidt", "--role", "mentee")
    run("skill", "add", "giving feedback")
    run("skill", "add", "estimating work", "--with", "anna")
    run("skill", "rate", "giving", "2")
    assert run("skill", "rate", "giving", "3", "--by", "weber").stdout == (
        "Rated skill 1 'giving feedback' 3 by Dr. Weber on 2026-11-26, Thu.\n"
    )
    assert run("skill", "rate", "giving", "4", "--by", "weber", "--note", "clear").stdout == (
        "Rated skill 1 'giving feedback' 4 by Dr. Weber on 2026-11-26, Thu (was 3).\n"
        "Note: you rate 'giving feedback' 2, Dr. Weber rates it 4.\n"
    )
    assert run("skill", "rate", "estimating", "2", "--by", "them").stdout.startswith(
        "Rated skill 2 'estimating work' 2 by Anna Schmidt on 2026-11-26, Thu."
    )
    ratings = run_json("show", "skill", "1")["ratings"]
    assert [(r["level"], r["by"], r["note"]) for r in ratings] == [
        (2, "me", ""),
        (3, "Dr. Weber", ""),
        (4, "Dr. Weber", "clear"),
    ]


# note --rate ----------------------------------------------------------------------------------------


def test_note_rate_stores_ratings_of_the_session_mine_unless_the_value_says_whose(run: Run, run_json) -> None:
    run("person", "add", "Dr. Weber", "--role", "mentor")
    run("person", "add", "Anna", "--role", "mentee")
    run("skill", "add", "giving feedback")
    run("skill", "add", "giving feedback", "--with", "anna")
    result = run(
        "note",
        "--with",
        "weber",
        "We talked",
        "--rate",
        "giving feedback=2",
        "--rate",
        "giving = 4 by:them much more specific",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Recorded session 1 with Dr. Weber on 2026-11-26, Thu.",
        "  rated 'giving feedback' 2 by me on 2026-11-26, Thu",
        "  rated 'giving feedback' 4 by Dr. Weber on 2026-11-26, Thu",
    ]  # two skills share the name: in a session with Dr. Weber (who has none) it is mine
    ratings = run_json("show", "skill", "1")["ratings"]
    assert [(r["level"], r["by"], r["session_id"], r["note"]) for r in ratings] == [
        (2, "me", 1, ""),
        (4, "Dr. Weber", 1, "much more specific"),
    ]
    session = run_json(
        "note", "--with", "anna", "1:1", "--rate", "giving=3", "--rate", "giving=2 by:anna", "--date", "2026-11-20"
    )
    assert [(r["skill_id"], r["level"], r["by"], r["date"]) for r in session["ratings"]] == [
        (2, 3, "me", "2026-11-20"),
        (2, 2, "Anna", "2026-11-20"),
    ]  # with Anna: her skill of that name


def test_note_with_a_bad_rating_records_nothing(run: Run, db_path: Path) -> None:
    run("skill", "add", "giving feedback")
    assert_refused(
        run,
        db_path,
        ["note", "text", "--rate", "giving feedback"],
        2,
        "a rating is SKILL=LEVEL, like 'giving feedback=4', not 'giving feedback' (--rate)",
    )
    assert_refused(run, db_path, ["note", "text", "--rate", "giving=9"], 2, "a level must be 1 to 5, not 9 (--rate)")
    assert_refused(run, db_path, ["note", "text", "--rate", "cooking=3"], 1, "no skill named 'cooking'")
    assert_refused(run, db_path, ["note", "text", "--rate", "giving=3 by:them"], 2, "'them' has nobody to name")


def test_deleting_a_session_takes_its_ratings_and_says_so(run: Run, run_json) -> None:
    run("skill", "add", "giving feedback")
    run("note", "text", "--rate", "giving=3", "--action", "follow up")
    run("skill", "rate", "giving", "2", "--date", "yesterday")
    asked = run("delete", "session", "1", input="n\n")
    assert "Delete session 1 (2026-11-26: 'text') and its 1 action item, its 1 skill rating?" in asked.stderr
    assert run("delete", "session", "1", "--yes").exit_code == 0
    assert [r["level"] for r in run_json("show", "skill", "1")["ratings"]] == [2]


# skills ----------------------------------------------------------------------------------------------


def test_skills_json_has_exact_levels_changes_sparklines_goals_and_gaps(run_json, rated: None) -> None:
    found = {item["name"]: item for item in run_json("skills")}
    assert list(found) == ["giving feedback", "estimating work", "public speaking"]  # growth, mine first, strengths
    feedback = found["giving feedback"]
    assert (feedback["level"], feedback["level_by_others"]) == (2, 4)
    assert feedback["change"] == {"since": "2026-05-26", "me": 1, "others": 1}
    assert (feedback["sparkline"], feedback["sparkline_by_others"]) == ("▃▃", "▆")  # 2, 2 and 4 on the 1-5 scale
    assert feedback["goals"] == [{"id": 1, "title": "Lead the team"}] and feedback["goal_ids"] == [1]
    assert feedback["gaps"] == [{"skill_id": 1, "skill": "giving feedback", "mine": 2, "theirs": 4, "by": "Dr. Weber"}]
    assert [(r["date"], r["level"], r["by"], r["note"]) for r in feedback["ratings"]] == [
        ("2026-03-01", 1, "me", "froze in the retro"),
        ("2026-04-01", 3, "Dr. Weber", ""),
        ("2026-06-10", 2, "me", ""),
        ("2026-09-01", 4, "Dr. Weber", "specific and timely"),
        ("2026-10-01", 2, "me", ""),
    ]
    estimating = found["estimating work"]
    assert (estimating["with"], estimating["level"], estimating["level_by_others"]) == ("Anna Schmidt", 5, 3)
    assert estimating["change"] == {"since": "2026-05-26", "me": 1, "others": None}  # her single rating: no change
    assert estimating["gaps"][0]["mine"] - estimating["gaps"][0]["theirs"] == 2
    speaking = found["public speaking"]
    assert (speaking["kind"], speaking["level"], speaking["change"]["me"], speaking["sparkline"]) == (
        "strength",
        5,
        0,
        "",
    )  # rated before the period only: unchanged in it


def test_skills_change_follows_since_and_the_list_filters_by_person_and_kind(run_json, rated: None) -> None:
    year = {item["id"]: item for item in run_json("skills", "--since", "1y")}
    assert year[1]["change"] == {"since": "2025-11-26", "me": 1, "others": 1}  # 1 → 2 and 3 → 4, all inside
    assert (year[1]["sparkline"], year[1]["sparkline_by_others"]) == ("▁▃▃", "▅▆")
    assert year[2]["change"]["me"] is None  # one rating, inside the year: a level, no change yet
    recent = {item["id"]: item for item in run_json("skills", "--since", "2026-10-15")}
    assert recent[1]["change"] == {"since": "2026-10-15", "me": 0, "others": 0}  # nothing new since: ±0
    assert [item["name"] for item in run_json("skills", "--with", "weber")] == ["giving feedback"]  # rated by him
    assert [item["name"] for item in run_json("skills", "--with", "anna")] == ["estimating work"]  # hers
    assert [item["name"] for item in run_json("skills", "--kind", "strength")] == ["public speaking"]


def test_skills_view_puts_both_views_side_by_side_and_says_where_they_differ(run: Run, rated: None) -> None:
    lines = [line.rstrip() for line in run("skills").stdout.splitlines()]
    assert lines[0] == "Skills (levels 1–5), change since 2026-05-26"
    # each view: the latest level, its change since the start, a sparkline of the ratings in the period
    assert lines[2:6] == [
        "Growth areas",
        "id  skill            with          me       others             goals",
        " 1  giving feedback  —             2 +1 ▃▃  4 +1 ▆ Dr. Weber   1 Lead the team",
        " 3  estimating work  Anna Schmidt  5 +1 ▆█  3  — ▅ A. Schmidt  —",
    ]
    assert lines[-3:] == [
        "Where the views differ",
        "! you rate 'giving feedback' 2, Dr. Weber rates it 4",
        "! you rate 'estimating work' 5, Anna Schmidt rates it 3",
    ]
    narrow = run("skills", env={"COLUMNS": "60"}).stdout.splitlines()
    assert narrow[3].split() == ["id", "skill", "with", "me", "others"]
    assert narrow[4].split() == ["1", "giving", "feedback", "—", "2", "+1", "4", "+1"]
    assert max(len(line) for line in narrow) <= 60


def test_skills_of_closed_relationships_show_with_all_and_an_empty_list_says_how_to_start(
    run: Run, run_json, rated: None, db_path: Path
) -> None:
    import sqlite3

    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE people SET status = 'closed' WHERE name = 'Anna Schmidt'")
    conn.commit()
    conn.close()
    assert [item["id"] for item in run_json("skills")] == [1, 2]
    assert [item["id"] for item in run_json("skills", "--all")] == [1, 3, 2]
    assert [item["id"] for item in run_json("skills", "--with", "anna")] == [3]
    assert run("skills", "--kind", "talent").exit_code == 2
    assert [item["id"] for item in run_json("skills", "--limit", "1")] == [1]
    assert "2 more skills not shown (--limit 0 shows all)" in run("skills", "--limit", "1", "--all").stdout


def test_an_empty_skill_list_says_how_to_start(run: Run, empty_journal: Path) -> None:
    assert (
        run("skills").stdout.strip()
        == 'No skills yet. Add one with: mentorlog skill add "giving feedback" --kind growth'
    )


def test_skill_names_and_notes_are_shown_inert(run: Run) -> None:
    run("skill", "add", "[bold]red[/bold] \x1b[31mskill")
    run("skill", "rate", "1", "2", "--note", "\x1b]0;title\x07note")
    listed = run("skills").stdout + run("show", "skill", "1").stdout
    assert "\x1b" not in listed and "\x07" not in listed
    assert "[bold]red[/bold]" in listed and "\\x1b[31mskill" in listed


# show, edit, delete ----------------------------------------------------------------------------------


def test_show_skill_lists_every_rating_newest_first(run: Run, run_json, rated: None) -> None:
    text = run("show", "skill", "1", env={"COLUMNS": "80"}).stdout  # below 90 columns: no relative dates
    rows = [line.strip("│ ").split() for line in text.splitlines() if "/5" in line]
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("2026-10-01", "2/5", "me"),
        ("2026-09-01", "4/5", "Dr."),
        ("2026-06-10", "2/5", "me"),
        ("2026-04-01", "3/5", "Dr."),
        ("2026-03-01", "1/5", "me"),
    ]
    for label, value in (("whose", "mine"), ("my view", "2"), ("others' view", "4"), ("goals", "1 Lead the team")):
        assert any(
            line.strip("│ ").startswith(label) and line.rstrip(" │").endswith(value) for line in text.splitlines()
        )
    assert run_json("show", "skill", "3")["with"] == "Anna Schmidt"
    assert run("show", "skill", "9").exit_code == 1


def test_edit_skill_with_flags_and_in_the_editor(run: Run, run_json, rated: None, tmp_path: Path) -> None:
    assert run("edit", "skill", "2", "--kind", "growth", "--name", "speaking", "--goal", "1").stdout == (
        "Updated skill 2.\n"
    )
    assert (lambda s: (s["name"], s["kind"], s["goal_ids"]))(run_json("show", "skill", "2")) == (
        "speaking",
        "growth",
        [1],
    )
    assert run("edit", "skill", "2", "--name", "Giving Feedback").exit_code == 1  # my other skill's name
    assert run("edit", "skill", "2", "--kind", "talent").exit_code == 2
    wrong = run("edit", "skill", "2", "--due", "fri")
    assert wrong.exit_code == 2 and "A skill takes: --description, --goal, --kind, --name, --with." in wrong.stderr
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\npath = sys.argv[1]\ntext = open(path, encoding='utf-8').read()\n"
        "text = text.replace('Kind: growth', 'Kind: strength').replace('specific and kind', 'kind, then specific')\n"
        "open(path, 'w', encoding='utf-8').write(text)\n"
    )
    result = run("edit", "skill", "1", env={"EDITOR": f"{sys.executable} {script}"})
    assert result.stdout == "Updated skill 1.\n", result.output
    edited = run_json("show", "skill", "1")
    assert (edited["kind"], edited["description"], edited["name"]) == (
        "strength",
        "kind, then specific",
        "giving feedback",
    )


def test_delete_skill_asks_takes_its_ratings_and_undo_brings_them_back(run: Run, run_json, rated: None) -> None:
    asked = run("delete", "skill", "1", input="n\n")
    assert "Delete skill 1 ('giving feedback') and its 5 ratings?" in asked.stderr and asked.exit_code == 0
    assert asked.stdout.endswith("Nothing deleted.\n")  # declining is not an error (issue 24.6)
    assert run("delete", "skill", "1", "--yes").stdout == "Deleted skill 1.\n"
    assert [item["id"] for item in run_json("skills")] == [3, 2]
    assert run("undo", "--yes").stdout.endswith("restored skill 1, skill ratings 1–5.\n")
    assert len(run_json("show", "skill", "1")["ratings"]) == 5


def test_undo_reverts_a_rating_and_a_note_with_its_ratings(run: Run, run_json, rated: None) -> None:
    run("skill", "rate", "1", "5")
    assert run("undo", "--yes").stdout.endswith(": removed skill rating 10.\n")
    run("note", "--with", "weber", "1:1", "--rate", "giving=3", "--rate", "giving=5 by:them")
    assert run("undo", "--yes").stdout.endswith(": removed session 1, skill ratings 10, 11.\n")
    assert run_json("skills")[0]["level"] == 2


def test_a_person_with_skills_or_ratings_cannot_be_deleted(run: Run, db_path: Path, rated: None) -> None:
    assert_refused(run, db_path, ["delete", "person", "1", "--yes"], 1, "person 1 still has 1 goal, 2 skill ratings")
    assert_refused(run, db_path, ["delete", "person", "2", "--yes"], 1, "person 2 still has 1 skill, 1 skill rating")


# everywhere a record kind belongs ----------------------------------------------------------------------


def test_timeline_marks_ratings_with_the_step_from_the_raters_last_one(run: Run, run_json, rated: None) -> None:
    data = run_json("timeline", "--since", "2026-06-01")
    marks = [(m["day"], m["text"], m["detail"]) for row in data["rows"] for m in row["marks"] if m["kind"] == "rating"]
    assert marks == [
        ("2026-06-10", "giving feedback", "1 → 2 · me"),
        ("2026-07-01", "estimating work", "level 4 · me · Anna Schmidt"),  # issue 24: my view of Anna's skill
        ("2026-07-02", "estimating work", "level 3 · Anna Schmidt"),
        ("2026-09-01", "giving feedback", "3 → 4 · Dr. Weber"),
        ("2026-10-01", "giving feedback", "2 → 2 · me"),
        ("2026-11-01", "estimating work", "4 → 5 · me · Anna Schmidt"),
    ]
    text = run("timeline", "--since", "2026-06-01").stdout
    assert "◆ rating" in text and "Sep 2026  ◆1" in text and "◆ 09-01 giving feedback  3 → 4 · Dr. Weber" in text
    with_anna = run_json("timeline", "--since", "2026-06-01", "--with", "anna")
    assert {m["text"] for row in with_anna["rows"] for m in row["marks"] if m["kind"] == "rating"} == {
        "estimating work"
    }
    for_goal = run_json("timeline", "--since", "2026-06-01", "--goal", "1")
    assert {m["text"] for row in for_goal["rows"] for m in row["marks"] if m["kind"] == "rating"} == {"giving feedback"}


def test_summary_lists_the_skills_rated_in_the_period(run: Run, run_json, rated: None) -> None:
    figures = run_json("summary", "--since", "6m")
    assert set(figures) >= {"since", "until", "sessions", "actions", "goals", "confidence", "tags", "skills"}
    assert [
        (
            s["name"],
            s["level_start"],
            s["level_end"],
            s["change"],
            s["level_by_others_start"],
            s["level_by_others_end"],
            s["change_by_others"],
        )
        for s in figures["skills"]
    ] == [("giving feedback", 1, 2, 1, 3, 4, 1), ("estimating work", 4, 5, 1, 3, 3, None)]
    assert run_json("summary")["skills"] == [  # the last 30 days: only the 2026-11-01 rating
        {
            "id": 3,
            "name": "estimating work",
            "kind": "growth",
            "with": "Anna Schmidt",
            "level_start": 4,
            "level_end": 5,
            "change": 1,
            "level_by_others_start": 3,
            "level_by_others_end": 3,
            "change_by_others": 0,
            "ratings": 1,
        }
    ]
    text = run("summary", "--since", "6m").stdout.splitlines()
    start = text.index("Skills rated")
    assert [line.split() for line in text[start + 2 : start + 4]] == [
        ["giving", "feedback", "1", "→", "2", "+1", "3", "→", "4", "+1"],
        ["estimating", "work", "(A.", "Schmidt)", "4", "→", "5", "+1", "3", "—"],
    ]


def test_agenda_shows_growth_areas_for_active_goals_and_the_gap_with_that_person(
    run: Run, run_json, rated: None
) -> None:
    text = run("agenda", "--with", "weber").stdout
    assert "Growth areas for active goals" in text
    assert "◆ giving feedback  me 2  Dr. Weber 4  for Lead the team" in text
    assert "! you rate 'giving feedback' 2, Dr. Weber rates it 4" in text
    assert "estimating work" not in text
    brief = run_json("agenda", "--with", "anna")
    assert brief["growth_areas"] == []  # her skill serves no goal
    assert brief["skill_gaps"] == [
        {"skill_id": 3, "skill": "estimating work", "mine": 5, "theirs": 3, "by": "Anna Schmidt"}
    ]
    run("goal", "done", "1")
    assert run_json("agenda", "--with", "weber")["growth_areas"] == []  # its goal is achieved


def test_search_finds_skill_names_descriptions_and_rating_notes(run_json, rated: None) -> None:
    hits = run_json("search", "timely", "--kind", "skill")
    assert [(h["kind"], h["id"], h["title"], h["date"]) for h in hits] == [
        ("skill", 1, "giving feedback", "2026-10-01")
    ]
    assert [h["id"] for h in run_json("search", "estimating")] == [3]
    assert [h["id"] for h in run_json("search", "kind", "--kind", "skill")] == [1]  # the description
    assert [h["id"] for h in run_json("search", "retro", "--with", "anna")] == []


# exports, dump, sync ----------------------------------------------------------------------------------


def test_reviews_have_a_skills_section_and_csv_writes_a_rating_a_row(run: Run, rated: None) -> None:
    md = run("export", "--since", "6m").stdout
    assert "| giving feedback | growth area | mine | 1 → 2 | 3 → 4 |" in md
    assert "| estimating work | growth area | Anna Schmidt | 4 → 5 | 3 |" in md
    assert "- you rate 'giving feedback' 2, Dr. Weber rates it 4" in md
    html = run("export", "--format", "html", "--since", "6m").stdout
    assert '<section id="skills">' in html
    assert 'aria-label="me 1 → 2; others 3 → 4"' in html and ">me 1 → 2</text>" in html
    assert "you rate &#39;giving feedback&#39; 2, Dr. Weber rates it 4" in html
    csv = run("export", "--format", "csv", "--what", "skills", "--since", "6m").stdout.splitlines()
    assert csv[0] == "rating_id,date,skill_id,skill,kind,with,level,by,note,session_id,goal_ids"
    assert csv[1:3] == [
        "2,2026-06-10,1,giving feedback,growth,,2,me,,,1",
        "6,2026-07-01,3,estimating work,growth,Anna Schmidt,4,me,,,",
    ]
    assert len(csv) == 1 + 6
    period = json.loads(run("export", "--format", "json", "--since", "30d").stdout)
    assert [(s["name"], [r["level"] for r in s["ratings"]]) for s in period["skills"]] == [("estimating work", [5])]


def test_private_sessions_ratings_stay_out_of_exports_unless_asked(run: Run, rated: None) -> None:
    run("note", "--with", "weber", "--private", "private talk", "--rate", "giving=5 by:them secret praise")
    dump = json.loads(run("export", "--format", "json", "--all").stdout)
    assert "secret praise" not in json.dumps(dump) and len(dump["skill_ratings"]) == len(RATINGS)
    full = json.loads(run("export", "--format", "json", "--all", "--include-private").stdout)
    assert len(full["skill_ratings"]) == len(RATINGS) + 1
    assert "| giving feedback | growth area | mine | 1 → 2 | 3 → 4 |" in run("export", "--since", "6m").stdout
    assert "3 → 5" in run("export", "--since", "6m", "--include-private").stdout


def test_dump_carries_skills_and_ratings_and_restores_them_exactly(run: Run, rated: None, tmp_path: Path) -> None:
    run("note", "--with", "weber", "1:1", "--rate", "giving=3")
    file = tmp_path / "dump.json"
    assert run("export", "--format", "json", "--all", "-o", str(file)).exit_code == 0
    dump = json.loads(file.read_text())
    assert dump["skills"][0]["goal_uuids"] == [dump["goals"][0]["uuid"]]
    rating = dump["skill_ratings"][-1]
    assert (rating["skill_uuid"], rating["session_uuid"], rating["rater_uuid"], rating["level"]) == (
        dump["skills"][0]["uuid"],
        dump["sessions"][0]["uuid"],
        None,
        3,
    )
    assert dump["skill_ratings"][3]["rater_uuid"] == dump["people"][0]["uuid"]  # Dr. Weber's view
    other = ["--db", str(tmp_path / "restored.db")]
    assert run(*other, "import", str(file)).stdout == (
        f"Imported {file}: added 2 people, 1 goal, 1 session, 3 skills, 10 skill ratings (ids restored).\n"
    )
    again = json.loads(run(*other, "export", "--format", "json", "--all").stdout)
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in dump.items() if k != "exported_at"
    }
    assert run(*other, "import", str(file)).stdout.startswith("Nothing to import")


def test_a_dump_from_before_skills_still_imports_and_bad_levels_are_refused(
    run: Run, rated: None, tmp_path: Path, db_path: Path
) -> None:
    dump = json.loads(run("export", "--format", "json", "--all").stdout)
    old = {k: v for k, v in dump.items() if k not in ("skills", "skill_ratings")}
    (tmp_path / "old.json").write_text(json.dumps(old))
    other = ["--db", str(tmp_path / "old.db")]
    assert run(*other, "import", str(tmp_path / "old.json")).exit_code == 0
    assert json.loads(run(*other, "skills", "--json").stdout) == []
    dump["skill_ratings"][0]["level"] = 6
    (tmp_path / "bad.json").write_text(json.dumps(dump))
    result = run(*other, "import", str(tmp_path / "bad.json"))
    assert result.exit_code == 2 and "skill_ratings[0]: level must be 1 to 5, not 6" in result.stderr
    assert counts(tmp_path / "old.db")["skills"] == 0


def test_skills_and_ratings_sync_between_two_journals(run: Run, run_json, rated: None, tmp_path: Path) -> None:
    shared = tmp_path / "Sync"
    shared.mkdir()
    other = ["--db", str(tmp_path / "laptop.db")]
    assert run("sync", str(shared)).exit_code == 0
    assert run(*other, "sync", str(shared)).exit_code == 0
    assert run_json(*other, "skills") == run_json("skills")
    assert run(*other, "skill", "rate", "giving", "4", "--note", "on the laptop").exit_code == 0
    run(*other, "sync", str(shared))
    run("sync", str(shared))
    mine = run_json("show", "skill", "1")
    assert (mine["level"], mine["ratings"][-1]["note"], mine["gaps"]) == (4, "on the laptop", [])


def test_a_deleted_skill_leaves_search_and_undo_brings_it_back(run: Run, run_json, rated: None) -> None:
    run("delete", "skill", "1", "--yes")
    assert run_json("search", "timely") == []
    run("undo", "--yes")
    assert [hit["id"] for hit in run_json("search", "timely")] == [1]
    run("edit", "skill", "1", "--name", "coaching")
    assert [hit["title"] for hit in run_json("search", "coaching")] == ["coaching"]


def test_the_demo_has_a_year_of_ratings_where_my_view_and_my_mentors_disagree(run: Run, tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "demo.db")]
    assert run(*db, "demo", "--json").exit_code == 0
    skills = {item["name"]: item for item in json.loads(run(*db, "skills", "--json").stdout)}
    assert {"giving feedback", "public speaking", "system design", "estimating work", "SQL"} <= set(skills)
    feedback = skills["giving feedback"]
    mine = [r for r in feedback["ratings"] if r["by"] == "me"]
    weber = [r for r in feedback["ratings"] if r["by"] == "Dr. Weber"]
    assert len(mine) == 12 and mine[0]["date"] <= "2025-12-31" and mine[-1]["date"] >= "2026-10-26"
    assert weber and all(r["session_id"] for r in weber)
    assert "! you rate 'giving feedback' 2, Dr. Weber rates it 4" in run(*db, "skills").stdout


def test_the_summary_shows_the_twelve_skills_that_moved_most_and_counts_the_rest(run: Run, run_json) -> None:
    for number in range(14):
        run("skill", "add", f"skill {number:02d}")
        run("skill", "rate", str(number + 1), "1", "--date", "2026-11-01")
        run("skill", "rate", str(number + 1), str(1 + number % 5), "--date", "2026-11-20")
    text = run("summary").stdout
    assert "2 more skills not shown (see --json)" in text
    assert "skill 05" not in text and "skill 10" not in text  # unchanged (1 → 1) like skill 00, shown first
    assert len(run_json("summary")["skills"]) == 14
