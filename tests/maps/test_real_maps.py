"""Every map as built from the committed data: its labels do not collide, it names what it should, and its key
lists every colour its layers use. Spec-level: the decks' layer data and legend objects, no browser."""

from __future__ import annotations

import json

import pytest

from afdash.maps import labels as L
from afdash.maps import layers as maps
from afdash.maps.legend import hex_of

from . import real

pytestmark = pytest.mark.pipeline


def _layer(deck, layer_id: str):
    return next(layer for layer in deck.layers if layer.id == layer_id)


def _texts(deck, layer_id: str = "labels") -> list[str]:
    return [r["text"] for r in _layer(deck, layer_id).data]


def _boxes(deck, layer_id: str, zoom: float) -> list:
    """Each drawn label's box, estimated again from what the layer holds (text, size, centre)."""
    return [L.label_box(L.Label(r["text"], r["lon"], r["lat"], size=r["size"]), zoom)
            for r in _layer(deck, layer_id).data]


def _fills(deck, layer_id: str, skip=()) -> set[str]:
    data = _layer(deck, layer_id).data
    if isinstance(data, list):  # a point layer's records
        return {hex_of(r["color"]) for r in data}
    feats = data["features"]
    return {hex_of(f["properties"]["fill"]) for f in feats if f["properties"].get("iso3") not in skip}


def _one_text_layer(deck) -> None:
    spec = json.loads(deck.to_json())
    assert [layer["@@type"] for layer in spec["layers"]].count("TextLayer") == 1
    assert "legend" not in json.dumps(spec).lower()  # the key travels beside the deck, not to the browser


# ---------------------------------------------------------------------------------------- security
@pytest.mark.parametrize("selected", [None, "AF-KAB", "AF-BAM"])
def test_security_map_names_provinces_with_events_the_chosen_one_and_neighbours(selected):
    from afdash.security import event_map

    deck = real.security_deck(selected)
    texts = _texts(deck)
    assert not L.any_overlap(_boxes(deck, "labels", event_map.VIEW["zoom"]))
    provinces = _layer(deck, event_map.PROVINCE_LAYER).data["features"]
    with_events = {f["properties"]["name"] for f in provinces if f["properties"]["count"] and
                   not f["properties"]["ring"]}
    assert with_events and all(any(t.startswith(f"{name} (") for t in texts) for name in with_events)
    assert {"PAKISTAN", "IRAN", "TAJIKISTAN", "UZBEKISTAN", "TURKMENISTAN"} <= set(texts)
    if selected:
        name = next(f["properties"]["name"] for f in provinces if f["properties"]["iso_3166_2"] == selected)
        assert any(t == name or t.startswith(f"{name} (") for t in texts)
    _one_text_layer(deck)


def test_security_map_key_lists_every_colour_the_map_uses():
    from afdash.security import event_map

    for selected in (None, "AF-KAB"):
        deck = real.security_deck(selected)
        key = deck.legend
        assert key is not None and "number" in key.title and key.entries
        used = _fills(deck, event_map.PROVINCE_LAYER) | _fills(deck, event_map.POINT_LAYER)
        used |= _fills(deck, event_map.PLACE_LAYER)
        used |= _fills(deck, event_map.COUNTRY_LAYER, skip={"AFG"}) - {hex_of(event_map.LAND_FILL)}
        used -= {hex_of(event_map.HALO)}  # the dots' white halo
        assert used <= key.colours(), used - key.colours()
        assert ("Chosen province" in key.alt()) == bool(selected)
    assert len(real.security_deck().to_json()) < 400_000


# ---------------------------------------------------------------------------------------- regional
@pytest.mark.parametrize("colour", ["stance", "sco", "csto", "border_km"])
def test_regional_map_labels_do_not_collide_and_name_russia_and_afghanistan(colour):
    from afdash.regional import model

    deck = real.regional_deck(colour)
    texts = _texts(deck, "regional-labels")
    assert not L.any_overlap(_boxes(deck, "regional-labels", model.MAP_VIEW["zoom"]))
    from afdash.regional import states

    names = {f["properties"]["iso3"]: f["properties"]["name"] for f in real.geo("countries")["features"]}
    assert {names[iso3] for iso3 in [*states.STATES, "AFG"]} <= set(texts)  # all ten states and Afghanistan
    _one_text_layer(deck)


@pytest.mark.parametrize("which", ["regional", "sco", "usa"])
def test_a_country_name_stays_on_its_country(which):
    """A name moved off its anchor to avoid a collision must not come to rest on a neighbour."""
    from shapely.geometry import Point, shape

    if which == "regional":
        deck, layer = real.regional_deck(), "regional-labels"
    elif which == "usa":
        deck, layer = real.external_deck("usa")[0], "labels"
    else:
        deck, layer = real.channel_deck(which), "labels"
    shapes = {f["properties"]["name"]: shape(f["geometry"]) for f in real.geo("countries")["features"]}
    named = [r for r in _layer(deck, layer).data if r["text"] in shapes]
    assert len(named) >= 8
    for r in named:
        assert shapes[r["text"]].buffer(0.6).contains(Point(r["lon"], r["lat"])), r["text"]


