"""Rendered decks cached under tests/.fixtures/ (gitignored), keyed by source and renderer."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from tests.pdf_fixtures.render import render_text_document

FIXTURE_CACHE = Path(__file__).resolve().parents[1] / ".fixtures"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SOURCES = PROJECT_ROOT / "sources"
RENDERER_FILES = ("render.py", "slides.py")


def source_documents() -> list[Path]:
    return sorted(SOURCES.glob("*.txt"))


def renderer_fingerprint() -> bytes:
    here = Path(__file__).parent
    return b"".join((here / name).read_bytes() for name in RENDERER_FILES)


def rendered_deck(source: Path, style_name: str, cache_dir: Path = FIXTURE_CACHE) -> Path:
    """The PDF rendering of a text document, rendered once per source and renderer version."""
    key = hashlib.sha256(source.read_bytes() + style_name.encode() + renderer_fingerprint())
    target = cache_dir / f"{source.stem}.{style_name}.{key.hexdigest()[:12]}.pdf"
    if not target.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Rendered beside the target and renamed, so a concurrent run never reads half a file.
        partial = target.with_suffix(f".{os.getpid()}.part")
        render_text_document(source, partial, style_name)
        os.replace(partial, target)
        for stale in cache_dir.glob(f"{source.stem}.{style_name}.*.pdf"):
            if stale != target:
                stale.unlink(missing_ok=True)
    return target
