"""The deck as a PowerPoint file (16:9): per slide the title, the headline figure, the talking points, the
chart as a PNG of at least 200 ppi at its placed size, any caveat, the source line, and speaker notes.

Text goes into real text boxes (editable, readable by screen readers); the title uses the layout's title
placeholder so PowerPoint's outline and accessibility checker see it."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from afdash.briefing import images
from afdash.briefing.registry import AREAS
from afdash.briefing.slides import Slide
from afdash.core.report import REPORT_SHORT

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
INK, ACCENT, MUTED = RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x00, 0x72, 0xB2), RGBColor(0x55, 0x55, 0x55)
CHART_BOX = (Inches(5.25), Inches(1.45), Inches(7.6), Inches(4.75))  # left, top, max width, max height
MIN_PPI = 200


def _text(slide, left, top, width, height, paragraphs: Sequence[tuple[str, int, dict]], name: str):
    """A text box; each paragraph is (text, size in pt, options: bold, italic, colour, bullet, space_after)."""
    box = slide.shapes.add_textbox(left, top, width, height)
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    for i, (text, size, opts) in enumerate(paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = p.add_run()
        run.text = ("• " if opts.get("bullet") else "") + text
        run.font.size = Pt(size)
        run.font.bold = opts.get("bold", False)
        run.font.italic = opts.get("italic", False)
        run.font.color.rgb = opts.get("colour", INK)
        p.space_after = Pt(opts.get("space_after", 6))
    return box


def _picture(slide, png: bytes, ppi: float):
    """Place the chart at its design size (pixels / ppi), shrunk to fit the chart box; never enlarged, so the
    placed image keeps at least `ppi` pixels per inch."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        px_w, px_h = im.size
    left, top, max_w, max_h = CHART_BOX
    width, height = Inches(px_w / ppi), Inches(px_h / ppi)
    factor = min(1.0, max_w / width, max_h / height)
    width, height = Emu(int(width * factor)), Emu(int(height * factor))
    pic = slide.shapes.add_picture(io.BytesIO(png), left + (max_w - width) // 2, top, width, height)
    pic.name = "Chart"
    return pic


def placed_ppi(picture, png: bytes) -> float:
    """Pixels per inch of a placed picture (for tests and the export report)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        return im.size[0] / (picture.width / 914400)


def build(slides: Sequence[Slide], render_png: Callable[[dict], bytes] | None = None, ppi: float = images.PPI) -> bytes:
    """The .pptx as bytes. `render_png(spec)` defaults to vl-convert at `ppi`."""
    render_png = render_png or (lambda spec: images.png(spec, ppi=ppi))
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = slides[0].title if slides else "afdash briefing"
    prs.core_properties.subject = f"Built on {REPORT_SHORT}"
    layout = prs.slide_layouts[5]  # "Title Only"
    for number, s in enumerate(slides, start=1):
        slide = prs.slides.add_slide(layout)
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = Inches(0.5), Inches(0.45), Inches(12.3), Inches(0.95)
        title.text = s.title
        para = title.text_frame.paragraphs[0]
        para.runs[0].font.size = Pt(34 if s.kind == "title" else 30)
        para.runs[0].font.bold = True
        para.runs[0].font.color.rgb = INK
        para.alignment = PP_ALIGN.LEFT
        _text(slide, Inches(0.5), Inches(0.12), Inches(8), Inches(0.4),
              [(AREAS.get(s.area, s.area).upper(), 13, {"bold": True, "colour": ACCENT})], "Area")
        paragraphs: list[tuple[str, int, dict]] = []
        if s.subtitle:
            paragraphs.append((s.subtitle, 18, {"colour": MUTED, "space_after": 14}))
        if s.headline:
            paragraphs.append((s.headline, 40, {"bold": True, "colour": ACCENT, "space_after": 2}))
            paragraphs.append((s.headline_label, 15, {"colour": MUTED, "space_after": 16}))
        paragraphs += [(p, 17, {"bullet": True, "space_after": 10}) for p in s.points]
        _text(slide, Inches(0.5), Inches(1.45), Inches(4.5), Inches(5.0), paragraphs, "Talking points")
        if s.spec is not None:
            _picture(slide, render_png(s.spec), ppi)
            if s.caveat:
                _text(slide, CHART_BOX[0], Inches(6.25), CHART_BOX[2], Inches(0.5),
                      [(s.caveat, 11, {"italic": True, "colour": MUTED})], "Caveat")
        _text(slide, Inches(0.5), Inches(6.8), Inches(11.6), Inches(0.6),
              [(s.source_line, 10, {"colour": MUTED})], "Source")
        _text(slide, Inches(12.2), Inches(6.95), Inches(0.9), Inches(0.4),
              [(f"{number} / {len(slides)}", 11, {"colour": MUTED})], "Slide number")
        notes = s.notes + ("\n\nCaveat: " + s.caveat if s.caveat else "") + "\n\n" + s.source_line
        slide.notes_slide.notes_text_frame.text = notes.strip()
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
