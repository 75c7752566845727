"""Rich views of skills: the `skills` list (my view and others' side by side), one skill in full, and the skill
parts of the summary and the agenda. User text always enters as inert Text."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mentorlog.base.i18n import N_, _
from mentorlog.base.safe import one_line
from mentorlog.core import humane
from mentorlog.core.records import Skill
from mentorlog.core.trends import Gap, SkillChange, SkillTrend, View, signed
from mentorlog.render.lists import NARROW, TIGHT, Col, empty, lay_out, short_name, user, when_text

KIND_HEADINGS = (("growth", N_("Growth areas")), ("strength", N_("Strengths")))
SPARK_SHOWN = 12  # the latest ratings a sparkline in the list shows (--json has every rating)
GAPS_HEADING = N_("Where the views differ")


def _level(level: int | None, style: str = "bold") -> Text:
    return Text(str(level), style=style) if level is not None else Text("—", style="dim")


def _change(change: int | None) -> Text:
    style = "dim" if not change else ("green" if change > 0 else "red")
    return Text(signed(change), style=style)


def _side(level: int | None, side: View, style: str, spark: int) -> Text:
    """`2 +1 ▃▃▅`: a view's latest level, its change over the period and a sparkline of its ratings there, SPARK
    wide (none when 0). One cell, not three: a table of fewer cells renders in half the time."""
    if level is None:
        return Text("—", style="dim").append(" " * (3 + spark + (spark > 0)))
    cell = _level(level, f"bold {style}".strip())
    change = _change(side.change)
    change.pad_left(3 - len(change.plain))
    cell.append_text(change)
    if spark:
        cell.append(" " + side.sparkline[-spark:].ljust(spark), style=style or "cyan")
    return cell


def _spark_width(trends: list[SkillTrend], them: bool, most: int = SPARK_SHOWN) -> int:
    return max((len((item.them if them else item.me).sparkline[-most:]) for item in trends), default=0)


def _row(item: SkillTrend, narrow: bool, sparks: tuple[int, int] = (0, 0), tight: bool = True) -> list[RenderableType]:
    skill = item.skill
    cells: list[RenderableType] = [str(skill.id), user(skill.name), user(short_name(skill.with_name) if narrow
                                                                         else (skill.with_name or "—"))]  # fmt: skip
    cells.append(_side(skill.level, item.me, "", sparks[0]))
    others = _side(skill.level_by_others, item.them, "magenta", sparks[1])
    if not narrow and item.latest_by:
        others.append_text(user(f" {short_name(item.latest_by)}", "dim"))
    cells.append(others)
    if not narrow:
        cells.append(user("; ".join(f"{goal_id} {one_line(title, 28)}" for goal_id, title in item.goals) or "—"))
    elif not tight:  # 70-89 columns: the goals by id (`show goal ID` tells more)
        cells.append(user(", ".join(str(goal_id) for goal_id, _title in item.goals) or "—"))
    return cells


def gap_lines(gaps: list[Gap]) -> list[Text]:
    """`! you rate 'giving feedback' 2, Dr. Weber rates it 4` for each gap."""
    return [Text.assemble(("! ", "bold yellow"), user(gap.sentence())) for gap in gaps]


def skills_view(trends: list[SkillTrend], since: date, *, width: int = 120) -> RenderableType:
    """Growth areas, then strengths: my latest level and others', the change since SINCE, sparklines, goals;
    then the skills where my view and someone else's are 2 or more apart."""
    narrow, tight = width < NARROW, width < TIGHT
    columns = [Col(_("id"), "right"), Col(_("skill")), Col(_("with")), Col(_("me"), no_wrap=True)]
    columns += [Col(_("others"), no_wrap=True)] + ([] if tight else [Col(_("goals"))])
    title = _("Skills (levels 1–5), change since {day}").format(day=humane.day(since))
    parts: list[RenderableType] = [Text(title, style="bold")]
    most = 0 if tight else SPARK_SHOWN // 2 if narrow else SPARK_SHOWN  # the latest ratings a sparkline shows
    for kind, heading in KIND_HEADINGS:
        shown = [item for item in trends if item.skill.kind == kind]
        sparks = (_spark_width(shown, False, most), _spark_width(shown, True, most)) if most else (0, 0)
        rows = [_row(item, narrow, sparks, tight) for item in shown]
        if rows:
            parts += [Text(""), Text(_(heading), style="bold underline"), lay_out(columns, rows, width)]
    found = [gap for item in trends for gap in item.gaps]
    if found:
        parts += [Text(""), Text(_(GAPS_HEADING), style="bold underline"), *gap_lines(found)]
    return Group(*parts)


