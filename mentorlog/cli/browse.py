"""`browse`: the whole journal full-screen (Textual, the optional extra `tui`).

The journal is opened here once before the app starts, so an encrypted one gets its key from the same sources as
every command (keyring, passphrase_command, MENTORLOG_PASSPHRASE, the prompt) and a wrong passphrase is the usual
`Error:` line. The app then opens the journal for each read or change through `opener`, one transaction each,
and logs its changes under a command name, so `mentorlog undo` in a shell undoes them too.
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
    R refresh, ? help, q quit."""
    from mentorlog.tui import textual_missing

    if textual_missing():
        raise MentorlogError(_("browse needs Textual, which is not installed: {command}").format(command=INSTALL))
    with common.journal(write=False):  # the key (and a wrong passphrase) is settled before the screen changes
        pass
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

    from mentorlog.tui.app import BrowseApp

    BrowseApp(opener, common.today(), note).run()
    for line in warnings:
        common.say_err(_("Warning: {line}").format(line=inert(line)))
