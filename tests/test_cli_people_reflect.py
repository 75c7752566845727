"""`person add`, `people`, `topic add`, `topics`, `reflect`, `reflections`."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Run, assert_refused, counts


def test_person_add_and_people_with_cadence_status(run: Run, run_json) -> None:
    assert run("person", "add", "Dr. Weber", "--role", "mentor", "--cadence", "2w").stdout.strip() == (
        "Added person 1: Dr. Weber (mentor, meeting every 14 days)."
    )
    run("person", "add", "Anna", "--role", "mentee", "--cadence", "10d")
    run("note", "--with", "weber", "--date", "2026-11-01", "long ago")
    run("note", "--with", "anna", "--date", "2026-11-24", "recent", "--next", "2026-12-04", "--action", "x")
    people = {p["name"]: p for p in run_json("people")}
    assert people["Dr. Weber"]["cadence_days"] == 14 and people["Dr. Weber"]["last_session"] == "2026-11-01"
    assert people["Anna"]["next_session"] == "2026-12-04" and people["Anna"]["open_actions"] == 1
    table = run("people").stdout
    assert "11d overdue" in table
    assert "on track" in table


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["person", "add", "X", "--role", "boss"], 2, "role must be 'mentor' or 'mentee'"),
        (["person", "add", "X"], 2, "Missing option '--role'"),
        (["person", "add", "X", "--role", "mentor", "--cadence", "often"], 2, "meeting interval"),
        (["person", "add", " ", "--role", "mentor"], 2, "name is empty"),
        (["person", "add", "anna", "--role", "mentor"], 1, "already exists"),
    ],
)
def test_bad_person_input(run: Run, db_path: Path, args: list[str], code: int, message: str) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    assert_refused(run, db_path, args, code, message)


def test_topics_are_queued_per_person(run: Run, run_json) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    run("person", "add", "Bob", "--role", "mentee")
    assert run("topic", "add", "Career plan", "--with", "anna").stdout.strip() == (
        "Added topic 1 for Anna: 'Career plan'."
    )
    run("topic", "add", "Budget", "--with", "bob")
    assert [t["text"] for t in run_json("topics", "--with", "anna")] == ["Career plan"]
    assert len(run_json("topics")) == 2
    result = run("topic", "add", "orphan")
    assert result.exit_code == 2 and "needs a person" in result.stderr


def test_reflect_from_text_with_goal_person_and_tags(run: Run, run_json) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    run("goal", "add", "Coach better")
    result = run(
        "reflect", "Listening more than talking works #coaching", "--with", "anna", "--goal", "1", "--date", "yesterday"
    )
    assert result.stdout.strip() == "Recorded reflection 1 about Anna on 2026-11-25, Wed."
    reflection = run_json("show", "reflection", "1")
    assert reflection["with"] == "Anna" and reflection["goal_id"] == 1 and reflection["tags"] == ["coaching"]
    assert [r["id"] for r in run_json("reflections", "--with", "anna")] == [1]


def test_reflect_from_stdin(run: Run, run_json) -> None:
    assert run("reflect", input="piped reflection\n").exit_code == 0
    assert run_json("reflections")[0]["text"] == "piped reflection"


def test_empty_reflection_is_refused(run: Run, db_path: Path) -> None:
    result = run("reflect", "   ")
    assert result.exit_code == 2 and "reflection is empty" in result.stderr
    assert counts(db_path) == {}


def test_default_with_from_config_is_used(run: Run, run_json, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('default_with = "weber"\n')
    run("person", "add", "Dr. Weber", "--role", "mentor")
    run("note", "no --with given")
    assert run_json("show", "session", "1")["with"] == "Dr. Weber"


def test_dayfirst_config_changes_slashes(run: Run, run_json, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("dayfirst = true\n")
    run("action", "add", "x", "--due", "03/12/2026")
    assert run_json("show", "action", "1")["due"] == "2026-12-03"


def test_an_unknown_config_key_is_a_one_line_warning(run: Run, tmp_path: Path) -> None:
    """product.md: a newer version's config must not break an older mentorlog (was: exit 2)."""
    (tmp_path / "config.toml").write_text("colour = true\n")
    result = run("note", "x")
    assert result.exit_code == 0
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1 and "unknown key 'colour' ignored" in warnings[0]


@pytest.mark.parametrize(
    ("line", "key", "allowed"),
    [
        ('week_start = "friday"', "week_start", "'monday' or 'sunday'"),
        ("dayfirst = 1", "dayfirst", "true or false"),
        ('language = "fr"', "language", "'en'"),
        ("default_with = 3", "default_with", "a person's name"),
    ],
)
def test_a_bad_config_value_is_exit_2_naming_file_key_and_allowed_values(
    run: Run, db_path: Path, tmp_path: Path, line: str, key: str, allowed: str
) -> None:
    (tmp_path / "config.toml").write_text(line + "\n")
    for command in (["people"], ["note", "x"], ["export"]):
        result = run(*command)
        assert result.exit_code == 2, command
        assert str(tmp_path / "config.toml") in result.stderr and f"{key} = " in result.stderr
        assert allowed in result.stderr
    assert not db_path.exists()


