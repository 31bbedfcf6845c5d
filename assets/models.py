"""The SQL models of `sql/` as assets, all built in one step in one DuckDB connection."""

import shutil
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

import dagster as dg
import duckdb

from assets.resources import WarehouseResource
from assets.sources import document_extracts
from assets.ui import OWNERS, column_schema
from checks.scope import BASELINE, checks_digest, last_publish_checked_alike
from reporting.dictionary import Meanings
from reporting.figure_pictures import PicturedCell, pictures_markdown
from reporting.preview import markdown_table
from warehousing.holdback import LastGoodPublish, contained_inputs
from warehousing.inbox import scan_inbox
from warehousing.sql_models import BuiltModel, Carry, SqlModel, build_models, load_models
from warehousing.staging import BuildInputs, build_inputs, cells_path, unchanged_documents

# Reading our own model files is loading code, like an import; no data is touched here.
MODELS = load_models()
# SQL parameters whose values are files written by document_extracts.
STAGED_PARAMETERS = {"cell_files", "document_files"}
QUARANTINE_MODEL = "quarantine"


def _spec(model: SqlModel) -> dg.AssetSpec:
    deps: list[dg.AssetKey] = [dg.AssetKey(name) for name in model.depends_on]
    if STAGED_PARAMETERS.intersection(model.parameters):
        deps.append(document_extracts.key)
    return dg.AssetSpec(
        key=model.name,
        deps=deps,
        description=model.description,
        # The schema is the model's layer: staging, intermediate or marts.
        group_name=model.schema,
        kinds={"duckdb", "sql"},
        owners=OWNERS,
        metadata={
            "dagster/table_name": model.table,
            "sql_file": f"sql/{model.schema}/{model.name}.sql",
        },
    )


MODEL_SPECS = [_spec(model) for model in MODELS]


@dg.multi_asset(name="warehouse_models", specs=MODEL_SPECS)
def warehouse_models(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult]:
    """Build every model into this run's build file, never into the published warehouse, from
    the staged documents of the inbox (one still being staged by another run is left out)."""
    meanings = Meanings.load()
    layout = warehouse.layout
    build = layout.build_file(context.run.run_id)
    try:
        inbox = scan_inbox(layout.inbox)
        for rejected in inbox.rejected:
            context.log.warning(f"not read, left out of this build: {rejected.message}")
        inputs = build_inputs(inbox, layout.documents_dir, build.parent)
        context.log.info(f"building {len(MODELS)} models in {build}")
        with (
            duckdb.connect(str(build)) as connection,
            last_publish_checked_alike(connection, layout.database, checks_digest()) as published,
        ):
            carry = _carry(connection, published, inputs)
            parameters = _parameters(context, warehouse, inputs, carry)
            for built in build_models(connection, MODELS, parameters, carry):
                metadata = _metadata(built, meanings)
                if built.model.carry_key is not None:
                    metadata["carried_over_documents"] = dg.MetadataValue.int(
                        len(carry.kept) if carry else 0
                    )
                if built.model.name == QUARANTINE_MODEL:
                    metadata.update(
                        _quarantine_pictures(connection, inbox.documents, layout.documents_dir)
                    )
                yield dg.MaterializeResult(asset_key=built.model.name, metadata=metadata)
            connection.execute("checkpoint")
    except Exception:
        shutil.rmtree(build.parent, ignore_errors=True)
        raise


def _quarantine_pictures(
    connection: duckdb.DuckDBPyConnection, inbox: Mapping[str, Path], documents_dir: Path
) -> dict[str, dg.MetadataValue]:
    """The first quarantined cells of PDF documents (`inbox`: the build's, by document id),
    pictured on their pages."""
    rows = connection.execute(
        "select document_id, locator, raw_text, reason from marts.quarantine "
        "where table_id is not null and table_id <> 'file' order by document_id, locator"
    ).fetchall()
    cells = [
        PicturedCell(
            caption=f"{raw_text} ({locator}): {reason}",
            cells_file=cells_path(documents_dir, document_id),
            pdf_path=inbox[document_id],
            filters={"locator": locator},
        )
        for document_id, locator, raw_text, reason in rows
        if document_id in inbox and inbox[document_id].suffix.lower() == ".pdf"
    ]
    pictures = pictures_markdown(cells)
    return {"pictures": dg.MetadataValue.md(pictures)} if pictures else {}


def rebuild_without(
    connection: duckdb.DuckDBPyConnection,
    warehouse: WarehouseResource,
    build: Path,
    held_back: Mapping[str, str],
    last_good: LastGoodPublish,
) -> None:
    """Build every model again in the open build, without the held-back documents (id -> why),
    each held-back new version of a published file replaced by its last good version."""
    inputs = contained_inputs(
        scan_inbox(warehouse.layout.inbox),
        warehouse.layout.documents_dir,
        build.parent,
        held_back,
        last_good,
    )
    for _ in build_models(connection, MODELS, _model_parameters(warehouse, inputs)):
        pass


def _carry(
    connection: duckdb.DuckDBPyConnection, published: Path | None, inputs: BuildInputs
) -> Carry | None:
    """What the build takes from the last publish (attached when built by the same definitions):
    the staged rows of the documents unchanged since."""
    if published is None:
        return None
    unchanged = unchanged_documents(connection, BASELINE, inputs)
    return Carry(
        database=BASELINE,
        kept=unchanged,
        computes_rest=len(unchanged) < len(inputs.document_ids),
    )


def _parameters(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    inputs: BuildInputs,
    carry: Carry | None,
) -> dict[str, object]:
    kept = carry.kept if carry else ()
    context.log.info(
        f"{len(inputs.document_ids)} staged documents of {warehouse.layout.inbox}: "
        f"{len(kept)} unchanged since the last publish keep its staged cells, the staged cells "
        f"files of {len(inputs.document_ids) - len(kept)} are read"
    )
    if inputs.pending:
        context.log.warning(
            f"left out of this build, not staged yet (the runs staging them build again): "
            f"{', '.join(inputs.pending)}"
        )
    return _model_parameters(warehouse, inputs, kept)


def _model_parameters(
    warehouse: WarehouseResource, inputs: BuildInputs, kept: Collection[str] = ()
) -> dict[str, object]:
    """The models' parameters: the staged cells files of every document but the `kept` ones
    (carried from the last publish)."""
    return {
        "cell_files": inputs.cells_except(kept),
        "document_files": inputs.document_files,
        "metrics_csv": str(warehouse.contract / "metrics.csv"),
        "segments_csv": str(warehouse.contract / "segments.csv"),
    }


def _metadata(built: BuiltModel, meanings: Meanings) -> dict[str, object]:
    return {
        "dagster/row_count": dg.MetadataValue.int(built.row_count),
        "dagster/column_schema": column_schema(built.model.name, built.columns, meanings),
        "schema": dg.MetadataValue.text(built.model.schema),
        "preview": dg.MetadataValue.md(
            markdown_table([name for name, _ in built.columns], built.first_rows)
        ),
    }
