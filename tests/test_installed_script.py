"""mentorlog run as a user runs it: a real process (this tree's code), a real $EDITOR, real stdin; and the
installed `mentorlog` script, checked to be this tree's code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from .processes import TREE, command_line, tree_env

SCRIPT = Path(sys.executable).parent / "mentorlog"
pytestmark = pytest.mark.slow


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return tree_env(tmp_path / "home" / "journal.db", MENTORLOG_CONFIG=str(tmp_path / "config.toml"))


def mentorlog(
    env: dict[str, str], *args: str, input: str | None = None, umask: int | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command_line(*args),
        input=input,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def test_the_installed_script_runs_this_trees_code(env: dict[str, str]) -> None:
    """The `mentorlog` script pip installed beside this Python must run the same code as the tree under test."""
    if not SCRIPT.exists():
        pytest.skip(f"no installed mentorlog script at {SCRIPT} (pip install . installs it)")
    env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
    probe = subprocess.run([str(SCRIPT), "--version"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert probe.returncode == 0 and probe.stdout.startswith("mentorlog "), probe.stderr
    located = subprocess.run(
        [sys.executable, "-c", "import mentorlog, pathlib; print(pathlib.Path(mentorlog.__file__).parent)"],
        env=env, capture_output=True, text=True, timeout=60, check=True, cwd="/",
    ).stdout.strip()  # fmt: skip
    installed = Path(located)
    for source in sorted((TREE / "mentorlog").rglob("*.py")):
        copy = installed / source.relative_to(TREE / "mentorlog")
        assert copy.exists() and copy.read_bytes() == source.read_bytes(), (
            f"the installed mentorlog ({installed}) is not this tree's code: {copy} differs; run pip install ."
        )
    done = subprocess.run(
        [str(SCRIPT), "note", "from the installed script", "--action", "x"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.startswith("Recorded session 1 on 2026-11-26"), done.stderr


def editor_script(tmp_path: Path, code: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text("import sys\npath = sys.argv[1]\ntext = open(path, encoding='utf-8').read()\n" + code)
    return f"{sys.executable} {script}"


def test_note_from_stdin(env: dict[str, str]) -> None:
    assert mentorlog(env, "person", "add", "Dr. Weber", "--role", "mentor").returncode == 0
    done = mentorlog(
        env, "note", "--with", "weber", "--confidence", "4", input="Piped notes #growth\n- [ ] send slides due:fri\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Recorded session 1 with Dr. Weber on 2026-11-26, Thu; 1 action item:"
    session = json.loads(mentorlog(env, "show", "session", "1", "--json").stdout)
    assert session["notes"] == "Piped notes #growth" and session["tags"] == ["growth"] and session["confidence"] == 4


def test_note_through_editor_fills_the_template(env: dict[str, str], tmp_path: Path) -> None:
    mentorlog(env, "person", "add", "Anna Schmidt", "--role", "mentee")
    env["EDITOR"] = editor_script(
        tmp_path,
        "assert 'Session with Anna Schmidt on 2026-11-26' in text, text\n"
        "text = text.replace('Title: ', 'Title: Weekly 1:1').replace('Confidence: ', 'Confidence: 3')\n"
        "text = text.replace('Next: ', 'Next: +2w').replace('Feedback: ', 'Feedback: Be bolder')\n"
        "text += 'Discussed the #roadmap.\\n- [ ] draft plan due:mon owner:me\\n- [ ] intro to CTO owner:anna\\n'\n"
        "open(path, 'w', encoding='utf-8').write(text)\n",
    )
    # stdin must look like a terminal for the editor to open: run it under a pseudo-terminal.
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # child: stdin/stdout are the pty
        os.execve(sys.executable, command_line("note", "--with", "anna"), env)
    output = b""
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output
    assert b"Recorded session 1 with Anna Schmidt" in output
    session = json.loads(mentorlog(env, "show", "session", "1", "--json").stdout)
    assert (session["title"], session["confidence"], session["next"], session["feedback"]) == (
        "Weekly 1:1",
        3,
        "2026-12-10",
        "Be bolder",
    )
    assert session["notes"] == "Discussed the #roadmap." and session["tags"] == ["roadmap"]
    actions = json.loads(mentorlog(env, "actions", "--json").stdout)
    assert [(a["text"], a["owner"], a["due"]) for a in actions] == [
        ("draft plan", "me", "2026-11-30"),
        ("intro to CTO", "Anna Schmidt", None),
    ]


def test_reflect_through_editor_keeps_only_answered_prompts(env: dict[str, str], tmp_path: Path) -> None:
    env["EDITOR"] = editor_script(
        tmp_path,
        "text = text.replace('## What I learned\\n', '## What I learned\\nAsk early. #feedback\\n')\n"
        "open(path, 'w', encoding='utf-8').write(text)\n",
    )
    import pty

    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, command_line("reflect"), env)
    while True:
        try:
            if not os.read(fd, 1024):
                break
        except OSError:
            break
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    reflection = json.loads(mentorlog(env, "show", "reflection", "1", "--json").stdout)
    assert reflection["text"] == "## What I learned\nAsk early. #feedback"
    assert reflection["tags"] == ["feedback"]


def test_first_write_creates_a_private_file_whatever_the_umask(env: dict[str, str], tmp_path: Path) -> None:
    result = mentorlog(env, "action", "add", "x", umask=0o000)
    assert result.returncode == 0, result.stderr
    journal = tmp_path / "home" / "journal.db"
    assert journal.stat().st_mode & 0o777 == 0o600
    assert journal.parent.stat().st_mode & 0o777 == 0o700


def test_errors_and_exit_codes_from_a_real_process(env: dict[str, str]) -> None:
    bad_usage = mentorlog(env, "actions", "--nope")
    assert bad_usage.returncode == 2 and bad_usage.stderr.startswith("Error: No such option")
    bad_date = mentorlog(env, "action", "add", "x", "--due", "someday")
    assert bad_date.returncode == 2
    assert bad_date.stderr.splitlines() == [
        "Error: cannot read 'someday' as a date",
        "Try: 2026-12-03, 3.12., Dec 3, tomorrow, fri, next friday, in 2 weeks, +1m, eom",
    ]
    unknown = mentorlog(env, "action", "done", "42")
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
    version = mentorlog(env, "--version")
    assert version.returncode == 0 and version.stdout.startswith("mentorlog ")


def test_the_after_meeting_flow_of_the_readme(env: dict[str, str]) -> None:
    """The README's 'Done when': mentor, session with two actions, goal with two milestones, and the rest."""
    steps = [
        ["person", "add", "Dr. Weber", "--role", "mentor", "--cadence", "2w"],
        ["topic", "add", "Ask about the conference budget", "--with", "weber"],
        ["note", "--with", "weber", "--confidence", "4", "--title", "Kickoff", "--next", "+2w", "--discussed", "1",
         "Agreed on a plan.\n- [ ] draft the talk abstract due:fri\n- [ ] send reading list owner:weber due:+1w"],
        ["goal", "add", "Give a conference talk", "--horizon", "long", "--target", "2027-06", "--with", "weber"],
        ["goal", "add", "Submit the abstract", "--parent", "1", "--target", "2027-01"],
        ["goal", "add", "Dry run with the team", "--parent", "1"],
        ["goal", "progress", "1", "25", "--note", "outline done"],
        ["action", "done", "1"],
        ["reflect", "Asking for feedback early saves time. #feedback", "--with", "weber"],
        ["topic", "add", "Speaker coaching?", "--with", "weber"],
    ]  # fmt: skip
    for step in steps:
        result = mentorlog(env, *step)
        assert result.returncode == 0, (step, result.stderr)
    actions = json.loads(mentorlog(env, "actions", "--json").stdout)
    assert [(a["text"], a["owner"]) for a in actions] == [("send reading list", "Dr. Weber")]
    goal = json.loads(mentorlog(env, "show", "goal", "1", "--json").stdout)
    assert goal["progress"] == 25 and goal["milestones"]["total"] == 2
    people = json.loads(mentorlog(env, "people", "--json").stdout)
    assert people[0]["next_session"] == "2026-12-10" and people[0]["open_actions"] == 1
    topics = json.loads(mentorlog(env, "topics", "--json").stdout)
    assert [t["text"] for t in topics] == ["Speaker coaching?"]
    assert json.loads(mentorlog(env, "reflections", "--json").stdout)[0]["tags"] == ["feedback"]


