"""Regional actors: datasets, border computation, the states × issues matrix and its filters, the map's
layers, and the page through AppTest."""

import base64
import functools
import io
import json
import re
from xml.etree import ElementTree

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from afdash.build.geometry import countries
from afdash.core import downloads, palette
from afdash.regional import datasets as ds
from afdash.regional import frames, matrix, model, profiles, states

from ..apptest_support import elements, markdown_tables, open_clean, page, popovers, query_param
from ..conftest import DATA

PAGE = page("pages/regional-actors.py")
_open = functools.partial(open_clean, PAGE, timeout=90)
LAND_NEIGHBOURS = {"IRN", "TKM", "UZB", "TJK", "CHN", "PAK"}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="session")
def tables(built):
    return {name: b.table for name, b in built.items()}


@pytest.fixture(scope="session")
def names(tables):
    return states.state_names(tables["actors"])


@pytest.fixture(scope="session")
def km(tables):
    return states.border_lengths(tables["countries"])


@pytest.fixture(scope="session")
def cells(tables):
    return matrix.matrix_cells(tables["regional_statements"])


@pytest.fixture(scope="session")
def stance_table(tables):
    return states.stances(tables["regional_statements"])


@pytest.fixture(scope="session")
def country_fc():
    return json.loads((DATA / "clean" / "countries.geojson").read_text())


# ------------------------------------------------------------------------------------------ border computation
def test_land_neighbours_are_exactly_the_six_each_with_a_positive_border(tables, km):
    assert set(states.land_neighbours(tables["countries"])) == LAND_NEIGHBOURS
    for iso3 in LAND_NEIGHBOURS:
        assert km[iso3] > 0, iso3
    for iso3 in set(states.STATES) - LAND_NEIGHBOURS:
        assert km[iso3] == 0, iso3


def test_border_lengths_come_from_the_shared_topology(km):
    topology = json.loads((DATA / "vendor" / "world-atlas" / "countries-10m.json").read_text())
    direct = countries.border_lengths_km(topology)
    assert set(direct) == LAND_NEIGHBOURS
    assert {k: km[k] for k in LAND_NEIGHBOURS} == pytest.approx(direct)
    # Durand Line longest, Wakhan strip to China shortest.
    assert max(direct, key=direct.get) == "PAK" and min(direct, key=direct.get) == "CHN"


def test_border_midpoints_lie_on_the_shared_border(tables, country_fc):
    polys = {f["properties"]["iso3"]: shape(f["geometry"]) for f in country_fc["features"]}
    pts = tables["regional_points"]
    mids = pts[pts["kind"] == "border_midpoint"].set_index("iso3")
    assert set(mids.index) == LAND_NEIGHBOURS
    for iso3, r in mids.iterrows():
        p = Point(r["lon"], r["lat"])
        # within ~5 km of both countries' (simplified) outlines
        assert polys["AFG"].boundary.distance(p) < 0.05, iso3
        assert polys[iso3].boundary.distance(p) < 0.05, iso3


def test_anchor_points_fall_inside_their_country(tables, country_fc):
    polys = {f["properties"]["iso3"]: shape(f["geometry"]) for f in country_fc["features"]}
    anchors = tables["regional_points"].query("kind == 'anchor'")
    assert set(anchors["iso3"]) == set(polys)
    for _, r in anchors.iterrows():
        assert polys[r["iso3"]].buffer(0.05).contains(Point(r["lon"], r["lat"])), r["iso3"]


# ---------------------------------------------------------------------------------------------------- profiles
def test_all_ten_states_have_complete_sourced_profiles(tables, stance_table):
    st = tables["regional_statements"]
    assert set(st["state_iso3"]) == set(states.STATES)
    assert stance_table["stance"].notna().all() and stance_table["statement"].notna().all()
    for iso3 in states.STATES:
        mine = st[st["state_iso3"] == iso3]
        for aspect in ("stance", "security_concern", "engagement", "formats"):
            assert (mine["aspect"] == aspect).any(), (iso3, aspect)
        prof = profiles.profile(st, iso3)
        assert set(states.ALWAYS_SHOWN) <= set(prof)
    assert st["section"].notna().all()
    assert st["statement"].str.len().gt(20).all()


