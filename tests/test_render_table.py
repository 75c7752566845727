"""mentorlog's Table measures plain-text columns itself: the drawing must be Rich's, byte for byte."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from mentorlog.render.table import Table

WORDS = st.sampled_from(["a", "to", "Übung", "réunion", "数据", "🙂", "delegation", "x" * 30, "", "  ", "\n", "\t"])
CELL = st.lists(WORDS, max_size=8).map(" ".join)


def drawn(table: RichTable, width: int) -> str:
    console = Console(width=width, record=True, color_system=None, markup=False, emoji=False, highlight=False)
    console.print(table)
    return console.export_text()


def both(
    rows: list[list[str]],
    header: bool,
    padding: int | tuple[int, int],
    pad_edge: bool,
    as_text: bool,
    collapse: bool = False,
    **options: object,
):
    tables = []
    for kind in (Table, RichTable):
        table = kind(
            show_header=header,
            padding=(0, padding) if isinstance(padding, int) else padding,
            pad_edge=pad_edge,
            box=None,
            collapse_padding=collapse,
        )
        for index in range(len(rows[0])):
            table.add_column(f"col {index}", overflow="fold", no_wrap=index == 0, **options)  # type: ignore[arg-type]
        for row in rows:
            table.add_row(*[Text(cell) if as_text else cell for cell in row])
        tables.append(table)
    return tables


@settings(max_examples=150, deadline=None)
@given(
    rows=st.integers(1, 4).flatmap(lambda n: st.lists(st.lists(CELL, min_size=n, max_size=n), min_size=1, max_size=6)),
    width=st.integers(1, 130),
    header=st.booleans(),
    padding=st.one_of(st.integers(0, 2), st.tuples(st.integers(0, 3), st.integers(0, 3))),
    pad_edge=st.booleans(),
    as_text=st.booleans(),
    collapse=st.booleans(),
)
def test_drawn_as_rich_draws_it(rows, width, header, padding, pad_edge, as_text, collapse) -> None:
    ours, theirs = both(rows, header, padding, pad_edge, as_text, collapse)
    assert drawn(ours, width) == drawn(theirs, width)


@given(rows=st.lists(st.lists(CELL, min_size=2, max_size=2), min_size=1, max_size=5), width=st.integers(1, 90))
def test_with_min_and_max_widths(rows, width) -> None:
    ours, theirs = both(rows, True, 1, False, True, min_width=3, max_width=20)
    assert drawn(ours, width) == drawn(theirs, width)
    ours, theirs = both(rows, True, (0, 2), True, True, collapse=True, min_width=1, max_width=9)
    assert drawn(ours, width) == drawn(theirs, width)


def test_a_grid_is_this_table_and_draws_as_rich_draws_it() -> None:
    ours, theirs = Table.grid(padding=(0, 2)), RichTable.grid(padding=(0, 2))
    for grid in (ours, theirs):
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row("title", Text("a long value " * 9))
        grid.add_row("progress", "40%")
    assert isinstance(ours, Table)
    for width in (20, 50, 80):
        assert drawn(ours, width) == drawn(theirs, width)


def test_markup_and_other_cells_are_left_to_rich() -> None:
    """A console that reads markup measures `[b]x[/b]` as `x`: the str is left to Rich, as is a nested table."""
    texts = []
    for kind in (Table, RichTable):
        inner = kind("in")
        inner.add_row("nested cell text")
        table = kind("a", "b")
        table.add_row("[bold]markup[/bold] here", inner)
        console = Console(width=40, record=True, color_system=None, markup=True)
        console.print(table)
        texts.append(console.export_text())
    assert "[bold]" not in texts[0] and "nested cell text" in texts[0]
    assert texts[0] == texts[1]


def test_text_columns_are_measured_without_rich(monkeypatch) -> None:
    """The point of the class: columns of Text and plain str never reach Rich's per-cell measuring."""

    def refuse(*_args: object) -> None:
        raise AssertionError("measured by Rich")

    monkeypatch.setattr(RichTable, "_measure_column", refuse)
    table = Table("id", "text")
    table.add_row("1", Text("a cell of words"))
    assert "a cell of words" in drawn(table, 40)
