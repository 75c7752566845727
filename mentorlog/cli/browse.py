"""`browse`: the whole journal full-screen (Textual, the optional extra `tui`).

The journal is opened here once before the app starts, so an encrypted one gets its key from the same sources as
every command (keyring, passphrase_command, MENTORLOG_PASSPHRASE) and a wrong passphrase from one of them is the
usual `Error:` line. When none gives one, the passphrase is typed inside the app (the prompt of every other
command, on a screen of the app's own) and tried there until it opens the journal. The app then opens the journal
for each read or change through `opener`, one transaction each, and logs its changes under a command name, so
`mentorlog undo` in a shell undoes them too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mentorlog.base.errors import MentorlogError
from mentorlog.base.i18n import _
from mentorlog.base.safe import inert
from mentorlog.cli import common
from mentorlog.cli.root import command_app

if TYPE_CHECKING:
    from mentorlog.store.journal import Journal

browse_app = command_app()
INSTALL = "pip install 'mentorlog[tui]'"


@browse_app.command("browse")
def browse() -> None:
    """The whole journal full-screen: people, agenda, sessions, actions; keys to change them (extra tui).

    Keys: d done, x dropped, r reopen, t add a topic, n record a note, u undo, / or Ctrl+P find, c closed people,
    R refresh, ? help, q quit. An encrypted journal whose passphrase no source gives asks for it inside the app."""
    from mentorlog.base.errors import NoPassphrase, WrongPassphrase
    from mentorlog.tui import textual_missing

    if textual_missing():
        raise MentorlogError(_("browse needs Textual, which is not installed: {command}").format(command=INSTALL))
    keys = common.keys()
    keys.ask = None  # a passphrase to type is asked inside the app, not on the terminal before it starts
    locked = False
    try:
        with common.journal(write=False):  # the key (and a wrong passphrase) is settled before the screen changes
            pass
    except NoPassphrase:
        if not common.stdin_is_terminal():
            raise
        locked = True
    warnings: list[str] = []

    @contextlib.contextmanager
    def opener(write: bool, command: str | None) -> Iterator[Journal]:
        from mentorlog.store.journal import open_for_command

        settings = common.state().settings
        with open_for_command(
            common.state().db_path,
            write=write,
            clock=settings.clock,
            command=f"mentorlog browse: {command}" if write and command else None,
            busy_timeout=settings.environment.busy_timeout,
            keys=common.keys,
            told=warnings.append,  # a line printed now would tear the screen
        ) as journal:
            yield journal

    def note(name: str) -> None:
        """`mentorlog note --with NAME` in its own process, on this terminal: the same template, editor and draft
        rules, logged for undo as the CLI logs it (an encrypted journal asks a prompted passphrase again)."""
        import subprocess
        import sys

        db = str(common.state().db_path)
        subprocess.run([sys.executable, "-m", "mentorlog", "--db", db, "note", "--with", name], check=False)
        common.prompt(_("Press Enter to go back to browse"), unanswered="")

    def unlock(typed: str) -> bool:
        """Whether the passphrase TYPED in the app opens the journal (then every later opening uses it)."""
        keys.typed(typed)
        try:
            with opener(False, None):
                pass
        except WrongPassphrase:
            return False
        return True

    from mentorlog.tui.app import BrowseApp

    where = str(common.state().db_path)
    app = BrowseApp(opener, common.today(), note, unlock if locked else None, where)
    app.run()
    for line in warnings:
        common.say_err(_("Warning: {line}").format(line=inert(line)))
    if app.locked:
        raise MentorlogError(_("{path} is encrypted, and no passphrase was typed").format(path=where))
