"""Run the PDF reader's table detection on every PDF of a folder; write the scorer's predictions.

    .venv/bin/python -m benchmarks.icdar2013 PDF_DIR --predictions OUT.json
    python3 ../shared/benchmarks/icdar2013/score.py --dataset PDF_DIR --predictions OUT.json

Each table the reader finds on a page becomes one prediction: its page (1-based), its box in
pdfplumber's frame and its rows of cell texts, as the reader gives them to the interpreter.
Tables are taken per page (before a table continued on the next page is joined to its first
part), since the scorer matches tables page by page. `--baseline pdfplumber` writes pdfplumber's
default `find_tables()` instead, and `--baseline camelot-lattice` / `camelot-stream` Camelot's
(the `benchmark` extra), so that all readers go through the same scorer; `pdfplumber-words`
finds no tables but times pdfplumber's bare `extract_words` pass, the speed floor.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from extraction.model import DocumentError
from extraction.pdf_reader import check_pdf_bytes, read_layouts

Prediction = dict
Reader = Callable[[Path], list[Prediction]]


def our_reader(pdf: Path) -> list[Prediction]:
    data = pdf.read_bytes()
    check_pdf_bytes(data, pdf.name)
    return [
        {
            "page": layout.number,
            "bbox": [table.x0, table.top, table.x1, table.bottom],
            "rows": [list(row) for row in table.rows],
        }
        for layout in read_layouts(data, pdf.name, None)
        for table in layout.tables
    ]


def pdfplumber_reader(pdf: Path) -> list[Prediction]:
    with pdfplumber.open(pdf) as document:
        return [
            {
                "page": page.page_number,
                "bbox": list(table.bbox),
                "rows": [["" if cell is None else cell for cell in row] for row in table.extract()],
            }
            for page in document.pages
            for table in page.find_tables()
        ]


def bare_word_pass(pdf: Path) -> list[Prediction]:
    """pdfplumber's `extract_words` on every page and no tables: the time floor the reader's
    cost is measured against (its `seconds`)."""
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            page.extract_words()
    return []


def camelot_reader(flavor: str) -> Reader:
    def read(pdf: Path) -> list[Prediction]:
        import camelot  # the benchmark extra only; never a dependency of the product

        with pdfplumber.open(pdf) as document:
            heights = [float(page.height) for page in document.pages]
        predictions = []
        for table in camelot.read_pdf(str(pdf), pages="all", flavor=flavor):
            x0, y0, x1, y1 = table._bbox  # PDF frame: origin bottom-left
            height = heights[int(table.page) - 1]
            predictions.append(
                {
                    "page": int(table.page),
                    "bbox": [x0, height - y1, x1, height - y0],
                    "rows": table.df.astype(str).values.tolist(),
                }
            )
        return predictions

    return read


READERS: dict[str, Reader] = {
    "ours": our_reader,
    "pdfplumber": pdfplumber_reader,
    "pdfplumber-words": bare_word_pass,
    "camelot-lattice": camelot_reader("lattice"),
    "camelot-stream": camelot_reader("stream"),
}


def predictions_for(pdf_dir: Path, reader_name: str) -> dict:
    reader = READERS[reader_name]
    files: dict[str, dict] = {}
    for pdf in sorted(pdf_dir.rglob("*.pdf")):
        started = time.perf_counter()
        try:
            tables = reader(pdf)
        except DocumentError as exc:
            files[pdf.stem] = {"ok": False, "error": str(exc)}
            continue
        files[pdf.stem] = {"tables": tables, "seconds": round(time.perf_counter() - started, 3)}
    return {"reader": reader_name, "files": files}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.icdar2013", description=__doc__)
    parser.add_argument("pdf_dir", type=Path, metavar="PDF_DIR")
    parser.add_argument("--predictions", type=Path, required=True, metavar="OUT.json")
    parser.add_argument("--baseline", choices=sorted(READERS), default="ours",
                        help="the reader to run (default: ours)")
    args = parser.parse_args(argv)
    payload = predictions_for(args.pdf_dir, args.baseline)
    args.predictions.parent.mkdir(parents=True, exist_ok=True)
    args.predictions.write_text(json.dumps(payload, ensure_ascii=False))
    tables = sum(len(entry.get("tables", ())) for entry in payload["files"].values())
    documents = len(payload["files"])
    print(f"{args.baseline}: {tables} tables from {documents} PDFs -> {args.predictions}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
