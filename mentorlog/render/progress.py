"""The progress bar of a long job (dump, import) on stderr: Rich, shown only on a terminal and only when the job
takes longer than a second."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

PROGRESS_FROM = 2000  # records (or characters of a file); below this a progress bar would only flicker
PROGRESS_AFTER = 1.0  # seconds: a job done sooner shows no bar at all


@contextlib.contextmanager
def progress_bar(
    total: int, label: str, *, console: Console | None = None, clock: Callable[[], float] | None = None
) -> Iterator[Callable[[int], None] | None]:
    """A transient Rich progress bar on stderr for a large job on a terminal, shown once it has taken more than
    PROGRESS_AFTER seconds; None (nothing to call) when stderr is not a terminal, so scripts see clean output.
    CONSOLE and CLOCK are for tests."""
    if total < PROGRESS_FROM or (console is None and not sys.stderr.isatty()):
        yield None
        return
    import time

    from rich.progress import Progress

    now = clock or time.monotonic
    began = now()
    done = 0
    with contextlib.ExitStack() as stack:
        shown: list[Progress] = []

        def advance(step: int) -> None:
            nonlocal done
            done += step
            if not shown:
                if now() - began <= PROGRESS_AFTER:
                    return
                bar = stack.enter_context(
                    Progress(console=console or _stderr_console(), transient=True, auto_refresh=True)
                )
                bar.add_task(label, total=total, completed=0)
                shown.append(bar)
            shown[0].update(shown[0].task_ids[0], completed=done)

        yield advance


def _stderr_console() -> Console:
    from mentorlog.render.lists import make_console

    return make_console(stderr=True)
