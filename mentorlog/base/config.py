"""The environment, the optional config file, and the one clock: read once per command, passed down.

Nothing below the CLI reads `os.environ` or the wall clock; it is handed a `Settings` or a `Clock`.
"""

from __future__ import annotations

import itertools
import math
import os
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import ClassVar

from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.base.i18n import LANGUAGES, N_, _, choose, os_reason
from mentorlog.base.values import Frozen, Value

APP = "mentorlog"
MIN_YEAR = 1900  # the years a date may lie in (dates.py and validate.py check them too)
MAX_YEAR = 2200
DEFAULT_BUSY_TIMEOUT = 5.0  # seconds a command waits for another one's lock
DEFAULT_PASSPHRASE_TIMEOUT = 60.0  # seconds passphrase_command may take (a gpg prompt included) before it is an error


# the clock ----------------------------------------------------------------------------------------


def _wall_clock() -> datetime:
    return datetime.now(UTC)


_TICKS = itertools.count()  # keeps the stamps of a pinned instant distinct and ordered within a process


class Clock(Frozen):
    """Today (the user's local date) and now (an instant, stored as UTC), from one source.

    `today` is fixed when the clock is made, so one command sees one day even across midnight. Two clocks are
    equal when their today is (where their instants come from is not compared, nor shown).
    """

    __slots__ = ("today", "instant")  # noqa: RUF023 (__init__'s order)

    today: date
    instant: Callable[[], datetime]

    def __init__(self, today: date, instant: Callable[[], datetime] = _wall_clock) -> None:
        self._fields(today=today, instant=instant)

    def __eq__(self, other: object) -> bool:
        return self.today == other.today if type(other) is type(self) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.today)

    def __repr__(self) -> str:
        return f"Clock(today={self.today!r})"

    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        return self.instant().astimezone(UTC)

    def stamp(self) -> str:
        """The current instant as stored: ISO 8601 in UTC with microseconds and offset."""
        return self.now().isoformat(timespec="microseconds")

    @classmethod
    def system(cls, instant: Callable[[], datetime] = _wall_clock) -> Clock:
        """The machine's clock: today is the local date now."""
        return cls(instant().astimezone().date(), instant)

    @classmethod
    def pinned(cls, day: date, at: time | None = None) -> Clock:
        """A clock on DAY. With AT, now is that local time of day (each call a microsecond later);
        without it, now is DAY at the real local time of day, so stamps keep their order."""
        if at is not None:
            start = datetime.combine(day, at).astimezone(UTC)
            return cls(day, lambda: start + timedelta(microseconds=next(_TICKS)))

        def on_day() -> datetime:
            local = datetime.now().astimezone()
            return datetime.combine(day, local.timetz().replace(tzinfo=None)).astimezone(UTC)

        return cls(day, on_day)

    @classmethod
    def from_pin(cls, text: str | None) -> Clock:
        """The clock for MENTORLOG_TODAY (`YYYY-MM-DD`, optionally with `THH:MM[:SS]`), else the system's."""
        if not text:
            return cls.system()
        cleaned = text.strip().replace(" ", "T")
        try:
            day_part, _sep, time_part = cleaned.partition("T")
            day = date.fromisoformat(day_part)
            at = time.fromisoformat(time_part) if time_part else None
        except ValueError:
            raise UsageError(
                _("MENTORLOG_TODAY must be YYYY-MM-DD or YYYY-MM-DDTHH:MM, not {text!r}").format(text=text),
                _("Unset it to use the real date."),
            ) from None
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise UsageError(
                _("MENTORLOG_TODAY must lie between {MIN_YEAR} and {MAX_YEAR}, not {text!r}").format(
                    MIN_YEAR=MIN_YEAR, MAX_YEAR=MAX_YEAR, text=text
                )
            )
        return cls.pinned(day, at)


# the environment --------------------------------------------------------------------------------