def test_stance_classes_follow_the_report(stance_table):
    s = stance_table["stance"].to_dict()
    assert s["UZB"] == s["TKM"] == "engaging"
    assert s["TJK"] == "hostile"
    assert s["CHN"] == s["RUS"] == "engaged_cautious"
    assert s["PAK"] == s["IRN"] == s["IND"] == "strained"
    assert s["KAZ"] == s["KGZ"] == "not_characterised"


def test_every_number_in_a_statement_is_printed_in_the_report(tables, report_text):
    text = report_text.replace("\u2013", "-")
    for _, r in tables["regional_statements"].iterrows():
        for n in re.findall(r"\d+(?:[.,]\d+)*", r["statement"]):
            assert re.search(rf"(?<![\d.,]){re.escape(n)}(?!\d|[.,]\d)", text), (r["statement_id"], n)


def test_iran_profile_names_refugees_and_the_helmand(tables):
    prof = profiles.profile(tables["regional_statements"], "IRN")
    assert prof["refugees"]["statement"].str.contains("850,000").any()
    assert prof["water"]["statement"].str.contains("Helmand").any()
    assert prof["water"]["source"].iloc[0].startswith("“The region's role”")


def test_state_events_come_from_the_events_dataset(tables):
    ev = profiles.state_events(tables["events"], "TKM")
    assert "ev_20220103_turkmen_border_clash" in set(ev["event_id"])
    assert ev["date_start"].is_monotonic_increasing
    assert all(" tkm" in f" {a.replace('|', ' ')}" for a in ev["actor_ids"])


def test_memberships_are_public_record_with_sources(tables):
    m = tables["regional_memberships"]
    assert len(m) == len(states.STATES) * len(states.ORGS)
    assert m["source_url"].str.match(r"https?://").all()
    csto = set(m[(m["org_id"] == "csto") & (m["status"] == "member")]["state_iso3"])
    assert csto == {"RUS", "KAZ", "KGZ", "TJK"}
    iran = m[(m["org_id"] == "sco") & (m["state_iso3"] == "IRN")].iloc[0]
    assert iran["status"] == "observer" and "calls Iran an SCO member" in iran["note"]


# ------------------------------------------------------------------------------------------------------ matrix
def test_matrix_is_the_complete_grid_and_silence_is_not_discussed(cells, tables):
    assert len(cells) == len(states.STATES) * len(states.ISSUES)
    tagged = tables["regional_statements"].dropna(subset=["issue"])
    have = set(zip(tagged["state_iso3"], tagged["issue"], strict=True))
    for _, c in cells.iterrows():
        if (c["state_iso3"], c["issue"]) in have:
            mine = tagged[(tagged["state_iso3"] == c["state_iso3"]) & (tagged["issue"] == c["issue"])]
            assert c["rank"] == mine["level"].map(states.LEVEL_RANK).max()
            assert c["sources"]
        else:
            assert c["level"] == "not_discussed" and c["label"] == states.NOT_DISCUSSED and c["basis"] == ""


def test_matrix_cells_on_known_rows(cells):
    c = cells.set_index(["state_iso3", "issue"])
    assert c.loc[("IRN", "refugees"), "level"] == "high" and "850,000" in c.loc[("IRN", "refugees"), "basis"]
    assert c.loc[("IRN", "water"), "level"] == "high"
    assert c.loc[("IRN", "terrorist_threat"), "level"] == "not_discussed"
    assert c.loc[("RUS", "border_clashes"), "level"] == "not_discussed"
    assert c.loc[("TJK", "engagement"), "level"] == "low"
    assert c.loc[("UZB", "trade_transit"), "level"] == "high"
    assert "fn. 32" in c.loc[("PAK", "border_clashes"), "sources"]


