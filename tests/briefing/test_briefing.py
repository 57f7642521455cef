"""Briefing: the slide model, the view registry, the default deck against the data and the report, the deck
URL codec, the exports (HTML structure, PowerPoint, PDF) and the page through AppTest."""

import functools
import io
import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from afdash.briefing import deck as decks
from afdash.briefing import deck_url, export_html, export_pdf, export_pptx, exports
from afdash.briefing import registry as recipes
from afdash.briefing.areas import regional, security
from afdash.briefing.slides import Citation, Slide
from afdash.core import urlstate

from ..apptest_support import open_clean, page, query_param
from ..house.test_provenance import numbers_in

PAGE = page("pages/briefing.py")
_open = functools.partial(open_clean, PAGE, timeout=120)


@pytest.fixture(scope="session")
def tables():
    return recipes.Tables()


@pytest.fixture(scope="session")
def slides(tables):
    return decks.build_deck(decks.DEFAULT_DECK, tables)


# --- registry and default deck ------------------------------------------------------------------------------

def test_registry_holds_views_of_all_four_areas():
    by_area = recipes.by_area()
    for area in ("security", "regional", "cooperation", "external"):
        assert by_area.get(area), f"no view registered for {area}"
    ids = list(recipes.registry())
    assert len(ids) == len(set(ids))


def test_a_bad_view_is_refused_at_registration():
    build = decks.DEFAULT_DECK[0].view.build
    with pytest.raises(ValueError, match="must match"):
        recipes.check_view(recipes.Recipe("Bad;id", "security", "x", build))
    with pytest.raises(ValueError, match="area"):
        recipes.check_view(recipes.Recipe("ok_id", "nowhere", "x", build))
    with pytest.raises(ValueError, match="unsafe"):
        recipes.check_view(recipes.Recipe("ok_id", "security", "x", build,
                                    params=(recipes.Param("p", "P", ("a;b",), "a;b"),)))


def test_default_deck_has_10_to_15_slides_covering_the_four_areas(slides):
    assert 10 <= len(slides) <= 15
    assert {"security", "regional", "cooperation", "external"} <= {s.area for s in slides}
    assert slides[0].kind == "title" and slides[-1].view_id == "framing_conclusions"


def test_every_default_slide_has_a_chart_points_and_a_source(slides):
    for s in slides:
        assert s.spec is not None, s.view_id
        assert 1 <= len(s.points) <= 3, s.view_id
        assert s.source_line.startswith("Source: RIAC–PKU IISS Report 80/2022, “"), s.view_id
        assert s.notes, s.view_id
        data = s.spec.get("datasets", {})
        assert data and all(len(v) > 0 for v in data.values()), f"{s.view_id}: chart without data"


def test_headlines_equal_the_datasets(slides, tables):
    by_id = {s.view_id: s for s in slides}
    cas = tables["civilian_casualties"]
    partial = cas[(cas["period_kind"] == "partial_period")].set_index("measure")["value"]
    assert by_id["security_casualties"].headline == f"{partial['total']:,}" == "2,106"
    assert "700 killed, 1,406 wounded" in by_id["security_casualties"].headline_label
    assert by_id["security_isisk_growth"].headline == "about 4,000"
    assert by_id["security_fighters"].headline == "about 8,000–10,000"
    assert by_id["regional_refugees"].headline == "about 850,000"
    assert by_id["external_assets"].headline == "USD 9.5 billion"
    assert by_id["external_aid"].headline == "USD 4.4 billion"
    assert by_id["cooperation_humanitarian"].headline == "more than 1,000"


DERIVED = {"security_province_map", "cooperation_russia_china"}  # headline/points count rows of our datasets


def test_numbers_on_slides_are_printed_in_the_report(slides, report_text):
    printed = numbers_in(report_text)
    for s in slides:
        if s.view_id in DERIVED:
            continue
        text = " ".join([s.headline, s.headline_label, *s.points])
        text = re.sub(r"\b(19|20)\d\d\b", "", text)  # years
        for n in numbers_in(text):
            assert any(abs(n - p) < 1e-9 * max(1, p) for p in printed), f"{s.view_id}: {n} not in the report"


