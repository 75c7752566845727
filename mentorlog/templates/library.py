"""The templates folder (`templates/` beside config.toml): which templates there are and where each comes from,
reading one, and writing the built-ins into it without touching what the user changed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.base.i18n import _, os_reason
from mentorlog.templates import builtin

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
SUFFIX = ".md"
QUESTIONS = "questions.md"  # the user's own questions, not a template
# where a template comes from, as `templates --json` says it (stable words: scripts read them)
BUILTIN, BUILTIN_FILE, EDITED, OWN = "built-in", "built-in file", "edited", "own"


class Template(NamedTuple):
    name: str
    source: str  # BUILTIN (no file), BUILTIN_FILE (the file is the built-in, unchanged), EDITED, OWN
    path: Path | None  # its file; None for a built-in that has no file
    text: str

    def where(self) -> str:
        """How errors name it: the file, or `built-in NAME`."""
        return str(self.path) if self.path else f"built-in {self.name}"


def check_name(name: str) -> str:
    """A template's name as typed (`kickoff`, `kickoff.md`), checked: lower-case letters, digits, - and _."""
    cleaned = name.strip().removesuffix(SUFFIX).lower()
    if not NAME.match(cleaned) or cleaned == QUESTIONS.removesuffix(SUFFIX):
        raise UsageError(
            _("{name!r} is not a template name").format(name=name),
            _("A name is lower-case letters, digits, - and _ (like kickoff); `mentorlog templates` lists them."),
        )
    return cleaned


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MentorlogError(_("cannot read {path}: {reason}").format(path=path, reason=os_reason(exc))) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(_("{path} is not UTF-8 text (byte {start})").format(path=path, start=exc.start)) from None


def _source(name: str, text: str) -> str:
    if builtin.is_builtin_text(name, text):
        return BUILTIN_FILE
    return EDITED if name in builtin.NAMES else OWN


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(
            path
            for path in folder.glob("*" + SUFFIX)
            if path.name != QUESTIONS and NAME.match(path.stem) and path.is_file()
        )
    except OSError:
        return []


def find(folder: Path, name: str, language: str) -> Template:
    """The template NAME: the folder's file, else the built-in in LANGUAGE; unknown: an error listing the names."""
    name = check_name(name)
    path = folder / (name + SUFFIX)
    if path.is_file():
        text = _read(path)
        return Template(name, _source(name, text), path, text)
    if name in builtin.NAMES:
        return Template(name, BUILTIN, None, builtin.text(name, language))
    names = ", ".join(template.name for template in listing(folder, language))
    raise MentorlogError(
        _("there is no template {name!r}").format(name=name),
        _("Templates: {names}. Add one as {path}.").format(names=names, path=path),
    )


def user_file(folder: Path, name: str) -> Path | None:
    """The folder's file for NAME, if the user has one (the `session` default applies only then)."""
    path = folder / (name + SUFFIX)
    return path if path.is_file() else None


def listing(folder: Path, language: str) -> list[Template]:
    """Every template: the built-ins (from their file when there is one), then the user's own, by name."""
    found: dict[str, Template] = {
        name: Template(name, BUILTIN, None, builtin.text(name, language)) for name in builtin.NAMES
    }
    for path in _files(folder):
        text = _read(path)
        found[path.stem] = Template(path.stem, _source(path.stem, text), path, text)
    return list(found.values())


def names(folder: Path) -> list[str]:
    """The template names, for shell completion: never an error."""
    return sorted({*builtin.NAMES, *(path.stem for path in _files(folder))})


class Written(NamedTuple):
    name: str
    path: Path
    written: bool  # False: kept as it was (the user's edits, or already the built-in)
    edited: bool


def init(folder: Path, language: str, *, journal: Path) -> list[Written]:
    """Write the built-in templates (in LANGUAGE) and an explained questions.md into FOLDER; a file that is there
    already is kept, edited or not (a file that is an unchanged built-in in the other language is rewritten)."""
    import os

    from mentorlog.store.files import write_atomic

    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise MentorlogError(
                _("cannot create {path}: {reason}").format(path=folder, reason=os_reason(exc))
            ) from None
        os.chmod(folder, 0o700)
    result: list[Written] = []
    wanted = {name + SUFFIX: builtin.text(name, language) for name in builtin.NAMES}
    wanted[QUESTIONS] = builtin.QUESTIONS_FILE.get(language, builtin.QUESTIONS_FILE["en"])
    for file_name, text in wanted.items():
        path = folder / file_name
        name = path.stem
        if path.exists():
            current = _read(path)
            unchanged = current in (text, *(texts.get(name, "") for texts in builtin.BY_LANGUAGE.values()))
            unchanged = unchanged or current in builtin.QUESTIONS_FILE.values()
            if not unchanged or current == text:
                result.append(Written(name, path, False, not unchanged))
                continue
        write_atomic(path, [text], journal=journal)
        result.append(Written(name, path, True, False))
    return result