def test_filters_keep_and_drop_the_right_states(cells, stance_table):
    f = matrix.filter_states
    all_stances = list(states.STANCES)
    assert f(cells, stance_table, all_stances, "terrorist_threat", "any") == list(states.STATES)
    assert f(cells, stance_table, ["hostile"], "terrorist_threat", "any") == ["TJK"]
    assert f(cells, stance_table, all_stances, "water", "high") == ["IRN"]
    assert f(cells, stance_table, all_stances, "water", "none") == [s for s in states.STATES if s != "IRN"]
    assert f(cells, stance_table, ["engaging"], "terrorist_threat", "high") == ["UZB"]
    assert f(cells, stance_table, ["engaging"], "terrorist_threat", "medium") == ["UZB", "TKM"]
    assert f(cells, stance_table, [], "water", "any") == []


def test_sorting(cells, names, km):
    every = list(states.STATES)
    assert matrix.order_states(every, cells, names, km, "report") == every
    assert matrix.order_states(every, cells, names, km, "name") == sorted(every, key=names.get)
    by_border = matrix.order_states(every, cells, names, km, "border_km")
    assert by_border[:6] == ["PAK", "TJK", "IRN", "TKM", "UZB", "CHN"]
    assert by_border[6:] == ["RUS", "KAZ", "KGZ", "IND"]  # ties keep report order
    assert matrix.order_states(every, cells, names, km, "water")[0] == "IRN"


def test_matrix_table_and_download_are_exactly_the_filtered_rows(cells, stance_table, names, km):
    kept = matrix.filter_states(cells, stance_table, ["strained"], "border_clashes", "high")
    assert kept == ["PAK", "IRN"]
    table = matrix.matrix_table(cells, stance_table, names, km, kept)
    assert table["iso3"].tolist() == ["PAK", "IRN"]
    assert table["Refugees"].tolist() == [states.NOT_DISCUSSED, "high"]
    back = pd.read_csv(io.BytesIO(downloads.to_csv_bytes(table)), encoding="utf-8-sig")
    assert back["iso3"].tolist() == kept and list(back.columns) == list(table.columns)
    basis = matrix.basis_table(cells, names, kept)
    assert len(basis) == 2 * len(states.ISSUES) and set(basis["iso3"]) == set(kept)


def test_side_by_side(cells, stance_table):
    sbs = matrix.side_by_side(cells, stance_table, "CHN", "TJK")
    assert sbs["topic"].tolist() == ["Stance", *states.ISSUES.values()]
    row = sbs.set_index("topic").loc["Engagement with Kabul"]
    assert row["a"].startswith("high") and row["b"].startswith("low")
    assert "fn." in row["a_basis"]


# --------------------------------------------------------------------------------------------------------- map
def test_border_points_count_the_incidents_of_the_table(tables, names):
    inc = model.border_incidents(tables["regional_border_events"], tables["events"], names)
    pts = model.border_points(inc, tables["regional_points"])
    assert dict(zip(pts["iso3"], pts["n"], strict=True)) == inc["border_iso3"].value_counts().to_dict()
    assert dict(zip(pts["iso3"], pts["n"], strict=True)) == {"IRN": 1, "PAK": 1, "TJK": 4, "TKM": 1, "UZB": 1}
    mids = tables["regional_points"].query("kind == 'border_midpoint'").set_index("iso3")
    for _, p in pts.iterrows():
        assert (p["lon"], p["lat"]) == (mids.loc[p["iso3"], "lon"], mids.loc[p["iso3"], "lat"])
        assert "marks the border, not the place" in p["tooltip"]


def test_project_lines_follow_their_route_nodes(tables, names):
    nodes = model.node_coordinates(tables["regional_points"], tables["provinces"])
    paths = model.project_paths(tables["regional_projects"], nodes, names).set_index("project_id")
    assert "aynak" not in paths.index  # a deposit, no route
    assert paths.loc["hairaton_mazar", "path"][-1] == nodes["AF-BAL"]
    assert paths.loc["tapi", "path"] == [nodes[n] for n in ("TKM", "AFG", "PAK", "IND")]
    assert paths["tooltip"].str.contains("schematic line").all()


