"""Russia–China cooperation (issue 5): the four datasets, their checks, the core functions behind the
page (catalogue, membership matrix, map, network, the two views, the recommendations tracker), and the
page itself through AppTest."""

import functools
import json
import re

import pandas as pd
import pytest

from afdash.cooperation import channels as C
from afdash.cooperation import datasets as coop
from afdash.cooperation import positions as V
from afdash.cooperation import recommendations as R
from afdash.core import downloads

from ..apptest_support import elements, markdown_tables, open_clean, page, popovers, query_param

PAGE = page("pages/russia-china.py")
_open = functools.partial(open_clean, PAGE, timeout=90)

# Every channel the issue lists (the Tunxi meeting with its working groups and initiative included).
ISSUE_CHANNELS = {
    "sco", "sco_rats", "sco_afg_contact_group", "csto", "cis", "eaeu", "moscow_format", "neighbours_fm_meeting",
    "nfm_working_groups", "tunxi_initiative", "extended_troika", "russia_china_plus", "regional_security_dialogue",
    "format_1_5", "obor", "un",
}
# Every recommendation the report makes, as catalogued; the first block are the issue's own examples.
ISSUE_EXAMPLES = {
    "rc_joint_exercises": "joint",
    "rc_unified_register": "register",
    "rc_intelligence_exchange": "intelligence",
    "rc_early_warning": "early-warning",
    "rc_border_posts_surveillance": "surveillance",
    "rc_legal_crops": "legal crops",
    "rc_train_afghan_students": "students",
    "rc_joint_humanitarian_aid": "humanitarian aid",
}
ALL_RECOMMENDATIONS = set(ISSUE_EXAMPLES) | {
    "rc_region_wide_approach", "rc_weigh_external_factors", "rc_rely_on_sco_csto", "rc_revisit_federalisation",
    "rc_parallel_steps", "rc_un_supervision", "rc_west_bears_cost", "rc_coordinate_policy",
    "rc_ct_information_platform", "rc_intelligence_partners", "rc_protect_companies", "rc_pakistan_security_policy",
    "rc_afghan_central_asian_ties", "rc_small_targeted_projects", "rc_multilateral_platforms",
    "rc_stronger_sco_cooperation", "rc_help_un_aid", "rc_refugee_plan", "rc_un_leads_peace",
    "rc_taliban_inclusive_order", "rc_sco_bigger_role", "rc_sco_contact_group", "rc_refugee_role",
    "rc_sco_refugees_border", "rc_security_belt", "rc_strengthen_security_cooperation", "rc_global_consensus",
    "rc_stop_isis_expansion", "rc_urge_taliban_all_groups", "rc_mediate_border_tensions",
    "rc_synchronise_counterterrorism", "rc_united_front_sco", "rc_use_dialogue_mechanisms",
    "rc_add_defence_ministers", "rc_russia_china_plus", "rc_sco_csto_complementary", "rc_sco_csto_information",
    "rc_central_asia_development", "rc_common_position", "rc_moderate_religious_policy",
    "rc_support_moderate_taliban", "rc_mediate_ethnic_conflicts", "rc_non_military_support", "rc_more_aid_from_us",
    "rc_regional_economic_integration", "rc_investment_climate", "rc_coordinate_central_asian_aid",
    "rc_sco_peaceful_dialogue", "rc_counter_terror_drugs_sco", "rc_joint_prevention", "rc_regional_global_formats",
    "rc_neighbours_with_russia_china",
}


@pytest.fixture(scope="session")
def t(built):
    return {name: b.table for name, b in built.items()}


@pytest.fixture(scope="session")
def names(t):
    return C.state_names(t["actors"], set(t["channel_members"]["iso3"]))


