"""Bad input loses nothing: the five decks beside files no reader can use, run through the whole
pipeline once. Each bad file is a document in error in the warehouse (dim_document and a
quarantine row) and a warning of the extraction run naming the file and the reason; every good
deck still publishes every hand-read figure."""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from tests.integration.inboxes import (
    SOURCES,
    Pipeline,
    assert_hand_read_figures_published,
    make_pipeline,
    run_messages,
    run_pipeline,
)
from tests.pdf_fixtures.bad_files import (
    encrypted_pdf,
    random_bytes_pdf,
    scanned_pdf,
    truncated_pdf,
)
from warehousing.inbox import NOT_AN_IIJ_DECK
from warehousing.limits import BYTES_PER_MB

MAX_DOCUMENT_MB = 2
DOCUMENT_MEMORY_MB = 300
DECK_1H07, DECK_1H12 = SOURCES[0], SOURCES[3]
WINDOWS_COPY = "1H07 deck (Windows-1252, CRLF).txt"
DUPLICATE = "1H12 deck again.txt"
# file -> the reason its dim_document error gives after "<file>: "
BAD_FILES = {
    "empty.txt": "empty file",
    "random.pdf": "not a PDF",
    "truncated.pdf": "truncated",
    "locked.pdf": "encrypted PDF: password-protected",
    "scanned.pdf": "no text layer",
    "oversized.pdf": f"file is 100.0 MB, over the {MAX_DOCUMENT_MB} MB limit",
    "huge-page.pdf": f"extraction stopped at \\d+ MB of memory, over its {DOCUMENT_MEMORY_MB} MB",
    "other-company.txt": re.escape(NOT_AN_IIJ_DECK),
    "wide-row.txt": "line 3 has 100,000 cells, over the limit of 1,000 per row: not read",
}
# inbox entries -> where they point: links out of the inbox, never read
PASSWD = Path("/etc/passwd")
LINKS_OUT = {"passwd.txt": PASSWD, "environ.txt": Path("/proc/self/environ")}
OUTSIDE_DECK = "outside-deck.txt"
OUTSIDE_MARK = "Revenues printed outside the inbox"
# A file name that would clear the screen and turn it red if printed raw.
SCREEN_CLEARING = "clear\x1b[2J\x1b[31mred.txt"


def huge_page_pdf(target, rows: int = 600, columns: int = 60):
    """One 200-inch page packed with 36,000 figures: parsing it takes half a gigabyte."""
    canvas = Canvas(str(target), pagesize=(14400, 14400), invariant=1)
    canvas.setFont("Helvetica", 8)
    canvas.drawString(20, 14380, "Internet Initiative Japan Inc.")
    for row in range(rows):
        for column in range(columns):
            canvas.drawString(20 + column * 235, 14350 - row * 23, f"{row * columns + column:,}")
    canvas.save()


def other_company_deck(target) -> None:
    """The 1H07 deck as another issuer would print it: IIJ-like tables, another name."""
    text = DECK_1H07.read_text(encoding="utf-8")
    text = re.sub(r"Internet Initiative Japan( Inc\.)?", "Example Networks Corp.", text)
    target.write_text(re.sub(r"\bIIJ", "ENC", text), encoding="utf-8")


def windows_copy(target) -> None:
    """The 1H07 deck saved by a Windows editor: Windows-1252 bytes (its dashes and quotes are not
    UTF-8 then) and CRLF line ends; its bullet, which Windows-1252 lacks, became a dot."""
    text = DECK_1H07.read_text(encoding="utf-8").replace("◆", "•")
    target.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))


@dataclass(frozen=True)
class Outcome:
    pipeline: Pipeline
    seconds: float


@pytest.fixture(scope="module")
def outcome(tmp_path_factory) -> Outcome:
    pipeline = make_pipeline(
        tmp_path_factory.mktemp("bad_input"),
        env={
            "IIJ_MAX_DOCUMENT_MB": str(MAX_DOCUMENT_MB),
            "IIJ_DOCUMENT_MEMORY_MB": str(DOCUMENT_MEMORY_MB),
            "IIJ_DOCUMENT_TIMEOUT_S": "120",
        },
    )
    inbox = pipeline.inbox
    (inbox / "empty.txt").write_bytes(b"")
    random_bytes_pdf(inbox / "random.pdf")
    truncated_pdf(inbox / "truncated.pdf")
    encrypted_pdf(inbox / "locked.pdf")
    scanned_pdf(inbox / "scanned.pdf")
    with (inbox / "oversized.pdf").open("wb") as oversized:
        oversized.truncate(100 * BYTES_PER_MB)
    huge_page_pdf(inbox / "huge-page.pdf")
    other_company_deck(inbox / "other-company.txt")
    windows_copy(inbox / WINDOWS_COPY)
    shutil.copy(DECK_1H12, inbox / DUPLICATE)
    (inbox / "wide-row.txt").write_text(
        "Internet Initiative Japan Inc.\n\nRevenues\t" + "\t".join(["1,234"] * 99_999) + "\n"
    )
    (inbox / SCREEN_CLEARING).write_text("a note, not a deck\n")
    for name, target in LINKS_OUT.items():
        (inbox / name).symlink_to(target)
    # An IIJ deck outside the inbox, linked from it: none of its figures may be published.
    outside = inbox.parent / OUTSIDE_DECK
    outside.write_text(
        DECK_1H07.read_text(encoding="utf-8").replace("Total Revenues", f"Total {OUTSIDE_MARK}")
    )
    (inbox / OUTSIDE_DECK).symlink_to(outside)
    started = time.monotonic()
    return Outcome(run_pipeline(pipeline), time.monotonic() - started)


