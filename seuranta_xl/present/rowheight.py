"""How tall a row of wrapped text must be (pure): one estimate for the department workbooks, the
master and the reports. XlsxWriter cannot fit row heights, and LibreOffice (unlike Excel) does not
fit them when it opens a file, so every writer sets them from this estimate, on the safe side."""
from __future__ import annotations

from collections.abc import Iterable

LINE_HEIGHT = {10: 12.75, 11: 15.0}   # points per line of Calibri at that size
CHARS_PER_WIDTH = 1.15                # characters of 10 pt text per unit of Excel column width
TEXT_MARGIN = 1.08                    # proportional text runs a little wider than its average
PADDING = 3.0                         # points above and below the text
MAX_HEIGHT = 409.0                    # Excel's largest row height


def wrapped_lines(text: str | None, width: float, font_size: int = 11) -> int:
    """How many lines ``text`` needs in a wrapped cell ``width`` characters wide."""
    per_line = max(1, int(width * CHARS_PER_WIDTH * 10 / font_size) - 1)
    return sum(max(1, -(-int(len(part) * TEXT_MARGIN) // per_line)) for part in (text or "").split("\n"))


def row_height(cells: Iterable[tuple[str | None, float]], font_size: int = 11, min_lines: int = 1) -> float:
    """Points for a row of wrapped ``(text, column width)`` cells: its tallest cell, at least ``min_lines``."""
    lines = max([min_lines, *(wrapped_lines(text, width, font_size) for text, width in cells)])
    return min(MAX_HEIGHT, round(lines * LINE_HEIGHT[font_size] + PADDING, 2))
