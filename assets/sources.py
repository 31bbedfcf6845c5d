"""`document_extracts`: one partition per inbox document, staged as Parquet."""

import warnings
from pathlib import Path

import dagster as dg

from assets.resources import WarehouseResource
from assets.ui import OWNERS, SOURCES, column_schema
from extraction.closed_vocabularies import QUARANTINE
from reporting.dictionary import Meanings
from reporting.preview import markdown_table
from warehousing.inbox import scan_inbox
from warehousing.reading import load_vocabulary
from warehousing.staging import (
    CELL_SCHEMA,
    PREVIEW_COLUMNS,
    StagedDocument,
    cells_path,
    stage_documents,
)

# Single-run backfills are beta in Dagster 1.13 and chosen knowingly here: the warning would only
# repeat on the terminal in every process that loads the Definitions.
warnings.filterwarnings(
    "ignore", message="Parameter `backfill_policy`", category=dg.BetaWarning
)

documents_partitions = dg.DynamicPartitionsDefinition(name="documents")
QUARANTINE_PREVIEW_COLUMNS = ("locator", "reported_text", "row_label", "column_label", "reason")


@dg.asset(
    partitions_def=documents_partitions,
    # One run can stage many documents (a full refresh stages them all in one step, each
    # document in a process of its own).
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name=SOURCES,
    kinds={"python", "pdf", "parquet"},
    owners=OWNERS,
)
def document_extracts(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Facts and quarantined cells of one inbox document (the partition key is its id), staged as
    `<staging>/documents/<id>.parquet`, and its dim_document row as `<id>.doc.parquet`.

    A file that cannot be read, is not an IIJ deck, or whose extraction runs out of time or
    memory is staged with status `error` and the reason; it does not fail the run, nor does a
    document that changed or left the inbox since the run was requested (a warning names it).
    Inbox entries that are not read (links out of the inbox, special files) are warnings too.
    Over several partitions in one run, `extract_workers` documents are staged at a time, and
    the metadata gives the totals.
    """
    layout = warehouse.layout
    inbox = scan_inbox(layout.inbox)
    for rejected in inbox.rejected:
        context.log.warning(f"not read: {rejected.message}")
    documents = inbox.documents
    missing = [key for key in context.partition_keys if key not in documents]
    if missing:
        # Changed or removed since the run was requested: the next look at the inbox stages
        # what they are now; the other documents go on.
        context.log.warning(
            f"documents {missing} are no longer in the inbox {layout.inbox} (changed or removed "
            "since this run was requested): not staged"
        )
    staged = []
    for document in stage_documents(
        {key: documents[key] for key in context.partition_keys if key in documents},
        vocabulary=load_vocabulary(warehouse.contract),
        documents_dir=layout.documents_dir,
        limits=warehouse.extraction_limits,
        workers=warehouse.extract_workers,
    ):
        # A warning per document in error; one summary line for the rest: every log line is an
        # event written to the instance, a hundredth of a second each.
        if document.error:
            context.log.warning(f"not read, staged with status error: {document.error}")
        staged.append(document)
    order = {key: index for index, key in enumerate(context.partition_keys)}
    if not staged:
        return dg.MaterializeResult(metadata={"status": dg.MetadataValue.text("nothing staged")})
    staged.sort(key=lambda document: order[document.document_id])
    context.log.info(_summary(staged))
    return dg.MaterializeResult(
        metadata=_metadata(staged, layout.documents_dir, Meanings.load())
    )


def _summary(staged: list[StagedDocument]) -> str:
    read = [document for document in staged if not document.error]
    counts = (
        f"{sum(document.facts for document in read)} facts, "
        f"{sum(document.quarantined for document in read)} quarantined cells"
    )
    if len(staged) == 1:
        return f"{staged[0].source_file}: {counts}"
    return f"{len(staged)} documents staged, {len(staged) - len(read)} in error: {counts}"


def _metadata(
    staged: list[StagedDocument], documents_dir: Path, meanings: Meanings
) -> dict[str, dg.MetadataValue]:
    errors = [document.error for document in staged if document.error]
    per_document: dict[str, dg.MetadataValue] = {}
    if len(staged) == 1:
        [document] = staged
        preview = markdown_table(PREVIEW_COLUMNS, document.preview_rows())
        quarantined = [cell for cell in document.cells if cell["status"] == QUARANTINE]
        per_document = {
            "staged_file": dg.MetadataValue.path(
                str(cells_path(documents_dir, document.document_id))
            ),
            "quarantine_preview": dg.MetadataValue.md(
                markdown_table(
                    QUARANTINE_PREVIEW_COLUMNS,
                    [[cell[name] for name in QUARANTINE_PREVIEW_COLUMNS] for cell in quarantined],
                )
            ),
        }
    else:
        preview = markdown_table(
            ("source_file", "status", "facts", "quarantined"),
            [(d.source_file, d.status, d.facts, d.quarantined) for d in staged],
        )
    return {
        "source_file": dg.MetadataValue.text(", ".join(d.source_file for d in staged)),
        "status": dg.MetadataValue.text("error" if errors else "ok"),
        "error": dg.MetadataValue.text("; ".join(errors)),
        "facts": dg.MetadataValue.int(sum(d.facts for d in staged)),
        "quarantined_cells": dg.MetadataValue.int(sum(d.quarantined for d in staged)),
        "tables": dg.MetadataValue.int(sum(d.tables for d in staged)),
        "preview": dg.MetadataValue.md(preview),
        **per_document,
        "dagster/row_count": dg.MetadataValue.int(sum(len(d.cells) for d in staged)),
        "dagster/column_schema": column_schema(
            "stg_cells", [(field.name, str(field.type)) for field in CELL_SCHEMA], meanings
        ),
    }