def test_country_colours_and_legend(tables, names, km, stance_table):
    m = tables["regional_memberships"]
    styles, legend = model.country_styles("csto", names, stance_table, m, km, states.STATES)
    member = palette.hex_to_rgb(states.MEMBERSHIP["member"][1], 200)
    assert {s for s in states.STATES if styles[s]["fill"] == member} == {"RUS", "KAZ", "KGZ", "TJK"}
    assert legend["n"].sum() == len(states.STATES)
    styles, legend = model.country_styles("stance", names, stance_table, m, km, ["TJK", "UZB"])
    assert styles["KAZ"]["fill"] == model.FILTERED_OUT_FILL and "filtered out" in styles["KAZ"]["tooltip"]
    assert legend["n"].sum() == 2
    styles, border_legend = model.country_styles("border_km", names, stance_table, m, km, states.STATES)
    assert "2,246 km" in styles["PAK"]["tooltip"] and "no land border" in styles["IND"]["tooltip"]
    assert styles["IND"]["fill"] == model.NO_BORDER_FILL != model.AFGHANISTAN_FILL
    rows = dict(zip(border_legend["label"], border_legend["states"], strict=True))
    assert rows["No land border"] == ["RUS", "KAZ", "KGZ", "IND"] and rows["2,246 km"] == ["PAK"]
    svg = ElementTree.fromstring(model.legend_svg(legend, "x", extra=[]))
    assert [r.get("fill") for r in svg.iter(f"{SVG}rect")] == [states.STANCE_COLOURS["engaging"],
                                                                states.STANCE_COLOURS["hostile"]]


def _image_svg(at) -> str:
    """The SVG of the page's one image (the map legend), which Streamlit sends as a data URL."""
    (image,) = at.get("image")
    url = image.proto.imgs[0].url
    assert url.startswith("data:image/svg+xml;base64,"), url[:60]
    return base64.b64decode(url.split(",", 1)[1]).decode()


def _svg_rows(svg_text: str) -> tuple[str, list[tuple[str, str]]]:
    """(title, [(swatch colour, text)]) of a legend SVG, which must be well-formed XML."""
    svg = ElementTree.fromstring(svg_text)
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    swatches = [e.get("fill") if e.get("fill") != "none" else e.get("stroke") for e in svg
                if e.tag in (f"{SVG}rect", f"{SVG}circle")]
    return texts[0], list(zip(swatches, texts[1:], strict=True))


