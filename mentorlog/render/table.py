"""Rich's `Table`, measuring columns of plain text in one pass.

Before it draws a table, Rich measures every cell of every column: each goes through `Measurement.get`, a
`Padding` and the text's own `__rich_measure__`, three normalisations deep. For the cells mentorlog's views
are made of (Text, and str when the console reads no markup or emoji) the answer is the same arithmetic on the
text's lines and words; this table does it directly and leaves every other cell, and every other step, to
Rich. The output is the same (tests render both at many widths and compare).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.measure import Measurement
from rich.table import Column
from rich.table import Table as RichTable
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.padding import PaddingDimensions


def _text_range(plain: str) -> tuple[int, int]:
    """What Text.__rich_measure__ says of PLAIN: its longest word and its longest line."""
    lines = plain.splitlines()
    longest = max(map(cell_len, lines)) if lines else 0
    words = plain.split()
    return (max(map(cell_len, words)) if words else longest), longest


class Table(RichTable):
    @classmethod
    def grid(
        cls,
        *headers: Column | str,
        padding: PaddingDimensions = 0,
        collapse_padding: bool = True,
        pad_edge: bool = False,
        expand: bool = False,
    ) -> Table:
        made = super().grid(*headers, padding=padding, collapse_padding=collapse_padding, pad_edge=pad_edge)
        made.expand = expand
        return cast(Table, made)

    def _cell_padding(self, index: int) -> int:
        """The left and right padding Rich gives each cell of column INDEX (Table._get_cells' rules)."""
        _top, right, _bottom, left = self.padding
        first, last = index == 0, index == len(self.columns) - 1
        if self.collapse_padding and not first:
            left = max(0, left - right)
        if not self.pad_edge:
            left, right = (0 if first else left), (0 if last else right)
        return left + right

    def _measure_column(self, console: Console, options: ConsoleOptions, column: Column) -> Measurement:
        max_width = options.max_width
        extra = self._cell_padding(column._index) if any(self.padding) else 0
        plain_str = not options.markup and not getattr(console, "_emoji", True)
        cells: list[object] = [column.header] if self.show_header else []
        cells += column._cells
        if self.show_footer:
            cells.append(column.footer)
        if column.width is not None or max_width < 1 or (extra and max_width - extra < 1) or not cells:
            return super()._measure_column(console, options, column)
        lows, highs = [], []
        for cell in cells:
            if isinstance(cell, Text):
                low, high = _text_range(cell.plain)
            elif isinstance(cell, str) and plain_str:
                low, high = _text_range(cell)
            else:
                return super()._measure_column(console, options, column)
            # Measurement.get of the text: normalised, at most the width, nothing when it has no width
            low, high = min(max(0, low), high), max(0, low, high)
            low, high = min(low, max_width), min(high, max_width)
            low, high = (0, 0) if high < 1 else (min(low, high), max(low, high))
            # ... of its Padding: the padding added, at most the width; then Measurement.get's own checks
            low, high = min(low + extra, max_width), min(high + extra, max_width)
            low, high = (0, 0) if high < 1 else (min(low, high), max(low, high))
            lows.append(low)
            highs.append(high)
        measurement = Measurement(max(lows), max(highs)).with_maximum(max_width)
        padding_width = self._get_padding_width(column._index)  # what Rich adds to a column's own limits
        return measurement.clamp(
            None if column.min_width is None else column.min_width + padding_width,
            None if column.max_width is None else column.max_width + padding_width,
        )
