"""`document_extracts`: one partition per inbox document, staged as Parquet."""

import dagster as dg

from extraction.inbox import list_inbox
from extraction.vocabulary import load_vocabulary
from pipelines.extracts import PREVIEW_COLUMNS, StagedDocument, stage_document
from pipelines.preview import markdown_table
from pipelines.resources import WarehouseResource

documents_partitions = dg.DynamicPartitionsDefinition(name="documents")


@dg.asset(
    partitions_def=documents_partitions,
    # One run can stage many documents (full_refresh_job stages them all in one step).
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="sources",
    kinds={"python", "parquet"},
)
def document_extracts(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Facts and quarantined cells of one inbox document (the partition key is its id), staged as
    `<staging>/documents/<id>.parquet`, and its dim_document row as `<id>.doc.parquet`.

    A file that cannot be read is staged with status `error` and the reason; it does not fail
    the run. Over several partitions in one run, the metadata gives the totals.
    """
    inbox = list_inbox(warehouse.inbox)
    missing = [key for key in context.partition_keys if key not in inbox]
    if missing:
        raise dg.Failure(f"documents {missing} are no longer in the inbox {warehouse.inbox}")
    vocabulary = load_vocabulary(warehouse.contract)
    staged = []
    for document_id in context.partition_keys:
        document = stage_document(
            inbox[document_id],
            document_id,
            vocabulary=vocabulary,
            documents_dir=warehouse.documents_dir,
            max_document_mb=warehouse.max_document_mb,
            max_pages=warehouse.max_pages,
        )
        if document.error:
            context.log.warning(f"not read, staged with status error: {document.error}")
        else:
            context.log.info(
                f"{document.source_file}: {document.facts} facts, "
                f"{document.quarantined} quarantined cells"
            )
        staged.append(document)
    return dg.MaterializeResult(metadata=_metadata(staged))


def _metadata(staged: list[StagedDocument]) -> dict[str, dg.MetadataValue]:
    errors = [document.error for document in staged if document.error]
    if len(staged) == 1:
        preview = markdown_table(PREVIEW_COLUMNS, staged[0].preview_rows())
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
    }