# ---- datasets ---------------------------------------------------------------------------------------
def test_every_channel_the_issue_lists_is_catalogued_with_kind_functions_and_threats(t):
    ch = t["channels"].set_index("channel_id")
    assert set(ch.index) >= ISSUE_CHANNELS
    assert ch.loc["csto", "kind"] == "military_alliance"
    assert ch.loc["eaeu", "kind"] == ch.loc["obor", "kind"] == "economic"
    assert ch.loc["russia_china_plus", "status"] == "proposed"
    assert {ch.loc[c, "parent_id"] for c in ("sco_rats", "sco_afg_contact_group")} == {"sco"}
    assert {ch.loc[c, "parent_id"] for c in ("nfm_working_groups", "tunxi_initiative")} == {"neighbours_fm_meeting"}
    for cid, r in ch.iterrows():
        assert r["functions"] and r["report_view"], cid
        assert r["threats"] and set(r["threats"].split("|")) <= set(coop.THREATS), cid


def test_every_recommendation_is_present_with_actor_channel_and_threat(t):
    recs = t["recommendations"].set_index("rec_id")
    assert set(recs.index) == ALL_RECOMMENDATIONS
    for rid, word in ISSUE_EXAMPLES.items():
        assert word in recs.loc[rid, "recommendation"].lower(), rid
    channel_ids = set(t["channels"]["channel_id"])
    for rid, r in recs.iterrows():
        assert r["actors"], rid
        chans = r["channels"].split("|")
        assert chans and all(c in channel_ids or c in coop.CHANNEL_CLASSES for c in chans), rid
        assert r["threats"] and set(r["threats"].split("|")) <= set(coop.THREATS), rid
        if not r["channel_stated"]:
            assert set(chans) <= set(coop.CHANNEL_CLASSES), f"{rid}: afdash may only add a channel class"
    # the issue's examples sit where the report puts them
    assert recs.loc["rc_joint_exercises", "channels"] == "bilateral|sco"
    assert recs.loc["rc_border_posts_surveillance", "channels"] == "sco"
    assert recs.loc["rc_legal_crops", "threats"] == "drugs"
    assert recs.loc["rc_coordinate_central_asian_aid", "channels"] == "eaeu|obor|sco|csto|format_1_5"


def test_every_membership_row_is_sourced(t):
    m = t["channel_members"]
    report = m[m["basis"] == "report"]
    public = m[m["basis"] == "public_record"]
    parent = m[m["basis"] == "parent"]
    assert report["section"].notna().all()
    assert public["source_url"].str.match(r"https?://").all()
    parents = t["channels"].set_index("channel_id")["parent_id"]
    members = set(zip(m["channel_id"], m["iso3"], m["role"], strict=True))
    for _, r in parent.iterrows():
        assert (parents[r["channel_id"]], r["iso3"], "member") in members
    assert len(report) + len(public) + len(parent) == len(m)


def test_memberships_follow_the_public_record_where_the_report_differs(t):
    m = t["channel_members"].set_index(["channel_id", "iso3"])
    iran = m.loc[("sco", "IRN")]
    assert iran["role"] == "observer" and "calls Iran a member" in iran["note"]
    assert m.loc[("sco", "IND"), "basis"] == "report" and m.loc[("sco", "IND"), "section"] == "external_factors"
    assert set(m.loc["csto"].index) == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert set(m.loc["extended_troika"].index) == {"RUS", "USA", "CHN", "PAK"}
    assert m.loc[("cis", "TKM"), "role"] == "associate_member"
    assert "sco_afg_contact_group" not in m.index.get_level_values(0), "no membership is guessed"


def _broken(t, name, frame):
    return {**t, name: frame}


def test_membership_check_names_an_unsourced_or_orphan_row(t):
    m = t["channel_members"].copy()
    assert coop.membership_checks(t) == []
    i = m.index[(m["channel_id"] == "cis") & (m["iso3"] == "RUS")][0]
    m.loc[i, "source_url"] = None
    errs = coop.membership_checks(_broken(t, "channel_members", m))
    assert [(e.column, e.row) for e in errs] == [("source_url", i + 2)]
    m = t["channel_members"]
    without_parent_row = m[~((m["channel_id"] == "sco") & (m["iso3"] == "IND"))]
    errs = coop.membership_checks(_broken(t, "channel_members", without_parent_row))
    assert any("sco_rats" not in e.problem and "parent channel 'sco'" in e.problem for e in errs)