def test_talking_points_are_paraphrased_not_copied(slides, report_text):
    words = re.findall(r"[A-Za-z']+", report_text.lower())
    grams = {" ".join(words[i : i + 8]) for i in range(len(words) - 8)}
    for s in slides:
        for p in s.points:
            w = re.findall(r"[A-Za-z']+", p.lower())
            copied = [" ".join(w[i : i + 8]) for i in range(len(w) - 8) if " ".join(w[i : i + 8]) in grams]
            assert not copied, f"{s.view_id}: {copied}"


# --- slide model ----------------------------------------------------------------------------------------------

def test_slide_refuses_more_than_three_points_and_missing_sources():
    with pytest.raises(ValueError, match="at most 3"):
        Slide("v", "security", "t", points=("a", "b", "c", "d"), citations=(Citation("summary"),))
    with pytest.raises(ValueError, match="must cite"):
        Slide("v", "security", "t")
    with pytest.raises(KeyError):
        Slide("v", "security", "t", citations=(Citation("summary"),), datasets=("nope",))
    with pytest.raises(ValueError, match="section"):
        Citation("chapter_99")


def test_source_line_merges_footnotes_per_chapter_and_names_datasets():
    line = Slide("v", "security", "t", citations=(Citation("security_situation", 17),
                                                    Citation("security_situation", 16),
                                                    Citation("external_factors")),
                 datasets=("events", "provinces")).source_line
    assert line == ("Source: RIAC–PKU IISS Report 80/2022, “Security situation after the U.S. withdrawal” "
                    "(chapter from p. 7), fn. 16, 17; “The U.S. and other external factors” (chapter from p. 34). "
                    "Data: afdash events, provinces (boundaries: Natural Earth, public domain).")


# --- charts ---------------------------------------------------------------------------------------------------

def test_casualty_chart_marks_the_partial_period(slides):
    spec = next(s for s in slides if s.view_id == "security_casualties").spec
    layer = spec["layer"][0]
    assert layer["encoding"]["opacity"]["scale"]["range"] == [1.0, 0.45]
    rows = spec["datasets"][layer["data"]["name"]]
    partial = [r for r in rows if r["period_kind"] == "partial_period"]
    assert {r["measure"]: r["value"] for r in partial} == {"fatalities": 700, "wounded": 1406}
    assert len(rows) == 28  # 13 years + 1 partial period, killed and wounded
    note = spec["datasets"][spec["layer"][1]["data"]["name"]]
    assert note == [{"period_label": "Aug 2021 – Jun 2022", "period_kind": "partial_period", "value": 2106,
                     "note": "partial period"}]


def test_casualty_measure_parameter_changes_the_bars(tables):
    slide = decks.build_slide(decks.DeckItem.of("security_casualties", {"measure": "total"}), tables)
    rows = next(v for v in slide.spec["datasets"].values() if v and "measure" in v[0])
    assert {r["measure"] for r in rows} == {"total"} and len(rows) == 14


def test_province_map_counts_equal_the_events_table(tables):
    events = tables["events"]
    slide = decks.build_slide(decks.DeckItem.of("security_province_map"), tables)
    feats = slide.spec["datasets"]["geo_provinces"]
    assert len(feats) == 34
    on_map = {f["properties"]["iso_3166_2"]: f["properties"]["count"] for f in feats}
    rows = events[events["category"].isin(security.SECURITY_CATEGORIES) & events["province_iso"].notna()]
    expected = rows["province_iso"].value_counts().to_dict()
    assert {k: v for k, v in on_map.items() if v} == expected
    assert expected["AF-KAB"] == 4 and sum(on_map.values()) == len(slide.data) == 8
    assert slide.spec["layer"][0]["mark"]["type"] == "geoshape"