def test_the_readme_mentors_day_runs_as_written(env: dict[str, str], tmp_path: Path) -> None:
    """issue 11: the README's quick start shows a mentor's day; each of its commands runs, and the session's
    confirmation is what the README prints (owner by role: the mentee's homework is theirs)."""
    import re
    import shlex

    readme = (TREE / "README.md").read_text()
    block = readme.split("### A mentor's day", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    block = block.replace("\\\n", " ")
    commands = [shlex.split(line, comments=True) for line in block.splitlines() if line.startswith("mentorlog")]
    shown = [re.sub(r"\s+<-.*$", "", line[2:]).rstrip() for line in block.splitlines() if line.startswith("#  ")]
    assert len(commands) >= 9 and len(shown) == 4  # issue 24: and the topic it marked discussed
    outputs = []
    for command in commands:
        args = [arg.replace("review.html", str(tmp_path / "review.html")) for arg in command[1:]]
        result = mentorlog(env, *args)
        assert result.returncode == 0, (command, result.stderr)
        outputs.append(result.stdout)
    note = next(out for command, out in zip(commands, outputs, strict=True) if command[1:2] == ["note"])
    assert [line.strip() for line in note.splitlines()] == [line.strip() for line in shown]
    by_person = next(out for command, out in zip(commands, outputs, strict=True) if "--by-person" in command)
    assert "Anna Schmidt" in by_person and "them" in by_person
    assert (tmp_path / "review.html").read_text().count("With Anna Schmidt") == 1
    # issue 24: the note ticked one of Anna's two topics; Ben's item was done yesterday, on the day given
    topics = json.loads(mentorlog(env, "topics", "--status", "all", "--json").stdout)
    assert [(t["text"], t["status"]) for t in topics] == [
        ("Her design doc", "discussed"),
        ("Joining the on-call rota", "open"),
    ]
    done = json.loads(mentorlog(env, "show", "action", "3", "--json").stdout)
    day = datetime.fromisoformat(done["done_at"]).astimezone().date().isoformat()  # the stamp's local day
    assert (done["text"], done["status"], day) == ("read the onboarding guide", "done", "2026-11-25")