def test_recommendation_check_rejects_unknown_channels_and_invented_organisations(t):
    assert coop.recommendation_checks(t) == []
    r = t["recommendations"].copy()
    stated, classed = r.index[r["channel_stated"]][0], r.index[~r["channel_stated"]][0]
    r.loc[stated, "channels"] = "nato"
    r.loc[classed, "channels"] = "sco"
    errs = coop.recommendation_checks(_broken(t, "recommendations", r))
    assert {(e.row, e.column) for e in errs} == {(stated + 2, "channels"), (classed + 2, "channel_stated")}


def test_attribution_check_keeps_sides_honest(t):
    assert coop.attribution_checks(t) == []
    v = t["expert_views"].copy()
    i = v.index[v["attribution"] == "chinese_experts"][0]
    v.loc[i, "side"] = "russian"
    errs = coop.attribution_checks(_broken(t, "expert_views", v))
    assert [(e.file, e.row, e.column) for e in errs] == [("expert_views.csv", i + 2, "side")]


def test_numbers_in_paraphrases_are_printed_in_the_report(t, report_text):
    printed = {n.rstrip(",") for n in re.findall(r"\d[\d,]*", report_text)}
    texts = [*t["expert_views"]["position"], *t["recommendations"]["recommendation"],
             *t["channels"]["functions"], *t["channels"]["report_view"]]
    for text in texts:
        for n in re.findall(r"\d[\d,]*", text):
            assert n.rstrip(",") in printed, f"{n!r} in {text[:60]!r} is not printed in the report"


# ---- channels: catalogue, matrix, map, network -----------------------------------------------------------
def test_filter_channels_by_kind_and_threat(t):
    ch = t["channels"]
    assert set(C.filter_channels(ch, ["military_alliance"])["channel_id"]) == {"csto"}
    drugs = set(C.filter_channels(ch, threats=["drugs"])["channel_id"])
    assert {"sco", "csto", "cis"} <= drugs and "obor" not in drugs
    assert set(C.filter_channels(ch, ["economic"], ["terrorism"])["channel_id"]) == set()
    assert len(C.filter_channels(ch)) == len(ch)


def test_filters_text_says_all_when_a_filter_is_empty():
    assert C.filters_text([], []) == "kind: all kinds; threat addressed: all threats"
    assert C.filters_text(["economic"], ["drugs", "terrorism"]) == (
        f"kind: {C.KIND_LABELS['economic']}; threat addressed: {C.THREAT_LABELS['drugs']}, "
        f"{C.THREAT_LABELS['terrorism']}")


def test_filter_together_keeps_the_channels_russia_and_china_share(t):
    ch, mem = t["channels"], t["channel_members"]
    both = set(C.filter_together(ch, mem, "both")["channel_id"])
    one = set(C.filter_together(ch, mem, "one")["channel_id"])
    assert {"sco", "sco_rats", "moscow_format", "extended_troika", "russia_china_plus", "un"} <= both
    assert {"csto", "cis", "eaeu", "obor", "cpec"} <= one  # Russia's alliances, China's Belt and Road
    assert not both & one
    assert "sco_afg_contact_group" not in both | one  # no listed members: nothing is guessed
    assert len(C.filter_together(ch, mem, "all")) == len(ch)
    for cid in both:
        assert {"RUS", "CHN"} <= set(mem.loc[mem["channel_id"] == cid, "iso3"]), cid
    for cid in one:
        assert len({"RUS", "CHN"} & set(mem.loc[mem["channel_id"] == cid, "iso3"])) == 1, cid


def test_catalogue_counts_the_listed_states(t):
    cat = C.catalogue(t["channels"], t["channel_members"]).set_index("channel")
    assert cat.loc["SCO", "states_listed"] == 18
    assert cat.loc["SCO–Afghanistan Contact Group", "states_listed"] == 0
    assert cat.loc["SCO RATS", "part_of"] == "SCO"
    assert "fn. 75" in cat.loc["CSTO", "source"]