def test_province_map_filter_keeps_only_chosen_categories_and_says_when_empty(tables):
    attacks = decks.build_slide(decks.DeckItem.of("security_province_map", {"category": ("attack",)}), tables)
    assert set(attacks.data["category"]) == {"attack"}
    assert set(attacks.data["province_iso"]) == {"AF-KAB", "AF-KAN", "AF-BAL", "AF-KDZ"}
    none = decks.build_slide(decks.DeckItem.of("security_province_map", {"category": ()}), tables)
    assert none.points[0] == "No events match: category=none." and none.headline == "0"


def test_neighbour_table_uses_the_countries_layer(tables):
    table = regional.neighbour_table(tables["countries"], tables["events"])
    assert set(table["iso3"]) == {"PAK", "TJK", "IRN", "TKM", "UZB", "CHN"}
    assert table.iloc[0]["iso3"] == "PAK"  # longest border first
    assert table.set_index("iso3").loc["TJK", "security_events"] == 4
    assert table.set_index("iso3").loc["CHN", "security_events"] == 0


def test_maps_never_mutate_the_shared_geojson(tables):
    before = json.dumps(tables["countries"])[:2000], len(tables["countries"]["features"][0]["properties"])
    decks.build_slide(decks.DeckItem.of("regional_neighbours"), tables)
    assert (json.dumps(tables["countries"])[:2000], len(tables["countries"]["features"][0]["properties"])) == before


def test_aid_donor_filter(tables):
    slide = decks.build_slide(decks.DeckItem.of("external_aid", {"donor": ("usa",)}), tables)
    assert set(slide.data["figure_id"]) == {"usaid_emergency_aid_pledge", "us_total_aid_oct2021_jan2022"}


# --- deck URL --------------------------------------------------------------------------------------------------

def test_deck_url_round_trip_leaves_defaults_out(tables):
    items = [decks.DeckItem.of("security_casualties", {"measure": "fatalities"}),
             decks.DeckItem.of("security_province_map", {"category": ("attack", "strike")}),
             decks.DeckItem.of("external_assets")]
    code = deck_url.encode([decks.complete(i, tables) for i in items])
    assert code == "security_casualties:measure=fatalities;security_province_map:category=attack|strike;external_assets"
    parsed = urlstate.Parsed()
    back = deck_url.decode(code, tables, parsed)
    assert not parsed.notices
    assert deck_url.encode(back) == code
    assert deck_url.encode(decks.DEFAULT_DECK) == ";".join(i.view_id for i in decks.DEFAULT_DECK)
    assert deck_url.query(decks.DEFAULT_DECK) == ""
    assert deck_url.query(items, slide=2, present=True).endswith("&slide=2&present=1")


@pytest.mark.parametrize("raw, notice", [
    ("nope;external_aid", "Ignored slide “nope”"),
    ("security_casualties:measure=everything", "ignored Measure “everything”"),
    ("security_casualties:colour=red", "ignored unknown setting “colour”"),
    ("security_province_map:category=attack|<img src=x>", "ignored Event categories value"),
])
def test_bad_deck_entries_give_notices_not_errors(tables, raw, notice):
    parsed = urlstate.Parsed()
    items = deck_url.decode(raw, tables, parsed)
    assert items and any(notice in n for n in parsed.notices), parsed.notices
    assert all("<img" not in n.replace("\\<", "") for n in parsed.notices)  # echoed only Markdown-escaped


@pytest.mark.parametrize("raw", [";;;", "nope", "x" * 5000])
def test_unusable_deck_falls_back_to_the_default(tables, raw):
    parsed = urlstate.Parsed()
    assert deck_url.decode(raw, tables, parsed) == list(decks.DEFAULT_DECK)
    assert parsed.notices


