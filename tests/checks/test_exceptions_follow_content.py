"""A reviewed exception names what was printed, not the file: the text and the PDF rendering of
deck 004 match the same exception (its SG&A 14.4% of revenues slip), and the same figures
printed differently match nothing, so the exception is reported stale."""

import shutil

import pytest

from checks import run_all
from checks.results import FAIL, WARN, WARNING
from checks.runner import REVIEWED_EXCEPTIONS
from tests.checks.warehouse import DOC_3Q08, SOURCES, stage_and_build
from tests.pdf_fixtures.cache import rendered_deck


def build_from_files(workdir, files):
    inbox = workdir / "inbox"
    inbox.mkdir(parents=True)
    for name, path in files.items():
        shutil.copy(path, inbox / name)
    return stage_and_build(workdir, inbox)


def sga_ratio(results):
    return [
        result for result in results
        if (result.check_name, result.metric_id, result.period_id)
        == ("ratio_identities", "sga_rnd", "FY2008-Q3")
        and result.status != "pass"
    ]


@pytest.mark.parametrize("rendering", ["text", "pdf"])
def test_deck_004_s_slip_matches_its_reviewed_exception_as_text_and_as_pdf(tmp_path, rendering):
    source = SOURCES / DOC_3Q08
    path = source if rendering == "text" else rendered_deck(source, "ruled")
    # under a new name, too: the exception names the deck by its title and date
    connection = build_from_files(tmp_path, {f"renamed_deck.{path.suffix[1:]}": path})
    results = run_all(connection, tmp_path / "docs", REVIEWED_EXCEPTIONS)
    [slip] = sga_ratio(results)
    assert (slip.status, slip.severity) == (WARN, WARNING)
    assert slip.printed_figures == ("14.4%", "2.6", "17.5")
    assert "renamed_deck" in slip.message
    assert not [result for result in results if result.check_name == "reviewed_exceptions"]


def test_other_printed_figures_match_no_exception_and_the_exception_is_reported_stale(tmp_path):
    text = (SOURCES / DOC_3Q08).read_text(encoding="utf-8")
    assert "\t14.4%" in text
    changed = tmp_path / "changed.txt"
    changed.write_text(text.replace("\t14.4%", "\t14.3%", 1), encoding="utf-8")
    connection = build_from_files(tmp_path / "build", {DOC_3Q08: changed})
    results = run_all(connection, tmp_path / "docs", REVIEWED_EXCEPTIONS)
    [slip] = sga_ratio(results)
    assert (slip.status, slip.printed_figures[0]) == (FAIL, "14.3%")
    [stale] = [result for result in results if result.check_name == "reviewed_exceptions"]
    assert "printed 14.4%; 2.6; 17.5" in stale.message
