"""Where the journal lives and what the optional config file says."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path

from mentorlog.errors import MentorlogError, UsageError

APP = "mentorlog"
KNOWN_KEYS = {"default_with", "editor", "dayfirst", "week_start", "language"}


@dataclass(frozen=True)
class Config:
    default_with: str | None = None
    editor: str | None = None
    dayfirst: bool = False
    week_start: str = "monday"
    language: str = "en"


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP)) / "mentorlog.db"


def db_path(option: str | None) -> Path:
    """The --db option wins, then MENTORLOG_DB, then the user data directory."""
    chosen = option or os.environ.get("MENTORLOG_DB")
    return Path(chosen).expanduser() if chosen else default_db_path()


def config_path() -> Path:
    chosen = os.environ.get("MENTORLOG_CONFIG")
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP)) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise MentorlogError(f"cannot read config file {path}: {exc.strerror}") from None
    import tomllib  # only when there is a config file: the import alone costs ~20 ms

    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"config file {path} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise UsageError(
            f"config file {path} has unknown key(s): {', '.join(unknown)}",
            hint=f"Known keys: {', '.join(sorted(KNOWN_KEYS))}",
        )
    week_start = str(data.get("week_start", "monday")).lower()
    if week_start not in ("monday", "sunday"):
        raise UsageError(f"config week_start must be 'monday' or 'sunday', not {week_start!r}")
    language = str(data.get("language", "en"))
    if language != "en":
        raise UsageError(f"config language {language!r} is not available yet; only 'en' is")
    dayfirst = data.get("dayfirst", False)
    if not isinstance(dayfirst, bool):
        raise UsageError("config dayfirst must be true or false")
    default_with = data.get("default_with")
    editor = data.get("editor")
    return Config(
        default_with=str(default_with) if default_with else None,
        editor=str(editor) if editor else None,
        dayfirst=dayfirst,
        week_start=week_start,
        language=language,
    )


def now_stamp() -> str:
    """The timestamp for records written now: UTC, ISO 8601 with offset; on the pinned day if MENTORLOG_TODAY is set."""
    from datetime import datetime

    current = datetime.now(UTC)
    if os.environ.get("MENTORLOG_TODAY"):
        pinned = today()
        current = current.replace(year=pinned.year, month=pinned.month, day=pinned.day)
    return current.isoformat(timespec="microseconds")


def today() -> date:
    """Today in local time; MENTORLOG_TODAY (YYYY-MM-DD) pins it for tests and reproducible scripts."""
    pinned = os.environ.get("MENTORLOG_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise UsageError(f"MENTORLOG_TODAY must be YYYY-MM-DD, not {pinned!r}") from None
    return date.today()