def test_slide_number_out_of_range_is_a_notice_and_slide_one():
    for raw in ("0", "14", "two", "-1"):
        parsed = urlstate.Parsed()
        assert deck_url.slide_number({"slide": raw}, 13, parsed) == 1
        assert "Ignored URL parameter slide=" in parsed.notices[0]
    assert deck_url.slide_number({"slide": "13"}, 13, urlstate.Parsed()) == 13


def test_deck_editing_moves_removes_and_adds():
    d = list(decks.DEFAULT_DECK[:3])
    assert deck_url.moved(d, 0, 1) == [d[1], d[0], d[2]]
    assert deck_url.moved(d, 0, -1) == d
    assert deck_url.removed(d, 1) == [d[0], d[2]]
    assert deck_url.removed(d[:1], 0) == list(decks.DEFAULT_DECK)
    assert deck_url.added(d, d[0])[-1] == d[0]


# --- exports --------------------------------------------------------------------------------------------------

def test_html_export_escapes_text_and_embeds_every_chart(slides):
    hostile = Slide("x", "security", "</script><img src=x onerror=alert(1)>", points=("a <b>bold</b>",),
                    citations=(Citation("summary"),), chart=slides[1].chart)
    html = export_html.build([*slides, hostile], "/*bundle*/")
    assert html.count('<section class="slide') == len(slides) + 1
    assert "<img src=x" not in html and "&lt;img src=x" in html
    specs = json.loads(re.search(r'<script type="application/json" id="specs">(.*?)</script>', html, re.S).group(1))
    assert len(specs) == len(slides) + 1 and all("$schema" not in s for s in specs.values())
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"""(src|href)=["']?https?:""", html)


def test_pptx_has_one_slide_per_deck_slide_with_image_notes_and_source(slides):
    from pptx import Presentation

    from afdash.briefing import images

    few = slides[:3]
    pngs = []

    def render(svg, ppi):
        pngs.append(images.svg_to_png(svg, ppi))
        return pngs[-1]

    prs = Presentation(io.BytesIO(export_pptx.build(few, render)))
    assert len(prs.slides) == 3
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    for i, (ps, s) in enumerate(zip(prs.slides, few, strict=True)):
        pics = [sh for sh in ps.shapes if sh.shape_type == 13]
        assert len(pics) == 1
        assert export_pptx.placed_ppi(pics[0], pngs[i]) >= export_pptx.FALLBACK_PPI
        text = " ".join(sh.text_frame.text for sh in ps.shapes if sh.has_text_frame)
        assert s.title in text and s.source_line in text and all(p in text for p in s.points)
        assert s.notes in ps.notes_slide.notes_text_frame.text


def test_pdf_has_one_page_per_slide(slides):
    pdf = export_pdf.build(slides[:2])
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == 2


def test_pdf_page_layout_holds_the_slide_text(slides):
    parts = export_pdf.layout(slides[1], 2, 13)
    texts = " ".join(b.text for key in ("head", "left", "foot", "notes") for b in parts[key])
    assert "2,106" in texts and parts["number"] == "2 / 13" and "Security situation" in texts
    assert all(p in texts for p in ("Table 1", "ISIS-Khorasan")) and slides[1].notes in texts
    assert parts["chart"] is not None


def test_export_file_names_say_which_deck():
    assert exports.file_name("pptx", "") == "afdash_briefing_default.pptx"
    assert re.fullmatch(r"afdash_briefing_custom-[0-9a-f]{8}\.html", exports.file_name("html", "external_aid"))


# --- the page (AppTest) ---------------------------------------------------------------------------------------


def _slide_title(at: AppTest) -> str:
    return (at.header[0].value if at.header else at.title[0].value)


def test_page_opens_on_slide_one_with_navigation_and_sources():
    at = _open()
    assert at.title[0].value == "Briefing"
    assert _slide_title(at) == "Afghanistan after the U.S. withdrawal"
    assert at.get("vega_lite_chart")
    assert any(c.value.startswith("Source: RIAC–PKU IISS Report 80/2022") for c in at.caption)
    assert at.button(key="briefing_prev").disabled and not at.button(key="briefing_next").disabled


