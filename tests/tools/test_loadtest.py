"""afdash loadtest: the figures are a pure function of the samples; the plan covers every page and sample;
widget changes are real changes; and a short live run (2 sessions, a few seconds) speaks Streamlit's
protocol to a real server without a single error."""

from __future__ import annotations

import pytest

from afdash.web import site
from tools import load_plan, load_report, load_session, loadtest
from tools.load_plan import Sample


def _s(t, ms, page="/", errors=(), step="load"):
    return Sample(t, page, step, None if ms is None else ms / 1000, list(errors))


def test_summary_figures_from_made_up_samples():
    single = [_s(0, 100), _s(1, 120), _s(2, 80)]
    load = [_s(i, 100 + 10 * i, page=p.path) for i, p in enumerate(site.PAGES * 10)]
    rss = [(0, 200.0), (30, 210.0), (60, 220.0), (90, 225.0), (120, 230.0)]
    r = load_report.summarise(single, load, rss, sessions=20, duration=120, think=(2, 6), settle=60, tracebacks=0)
    assert r.single_median_ms == pytest.approx(100)
    assert r.requests == len(load) and r.errors == 0
    lat = sorted(100 + 10 * i for i in range(len(load)))
    assert r.p50_ms == lat[round(0.5 * (len(lat) - 1))] and r.max_ms == lat[-1]
    assert r.p95_ratio == pytest.approx(r.p95_ms / 100)
    assert r.rss_settle_mb == 220 and r.rss_end_mb == 230 and r.rss_growth == pytest.approx(10 / 220)
    assert r.requests_per_page == {p.path: 10 for p in site.PAGES}
    assert r.pages_checked == sorted({"/", *(p.path for p in site.PAGES)})


def test_errors_slow_p95_and_memory_growth_fail_the_run():
    single = [_s(0, 100)]
    ok = [_s(i, 150, page=p.path) for i, p in enumerate(site.PAGES * 5)]
    r = load_report.summarise(single, ok, [(0, 100), (60, 100), (120, 110)], 20, 120, (2, 6), 60, 0)
    assert r.ok, r.checks
    bad = load_report.summarise(single, [*ok, _s(99, None, errors=["timeout"])], [(60, 100), (120, 100)],
                             20, 120, (2, 6), 60, 0)
    assert not bad.checks["zero errors"] and "timeout" in bad.error_examples
    slow = load_report.summarise(single, [_s(i, 400, page=p.path) for i, p in enumerate(site.PAGES * 5)],
                              [(60, 100), (120, 100)], 20, 120, (2, 6), 60, 0)
    assert not slow.ok and slow.p95_ratio == pytest.approx(4.0)
    leak = load_report.summarise(single, ok, [(0, 100), (60, 100), (120, 125)], 20, 120, (2, 6), 60, 0)
    assert not leak.ok and leak.rss_growth == pytest.approx(0.25)
    traced = load_report.summarise(single, ok, [(60, 100), (120, 100)], 20, 120, (2, 6), 60, tracebacks=1)
    assert not traced.checks["zero errors"]
    assert "**Load test failed:**" in load_report.markdown(leak)


def test_plan_visits_every_page_and_every_sample():
    steps = load_plan.plan(site.PAGES)
    for page in site.PAGES:
        queries = [q for p, q in steps if p is page]
        assert queries == list(page.samples or ("",))


def test_widget_changes_are_changes():
    from streamlit.proto.Checkbox_pb2 import Checkbox
    from streamlit.proto.MultiSelect_pb2 import MultiSelect
    from streamlit.proto.Selectbox_pb2 import Selectbox

    box = Selectbox(id="w1", options=["a", "b", "c"], default=0)
    assert load_session.widget_state("selectbox", box, 0).string_value == "b"
    assert load_session.widget_state("selectbox", box, 2).string_value == "a"
    multi = MultiSelect(id="w2", options=["x", "y"])
    assert list(load_session.widget_state("multiselect", multi, 1).string_array_value.data) == ["y"]
    tick = Checkbox(id="w3")
    assert load_session.widget_state("checkbox", tick, 0).bool_value is True
    assert load_session.widget_state("selectbox", Selectbox(id="w4"), 0) is None


@pytest.mark.loadtest
def test_short_live_run_has_no_errors_and_visits_every_page():
    lines: list[str] = []
    r = loadtest.run(sessions=2, duration=8, think=(0.05, 0.3), settle=4, single_rounds=1, log=lines.append)
    assert r.errors == 0 and r.server_log_tracebacks == 0, r.error_examples
    assert r.requests >= 2, r.requests_per_page  # the load phase ran (8 s is too short for every page there)
    assert set(r.pages_checked) >= {p.path for p in site.PAGES}  # the single-session round reached them all
    assert r.filter_changes >= 1, "no widget change was sent"
    assert r.single_median_ms and r.p95_ms and r.rss_end_mb
    # each sample link opens the view it names (a fresh session reads the query string)
    assert "deck_gl_json_chart" in r.single_drawn["/security-trends?view=map&province=AF-KAB"]
    assert "deck_gl_json_chart" not in r.single_drawn["/security-trends?"]
    assert any("server healthy" in line for line in lines)


def test_chosen_links_are_the_plan_and_the_pages_checked():
    links = ["/security-trends?view=imported", "/security-trends?view=imported-map"]
    steps = load_plan.link_plan(links)
    assert [(p.path, q) for p, q in steps] == [("/security-trends", "view=imported"),
                                               ("/security-trends", "view=imported-map")]
    with pytest.raises(ValueError, match="no page at '/nowhere'"):
        load_plan.link_plan(["/nowhere?view=x"])
    load = [_s(i, 100, page="/security-trends") for i in range(4)]
    load[0].query, load[1].query = "view=imported", "view=imported-map&type=Battles"
    r = load_report.summarise([_s(0, 100)], load, [(0, 100), (60, 100), (120, 100)], 2, 120, (2, 6), 60, 0,
                              links=links)
    assert r.expected_pages == ["/security-trends"] and r.checks["every page visited"]
    assert {"/security-trends?view=imported load", "/security-trends?view=imported-map load",
            "/security-trends load"} == set(r.breakdown)
    assert "`/security-trends?view=imported-map`" in load_report.markdown(r)
    whole = load_report.summarise([_s(0, 100)], load, [(0, 100), (60, 100), (120, 100)], 2, 120, (2, 6), 60, 0)
    assert not whole.checks["every page visited"]  # without links every registered page must be reached
