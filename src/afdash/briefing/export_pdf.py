"""The deck as a PDF handout: one A4 landscape page per slide, the slide on top and its speaker notes below,
for printing or for a room with only a PDF viewer.

Text is real text (fpdf2, in the embedded Liberation Sans, subset): it can be selected, searched and read
aloud, and the document has a title, a language and one bookmark per slide. Charts are vectors: the slide's
SVG turned into a one-page PDF by vl-convert and laid onto the page with pypdf, so they print sharp at any
size. Every block of text is measured with the font's metrics and wrapped, and scaled down if it would not
fit its box: a headline is never cut."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from afdash.briefing import fonts, images
from afdash.briefing.registry import AREAS
from afdash.briefing.slides import Slide
from afdash.core.report import REPORT_CITATION, REPORT_SHORT

PAGE_W, PAGE_H = 841.89, 595.28  # A4 landscape, pt
MARGIN = 32.0
LEFT_W, GAP = 270.0, 20.0
NOTES_TOP = 462.0  # the slide above, the speaker notes below
LINE = 1.22
MIN_SIZE = 6.5
INK, ACCENT, MUTED, RULE = (26, 26, 26), (0, 114, 178), (85, 85, 85), (200, 200, 200)
FAMILY = "LiberationSans"


@dataclass(frozen=True)
class Block:
    text: str
    size: float
    style: str = ""  # "", "B", "I"
    colour: tuple[int, int, int] = INK
    after: float = 0.0  # space after, pt
    indent: float = 0.0  # left indent of the wrapped lines (a bullet hangs in it)
    bullet: bool = False


def _lines(b: Block, width: float) -> list[str]:
    return fonts.wrap(b.text, width - b.indent, b.size, b.style)


def height(blocks: Sequence[Block], width: float) -> float:
    """Height the blocks take wrapped to `width`; inf if one word is wider than a line."""
    total = 0.0
    for b in blocks:
        if fonts.widest_word(b.text, b.size, b.style) > width - b.indent:
            return float("inf")
        total += len(_lines(b, width)) * b.size * LINE + b.after
    return total


def fit(blocks: Sequence[Block], width: float, room: float) -> list[Block]:
    """The blocks scaled (sizes, spacing) by the largest factor ≤ 1, in 4 % steps, at which they fit `room`."""
    scale = 1.0
    while True:
        out = [Block(b.text, max(MIN_SIZE, round(b.size * scale, 2)), b.style, b.colour, b.after * scale,
                     b.indent * min(1.0, scale * 1.1), b.bullet) for b in blocks]
        if height(out, width) <= room or all(b.size <= MIN_SIZE for b in out):
            return out
        scale *= 0.96


def _write(pdf, blocks: Sequence[Block], x: float, y: float, width: float) -> float:
    """Write the blocks from (x, y) down; returns the y below them."""
    for b in blocks:
        pdf.set_font(FAMILY, b.style, b.size)
        pdf.set_text_color(*b.colour)
        for i, line in enumerate(_lines(b, width)):
            baseline = y + b.size * 0.93  # ascent of Liberation Sans: 0.905 em
            if b.bullet and i == 0:
                pdf.text(x, baseline, "•")
            pdf.text(x + b.indent, baseline, line)
            y += b.size * LINE
        y += b.after
    return y


def layout(slide: Slide, number: int, count: int) -> dict[str, object]:
    """Where everything on the page goes: the fitted text blocks and the chart's box (x, y, w, h), in pt from
    the top-left corner. Kept apart from the drawing so tests can check it without rendering."""
    full_w = PAGE_W - 2 * MARGIN
    head = fit([Block(AREAS.get(slide.area, slide.area).upper(), 10, "B", ACCENT, after=4),
                Block(slide.title, 24 if slide.kind == "title" else 22, "B", INK)], full_w, 70)
    body_top = MARGIN - 6 + height(head, full_w) + 12
    foot = fit([Block(slide.source_line, 8.5, "", MUTED)], full_w - 60, 34)
    foot_top = NOTES_TOP - 14 - height(foot, full_w - 60)
    has_chart = slide.spec is not None
    left_w = LEFT_W if has_chart else full_w
    left: list[Block] = []
    if slide.subtitle:
        left.append(Block(slide.subtitle, 13, "I", MUTED, after=10))
    if slide.headline:
        left.append(Block(slide.headline, 30, "B", ACCENT, after=2))
        left.append(Block(slide.headline_label, 10.5, "", MUTED, after=12))
    left += [Block(p, 11.5, "", INK, after=7, indent=11, bullet=True) for p in slide.points]
    left = fit(left, left_w, foot_top - body_top - 6)
    caveat = fit([Block(slide.caveat, 8.5, "I", MUTED)], full_w - left_w - GAP, 30) if slide.caveat else []
    chart_x = MARGIN + left_w + GAP
    chart_bottom = foot_top - 6 - (height(caveat, full_w - left_w - GAP) + 4 if caveat else 0)
    notes = fit([Block("Speaker notes", 9, "B", MUTED, after=3),
                 Block(slide.notes or "No speaker notes for this slide.", 9.5, "", INK)],
                full_w, PAGE_H - NOTES_TOP - 8 - MARGIN * 0.6)
    return {"head": head, "left": left, "caveat": caveat, "foot": foot, "notes": notes,
            "number": f"{number} / {count}", "body_top": body_top, "foot_top": foot_top,
            "chart": (chart_x, body_top, PAGE_W - MARGIN - chart_x, chart_bottom - body_top) if has_chart else None,
            "caveat_top": chart_bottom + 4}


def _page(pdf, slide: Slide, number: int, count: int) -> tuple[float, float, float, float] | None:
    parts = layout(slide, number, count)
    full_w = PAGE_W - 2 * MARGIN
    pdf.add_page()
    pdf.start_section(f"{number}. {slide.title}")
    _write(pdf, parts["head"], MARGIN, MARGIN - 6, full_w)
    _write(pdf, parts["left"], MARGIN, parts["body_top"], LEFT_W if parts["chart"] else full_w)
    if parts["caveat"]:
        _write(pdf, parts["caveat"], MARGIN + LEFT_W + GAP, parts["caveat_top"], full_w - LEFT_W - GAP)
    _write(pdf, parts["foot"], MARGIN, parts["foot_top"], full_w - 60)
    pdf.set_font(FAMILY, "", 9)
    pdf.set_text_color(*MUTED)
    num = parts["number"]
    pdf.text(PAGE_W - MARGIN - fonts.width(num, 9), parts["foot_top"] + 8.5, num)
    pdf.set_draw_color(*RULE)
    pdf.line(MARGIN, NOTES_TOP, PAGE_W - MARGIN, NOTES_TOP)
    _write(pdf, parts["notes"], MARGIN, NOTES_TOP + 8, full_w)
    return parts["chart"]


def _text_pages(slides: Sequence[Slide]) -> tuple[bytes, list]:
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    for style in ("", "B", "I"):
        pdf.add_font(FAMILY, style, str(fonts.path(style)))
    pdf.set_title(slides[0].title if slides else "afdash briefing")
    pdf.set_author("afdash")
    pdf.set_subject(f"Briefing built on {REPORT_SHORT}. {REPORT_CITATION}")
    pdf.set_lang("en")
    pdf.set_creator("afdash (fpdf2, vl-convert, pypdf)")
    boxes = [_page(pdf, s, i, len(slides)) for i, s in enumerate(slides, start=1)]
    return bytes(pdf.output()), boxes


def _place_chart(writer, page, chart_pdf: bytes, box: tuple[float, float, float, float], name: str) -> None:
    """Lay a one-page chart PDF into `box` (top-left origin, pt), scaled to fit and centred horizontally.

    The chart's page becomes a Form XObject drawn by one `cm … Do` operator appended to the page: neither
    content stream is parsed or rewritten (pypdf's merge_transformed_page re-parses both, which took most of
    the handout's build time)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    chart = PdfReader(io.BytesIO(chart_pdf)).pages[0]
    contents = chart["/Contents"].get_object()
    streams = contents if isinstance(contents, list) else [contents]
    form = DecodedStreamObject()
    form.set_data(b"\n".join(st.get_object().get_data() for st in streams))
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): chart.mediabox, NameObject("/Resources"): chart["/Resources"]})
    form_ref = writer._add_object(form.clone(writer))
    cw, ch = float(chart.mediabox.width), float(chart.mediabox.height)
    x, y, w, h = box
    k = min(w / cw, h / ch)
    left = x + (w - cw * k) / 2
    bottom = PAGE_H - y - ch * k  # PDF space starts at the bottom-left corner
    resources = DictionaryObject(page["/Resources"].get_object())  # this page's own copy
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    xobjects[NameObject(name)] = form_ref
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    draw = DecodedStreamObject()
    draw.set_data(f"q {k:.5f} 0 0 {k:.5f} {left:.2f} {bottom:.2f} cm {name} Do Q".encode())
    old = page.raw_get("/Contents")
    page[NameObject("/Contents")] = ArrayObject([old, writer._add_object(draw)])


def build(slides: Sequence[Slide], chart_pdf: Callable[[str], bytes] | None = None) -> bytes:
    """The handout as PDF bytes. `chart_pdf(svg)` turns a slide's SVG into a one-page PDF (vl-convert)."""
    from pypdf import PdfWriter

    chart_pdf = chart_pdf or images.svg_to_pdf
    text, boxes = _text_pages(slides)
    writer = PdfWriter(clone_from=io.BytesIO(text))
    for number, (page, slide, box) in enumerate(zip(writer.pages, slides, boxes, strict=True), start=1):
        if box is not None and slide.svg is not None:
            _place_chart(writer, page, chart_pdf(slide.svg), box, f"/Chart{number}")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
