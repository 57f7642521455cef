"""Every Explore view's slide (the guard that each view has one is test_view_guard), built from the real tables
with its defaults and with one changed filter, then exported together as one deck."""

import io
import re

import pytest
from PIL import Image
from pptx import Presentation

from afdash.briefing import deck as decks
from afdash.briefing import export_pdf, export_pptx
from afdash.briefing import registry as recipes

pytestmark = pytest.mark.pipeline  # builds slides from the committed data


# Each new view's recipe with one filter changed from its default; the slide must change with it (the imported-
# events views are checked with no files imported, where they must say so).
CHANGED = {
    "security_record_dyads": {"where": ("AFG", "PAK")},
    "security_record_economy": {"econ": ("AFG",)},
    "security_imported_map": {"measure": "events"},
    "security_imported_actors": {"measure": "deaths"},
    "security_imported_overlay": {"measure": "events"},
    "regional_matrix": {"level": "high"},
    "regional_compare": {"b": "CHN"},
    "regional_profile": {"state": "TJK"},
    "cooperation_channels": {"together": "both"},
    "cooperation_members": {"channel": "csto"},
    "cooperation_network": {"channel": "csto"},
    "cooperation_matrix": {"states": "all"},
    "cooperation_views": {"agreement": ("diverge",)},
    "cooperation_recommendations": {"voice": ("russian",)},
    "external_us": {"context": "1"},
    "external_players": {"player": "qat"},
    "external_influence": {},  # the view has no filter
    "external_map": {"power": "pak"},
}
IMPORTED = {"security_imported_map", "security_imported_actors", "security_imported_overlay"}


@pytest.fixture(scope="session")
def tables():
    return recipes.Tables()


@pytest.fixture(autouse=True)
def no_imported_events(tmp_path, monkeypatch):
    monkeypatch.setenv("AFDASH_EVENTS_DIR", str(tmp_path / "no-events"))


def _fingerprint(slide) -> tuple:
    return (slide.title, slide.headline, slide.headline_label, slide.points,
            None if slide.data is None else len(slide.data))


@pytest.mark.parametrize("view_id", list(CHANGED))
def test_view_slide_builds_with_defaults_and_follows_a_changed_filter(tables, view_id):
    default = decks.build_slide(decks.DeckItem.of(view_id), tables)
    assert default.view_id == view_id and default.citations and default.datasets
    assert default.data is not None and len(default.data), "a slide's CSV holds the rows behind it"
    assert default.spec is not None or default.points
    if view_id in IMPORTED:
        assert default.points[0].startswith("No UCDP or ACLED files have been imported")
        assert "none imported" in default.title
    item = decks.DeckItem.of(view_id, CHANGED[view_id])
    assert decks.complete(item, tables).as_dict() == {**recipes.get(view_id).defaults(), **CHANGED[view_id]}
    changed = decks.build_slide(item, tables)
    if CHANGED[view_id] and view_id not in IMPORTED:
        assert _fingerprint(changed) != _fingerprint(default), f"{view_id}: the filter changed nothing"


def test_view_slides_specific_values(tables):
    matrix = decks.build_slide(decks.DeckItem.of("regional_matrix", {"level": "high"}), tables)
    assert set(matrix.data["Terrorist threat"]) == {"high"}
    members = decks.build_slide(decks.DeckItem.of("cooperation_members", {"channel": "csto"}), tables)
    assert members.headline == str(len(members.data)) and "CSTO" in members.title
    usa = decks.build_slide(decks.DeckItem.of("external_map"), tables)
    assert any(p.startswith("Not on this map: United States") for p in usa.points)
    econ = decks.build_slide(decks.DeckItem.of("security_record_economy", {"econ": ("AFG",)}), tables)
    assert set(econ.data["iso3"]) == {"AFG"} and "World Bank" in econ.caveat and "CC BY 4.0" in econ.caveat
    channel = recipes.get("cooperation_members").param("channel")  # names from the data, for the deck builder
    assert channel.label_of("sco_afg_contact_group", tables) == "SCO–Afghanistan Contact Group"
    assert channel.label_of("sco_afg_contact_group") == "sco_afg_contact_group"


