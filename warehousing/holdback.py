"""What a build without held-back documents reads: the last good publish's documents, and the
staged files of a build that leaves some documents out or keeps their last good version.

Staged extracts are keyed by document id, the hash of the file's content, and never deleted: the
extract of a published version of a file survives when the file changes in place, so that
version can be built again while its new version is held back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from extraction.closed_vocabularies import HELD_BACK
from warehousing.inbox import Inbox
from warehousing.staging import (
    BuildInputs,
    build_inputs,
    cells_path,
    document_path,
    write_build_inputs,
)


@dataclass(frozen=True)
class LastGoodPublish:
    """The documents of the published warehouse: every one it holds (ok or in error), and the
    source file of each published in full."""

    documents: frozenset[str]
    published_files: Mapping[str, str]  # document id -> source file, status ok


NOTHING_PUBLISHED = LastGoodPublish(frozenset(), {})


def last_good_publish(warehouse_path: Path) -> LastGoodPublish:
    """The documents of the warehouse published at `warehouse_path` (none when there is none)."""
    if not warehouse_path.is_file():
        return NOTHING_PUBLISHED
    with duckdb.connect(str(warehouse_path), read_only=True) as connection:
        rows = connection.execute(
            "select document_id, source_file, status from marts.dim_document"
        ).fetchall()
    return LastGoodPublish(
        documents=frozenset(document for document, _, status in rows if status != HELD_BACK),
        published_files={document: name for document, name, status in rows if status == "ok"},
    )


def contained_inputs(
    inbox: Inbox,
    documents_dir: Path,
    build_dir: Path,
    held_back: Mapping[str, str],
    last_good: LastGoodPublish,
) -> BuildInputs:
    """The inputs of a build of the inbox without the `held_back` documents (id -> why), where a
    held-back new version of a published file brings that file's last good version back in."""
    inputs = build_inputs(inbox, documents_dir, build_dir)
    names = inbox.file_names
    file_names = {document: names[document] for document in inputs.document_ids}
    built = set(file_names)
    for document in held_back:
        for name in file_names.get(document, []):
            file_names.update(
                (previous, [name])
                for previous, published_name in last_good.published_files.items()
                if published_name == name and previous not in built
                and _is_staged(documents_dir, previous)
            )
    return write_build_inputs(
        file_names, documents_dir, build_dir, pending=inputs.pending, held_back=held_back
    )


def _is_staged(documents_dir: Path, document_id: str) -> bool:
    return (
        cells_path(documents_dir, document_id).is_file()
        and document_path(documents_dir, document_id).is_file()
    )
