"""The deck as a PowerPoint file (16:9): per slide the title, the headline figure, the talking points, the
chart, any caveat, the source line, and speaker notes.

The chart is embedded as SVG (vector: sharp on any projector and on paper, its text real text), with a PNG
fallback for viewers that do not read SVG (PowerPoint before 2016, some web viewers): the Office 2016 `svgBlip`
extension, as PowerPoint itself writes a pasted SVG. The fallback is drawn at FALLBACK_PPI, a 1080p projector's
own resolution for a full-width slide (1,920 px over 13.33 in), so it is what a projector shows, and rasterising
at that size rather than print resolution keeps the export within its time budget.

Text goes into real text boxes (editable, readable by screen readers); the title uses the layout's title
placeholder so PowerPoint's outline and accessibility checker see it. Every run is set in Arial (Liberation
Sans, which LibreOffice substitutes for it, has the same metrics), and every box is measured with those
metrics (afdash.briefing.fonts): type that would not fit its box is scaled down until it does, so nothing
runs into the source line or off the slide whichever of the two fonts the viewer has."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from afdash.briefing import fonts, images
from afdash.briefing.registry import AREAS
from afdash.briefing.slides import Slide
from afdash.core.report import REPORT_SHORT

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
INK, ACCENT, MUTED = RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x00, 0x72, 0xB2), RGBColor(0x55, 0x55, 0x55)
CHART_BOX = (Inches(5.25), Inches(1.45), Inches(7.6), Inches(4.75))  # left, top, max width, max height
FALLBACK_PPI = 150
SVG_CT = "image/svg+xml"
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # the extension URI Office gives the SVG blip
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
INSET_X, INSET_Y = Inches(0.1), Inches(0.05)  # PowerPoint's default text box insets, written explicitly
LINE = 1.2  # line height / font size: Arial's ascent + descent + gap is 1.15 em; a little room on top
MIN_SIZE = 8  # pt: below this the text is no longer worth projecting; fit() stops shrinking here
EMU_PER_PT = 12700


@dataclass(frozen=True)
class Para:
    text: str
    size: float  # pt
    bold: bool = False
    italic: bool = False
    colour: RGBColor = INK
    space_after: float = 6  # pt

    @property
    def style(self) -> str:
        return "B" if self.bold else "I" if self.italic else ""


def text_height(paras: Sequence[Para], width_pt: float) -> float:
    """Height in pt that the paragraphs take when wrapped to `width_pt`; inf if a single word is wider than the
    line (PowerPoint would break it mid-word or let it run out of the box)."""
    total = 0.0
    for i, p in enumerate(paras):
        if fonts.widest_word(p.text, p.size, p.style) > width_pt:
            return math.inf
        lines = len(fonts.wrap(p.text, width_pt, p.size, p.style))
        total += lines * p.size * LINE + (p.space_after if i < len(paras) - 1 else 0)
    return total


def fit(paras: Sequence[Para], width_pt: float, height_pt: float) -> list[Para]:
    """The paragraphs with every size scaled by the largest factor (≤ 1, in 4 % steps) at which they fit."""
    scale = 1.0
    while True:
        scaled = [Para(p.text, round(max(MIN_SIZE, p.size * scale), 1), p.bold, p.italic, p.colour,
                       p.space_after * scale) for p in paras]
        if text_height(scaled, width_pt) <= height_pt or all(p.size <= MIN_SIZE for p in scaled):
            return scaled
        scale *= 0.96


def _inner(width: int, height: int) -> tuple[float, float]:
    return (width - 2 * INSET_X) / EMU_PER_PT, (height - 2 * INSET_Y) / EMU_PER_PT


def _fill(frame, paras: Sequence[Para]) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = INSET_X
    frame.margin_top = frame.margin_bottom = INSET_Y
    for i, para in enumerate(paras):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if i == 0:
            p.clear()
        run = p.add_run()
        run.text = para.text
        font = run.font
        font.name = fonts.FAMILY
        font.size = Pt(para.size)
        font.bold, font.italic = para.bold, para.italic
        font.color.rgb = para.colour
        p.space_after = Pt(para.space_after)
        p.alignment = PP_ALIGN.LEFT


def _text(slide, left, top, width, height, paras: Sequence[Para], name: str):
    """A text box holding `paras`, scaled down if needed so that they fit it."""
    box = slide.shapes.add_textbox(left, top, width, height)
    box.name = name
    _fill(box.text_frame, fit(paras, *_inner(width, height)))
    return box


def _picture(slide, svg: str, render_png: Callable[[str, float], bytes]):
    """Place the chart at its design size, shrunk to fit the chart box (never enlarged): the SVG, with its PNG
    fallback rasterised at just the resolution that gives FALLBACK_PPI at the placed size."""
    import re

    w_px, h_px = (float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', svg).groups())
    left, top, max_w, max_h = CHART_BOX
    width, height = Inches(w_px / 72), Inches(h_px / 72)
    factor = min(1.0, max_w / width, max_h / height)
    png = render_png(svg, math.ceil(FALLBACK_PPI * factor) + 1)
    width, height = Emu(int(width * factor)), Emu(int(height * factor))
    pic = slide.shapes.add_picture(io.BytesIO(png), left + (max_w - width) // 2, top, width, height)
    pic.name = "Chart"
    _attach_svg(slide, pic, svg)
    return pic, png


def _attach_svg(slide, pic, svg: str) -> None:
    """Add the SVG as a part of the slide and name it in the picture's blip, beside the PNG fallback."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI
    from pptx.oxml.ns import qn

    package = slide.part.package
    taken = {str(p.partname) for p in package.iter_parts()}
    n = next(i for i in range(1, 10_000) if f"/ppt/media/chart{i}.svg" not in taken)
    part = Part(PackURI(f"/ppt/media/chart{n}.svg"), SVG_CT, package, svg.encode("utf-8"))
    r_id = slide.part.relate_to(part, RT.IMAGE)
    blip = pic._element.find(".//" + qn("a:blip"))
    ext_lst = blip.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(blip, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=SVG_EXT)
    svg_blip = etree.SubElement(ext, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
    svg_blip.set(qn("r:embed"), r_id)


def chart_svgs(pptx: bytes) -> list[str]:
    """The SVG each slide's chart names in its blip, in slide order (for tests and the export report)."""
    from pptx.oxml.ns import qn

    prs = Presentation(io.BytesIO(pptx))
    out = []
    for slide in prs.slides:
        for el in slide.shapes._spTree.iter(f"{{{ASVG}}}svgBlip"):
            out.append(slide.part.related_part(el.get(qn("r:embed"))).blob.decode("utf-8"))
    return out


def placed_ppi(picture, png: bytes) -> float:
    """Pixels per inch of a placed picture (for tests and the export report)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        return im.size[0] / (picture.width / 914400)


def _title(slide, s: Slide) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Inches(0.5), Inches(0.45), Inches(12.3), Inches(0.95)
    paras = fit([Para(s.title, 34 if s.kind == "title" else 30, bold=True)], *_inner(title.width, title.height))
    _fill(title.text_frame, paras)


def build(slides: Sequence[Slide], render_png: Callable[[str, float], bytes] | None = None) -> bytes:
    """The .pptx as bytes. `render_png(svg, ppi)` defaults to vl-convert's rasteriser."""
    render_png = render_png or images.svg_to_png
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = slides[0].title if slides else "afdash briefing"
    prs.core_properties.subject = f"Built on {REPORT_SHORT}"
    layout = prs.slide_layouts[5]  # "Title Only"
    for number, s in enumerate(slides, start=1):
        slide = prs.slides.add_slide(layout)
        _title(slide, s)
        _text(slide, Inches(0.5), Inches(0.12), Inches(8), Inches(0.4),
              [Para(AREAS.get(s.area, s.area).upper(), 13, bold=True, colour=ACCENT)], "Area")
        paras: list[Para] = []
        if s.subtitle:
            paras.append(Para(s.subtitle, 18, colour=MUTED, space_after=14))
        if s.headline:
            paras.append(Para(s.headline, 40, bold=True, colour=ACCENT, space_after=2))
            paras.append(Para(s.headline_label, 15, colour=MUTED, space_after=16))
        paras += [Para("• " + p, 17, space_after=10) for p in s.points]
        text_w = Inches(4.5) if s.svg is not None else Inches(12.3)
        _text(slide, Inches(0.5), Inches(1.45), text_w, Inches(5.25), paras, "Talking points")
        if s.svg is not None:
            _picture(slide, s.svg, render_png)
            if s.caveat:
                _text(slide, CHART_BOX[0], Inches(6.22), CHART_BOX[2], Inches(0.52),
                      [Para(s.caveat, 11, italic=True, colour=MUTED)], "Caveat")
        _text(slide, Inches(0.5), Inches(6.78), Inches(11.6), Inches(0.62),
              [Para(s.source_line, 10, colour=MUTED)], "Source")
        _text(slide, Inches(12.15), Inches(6.95), Inches(1.0), Inches(0.4),
              [Para(f"{number} / {len(slides)}", 11, colour=MUTED)], "Slide number")
        notes = s.notes + ("\n\nCaveat: " + s.caveat if s.caveat else "") + "\n\n" + s.source_line
        slide.notes_slide.notes_text_frame.text = notes.strip()
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# --- checking a finished file ------------------------------------------------------------------------------------

def overflows(pptx: bytes) -> list[str]:
    """Every text box or placeholder of the file whose text, measured with the font's metrics at the sizes
    written in the file, needs more room than the box has, or that extends past the slide's edge."""
    prs = Presentation(io.BytesIO(pptx))
    found = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            frame = shape.text_frame
            mx = (frame.margin_left or INSET_X) + (frame.margin_right or INSET_X)
            my = (frame.margin_top or INSET_Y) + (frame.margin_bottom or INSET_Y)
            paras = []
            for p in frame.paragraphs:
                runs = p.runs
                if not runs:
                    continue
                f = runs[0].font
                size = f.size.pt if f.size is not None else 18.0
                after = p.space_after.pt if p.space_after is not None else 0.0
                paras.append(Para("".join(r.text for r in runs), size, bool(f.bold), bool(f.italic),
                                  space_after=after))
            need = text_height(paras, (shape.width - mx) / EMU_PER_PT)
            room = (shape.height - my) / EMU_PER_PT
            if need > room + 0.5:
                found.append(f"slide {number}, {shape.name}: text needs {need:.0f} pt, box holds {room:.0f} pt")
            if shape.left + shape.width > prs.slide_width or shape.top + shape.height > prs.slide_height:
                found.append(f"slide {number}, {shape.name}: box runs off the slide")
    return found