def test_a_config_file_with_a_bom_or_in_latin_1(run: Run, run_json, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_bytes("\ufeffdayfirst = true\n".encode())
    run("action", "add", "x", "--due", "03/12/2026")
    assert run_json("show", "action", "1")["due"] == "2026-12-03"
    (tmp_path / "config.toml").write_bytes('default_with = "J\xfcrgen"\n'.encode("latin-1"))
    result = run("people")
    assert result.exit_code == 2 and "is not UTF-8" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("MENTORLOG_BUSY_TIMEOUT", "abc", "MENTORLOG_BUSY_TIMEOUT must be a number of seconds"),
        ("MENTORLOG_BUSY_TIMEOUT", "-1", "MENTORLOG_BUSY_TIMEOUT must be a number of seconds"),
        ("MENTORLOG_BUSY_TIMEOUT", "nan", "MENTORLOG_BUSY_TIMEOUT must be a number of seconds"),
        ("MENTORLOG_TODAY", "tomorrow", "MENTORLOG_TODAY must be YYYY-MM-DD"),
        ("MENTORLOG_TODAY", "0001-01-01", "MENTORLOG_TODAY must lie between 1900 and 2200"),
    ],
)
def test_a_bad_environment_variable_is_exit_2_in_one_line(
    run: Run, db_path: Path, name: str, value: str, message: str
) -> None:
    for command in (["actions"], ["note", "x"]):
        result = run(*command, env={name: value})
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"Error: {message}") and len(result.stderr.strip().splitlines()) <= 2
        assert "unexpected" not in result.stderr
    assert not db_path.exists()


def test_default_with_narrows_every_list_and_says_so(run: Run, run_json, tmp_path: Path) -> None:
    """issue 11.6: default_with is taken wherever --with is; a narrowed view says so, `--with '*'` is everyone."""
    run("person", "add", "Dr. Weber", "--role", "mentor")
    run("person", "add", "Anna Schmidt", "--role", "mentee")
    run("note", "--with", "weber", "--date", "2026-11-20", "Talked #career", "--action", "read the book")
    run("note", "--with", "anna", "--date", "2026-11-21", "Her #career plan", "--action", "draft the plan")
    run("goal", "add", "Lead a team", "--with", "weber")
    run("goal", "add", "Finish thesis", "--with", "anna")
    run("reflect", "--with", "anna", "careful #career")
    (tmp_path / "config.toml").write_text('default_with = "weber"\n')
    announce = "Only Dr. Weber (default_with); --with '*' shows everyone."
    for command in (["sessions"], ["actions"], ["goals"], ["topics"], ["reflections"], ["search", "career"],
                    ["timeline"], ["summary"], ["export"]):  # fmt: skip
        narrowed = run(*command)
        assert narrowed.exit_code == 0 and narrowed.stderr.strip() == announce, command
        assert "Anna" not in narrowed.stdout and "thesis" not in narrowed.stdout, command
        everyone = run(*command, "--with", "*")
        assert everyone.exit_code == 0 and "Only Dr. Weber" not in everyone.stderr, command
    assert [s["with"] for s in run_json("sessions")] == ["Dr. Weber"]
    assert sorted(s["with"] for s in run_json("sessions", "--with", "*")) == ["Anna Schmidt", "Dr. Weber"]
    assert [a["text"] for a in run_json("actions", "--with", "anna")] == ["draft the plan"]
    assert run_json("summary")["sessions"]["count"] == 1
    assert run_json("summary", "--with", "*")["sessions"]["count"] == 2
    # adding records: the default is taken and said
    assert run("topic", "add", "Conference").stdout.strip() == "Added topic 1 for Dr. Weber (default): 'Conference'."
    assert (
        run("reflect", "about him").stdout.strip()
        == "Recorded reflection 2 about Dr. Weber (default) on 2026-11-26, Thu."
    )
    assert run_json("show", "reflection", "2")["with"] == "Dr. Weber"
    assert run("reflect", "--with", "*", "about me").stdout.strip() == "Recorded reflection 3 on 2026-11-26, Thu."
    assert run_json("show", "reflection", "3")["with"] is None


def test_a_default_with_naming_nobody_in_the_journal_is_a_clear_error(run: Run, tmp_path: Path) -> None:
    run("person", "add", "Anna", "--role", "mentee")
    (tmp_path / "config.toml").write_text('default_with = "weber"\n')
    result = run("sessions")
    assert result.exit_code == 1 and "weber" in result.stderr.lower() and "Traceback" not in result.stderr
    assert run("sessions", "--with", "*").exit_code == 0
