"""The views draw their tables with Rich's own public `Table`: what they promise of it, at every width."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from mentorlog.render import lists, records

WORDS = st.sampled_from(["a", "to", "Übung", "réunion", "数据", "delegation", "x" * 30, "[bold]b[/bold]", "", "  "])
CELL = st.lists(WORDS, max_size=8).map(" ".join)


def drawn(renderable: RenderableType, width: int) -> str:
    console = Console(width=width, record=True, color_system=None, markup=False, emoji=False, highlight=False)
    console.print(renderable)
    return console.export_text()


def letters(text: str) -> Counter[str]:
    return Counter(char for char in text if not char.isspace())


def test_the_views_tables_and_grids_are_richs_own_table() -> None:
    assert type(lists.plain_table("id", "text")) is Table
    columns = [lists.Col("id", "right"), lists.Col("text")]
    assert type(lists.lay_out(columns, [["1", Text("words")]], lists.STACK_BELOW)) is Table
    assert type(records._fields(("title", "a value"))) is Table


@settings(max_examples=100, deadline=None)
@given(
    rows=st.integers(1, 4).flatmap(lambda n: st.lists(st.lists(CELL, min_size=n, max_size=n), min_size=1, max_size=6)),
    width=st.integers(lists.STACK_BELOW, 130),
)
def test_a_listing_folds_every_cell_into_the_width_and_loses_no_character(rows: list[list[str]], width: int) -> None:
    """Cells fold, never crop: every character of every header and cell is drawn, no line is wider than the
    terminal, and user text is drawn as written (`[bold]` stays text)."""
    headers = [f"col {index}" for index in range(len(rows[0]))]
    table = lists.plain_table(*headers)
    for row in rows:
        table.add_row(*[lists.user(cell) for cell in row])
    text = drawn(table, width)
    assert all(cell_len(line) <= width for line in text.splitlines())
    assert letters(text) == letters(" ".join(headers + [cell for row in rows for cell in row]))


@given(value=CELL, width=st.integers(20, 100))
def test_a_records_fields_keep_their_labels_whole_and_fold_the_value(value: str, width: int) -> None:
    text = drawn(records._fields(("progress", value), ("title", "x")), width)
    assert text.startswith("progress ") and any(line.startswith("title ") for line in text.splitlines())
    assert all(cell_len(line) <= width for line in text.splitlines())
    assert letters(text) == letters("progress title x " + value)


def test_a_column_is_as_wide_as_its_longest_line_and_no_wider() -> None:
    table = lists.plain_table("id", "text")
    table.add_row("1", lists.user("a short one"))
    table.add_row("12", lists.user("数据 réunion"))
    assert drawn(table, 80).splitlines() == [
        "id  text        ",
        "1   a short one ",
        "12  数据 réunion",
    ]
