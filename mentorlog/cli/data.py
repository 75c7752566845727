"""`demo`: a realistic journal to try every view on. (export, import, backup and search come here too.)"""

from __future__ import annotations

from pathlib import Path

import typer

from mentorlog.cli import common
from mentorlog.cli.app import app
from mentorlog.errors import MentorlogError


@app.command(rich_help_panel="Data")
def demo(json_: bool = typer.Option(False, "--json", help="Print where the demo journal is, as JSON.")) -> None:
    """Fill a journal with a realistic half year of mentoring, then show the timeline.

    Uses the --db given (which must be empty or new); otherwise a new file in a temporary folder,
    whose path it prints so you can point MENTORLOG_DB at it.
    """
    import tempfile

    from mentorlog import config as configuration
    from mentorlog import demo as demo_data

    state = common.state()
    if state.db_option is None:
        folder = Path(tempfile.mkdtemp(prefix="mentorlog-demo-"))
        state.db_option = str(folder / "demo.db")
    path = configuration.db_path(state.db_option)
    with common.journal(write=True) as journal:
        if any(journal.scalar(f"SELECT count(*) FROM {table}") for table in ("people", "sessions", "goals", "actions")):
            raise MentorlogError(
                f"{path} already has entries; the demo only fills an empty journal", "Give a new file with --db."
            )
        counts = demo_data.fill(journal, common.today())
    if json_:
        common.print_json({"db": str(path), **counts})
        return
    common.say(f"Demo journal with {counts['sessions']} sessions written to {path}")
    common.say(f"Try it:  export MENTORLOG_DB={path}")
    common.say("")
    from mentorlog.cli.views import timeline

    timeline(with_=None, goal=None, since="6m", until=None, json_=False)