def _blank_png(svg: str, ppi: float) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="session")
def view_slides(tables):
    return decks.build_deck([decks.DeckItem.of(v) for v in CHANGED], tables)


def test_view_slide_points_paraphrase_the_report(view_slides, report_text):
    words = re.findall(r"[A-Za-z']+", report_text.lower())
    grams = {" ".join(words[i : i + 8]) for i in range(len(words) - 8)}
    for s in view_slides:
        for text in (*s.points, s.notes, s.caveat):
            w = re.findall(r"[A-Za-z']+", text.lower())
            copied = [" ".join(w[i : i + 8]) for i in range(len(w) - 8) if " ".join(w[i : i + 8]) in grams]
            assert not copied, f"{s.view_id}: {copied}"


def test_the_view_slides_export_as_one_deck(view_slides):
    slides = view_slides
    # The PowerPoint's chart pictures are a blank stand-in: rasterising 18 charts at 200 ppi is most of an
    # export's time, and test_exports checks the real pictures on the default deck.
    pptx, pdf = export_pptx.build(slides, render_png=_blank_png), export_pdf.build(slides)
    assert len(Presentation(io.BytesIO(pptx)).slides) == len(slides)
    assert export_pptx.overflows(pptx) == [], "PowerPoint text runs out of its box"
    for number, s in enumerate(slides, start=1):  # the handout's text blocks fit their page
        parts = export_pdf.layout(s, number, len(slides))
        width = export_pdf.LEFT_W if parts["chart"] else export_pdf.PAGE_W - 2 * export_pdf.MARGIN
        assert parts["body_top"] + export_pdf.height(parts["left"], width) <= parts["foot_top"], s.view_id
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(slides)


@pytest.fixture(scope="session")
def imported_dir(tmp_path_factory):
    from afdash.intake.pipeline import import_files
    from tests.events.support import ACLED_FIXTURE, GED_FIXTURE

    folder = tmp_path_factory.mktemp("events")
    import_files([GED_FIXTURE, ACLED_FIXTURE], folder)
    return folder


def test_imported_event_slides_draw_the_imported_files(tables, imported_dir, monkeypatch):
    from afdash.userevents import query

    monkeypatch.setenv("AFDASH_EVENTS_DIR", str(imported_dir))
    t = query.open_table()
    provinces = query.provinces(t, query.Filter())
    placed = provinces[(provinces["province_code"] != "") & (provinces["deaths"] > 0)]
    by_id = {v: decks.build_slide(decks.DeckItem.of(v), tables) for v in sorted(IMPORTED)}
    for slide in by_id.values():
        assert "none imported" not in slide.title and not slide.points[0].startswith("No UCDP")
        assert slide.spec is not None and slide.data_name == "imported_events"
    assert by_id["security_imported_map"].headline == str(len(placed))
    actors = query.actors(t, query.Filter(), 10)
    assert list(by_id["security_imported_actors"].data["actor"]) == list(actors["actor"])
    events = decks.build_slide(decks.DeckItem.of("security_imported_map", {"measure": "events"}), tables)
    assert events.headline == str(int((provinces.loc[provinces["province_code"] != "", "events"] > 0).sum()))
    # the page's code-valued filters travel with the slide
    sources = recipes.get("security_imported_trend").param("source").allowed(tables)
    countries = recipes.get("security_imported_trend").param("country").allowed(tables)
    assert set(sources) == {"ucdp-ged", "acled"} and "AFG" in countries
    afg = decks.build_slide(decks.DeckItem.of("security_imported_trend", {"measure": "events", "country": ("AFG",)}),
                            tables)
    assert afg.headline == f"{query.count(t, query.Filter(countries=('AFG',))):,}"
    assert afg.headline != f"{query.count(t, query.Filter()):,}" and "AFG" in afg.caveat
    kabul = decks.build_slide(decks.DeckItem.of("security_imported_actors", {"province": "AF-KAB"}), tables)
    assert list(kabul.data["actor"]) == list(query.actors(t, query.Filter(province="AF-KAB"), 10)["actor"])
