"""The one list helper: what every list command (sessions, actions, goals, people, topics, reflections,
skills, search) does the same way — --limit, counting what a full page left out, --json, the message for
nothing found, the table, and the line under it (`12 more sessions not shown`). The command keeps what is
its own: the filters and the journal calls."""

from __future__ import annotations

from collections.abc import Callable, Sequence, Sized
from types import ModuleType
from typing import Any

import typer

from mentorlog.base.i18n import N_, ngettext
from mentorlog.cli import common

TABLE_LIMIT = 25
LIMIT_HELP = "Show at most N (default {default} in the table, all with --json; 0 = all)."
LIMIT_HELPS = (  # LIMIT_HELP as the commands fill it in, for the catalogue (--help looks the whole text up)
    N_("Show at most N (default 20 in the table, all with --json; 0 = all)."),
    N_("Show at most N (default 25 in the table, all with --json; 0 = all)."),
)


def limit_option(default: int = TABLE_LIMIT) -> Any:
    """The --limit option of a list that shows DEFAULT rows in its table."""
    return typer.Option(None, "--limit", "-l", min=0, help=LIMIT_HELP.format(default=default))


def shown(limit: int | None, as_json: bool, default: int = TABLE_LIMIT) -> int | None:
    """The one rule for every list: --limit N shows N, --limit 0 everything; without it a table shows
    DEFAULT rows (and says how many more there are) and --json gives everything."""
    if limit is None:
        return None if as_json else default
    return None if limit == 0 else limit


def total(found: Sized, shown: int | None, count: Callable[[], int]) -> int:
    """How many match: COUNT is asked only when the page came back full (else the page is all there is)."""
    return count() if shown is not None and len(found) == shown else len(found)


def more_line(total: int, shown: int, noun: str) -> str | None:
    """`12 more sessions not shown (--limit 0 shows all)`, when a table was cut; NOUN is the singular
    (session, goal, reflection, skill, match)."""
    if total <= shown:
        return None
    n = total - shown
    forms = {
        "session": ngettext(
            "{n} more session not shown (--limit 0 shows all)", "{n} more sessions not shown (--limit 0 shows all)", n
        ),
        "goal": ngettext(
            "{n} more goal not shown (--limit 0 shows all)", "{n} more goals not shown (--limit 0 shows all)", n
        ),
        "reflection": ngettext(
            "{n} more reflection not shown (--limit 0 shows all)",
            "{n} more reflections not shown (--limit 0 shows all)",
            n,
        ),
        "skill": ngettext(
            "{n} more skill not shown (--limit 0 shows all)", "{n} more skills not shown (--limit 0 shows all)", n
        ),
        "match": ngettext(
            "{n} more match not shown (--limit 0 shows all)", "{n} more matches not shown (--limit 0 shows all)", n
        ),
    }
    return forms[noun].format(n=n)


def show(
    items: Sequence[Any],
    *,
    as_json: bool,
    empty: str | Callable[[], str],
    table: Callable[[ModuleType, int], Any],
    total: int | None = None,
    noun: str = "",
    footer: Callable[[], str] | None = None,
    json_extra: dict[str, Any] | None = None,
    note: str | None = None,
) -> None:
    """ITEMS as JSON (each its to_json(), with JSON_EXTRA's keys), else EMPTY when there are none, else
    TABLE(render.lists, width) and under it FOOTER() or, when the table was cut, how many more there are (TOTAL of
    them, NOUN each), then NOTE."""
    if as_json:
        common.print_json([{**item.to_json(), **(json_extra or {})} for item in items])
        return
    from mentorlog.render import lists as render

    console = render.make_console()
    if not items:
        console.print(render.empty(empty if isinstance(empty, str) else empty()))
        return
    console.print(table(render, console.width))
    under = footer() if footer is not None else more_line(len(items) if total is None else total, len(items), noun)
    if under:
        console.print(render.empty(under))
    if note:
        console.print(render.empty(note))
