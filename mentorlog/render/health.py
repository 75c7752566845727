"""`health` on the terminal: one block per relationship, a verdict per dimension with its reason."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mentorlog.base.i18n import N_, _
from mentorlog.core.health import NEEDS_ATTENTION, ON_TRACK, WATCH, Health, shown, verdict_word
from mentorlog.core.humane import day, decimal, word
from mentorlog.render.lists import empty, user

VERDICT_STYLE = {ON_TRACK: "green", WATCH: "yellow", NEEDS_ATTENTION: "bold red"}
VERDICT_MARK = {ON_TRACK: "✓", WATCH: "!", NEEDS_ATTENTION: "⚠"}
DIMENSIONS = (  # a label may name the other person: {name}
    ("meetings", N_("meetings")),
    ("follow_through_me", N_("my actions")),
    ("follow_through_them", N_("their actions")),
    ("confidence", N_("confidence")),
    ("topics", N_("topics")),
    ("goals", N_("goals")),
)


def dimension(label: str, name: str) -> str:
    """A dimension's label in the chosen language (`Aufgaben von Dr. Weber`)."""
    return _(label).format(name=name)


def verdict(level: str) -> Text:
    """`⚠ needs attention` in red: the word is always there, so greyscale and screen readers get it too."""
    return Text(f"{VERDICT_MARK[level]} {verdict_word(level)}", style=VERDICT_STYLE[level])


def health_view(found: list[Health], *, width: int = 120) -> RenderableType:
    if not found:
        return empty(_("No active relationships. Add one with: mentorlog person add NAME --role mentee --cadence 2w"))
    parts: list[RenderableType] = []
    for item in found:
        figures = item.figures
        heading = user(figures.person.name, "bold")
        heading.append(f" ({word(figures.person.role)})  ", style="dim")
        heading.append_text(verdict(item.overall))
        heading.append(f"   {day(figures.since)} → {day(figures.until)}", style="dim")
        table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1))
        table.add_column("dimension", style="dim", no_wrap=True)
        table.add_column("verdict", no_wrap=True)
        table.add_column("reason", overflow="fold")
        for (key, label), reason in zip(DIMENSIONS, item.reasons, strict=True):
            table.add_row(user(dimension(label, figures.person.name)), verdict(item.verdicts[key]), user(shown(reason)))
        median = item.to_json()["days_to_done_median"]
        parts += [heading, table]
        if median is not None:
            said = _("actions take {days} days to close (median)").format(days=decimal(median, "g"))
            parts.append(Text("  " + said, style="dim"))
        parts.append(Text(""))
    return Group(*parts[:-1])
