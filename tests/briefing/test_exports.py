"""Exports a briefer can hand out: the PDF handout's text (headlines, talking points, speaker notes) is real
text and its charts are vectors; PowerPoint text fits its boxes by the font's metrics; chart files carry their
title and source; legends match their marks; presented charts use no type under 18 px; citations are honest."""

import io
import os
import re
import shutil
import subprocess

import pytest

from afdash.briefing import charts, export_pdf, export_pptx, exports, fonts, images, screen
from afdash.briefing import deck as decks
from afdash.briefing import registry as recipes
from afdash.core import report

from ..conftest import in_ci

pytestmark = pytest.mark.pipeline  # builds the default deck from the committed data


@pytest.fixture(scope="session")
def slides():
    return decks.build_deck(decks.DEFAULT_DECK, recipes.Tables())


@pytest.fixture(scope="session")
def pdf(slides):
    return export_pdf.build(slides)


@pytest.fixture(scope="session")
def pptx(slides):
    return export_pptx.build(slides)


def _pdftotext(pdf: bytes, tmp_path) -> list[str]:
    tool = shutil.which("pdftotext") or "/usr/bin/pdftotext"
    if not os.path.exists(tool):
        if in_ci():
            pytest.fail("pdftotext is missing: CI must install Debian's poppler-utils")
        pytest.skip("pdftotext not installed (apt-get install poppler-utils)")
    path = tmp_path / "handout.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --- PDF handout -----------------------------------------------------------------------------------------------

def test_pdf_text_holds_every_headline_point_and_speaker_note(slides, pdf, tmp_path):
    pages = _pdftotext(pdf, tmp_path)
    assert len([p for p in pages if p.strip()]) == len(slides)
    for number, (page, s) in enumerate(zip(pages, slides, strict=False), start=1):
        flat = _flat(page)
        assert _flat(s.title) in flat, f"page {number}: title"
        if s.headline:
            assert _flat(s.headline) in flat, f"page {number}: headline {s.headline!r} not extractable"
        for point in s.points:
            assert _flat(point) in flat, f"page {number}: talking point"
        assert _flat(s.notes) in flat, f"page {number}: speaker notes"
        assert "chapter from p." in flat and f"{number} / {len(slides)}" in flat


def test_pdf_charts_are_vectors_with_text_not_images(pdf, tmp_path):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        images_found = [k for k, v in xobjects.items() if v.get_object().get("/Subtype") == "/Image"]
        assert not images_found, "the handout must not carry raster pages or charts"
    page8 = _flat(_pdftotext(pdf, tmp_path)[7])
    assert "Extended troika" in page8  # an axis label of the chart, as text
    assert reader.metadata.title and reader.outline  # a title and one bookmark per slide
    assert len(reader.outline) == len(reader.pages)


def test_pdf_text_blocks_fit_their_boxes(slides):
    for number, s in enumerate(slides, start=1):
        parts = export_pdf.layout(s, number, len(slides))
        width = export_pdf.LEFT_W if parts["chart"] else export_pdf.PAGE_W - 2 * export_pdf.MARGIN
        used = export_pdf.height(parts["left"], width)
        assert parts["body_top"] + used <= parts["foot_top"], f"slide {number}: points run into the source line"
        assert export_pdf.height(parts["notes"], export_pdf.PAGE_W - 2 * export_pdf.MARGIN) < 1e9


def test_pdf_fit_shrinks_a_headline_wider_than_its_column():
    block = export_pdf.Block("10,000,000,000,000,000", 30, "B")
    assert export_pdf.height([block], 200) == float("inf")  # one word wider than the column
    fitted = export_pdf.fit([block], 200, 100)
    assert fitted[0].size < 30 and fonts.width(fitted[0].text, fitted[0].size, "B") <= 200


# --- PowerPoint -------------------------------------------------------------------------------------------------

def test_pptx_text_fits_every_box_and_names_a_metric_compatible_font(pptx):
    from pptx import Presentation

    assert export_pptx.overflows(pptx) == []
    prs = Presentation(io.BytesIO(pptx))
    names = {r.font.name for s in prs.slides for sh in s.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs for r in p.runs}
    assert names == {fonts.FAMILY}  # Arial: Liberation Sans (what we measure with) has its metrics


def test_pptx_overflow_check_catches_text_too_long_for_its_box():
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(0.5), Inches(5.5), Inches(4), Inches(0.6))
    box.name = "Talking points"
    run = box.text_frame.paragraphs[0].add_run()
    run.text = "A talking point long enough to wrap onto three or four lines of a narrow box " * 2
    run.font.size = Pt(17)
    box.text_frame.word_wrap = True
    out = io.BytesIO()
    prs.save(out)
    found = export_pptx.overflows(out.getvalue())
    assert len(found) == 1 and "Talking points" in found[0]


