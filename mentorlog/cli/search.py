"""`search`: full-text search over everything written, ranked, with highlighted snippets."""

from __future__ import annotations

from typing import Any

import typer

from mentorlog.base.i18n import _
from mentorlog.cli import common, completion, lists, whom
from mentorlog.cli.root import command_app

search_app = command_app()


@search_app.command()
def search(
    query: str = typer.Argument(..., help='Words to find; "a phrase" in quotes, word* for a prefix.'),
    kind: str | None = typer.Option(
        None,
        "--kind",
        "-k",
        autocompletion=completion.search_kinds,
        help="session, reflection, goal, action, topic, person or skill.",
    ),
    with_: str | None = typer.Option(
        None, "--with", "-w", autocompletion=completion.person_names, help="Only records about this person."
    ),
    since: str | None = typer.Option(None, "--since", help="From this date or span back (30d, 6m)."),
    limit: int | None = lists.limit_option(20),
    json_: bool = typer.Option(False, "--json", help="Print JSON: kind, id, date, title, snippet, score."),
) -> None:
    """Search sessions, reflections, goals, action items, topics and people; best matches first.

    Word forms match (functions finds function, Übungen finds Übung) and the last word is a prefix;
    accents do not matter. "a phrase" in quotes is exact; word* is a prefix; other search syntax
    is taken as plain words.
    """
    start = common.since(since)
    with common.journal(write=False) as journal:
        filters: dict[str, Any] = {
            "kind": kind.strip().lower() if kind else None,
            "person_id": whom.filter_person_id(journal, with_, announce=not json_),
            "since": start,
        }
        shown = lists.shown(limit, json_, 20)
        hits = journal.search.search(query, **filters, limit=shown)
        total = lists.total(hits, shown, lambda: journal.search.count_hits(query, **filters))
    from mentorlog.store.search import RANKED, ranks_newest

    ranked_of = total if ranks_newest(shown) and total > RANKED else None  # only the newest RANKED were ranked
    lists.show(
        hits,
        as_json=json_,
        empty=lambda: _nothing_found(query),
        table=lambda render, width: render.search_table(hits, common.today(), width=width),
        total=total,
        noun="match",
        json_extra=None if ranked_of is None else {"ranked_of": {"newest": RANKED, "matches": ranked_of}},
        note=None
        if ranked_of is None
        else _("Ranked the newest {ranked} of {matches} matches, goals, skills and people first.").format(
            ranked=RANKED, matches=ranked_of
        ),
    )


def _nothing_found(query: str) -> str:
    from mentorlog.core.searchquery import prefix_hint

    hint = prefix_hint(query)
    message = _("Nothing found for {query}.").format(query=common.quoted(query))
    if hint:
        message += " " + _("To find words that start like it: mentorlog search {hint}").format(hint=common.quoted(hint))
    return message