class Environment(Frozen):
    """What the environment variables say, checked once: a bad value is a clear error (exit 2). The passphrases
    never show in its repr."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "db", "config", "today", "busy_timeout", "debug", "editor", "test_pause", "passphrase", "new_passphrase",
        "language",
    )  # fmt: skip
    SECRET: ClassVar[frozenset[str]] = frozenset({"passphrase", "new_passphrase"})

    db: str | None
    config: str | None
    today: str | None
    busy_timeout: float
    debug: bool
    editor: str | None  # $VISUAL, else $EDITOR
    test_pause: str | None  # MENTORLOG_TEST_PAUSE: a file to create, then wait, inside a write (tests only)
    passphrase: str | None  # MENTORLOG_PASSPHRASE: opens an encrypted journal
    new_passphrase: str | None  # MENTORLOG_NEW_PASSPHRASE: for `passphrase`
    language: str  # what MENTORLOG_LANG or the locale (LC_ALL, LC_MESSAGES, LANG) asks for

    def __init__(
        self,
        db: str | None = None,
        config: str | None = None,
        today: str | None = None,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        debug: bool = False,
        editor: str | None = None,
        test_pause: str | None = None,
        passphrase: str | None = None,
        new_passphrase: str | None = None,
        language: str = "en",
    ) -> None:
        self._fields(
            db=db, config=config, today=today, busy_timeout=busy_timeout, debug=debug, editor=editor,
            test_pause=test_pause, passphrase=passphrase, new_passphrase=new_passphrase, language=language,
        )  # fmt: skip

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__ if name not in self.SECRET)
        return f"Environment({shown})"

    @classmethod
    def read(cls, environ: Mapping[str, str] | None = None) -> Environment:
        environ = os.environ if environ is None else environ
        return cls(
            db=environ.get("MENTORLOG_DB") or None,
            config=environ.get("MENTORLOG_CONFIG") or None,
            today=environ.get("MENTORLOG_TODAY") or None,
            busy_timeout=_seconds(environ.get("MENTORLOG_BUSY_TIMEOUT")),
            debug=environ.get("MENTORLOG_DEBUG") == "1",
            editor=environ.get("VISUAL") or environ.get("EDITOR") or None,
            test_pause=environ.get("MENTORLOG_TEST_PAUSE") or None,
            passphrase=environ.get("MENTORLOG_PASSPHRASE") or None,
            new_passphrase=environ.get("MENTORLOG_NEW_PASSPHRASE") or None,
            language=choose(None, environ),
        )


def _did_you_mean(key: str) -> str:
    from difflib import get_close_matches

    close = get_close_matches(key, ALLOWED, n=1)
    return _(" (did you mean {key!r}?)").format(key=close[0]) if close else ""


def debug_requested(environ: Mapping[str, str] | None = None) -> bool:
    """MENTORLOG_DEBUG=1, read on its own (so it works even when another variable is bad)."""
    return (os.environ if environ is None else environ).get("MENTORLOG_DEBUG") == "1"


def _seconds(text: str | None) -> float:
    if text is None or not text.strip():
        return DEFAULT_BUSY_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 <= value <= 3600:
        raise UsageError(
            _("MENTORLOG_BUSY_TIMEOUT must be a number of seconds from 0 to 3600, not {text!r}").format(text=text),
            _("For example MENTORLOG_BUSY_TIMEOUT=10, or unset it for the default of 5."),
        )
    return value


def _xdg_home(variable: str, fallback: str) -> str | None:
    """On Linux, the folder platformdirs names for VARIABLE (XDG_CONFIG_HOME, XDG_DATA_HOME, ...) when it is plain:
    the variable when it is an absolute path, else FALLBACK (`~/.config`) under an absolute HOME. None where
    platformdirs has more to decide (other systems, Android, no usable HOME): ask it then. Importing
    platformdirs costs ~2 ms of every command's start-up; a test keeps both in step."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or os.environ.get("ANDROID_DATA"):
        return None
    chosen = os.environ.get(variable, "")
    if os.path.isabs(chosen):
        return os.path.join(chosen, APP)
    if os.path.isabs(os.environ.get("HOME", "")):
        return os.path.join(os.path.expanduser(fallback), APP)
    return None


def default_db_path() -> Path:
    folder = _xdg_home("XDG_DATA_HOME", "~/.local/share")
    if folder is None:
        from platformdirs import user_data_dir

        folder = user_data_dir(APP)
    return Path(folder) / "mentorlog.db"


def db_path(option: str | None, environment: Environment | None = None) -> Path:
    """The --db option wins, then MENTORLOG_DB, then the user data directory."""
    environment = environment or Environment.read()
    chosen = option or environment.db
    return Path(chosen).expanduser() if chosen else default_db_path()


def cache_folder() -> Path:
    """mentorlog's folder in the user cache folder (compiled templates: anything in it can be made again)."""
    folder = _xdg_home("XDG_CACHE_HOME", "~/.cache")
    if folder is None:
        from platformdirs import user_cache_dir

        folder = user_cache_dir(APP)
    return Path(folder)


def keyring_hints_file() -> Path:
    """The list of journals (real paths, one a line; never a key) whose key this machine keeps in the OS
    keyring, so that a journal whose key is not there never pays for loading the keyring."""
    from platformdirs import user_state_dir

    return Path(user_state_dir(APP)) / "keyring-journals"


def config_path(environment: Environment | None = None) -> Path:
    environment = environment or Environment.read()
    if environment.config:
        return Path(environment.config).expanduser()
    folder = _xdg_home("XDG_CONFIG_HOME", "~/.config")
    if folder is None:
        from platformdirs import user_config_dir

        folder = user_config_dir(APP)
    return Path(folder) / "config.toml"


# the config file ---------------------------------------------------------------------------------

ALLOWED: dict[str, str] = {
    "default_with": N_("a person's name"),
    "editor": N_("an editor command"),
    "dayfirst": N_("true or false"),
    "week_start": N_("'monday' or 'sunday'"),
    "language": N_("'en' or 'de'"),
    "passphrase_command": N_("a command that prints the passphrase"),
    "passphrase_timeout": N_("a number of seconds from 1 to 3600"),
    "sync_dir": N_("a folder"),
}


