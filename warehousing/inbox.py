"""The inbox: a folder of source documents, each known by the id of its content."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from extraction.document_meta import ISSUER_NAME
from extraction.model import DocumentError, RawDocument, document_id_for
from warehousing.limits import BYTES_PER_MB
from warehousing.reading import is_source_document, read_document

NOT_AN_IIJ_DECK = (
    "never names Internet Initiative Japan or IIJ: not an IIJ deck, nothing of it is published"
)


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass(frozen=True)
class InboxFile:
    """One source file of the inbox, with what identifies its bytes without reading them again."""

    name: str
    size: int
    mtime_ns: int
    document_id: str


@dataclass(frozen=True)
class Inbox:
    """The source files of an inbox folder, in file-name order."""

    folder: Path
    files: tuple[InboxFile, ...]

    @property
    def documents(self) -> dict[str, Path]:
        """Each document once, by id: two files with the same bytes are one document, and the
        first name wins."""
        documents: dict[str, Path] = {}
        for file in self.files:
            documents.setdefault(file.document_id, self.folder / file.name)
        return documents

    @property
    def file_names(self) -> dict[str, list[str]]:
        """Every name each document has in the inbox, the first one first."""
        names: dict[str, list[str]] = {}
        for file in self.files:
            names.setdefault(file.document_id, []).append(file.name)
        return names


def scan_inbox(
    folder: Path, known: Iterable[InboxFile] = (), settled_before: float | None = None
) -> Inbox:
    """The source documents (*.txt, *.pdf) of an inbox folder.

    Other files (README.md, hidden editor files) are not documents. A file whose name, size and
    modification time are those of a `known` file keeps that file's id without being read again,
    so that watching a large inbox does not hash every file on every look. With
    `settled_before` (a `time.time()`), a file modified after it may still be being copied: it
    keeps the id it had in `known`, or is left out until it settles.
    """
    by_name = {file.name: file for file in known}
    files = []
    for path in sorted(folder.iterdir()):
        if not is_source_document(path) or path.name.startswith("."):
            continue
        try:
            status = path.stat()
        except FileNotFoundError:
            continue  # removed while the folder was being listed
        seen = by_name.get(path.name)
        unchanged = seen and (seen.size, seen.mtime_ns) == (status.st_size, status.st_mtime_ns)
        unsettled = settled_before is not None and status.st_mtime > settled_before
        if unchanged or (seen and unsettled):
            files.append(seen)
            continue
        if unsettled:
            continue
        document_id = document_id_for(file_sha256(path))
        files.append(InboxFile(path.name, status.st_size, status.st_mtime_ns, document_id))
    return Inbox(folder, tuple(files))


def list_inbox(folder: Path) -> dict[str, Path]:
    """Source documents of an inbox folder by document id, in file-name order (see `Inbox`)."""
    return scan_inbox(folder).documents


@dataclass(frozen=True)
class InboxChanges:
    """How the documents of an inbox differ from the documents known before."""

    added: tuple[str, ...]
    removed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


def compare_inbox(known: Sequence[str], inbox: Iterable[str]) -> InboxChanges:
    """New documents (a new file, or a file whose bytes changed) in inbox order, and the known
    documents that left the inbox (removed, or changed into another document) in known order.

    A renamed file or a copy under another name has a known id: it changes nothing.
    """
    current = list(dict.fromkeys(inbox))
    known_ids = set(known)
    present = set(current)
    return InboxChanges(
        added=tuple(document_id for document_id in current if document_id not in known_ids),
        removed=tuple(document_id for document_id in known if document_id not in present),
    )


def read_inbox_document(path: Path, *, max_document_mb: float, max_pages: int) -> RawDocument:
    """Read one inbox file, refusing files over the size or page limits."""
    size_mb = path.stat().st_size / BYTES_PER_MB
    if size_mb > max_document_mb:
        raise DocumentError(
            path.name, f"file is {size_mb:.1f} MB, over the {max_document_mb:g} MB limit"
        )
    return read_document(path, max_pages=max_pages)


def ensure_iij_deck(document: RawDocument) -> None:
    """Refuse a deck that never names IIJ: its figures would be published as IIJ's."""
    printed = (
        *document.text_lines,
        *(cell for table in document.tables for row in table.rows for cell in row.cells),
    )
    if not any(ISSUER_NAME.search(text) for text in printed):
        raise DocumentError(document.source_file, NOT_AN_IIJ_DECK)