def documents(pipeline: Pipeline) -> dict[str, tuple]:
    rows = pipeline.query(
        "select source_file, document_id, status, error, facts from marts.dim_document"
    )
    return {row[0]: row[1:] for row in rows}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_a_document_in_error_named_in_the_warehouse_and_the_run_log(outcome, name):
    pipeline = outcome.pipeline
    document_id, status, error, facts = documents(pipeline)[name]
    assert (status, facts) == ("error", 0)
    assert re.fullmatch(f"{re.escape(name)}: {BAD_FILES[name]}.*", error), error
    [(reason,)] = pipeline.query(
        "select reason from marts.quarantine where document_id = ? and locator = ?",
        [document_id, "whole document"],
    )
    assert reason == error
    assert ("WARNING", f"not read, staged with status error: {error}") in run_messages(
        pipeline, "extract_documents_job"
    )
    assert f"{name:<32} not read: {error}" in pipeline.first_output


@pytest.mark.parametrize("name", [*LINKS_OUT, OUTSIDE_DECK])
def test_a_link_out_of_the_inbox_is_named_and_nothing_of_its_target_is_published(outcome, name):
    pipeline = outcome.pipeline
    assert name not in documents(pipeline)
    reason = f"{name}: a symbolic link to a file outside the inbox: not followed, not read"
    assert f"not read: {reason}" in pipeline.first_output.splitlines()
    assert ("WARNING", f"not read: {reason}") in run_messages(pipeline, "extract_documents_job")
    # Nothing of what the links point to reached the warehouse: not a line, not a hash.
    outside = pipeline.inbox.parent / OUTSIDE_DECK
    hashes = {hashlib.sha256(path.read_bytes()).hexdigest() for path in (outside, PASSWD)}
    assert not hashes & {sha for (sha,) in pipeline.query("select sha256 from marts.dim_document")}
    for table in ("fact_metric", "quarantine"):
        [(leaked,)] = pipeline.query(
            f"select count(*) from marts.{table} as row where row::varchar like '%root:%' "
            "or row::varchar like '%PATH=%' or row::varchar like ?",
            [f"%{OUTSIDE_MARK}%"],
        )
        assert leaked == 0, table


def test_a_file_name_with_escape_sequences_is_printed_escaped_and_kept_as_it_is(outcome):
    pipeline = outcome.pipeline
    assert "\x1b" not in pipeline.first_output
    printed = r"clear\x1b[2J\x1b[31mred.txt"
    assert f"{printed:<32} not read: {printed}: {NOT_AN_IIJ_DECK}" in pipeline.first_output
    # The warehouse keeps the name as it is.
    _, status, error, _ = documents(pipeline)[SCREEN_CLEARING]
    assert (status, error) == ("error", f"{SCREEN_CLEARING}: {NOT_AN_IIJ_DECK}")


def test_every_good_deck_still_publishes_every_hand_read_figure(outcome):
    pipeline = outcome.pipeline
    assert_hand_read_figures_published(pipeline)
    statuses = {name: row[1] for name, row in documents(pipeline).items()}
    assert {name: statuses[name] for name in (*(s.name for s in SOURCES), WINDOWS_COPY)} == {
        name: "ok" for name in (*(s.name for s in SOURCES), WINDOWS_COPY)
    }


def test_the_huge_page_cost_bounded_time(outcome):
    # the page alone takes over 20 s and 480 MB to parse; the memory limit stops it early
    assert outcome.seconds < 240


def test_a_windows_1252_crlf_copy_publishes_the_same_facts_as_the_utf8_original(outcome):
    pipeline = outcome.pipeline
    by_name = documents(pipeline)

    def facts(name: str) -> list[tuple]:
        return pipeline.query(
            "select * exclude (document_id) from marts.fact_metric where document_id = ? "
            "order by all",
            [by_name[name][0]],
        )

    assert by_name[WINDOWS_COPY][0] != by_name[DECK_1H07.name][0]
    assert len(facts(DECK_1H07.name)) > 100
    assert facts(WINDOWS_COPY) == facts(DECK_1H07.name)


def test_a_byte_identical_copy_is_one_document_noted_with_both_names(outcome):
    pipeline = outcome.pipeline
    by_name = documents(pipeline)
    assert DUPLICATE not in by_name
    document_id, status, _, facts = by_name[DECK_1H12.name]
    assert status == "ok" and facts > 100
    [(count,)] = pipeline.query(
        "select count(*) from marts.fact_metric where document_id = ?", [document_id]
    )
    assert count == facts
    assert pipeline.query(
        "select raw_text, reason from marts.quarantine where document_id = ? and table_id = ?",
        [document_id, "file"],
    ) == [
        (DUPLICATE, f"byte-identical copy of {DECK_1H12.name}: the same document, counted once")
    ]