class Config(Value):
    """The config file's settings (absent keys: the defaults); unknown keys become warnings."""

    __slots__ = (  # noqa: RUF023 (in the order __init__ takes them)
        "default_with", "editor", "dayfirst", "week_start", "language", "passphrase_command", "passphrase_timeout",
        "sync_dir", "unknown_keys", "path",
    )  # fmt: skip

    def __init__(
        self,
        default_with: str | None = None,
        editor: str | None = None,
        dayfirst: bool = False,
        week_start: str = "monday",
        language: str | None = None,  # None: MENTORLOG_LANG or the locale decide
        passphrase_command: str | None = None,
        passphrase_timeout: float = DEFAULT_PASSPHRASE_TIMEOUT,  # seconds passphrase_command may take
        sync_dir: str | None = None,
        unknown_keys: tuple[str, ...] = (),  # told on stderr, never fatal (a newer version's config)
        path: Path | None = None,
    ) -> None:
        self.default_with, self.editor, self.dayfirst, self.week_start = default_with, editor, dayfirst, week_start
        self.language, self.passphrase_command, self.sync_dir = language, passphrase_command, sync_dir
        self.passphrase_timeout = passphrase_timeout
        self.unknown_keys, self.path = unknown_keys, path

    @property
    def warnings(self) -> tuple[str, ...]:
        """What is said about the unknown keys, in the language chosen after the config was read."""
        return tuple(
            _("config file {path}: unknown key {key!r} ignored").format(path=self.path, key=key) + _did_you_mean(key)
            for key in self.unknown_keys
        )


def _bad(path: Path, key: str, value: object) -> UsageError:
    return UsageError(
        _("config file {path}: {key} = {value!r} is not allowed").format(path=path, key=key, value=value),
        _("{key} takes {allowed}.").format(key=key, allowed=_(ALLOWED[key])),
    )


def _text(path: Path, data: dict[str, object], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or "\x00" in value:
        raise _bad(path, key, value)
    return value.strip() or None


def load_config(path: Path) -> Config:
    """The config file at PATH (absent: the defaults), every known key checked; a UTF-8 BOM is fine."""
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return Config()
    except OSError as exc:
        raise MentorlogError(
            _("cannot read config file {path}: {strerror}").format(path=path, strerror=os_reason(exc))
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            _("config file {path} is not UTF-8 text (byte {start})").format(path=path, start=exc.start),
            _("Save it as UTF-8 and try again."),
        ) from None
    import tomllib  # only when there is a config file: the import alone costs ~20 ms

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(_("config file {path} is not valid TOML: {exc}").format(path=path, exc=exc)) from None
    unknown_keys = tuple(sorted(set(data) - set(ALLOWED)))
    week_start = data.get("week_start", "monday")
    if not isinstance(week_start, str) or week_start.strip().lower() not in ("monday", "sunday"):
        raise _bad(path, "week_start", week_start)
    language = data.get("language")
    if language is not None and (not isinstance(language, str) or language.strip().lower() not in LANGUAGES):
        raise _bad(path, "language", language)
    dayfirst = data.get("dayfirst", False)
    if not isinstance(dayfirst, bool):
        raise _bad(path, "dayfirst", dayfirst)
    timeout = data.get("passphrase_timeout", DEFAULT_PASSPHRASE_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 1 <= timeout <= 3600:
        raise _bad(path, "passphrase_timeout", timeout)
    return Config(
        default_with=_text(path, data, "default_with"),
        editor=_text(path, data, "editor"),
        dayfirst=dayfirst,
        week_start=week_start.strip().lower(),
        language=language.strip().lower() if isinstance(language, str) else None,
        passphrase_command=_text(path, data, "passphrase_command"),
        passphrase_timeout=float(timeout),
        sync_dir=_text(path, data, "sync_dir"),
        unknown_keys=unknown_keys,
        path=path,
    )


class Settings(Value):
    """Everything a command needs to know about its surroundings, read once."""

    __slots__ = ("environment", "config", "clock", "db_path")  # noqa: RUF023 (in the order __init__ takes them)

    def __init__(self, environment: Environment, config: Config, clock: Clock, db_path: Path) -> None:
        self.environment, self.config, self.clock, self.db_path = environment, config, clock, db_path

    @property
    def language(self) -> str:
        """`en` or `de`: the config's `language`, else MENTORLOG_LANG, else the locale."""
        return self.config.language or self.environment.language

    @classmethod
    def load(cls, db_option: str | None = None, environ: Mapping[str, str] | None = None) -> Settings:
        environment = Environment.read(environ)
        return cls(
            environment=environment,
            config=load_config(config_path(environment)),
            clock=Clock.from_pin(environment.today),
            db_path=db_path(db_option, environment),
        )