def test_membership_matrix_agrees_with_the_channel_datasets(t, names):
    m, ch = t["channel_members"], t["channels"]
    matrix = C.membership_matrix(m, ch, names).set_index("iso3")
    labels = C.labels(ch)
    cells = matrix.drop(columns="state")
    assert (cells != "").sum().sum() == len(m)
    for _, r in m.iterrows():
        assert cells.loc[r["iso3"], labels[r["channel_id"]]] == C.ROLE_LABELS[r["role"]]
    assert list(cells.columns) == [labels[c] for c in ch["channel_id"] if c in set(m["channel_id"])]
    assert matrix.index[0] == "RUS", "the state in most channels comes first"
    named = C.report_states(t["actors"])
    small = C.membership_matrix(m, ch, names, named)
    assert set(small["iso3"]) == named & set(m["iso3"])
    assert "BLR" not in set(small["iso3"])


def test_member_list_and_off_map_states(t, names):
    m = t["channel_members"]
    sco = C.member_list(m, "sco", names)
    assert len(sco) == 18 and sco["role"].iloc[0] == "member"
    assert sco.set_index("iso3").loc["IRN", "role"] == "observer"
    assert sco.set_index("iso3").loc["IND", "source"].startswith("RIAC–PKU IISS Report 80/2022")
    on_map = {"CHN", "RUS", "IND", "PAK", "IRN", "KAZ", "KGZ", "TJK", "UZB", "AFG", "MNG", "ARM", "AZE", "NPL",
              "LKA", "TUR"}
    assert C.off_map(m, "sco", on_map, names) == ["Belarus", "Cambodia"]


def test_map_colours_the_chosen_channels_members_without_touching_the_cache(t):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None, "properties": {"iso3": iso, "name": iso}}
        for iso in ("RUS", "IRN", "TUR", "SAU")]}
    before = json.dumps(fc)
    out = C.map_features(fc, t["channel_members"], "sco")
    props = {f["properties"]["iso3"]: f["properties"] for f in out["features"]}
    assert props["RUS"]["role"] == "member" and props["RUS"]["fill"][:3] == [0, 114, 178]
    assert props["IRN"]["role"] == "observer" and props["TUR"]["role"] == "dialogue partner"
    assert props["IRN"]["fill"][:3] == [230, 159, 0]
    assert props["SAU"]["role"] == "not listed"
    assert json.dumps(fc) == before
    deck = C.channel_deck(fc, t["channel_members"], "csto")
    assert deck.map_provider is None and deck._tooltip == {"text": "{name}: {role}"}


def _crossings(nodes: pd.DataFrame, edges: pd.DataFrame) -> int:
    e = edges[["y", "y2"]].to_numpy()
    n = 0
    for i in range(len(e)):
        for j in range(i + 1, len(e)):
            if (e[i, 0] - e[j, 0]) * (e[i, 1] - e[j, 1]) < 0:
                n += 1
    return n


def test_network_layout_is_bipartite_and_cuts_crossings(t, names):
    m, ch = t["channel_members"], t["channels"]
    named = C.report_states(t["actors"])
    sub = m[m["iso3"].isin(named)]
    nodes, edges = C.network_layout(sub, ch, names)
    assert set(nodes.loc[nodes["type"] == "channel", "x"]) == {0.0}
    assert set(nodes.loc[nodes["type"] == "state", "x"]) == {1.0}
    assert nodes["y"].between(0, 1).all() and len(edges) == len(sub)
    assert (nodes["type"] == "state").sum() == sub["iso3"].nunique()
    pos = nodes.set_index(["type", "node"])["y"]
    for _, e in edges.iterrows():
        assert e["y"] == pos[("channel", e["channel_id"])] and e["y2"] == pos[("state", e["iso3"])]
    sco = nodes[(nodes["type"] == "channel") & (nodes["node"] == "sco")].iloc[0]
    assert sco["degree"] == int((sub["channel_id"] == "sco").sum())
    unsorted_nodes, unsorted_edges = C.network_layout(sub, ch, names, sweeps=0)
    assert _crossings(nodes, edges) < _crossings(unsorted_nodes, unsorted_edges)


