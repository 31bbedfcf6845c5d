"""A PDF rendering of a deck yields the same facts as its text rendering, in both table styles,
from the renderer the reader was developed against (reportlab) and from independent ones (fpdf2
variants: other fonts, page sizes, type sizes, spacing, column widths, cell and figure alignment,
header rules and running lines), and PowerPoint-style slides exported by LibreOffice Impress
(tests/pdf_fixtures/pptx_render.py; committed PDFs, as CI has no LibreOffice): tables styled by
fills, not rules, with merged header cells and the unit caption in the header.

Facts are compared as multisets of (metric, segment, period, scenario, measure, value,
decimals). The tables and their context are compared cell by cell in
tests/extraction/test_pdf_reader.py.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extraction.interpret import interpret_document
from extraction.model import RawDocument
from tests.pdf_fixtures.cache import PIP_RENDERERS, rendered_deck, source_documents
from tests.pdf_fixtures.pptx_render import VARIANTS as PPTX_VARIANTS
from tests.pdf_fixtures.pptx_render import fixture_path
from tests.pdf_fixtures.render import STYLES
from warehousing.reading import read_document

ROOT = Path(__file__).resolve().parents[2]
SOURCES = {path.name[:3]: path for path in source_documents()}


def fact_keys(document: RawDocument, vocabulary) -> Counter[tuple]:
    return Counter(
        (f.metric_id, f.segment_id, f.period_id, f.scenario, f.measure, f.value, f.decimals)
        for f in interpret_document(document, vocabulary).facts
    )


def assert_same_facts(source: Path, pdf: Path, vocabulary) -> None:
    from_text = fact_keys(read_document(source), vocabulary)
    from_pdf = fact_keys(read_document(pdf), vocabulary)

    differences = [
        *(f"only from PDF: {key} x{n}" for key, n in sorted((from_pdf - from_text).items())),
        *(f"only from text: {key} x{n}" for key, n in sorted((from_text - from_pdf).items())),
    ]
    assert not differences, "\n".join(differences)
    assert sum(from_text.values()) > 10


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("renderer", PIP_RENDERERS)
@pytest.mark.parametrize("document", sorted(SOURCES))
def test_pdf_facts_equal_text_facts(document, renderer, style, vocabulary):
    source = SOURCES[document]
    assert_same_facts(source, rendered_deck(source, style, renderer=renderer), vocabulary)


@pytest.mark.parametrize("variant", sorted(PPTX_VARIANTS))
@pytest.mark.parametrize("document", sorted(SOURCES))
def test_powerpoint_style_pdf_facts_equal_text_facts(document, variant, vocabulary):
    source = SOURCES[document]
    assert_same_facts(source, fixture_path(source, variant), vocabulary)
