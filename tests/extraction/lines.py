"""Hand-written table lines interpreted as if a deck printed them."""

from dataclasses import replace
from pathlib import Path

from extraction.interpret import DocumentExtract, interpret_document
from extraction.model import RawDocument
from extraction.text_reader import split_tables
from extraction.vocabulary import Vocabulary
from warehousing.reading import read_document


def with_lines(document: RawDocument, lines: list[str]) -> RawDocument:
    """The document with `lines` (tables as tab-separated lines) for its tables and text."""
    return replace(document, tables=tuple(split_tables(lines)), text_lines=tuple(lines))


def interpret_lines(lines: list[str], vocabulary: Vocabulary, host: Path) -> DocumentExtract:
    """The extract of `lines` as the tables and text of the deck at `host`, which gives the
    document its title and date."""
    return interpret_document(with_lines(read_document(host), lines), vocabulary)