def test_network_shows_the_states_the_matrix_shows(t, names):
    m, ch = t["channel_members"], t["channels"]
    named = C.report_states(t["actors"])
    report_only = C.network(m, ch, names, named, "sco").to_dict()
    every_state = C.network(m, ch, names, None, "sco").to_dict()
    nodes, edges = C.network_layout(m[m["iso3"].isin(named)], ch, names)
    assert report_only == C.network_chart(nodes, edges, "sco").to_dict()
    assert every_state == C.network_chart(*C.network_layout(m, ch, names), "sco").to_dict()
    assert set(nodes.loc[nodes["type"] == "state", "node"]) == set(m["iso3"]) & named


def test_lookups_name_every_listed_state_and_channel(t):
    countries = pd.DataFrame({"iso3": ["AFG", "RUS", "CHN"]})
    lk = C.lookups(t["actors"], t["channel_members"], t["channels"], countries)
    assert set(lk["states"]) == set(t["channel_members"]["iso3"])
    assert set(lk["channels"]) == set(t["channels"]["channel_id"])
    assert lk["actors"]["sco"] and lk["named"] == C.report_states(t["actors"])
    assert lk["on_map"] == {"AFG", "RUS", "CHN"}


def test_network_chart_highlights_only_the_chosen_channel(t, names):
    nodes, edges = C.network_layout(t["channel_members"], t["channels"], names)
    spec = C.network_chart(nodes, edges, "csto").to_dict()
    datasets = spec["datasets"]
    layers = spec["layer"]
    bright = datasets[layers[1]["data"]["name"]]
    assert {r["channel_id"] for r in bright} == {"csto"} and len(bright) == 6
    assert layers[0]["mark"]["type"] == "rule" and layers[2]["mark"]["type"] == "circle"
    bold = [r["label"] for layer in layers[3:] for r in datasets[layer["data"]["name"]]
            if layer["mark"].get("fontWeight") == "bold"]
    assert sorted(bold) == sorted(["CSTO", "Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"])


# ---- the two views -----------------------------------------------------------------------------------
def test_views_filter_grid_and_verdicts(t):
    v = t["expert_views"]
    obor = V.filter_views(v, ["obor"])
    assert set(obor["topic"]) == {"obor"} and "russian" not in set(obor["side"])
    g = V.grid(v).set_index(["topic", "side"])
    assert g.loc[("One Belt, One Road", "Russian side"), "agreement"] == "no position"
    assert g["n"].sum() == len(v)
    assert V.overall(pd.Series(["agree", "partly"])) == "partly"
    assert V.overall(pd.Series(["agree", "diverge", "partly"])) == "diverge"
    verdicts = V.topic_verdicts(v)
    assert verdicts["taliban"] == "diverge" and verdicts["drugs"] == "partly"
    assert set(V.filter_views(v, agreements=["diverge"])["topic"]) == {"taliban", "recognition"}
    assert set(V.grid(v, ["drugs"])["topic"]) == {"Drugs"}


def test_topic_blocks_put_every_position_under_its_side_once(t):
    v = V.filter_views(t["expert_views"], ["obor", "drugs"])
    blocks = V.topic_blocks(v)
    assert [h for h, _ in blocks] == ["#### Drugs — overall: partly", "#### One Belt, One Road — overall: partly"]
    assert all(len(sides) == 3 and [b.split("\n\n")[0] for b in sides] == [f"**{V.SIDE_LABELS[s]}**" for s in V.SIDES]
               for _, sides in blocks)
    obor_russian = blocks[1][1][list(V.SIDES).index("russian")]
    assert obor_russian.endswith("No position of this side on this topic in the report.]")
    assert V.topic_blocks(v, filtered=True)[1][1][list(V.SIDES).index("russian")].endswith("matches the filter.]")
    shown = "\n".join(b for _, sides in blocks for b in sides)
    assert sum(shown.count(V.position_markdown(r)) for _, r in v.iterrows()) == len(v)


def test_every_topic_has_a_shared_line_and_both_sides_where_the_report_gives_them(t):
    v = t["expert_views"]
    for topic in coop.TOPICS:
        sides = set(v.loc[v["topic"] == topic, "side"])
        assert "shared" in sides and "chinese" in sides, topic
        assert topic == "obor" or "russian" in sides, topic


