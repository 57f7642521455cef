"""Questions a reader asks of the report, across the four areas, find the row that answers them in the top 5;
every spelling of an actor finds the same rows; the build's search_documents cover every sourced dataset."""

import statistics
import time

import pytest

from afdash.briefing.areas import framing
from afdash.search import documents, engine, index
from afdash.store import catalogue, loaders

# (query, dataset, row_key of a row that must be among the first five hits)
QUESTIONS = [
    # security
    ("Wilayat Khorasan members 2022", "key_figures", "isisk_members_early_2022"),
    ("civilian casualties 2021", "civilian_casualties", "t1_2021_total"),
    ("foreign terrorists in Afghanistan", "key_figures", "foreign_terrorists_in_afghanistan"),
    ("terrorist groups more than 20", "key_figures", "terrorist_groups_count"),
    ("US drone strike Kabul", "events", "ev_20210829_us_drone_strike_kabul"),
    ("Haqqani", "armed_groups", "haqqani_network"),
    ("Panjshir resistance", "armed_groups", "anrf"),
    ("1,426", "key_figures", "terror_deaths_2021"),
    ("4,000", "key_figures", "isisk_members_early_2022"),
    # regional
    ("Afghan refugees Iran", "key_figures", "afghan_refugee_influx_iran"),
    ("Tajikistan border troops", "regional_statements", "tjk_troops"),
    ("Uzbekistan rocket attack", "regional_statements", "uzb_rockets"),
    ("Iran border clash", "events", "ev_20220731_iran_taliban_border_clash"),
    ("TAPI pipeline", "regional_projects", "tapi"),
    ("CSTO exercises", "channels", "csto"),
    # cooperation
    ("Tunxi Initiative", "channels", "tunxi_initiative"),
    ("Moscow format", "channels", "moscow_format"),
    ("SCO counter-terrorism recommendation", "recommendations", "rc_counter_terror_drugs_sco"),
    ("Chinese view on ETIM Xinjiang", "expert_views", "xv_etim_cn_goal"),
    ("Russia China drugs", "expert_views", "xv_drugs_ru"),
    ("recognition of the Taliban preconditions", "key_figures", "recognition_preconditions"),
    # external powers
    ("frozen assets 9.5 billion", "key_figures", "us_frozen_afghan_assets"),
    ("7 billion executive order", "us_instruments", "us_asset_release_order"),
    ("Qatar Doha agreement", "events", "ev_20200229_doha_agreement"),
    ("Pakistan influence rose", "influence_shift", "pak|external_factors"),
    ("Turkey interests", "external_players", "tur_interests_1"),
    ("humanitarian aid UN plan", "key_figures", "un_hrp_education_health_aid"),
    ("mineral reserves trillion", "key_figures", "mineral_reserves_value"),
    ("earthquake deaths", "key_figures", "earthquake_june_2022_deaths"),
]
ISIS_K = ["ISIS-K", "ISKP", "IS-K", "Islamic State–Khorasan", "Wilayat Khorasan", "ISIS-Khorasan", "iskp"]
ETIM = ["ETIM", "TIP", "East Turkestan Islamic Movement", "Turkistan Islamic Party"]
IPT = ["IPT", "Islamic Party of Turkestan", "Islamic Party of Turkistan", "Islamic Movement of Uzbekistan"]


@pytest.fixture(scope="session")
def ix():
    return index.Index(loaders.load_table("search_documents"), loaders.load_table("actors"))


def _top(ix, q, n=5):
    return [(h.dataset, h.row_key) for h in engine.search(ix, q, {}, limit=n).hits.itertuples()]


def test_fts5_with_porter_is_available():
    assert index.fts5_available()


@pytest.mark.parametrize("q,dataset,key", QUESTIONS, ids=[q for q, _, _ in QUESTIONS])
def test_reader_questions_find_their_row_in_the_top_five(ix, q, dataset, key):
    assert (dataset, key) in _top(ix, q), _top(ix, q)


def test_questions_cover_the_four_areas(ix):
    docs = ix.docs.set_index(["dataset", "row_key"])
    areas = {docs.loc[(d, k), "area"] for _, d, k in QUESTIONS}
    assert {"security", "regional", "cooperation", "external"} <= areas
    assert len(QUESTIONS) >= 20


@pytest.mark.parametrize("group", [ISIS_K, ETIM, IPT], ids=["isis_k", "etim", "ipt_imu"])
def test_every_spelling_of_an_actor_finds_the_same_rows(ix, group):
    results = {q: {(h.dataset, h.row_key) for h in engine.search(ix, q, {}, limit=500).hits.itertuples()}
               for q in group}
    first = results[group[0]]
    assert first, group[0]
    for q, found in results.items():
        assert found == first, q


def test_spellings_do_not_merge_different_actors(ix):
    """TIP (ETIM's later name) and IPT (the report's Islamic Party of Turkestan) are two groups: each one's own
    armed-group row comes first (the other may follow: the rows mention each other)."""
    assert engine.search(ix, "TIP", {"dataset": "armed_groups"}).hits["row_key"].iat[0] == "etim"
    assert engine.search(ix, "IPT", {"dataset": "armed_groups"}).hits["row_key"].iat[0] == "ipt_imu"


def test_numbers_match_as_printed_and_without_separators(ix):
    assert ("key_figures", "isisk_members_early_2022") in _top(ix, "4000")
    assert ("key_figures", "isisk_members_early_2022") in _top(ix, "4,000")
    assert ("key_figures", "us_frozen_afghan_assets") in _top(ix, "9.5")


def test_search_documents_cover_every_sourced_dataset():
    docs = loaders.load_table("search_documents")
    for name in documents.MAKERS:
        assert (docs["dataset"] == name).sum() == len(loaders.load_table(name)), name
    assert docs["doc_id"].is_unique
    assert set(documents.SOURCES) == set(catalogue.get("search_documents").needs)


def test_the_briefing_fact_default_is_a_real_document():
    docs = loaders.load_table("search_documents").set_index("doc_id")
    assert docs.loc[framing.FACT_DEFAULT, "row_key"] == "isisk_members_early_2022"


def test_facet_counts_add_up_and_filters_narrow(ix):
    r = engine.search(ix, "ISKP", {})
    assert sum(n for _, _, n in r.facets["dataset"]) == r.matched
    f = engine.search(ix, "ISKP", {"area": "security", "year": "2022"})
    assert 0 < f.total < r.total
    assert all(a == "security" for a in f.hits["area"]) and all(y == 2022 for y in f.hits["year"])
    # the area facet keeps its alternatives' counts while an area is chosen
    assert len(f.facets["area"]) > 1


def test_server_time_per_query(ix, capsys):
    """Measured, not asserted (timed assertions belong to the perf tier): `pytest tests/search -k server_time -s`."""
    times = []
    for q, _, _ in QUESTIONS * 3:
        t = time.perf_counter()
        result = engine.search(ix, q, {})
        times.append(time.perf_counter() - t)
        assert result.total > 0, q
    with capsys.disabled():
        print(f"\nsearch server time per query: median {statistics.median(times) * 1000:.1f} ms, "
              f"max {max(times) * 1000:.1f} ms over {len(times)} queries")
