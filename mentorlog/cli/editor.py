"""Writing in $EDITOR (or giving the text as an argument or on stdin), and drafts: what a person wrote is never
lost to an error after the editor closes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from mentorlog.base.errors import MentorlogError, UsageError
from mentorlog.base.i18n import _
from mentorlog.cli import common


def editor_command() -> str:
    settings = common.state().settings
    return settings.config.editor or settings.environment.editor or "vi"


def _run_editor(editor: str, name: str) -> int:
    """Run EDITOR on the file NAME through the shell, as git does: `~`, `$HOME` and quoting work."""
    import subprocess

    if os.name == "posix":
        command = ["/bin/sh", "-c", f'{editor} "$@"', editor, name]
    else:  # pragma: no cover - no shell to expand for us
        import shlex

        command = [*shlex.split(editor), name]
    try:
        return subprocess.run(command, check=False).returncode
    except (OSError, ValueError) as exc:
        raise MentorlogError(
            _("cannot start the editor {editor!r} ({exc})").format(editor=editor, exc=exc),
            _("Set $EDITOR, or `editor` in config.toml."),
        ) from None


def text_from(argument: str | None, template: str | None, draft: str | None = None) -> tuple[str, bool]:
    """TEXT from the argument, else stdin when piped, else the editor. The flag says 'from the editor'."""
    if argument is not None:
        return argument, False
    if not common.stdin_is_terminal() or template is None:
        return common.read_stdin(), False
    return edit_text(template, draft=draft), True


def edit_text(template: str, *, draft: str | None = None, editing: bool = False) -> str:
    """Let the person write in their editor, starting from TEMPLATE; closing without saving records nothing.

    When the editor fails after the text changed, the text is kept as the draft DRAFT (if given)."""
    import tempfile

    editor = editor_command()
    fd, name = tempfile.mkstemp(prefix="mentorlog-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(template)
        os.utime(name, (0, 0))  # so that any save is seen, even within the same second
        status = _run_editor(editor, name)
        try:
            saved = os.stat(name).st_mtime != 0
            data = Path(name).read_bytes()
        except FileNotFoundError:
            raise MentorlogError(_("the editor removed the file; nothing was recorded")) from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            kept = save_draft(data, draft) if draft else None
            raise UsageError(
                _("the edited text is not valid UTF-8 (byte {start}); nothing was recorded").format(start=exc.start),
                _("Your text is kept in {kept}.").format(kept=kept) if kept else _("Save the file as UTF-8."),
            ) from None
        if status != 0:
            kept = save_draft(text, draft) if draft and saved and text != template else None
            raise MentorlogError(
                _("the editor exited with status {status}; nothing was recorded").format(status=status),
                _("Your text is kept in {kept}.").format(kept=kept) if kept else None,
            )
        if not saved:
            if editing:
                raise UsageError(_("nothing changed: the editor was closed without saving"))
            raise UsageError(_("nothing recorded: the editor was closed without saving"))
        return text
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


# drafts ------------------------------------------------------------------------------------------


def drafts_folder() -> Path:
    """Drafts live beside the journal: `JOURNAL.drafts/`, private like the journal."""
    journal = common.state().db_path
    return journal.with_name(journal.name + ".drafts")


def draft_path(name: str) -> Path:
    return drafts_folder() / f"{name}.md"


def save_draft(text: str | bytes, name: str) -> Path:
    from mentorlog.store.files import write_atomic

    folder = drafts_folder()
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)
    return write_atomic(draft_path(name), [text], journal=common.state().db_path)


def read_draft(name: str, reopen: str) -> str:
    """The draft NAME, for `--draft`; an error when there is none."""
    path = draft_path(name)
    try:
        return path.read_bytes().decode("utf-8-sig", errors="replace")
    except FileNotFoundError:
        raise MentorlogError(
            _("there is no draft to continue ({path} does not exist)").format(path=path),
            _("Start anew with `{reopen}`.").format(reopen=reopen),
        ) from None


def remove_draft(name: str) -> None:
    with contextlib.suppress(OSError):
        draft_path(name).unlink()


@contextlib.contextmanager
def keeping_draft(text: str, name: str, reopen: str) -> Iterator[None]:
    """Any error in the block saves TEXT as the draft NAME and says where, and how to continue with it."""
    try:
        yield
    except MentorlogError as exc:
        if not text.lstrip("\ufeff").strip():
            raise  # an emptied file is a cancel, not a draft
        path = save_draft(text, name)
        exc.hint = _("Your text is kept in {path}; continue with `{reopen}`.").format(path=path, reopen=reopen)
        raise
    else:
        remove_draft(name)


def interactive() -> bool:
    return sys.stdin.isatty()
