"""The inbox reads regular files of its own folder only, and one bad entry never stops the others:
links out of the inbox are reported and never opened, special files and directories with a
document's name are reported by name with a reason, a file that keeps changing while it is read
is reported, and a document that changed after a run was requested does not fail the run."""

import os
import shutil
import socket
from pathlib import Path

import dagster as dg
import pytest

from assets.resources import WarehouseResource
from assets.sources import document_extracts, documents_partitions
from pipelines.partitions import partitions_run_request, run_tags
from warehousing.inbox import (
    NotARegularFile,
    RejectedFile,
    file_sha256,
    read_inbox_document,
    read_regular,
    scan_inbox,
)
from warehousing.limits import ExtractionLimits
from warehousing.reading import load_vocabulary
from warehousing.staging import read_staged, stage_document

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "sources").glob("*.txt"))
OUTSIDE = "a symbolic link to a file outside the inbox: not followed, not read"


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SOURCES[0], folder / SOURCES[0].name)
    return folder


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """Every path this process opens with os.open (the inbox opens files only so)."""
    paths: list[str] = []
    real_open = os.open

    def recording_open(path, *arguments, **keywords):
        paths.append(os.fspath(path))
        return real_open(path, *arguments, **keywords)

    monkeypatch.setattr(os, "open", recording_open)
    return paths


def test_links_out_of_the_inbox_are_reported_and_never_opened(tmp_path, inbox, opened):
    secret = tmp_path / "secret.txt"
    secret.write_text("Internet Initiative Japan\nnot for the warehouse\t1\n")
    (inbox / "passwd.txt").symlink_to("/etc/passwd")
    (inbox / "environ.txt").symlink_to("/proc/self/environ")
    (inbox / "secret.txt").symlink_to(secret)
    (inbox / "relative.txt").symlink_to(Path("..") / "secret.txt")

    scanned = scan_inbox(inbox)

    assert [file.name for file in scanned.files] == [SOURCES[0].name]
    assert scanned.rejected == tuple(
        RejectedFile(name, OUTSIDE)
        for name in ("environ.txt", "passwd.txt", "relative.txt", "secret.txt")
    )
    assert all(Path(path).parent == inbox for path in opened), opened
    # Staging one of them (its id known from before it became a link) reads nothing either.
    with pytest.raises(NotARegularFile, match=OUTSIDE):
        read_inbox_document(inbox / "passwd.txt", max_document_mb=50, max_pages=200)
    assert not any(path in ("/etc/passwd", str(secret)) for path in opened)


def test_a_link_inside_the_inbox_is_the_document_it_links_to(inbox):
    (inbox / "latest.txt").symlink_to(SOURCES[0].name)
    scanned = scan_inbox(inbox)
    assert scanned.rejected == ()
    assert [file.name for file in scanned.files] == [SOURCES[0].name, "latest.txt"]
    assert scanned.files[0].document_id == scanned.files[1].document_id
    assert scanned.file_names == {scanned.files[0].document_id: [SOURCES[0].name, "latest.txt"]}


def test_special_files_directories_and_broken_links_are_reported_by_name(tmp_path, inbox):
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "folder.pdf").mkdir()
    (inbox / "dangling.pdf").symlink_to("nowhere.pdf")
    (inbox / "loop-a.txt").symlink_to("loop-b.txt")
    (inbox / "loop-b.txt").symlink_to("loop-a.txt")
    (inbox / "to-folder.txt").symlink_to("folder.pdf")
    with socket.socket(socket.AF_UNIX) as server:
        # A socket's path is short: bind it in the inbox by a relative name.
        cwd = os.getcwd()
        os.chdir(inbox)
        try:
            server.bind("socket.txt")
        finally:
            os.chdir(cwd)
        scanned = scan_inbox(inbox)
    assert [file.name for file in scanned.files] == [SOURCES[0].name]
    assert {entry.name: entry.reason for entry in scanned.rejected} == {
        "dangling.pdf": "a dangling symbolic link: not read",
        "folder.pdf": "a directory, not a document: not read",
        "loop-a.txt": "a symbolic link loop: not read",
        "loop-b.txt": "a symbolic link loop: not read",
        "pipe.txt": "a FIFO (named pipe), not a regular file: not read",
        "socket.txt": "a socket, not a regular file: not read",
        "to-folder.txt": "a directory, not a document: not read",
    }


def test_a_file_that_changes_while_it_is_read_is_read_again_once_then_reported(inbox):
    deck = inbox / SOURCES[0].name
    reads = []

    def growing(handle):
        reads.append(handle.read())
        if len(reads) < limit:
            with deck.open("ab") as more:
                more.write(b"\n")
        return reads[-1]

    limit = 2  # changes during the first read only: the second read is kept
    assert read_regular(deck, growing) == deck.read_bytes()
    assert len(reads) == 2
    reads.clear()
    limit = 3  # changes during both reads: reported
    with pytest.raises(NotARegularFile, match="changed while it was read, twice"):
        read_regular(deck, growing)
    assert len(reads) == 2


def test_a_document_replaced_by_a_link_after_it_was_listed_is_staged_in_error(tmp_path, inbox):
    deck = inbox / SOURCES[0].name
    document_id = scan_inbox(inbox).files[0].document_id
    deck.unlink()
    deck.symlink_to("/etc/passwd")
    staged = stage_document(
        deck, document_id, vocabulary=load_vocabulary(ROOT / "contract"),
        documents_dir=tmp_path / "documents",
        limits=ExtractionLimits(max_document_mb=50, max_pages=200),
    )
    assert (staged.status, staged.error) == ("error", f"{deck.name}: {OUTSIDE}")
    assert read_staged(tmp_path / "documents", document_id).cells == []
    assert staged.document_id == document_id
    assert file_sha256(SOURCES[0])[:16] == document_id


def test_a_document_changed_after_its_run_was_requested_does_not_fail_the_others(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first, second = (Path(shutil.copy(source, inbox / source.name)) for source in SOURCES[:2])
    warehouse = WarehouseResource(
        sources_dir=str(inbox),
        warehouse_path=str(tmp_path / "warehouse" / "iij.duckdb"),
        staging_dir=str(tmp_path / "staging"),
        contract_dir=str(ROOT / "contract"),
        max_document_mb=50,
        max_pages=200,
    )
    keys = [file.document_id for file in scan_inbox(inbox).files]
    # Being copied in again when the run starts: its bytes, so its id, are not those listed.
    with first.open("a", encoding="utf-8") as changing:
        changing.write("\nmore text\n")
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(documents_partitions.name, keys)
        result = dg.materialize(
            [document_extracts],
            instance=instance,
            resources={"warehouse": warehouse},
            tags=run_tags(partitions_run_request(keys)),
        )
        assert result.success
        messages = [entry.user_message for entry in instance.all_logs(result.run_id)]
    stale, unchanged = keys
    assert (
        f"documents ['{stale}'] are no longer in the inbox {inbox} (changed or removed since "
        "this run was requested): not staged"
    ) in messages
    staged = read_staged(warehouse.layout.documents_dir, unchanged)
    assert (staged.source_file, staged.status) == (second.name, "ok") and staged.facts > 100
