"""Shell completion (issue 11.12): Typer's --install-completion / --show-completion, and what a TAB offers —
commands with their summaries, options, KIND words, person names and tags from the journal. Driven through
a real bash with the script mentorlog prints, and through the zsh and fish protocols."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import require_program
from .processes import mentorlog, tree_env

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with three people and some tags, and a `mentorlog` on PATH that runs this tree."""
    base = tmp_path_factory.mktemp("completion")
    env = tree_env(base / "journal.db")
    for args in (
        ["person", "add", "Dr. Weber", "--role", "mentor"],
        ["person", "add", "Anna Schmidt", "--role", "mentee"],
        ["person", "add", "Ben Okafor", "--role", "mentee"],
        ["note", "--with", "anna", "Talked about #career and #conferences"],
        ["goal", "add", "Give a talk", "--tag", "speaking"],
        ["skill", "add", "giving feedback"],
    ):
        done = mentorlog(env, *args)
        assert done.returncode == 0, done.stderr
    bin_dir = base / "bin"
    bin_dir.mkdir()
    script = bin_dir / "mentorlog"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m mentorlog "$@"\n')
    script.chmod(0o755)
    return base


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = tree_env(home / "journal.db", **extra)
    env["PATH"] = f"{home / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def bash_tab(home: Path, *words: str, **extra: str) -> list[str]:
    """What bash offers for TAB after WORDS (the last one is being typed), through the printed script."""
    require_program("bash", why="completion is checked in a real bash")
    line = " ".join(f"'{word}'" for word in ("mentorlog", *words))
    script = (
        "source <(mentorlog --show-completion bash)\n"
        f"COMP_WORDS=({line}); COMP_CWORD={len(words)}\n"
        "_mentorlog_completion mentorlog\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        env=environment(home, **extra), capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and not done.stderr, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def protocol(home: Path, shell: str, line: str, **extra: str) -> str:
    """zsh and fish call mentorlog with the command line in _TYPER_COMPLETE_ARGS."""
    env = environment(home, _MENTORLOG_COMPLETE=f"complete_{shell}", _TYPER_COMPLETE_ARGS=line, **extra)
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    done = mentorlog(env)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout


def test_bash_completes_commands_and_options(home: Path) -> None:
    assert bash_tab(home, "no") == ["note"]
    assert set(bash_tab(home, "s")) == {"sessions", "show", "skill", "skills", "summary", "search", "sync"}
    assert bash_tab(home, "actions", "--by") == ["--by-person"]
    assert {"--with", "--owner", "--overdue"} <= set(bash_tab(home, "actions", "--"))


def test_bash_completes_people_as_the_shell_needs_them(home: Path) -> None:
    everyone = bash_tab(home, "actions", "--with", "")
    assert everyone == ["Anna\\ Schmidt", "Ben\\ Okafor", "Dr.\\ Weber"]  # one word each, for bash
    assert bash_tab(home, "note", "--with", "A") == ["Anna\\ Schmidt"]
    assert bash_tab(home, "note", "--with", "we") == ["weber"]  # a later word, any case: `--with weber` finds him
    assert bash_tab(home, "note", "--with", "dr") == ["dr.\\ Weber"]
    assert bash_tab(home, "action", "add", "x", "--owner", "") == [
        "me", "them", "Anna\\ Schmidt", "Ben\\ Okafor", "Dr.\\ Weber",
    ]  # fmt: skip
    assert bash_tab(home, "note", "--with", "zz") == []


def test_bash_completes_kind_words_tags_and_choices(home: Path) -> None:
    assert bash_tab(home, "show", "") == ["session", "goal", "action", "reflection", "person", "topic", "skill"]
    assert bash_tab(home, "edit", "g") == ["goal"]
    assert bash_tab(home, "note", "--tag", "c") == ["career", "conferences"]
    assert bash_tab(home, "sessions", "--tag", "") == ["career", "conferences", "speaking"]
    assert bash_tab(home, "note", "--template", "k") == ["kickoff"]
    assert bash_tab(home, "person", "edit", "x", "--template", "") == ["closing", "kickoff", "retro", "session"]
    assert bash_tab(home, "questions", "--topic", "c") == ["career", "confidence", "closing"]
    assert bash_tab(home, "export", "--format", "") == ["md", "html", "json", "csv", "ics", "vault"]
    assert bash_tab(home, "person", "add", "X", "--role", "") == ["mentor", "mentee"]


def test_a_name_with_a_space_completes_as_one_word(home: Path) -> None:
    """Issue 24.5: after TAB gave `Anna\\ S` (the part two names share), or inside a quote the user opened, the
    rest of the name still completes. Bash inserts a completion as it is, replacing the word as typed; inside
    an open quote readline inserts the bare name after the quote and closes it (checked by hand in an
    interactive bash: `--with "Anna Sc<TAB>` becomes `--with "Anna Schmidt" `)."""
    assert bash_tab(home, "note", "--with", "Anna\\ S") == ["Anna\\ Schmidt"]
    assert bash_tab(home, "note", "--with", "anna\\ s") == ["anna\\ schmidt"]  # continues what was typed
    assert bash_tab(home, "note", "--with", '"Anna S') == ["Anna Schmidt"]
    assert bash_tab(home, "note", "--with", '"Dr. W') == ["Dr. Weber"]
    assert bash_tab(home, "note", "--with", '"') == ["Anna Schmidt", "Ben Okafor", "Dr. Weber"]
    assert bash_tab(home, "note", "--with", "Anna\\ X") == []
    assert protocol(home, "zsh", 'mentorlog note --with "Anna S') == """_arguments '*: :(("Anna Schmidt"))'\n"""
    assert protocol(home, "fish", "mentorlog note --with Anna\\ S").splitlines() == ["Anna Schmidt"]


def test_show_completes_skill_and_topic_words_and_names(home: Path) -> None:
    assert {"skill", "topic"} <= set(bash_tab(home, "show", ""))
    assert bash_tab(home, "show", "person", "") == ["Anna\\ Schmidt", "Ben\\ Okafor", "Dr.\\ Weber"]
    assert bash_tab(home, "show", "person", "we") == ["weber"]
    assert bash_tab(home, "show", "skill", "giv") == ["giving\\ feedback"]
    assert bash_tab(home, "show", "goal", "") == []  # a goal is shown by its number
    assert bash_tab(home, "search", "--kind", "") == [
        "session", "reflection", "goal", "action", "topic", "person", "skill",
    ]  # fmt: skip


def test_the_journal_given_with_db_is_the_one_completed(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    done = mentorlog(tree_env(other), "person", "add", "Zoe Quinn", "--role", "mentee")
    assert done.returncode == 0, done.stderr
    assert bash_tab(home, "--db", str(other), "actions", "--with", "") == ["Zoe\\ Quinn"]


def test_zsh_and_fish_show_whole_summaries_and_names(home: Path) -> None:
    zsh = protocol(home, "zsh", "mentorlog ")
    assert zsh.startswith("_arguments '*: :((") and '"today":"The day' in zsh and "..." not in zsh
    assert '"Anna Schmidt"' in protocol(home, "zsh", "mentorlog note --with ")
    fish = protocol(home, "fish", "mentorlog ").splitlines()
    assert "agenda\tPrepare the next meeting with someone" in fish
    assert protocol(home, "fish", "mentorlog actions --with Be").splitlines() == ["Ben Okafor"]


def test_completion_changes_nothing_and_never_fails(home: Path, tmp_path: Path) -> None:
    journal = home / "journal.db"
    before = (journal.stat().st_mtime_ns, sorted(p.name for p in home.iterdir()))
    assert bash_tab(home, "note", "--with", "")
    assert (journal.stat().st_mtime_ns, sorted(p.name for p in home.iterdir())) == before
    missing = tmp_path / "nowhere" / "journal.db"
    assert bash_tab(home, "note", "--with", "", MENTORLOG_DB=str(missing)) == []
    assert not missing.parent.exists()  # nothing created for a TAB
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(4096))  # what an encrypted journal looks like without its key
    assert bash_tab(home, "note", "--with", "", MENTORLOG_DB=str(garbage)) == []
    assert bash_tab(home, "note", "--with", "", MENTORLOG_BUSY_TIMEOUT="soon") == []  # a bad setting: no error


def test_show_and_install_completion(home: Path, tmp_path: Path) -> None:
    for shell in ("bash", "zsh", "fish"):
        done = mentorlog(environment(home), "--show-completion", shell)
        assert done.returncode == 0 and "_MENTORLOG_COMPLETE" in done.stdout, (shell, done.stderr)
    user_home = tmp_path / "user"
    user_home.mkdir()
    done = mentorlog(environment(home, HOME=str(user_home)), "--install-completion", "bash")
    assert done.returncode == 0 and "bash completion installed in" in done.stdout, done.stderr
    installed = user_home / ".bash_completions" / "mentorlog.sh"
    assert "_MENTORLOG_COMPLETE=complete_bash" in installed.read_text()
    assert str(installed) in (user_home / ".bashrc").read_text()


def test_the_shell_named_is_the_one_written(home: Path, tmp_path: Path) -> None:
    """Issue 24.5: `--show-completion zsh` from a bash (and the like) writes zsh's script, not the current
    shell's; `--install-completion fish` installs fish's."""
    env = environment(home, SHELL="/bin/bash")
    zsh = mentorlog(env, "--show-completion", "zsh")
    assert zsh.returncode == 0 and zsh.stdout.startswith("#compdef mentorlog") and "complete_zsh" in zsh.stdout
    fish = mentorlog(env, "--show-completion=fish")
    assert fish.stdout.startswith("complete --command mentorlog") and "complete_fish" in fish.stdout
    bash = mentorlog(env, "--db", str(tmp_path / "x.db"), "--show-completion", "bash")
    assert "complete_bash" in bash.stdout and "compdef" not in bash.stdout
    wrong = mentorlog(env, "--show-completion", "tcsh")
    assert wrong.returncode == 2 and wrong.stderr.startswith("Error: --show-completion takes a shell, not 'tcsh'")
    user_home = tmp_path / "elsewhere"
    user_home.mkdir()
    for shell, script in (("zsh", user_home / ".zfunc" / "_mentorlog"),
                          ("fish", user_home / ".config" / "fish" / "completions" / "mentorlog.fish")):  # fmt: skip
        done = mentorlog(environment(home, HOME=str(user_home), SHELL="/bin/bash"), "--install-completion", shell)
        assert done.returncode == 0 and f"{shell} completion installed in {script}" in done.stdout, done.stderr
        assert f"complete_{shell}" in script.read_text()
    assert not (user_home / ".bashrc").exists()


def test_root_help_names_the_completion_options(home: Path) -> None:
    done = mentorlog(environment(home), "--help")
    assert "--install-completion" in done.stdout and "--show-completion" in done.stdout


def test_a_tag_table_query_uses_its_index(home: Path) -> None:
    """A TAB on a ten-year journal must not scan every tag row (the time is in benchmarks/)."""
    db = sqlite3.connect(home / "journal.db")
    plan = db.execute(
        "EXPLAIN QUERY PLAN SELECT DISTINCT tag FROM session_tags WHERE tag >= ? AND tag < ?", ["c", "c\U0010ffff"]
    ).fetchall()
    assert any("USING COVERING INDEX idx_session_tags_tag" in str(row) for row in plan), plan
