"""Turn the raw tables of one document into facts and quarantined cells.

Every cell that holds digits ends as a fact or as a quarantined cell with its reason. A figure is
published only when its metric, period, measure and unit are all clear from the printed page: the
row label, the column headers (spanning headers included), and the text above the table
(heading, `Unit:` line, period caption).
"""

from __future__ import annotations

from dataclasses import dataclass

from extraction.cells import (
    RowsAbove,
    interpret_row,
    merge_continued_labels,
    prints_net_income_attributable,
    resolve_row,
    segment_row_metric,
    split_by_months,
    with_net_income_split,
)
from extraction.document_meta import find_accounting_standard
from extraction.header_grammar import (
    Column,
    TableState,
    is_header_row,
    read_header_row,
    transposed,
)
from extraction.interpret_context import effective_context, read_table_context
from extraction.labels import Lexicon
from extraction.model import Fact, Quarantined, RawDocument, RawTable
from extraction.vocabulary import Vocabulary

__all__ = ["DocumentExtract", "interpret_document", "is_header_row", "split_by_months"]


@dataclass(frozen=True)
class DocumentExtract:
    facts: tuple[Fact, ...]
    quarantined: tuple[Quarantined, ...]
    # `IFRS` or `US GAAP` where the deck says which (IFRS operating profit and US GAAP operating
    # income are both `operating_income`; this tells them apart)
    accounting_standard: str | None = None


def interpret_document(document: RawDocument, vocabulary: Vocabulary) -> DocumentExtract:
    lexicon = Lexicon.from_vocabulary(vocabulary)
    facts: list[Fact] = []
    quarantined: list[Quarantined] = []
    previous_context: tuple[str, ...] = ()
    for table in document.tables:
        context = effective_context(table.context, previous_context)
        previous_context = context
        table_facts, table_quarantined = interpret_table(table, context, lexicon)
        facts += table_facts
        quarantined += table_quarantined
    return DocumentExtract(
        facts=tuple(facts),
        quarantined=tuple(quarantined),
        accounting_standard=find_accounting_standard(document_lines(document)),
    )


def document_lines(document: RawDocument) -> tuple[str, ...]:
    """The deck's printed text: its lines, or (where a reader kept none) the text above tables."""
    if document.text_lines:
        return document.text_lines
    return tuple(line for table in document.tables for line in table.context)


def table_id_of(table: RawTable) -> str:
    return f"t{table.index + 1:02d}"


def interpret_table(
    table: RawTable, context: tuple[str, ...], lexicon: Lexicon
) -> tuple[list[Fact], list[Quarantined]]:
    table_id = table_id_of(table)
    around = read_table_context(context, lexicon)
    width = max(len(row.cells) for row in table.rows)
    rows = merge_continued_labels(transposed(list(table.rows), lexicon), lexicon)
    state = TableState(
        header_rows=[],
        columns=[Column(label="")] * width,
        unit=around.unit,
        caption_period=around.period,
        segment=around.segment,
        base_segment=around.segment,
        title_metrics=around.title_metrics,
    )
    facts: list[Fact] = []
    quarantined: list[Quarantined] = []
    seen: dict[tuple, Fact] = {}
    above = RowsAbove()
    split_net_income = prints_net_income_attributable(rows, lexicon)
    for row in rows:
        if is_header_row(row, lexicon):
            read_header_row(row, state, width, lexicon)
            above = RowsAbove()
            continue
        meaning = resolve_row(row.cells[0], above, segment_row_metric(state), lexicon)
        meaning = with_net_income_split(meaning, row.cells[0], split_net_income, lexicon)
        above = above.after(meaning)
        for fact in interpret_row(row, meaning, table_id, state, lexicon):
            if isinstance(fact, Quarantined):
                quarantined.append(fact)
                continue
            key = fact.figure_key
            if key in seen:
                quarantined.append(
                    Quarantined(
                        table_id=table_id,
                        locator=fact.locator,
                        raw_text=fact.reported_text,
                        row_label=fact.row_label,
                        column_label=fact.column_label,
                        reason=f"the same figure key is printed twice in this table "
                        f"(first at {seen[key].locator})",
                        page=fact.page,
                        cell_box=fact.cell_box,
                    )
                )
                continue
            seen[key] = fact
            facts.append(fact)
    return facts, quarantined
