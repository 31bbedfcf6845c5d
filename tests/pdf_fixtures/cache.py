"""Rendered decks cached under tests/.fixtures/ (gitignored), keyed by source and renderer.

Renderers: `reportlab` (render.py, the renderer the reader was developed against), the fpdf2
variants (fpdf_render.py, pure pip: the CI tests use them) and the Chromium variants
(html_render.py, a system browser: the benchmark only).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tests.pdf_fixtures import fpdf_render, html_render
from tests.pdf_fixtures.render import render_text_document

FIXTURE_CACHE = Path(__file__).resolve().parents[1] / ".fixtures"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SOURCES = PROJECT_ROOT / "sources"
REPORTLAB = "reportlab"


@dataclass(frozen=True)
class Renderer:
    name: str
    render: Callable[[Path, Path, str], Path]  # source, target, table style
    files: tuple[str, ...]  # the modules whose text is part of the cache key

    def fingerprint(self) -> bytes:
        here = Path(__file__).parent
        return b"".join((here / name).read_bytes() for name in self.files)


RENDERERS = {
    REPORTLAB: Renderer(REPORTLAB, render_text_document, ("render.py", "slides.py")),
    **{
        name: Renderer(
            name,
            partial(fpdf_render.render_fpdf_document, variant_name=name),
            ("fpdf_render.py", "deck_text.py"),
        )
        for name in fpdf_render.VARIANTS
    },
    **{
        name: Renderer(
            name,
            partial(html_render.render_html_document, variant_name=name),
            ("html_render.py", "deck_text.py"),
        )
        for name in html_render.VARIANTS
    },
}
PIP_RENDERERS = (REPORTLAB, *fpdf_render.VARIANTS)  # what a fresh CI machine can render


def source_documents() -> list[Path]:
    return sorted(SOURCES.glob("*.txt"))


def rendered_deck(
    source: Path, style_name: str, cache_dir: Path = FIXTURE_CACHE, renderer: str = REPORTLAB
) -> Path:
    """The PDF rendering of a text document, rendered once per source and renderer version."""
    chosen = RENDERERS[renderer]
    key = hashlib.sha256(source.read_bytes() + style_name.encode() + chosen.fingerprint())
    prefix = f"{source.stem}.{renderer}-{style_name}"
    target = cache_dir / f"{prefix}.{key.hexdigest()[:12]}.pdf"
    if not target.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Rendered beside the target and renamed, so a concurrent run never reads half a file.
        partial_file = target.with_suffix(f".{os.getpid()}.part")
        chosen.render(source, partial_file, style_name)
        os.replace(partial_file, target)
        for stale in cache_dir.glob(f"{prefix}.*.pdf"):
            if stale != target:
                stale.unlink(missing_ok=True)
    return target