def show_skill(skill: Skill, goals: list[tuple[int, str]], today: date, *, width: int = 120) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(_("name"), user(skill.name, "bold"))
    grid.add_row(_("kind"), _("growth area") if skill.kind == "growth" else _("strength"))
    grid.add_row(_("whose"), user(skill.with_name or _("mine")))
    grid.add_row(_("my view"), _level(skill.level))
    grid.add_row(_("others' view"), _level(skill.level_by_others, "bold magenta"))
    grid.add_row(_("goals"), user("; ".join(f"{goal_id} {title}" for goal_id, title in goals) or "—"))
    body: list[RenderableType] = [grid]
    if skill.description:
        body += [Text("\n" + _("Description"), style="bold"), user(skill.description)]
    body.append(Text("\n" + _("Ratings"), style="bold"))
    if skill.ratings:
        narrow = width < NARROW
        columns = [Col(_("date"), no_wrap=True), Col(_("level"), no_wrap=True), Col(_("by"))]
        columns += [] if narrow else [Col(_("session"), "right")]
        rows: list[list[RenderableType]] = []
        for rating in reversed(skill.ratings):
            cells: list[RenderableType] = [
                when_text(rating.date, today, relative=not narrow),
                f"{rating.level}/5",
                user(_by(short_name(rating.by) if narrow else rating.by), "" if rating.mine else "magenta"),
            ]
            rows.append([*cells, *([] if narrow else [str(rating.session_id or "—")]), user(rating.note)])
        body.append(lay_out([*columns, Col(_("note"))], rows, width - 4))
    else:
        body.append(empty(_("none yet — rate it with: mentorlog skill rate {id} 3").format(id=skill.id)))
    title = Text(_("Skill {id}").format(id=skill.id), style="bold")
    return Panel(Group(*body), title=title, title_align="left", expand=False)


def _by(name: str) -> str:
    """Who rated: `me` is said in the chosen language, a name as it is."""
    return _("me") if name == "me" else name


def _from_to(side: View) -> str:
    if side.end is None:
        return "—"
    return f"{side.start} → {side.end}" if side.start != side.end else str(side.end)


SKILLS_SHOWN = 12  # skills in a summary: the ones that moved most


def skill_changes_table(changes: list[SkillChange]) -> RenderableType:
    """The summary's skills: each view's level at the start and the end of the period, and the change; the
    SKILLS_SHOWN that moved most, in their order."""

    def moved(change: SkillChange) -> int:
        return abs(change.me.change or 0) + abs(change.them.change or 0)

    shown = {change.id for change in sorted(changes, key=lambda change: -moved(change))[:SKILLS_SHOWN]}
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(_("skill"), overflow="fold")
    table.add_column(_("me"), no_wrap=True)
    table.add_column("±", no_wrap=True)
    table.add_column(_("others"), no_wrap=True)
    table.add_column("±", no_wrap=True)
    for change in (change for change in changes if change.id in shown):
        name = user(change.name)
        if change.with_name:
            name.append_text(user(f" ({short_name(change.with_name)})", "dim"))
        table.add_row(name, _from_to(change.me), _change(change.me.change), _from_to(change.them),
                      _change(change.them.change))  # fmt: skip
    if len(changes) <= SKILLS_SHOWN:
        return table
    more = len(changes) - SKILLS_SHOWN
    return Group(table, empty(_("{count} more skills not shown (see --json)").format(count=more)))


def growth_lines(growth: list[SkillTrend]) -> list[RenderableType]:
    """The agenda's growth areas: the skill, both views, and the goals it serves."""
    lines: list[RenderableType] = []
    for item in growth:
        line = Text.assemble(
            ("◆ ", "yellow"), user(item.skill.name, "bold"), "  " + _("me") + " ", _level(item.skill.level)
        )
        line.append_text(user(f"  {item.latest_by or _('others')} "))
        line.append_text(_level(item.skill.level_by_others, "bold magenta"))
        if item.goals:
            line.append("  " + _("for") + " ", style="dim")
            line.append_text(user("; ".join(one_line(title, 40) for _, title in item.goals), "dim"))
        lines.append(line)
    return lines
