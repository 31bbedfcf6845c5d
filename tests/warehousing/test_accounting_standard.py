"""The accounting standard a deck states reaches `marts.dim_document`: staged with the document,
built through the SQL models, null where the deck names none."""

import shutil

import duckdb
import pyarrow.parquet as pq

from tests.warehousing.test_staging import SOURCE, stage
from warehousing.inbox import scan_inbox
from warehousing.project import CONTRACT_DIR, PROJECT_ROOT
from warehousing.sql_models import build_models, load_models
from warehousing.staging import build_inputs, document_path

IFRS_DECK = PROJECT_ROOT / "tests" / "fixtures" / "eras" / "fy2022_ifrs.txt"
US_GAAP_DECK = PROJECT_ROOT / "tests" / "fixtures" / "eras" / "fy2009_full_year.txt"


def built_standards(tmp_path, vocabulary, decks, before_the_column=()):
    """Stage the decks as the pipeline does (those in `before_the_column` as a build of before
    the column would have left them), build every model, return source file -> standard."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    documents_dir = tmp_path / "documents"
    for deck in decks:
        shutil.copy(deck, inbox / deck.name)
        staged = stage(inbox / deck.name, tmp_path, vocabulary)
        if deck in before_the_column:
            doc_file = document_path(documents_dir, staged.document_id)
            old = pq.read_table(doc_file).drop_columns(["accounting_standard"])
            pq.write_table(old, doc_file)
    inputs = build_inputs(scan_inbox(inbox), documents_dir, tmp_path / "build")
    parameters = {
        "cell_files": inputs.cell_files,
        "document_files": inputs.document_files,
        "metrics_csv": str(CONTRACT_DIR / "metrics.csv"),
        "segments_csv": str(CONTRACT_DIR / "segments.csv"),
    }
    with duckdb.connect() as connection:
        for _ in build_models(connection, load_models(), parameters):
            pass
        return dict(
            connection.execute(
                "select source_file, accounting_standard from marts.dim_document"
            ).fetchall()
        )


def test_an_ifrs_deck_is_recorded_ifrs_and_a_deck_naming_none_null(tmp_path, vocabulary):
    # fy2022_ifrs.txt says its figures are IFRS; the shipped FY2012 deck names no standard.
    assert built_standards(tmp_path, vocabulary, [IFRS_DECK, US_GAAP_DECK, SOURCE]) == {
        IFRS_DECK.name: "IFRS",
        US_GAAP_DECK.name: "US GAAP",
        SOURCE.name: None,
    }


def test_a_document_staged_before_the_column_builds_with_none(tmp_path, vocabulary):
    standards = built_standards(
        tmp_path, vocabulary, [IFRS_DECK, US_GAAP_DECK], before_the_column=[US_GAAP_DECK]
    )
    assert standards == {IFRS_DECK.name: "IFRS", US_GAAP_DECK.name: None}
