"""One entry point for every export of a deck, so the app, the CLI and the tests produce the same files."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from afdash.briefing import export_html, images
from afdash.briefing.slides import Slide


@dataclass(frozen=True)
class Format:
    kind: str
    label: str
    mime: str
    extension: str


FORMATS: dict[str, Format] = {f.kind: f for f in (
    Format("html", "HTML", "text/html", "html"),
    Format("pptx", "PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    Format("pdf", "PDF handout", "application/pdf", "pdf"),
)}


def deck_slug(code: str) -> str:
    """'default' for the default deck, else a short hash of its URL form: file names stay short and stable."""
    return "default" if code == "" else "custom-" + hashlib.sha256(code.encode()).hexdigest()[:8]


def file_name(kind: str, code: str) -> str:
    return f"afdash_briefing_{deck_slug(code)}.{FORMATS[kind].extension}"


def chart_file_name(slide: Slide, number: int, extension: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", slide.title.lower()).strip("-")[:50]
    return f"afdash_slide-{number:02d}_{stem}.{extension}"


def render(kind: str, slides: Sequence[Slide]) -> bytes:
    if kind == "html":
        return export_html.build(slides, images.javascript_bundle(), title=slides[0].title).encode("utf-8")
    # The PowerPoint and PDF writers (python-pptx and its XML stack) are imported when an export is built,
    # not with the page: a server that never exports does not carry them.
    if kind == "pptx":
        from afdash.briefing import export_pptx

        return export_pptx.build(slides)
    if kind == "pdf":
        from afdash.briefing import export_pdf

        return export_pdf.build(slides)
    raise KeyError(f"unknown export {kind!r}; known: {', '.join(FORMATS)}")


def timed(kind: str, slides: Sequence[Slide]) -> tuple[bytes, float]:
    t0 = time.perf_counter()
    data = render(kind, slides)
    return data, time.perf_counter() - t0


def human_size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{n / 1024:.0f} KB"
