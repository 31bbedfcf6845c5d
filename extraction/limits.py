"""What a reader accepts of one document, whatever its bytes: past a bound the document is
refused with the bound in its reason, before any interpretation.

Each bound is two orders of magnitude above what a deck prints (the five decks of sources/:
at most 11 cells in a row, 17 rows in a table, 1,578 characters in a line; a slide page holds
hundreds of words), and low enough that the work on a document stays linear in its size: the
interpreter looks along a row for each of its cells (a header cell spanning columns), so a row of
16,000 cells took it 5.7 s and one of 100,000 would take minutes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReaderLimits:
    max_cells_per_row: int = 1_000
    max_rows_per_table: int = 10_000
    max_line_chars: int = 100_000
    max_words_per_page: int = 20_000


READER_LIMITS = ReaderLimits()