def test_pptx_fit_keeps_the_longest_slide_inside_its_box():
    long_points = [export_pptx.Para("• " + "word " * 60, 17, space_after=10) for _ in range(3)]
    fitted = export_pptx.fit(long_points, 300, 340)
    assert export_pptx.text_height(fitted, 300) <= 340 and fitted[0].size < 17


def test_pptx_charts_are_vector_with_a_projector_resolution_fallback(slides):
    from pptx import Presentation

    few = [s for s in slides if s.spec is not None][:2]
    pngs = []

    def render(svg, ppi):
        pngs.append(images.svg_to_png(svg, ppi))
        return pngs[-1]

    data = export_pptx.build(few, render)
    assert export_pptx.chart_svgs(data) == [s.svg for s in few]  # the chart itself, as drawn for the slide
    prs = Presentation(io.BytesIO(data))
    for ps, png in zip(prs.slides, pngs, strict=True):
        pic = next(sh for sh in ps.shapes if sh.shape_type == 13)
        assert export_pptx.placed_ppi(pic, png) >= export_pptx.FALLBACK_PPI
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml").decode()
        assert sum(n.endswith(".svg") for n in z.namelist()) == 2 and "image/svg+xml" in types


# --- chart files, legends, presented type -------------------------------------------------------------------------

def test_chart_svg_and_png_carry_title_and_source(slides):
    from PIL import Image

    s = slides[3]
    svg = exports.chart_file("svg", s).decode("utf-8")
    texts = _flat(" ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg)))
    assert s.title in texts and "Source: RIAC–PKU IISS Report 80/2022" in texts and "key_figures" in texts
    assert f"<title>{s.title}</title>" in svg and "<desc>Source:" in svg
    png = exports.chart_file("png", s)
    with Image.open(io.BytesIO(png)) as im:
        assert im.info["Title"] == s.title and im.info["Source"] == s.source_line
        w = im.size[0]
    plain_w = float(re.search(r'width="([\d.]+)"', images.svg(s.spec)).group(1))
    titled_w = float(re.search(r'width="([\d.]+)"', svg).group(1))
    assert w >= titled_w * images.PPI / 72 - 2 and titled_w >= plain_w  # the PNG is the titled drawing


def test_casualty_legend_swatches_match_the_bars(slides):
    spec = next(s for s in slides if s.view_id == "security_casualties").spec
    enc = spec["layer"][0]["encoding"]
    bar_colours = set(enc["color"]["scale"]["range"])
    legend = enc["opacity"]["legend"]
    assert legend["symbolFillColor"] in bar_colours and legend["symbolStrokeColor"] in bar_colours


def test_presented_charts_use_no_type_under_18_px(slides):
    for s in slides:
        if s.spec is None:
            continue
        sizes = screen.font_sizes(screen.presentation_spec(s.spec))
        assert sizes and min(sizes) >= screen.MIN_PRESENT_PX, s.view_id
    assert min(screen.font_sizes(slides[1].spec)) < screen.MIN_PRESENT_PX  # the check can fail


def test_value_labels_near_the_end_of_the_axis_are_written_inside_the_plot(slides):
    spec = next(s for s in slides if s.view_id == "security_fighters").spec
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    flipped = next(t for t in texts if t["mark"]["align"] == "right")
    rows = spec["datasets"][flipped["data"]["name"]]
    assert [r["text"] for r in rows] == ["about 8,000–10,000"]
    assert charts.FLIP_AT < 1


# --- citations ----------------------------------------------------------------------------------------------------

def test_report_is_identified_as_printed(report_text):
    """Number, authors and ISBN as the imprint gives them; the title is not reproduced (no report text is)."""
    head = "\n".join(report_text.splitlines()[:40])
    for part in ("Report No. 80/2022", "Kortunov", "Kazantsev", "Guan Guihai", "Qian Xiaoyun", "NPMP RIAC, 2022",
                 "ISBN 978-5-6048394-8-5"):
        assert part in head and part in report.REPORT_CITATION, part
    assert "Strategic Cooperation to Ensure Security" not in report.REPORT_CITATION


def test_chapter_pages_say_they_are_where_the_chapter_starts():
    assert report.cite("security_situation", 17) == (
        "RIAC–PKU IISS Report 80/2022, “Security situation after the U.S. withdrawal” (chapter from p. 7), fn. 17")
    assert "(p. " not in report.cite("external_factors")