@pytest.mark.parametrize("colour", ["stance", "ots", "border_km"])
def test_regional_map_key_lists_its_colours_and_afghanistan_stands_apart(colour):
    from afdash.regional import model

    deck = real.regional_deck(colour)
    used = _fills(deck, "regional-countries") | _fills(deck, "regional-marks")
    used -= {"#000000", "#ffffff"}  # the incident dots' dark halo, the project lines' white casing
    assert used <= deck.legend.colours(), used - deck.legend.colours()
    afg = hex_of(model.AFGHANISTAN_FILL)
    others = {hex_of(f["properties"]["fill"]) for f in _layer(deck, "regional-countries").data["features"]
              if f["properties"]["iso3"] != "AFG"}
    assert afg not in others and afg != hex_of(model.LAND_FILL) and afg != "#ffffff"
    assert len(deck.to_json()) < 300_000


# ---------------------------------------------------------------------------------------- external
POWERS = ["usa", "pak", "qat", "tur", "ots", "aukus"]


@pytest.mark.parametrize("power", POWERS)
def test_power_map_labels_do_not_collide_and_its_key_lists_its_colours(power):
    from afdash.external import vocabulary

    deck, data, _ = real.external_deck(power)
    assert not L.any_overlap(_boxes(deck, "labels", vocabulary.MAP_VIEW["zoom"]))
    texts = _texts(deck)
    assert "Afghanistan" in texts
    used = _fills(deck, "countries") | (_fills(deck, "marks") if not data["points"].empty else set())
    assert used <= deck.legend.colours(), used - deck.legend.colours()
    _one_text_layer(deck)


def test_the_us_map_draws_its_partners_presence_and_actions_with_names():
    deck, _, _ = real.external_deck("usa")
    texts = set(_texts(deck))
    assert {"Doha", "Kabul", "Nangarhar"} <= texts  # presence and strikes, named without hovering
    assert {"Pakistan", "Turkey", "India", "Kuwait"} <= texts  # partners the report names
    assert {"Partner named by the report", "Presence or footprint", "Action (strike, fighting, clash)"} <= {
        e.text for e in deck.legend.entries}


@pytest.mark.parametrize("power", ["usa", "pak", "tur", "ots", "qat"])
def test_not_drawn_is_said_only_when_something_is_not_drawn(power):
    from afdash.external import powers

    _, data, rows = real.external_deck(power)
    text = powers.map_text(data, rows)
    missing = not data["off_map"].empty or not data["unplaced"].empty
    assert bool(text["heading"]) == missing and bool(text["all_drawn"]) == (not missing)
    if missing:
        assert "not drawn" in text["heading"] and (text["off_map"] or text["unplaced"])


# ------------------------------------------------------------------------------------- cooperation
@pytest.mark.parametrize("channel", ["sco", "csto", "moscow_format", "un", "russia_china_plus"])
def test_membership_map_labels_do_not_collide_and_its_key_lists_its_colours(channel):
    from afdash.cooperation import channels

    deck = real.channel_deck(channel)
    assert not L.any_overlap(_boxes(deck, "labels", channels.MEMBERSHIP_VIEW["zoom"]))
    assert "Afghanistan" in _texts(deck)
    used = _fills(deck, "membership")
    assert used <= deck.legend.colours(), used - deck.legend.colours()
    listed = set(channels.members_of(real.table("channel_members"), channel)["iso3"])
    assert (hex_of(maps.AFGHANISTAN_FILL) in used) == ("AFG" not in listed)  # a listed Afghanistan keeps its role
    _one_text_layer(deck)


# ---------------------------------------------------------------------------------------- briefing
def test_briefing_map_labels_do_not_collide():
    from afdash.briefing import map_charts

    feats = map_charts.clipped(real.geo("provinces"))["features"]
    counts = {"AF-KAB": 4, "AF-BAL": 1, "AF-KDZ": 1, "AF-NAN": 1, "AF-KAN": 1, "AF-PAR": 1, "AF-KAP": 1}
    placed = map_charts.province_labels(feats, counts)
    assert len(placed) >= 5 and not L.any_overlap([tuple(b) for b in placed["box"]])
    countries = real.geo("countries")
    pts = map_charts.region_label_points(countries, ["AFG", "PAK", "IRN", "TKM", "UZB", "TJK", "CHN"])
    import pandas as pd

    labels = pd.DataFrame([{"lon": x, "lat": y, "text": f"{iso}\n1,000 km\n3 events"} for iso, (x, y) in pts.items()])
    out = map_charts.region_labels(labels)
    assert not L.any_overlap([tuple(b) for b in out["box"]])
