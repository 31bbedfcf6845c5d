"""Hand-written table lines interpreted as if a deck printed them."""

from dataclasses import replace
from pathlib import Path

from extraction.interpret import DocumentExtract, interpret_document
from extraction.text_reader import split_tables
from extraction.vocabulary import Vocabulary
from warehousing.reading import read_document


def interpret_lines(lines: list[str], vocabulary: Vocabulary, host: Path) -> DocumentExtract:
    """The extract of `lines` (tables as tab-separated lines) as the tables and text of the deck
    at `host`, which gives the document its title and date."""
    document = replace(
        read_document(host), tables=tuple(split_tables(lines)), text_lines=tuple(lines)
    )
    return interpret_document(document, vocabulary)