def _class_rows(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The attribute's classes: the rows before the map's other colours (Afghanistan, incidents, lines)."""
    others = {text for _, text, _ in model.map_extras()}
    return [r for r in rows if r[1] not in others]


def test_legend_svg_has_one_swatch_per_class_in_the_map_colour(tables, names, km, stance_table):
    m = tables["regional_memberships"]
    _, legend = model.country_styles("stance", names, stance_table, m, km, states.STATES)
    title, rows = _svg_rows(model.legend_svg(legend, "Stance toward the Taliban government", extra=[]))
    assert title == "Stance toward the Taliban government"
    assert rows == [(states.STANCE_COLOURS[c], text) for c, (_, text) in
                    zip(states.STANCES, model.legend_lines(legend), strict=True)]
    assert ("#CC79A7", "Hostile: Tajikistan") in rows
    _, border = model.country_styles("border_km", names, stance_table, m, km, states.STATES)
    _, rows = _svg_rows(model.legend_svg(border, "km", extra=[]))
    assert len(rows) == len(LAND_NEIGHBOURS) + 1 and rows[0][1] == "Pakistan: 2,246 km"
    assert rows[-1] == ("#c8c8c8", "No land border: Russia, Kazakhstan, Kyrgyzstan, India")
    _, csto = model.country_styles("csto", names, stance_table, m, km, ["TJK"])
    _, rows = _svg_rows(model.legend_svg(csto, "CSTO", extra=[]))
    assert rows == [(states.MEMBERSHIP["member"][1], "Member: Tajikistan")]  # classes without a state left out


def test_legend_svg_escapes_every_label():
    hostile = '<script>alert(1)</script> & "q" ]]>'
    legend = pd.DataFrame({"label": [hostile, "empty"], "colour": ['#123456"/><script x="', "#000000"],
                           "states": [["PAK"], []], "n": [1, 0], "names": [hostile, ""]})
    svg_text = model.legend_svg(legend, hostile, extra=[])
    assert "<script" not in svg_text and "&lt;script&gt;" in svg_text and "&amp;" in svg_text
    title, rows = _svg_rows(svg_text)  # parses: nothing broke out of its element or attribute
    assert title == hostile
    assert rows == [('#123456"/><script x="', f"{hostile}: {hostile}")]


def test_the_map_is_offline_and_uses_text_tooltips(tables, country_fc):
    deck, _ = model.map_and_legend(frames.derived(tables), "stance", states.STATES,
                                      model.map_countries(country_fc), tables["provinces"])
    spec = json.loads(deck.to_json())
    assert deck.map_provider is None and "mapProvider" not in spec
    assert spec.get("mapStyle") in (None, "", "__MAP_STYLE__")  # pydeck's placeholder; no basemap is fetched
    assert deck._tooltip == {"text": "{tooltip}"}
    # polygons only, plus one text layer: each further layer type costs a shader compilation and a slower redraw
    assert [(layer["id"], layer["@@type"]) for layer in spec["layers"]] == [
        ("regional-land", "GeoJsonLayer"), ("regional-countries", "GeoJsonLayer"), ("regional-marks", "GeoJsonLayer"),
        ("regional-labels", "TextLayer")]
    assert not any(layer.get("stroked") for layer in spec["layers"][:3])
    assert "http" not in deck.to_json()
    assert "\n" not in deck.to_json() and len(deck.to_json()) < 300_000  # compact: sent on every rerun
    # the cached layer was not mutated
    assert "fill" not in country_fc["features"][0]["properties"]


def test_map_colours_only_the_kept_states_and_its_legend_follows_the_colouring(tables, country_fc):
    base, fc = frames.derived(tables), model.map_countries(country_fc)

    def fills(deck):
        layer = json.loads(deck.to_json())["layers"][1]
        return {f["properties"]["iso3"]: tuple(f["properties"]["fill"]) for f in layer["data"]["features"]}

    every, legend = model.map_and_legend(base, "stance", states.STATES, fc, tables["provinces"])
    two, _ = model.map_and_legend(base, "stance", ["PAK", "IRN"], fc, tables["provinces"])
    assert fills(two)["PAK"] == fills(every)["PAK"] and fills(two)["IRN"] == fills(every)["IRN"]
    assert fills(two)["UZB"] != fills(every)["UZB"]  # filtered out: drawn as outside the matrix
    _, csto = model.map_and_legend(base, "csto", states.STATES, fc, tables["provinces"])
    assert not legend.equals(csto)


def test_clipped_layer_keeps_the_region_within_the_map_box(country_fc):
    clipped = model.clip_layer(country_fc)
    assert set(states.STATES) | {"AFG"} <= {f["properties"]["iso3"] for f in clipped["features"]}
    assert len(json.dumps(clipped)) < 0.7 * len(json.dumps(country_fc))
    x0, y0, x1, y1 = model.MAP_BOX
    for f in clipped["features"]:
        g = shape(f["geometry"])
        assert x0 - 1e-6 <= g.bounds[0] and g.bounds[2] <= x1 + 1e-6 and y0 - 1e-6 <= g.bounds[1]
        assert g.bounds[3] <= y1 + 1e-6
    afg = next(f for f in clipped["features"] if f["properties"]["iso3"] == "AFG")
    assert afg["properties"] == next(f for f in country_fc["features"] if f["properties"]["iso3"] == "AFG")[
        "properties"]


# ------------------------------------------------------------------------------------------------ dataset checks
def test_dataset_checks_name_the_bad_rows(tables):
    t = dict(tables)
    st = t["regional_statements"].copy()
    st = st[~((st["state_iso3"] == "KAZ") & (st["aspect"] == "stance"))]
    st.loc[st.index[0], "project_ids"] = "no_such_project"
    st.loc[st.index[1], "level"] = None
    t["regional_statements"] = st
    problems = [str(e) for e in ds.statement_checks(t)]
    assert any("KAZ" in p and "stance" in p for p in problems)
    assert any("no_such_project" in p for p in problems)
    assert any("issue and level" in p for p in problems)

    be = t["regional_border_events"].copy()
    be.loc[be.index[0], "border_iso3"] = "RUS"
    be.loc[be.index[1], "footnote"] = 1
    t["regional_border_events"] = be
    problems = [str(e) for e in ds.border_event_checks(t)]
    assert any("not a land neighbour" in p for p in problems)
    assert any("differs from the event's footnote" in p for p in problems)

    t["regional_memberships"] = t["regional_memberships"].iloc[1:]
    assert any("missing" in str(e) for e in ds.membership_checks(t))
    pr = t["regional_projects"].copy()
    pr.loc[pr["project_id"] == "tapi", "route"] = "TKM|AF-XXX|RUS"
    t["regional_projects"] = pr
    problems = [str(e) for e in ds.project_checks(t)]
    assert any("AF-XXX" in p for p in problems) and any("RUS" in p for p in problems)
    assert not ds.point_checks(tables)


# ------------------------------------------------------------------------------------------------------ AppTest


def _view(at) -> str:
    return at.radio(key="regional.view").value


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_default_view_is_the_map_with_its_legend_and_sources():
    at = _open()
    assert at.title[0].value == "Regional actors"
    assert _view(at) == "map" and query_param(at, "view") is None
    assert len(at.get("deck_gl_json_chart")) == 1
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    marks = next(layer for layer in deck["layers"] if layer["id"] == "regional-marks")["data"]["features"]
    tips = [f["properties"]["tooltip"] for f in marks]
    assert any(t.startswith("Afghanistan–Pakistan border:") for t in tips)  # border incidents, on their border
    assert any("schematic line, not the actual route" in t for t in tips)  # the project lines
    assert not (at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")), "no chart library for the legend"
    _, rows = _svg_rows(_image_svg(at))
    assert {colour for colour, _ in _class_rows(rows)} == set(states.STANCE_COLOURS.values())
    assert ("#7d7d7d", "Afghanistan") in rows  # Afghanistan apart from the classes, the land and the sea
    captions = _captions(at)
    assert "schematic" in captions and "marks the border" in captions and "Natural Earth 1:10m" in captions
    assert "Report 80/2022" in captions
    boxes = popovers(at)
    # the filters and the lists are in popovers, which the browser draws only when opened (page speed)
    assert {w.key for w in elements(boxes["Filter states"]) if getattr(w, "key", None)} == {
        "regional.stance", "regional.issue", "regional.level"}, "the map has no order, so no sort box"
    assert [k for k in boxes if k.startswith("Border incidents on the map (")]
    assert [k for k in boxes if k.startswith("Projects (")]
    assert "States coloured: 10 of 10 (filters: none)" in captions
    assert not at.dataframe, "only the chosen view is drawn: the matrix grids belong to their own view"
    assert not at.warning


def test_matrix_view_lists_every_state_with_downloads_and_basis():
    at = _open({"view": "matrix"})
    assert _view(at) == "matrix" and query_param(at, "view") == "matrix"
    (basis,) = (d.value for d in at.dataframe)  # the matrix itself is a Markdown table: every column shows
    matrix = next(t for t in markdown_tables(at) if "Stance" in t.columns)
    assert list(matrix.columns) == ["State", "Stance", "Border (km)", *states.ISSUES.values()]
    assert matrix["State"].tolist() == [frames_names()[i] for i in states.STATES]
    assert matrix["Terrorist threat"].str.fullmatch(r"(●●● high|●● medium|● low|— not discussed)").all()
    assert len(basis) == len(states.STATES) * len(states.ISSUES)  # every cell, with its sources
    assert basis["iso3"].unique().tolist() == list(states.STATES)
    labels = [d.proto.label for d in at.get("download_button")]
    assert any(label.startswith("Download matrix CSV (10 states)") for label in labels)
    assert any(label.startswith("Download basis CSV (") for label in labels)
    captions = _captions(at)
    assert "Report 80/2022" in captions and "regional_statements dataset" in captions
    assert states.LEVEL_MEANING[:40] in captions
    assert not at.get("deck_gl_json_chart") and not at.get("image")
    assert not at.warning


def test_compare_view_shows_pakistan_and_iran_side_by_side(cells, stance_table):
    at = _open({"view": "compare"})
    assert _view(at) == "compare"
    texts = [m.value for m in at.markdown]
    assert "#### Pakistan" in texts and "#### Iran" in texts
    shown = [t for t in texts if t.startswith("**")]
    sbs = matrix.side_by_side(cells, stance_table, "PAK", "IRN")
    assert len(shown) == 2 * len(sbs) == 2 * (1 + len(states.ISSUES))
    assert shown[:2] == [f"**Stance:** {sbs.loc[0, 'a']}", f"**Stance:** {sbs.loc[0, 'b']}"]
    assert "Report 80/2022" in _captions(at) and "chapter, page and footnote" in _captions(at)
    assert not at.dataframe and not at.get("deck_gl_json_chart")


def test_profile_view_shows_the_profile_of_the_state_in_the_url():
    at = _open({"view": "profile", "state": "TJK"})
    assert _view(at) == "profile" and at.selectbox(key="regional.state").value == "TJK"
    assert any(m.value == "### Tajikistan" for m in at.markdown)
    assert at.metric[0].value == "Hostile"
    body = next(m.value for m in at.markdown if m.value.startswith("**"))
    heads = [line for line in body.split("\n\n") if line.startswith("**")]
    assert set(heads[:-2]) <= {f"**{a}**" for a in states.ASPECTS.values()} and len(heads) > 4
    assert heads[-2:] == ["**Transit, energy and mining projects**", "**Memberships (public record, 2022)**"]
    assert any(e.label.startswith("Dated events involving Tajikistan") for e in at.expander)
    assert "Report 80/2022" in _captions(at)
    assert not at.dataframe and not at.get("deck_gl_json_chart")


SHARED_LINK = {"stance": "strained", "issue": "border_clashes", "level": "high", "sort": "border_km",
               "state": "IRN", "a": "CHN", "b": "TJK", "colour": "csto"}


def test_filters_from_the_url_shape_each_view():
    at = _open({**SHARED_LINK, "view": "matrix"})
    assert next(t for t in markdown_tables(at) if "Stance" in t.columns)["State"].tolist() == ["Pakistan", "Iran"]
    assert at.multiselect(key="regional.stance").value == ["strained"]
    assert any("Download matrix CSV (2 states)" in d.proto.label for d in at.get("download_button"))
    assert not at.warning

    at = _open(SHARED_LINK)
    assert _view(at) == "map" and at.multiselect(key="regional.stance").value == ["strained"]
    assert at.selectbox(key="regional.colour").value == "csto"
    assert "Memberships are public record" in _captions(at)
    _, rows = _svg_rows(_image_svg(at))
    # only the kept two
    assert _class_rows(rows) == [(states.MEMBERSHIP["not_member"][1], "Not a member: Pakistan, Iran")]

    at = _open({**SHARED_LINK, "view": "profile"})
    assert any(m.value == "### Iran" for m in at.markdown)
    assert any("about 850,000 refugees" in m.value for m in at.markdown)

    at = _open({**SHARED_LINK, "view": "compare"})
    assert any(m.value == "#### China" for m in at.markdown) and any(m.value == "#### Tajikistan" for m in at.markdown)
    # a view leaves the other views' parameters in the URL as they were
    assert {k: query_param(at, k) for k in SHARED_LINK} == SHARED_LINK


def test_no_match_says_why():
    at = _open({"view": "matrix", "stance": "hostile", "issue": "water", "level": "high"})
    assert at.info and "No states match" in at.info[0].value and "Water=high" in at.info[0].value
    assert not at.dataframe


def test_filters_text_names_only_filters_off_their_default():
    assert matrix.filters_text(list(states.STANCES), "water", "any") == "none"
    assert matrix.filters_text([], "water", "any") == "stance=none selected"
    text = matrix.filters_text(["hostile"], "water", "high")
    assert text == f"stance={states.STANCES['hostile']}; {states.ISSUES['water']}={states.LEVEL_FILTER['high']}"


def test_the_map_says_how_many_states_its_filters_keep():
    at = _open({"stance": "hostile", "issue": "water", "level": "high"})
    captions = _captions(at)
    assert "States coloured: 0 of 10" in captions and "Water=high" in captions, "an empty map says why"
    assert len(at.get("deck_gl_json_chart")) == 1


def test_changing_a_filter_updates_the_url_and_other_views_keep_it():
    at = _open()
    at.selectbox(key="regional.colour").set_value("border_km").run()
    assert query_param(at, "colour") == "border_km"
    at.multiselect(key="regional.stance").set_value(["engaging"]).run()
    assert query_param(at, "stance") == "engaging"
    _, rows = _svg_rows(_image_svg(at))
    # longest border first
    assert [text.split(":")[0] for _, text in _class_rows(rows)] == ["Turkmenistan", "Uzbekistan"]

    at.radio(key="regional.view").set_value("matrix").run()
    assert query_param(at, "view") == "matrix"
    shown = next(t for t in markdown_tables(at) if "Stance" in t.columns)
    assert shown["State"].tolist() == ["Uzbekistan", "Turkmenistan"]
    assert query_param(at, "colour") == "border_km", "the map's colouring stays in the URL while the map is hidden"

    at.radio(key="regional.view").set_value("map").run()
    assert query_param(at, "view") is None
    assert at.selectbox(key="regional.colour").value == "border_km", "reopened, the map comes back as it was"
    assert at.multiselect(key="regional.stance").value == ["engaging"]


def test_an_invalid_view_gives_a_notice_and_falls_back_to_the_map():
    at = _open({"view": "<script>alert(1)</script>"})
    assert [w.value for w in at.warning if "Ignored URL parameter view=" in w.value]
    assert all(len(w.value) < 250 for w in at.warning)
    assert _view(at) == "map" and len(at.get("deck_gl_json_chart")) == 1
    assert query_param(at, "view") is None


@pytest.mark.parametrize("params,defaults", [
    ({"colour": "<script>alert(1)</script>"}, {"colour": "stance"}),
    ({"stance": "friendly,hostile", "level": "9"}, {"level": "any"}),
    ({"view": "matrix", "stance": "friendly,hostile", "level": "9", "sort": "[link](http://x)"},
     {"level": "any", "sort": "report"}),
    ({"view": "compare", "a": "XXX", "b": "<b>x</b>"}, {"a": "PAK", "b": "IRN"}),
    ({"view": "profile", "state": "x" * 5000}, {"state": "PAK"}),
])
def test_bad_url_values_give_notices_and_defaults(params, defaults):
    at = _open(params)
    assert at.warning and all("Ignored URL parameter" in w.value for w in at.warning)
    assert all(len(w.value) < 250 for w in at.warning)
    assert len(at.warning) == len(set(params) - {"view"})
    for key, value in defaults.items():
        assert at.selectbox(key=f"regional.{key}").value == value
    assert _view(at) == params.get("view", "map")


def frames_names() -> dict[str, str]:
    from afdash.store import loaders

    return states.state_names(loaders.load_table("actors"))
