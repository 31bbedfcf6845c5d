"""The five decks as PDFs, beside bad files and a PDF deck whose table prints one changed figure:
every good deck publishes in full, the changed deck is held back naming its figure and page, and
the run says so with exit code 3. Deck 004's reviewed slip matches its exception as PDF too."""

from __future__ import annotations

import shutil

import pytest

from pipelines.cli import HELD_BACK_EXIT
from tests.integration.inboxes import SOURCES, make_pipeline
from tests.pdf_fixtures.bad_files import encrypted_pdf, random_bytes_pdf, truncated_pdf
from tests.pdf_fixtures.cache import rendered_deck

CHANGED = "001_changed.pdf"


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    base = tmp_path_factory.mktemp("pdf_containment")
    pipeline = make_pipeline(base)
    for deck in SOURCES:
        (pipeline.inbox / deck.name).unlink()
        shutil.copy(rendered_deck(deck, "ruled"), pipeline.inbox / f"{deck.stem}.pdf")
    changed_text = base / "001_changed.txt"
    changed_text.write_text(
        SOURCES[1].read_text(encoding="utf-8").replace(
            "Equipment Sales\t531\t", "Equipment Sales\t931\t"
        ),
        encoding="utf-8",
    )
    shutil.copy(rendered_deck(changed_text, "ruled"), pipeline.inbox / CHANGED)
    random_bytes_pdf(pipeline.inbox / "random.pdf")
    truncated_pdf(pipeline.inbox / "truncated.pdf")
    encrypted_pdf(pipeline.inbox / "locked.pdf")
    (pipeline.inbox / "empty.txt").write_bytes(b"")
    return pipeline, pipeline.cli("run")


def test_every_good_pdf_deck_publishes_and_the_changed_one_is_held_back(outcome):
    pipeline, completed = outcome
    assert completed.returncode == HELD_BACK_EXIT, completed.stdout + completed.stderr
    statuses = dict(pipeline.query("select source_file, status from marts.dim_document"))
    assert {name: statuses[f"{deck.stem}.pdf"] for deck in SOURCES for name in [deck.stem]} == {
        deck.stem: "ok" for deck in SOURCES
    }
    assert statuses[CHANGED] == "held_back"
    assert {statuses[name] for name in ("random.pdf", "truncated.pdf", "locked.pdf",
                                         "empty.txt")} == {"error"}
    [(facts,)] = pipeline.query(
        "select count(*) from marts.fact_metric join marts.dim_document using (document_id) "
        "where source_file = ?", [f"{SOURCES[1].stem}.pdf"]
    )
    assert facts == 309  # deck 001's figures, as from its text rendering
    assert f"HELD BACK {CHANGED}" in completed.stdout
    assert f"revenues/equipment_sales FY2004-Q1 printed 931 ({CHANGED} page" in completed.stdout


def test_deck_004_s_slip_is_a_reviewed_warning_as_pdf(outcome):
    pipeline, _ = outcome
    [(status, severity)] = pipeline.query(
        "select status, severity from marts.check_results where check_name = 'ratio_identities' "
        "and metric_id = 'sga_rnd' and period_id = 'FY2008-Q3' and status <> 'pass'"
    )
    assert (status, severity) == ("warn", "warning")