def test_view_rows_as_shown_and_downloaded(t):
    v = V.filter_views(t["expert_views"], ["drugs"])
    table = V.table(v)
    assert len(table) == len(v) and set(table["topic"]) == {"Drugs"}
    assert table["source"].str.startswith("RIAC–PKU IISS Report 80/2022").all()
    md = V.position_markdown(v.iloc[0])
    assert md.startswith(":orange-badge[partly]") and "<" not in md
    spec = V.agreement_chart(v, ["drugs"]).to_dict()
    cells = spec["datasets"][spec["layer"][0]["data"]["name"]]
    assert {c["side"]: c["n"] for c in cells} == {"Russian side": 1, "Chinese side": 1, "Shared": 2}


# ---- recommendations ---------------------------------------------------------------------------------
def test_filter_recommendations(t):
    r = t["recommendations"]
    assert list(R.filter_recs(r, actor="pak")["rec_id"]) == ["rc_pakistan_security_policy"]
    assert list(R.filter_recs(r, channel="russia_china_plus")["rec_id"]) == ["rc_russia_china_plus"]
    drugs = set(R.filter_recs(r, threats=["drugs"])["rec_id"])
    assert drugs == {"rc_legal_crops", "rc_counter_terror_drugs_sco"}
    sco_terror = R.filter_recs(r, actor="rus", channel="sco", threats=["terrorism"], voices=["shared"])
    assert "rc_joint_exercises" in set(sco_terror["rec_id"]) and "rc_border_posts_surveillance" not in set(
        sco_terror["rec_id"])
    assert R.filter_recs(r, actor="pak", threats=["drugs"]).empty
    assert len(R.filter_recs(r)) == len(r)


def test_tracker_download_is_the_filtered_table(t):
    r, ch, actors = t["recommendations"], t["channels"], t["actors"]
    shown = R.filter_recs(r, channel="sco_afg_contact_group")
    table = R.tracker(shown, C.labels(ch), dict(zip(actors["actor_id"], actors["name"], strict=True)))
    assert len(table) == 1 and table.loc[0, "channel"] == "SCO–Afghanistan Contact Group"
    assert table.loc[0, "who_acts"] == "China" and table.loc[0, "channel_named_in_report"] == "yes"
    csv = downloads.to_csv_bytes(table).decode("utf-8-sig")
    assert csv.count("\r\n") == 2 and "Contact Group" in csv
    assert R.channel_options(r, ch)[-3:] == ["bilateral", "national", "multilateral"]
    assert set(R.actor_options(r)[:2]) == {"rus", "chn"}


def test_threat_counts_add_up(t):
    r = t["recommendations"]
    counts = R.threat_counts(r)
    assert counts["n"].sum() == sum(len(x.split("|")) for x in r["threats"])
    table = R.threat_table(r)
    assert table["total"].sum() == counts["n"].sum()
    assert list(table["threat addressed"]) == [lab for lab in (R.THREAT_LABELS[k] for k in R.THREATS)
                                               if lab in set(counts["threat"])]


# ---- the page through AppTest ------------------------------------------------------------------------------


def test_page_default_view_shows_the_catalogue_only():
    at = _open()
    assert at.title[0].value == "Russia–China cooperation"
    assert [s.value for s in at.subheader] == ["Channels the report names"]
    assert not at.dataframe and len(_shown(at, "Channel")) == 20  # a Markdown table: every column wraps
    assert not at.get("deck_gl_json_chart") and not at.get("vega_lite_chart")  # they have views of their own
    assert at.radio(key="russia_china.together").value == "all"
    assert any("Report 80/2022" in c.value for c in at.caption)
    assert [b.proto.label for b in at.get("download_button")] == ["Download these 20 channels (CSV)"]
    assert "view" not in at.query_params
    # kind and threat wait in a popover (drawn when opened); the caption says what they are set to
    box = popovers(at)["Kind, threat addressed"]
    assert {w.key for w in elements(box) if getattr(w, "key", None)} == {"russia_china.kind", "russia_china.threat"}
    assert any(c.value == "Filters: kind: all kinds; threat addressed: all threats." for c in at.caption)
    at = _open({"kind": "military_alliance", "threat": "drugs"})
    assert any(c.value.startswith(f"Filters: kind: {C.KIND_LABELS['military_alliance']}; threat addressed: "
                                  f"{C.THREAT_LABELS['drugs']}") for c in at.caption)


