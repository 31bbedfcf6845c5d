"""The inbox: a folder of source documents, each known by the id of its content.

Only regular files of the inbox are read. Every file is opened without following a symbolic
link (O_NOFOLLOW) and checked on its open descriptor; a link is followed only when it resolves
inside the inbox, so a link to /etc/passwd or /proc/self/environ is never opened. Links out of
the inbox, dangling links, link loops, directories and special files (FIFO, socket, device)
with a document's name are reported by name with the reason (`Inbox.rejected`), as is a file
that changed while it was read (twice) or that cannot be read; none stops the listing.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from extraction.document_meta import ISSUER_NAME
from extraction.model import DocumentError, RawDocument, document_id_for
from extraction.readers import SUPPORTED_SUFFIXES, parse_document
from warehousing.limits import BYTES_PER_MB

NOT_AN_IIJ_DECK = (
    "never names Internet Initiative Japan or IIJ: not an IIJ deck, nothing of it is published"
)


T = TypeVar("T")
# Opened read-only, never through a symbolic link, never blocking on a FIFO swapped in.
OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
# A file may be rewritten while it is read: read again once, then report it.
READ_ATTEMPTS = 2
SPECIAL_FILES = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


class NotARegularFile(DocumentError):
    """An inbox entry that is not read: a link out of the inbox, a directory, a special file,
    or a file that kept changing while it was read."""


def regular_file(path: Path) -> Path:
    """The regular file the inbox entry `path` stands for: itself, or the target of a symbolic
    link that resolves inside the inbox. Raises NotARegularFile with the reason otherwise."""
    status = os.lstat(path)  # FileNotFoundError: removed since it was listed
    target = path
    if stat.S_ISLNK(status.st_mode):
        target = _link_target_inside(path)
        status = os.lstat(target)
    if stat.S_ISDIR(status.st_mode):
        raise NotARegularFile(path.name, "a directory, not a document: not read")
    if not stat.S_ISREG(status.st_mode):
        kind = SPECIAL_FILES.get(stat.S_IFMT(status.st_mode), "a special file")
        raise NotARegularFile(path.name, f"{kind}, not a regular file: not read")
    return target


def _link_target_inside(link: Path) -> Path:
    inbox = link.parent.resolve()
    try:
        target = link.resolve(strict=True)
    except FileNotFoundError as exc:
        raise NotARegularFile(link.name, "a dangling symbolic link: not read") from exc
    except (RuntimeError, OSError) as exc:
        # A loop: RuntimeError before Python 3.13, OSError (ELOOP) after.
        raise NotARegularFile(link.name, "a symbolic link loop: not read") from exc
    if not target.is_relative_to(inbox) or target == inbox:
        raise NotARegularFile(
            link.name, "a symbolic link to a file outside the inbox: not followed, not read"
        )
    return target


def read_regular(path: Path, consume: Callable[[BinaryIO], T], max_bytes: int | None = None) -> T:
    """`consume` the bytes of the inbox entry `path`, read as a regular file (see
    `regular_file`), refusing more than `max_bytes`. A file whose size or modification time
    differs after reading is read again once, then refused: it is still being written."""
    target = regular_file(path)
    for _ in range(READ_ATTEMPTS):
        try:
            descriptor = os.open(target, OPEN_FLAGS)
        except OSError as exc:
            reason = "a symbolic link swapped in: not read" if exc.errno == errno.ELOOP else (
                f"cannot read ({exc.strerror})"
            )
            raise NotARegularFile(path.name, reason) from exc
        with os.fdopen(descriptor, "rb") as handle:
            before = os.fstat(descriptor)
            if not stat.S_ISREG(before.st_mode):
                raise NotARegularFile(path.name, "not a regular file: not read")
            if max_bytes is not None and before.st_size > max_bytes:
                raise DocumentError(
                    path.name,
                    f"file is {before.st_size / BYTES_PER_MB:.1f} MB, over the "
                    f"{max_bytes / BYTES_PER_MB:g} MB limit",
                )
            result = consume(handle)
            after = os.fstat(descriptor)
        if (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns):
            return result
    raise NotARegularFile(path.name, "changed while it was read, twice: still being written?")


def file_sha256(path: Path) -> str:
    return read_regular(path, lambda handle: hashlib.file_digest(handle, "sha256").hexdigest())


@dataclass(frozen=True)
class InboxFile:
    """One source file of the inbox, with what identifies its bytes without reading them again."""

    name: str
    size: int
    mtime_ns: int
    document_id: str


@dataclass(frozen=True)
class RejectedFile:
    """An entry of the inbox with a document's name that is not read, and why."""

    name: str
    reason: str

    @property
    def message(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass(frozen=True)
class Inbox:
    """The source files of an inbox folder, in file-name order, and the entries not read."""

    folder: Path
    files: tuple[InboxFile, ...]
    rejected: tuple[RejectedFile, ...] = ()

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
    """The source documents (*.txt, *.pdf) of an inbox folder, and the entries with such a name
    that are not read (see the module's docstring), each with its reason.

    Other files (README.md, hidden editor files) are not documents. A file whose name, size and
    modification time are those of a `known` file keeps that file's id without being read again,
    so that watching a large inbox does not hash every file on every look. With
    `settled_before` (a `time.time()`), a file modified after it may still be being copied: it
    keeps the id it had in `known`, or is left out until it settles.
    """
    by_name = {file.name: file for file in known}
    files: list[InboxFile] = []
    rejected: list[RejectedFile] = []
    for name in sorted(entry.name for entry in os.scandir(folder)):
        if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES or name.startswith("."):
            continue
        try:
            file = _inbox_file(folder / name, by_name.get(name), settled_before)
        except FileNotFoundError:
            continue  # removed while the folder was being listed
        except DocumentError as exc:
            rejected.append(RejectedFile(name, exc.reason))
            continue
        except OSError as exc:
            rejected.append(RejectedFile(name, f"cannot read ({exc.strerror})"))
            continue
        if file:
            files.append(file)
    return Inbox(folder, tuple(files), tuple(rejected))


def _inbox_file(
    path: Path, seen: InboxFile | None, settled_before: float | None
) -> InboxFile | None:
    """The entry as an inbox file (None while it may still be being copied)."""
    status = os.stat(regular_file(path))
    unchanged = seen and (seen.size, seen.mtime_ns) == (status.st_size, status.st_mtime_ns)
    unsettled = settled_before is not None and status.st_mtime > settled_before
    if unchanged or (seen and unsettled):
        return seen
    if unsettled:
        return None
    document_id = document_id_for(file_sha256(path))
    return InboxFile(path.name, status.st_size, status.st_mtime_ns, document_id)


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
    """Read one inbox file as a regular file of the inbox, refusing files over the size or page
    limits."""
    data = read_regular(
        path, lambda handle: handle.read(), max_bytes=int(max_document_mb * BYTES_PER_MB)
    )
    return parse_document(data, path.name, max_pages=max_pages)


def ensure_iij_deck(document: RawDocument) -> None:
    """Refuse a deck that never names IIJ: its figures would be published as IIJ's."""
    printed = (
        *document.text_lines,
        *(cell for table in document.tables for row in table.rows for cell in row.cells),
    )
    if not any(ISSUER_NAME.search(text) for text in printed):
        raise DocumentError(document.source_file, NOT_AN_IIJ_DECK)
