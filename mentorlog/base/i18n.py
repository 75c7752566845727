"""The language a person reads, and the message catalogue: gettext, with English as the source.

`language = "de"` in the config, else `MENTORLOG_LANG`, else a `LC_ALL` / `LC_MESSAGES` / `LANG` that starts
with `de`, makes mentorlog German (product.md, "German"). Command and option names, JSON keys and values stay
English. The catalogue is mentorlog/base/locale/de/LC_MESSAGES/mentorlog.po, compiled to the .mo next to it by
`python -m tools.catalog` (a test checks the .mo is current and every message has its German).

Call `_()` where a text is shown, not where it is defined, so that the language chosen for this command is
used; `N_()` marks a text for the catalogue where it is defined (help texts, tables of words).
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from pathlib import Path

LANGUAGES = ("en", "de")
DOMAIN = "mentorlog"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: dict[str, object] = {"language": "en", "catalogue": gettext.NullTranslations()}


def choose(configured: str | None, environ: Mapping[str, str]) -> str:
    """The language for this command: the config's, else MENTORLOG_LANG, else the locale; English otherwise."""
    if configured:
        return configured
    for name in ("MENTORLOG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:  # the first one set decides, as the C library does for LC_ALL over LANG
            return "de" if value.strip().lower().startswith("de") else "en"
    return "en"


def use(language: str) -> None:
    """Show every text in LANGUAGE from now on (loads its catalogue once per process)."""
    if language == _current["language"]:
        return
    catalogue: gettext.NullTranslations = gettext.NullTranslations()
    if language != "en":
        # the file itself, not gettext.translation(): its search through locale name variants costs ~1 ms
        try:
            with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as mo:
                catalogue = gettext.GNUTranslations(mo)
        except OSError:
            pass  # no catalogue: English
    _current.update(language=language, catalogue=catalogue)


def language() -> str:
    return str(_current["language"])


def german() -> bool:
    return _current["language"] == "de"


def _(message: str) -> str:
    """MESSAGE in the chosen language."""
    catalogue = _current["catalogue"]
    assert isinstance(catalogue, gettext.NullTranslations)
    return catalogue.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for COUNT (`1 Sitzung`, `3 Sitzungen`); the caller formats the number in."""
    catalogue = _current["catalogue"]
    assert isinstance(catalogue, gettext.NullTranslations)
    return catalogue.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks MESSAGE for the catalogue where it is defined; translate it with `_()` where it is shown."""
    return message


# The operating system's reasons for the errors a person meets most, in the catalogue (strerror is English).
OS_REASONS = {
    "ENOENT": N_("No such file or directory"), "EACCES": N_("Permission denied"),
    "EPERM": N_("Operation not permitted"),
    "EISDIR": N_("Is a directory"), "ENOTDIR": N_("Not a directory"), "ENOSPC": N_("No space left on device"),
    "EROFS": N_("Read-only file system"), "EEXIST": N_("File exists"), "ENAMETOOLONG": N_("File name too long"),
}  # fmt: skip


def os_reason(exc: OSError) -> str:
    """Why EXC happened, as the system says it (`No such file or directory`) in the chosen language."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _(OS_REASONS[name]) if name in OS_REASONS else str(exc.strerror or exc)