def test_together_switch_keeps_the_channels_both_sit_in_and_lands_in_the_url():
    at = _open()
    at.radio(key="russia_china.together").set_value("both").run()
    assert query_param(at, "together") == "both"
    shown = _shown(at, "Channel")["Channel"].tolist()
    assert "SCO" in shown and "CSTO" not in shown and "One Belt, One Road" not in shown
    at = _open({"together": "one", "kind": "military_alliance"})
    assert _shown(at, "Channel")["Channel"].tolist() == ["CSTO"]
    at = _open({"together": "both", "kind": "military_alliance"})
    assert any("No channels match: kind=military_alliance; threat=; Russia and China: both take part" in i.value
               for i in at.info)


def test_members_view_shows_map_roster_and_sources():
    at = _open({"view": "members"})
    assert [s.value for s in at.subheader] == ["Who belongs where"]
    assert len(at.get("deck_gl_json_chart")) == 1 and not at.get("vega_lite_chart") and not at.dataframe
    assert at.selectbox[0].value == "sco"
    assert any("**member:** China, India" in m.value for m in at.markdown)
    assert any("Also listed, outside this map: Belarus, Cambodia" in c.value for c in at.caption)
    assert any("Report 80/2022" in c.value for c in at.caption)
    assert [b.proto.label for b in at.get("download_button")] == ["Download the 18 states of SCO with sources (CSV)"]


def test_channel_from_the_url_drives_map_and_members_and_choosing_one_updates_the_url():
    at = _open({"view": "members", "channel": "csto"})
    assert at.selectbox[0].value == "csto"
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    feats = deck["layers"][0]["data"]["features"]
    roles = {f["properties"]["iso3"]: f["properties"]["role"] for f in feats}
    assert roles["TJK"] == "member" and roles["CHN"] == "not listed"
    at.selectbox[0].set_value("extended_troika").run()
    assert query_param(at, "channel") == "extended_troika" and query_param(at, "view") == "members"
    assert any("**member:** China, Pakistan, Russia, United States" in m.value for m in at.markdown)


def test_channel_without_listed_members_says_why():
    at = _open({"view": "members", "channel": "sco_afg_contact_group"})
    assert any("No membership listed" in i.value for i in at.info)


def test_network_view_follows_the_channel_and_the_states_switch():
    at = _open({"view": "network", "channel": "csto"})
    assert [s.value for s in at.subheader] == ["Network of states and channels"]
    assert len(at.get("vega_lite_chart")) == 1 and not at.get("deck_gl_json_chart") and not at.dataframe
    assert at.selectbox[0].value == "csto" and at.radio(key="russia_china.states").value == "report"
    nodes = _network_nodes(at)
    assert set(nodes.loc[nodes["on"], "node"]) >= {"csto", "TJK"} and "BLR" not in set(nodes["node"])
    at.radio(key="russia_china.states").set_value("all").run()
    assert query_param(at, "states") == "all" and query_param(at, "channel") == "csto"
    assert "BLR" in set(_network_nodes(at)["node"])  # every listed state, not only those the report names


def _network_nodes(at) -> pd.DataFrame:
    """The network chart's nodes as the page sent them (Streamlit ships chart data as Arrow, apart from the spec)."""
    import pyarrow as pa

    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas()
              for d in at.get("vega_lite_chart")[0].proto.datasets]
    return next(f for f in frames if "node" in f.columns and "on" in f.columns)


def test_kind_filter_narrows_the_catalogue_and_lands_in_the_url():
    at = _open({"kind": "military_alliance"})
    assert _shown(at, "Channel")["Channel"].tolist() == ["CSTO"]
    at.multiselect[1].set_value(["drugs"]).run()
    assert query_param(at, "threat") == "drugs" and query_param(at, "kind") == "military_alliance"
    at.multiselect[0].set_value(["economic"]).run()
    assert any("No channels match: kind=economic; threat=drugs" in i.value for i in at.info)