def test_next_and_previous_buttons_move_and_write_the_url():
    at = _open({"slide": "2"})
    assert _slide_title(at).startswith("Civilian casualties")
    assert at.metric[0].value == "2,106"
    at.button(key="briefing_next").click().run()
    assert query_param(at, "slide") == "3" and _slide_title(at) == "ISIS-Khorasan is growing"
    at.button(key="briefing_prev").click().run()
    at.button(key="briefing_prev").click().run()
    assert query_param(at, "slide") == "1"


def test_presentation_mode_from_the_url_shows_the_slide_as_the_page_title():
    at = _open({"present": "1", "slide": "5"})
    assert at.title[0].value == "Where the report places security events"
    assert not any(t.value == "Briefing" for t in at.title)
    assert at.toggle(key="briefing.present").value is True
    chart = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert chart["layer"][0]["mark"]["type"] == "geoshape"
    at.button(key="briefing_next").click().run()
    assert query_param(at, "slide") == "6" and at.title[0].value == "Friction on every border"
    at.toggle(key="briefing.present").set_value(False).run()
    assert at.title[0].value == "Briefing" and query_param(at, "present") is None


@pytest.mark.parametrize("bad", ["99", "abc", "<script>alert(1)</script>"])
def test_bad_slide_number_gives_a_notice_and_slide_one(bad):
    at = _open({"slide": bad})
    assert at.warning and "Ignored URL parameter slide=" in at.warning[0].value
    assert "<script>" not in at.warning[0].value
    assert _slide_title(at) == "Afghanistan after the U.S. withdrawal"


def test_deck_from_the_url_survives_and_bad_entries_are_reported():
    at = _open({"deck": "external_aid:donor=usa;nope;security_casualties", "slide": "2"})
    assert at.warning and "Ignored slide “nope”" in at.warning[0].value
    assert _slide_title(at).startswith("Civilian casualties")
    assert query_param(at, "deck") == "external_aid:donor=usa;security_casualties"
    at.button(key="briefing_prev").click().run()
    assert _slide_title(at) == "Aid in early 2022: the UN plan and U.S. money"
    assert at.button(key="briefing_next").disabled is False


def test_deck_builder_adds_moves_and_removes_slides():
    at = _open()
    at.radio(key="briefing.panel").set_value("Deck builder").run()
    at.selectbox(key="briefing_add_view").set_value("external_aid").run()
    at.multiselect(key="briefing_add_external_aid_donor").set_value(["un"]).run()
    at.button(key="briefing_add").click().run()
    deck = query_param(at, "deck")
    assert deck.endswith(";external_aid:donor=un") and query_param(at, "slide") == "14"
    at.button(key="briefing_up_13").click().run()
    assert query_param(at, "deck").split(";")[12] == "external_aid:donor=un"
    at.button(key="briefing_drop_12").click().run()
    assert query_param(at, "deck") is None  # back to the default deck: nothing in the URL
    at.button(key="briefing_reset").click().run()
    assert query_param(at, "slide") == "1"


def test_export_panel_offers_three_downloads_and_the_slide_its_charts():
    at = _open({"slide": "2"})
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(lbl.startswith("Chart as PNG (200 ppi)") for lbl in labels)
    assert "Chart as SVG" in labels and "Data behind this slide (CSV)" in labels
    at.radio(key="briefing.panel").set_value("Export").run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert [lbl.split(" (")[0] for lbl in labels] == ["Download HTML", "Download PowerPoint", "Download PDF handout"]


def test_slide_data_download_is_the_rows_behind_the_chart(tables):
    slide = decks.build_slide(decks.DeckItem.of("security_province_map"), tables)
    events = tables["events"]
    expected = events[events["category"].isin(security.SECURITY_CATEGORIES) & events["province_iso"].notna()]
    pd.testing.assert_frame_equal(slide.data.reset_index(drop=True), expected.reset_index(drop=True))
