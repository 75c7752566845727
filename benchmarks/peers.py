"""The peers, installed on demand and filled with the generated journal's content.

jrnl: from PyPI into its own venv under the work folder. Taskwarrior: the Debian package `taskwarrior`
(installed with apt-get when missing and running as root). Taskwarrior reads the real clock, so the
task dates are shifted by (real today - the journal's pinned today) on import: `+OVERDUE` then means
what `actions --overdue` means.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


def build_venv(path: Path, *packages: str) -> Path:
    """A venv at PATH with PACKAGES (made once); returns its bin folder."""
    if not (path / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
        try:
            subprocess.run([str(path / "bin" / "python"), "-m", "pip", "install", "-q", *packages], check=True)
        except subprocess.CalledProcessError:
            shutil.rmtree(path, ignore_errors=True)
            raise
    return path / "bin"


def setup_jrnl(work: Path, peers: Path) -> tuple[Path, Path] | None:
    """(jrnl executable, config file) for the journal.txt in PEERS, or None when jrnl cannot be installed."""
    try:
        bin_dir = build_venv(work / "jrnl-venv", "jrnl")
    except subprocess.CalledProcessError:
        return None
    config = peers / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\nindent_character: ''\n"
        f"journals:\n  default: {peers / 'journal.txt'}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.0\n",
        encoding="utf-8",
    )
    subprocess.run([str(bin_dir / "jrnl"), "--config-file", str(config), "-n", "1"], capture_output=True, check=False)
    return bin_dir / "jrnl", config  # (the first run above upgrades the config file, untimed)


def install_taskwarrior() -> None:
    if shutil.which("task") is not None or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return
    install = ["apt-get", "install", "-y", "-qq", "taskwarrior"]
    if subprocess.run(install, env=APT_ENV, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=APT_ENV, capture_output=True, check=False)
        subprocess.run(install, env=APT_ENV, capture_output=True, check=False)


def shift(stamp: str, days: int) -> str:
    """A Taskwarrior date (20261126T120000Z) moved by DAYS."""
    moved = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ") + timedelta(days=days)
    return moved.strftime("%Y%m%dT%H%M%SZ")


def setup_task(peers: Path, pinned_today: date) -> dict[str, str] | None:
    """The environment (TASKRC) of a Taskwarrior database holding PEERS/tasks.json, or None without Taskwarrior."""
    install_taskwarrior()
    if shutil.which("task") is None:
        return None
    data = peers / "task-data"
    rc = peers / "taskrc"
    rc.write_text(
        f"data.location={data}\nconfirmation=off\nverbose=nothing\nhooks=off\ngc=on\n"
        "detection=off\ndefaultwidth=200\n",  # one line per task, so that rows can be counted
        encoding="utf-8",
    )
    env = {**os.environ, "TASKRC": str(rc)}
    days = (date.today() - pinned_today).days
    marker = data / f"shifted-{days}"
    if not marker.exists():
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        shifted = data / "import.json"
        with (peers / "tasks.json").open(encoding="utf-8") as source, shifted.open("w", encoding="utf-8") as target:
            for line in source:
                task = json.loads(line)
                for key in ("entry", "due", "end"):
                    if key in task:
                        task[key] = shift(task[key], days)
                target.write(json.dumps(task) + "\n")
        subprocess.run(["task", "import", str(shifted)], env=env, capture_output=True, check=True)
        subprocess.run(["task", "count"], env=env, capture_output=True, check=True)  # gc: move the completed ones
        marker.touch()
    return env


def versions(jrnl: tuple[Path, Path] | None) -> dict[str, str]:
    found = {}
    if jrnl is not None:
        out = subprocess.run([str(jrnl[0]), "--version"], capture_output=True, text=True, check=False).stdout
        found["jrnl"] = out.split("\n", 1)[0].replace("jrnl", "").strip()
    if shutil.which("task"):
        found["taskwarrior"] = subprocess.run(["task", "--version"], capture_output=True, text=True).stdout.strip()
    return found