def test_states_switch_widens_the_matrix():
    at = _open({"view": "matrix", "states": "all"})
    assert [s.value for s in at.subheader] == ["Membership matrix"]
    assert len(at.get("vega_lite_chart")) == 1 and not at.dataframe and not at.get("deck_gl_json_chart")
    assert "Belarus" in _grid_states(at)
    at = _open({"view": "matrix"})
    assert "Belarus" not in _grid_states(at) and "Russia" in _grid_states(at)
    assert at.get("download_button")[0].proto.label.startswith("Download the matrix (")


def test_switching_views_keeps_a_hidden_views_choice_in_the_url():
    at = _open({"view": "members"})
    at.selectbox[0].set_value("csto").run()
    at.radio(key="russia_china.view").set_value("matrix").run()
    assert query_param(at, "channel") == "csto" and query_param(at, "view") == "matrix"
    at.radio(key="russia_china.states").set_value("all").run()
    at.radio(key="russia_china.view").set_value("network").run()  # both follow into the network view
    assert at.selectbox[0].value == "csto" and at.radio(key="russia_china.states").value == "all"
    at.radio(key="russia_china.view").set_value("channels").run()
    assert "view" not in at.query_params and query_param(at, "channel") == "csto"


def test_an_unknown_view_gives_a_notice_and_the_default_view():
    at = _open({"view": "[x](http://evil)"})
    assert len(at.warning) == 1 and "Ignored URL parameter view=" in at.warning[0].value
    assert "](http" not in at.warning[0].value
    assert at.radio(key="russia_china.view").value == "channels"
    assert [s.value for s in at.subheader] == ["Channels the report names"]


def test_views_section_lines_up_the_sides_per_topic():
    at = _open({"view": "views", "topic": "obor,drugs"})
    heads = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert heads == ["#### Drugs — overall: partly", "#### One Belt, One Road — overall: partly"]
    assert any("No position of this side on this topic in the report." in m.value for m in at.markdown)
    assert at.get("vega_lite_chart")
    assert "8 positions" in at.get("download_button")[0].proto.label


def test_recommendations_section_filters_and_counts():
    at = _open({"view": "recommendations", "actor": "pak"})
    assert at.metric[0].value == "1 of 60"
    assert not at.get("vega_lite_chart") and not at.dataframe  # the tracker is a Markdown table, in full
    counts = next(m.value for m in at.markdown if m.value.startswith("| threat addressed |"))
    assert counts.count("\n") >= 2  # header, rule and at least one threat
    assert _shown(at, "Recommendation")["Recommendation"].str.contains("Pakistan").all()
    at.selectbox[0].set_value("all").run()
    at.selectbox[1].set_value("russia_china_plus").run()
    assert query_param(at, "via") == "russia_china_plus" and "actor" not in at.query_params
    assert at.metric[0].value == "1 of 60"
    at = _open({"view": "recommendations", "actor": "pak", "rthreat": "drugs"})
    assert at.info and "No recommendations match: actor=pak" in at.info[0].value
    assert "0 recommendations" in at.get("download_button")[0].proto.label


@pytest.mark.parametrize("params, key", [
    ({"view": "members", "channel": "<script>alert(1)</script>"}, "channel"),
    ({"view": "nope"}, "view"),
    ({"together": "neither"}, "together"),
    ({"view": "views", "topic": "zzz,drugs"}, "topic"),
    ({"view": "recommendations", "actor": "x" * 500}, "actor"),
    ({"view": "matrix", "states": "[x](http://evil)"}, "states"),
    ({"view": "network", "states": "[x](http://evil)"}, "states"),
])
def test_bad_url_values_give_a_notice_and_the_default(params, key):
    at = _open(params)
    assert at.warning and f"Ignored URL parameter {key}" in at.warning[0].value
    assert len(at.warning[0].value) < 200 and "](http" not in at.warning[0].value


def _shown(at, column: str):
    """The Markdown table on the page that has `column`."""
    return next(t for t in markdown_tables(at) if column in t.columns)


def _grid_states(at) -> list[str]:
    """The rows of the membership grid, as its spec orders them."""
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    return spec["layer"][0]["encoding"]["y"]["sort"]
