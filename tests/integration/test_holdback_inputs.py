"""The inputs of a build that holds a document back: a held-back new version of a published file
brings back the last good version's staged extract under the file's name, and keeps a row of its
own with status held_back and the reason, without its cells."""

import shutil

import pyarrow.parquet as pq

from tests.checks.warehouse import CONTRACT, DOC_1H07, DOC_2Q06, SOURCES
from warehousing.holdback import LastGoodPublish, contained_inputs
from warehousing.inbox import list_inbox, scan_inbox
from warehousing.limits import ExtractionLimits
from warehousing.reading import load_vocabulary
from warehousing.staging import cells_path, stage_document


def stage_inbox(inbox, documents_dir):
    for document_id, path in list_inbox(inbox).items():
        stage_document(path, document_id, vocabulary=load_vocabulary(CONTRACT),
                       documents_dir=documents_dir, limits=ExtractionLimits())
    return {path.name: document_id for document_id, path in list_inbox(inbox).items()}


def test_a_held_back_new_version_brings_back_the_published_one(tmp_path):
    inbox, documents_dir = tmp_path / "inbox", tmp_path / "documents"
    inbox.mkdir()
    for name in (DOC_1H07, DOC_2Q06):
        shutil.copy(SOURCES / name, inbox / name)
    published = stage_inbox(inbox, documents_dir)
    changed = inbox / DOC_2Q06
    changed.write_text(changed.read_text(encoding="utf-8").replace("\t531\t", "\t931\t"), "utf-8")
    current = stage_inbox(inbox, documents_dir)
    last_good = LastGoodPublish(
        documents=frozenset(published.values()),
        published_files={document: name for name, document in published.items()},
    )
    inputs = contained_inputs(
        scan_inbox(inbox), documents_dir, tmp_path / "build",
        held_back={current[DOC_2Q06]: "931 does not add up"}, last_good=last_good,
    )
    assert sorted(inputs.document_ids) == sorted([published[DOC_1H07], published[DOC_2Q06]])
    assert str(cells_path(documents_dir, current[DOC_2Q06])) not in inputs.cell_files
    [documents_file] = inputs.document_files
    rows = {
        row["document_id"]: (row["source_file"], row["status"], row["error"])
        for row in pq.read_table(documents_file).to_pylist()
    }
    assert rows == {
        published[DOC_1H07]: (DOC_1H07, "ok", None),
        published[DOC_2Q06]: (DOC_2Q06, "ok", None),
        current[DOC_2Q06]: (DOC_2Q06, "held_back", "931 does not add up"),
    }
